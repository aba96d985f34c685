"""Ontology mapping: the networkx graph → an rdflib Graph in the DGO vocabulary.

``ontology/dgo.ttl`` is the source of truth for the vocabulary; :class:`DGO`
is its closed Python mirror (a test checks both declare the same terms).
Every relation edge becomes a direct triple plus one ``dgo:Assertion`` per
(document, sentence) that states it, carrying ``prov:wasDerivedFrom`` the
document and ``dgo:evidence`` the sentence. A person's post is also an
``org:Membership`` with ``org:role``. Provinces and prefecture-level
regions link out with ``skos:exactMatch`` to their Wikidata item (offline table
``kg/data/wikidata_regions.tsv``). IRIs are minted from entity ids: no blank
nodes, no counters.

The ontology folder holds ``dgo.ttl`` (the vocabulary, loaded with the data for
queries) and ``shapes.ttl`` (SHACL shapes, loaded only by ``kg.validate``).
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from kg.errors import OntologyError
from kg.model import Document

__all__ = ["DGO", "DGR", "ONTOLOGY_DIR", "SHAPES_FILE", "WD", "RdfTriples", "load_ontology", "load_shapes", "to_rdf",
           "to_triples", "wikidata_links"]

#: The folder holding dgo.ttl; override with the DGKG_ONTOLOGY environment variable or --ontology.
ONTOLOGY_DIR = Path(os.environ.get("DGKG_ONTOLOGY", Path(__file__).resolve().parent.parent / "ontology"))

#: The SHACL shapes file in the ontology folder; ``load_ontology`` leaves it out.
SHAPES_FILE = "shapes.ttl"

DGR = Namespace("https://w3id.org/dgkg/id/")
#: Wikidata items (``skos:exactMatch`` targets of regions)
WD = Namespace("http://www.wikidata.org/entity/")


class DGO(DefinedNamespace):
    """The dgkg ontology (``ontology/dgo.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/dgkg/ontology#")

    # classes
    Region: URIRef
    Province: URIRef
    City: URIRef
    County: URIRef
    Organization: URIRef
    Agency: URIRef
    Enterprise: URIRef
    Institute: URIRef
    MediaOutlet: URIRef
    Platform: URIRef
    Policy: URIRef
    PolicyDocument: URIRef
    Initiative: URIRef
    Person: URIRef
    Document: URIRef
    Assertion: URIRef
    # object properties
    affiliatedWith: URIRef
    partOf: URIRef
    locatedIn: URIRef
    servesRegion: URIRef
    operatedBy: URIRef
    issuedBy: URIRef
    implementedIn: URIRef
    mentions: URIRef
    # datatype properties
    evidence: URIRef
    adminCode: URIRef
    level: URIRef
    kind: URIRef


_LEVELS = {"Province": "province", "City": "city", "County": "county"}


def load_ontology(directory: str | Path | None = None) -> Graph:
    """Parse every ``*.ttl`` file of the ontology folder except the SHACL shapes.

    Raises:
        OntologyError: the folder or ``dgo.ttl`` is missing, or a file does not parse.
    """
    folder = Path(directory) if directory else ONTOLOGY_DIR
    if not (folder / "dgo.ttl").is_file():
        raise OntologyError(f"{folder}: no dgo.ttl here (set --ontology or DGKG_ONTOLOGY to the ontology folder)")
    rdf = Graph()
    for path in sorted(folder.glob("*.ttl")):
        if path.name != SHAPES_FILE:  # shapes are about the data, not part of the vocabulary
            _parse_into(rdf, path)
    return rdf


def load_shapes(path: str | Path | None = None) -> Graph:
    """Parse the SHACL shapes (default: ``shapes.ttl`` of the ontology folder).

    Raises:
        OntologyError: the file is missing or does not parse.
    """
    path = Path(path) if path else ONTOLOGY_DIR / SHAPES_FILE
    if not path.is_file():
        raise OntologyError(f"{path}: no such shapes file")
    return _parse_into(Graph(), path)


def _parse_into(rdf: Graph, path: Path) -> Graph:
    try:
        return rdf.parse(path, format="turtle")
    except Exception as err:  # rdflib raises several parser-specific types
        raise OntologyError(f"{path}: {err}") from err


@functools.lru_cache(maxsize=1)
def wikidata_links() -> dict[str, str]:
    """GB/T 2260 code → Wikidata QID of provinces and prefecture-level divisions.

    Example:
        >>> wikidata_links()["360000"]
        'Q57052'
    """
    with resources.files("kg.data").joinpath("wikidata_regions.tsv").open(encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]
    return {code: qid for code, qid, *_ in rows[1:]}


def _bind(rdf: Graph) -> Graph:
    for prefix, ns in (("dgo", DGO._NS), ("dgr", DGR), ("skos", SKOS), ("prov", PROV), ("org", ORG),
                       ("dcterms", DCTERMS), ("wd", WD)):
        rdf.bind(prefix, ns)
    return rdf


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def doc_iri(doc_id: str) -> URIRef:
    return DGR[f"doc/{doc_id}"]


class RdfTriples:
    """The build's RDF as one sorted list of Oxigraph triples, what the writers need.

    Building an rdflib Graph costs seconds and hundreds of MB on a corpus-sized graph,
    so it is made only when asked for (:meth:`to_graph`), from these triples.
    """

    def __init__(self, triples: Iterable) -> None:
        self.triples = sorted(set(triples), key=str)

    def __len__(self) -> int:
        return len(self.triples)

    def to_graph(self) -> Graph:
        graph = _bind(Graph())
        graph.addN((_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object), graph)
                   for t in self.triples)
        return graph


