"""Export: write the RDF graph and the HTML view, atomically.

Pure serialisers (``to_turtle``) are kept apart from the writers
(``write_turtle``); every writer goes through :func:`write_atomic`, so an
interrupted build leaves the previous file intact. ``EXPORTERS`` names every
output a build writes.

The RDF is written four ways, all deterministic (two builds of one corpus give
byte-identical files) and each parsing back to the graph it was written from:
``graph.ttl`` (Turtle), ``graph.nt`` (N-Triples, lines sorted), ``graph.jsonld``
(JSON-LD with a prefix ``@context``, nodes sorted by ``@id``) and ``graph.trig``
(TriG, see :func:`to_dataset` for its layout).
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
import weakref
from collections.abc import Callable
from functools import partial
from pathlib import Path

import networkx as nx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.ontology import DGO, DGR, WD, RdfTriples

__all__ = ["EXPORTERS", "JSONLD_CONTEXT", "get_exporter", "remove_stale_temps", "to_dataset", "to_jsonld", "to_ntriples", "to_trig",
           "to_turtle", "write_atomic", "write_graphio",
           "write_html", "write_jsonld", "write_ntriples", "write_trig", "write_turtle"]

#: the compact JSON-LD context: prefixes only, so every key reads as in the Turtle
JSONLD_CONTEXT = {"dcterms": str(DCTERMS), "dgo": str(DGO._NS), "dgr": str(DGR), "org": str(ORG),
                  "prov": str(PROV), "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS), "wd": str(WD),
                  "xsd": str(XSD)}


# The serialisers run on Oxigraph (Rust): rdflib's Turtle, TriG and JSON-LD writers take
# minutes on a corpus-sized graph, Oxigraph seconds. Triples are sorted before writing, so
# every file is the same bytes for the same graph.

def _ox_term(term):
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot serialise RDF term {term!r}")


def _serialize(items, fmt_name: str) -> str:
    import pyoxigraph as ox

    prefixes = dict(sorted(JSONLD_CONTEXT.items())) if fmt_name in ("TURTLE", "TRIG") else None
    return ox.serialize(items, format=getattr(ox.RdfFormat, fmt_name), prefixes=prefixes).decode("utf-8")


def _ox_triples(triples) -> list:
    """Oxigraph triples sorted by their N-Triples form: subject, then predicate, then object."""
    import pyoxigraph as ox

    return sorted((ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in triples), key=str)


_SORTED: "weakref.WeakKeyDictionary[Graph, tuple[int, list]]" = weakref.WeakKeyDictionary()


def _sorted_ox(rdf) -> list:
    """The graph's triples, sorted and converted once for all the writers of a build.

    ``rdf`` is the build's :class:`~kg.ontology.RdfTriples` (already sorted) or any rdflib Graph.
    """
    if isinstance(rdf, RdfTriples):
        return rdf.triples
    cached = _SORTED.get(rdf)
    if cached is None or cached[0] != len(rdf):
        cached = (len(rdf), _ox_triples(rdf))
        _SORTED[rdf] = cached
    return cached[1]


def to_turtle(rdf: Graph) -> str:
    """Turtle text of ``rdf``: prefixes, then subjects in IRI order, each with its sorted properties."""
    return _serialize(_sorted_ox(rdf), "TURTLE")


def to_ntriples(rdf: Graph) -> str:
    """N-Triples, one triple a line, lines sorted.

    The triples are written in their sorted order, which is that of their lines: a line is
    the triple's text (what ``str`` gives) followed by `` .``. Sorting is safe because the
    graph has no blank nodes (their labels would differ between runs).
    """
    return _serialize(_sorted_ox(rdf), "N_TRIPLES")


def to_jsonld(rdf: Graph) -> str:
    """JSON-LD compacted with :data:`JSONLD_CONTEXT`: one node per subject, nodes sorted by ``@id``.

    Built directly (the graph has no blank nodes and no lists): IRIs become ``prefix:rest``
    compact IRIs, ``rdf:type`` becomes ``@type``, literals ``{"@value", "@language" | "@type"}``.
    """
    import pyoxigraph as ox

    nodes: dict[str, dict] = {}
    for triple in _sorted_ox(rdf):
        subject, predicate, obj = triple.subject.value, triple.predicate.value, triple.object
        node = nodes.setdefault(subject, {"@id": _compact(subject)})
        if predicate == _RDF_TYPE:
            node.setdefault("@type", []).append(_compact(obj.value))
        elif isinstance(obj, ox.NamedNode):
            node.setdefault(_compact(predicate), []).append({"@id": _compact(obj.value)})
        else:
            value = {"@value": obj.value}
            if obj.language:
                value["@language"] = obj.language
            elif obj.datatype.value != _XSD_STRING:
                value["@type"] = _compact(obj.datatype.value)
            node.setdefault(_compact(predicate), []).append(value)
    doc = {"@context": JSONLD_CONTEXT, "@graph": [nodes[k] for k in sorted(nodes, key=_compact)]}
    # one node a line: readable, and json's C encoder (indent= falls back to pure Python, 10× slower)
    lines = ",\n".join(json.dumps(node, ensure_ascii=False, sort_keys=True) for node in doc["@graph"])
    context = json.dumps(doc["@context"], ensure_ascii=False, sort_keys=True)
    return f'{{"@context": {context},\n"@graph": [\n{lines}\n]}}\n'.replace("[\n\n]", "[]")


_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)


@functools.lru_cache(maxsize=1 << 16)
def _compact(iri: str) -> str:
    best = max((ns for ns in JSONLD_CONTEXT.values() if iri.startswith(ns)), key=len, default="")
    if not best:
        return iri
    prefix = next(k for k, v in JSONLD_CONTEXT.items() if v == best)
    return f"{prefix}:{iri[len(best):]}"


def _document_graphs(triples: list) -> tuple[dict, list]:
    """Oxigraph triples of each document's named graph, and those of the default graph (see :func:`to_dataset`)."""
    by_subject: dict = {}
    derived: dict = {}
    documents = []
    for triple in triples:
        by_subject.setdefault(triple.subject, []).append(triple)
        if triple.predicate.value == _DERIVED_FROM:
            derived.setdefault(triple.object, []).append(triple.subject)
        elif triple.predicate.value == _RDF_TYPE and triple.object.value == _DOCUMENT:
            documents.append(triple.subject)
    present = set(triples)
    placed: set = set()
    named: dict = {}
    for doc in documents:
        chosen = set(by_subject.get(doc, ()))
        for stmt in derived.get(doc, ()):
            stmt_triples = by_subject.get(stmt, ())
            chosen.update(stmt_triples)
            parts = {t.predicate.value: t.object for t in stmt_triples}
            if all(k in parts for k in _REIFIED):
                import pyoxigraph as ox

                fact = ox.Triple(parts[_REIFIED[0]], parts[_REIFIED[1]], parts[_REIFIED[2]])
                if fact in present:
                    chosen.add(fact)
        named[doc] = sorted(chosen, key=str)
        placed |= chosen
    default = [t for t in triples if t not in placed]
    return named, default


