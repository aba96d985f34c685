"""The Turtle and TriG writers of kg.turtle against Oxigraph's own (pyoxigraph.serialize), byte for byte."""

from __future__ import annotations

from itertools import compress

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.serialize import JSONLD_CONTEXT, _document_graphs, trig_bytes, turtle_bytes
from kg.turtle import Prefixes, TurtleLayout

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def oxigraph(quads, fmt, prefixes):
    return ox.serialize(quads, format=fmt, prefixes=dict(sorted(prefixes.items())))


def as_quads(texts, graph=None):
    """Oxigraph quads of N-Triples texts, in ``graph`` (the default graph when None)."""
    if not texts:
        return []
    lines = "".join(f"{s} {p} {o} {graph or ''} .\n" for s, p, o in texts)
    return list(ox.parse(lines, format=ox.RdfFormat.N_QUADS))


def test_the_builds_turtle_and_trig_are_oxigraphs(fixture_build):
    texts = fixture_build.triples.texts
    assert turtle_bytes(fixture_build.triples) == oxigraph(as_quads(texts), ox.RdfFormat.TURTLE, JSONLD_CONTEXT)
    named, default = _document_graphs(texts)
    quads = as_quads(list(compress(texts, default)))
    for name, runs in named.items():
        quads += as_quads([texts[i] for run in runs for i in run], name)
    assert trig_bytes(fixture_build.triples) == oxigraph(quads, ox.RdfFormat.TRIG, JSONLD_CONTEXT)


def test_nothing_to_write_is_an_empty_document():
    layout = TurtleLayout([], JSONLD_CONTEXT)
    assert layout.turtle() == b"" == layout.trig([(None, [])])


NAMESPACES = ["http://ex.org/", "http://ex.org/a/", "http://ex.org/a#", "urn:x:", "http://other.org/"]
PREFIXES = {"ex": NAMESPACES[0], "exa": NAMESPACES[1], "b": NAMESPACES[2], "u": NAMESPACES[3]}
#: pieces of a local name: name characters, characters written behind a backslash, and IRI characters no local name holds (× ÷)
LOCAL = st.lists(st.sampled_from(list("aZ_09-.:~!$&'()*+,;=/?#@·\u0301\u203f中文é×÷") + ["%20", "\U00010400"]),
                 max_size=6).map("".join)


def valid_iri(text: str) -> bool:  # the build checks every IRI (kg.ntriples.TripleSink.iri)
    try:
        ox.NamedNode(text[1:-1])
    except ValueError:
        return False
    return True


IRIS = (st.builds(lambda ns, local: f"<{ns}{local}>", st.sampled_from(NAMESPACES), LOCAL).filter(valid_iri)
        | st.just(f"<{RDF_TYPE}>"))
LEXICAL = {"integer": ["1", "-07", "+3", "1.5", "abc", ""], "decimal": ["1.5", ".5", "-2.", "3", "+0.0"],
           "double": ["1e3", "1.5E-2", ".5e1", "1.e2", "e3", "1.5"], "boolean": ["true", "false", "True", "1"],
           "date": ["2024-01-02"]}
LITERALS = (
    st.builds(lambda value: ox.Literal(value), st.text(max_size=5))
    | st.builds(lambda value: ox.Literal(value, language="zh"), st.text(max_size=3))
    | st.sampled_from([ox.Literal(value, datatype=ox.NamedNode(XSD + kind)) for kind, values in LEXICAL.items()
                       for value in values])
    | st.builds(lambda datatype: ox.Literal("x", datatype=ox.NamedNode(datatype[1:-1])), IRIS)
)
OBJECTS = IRIS | LITERALS.map(str) | st.sampled_from(["_:b1", "_:b2"])
TRIPLES = st.lists(st.tuples(IRIS | st.sampled_from(["_:b1"]), IRIS, OBJECTS), max_size=12)


@settings(max_examples=300, deadline=None)
@given(TRIPLES, st.lists(st.sampled_from([None, "<http://ex.org/g1>", "<http://ex.org/a/g2>"]), min_size=12, max_size=12))
def test_generated_terms_are_written_as_oxigraph_writes_them(triples, graphs):
    texts = sorted(set(triples))
    layout = TurtleLayout(texts, PREFIXES)
    assert layout.turtle() == oxigraph(as_quads(texts), ox.RdfFormat.TURTLE, PREFIXES)
    # each triple in one graph: the default graph's runs first, then each named graph's, as the build lays them out
    graph_of = [graphs[i] for i in range(len(texts))]
    order = [None, *sorted({g for g in graph_of if g})]
    layout_graphs = [(name, [range(i, i + 1) for i, g in enumerate(graph_of) if g == name]) for name in order]
    quads = [quad for name, runs in layout_graphs for quad in as_quads([texts[r.start] for r in runs], name)]
    assert layout.trig(layout_graphs) == oxigraph(quads, ox.RdfFormat.TRIG, PREFIXES)


def test_a_local_name_that_cannot_be_written_falls_back_to_a_shorter_namespace_or_the_iri():
    prefixes = Prefixes({"ex": "http://ex.org/", "exa": "http://ex.org/a"})
    assert prefixes.term("<http://ex.org/a b>") == "<http://ex.org/a b>"  # no prefixed name can hold a space
    assert prefixes.term("<http://ex.org/a^b>") == "<http://ex.org/a^b>"
    assert prefixes.term("<http://ex.org/ab>") == "exa:b"