def _rdflib_term(term):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


class _Sink:
    """Collects triples as Oxigraph terms; ``add`` takes rdflib terms, as rdflib's Graph.add does."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self._iris: dict[str, object] = {}
        self.items: list = []

    def _term(self, term):
        ox = self._ox
        if isinstance(term, URIRef):
            node = self._iris.get(term)
            if node is None:
                node = self._iris[term] = ox.NamedNode(str(term))
            return node
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=self._term(term.datatype))
        return ox.Literal(str(term))

    def add(self, triple) -> None:
        s, p, o = triple
        self.items.append(self._ox.Triple(self._term(s), self._term(p), self._term(o)))


def to_triples(graph: nx.MultiDiGraph, documents: Iterable[Document] = ()) -> RdfTriples:
    """Map the entity graph (and its source documents) to RDF triples (see :func:`to_rdf`)."""
    sink = _Sink()
    for node, data in graph.nodes(data=True):
        _add_entity(sink, DGR[node], data)
    for head, tail, key, data in graph.edges(keys=True, data=True):
        _add_edge(sink, head, tail, key, data)
    mentioned: dict[str, list[str]] = {}  # document id → entities it names, built once (not per document)
    for node, docs in graph.nodes(data="docs"):
        for doc_id in docs or ():
            mentioned.setdefault(doc_id, []).append(node)
    for doc in documents:
        _add_document(sink, doc, mentioned.get(doc.id, ()))
    return RdfTriples(sink.items)


def to_rdf(graph: nx.MultiDiGraph, documents: Iterable[Document] = ()) -> Graph:
    """Map the entity graph (and its source documents) to an rdflib Graph.

    Example:
        >>> import networkx as nx
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("region/360000", type="Region", subtype="Province", name="江西省", aliases=("赣",), docs=(), code="360000")
        >>> rdf = to_rdf(g)
        >>> str(rdf.value(DGR["region/360000"], RDFS.label))
        '江西省'
    """
    return to_triples(graph, documents).to_graph()


def _add_entity(rdf: _Sink, iri: URIRef, data: dict) -> None:
    rdf.add((iri, RDF.type, DGO[data.get("subtype") or data["type"]]))
    rdf.add((iri, RDFS.label, Literal(data["name"], lang="zh")))
    for alias in data.get("aliases", ()):
        rdf.add((iri, SKOS.altLabel, Literal(alias, lang="zh")))
    if data.get("code"):
        rdf.add((iri, DGO.adminCode, Literal(data["code"])))
        if data["code"] in wikidata_links():
            rdf.add((iri, SKOS.exactMatch, WD[wikidata_links()[data["code"]]]))
    if data.get("subtype") in _LEVELS:
        rdf.add((iri, DGO.level, Literal(_LEVELS[data["subtype"]])))


def _add_edge(rdf: _Sink, head: str, tail: str, key: str, data: dict) -> None:
    subject, predicate, obj = DGR[head], DGO[key], DGR[tail]
    rdf.add((subject, predicate, obj))
    for doc_id, sentence in data.get("evidence", ()):
        stmt = DGR[f"stmt/{_hash(head, key, tail, doc_id, sentence)}"]
        rdf.add((stmt, RDF.type, DGO.Assertion))
        rdf.add((stmt, RDF.subject, subject))
        rdf.add((stmt, RDF.predicate, predicate))
        rdf.add((stmt, RDF.object, obj))
        rdf.add((stmt, PROV.wasDerivedFrom, doc_iri(doc_id)))
        if sentence:
            rdf.add((stmt, DGO.evidence, Literal(sentence, lang="zh")))
    # every affiliation is also an org:Membership; one per post, or one without org:role when none is known
    roles = data.get("roles") or (("",) if key == "affiliatedWith" else ())
    for role in roles:
        membership = DGR[f"membership/{_hash(head, tail, role)}"]
        rdf.add((membership, RDF.type, ORG.Membership))
        rdf.add((membership, ORG.member, subject))
        rdf.add((membership, ORG.organization, obj))
        if role:
            role_iri = DGR[f"role/{_hash(role)}"]
            rdf.add((membership, ORG.role, role_iri))
            rdf.add((role_iri, RDF.type, ORG.Role))
            rdf.add((role_iri, RDFS.label, Literal(role, lang="zh")))


def _add_document(rdf: _Sink, doc: Document, entities: Iterable[str]) -> None:
    iri = doc_iri(doc.id)
    rdf.add((iri, RDF.type, DGO.Document))
    rdf.add((iri, DCTERMS.identifier, Literal(doc.id)))
    if doc.title:
        rdf.add((iri, DCTERMS.title, Literal(doc.title, lang="zh")))
    if doc.date:
        rdf.add((iri, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))
    if doc.source:
        rdf.add((iri, DCTERMS.source, Literal(doc.source, lang="zh")))
    for node in entities:
        rdf.add((iri, DGO.mentions, DGR[node]))
