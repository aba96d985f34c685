"""Ontology mapping: the networkx graph → RDF in the DGO vocabulary.

:func:`to_triples` gives the sorted N-Triples texts of the triples, what the writers need
(built through :mod:`kg.ntriples`, without rdflib or Oxigraph terms); :func:`to_rdf` the
same as an rdflib Graph.

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
from types import SimpleNamespace

import networkx as nx
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from kg.errors import OntologyError
from kg.model import Document
from kg.ntriples import TripleSink, literal, parse_lines, to_lines

__all__ = ["DGO", "DGR", "ONTOLOGY_DIR", "SHAPES_FILE", "WD", "RdfTriples", "load_ontology", "load_shapes",
           "oxigraph_term", "to_rdf", "to_triples", "wikidata_links"]

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


class RdfTriples:
    """The build's RDF, what the writers need: its triples as the N-Triples texts of their terms.

    ``texts`` are ``(subject, predicate, object)`` text tuples in the order of their N-Triples
    lines, without duplicates (:meth:`kg.ntriples.TripleSink.sorted_texts`). Oxigraph triples
    (:attr:`triples`) and an rdflib Graph (:meth:`to_graph`, seconds and hundreds of MB on a
    corpus-sized graph) are made from them only when asked for.
    """

    def __init__(self, texts: list[tuple[str, str, str]]) -> None:
        self.texts = texts

    def __len__(self) -> int:
        return len(self.texts)

    @functools.cached_property
    def ntriples(self) -> bytes:
        """The N-Triples document, UTF-8."""
        return to_lines(self.texts)

    @functools.cached_property
    def triples(self) -> list:
        """The Oxigraph triples, in the same order."""
        return parse_lines(self.ntriples)

    def to_graph(self) -> Graph:
        graph = _bind(Graph())
        graph.addN((_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object), graph)
                   for t in self.triples)
        return graph


def oxigraph_term(term):
    """The Oxigraph term of an rdflib term (URIRef, Literal or BNode): the inverse of what
    :meth:`RdfTriples.to_graph` does.

    Example:
        >>> print(oxigraph_term(Literal("江西省", lang="zh")), oxigraph_term(DGR["region/360000"]))
        "江西省"@zh <https://w3id.org/dgkg/id/region/360000>

    Raises:
        TypeError: ``term`` is not an rdflib term.
    """
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
    raise TypeError(f"not an RDF term: {term!r}")


def _rdflib_term(term):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


#: The fixed terms of the mapping, by their name in :attr:`_Sink.vocab`.
_VOCABULARY = {
    "type": RDF.type, "subject": RDF.subject, "predicate": RDF.predicate, "object": RDF.object,
    "label": RDFS.label, "alt_label": SKOS.altLabel, "exact_match": SKOS.exactMatch,
    "admin_code": DGO.adminCode, "level": DGO.level, "evidence": DGO.evidence, "mentions": DGO.mentions,
    "Assertion": DGO.Assertion, "Document": DGO.Document, "derived_from": PROV.wasDerivedFrom,
    "Membership": ORG.Membership, "member": ORG.member, "organization": ORG.organization, "role": ORG.role,
    "Role": ORG.Role, "identifier": DCTERMS.identifier, "title": DCTERMS.title, "date": DCTERMS.date,
    "source": DCTERMS.source, "xsd_date": XSD.date,
}


@functools.lru_cache(maxsize=None)
def _dgo_iri(name: str) -> str:
    """The IRI of a DGO term; an unknown name fails as ``DGO[name]`` does."""
    return str(DGO[name])


class _Sink(TripleSink):
    """A triple sink with the mapping's fixed terms at hand (``vocab``)."""

    def __init__(self) -> None:
        super().__init__()
        self.vocab = SimpleNamespace(**{name: self.iri(str(term)) for name, term in _VOCABULARY.items()})


def to_triples(graph: nx.MultiDiGraph, documents: Iterable[Document] = ()) -> RdfTriples:
    """Map the entity graph (and its source documents) to RDF triples, sorted as their N-Triples
    lines (see :func:`to_rdf`)."""
    sink = _Sink()
    for node, data in graph.nodes(data=True):
        _add_entity(sink, sink.iri(f"{DGR}{node}"), data)
    _add_edges(sink, graph)
    mentioned: dict[str, list[str]] = {}  # document id → entities it names, built once (not per document)
    for node, docs in graph.nodes(data="docs"):
        iri = sink.iri(f"{DGR}{node}")
        for doc_id in docs or ():
            mentioned.setdefault(doc_id, []).append(iri)
    for doc in documents:
        _add_document(sink, doc, mentioned.get(doc.id, ()))
    return RdfTriples(sink.sorted_texts())


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


