"""kg.query: SPARQL over small hand-made graphs on both engines, the shipped queries, and the row formats."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

import kg.query
from kg.cli import main
from kg.errors import InputError, QueryError
from kg.ontology import DGO, DGR
from kg.query import ENGINES, default_engine, format_rows, load_data, run_query, run_query_files, to_store

QUERIES = sorted((Path(__file__).resolve().parent.parent / "queries").glob("*.rq"))
LABELS = "SELECT ?label WHERE { ?r a dgo:City ; rdfs:label ?label } ORDER BY ?label"


def make_graph() -> Graph:
    rdf = Graph()
    for local, cls, label in (("region/430000", DGO.Province, "湖南省"), ("region/431000", DGO.City, "郴州市"),
                              ("region/430100", DGO.City, "长沙市"), ("platform/czt", DGO.Platform, "郴政通")):
        rdf.add((DGR[local], RDF.type, cls))
        rdf.add((DGR[local], RDFS.label, Literal(label, lang="zh")))
    rdf.add((DGR["region/431000"], DGO.partOf, DGR["region/430000"]))
    rdf.add((DGR["platform/czt"], DGO.servesRegion, DGR["region/431000"]))
    return rdf


@pytest.fixture(params=ENGINES)
def rdf(request):
    """The same small graph, as a pyoxigraph Store (Oxigraph) and as an rdflib Graph (rdflib)."""
    return to_store(make_graph()) if request.param == "oxigraph" else make_graph()


@pytest.fixture
def graph() -> Graph:
    return make_graph()


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


@pytest.mark.parametrize("engine", ENGINES)
def test_run_query_files_reads_rq_and_loads_ontology(graph, engine, tmp_path):
    data = tmp_path / "graph.ttl"
    graph.serialize(data, format="turtle")
    rq = tmp_path / "regions.rq"
    rq.write_text("# every region, via the class hierarchy of dgo.ttl\n"
                  "SELECT ?label WHERE { ?r a/rdfs:subClassOf* dgo:Region ; rdfs:label ?label } ORDER BY ?label\n",
                  encoding="utf-8")
    rows = run_query_files(str(rq), [str(data)], engine=engine)
    assert [row["label"] for row in rows] == ["湖南省", "郴州市", "长沙市"]
    assert run_query_files(LABELS, [data], engine=engine) == [{"label": "郴州市"}, {"label": "长沙市"}]


def test_run_query_files_errors(tmp_path):
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


def test_cli_query(graph, tmp_path, capsys):
    data = tmp_path / "graph.ttl"
    graph.serialize(data, format="turtle")
    assert main(["query", "ASK { ?p dgo:servesRegion ?r }", "--data", str(data), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"result": "true"}]
    assert main(["query", "SELECT WHERE", "--data", str(data)]) == 1
    assert capsys.readouterr().err.startswith("QueryError: SPARQL does not parse")


def test_cli_query_engine_option(graph, tmp_path, capsys):
    data = tmp_path / "graph.ttl"
    graph.serialize(data, format="turtle")
    for engine in ENGINES:
        assert main(["query", LABELS, "--data", str(data), "--format", "csv", "--engine", engine]) == 0
        assert capsys.readouterr().out == "label\n郴州市\n长沙市\n"


# ---------------------------------------------------------------- engines

def test_load_data_gives_each_engine_its_own_type(graph, tmp_path):
    import pyoxigraph

    data = tmp_path / "graph.ttl"
    graph.serialize(data, format="turtle")
    assert isinstance(load_data([data], engine="oxigraph"), pyoxigraph.Store)
    assert isinstance(load_data([data], engine="rdflib"), Graph)
    with pytest.raises(ValueError, match="unknown engine 'jena'; valid: oxigraph, rdflib"):
        load_data([data], engine="jena")


def test_oxigraph_is_the_default_and_rdflib_the_fallback(monkeypatch):
    assert default_engine() == "oxigraph"
    real_find_spec = kg.query.importlib.util.find_spec
    monkeypatch.setattr(kg.query.importlib.util, "find_spec",
                        lambda name, *a: None if name == "pyoxigraph" else real_find_spec(name, *a))
    assert default_engine() == "rdflib"


def test_run_query_rejects_other_data():
    with pytest.raises(TypeError, match="cannot query a dict"):
        run_query({}, LABELS)


def test_oxigraph_errors_are_query_errors(graph):
    store = to_store(graph)
    with pytest.raises(QueryError, match="SPARQL does not parse"):
        run_query(store, "SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryError, match="SPARQL does not parse"):
        run_query(store, "SELECT ?x WHERE { ?x undeclared:p ?y }")


def test_bad_data_file_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    for engine in ENGINES:
        with pytest.raises(InputError, match=r"bad\.ttl: cannot parse as RDF"):
            load_data([bad], engine=engine)
    with pytest.raises(InputError, match=r"graph\.xyz: unknown RDF format"):
        load_data([odd], engine="oxigraph")


def test_trig_is_read_through_the_union_of_its_graphs(graph, tmp_path):
    from rdflib import Dataset

    dataset = Dataset()
    named = dataset.graph(DGR["doc/d1"])
    for triple in graph:
        named.add(triple)
    data = tmp_path / "graph.trig"
    dataset.serialize(data, format="trig")
    for engine in ENGINES:
        assert run_query_files(LABELS, [data], engine=engine) == [{"label": "郴州市"}, {"label": "长沙市"}]


@pytest.fixture(scope="module")
def seed_data(seed_build, tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("seed-query") / "graph.ttl"
    seed_build.rdf.serialize(data, format="turtle")
    return data


def test_every_query_is_shipped():
    assert {q.stem for q in QUERIES} >= {"platforms_by_province", "orgs_in_region", "policies_and_issuers",
                                         "person_posts", "facts_with_evidence", "regions_by_platform_count"}


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.stem)
def test_shipped_query_gives_the_same_rows_on_both_engines(query, seed_data):
    oxigraph = run_query_files(str(query), [seed_data], engine="oxigraph")
    rdflib = run_query_files(str(query), [seed_data], engine="rdflib")
    assert oxigraph, f"{query.name} finds nothing in the seed graph"
    assert oxigraph == rdflib  # same rows, same order, same strings
