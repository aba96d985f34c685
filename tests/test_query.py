"""kg.query: SPARQL over small hand-made graphs, and the three row formats."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

import kg.query
from kg.cli import main
from kg.errors import InputError, QueryError
from kg.ontology import DGO, DGR
from kg.query import format_rows, run_query, run_query_files

LABELS = "SELECT ?label WHERE { ?r a dgo:City ; rdfs:label ?label } ORDER BY ?label"


@pytest.fixture
def rdf() -> Graph:
    rdf = Graph()
    for local, cls, label in (("region/430000", DGO.Province, "湖南省"), ("region/431000", DGO.City, "郴州市"),
                              ("region/430100", DGO.City, "长沙市"), ("platform/czt", DGO.Platform, "郴政通")):
        rdf.add((DGR[local], RDF.type, cls))
        rdf.add((DGR[local], RDFS.label, Literal(label, lang="zh")))
    rdf.add((DGR["region/431000"], DGO.partOf, DGR["region/430000"]))
    rdf.add((DGR["platform/czt"], DGO.servesRegion, DGR["region/431000"]))
    return rdf


def test_exported_names_match_all():
    public = {name for name in dir(kg.query) if not name.startswith("_")}
    assert set(kg.query.__all__) <= public


def test_select_rows_are_strings_in_query_order(rdf):
    assert run_query(rdf, LABELS) == [{"label": "郴州市"}, {"label": "长沙市"}]


def test_select_unbound_is_empty_and_paths_work(rdf):
    rows = run_query(rdf, """
        SELECT ?city ?province WHERE {
          ?c a dgo:City ; rdfs:label ?city .
          OPTIONAL { ?c dgo:partOf+/rdfs:label ?province }
        } ORDER BY ?city""")
    assert rows == [{"city": "郴州市", "province": "湖南省"}, {"city": "长沙市", "province": ""}]


def test_bindings(rdf):
    rows = run_query(rdf, "SELECT ?p WHERE { ?p dgo:servesRegion/rdfs:label ?name }",
                     name=Literal("郴州市", lang="zh"))
    assert rows == [{"p": str(DGR["platform/czt"])}]
    assert run_query(rdf, "SELECT ?p WHERE { ?p dgo:servesRegion/rdfs:label ?name }", name="郴州市") == []


def test_ask(rdf):
    assert run_query(rdf, "ASK { ?p dgo:servesRegion ?r }") == [{"result": "true"}]
    assert run_query(rdf, "ASK { ?p dgo:issuedBy ?o }") == [{"result": "false"}]


def test_construct_gives_sorted_triples(rdf):
    rows = run_query(rdf, "CONSTRUCT { ?r dgo:partOf ?p } WHERE { ?r dgo:partOf ?p }")
    assert rows == [{"s": str(DGR["region/431000"]), "p": str(DGO.partOf), "o": str(DGR["region/430000"])}]


def test_syntax_error_raises_query_error(rdf):
    with pytest.raises(QueryError, match="SPARQL does not parse"):
        run_query(rdf, "SELECT ?x WHERE { ?x ?y }")


def test_run_query_files_reads_rq_and_loads_ontology(rdf, tmp_path):
    data = tmp_path / "graph.ttl"
    rdf.serialize(data, format="turtle")
    rq = tmp_path / "regions.rq"
    rq.write_text("# every region, via the class hierarchy of dgo.ttl\n"
                  "SELECT ?label WHERE { ?r a/rdfs:subClassOf* dgo:Region ; rdfs:label ?label } ORDER BY ?label\n",
                  encoding="utf-8")
    rows = run_query_files(str(rq), [str(data)])
    assert [row["label"] for row in rows] == ["湖南省", "郴州市", "长沙市"]
    assert run_query_files(LABELS, [data]) == [{"label": "郴州市"}, {"label": "长沙市"}]


def test_run_query_files_errors(rdf, tmp_path):
    with pytest.raises(InputError, match=r"nowhere\.ttl: no such data file"):
        run_query_files(LABELS, [str(tmp_path / "nowhere.ttl")])
    with pytest.raises(InputError, match=r"nothing\.rq: no such query file"):
        run_query_files(str(tmp_path / "nothing.rq"), [])


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_table_aligns_wide_characters():
    rows = [{"name": "郴州市数据局", "code": "431000"}, {"name": "ab", "code": "1"}, {"name": "长沙", "code": ""}]
    lines = format_rows(rows, "table").splitlines()
    assert lines == [
        "name          code",
        "------------  ------",
        "郴州市数据局  431000",
        "ab            1",
        "长沙",
        "(3 rows)",
    ]
    # the second column starts at the same display column on every line that has it
    assert {width(line[: line.rindex("  ") + 2]) for line in lines[:4]} == {14}


def test_table_of_no_rows():
    assert format_rows([], "table") == "(0 rows)"


def test_csv_quotes_and_round_trips():
    rows = [{"subject": "郴政通", "evidence": "他说:“好,很好”"}, {"subject": "a,b", "evidence": ""}]
    text = format_rows(rows, "csv")
    assert text.splitlines()[0] == "subject,evidence"
    assert list(csv.DictReader(io.StringIO(text))) == rows


def test_json_keeps_chinese_unescaped():
    rows = [{"label": "湖南省"}]
    text = format_rows(rows, "json")
    assert "湖南省" in text and json.loads(text) == rows


def test_unknown_format_lists_valid_ones():
    with pytest.raises(ValueError, match="unknown format 'xml'; valid: csv, json, table"):
        format_rows([], "xml")


def test_cli_query(rdf, tmp_path, capsys):
    data = tmp_path / "graph.ttl"
    rdf.serialize(data, format="turtle")
    assert main(["query", "ASK { ?p dgo:servesRegion ?r }", "--data", str(data), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"result": "true"}]
    assert main(["query", "SELECT WHERE", "--data", str(data)]) == 1
    assert capsys.readouterr().err.startswith("QueryError: SPARQL does not parse")