_DERIVED_FROM = str(PROV.wasDerivedFrom)
_DOCUMENT = str(DGO.Document)
_REIFIED = (str(RDF.subject), str(RDF.predicate), str(RDF.object))


def to_dataset(rdf: Graph) -> Dataset:
    """The TriG layout as an rdflib Dataset: one named graph per document plus a default graph.

    * named graph ``<dgr:doc/ID>`` (the document's own IRI): the document's description
      (``dcterms:*``, ``dgo:mentions``), every ``dgo:Assertion`` derived from it with all its
      triples, and the relation triples those assertions state; a fact stated by two
      documents is in both graphs;
    * default graph: everything else: entity descriptions (types, labels, codes,
      ``skos:exactMatch``), ``org:Membership`` posts and roles.

    The union of all graphs is ``rdf`` again.
    """
    dataset = Dataset()
    dataset.parse(data=to_trig(rdf), format="trig")
    return dataset


def to_trig(rdf: Graph) -> str:
    """TriG of :func:`to_dataset`: prefixes, the default graph, then the named graphs sorted by IRI."""
    import pyoxigraph as ox

    named, default = _document_graphs(_sorted_ox(rdf))
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in default]
    for doc in sorted(named, key=str):
        quads += [ox.Quad(t.subject, t.predicate, t.object, doc) for t in named[doc]]
    return _serialize(quads, "TRIG")


