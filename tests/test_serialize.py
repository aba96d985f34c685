from __future__ import annotations

import json
from itertools import compress

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.ontology import DGO
from kg.serialize import (JSONLD_CONTEXT, _document_graphs, as_triples, to_dataset, to_jsonld,
                          to_ntriples, to_trig, to_turtle)


def test_turtle_round_trips(fixture_build):
    text = to_turtle(fixture_build.rdf)
    assert isomorphic(Graph().parse(data=text, format="turtle"), fixture_build.rdf)


def test_turtle_is_deterministic(fixture_build):
    assert to_turtle(fixture_build.rdf) == to_turtle(fixture_build.rdf)


def test_ntriples_round_trips_and_is_sorted(fixture_build):
    text = to_ntriples(fixture_build.rdf)
    lines = text.splitlines()
    assert lines == sorted(lines) and len(lines) == len(fixture_build.rdf)
    assert isomorphic(Graph().parse(data=text, format="nt"), fixture_build.rdf)


def test_jsonld_round_trips_with_a_compact_context(fixture_build):
    text = to_jsonld(fixture_build.rdf)
    assert isomorphic(Graph().parse(data=text, format="json-ld"), fixture_build.rdf)
    doc = json.loads(text)
    assert doc["@context"] == JSONLD_CONTEXT
    assert {"dgo", "dgr", "rdfs", "skos", "prov", "org", "dcterms"} <= set(doc["@context"])
    ids = [node["@id"] for node in doc["@graph"]]
    assert ids == sorted(ids) and all(i.startswith("dgr:") for i in ids)


def test_jsonld_nodes_are_what_json_dumps_writes():
    """Node lines are assembled from their values' JSON texts, exactly as json.dumps(sort_keys=True) writes the node."""
    rdf = Graph()
    odd = 'a"b\\c\nd\te\u2028f\x01g</script>&\U0001F600 中文'
    node = URIRef("https://w3id.org/dgkg/id/org/中文%22")
    rdf.add((node, RDF.type, DGO.Document))
    rdf.add((node, RDFS.label, Literal(odd, lang="zh")))
    rdf.add((node, RDFS.comment, Literal(odd)))
    rdf.add((node, RDFS.comment, Literal("2024-01-01", datatype=XSD.date)))
    rdf.add((node, RDFS.seeAlso, URIRef("http://example.org/x")))
    text = to_jsonld(rdf)
    assert isomorphic(Graph().parse(data=text, format="json-ld"), rdf)
    lines = text.split("\n")[2:-2]  # not splitlines(): it also splits at U+2028, which JSON leaves as it is
    assert lines and all(json.dumps(json.loads(line.rstrip(",")), ensure_ascii=False, sort_keys=True)
                         == line.rstrip(",") for line in lines)


def test_jsonld_of_an_empty_graph():
    assert json.loads(to_jsonld(Graph()))["@graph"] == []


def test_trig_has_one_named_graph_per_document(fixture_build):
    rdf = fixture_build.rdf
    dataset = Dataset()
    dataset.parse(data=to_trig(rdf), format="trig")
    written = to_dataset(rdf)
    names = {g.identifier for g in written.graphs()} - {written.default_graph.identifier}
    assert names == set(rdf.subjects(RDF.type, DGO.Document))
    for name in names:  # round trip, graph by graph
        assert isomorphic(dataset.graph(name), written.graph(name)), name
        for stmt in written.graph(name).subjects(RDF.type, DGO.Assertion):
            assert rdf.value(stmt, PROV.wasDerivedFrom) == name
    assert isomorphic(dataset.default_graph, written.default_graph)
    # entity descriptions sit in the default graph; nothing is lost or added overall
    assert (None, RDFS.label, None) in written.default_graph
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, rdf)


def test_trig_graph_query_finds_a_documents_facts(fixture_build):
    dataset = Dataset()
    dataset.parse(data=to_trig(fixture_build.rdf), format="trig")
    rows = dataset.query("""PREFIX dgo: <https://w3id.org/dgkg/ontology#>
        SELECT DISTINCT ?g WHERE { GRAPH ?g { ?p dgo:servesRegion ?r . ?g a dgo:Document } }""")
    assert len(rows) >= 1


def test_the_builds_triples_and_their_rdflib_graph_serialise_alike(fixture_build):
    """The writers take the build's N-Triples texts; an rdflib Graph of the same triples gives the same text."""
    for serialise in (to_turtle, to_ntriples, to_jsonld, to_trig):
        assert serialise(fixture_build.triples) == serialise(fixture_build.rdf), serialise.__name__


def test_document_graph_runs_merge_where_facts_overlap():
    """A fact about a document lies inside the document's own run, and a fact stated twice is one run."""
    doc, org = URIRef("https://w3id.org/dgkg/id/doc/d"), URIRef("https://w3id.org/dgkg/id/org/x")
    rdf = Graph()
    rdf.add((doc, RDF.type, DGO.Document))
    rdf.add((doc, DGO.mentions, org))
    rdf.add((org, DGO.partOf, org))
    rdf.add((org, RDFS.label, Literal("x")))
    facts = {"1": (doc, DGO.mentions, org), "2": (org, DGO.partOf, org), "3": (org, DGO.partOf, org)}
    for name, fact in facts.items():
        stmt = URIRef(f"https://w3id.org/dgkg/id/stmt/{name}")
        rdf.add((stmt, RDF.type, DGO.Assertion))
        rdf.add((stmt, PROV.wasDerivedFrom, doc))
        for part, term in zip((RDF.subject, RDF.predicate, RDF.object), fact):
            rdf.add((stmt, part, term))
    texts = as_triples(rdf).texts
    named, default = _document_graphs(texts)
    runs = named[f"<{doc}>"]
    assert all(a.stop < b.start for a, b in zip(runs, runs[1:]))  # ascending and apart
    label = (f"<{org}>", f"<{RDFS.label}>", '"x"')
    assert [texts[i] for run in runs for i in run] == [t for t in texts if t != label]
    assert list(compress(texts, default)) == [label]