def _add_entity(rdf: _Sink, iri: str, data: dict) -> None:
    vocab = rdf.vocab
    rdf.add(iri, vocab.type, rdf.iri(_dgo_iri(data.get("subtype") or data["type"])))
    rdf.add(iri, vocab.label, literal(data["name"], language="zh"))
    for alias in data.get("aliases", ()):
        rdf.add(iri, vocab.alt_label, literal(alias, language="zh"))
    code = data.get("code")
    if code:
        rdf.add(iri, vocab.admin_code, literal(code))
        if code in wikidata_links():
            rdf.add(iri, vocab.exact_match, rdf.iri(f"{WD}{wikidata_links()[code]}"))
    if data.get("subtype") in _LEVELS:
        rdf.add(iri, vocab.level, literal(_LEVELS[data["subtype"]]))


def _add_edges(rdf: _Sink, graph: nx.MultiDiGraph) -> None:
    """Each edge's fact, its assertions and, for an affiliation, its memberships."""
    assertions = []  # (IRI, fact, document id, sentence)
    for head, tail, key, data in graph.edges(keys=True, data=True):
        fact = rdf.iri(f"{DGR}{head}"), rdf.iri(_dgo_iri(key)), rdf.iri(f"{DGR}{tail}")
        rdf.add(*fact)
        assertions += [(f"{DGR}stmt/{_hash(head, key, tail, doc_id, sentence)}", fact, doc_id, sentence)
                       for doc_id, sentence in data.get("evidence", ())]
        _add_memberships(rdf, head, tail, key, data, fact)
    # added in IRI order, so the final sort finds their triples almost in place (their IRIs are hashes)
    for iri, fact, doc_id, sentence in sorted(assertions):
        _add_assertion(rdf, rdf.iri(iri), fact, doc_id, sentence)


def _add_assertion(rdf: _Sink, stmt: str, fact: tuple[str, str, str], doc_id: str, sentence: str) -> None:
    vocab = rdf.vocab
    rdf.add(stmt, vocab.type, vocab.Assertion)
    rdf.add(stmt, vocab.subject, fact[0])
    rdf.add(stmt, vocab.predicate, fact[1])
    rdf.add(stmt, vocab.object, fact[2])
    rdf.add(stmt, vocab.derived_from, rdf.iri(_doc_iri(doc_id)))
    if sentence:
        rdf.add(stmt, vocab.evidence, literal(sentence, language="zh"))


def _add_memberships(rdf: _Sink, head: str, tail: str, key: str, data: dict, fact: tuple[str, str, str]) -> None:
    """Every affiliation is also an org:Membership: one per post, or one without org:role when none is known."""
    vocab = rdf.vocab
    roles = data.get("roles") or (("",) if key == "affiliatedWith" else ())
    for role in roles:
        membership = rdf.iri(f"{DGR}membership/{_hash(head, tail, role)}")
        rdf.add(membership, vocab.type, vocab.Membership)
        rdf.add(membership, vocab.member, fact[0])
        rdf.add(membership, vocab.organization, fact[2])
        if role:
            role_iri = rdf.iri(f"{DGR}role/{_hash(role)}")
            rdf.add(membership, vocab.role, role_iri)
            rdf.add(role_iri, vocab.type, vocab.Role)
            rdf.add(role_iri, vocab.label, literal(role, language="zh"))


def _doc_iri(doc_id: str) -> str:
    return f"{DGR}doc/{doc_id}"


def _add_document(rdf: _Sink, doc: Document, entities: Iterable[str]) -> None:
    vocab = rdf.vocab
    iri = rdf.iri(_doc_iri(doc.id))
    rdf.add(iri, vocab.type, vocab.Document)
    rdf.add(iri, vocab.identifier, literal(doc.id))
    if doc.title:
        rdf.add(iri, vocab.title, literal(doc.title, language="zh"))
    if doc.date:
        rdf.add(iri, vocab.date, literal(doc.date, datatype=vocab.xsd_date))
    if doc.source:
        rdf.add(iri, vocab.source, literal(doc.source, language="zh"))
    mentions = vocab.mentions
    for entity in entities:
        rdf.add(iri, mentions, entity)
