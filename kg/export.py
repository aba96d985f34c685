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

import json
import os
import re
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.ontology import DGO, DGR, WD

__all__ = ["EXPORTERS", "JSONLD_CONTEXT", "get_exporter", "remove_stale_temps", "to_dataset", "to_jsonld", "to_ntriples", "to_trig",
           "to_turtle", "write_atomic", "write_graphio",
           "write_html", "write_jsonld", "write_ntriples", "write_trig", "write_turtle"]

#: the compact JSON-LD context: prefixes only, so every key reads as in the Turtle
JSONLD_CONTEXT = {"dcterms": str(DCTERMS), "dgo": str(DGO._NS), "dgr": str(DGR), "org": str(ORG),
                  "prov": str(PROV), "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS), "wd": str(WD),
                  "xsd": str(XSD)}


def to_turtle(rdf: Graph) -> str:
    """Turtle text of ``rdf`` (rdflib's serialiser sorts subjects, so output is deterministic)."""
    return rdf.serialize(format="turtle")


def to_ntriples(rdf: Graph) -> str:
    """N-Triples, one triple a line, lines sorted (rdflib writes them in hash order).

    Sorting is safe because the graph has no blank nodes (their labels would differ between runs).
    """
    lines = sorted(line for line in rdf.serialize(format="nt").splitlines() if line)
    return "\n".join(lines) + "\n"


def to_jsonld(rdf: Graph) -> str:
    """JSON-LD compacted with :data:`JSONLD_CONTEXT`: nodes sorted by ``@id``, values and keys sorted.

    rdflib emits nodes and multi-values in hash order, which changes between processes.
    """
    doc = json.loads(rdf.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True))
    nodes = doc.pop("@graph", None)
    if nodes is None:  # a single node is compacted without @graph
        nodes = [doc] if len(doc) > 1 else []
        doc = {"@context": doc.pop("@context", JSONLD_CONTEXT)}
    doc["@graph"] = sorted((_sorted_node(node) for node in nodes), key=lambda node: node.get("@id", ""))
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _sorted_node(node: dict) -> dict:
    def key(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    node = {k: _compact_ids(v) for k, v in node.items()}
    return {k: sorted(v, key=key) if isinstance(v, list) else v for k, v in node.items()}


def _compact_ids(value):
    """``dgr:doc/…`` for ``@id`` values rdflib leaves whole (it compacts no IRI whose rest has a '/')."""
    if isinstance(value, list):
        return [_compact_ids(v) for v in value]
    if isinstance(value, dict):
        return {k: _compact_ids(v) for k, v in value.items()}
    if isinstance(value, str) and value.startswith(str(DGR)):
        return "dgr:" + value[len(str(DGR)):]
    return value


def to_dataset(rdf: Graph) -> Dataset:
    """Split the graph into one named graph per document plus a default graph.

    * named graph ``<dgr:doc/ID>`` (the document's own IRI): the document's description
      (``dcterms:*``, ``dgo:mentions``), every ``dgo:Assertion`` derived from it with all its
      triples, and the relation triples those assertions state; a fact stated by two
      documents is in both graphs;
    * default graph: everything else: entity descriptions (types, labels, codes,
      ``skos:exactMatch``), ``org:Membership`` posts and roles.

    The union of all graphs is ``rdf`` again.
    """
    dataset = Dataset()
    for prefix, ns in rdf.namespaces():
        dataset.bind(prefix, ns)
    placed = set()
    for doc in sorted(rdf.subjects(RDF.type, DGO.Document)):
        triples = set(rdf.triples((doc, None, None)))
        for stmt in rdf.subjects(PROV.wasDerivedFrom, doc):
            triples.update(rdf.triples((stmt, None, None)))
            fact = (rdf.value(stmt, RDF.subject), rdf.value(stmt, RDF.predicate), rdf.value(stmt, RDF.object))
            if fact in rdf:
                triples.add(fact)
        named = dataset.graph(doc)
        for triple in triples:
            named.add(triple)
        placed |= triples
    for triple in rdf:
        if triple not in placed:
            dataset.default_graph.add(triple)
    return dataset


def to_trig(rdf: Graph) -> str:
    """TriG of :func:`to_dataset`: prefixes, the default graph, then the named graphs sorted by IRI.

    Each graph body is rdflib's (sorted) Turtle; rdflib's own TriG writer emits the
    graphs in hash order, which changes between processes.
    """
    dataset = to_dataset(rdf)
    # the prefixes the Turtle writer finds in use, not every namespace rdflib binds by default
    header = [line for line in to_turtle(rdf).splitlines() if line.startswith("@prefix")]
    namespaces = [(line.split()[1].rstrip(":"), line.split()[2].strip("<>")) for line in header]
    parts = ["".join(line + "\n" for line in header)]
    parts.append(_turtle_body(dataset.default_graph, namespaces))
    for named in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if named.identifier != dataset.default_graph.identifier:
            body = _turtle_body(named, namespaces)
            parts.append(f"{named.identifier.n3()} {{\n" + "".join(f"    {line}\n" if line else "\n"
                                                                   for line in body.splitlines()) + "}\n")
    return "\n".join(part for part in parts if part)


def _turtle_body(triples: Graph, namespaces: list[tuple[str, str]]) -> str:
    graph = Graph()
    for prefix, ns in namespaces:
        graph.bind(prefix, ns)
    for triple in triples:
        graph.add(triple)
    lines = graph.serialize(format="turtle").splitlines()
    return "\n".join(line for line in lines if not line.startswith("@prefix")).strip("\n") + "\n" if len(graph) else ""


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