def write_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to a temporary file beside ``path`` and rename it into place.

    A reader sees the old file or the new one, never half of one. The temporary
    file is hidden (``.graph.ttl.<pid>.<random>.tmp``, skipped by ``kg build``'s
    folder walk) and removed on any error or Ctrl-C; only ``kill -9`` or a crash
    leaves one behind, and the next write of the same file removes it
    (:func:`remove_stale_temps`).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def remove_stale_temps(path: str | Path) -> list[Path]:
    """Remove the temporary files of ``path`` whose writer is gone (killed mid-write); return them.

    A temporary file names its writer's process id, so one that another build is
    still writing is left alone.
    """
    path = Path(path)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[^.]*\.tmp")
    removed = []
    with os.scandir(path.parent) as entries:
        for entry in entries:
            match = pattern.fullmatch(entry.name)
            if match and not _process_exists(int(match.group(1))):
                Path(entry.path).unlink(missing_ok=True)
                removed.append(Path(entry.path))
    return removed


def _process_exists(pid: int) -> bool:
    if os.name != "posix" or pid == os.getpid():
        return True  # os.kill(pid, 0) is a probe on POSIX only; elsewhere never remove
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_turtle(rdf: Graph, graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, to_turtle(rdf))


def write_ntriples(rdf: Graph, graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, to_ntriples(rdf))


def write_jsonld(rdf: Graph, graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, to_jsonld(rdf))


def write_trig(rdf: Graph, graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, to_trig(rdf))


def write_graphio(fmt: str, rdf: Graph, graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``fmt``, a name in :data:`kg.graphio.FORMATS` (GraphML, GEXF, Cytoscape.js, Neo4j CSV)."""
    from kg.graphio import FORMATS

    return write_atomic(path, FORMATS[fmt](graph))


def write_html(rdf: Graph, graph: nx.MultiDiGraph, path: str | Path) -> Path:
    from kg.view import to_html

    return write_atomic(path, to_html(graph))


#: output file name → writer(rdf, graph, path)
EXPORTERS: dict[str, Callable[[Graph, nx.MultiDiGraph, Path], Path]] = {
    "graph.ttl": write_turtle,
    "graph.html": write_html,
    "graph.nt": write_ntriples,
    "graph.jsonld": write_jsonld,
    "graph.trig": write_trig,
    # graph tools (kg/graphio.py): Gephi, Cytoscape, yEd, Neo4j
    "graph.graphml": partial(write_graphio, "graph.graphml"),
    "graph.gexf": partial(write_graphio, "graph.gexf"),
    "graph.cyjs": partial(write_graphio, "graph.cyjs"),
    "neo4j/nodes.csv": partial(write_graphio, "neo4j/nodes.csv"),
    "neo4j/relationships.csv": partial(write_graphio, "neo4j/relationships.csv"),
    "neo4j/neo4j_import.cypher": partial(write_graphio, "neo4j/neo4j_import.cypher"),
}


def get_exporter(name: str) -> Callable[[Graph, nx.MultiDiGraph, Path], Path]:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise KeyError(f"no exporter {name!r}; valid: {', '.join(sorted(EXPORTERS))}") from None
