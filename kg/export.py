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

import bisect
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


def _serialize(items, fmt_name: str) -> bytes:
    """Oxigraph's UTF-8 text of ``items``; the writers write it as it is, without decoding it."""
    import pyoxigraph as ox

    prefixes = dict(sorted(JSONLD_CONTEXT.items())) if fmt_name in ("TURTLE", "TRIG") else None
    return ox.serialize(items, format=getattr(ox.RdfFormat, fmt_name), prefixes=prefixes)


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
    return _turtle(rdf).decode("utf-8")


def _turtle(rdf: Graph) -> bytes:
    return _serialize(_sorted_ox(rdf), "TURTLE")


def to_ntriples(rdf: Graph) -> str:
    """N-Triples, one triple a line, lines sorted.

    The triples are written in their sorted order, which is that of their lines: a line is
    the triple's text (what ``str`` gives) followed by `` .``. Sorting is safe because the
    graph has no blank nodes (their labels would differ between runs).
    """
    return _ntriples(rdf).decode("utf-8")


def _ntriples(rdf: Graph) -> bytes:
    return _serialize(_sorted_ox(rdf), "N_TRIPLES")


def to_jsonld(rdf: Graph) -> str:
    """JSON-LD compacted with :data:`JSONLD_CONTEXT`: one node per subject, nodes sorted by ``@id``.

    Built directly (the graph has no blank nodes and no lists): IRIs become ``prefix:rest``
    compact IRIs, ``rdf:type`` becomes ``@type``, literals ``{"@value", "@language" | "@type"}``.
    Each node is one line, as ``json.dumps(node, ensure_ascii=False, sort_keys=True)`` writes it.
    """
    nodes = sorted(_jsonld_nodes(_sorted_ox(rdf)), key=lambda node: node[0])
    graph = "[\n" + ",\n".join(line for _, line in nodes) + "\n]" if nodes else "[]"
    context = json.dumps(JSONLD_CONTEXT, ensure_ascii=False, sort_keys=True)
    return f'{{"@context": {context},\n"@graph": {graph}}}\n'


def _jsonld_nodes(triples: list) -> list[tuple[str, str]]:
    """The JSON-LD node of each subject of the sorted ``triples``, as its ``@id`` and its JSON text.

    The text is assembled from the JSON texts of its values, json's own string encoding
    included: encoding hundreds of thousands of small value objects with ``json.dumps`` takes
    longer than reading the triples.
    """
    import pyoxigraph as ox

    nodes = []
    subject = node_id = None
    members: dict[str, list[str]] = {}  # key → the JSON texts of its values
    for triple in triples:
        if triple.subject != subject:
            if subject is not None:
                nodes.append((node_id, _jsonld_node(node_id, members)))
            subject, node_id, members = triple.subject, _compact(triple.subject.value), {}
        predicate, obj = triple.predicate.value, triple.object
        if predicate == _RDF_TYPE:
            members.setdefault("@type", []).append(_json_string(_compact(obj.value)))
        elif isinstance(obj, ox.NamedNode):
            members.setdefault(_compact(predicate), []).append(_jsonld_reference(obj.value))
        else:
            members.setdefault(_compact(predicate), []).append(_jsonld_literal(obj))
    if subject is not None:
        nodes.append((node_id, _jsonld_node(node_id, members)))
    return nodes


def _jsonld_node(node_id: str, members: dict[str, list[str]]) -> str:
    """``{"@id": …, key: [values], …}``, keys sorted (``@type`` and the (compact) IRIs all sort after ``@id``)."""
    parts = [f'"@id": {_json_string(node_id)}']
    parts += [f"{_json_string(key)}: [{', '.join(values)}]" for key, values in sorted(members.items())]
    return f"{{{', '.join(parts)}}}"


@functools.lru_cache(maxsize=1 << 16)
def _jsonld_reference(iri: str) -> str:
    return f'{{"@id": {_json_string(_compact(iri))}}}'


def _jsonld_literal(literal) -> str:
    """``{"@value"}``, with ``"@language"`` or a datatype other than ``xsd:string`` as ``"@type"``."""
    value = _json_string(literal.value)
    if literal.language:
        return f'{{"@language": {_json_string(literal.language)}, "@value": {value}}}'
    if literal.datatype.value != _XSD_STRING:
        return f'{{"@type": {_json_string(_compact(literal.datatype.value))}, "@value": {value}}}'
    return f'{{"@value": {value}}}'


#: a string's JSON text as ``json.dumps(text, ensure_ascii=False)`` writes it (the same C function)
_json_string = json.encoder.encode_basestring
_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)
_PREFIX = {ns: prefix for prefix, ns in JSONLD_CONTEXT.items()}
#: the namespaces of :data:`JSONLD_CONTEXT`, longest first, so an IRI matches the longest that fits
_NAMESPACE = re.compile("|".join(re.escape(ns) for ns in sorted(_PREFIX, key=len, reverse=True)))


