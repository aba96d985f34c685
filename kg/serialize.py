"""RDF serialisers: the build's triples as Turtle, N-Triples, JSON-LD and TriG text.

Pure functions of the RDF (:class:`~kg.ontology.RdfTriples` or any rdflib Graph);
:mod:`kg.export` writes their output to files. All four are deterministic (two builds
of one corpus give byte-identical text) and each parses back to the graph it was
written from: Turtle (subjects in IRI order), N-Triples (lines sorted), JSON-LD (a
prefix ``@context``, nodes sorted by ``@id``) and TriG (see :func:`to_dataset`).

All four are made from the N-Triples texts of the triples, as plain strings (rdflib's
writers take minutes on a corpus-sized graph). Turtle and TriG are written by
:mod:`kg.turtle` exactly as Oxigraph's writers would write them, from one set of
per-subject blocks (:func:`turtle_layout`).
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import weakref
from itertools import compress
from operator import attrgetter, itemgetter

from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.ontology import DGO, DGR, WD, RdfTriples, oxigraph_term
from kg.turtle import TurtleLayout

__all__ = ["JSONLD_CONTEXT", "as_triples", "to_dataset", "to_jsonld", "to_ntriples", "to_trig", "to_turtle",
           "trig_bytes", "turtle_bytes", "turtle_layout"]

#: the compact JSON-LD context: prefixes only, so every key reads as in the Turtle
JSONLD_CONTEXT = {"dcterms": str(DCTERMS), "dgo": str(DGO._NS), "dgr": str(DGR), "org": str(ORG),
                  "prov": str(PROV), "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS), "wd": str(WD),
                  "xsd": str(XSD)}


_CONVERTED: "weakref.WeakKeyDictionary[Graph, tuple[int, RdfTriples]]" = weakref.WeakKeyDictionary()


def as_triples(rdf: RdfTriples | Graph) -> RdfTriples:
    """``rdf`` as sorted N-Triples texts: the build's :class:`~kg.ontology.RdfTriples` as it is,
    an rdflib Graph converted once (Oxigraph's text of each term, which checks it).

    Sorting is safe because the graph has no blank nodes (their labels would differ between runs).
    """
    if isinstance(rdf, RdfTriples):
        return rdf
    cached = _CONVERTED.get(rdf)
    if cached is None or cached[0] != len(rdf):
        texts = sorted({(str(oxigraph_term(s)), str(oxigraph_term(p)), str(oxigraph_term(o))) for s, p, o in rdf})
        cached = _CONVERTED[rdf] = (len(rdf), RdfTriples(texts))
    return cached[1]


def turtle_layout(rdf: RdfTriples | Graph) -> TurtleLayout:
    """The Turtle blocks of ``rdf``'s subjects, with the prefixes of :data:`JSONLD_CONTEXT`: what
    :func:`to_turtle` and :func:`to_trig` are written from (make it once to write both)."""
    return TurtleLayout(as_triples(rdf).texts, JSONLD_CONTEXT)


def to_turtle(rdf: RdfTriples | Graph) -> str:
    """Turtle text of ``rdf``: prefixes, then subjects in IRI order, each with its sorted properties."""
    return turtle_bytes(rdf).decode("utf-8")


def turtle_bytes(rdf: RdfTriples | Graph, layout: TurtleLayout | None = None) -> bytes:
    """:func:`to_turtle` as UTF-8, what the writer writes without decoding it; from ``layout``,
    ``rdf``'s :func:`turtle_layout`, when it is given."""
    return (layout or turtle_layout(rdf)).turtle()


def to_ntriples(rdf: RdfTriples | Graph) -> str:
    """N-Triples, one triple a line, lines sorted.

    A line is the texts of the triple's terms followed by `` .``, as Oxigraph writes it
    (:mod:`kg.ntriples`); the triples are kept in the order of their lines.
    """
    return as_triples(rdf).ntriples.decode("utf-8")


def to_jsonld(rdf: RdfTriples | Graph) -> str:
    """JSON-LD compacted with :data:`JSONLD_CONTEXT`: one node per subject, nodes sorted by ``@id``.

    Built directly (the graph has no blank nodes and no lists): IRIs become ``prefix:rest``
    compact IRIs, ``rdf:type`` becomes ``@type``, literals ``{"@value", "@language" | "@type"}``.
    Each node is one line, as ``json.dumps(node, ensure_ascii=False, sort_keys=True)`` writes it.
    """
    nodes = sorted(_jsonld_nodes(as_triples(rdf).texts), key=lambda node: node[0])
    graph = "[\n" + ",\n".join(line for _, line in nodes) + "\n]" if nodes else "[]"
    context = json.dumps(JSONLD_CONTEXT, ensure_ascii=False, sort_keys=True)
    return f'{{"@context": {context},\n"@graph": {graph}}}\n'


def _jsonld_nodes(texts: list) -> list[tuple[str, str]]:
    """The JSON-LD node of each subject of the sorted ``texts``, as its ``@id`` and its JSON text.

    The text is assembled from the JSON texts of its values, json's own string encoding
    included: encoding hundreds of thousands of small value objects with ``json.dumps`` takes
    longer than reading the triples. A term's key or value is made once per distinct text.
    """
    nodes = []
    subject = node_id = None
    members: dict[str, list[str]] = {}  # key → the JSON texts of its values
    keys: dict[str, str] = {}  # predicate text → key
    types: dict[str, str] = {}  # object text → its JSON text as a type
    references: dict[str, str] = {}  # object IRI text → its JSON text as a value
    for s, p, o in texts:
        if s != subject:
            if subject is not None:
                nodes.append((node_id, _jsonld_node(node_id, members)))
            subject, node_id, members = s, _compact(_value(s)), {}
        key = keys.get(p)
        if key is None:
            key = keys[p] = _TYPE if p == _RDF_TYPE else _compact(_value(p))
        if key is _TYPE:
            value = types.get(o) or types.setdefault(o, _json_string(_compact(_value(o))))
        elif o[0] == '"':
            value = _jsonld_literal(o)
        else:
            value = references.get(o) or references.setdefault(o, f'{{"@id": {_json_string(_compact(_value(o)))}}}')
        members.setdefault(key, []).append(value)
    if subject is not None:
        nodes.append((node_id, _jsonld_node(node_id, members)))
    return nodes


def _jsonld_node(node_id: str, members: dict[str, list[str]]) -> str:
    """``{"@id": …, key: [values], …}``, keys sorted (``@type`` and the (compact) IRIs all sort after ``@id``)."""
    return "".join(['{"@id": ', _json_string(node_id),
                    *[_member(key) + ", ".join(members[key]) + "]" for key in _key_order(tuple(members))], "}"])


@functools.lru_cache(maxsize=1 << 10)
def _key_order(keys: tuple[str, ...]) -> list[str]:
    """The keys sorted: most nodes have one of a few sets of keys (those of a statement, of a document …)."""
    return sorted(keys)


@functools.lru_cache(maxsize=1 << 10)
def _member(key: str) -> str:
    return f", {_json_string(key)}: ["


def _jsonld_literal(text: str) -> str:
    """``{"@value"}``, with ``"@language"`` or a datatype other than ``xsd:string`` as ``"@type"``."""
    end = text.rindex('"')
    # JSON escapes a subset of what N-Triples escapes: a string without escapes is its own JSON text
    value = text[:end + 1] if "\\" not in text else _json_string(_unescape(text[1:end]))
    suffix = text[end + 1:]
    if suffix[:1] == "@":
        return f'{{"@language": {_json_string(suffix[1:])}, "@value": {value}}}'
    if suffix and suffix != _XSD_STRING:
        return f'{{"@type": {_json_string(_compact(suffix[3:-1]))}, "@value": {value}}}'
    return f'{{"@value": {value}}}'


def _value(text: str) -> str:
    """The IRI, blank node label or lexical form of a term's N-Triples text."""
    if text[0] == "<":
        return text[1:-1]
    if text[0] == "_":
        return text[2:]
    return _unescape(text[1:text.rindex('"')])


def _unescape(body: str) -> str:
    return _ESCAPE.sub(lambda m: _UNESCAPES.get(m[1]) or chr(int(m[1][1:], 16)), body) if "\\" in body else body


_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_UNESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
#: a string's JSON text as ``json.dumps(text, ensure_ascii=False)`` writes it (the same C function)
_json_string = json.encoder.encode_basestring
_TYPE = "@type"
_XSD_STRING = f"^^<{XSD.string}>"
_PREFIX = {ns: prefix for prefix, ns in JSONLD_CONTEXT.items()}
#: the namespaces of :data:`JSONLD_CONTEXT`, longest first, so an IRI matches the longest that fits
_NAMESPACE = re.compile("|".join(re.escape(ns) for ns in sorted(_PREFIX, key=len, reverse=True)))


@functools.lru_cache(maxsize=1 << 16)
def _compact(iri: str) -> str:
    match = _NAMESPACE.match(iri)
    return f"{_PREFIX[match.group()]}:{iri[match.end():]}" if match else iri


def _document_graphs(texts: list) -> tuple[dict[str, list[range]], bytearray]:
    """Each document's named graph, and the default graph, from the sorted ``texts`` (see :func:`to_dataset`).

    Returns each document's triples as runs of positions in ``texts`` (keyed by the document's
    IRI text, in IRI order; the runs ascending and apart) and a mask of the default graph's (1 at
    each position not in a named graph). A subject's triples are one run of positions; a
    document's graph is the runs of the document and of its statements and the facts they state,
    which in position order are sorted triples. The triples of each predicate used here are picked
    out, and each statement's fact put together, by loops in C rather than in Python.
    """
    runs = _Runs(texts)
    predicates = list(map(itemgetter(1), texts))

    def having(predicate: str):  # a set's __contains__ is the quickest test in C
        return compress(texts, map({predicate}.__contains__, predicates))
    named = {s: [runs[s]] for s, _, o in having(_RDF_TYPE) if o == _DOCUMENT}
    derived = list(having(_DERIVED_FROM))  # (statement, prov:wasDerivedFrom, its source)
    stmts = list(map(itemgetter(0), derived))
    # each statement's rdf:subject, rdf:predicate and rdf:object (the last where there are several)
    facts = list(zip(*[map({s: o for s, _, o in having(p)}.get, stmts) for p in _REIFIED]))
    found = {fact: _position(texts, fact) for fact in set(facts) if None not in fact}
    for (stmt, _, doc), fact in zip(derived, facts):
        parts = named.get(doc)
        if parts is not None:
            parts.append(runs[stmt])
            i = found.get(fact)
            if i is not None:
                parts.append(range(i, i + 1))
    default = bytearray(b"\x01") * len(texts)
    for doc, parts in named.items():
        if len(parts) > 1:
            parts = named[doc] = _merged(parts)
        for run in parts:
            default[run.start:run.stop] = bytes(len(run))
    return named, default


def _position(texts: list, triple: tuple[str, str, str]) -> int | None:
    """The position of ``triple`` in the sorted ``texts``, None if it is not there."""
    i = bisect.bisect_left(texts, triple)
    return i if i < len(texts) and texts[i] == triple else None


def _merged(runs: list[range]) -> list[range]:
    """The positions of ``runs`` as ascending runs that do not overlap.

    Runs overlap only where a fact is about a document or a statement, or is stated twice.
    """
    runs = sorted(runs, key=attrgetter("start"))
    merged = [runs[0]]
    for run in runs[1:]:
        if run.start <= merged[-1].stop:
            merged[-1] = range(merged[-1].start, max(merged[-1].stop, run.stop))
        else:
            merged.append(run)
    return merged


class _Runs:
    """Each subject's run of positions in the sorted ``texts``, from two dicts built in C."""

    def __init__(self, texts: list) -> None:
        subjects = list(map(itemgetter(0), texts))
        self.ends = dict(zip(subjects, range(1, len(texts) + 1)))  # the last position of each wins
        self.starts = dict(zip(reversed(subjects), range(len(texts) - 1, -1, -1)))  # the first wins

    def __getitem__(self, subject: str) -> range:
        return range(self.starts.get(subject, 0), self.ends.get(subject, 0))


_RDF_TYPE = f"<{RDF.type}>"
_DERIVED_FROM = f"<{PROV.wasDerivedFrom}>"
_DOCUMENT = f"<{DGO.Document}>"
_REIFIED = (f"<{RDF.subject}>", f"<{RDF.predicate}>", f"<{RDF.object}>")


def to_dataset(rdf: RdfTriples | Graph) -> Dataset:
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


def to_trig(rdf: RdfTriples | Graph) -> str:
    """TriG of :func:`to_dataset`: prefixes, the default graph, then the named graphs sorted by IRI."""
    return trig_bytes(rdf).decode("utf-8")


def trig_bytes(rdf: RdfTriples | Graph, layout: TurtleLayout | None = None) -> bytes:
    """:func:`to_trig` as UTF-8; from ``layout``, ``rdf``'s :func:`turtle_layout`, when it is given.

    Most of a graph is whole subjects, written as their Turtle blocks; the rest (a fact stated
    in a document, whose subject's other triples are elsewhere) is grouped anew.
    """
    triples = as_triples(rdf)
    named, default = _document_graphs(triples.texts)
    default_runs = [range(*run.span()) for run in re.finditer(b"\x01+", default)]
    return (layout or turtle_layout(triples)).trig([(None, default_runs), *named.items()])
