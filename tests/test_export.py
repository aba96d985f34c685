from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.export import (
    EXPORTERS,
    JSONLD_CONTEXT,
    get_exporter,
    to_dataset,
    to_jsonld,
    to_ntriples,
    to_trig,
    to_turtle,
    write_atomic,
)
from kg.ontology import DGO


def test_turtle_round_trips(fixture_build):
    text = to_turtle(fixture_build.rdf)
    assert isomorphic(Graph().parse(data=text, format="turtle"), fixture_build.rdf)


def test_turtle_is_deterministic(fixture_build):
    assert to_turtle(fixture_build.rdf) == to_turtle(fixture_build.rdf)


def test_atomic_write_keeps_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    write_atomic(target, "old")

    def broken_replace(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr("kg.export.os.replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # no temporary file left behind


def test_unknown_exporter_lists_valid_names():
    with pytest.raises(KeyError, match=r"no exporter 'graph.xyz'; valid: .*graph\.html.*graph\.ttl"):
        get_exporter("graph.xyz")


def test_every_rdf_exporter_is_registered():
    assert {"graph.ttl", "graph.nt", "graph.jsonld", "graph.trig", "graph.html"} <= set(EXPORTERS)


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


def test_rdf_exports_are_byte_identical_across_processes(fixture_corpus, tmp_path):
    """Two builds, in two interpreters with different hash seeds, write the same bytes."""
    root = Path(__file__).resolve().parent.parent
    for seed in ("1", "2"):
        code = f"from kg.pipeline import build; build([{str(fixture_corpus)!r}], out_dir={str(tmp_path / seed)!r})"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code], cwd=root, env=env, check=True)
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.trig"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name