@functools.lru_cache(maxsize=1 << 16)
def _compact(iri: str) -> str:
    match = _NAMESPACE.match(iri)
    return f"{_PREFIX[match.group()]}:{iri[match.end():]}" if match else iri


def _document_graphs(triples: list) -> tuple[dict, list[int]]:
    """Each document's named graph, and the default graph, as positions in ``triples`` (see :func:`to_dataset`).

    Returns the positions of each document's graph (keyed by the document's IRI node, in IRI
    order) and those of the default graph. Positions, not triples: hashing and sorting Oxigraph
    triples costs more than writing them. ``triples`` is sorted, so each subject's triples are
    one run of positions and sorted positions are sorted triples.
    """
    runs, documents, derived = _index(triples)
    facts: dict[str, int | None] = {}  # N-Triples text of a stated fact → its position
    named: dict = {}
    for doc in documents:
        chosen = set(runs[doc])
        for stmt in derived.get(doc, ()):
            chosen.update(runs[stmt])
            fact = _stated_fact(triples, runs, runs[stmt], facts)
            if fact is not None:
                chosen.add(fact)
        named[triples[runs[doc].start].subject] = sorted(chosen)
    placed = set().union(*named.values())
    return named, [i for i in range(len(triples)) if i not in placed]


def _index(triples: list) -> tuple[dict[str, range], list[str], dict[str, list[str]]]:
    """One pass over the sorted triples for :func:`_document_graphs`, terms named by their N-Triples text.

    Returns each subject's run of positions, the documents (subjects typed ``dgo:Document``) and
    the subjects ``prov:wasDerivedFrom`` each object.
    """
    starts: dict[str, int] = {}
    documents, derived = [], {}
    term = subject = None
    for i, triple in enumerate(triples):
        if triple.subject != term:
            term = triple.subject
            subject = str(term)
            starts[subject] = i
        predicate = triple.predicate.value
        if predicate == _DERIVED_FROM:
            derived.setdefault(str(triple.object), []).append(subject)
        elif predicate == _RDF_TYPE and triple.object.value == _DOCUMENT:
            documents.append(subject)
    ends = [*list(starts.values())[1:], len(triples)]
    return {subject: range(start, end) for (subject, start), end in zip(starts.items(), ends)}, documents, derived


def _stated_fact(triples: list, runs: dict[str, range], run: range, found: dict[str, int | None]) -> int | None:
    """The position of the triple that the statement whose triples are ``run`` reifies.

    The triple is made of the statement's ``rdf:subject``, ``rdf:predicate`` and ``rdf:object``
    (the last of each where there are several); None if one is missing or the triple is not in
    the graph. ``found`` keeps the positions already looked up, by the triple's text.
    """
    parts = {}
    for i in run:
        predicate = triples[i].predicate.value
        if predicate in _REIFIED:
            parts[predicate] = str(triples[i].object)
    if len(parts) < len(_REIFIED):
        return None
    text = " ".join(parts[key] for key in _REIFIED)
    if text not in found:
        subject_run = runs.get(parts[_REIFIED[0]], range(0))
        i = bisect.bisect_left(triples, text, subject_run.start, subject_run.stop, key=str)
        found[text] = i if i < subject_run.stop and str(triples[i]) == text else None
    return found[text]


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
    return _trig(rdf).decode("utf-8")


def _trig(rdf: Graph) -> bytes:
    import pyoxigraph as ox

    triples = _sorted_ox(rdf)
    named, default = _document_graphs(triples)
    graphs = [(ox.DefaultGraph(), default), *named.items()]
    return _serialize((ox.Quad(triples[i].subject, triples[i].predicate, triples[i].object, name)
                       for name, positions in graphs for i in positions), "TRIG")


def write_atomic(path: str | Path, text: str | bytes) -> Path:
    """Write ``text`` to a temporary file beside ``path`` and rename it into place.

    ``str`` is written as UTF-8, ``bytes`` as they are. A reader sees the old
    file or the new one, never half of one. The temporary file is hidden
    (``.graph.ttl.<pid>.<random>.tmp``, skipped by ``kg build``'s folder walk)
    and removed on any error or Ctrl-C; only ``kill -9`` or a crash leaves one
    behind, and the next write of the same file removes it
    (:func:`remove_stale_temps`).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
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
    return write_atomic(path, _turtle(rdf))


def write_ntriples(rdf: Graph, graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, _ntriples(rdf))


def write_jsonld(rdf: Graph, graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, to_jsonld(rdf))


def write_trig(rdf: Graph, graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, _trig(rdf))


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
