"""kg.evaluate: the score_kg.py rules on hand-made graphs and gold dicts."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

import kg.evaluate
from kg.cli import main
from kg.errors import InputError
from kg.evaluate import Report, Summary, TypeScore, evaluate, evaluate_files, format_report, normalise_label
from kg.ontology import DGO, DGR


def node(rdf: Graph, local: str, cls: URIRef, label: str, *aliases: str) -> URIRef:
    iri = DGR[local]
    rdf.add((iri, RDF.type, cls))
    rdf.add((iri, RDFS.label, Literal(label, lang="zh")))
    for alias in aliases:
        rdf.add((iri, SKOS.altLabel, Literal(alias, lang="zh")))
    return iri


def schema() -> Graph:
    """The bits of dgo.ttl the scorer relies on: a subclass and a subproperty chain."""
    rdf = Graph()
    rdf.add((DGO.Province, RDFS.subClassOf, DGO.Region))
    rdf.add((DGO.City, RDFS.subClassOf, DGO.Region))
    rdf.add((DGO.PolicyDocument, RDFS.subClassOf, DGO.Policy))
    return rdf


def ent(gid: str, type_: str, name: str, *aliases: str, optional: bool = False) -> dict:
    return {"id": gid, "type": type_, "name": name, "aliases": list(aliases), "optional": optional}


def rel(head: str, type_: str, tail: str, optional: bool = False) -> dict:
    return {"head": head, "type": type_, "tail": tail, "optional": optional}


def test_exported_names_match_all():
    public = {name for name in dir(kg.evaluate) if not name.startswith("_")}
    assert set(kg.evaluate.__all__) <= public


@pytest.mark.parametrize("raw, expected", [
    ("《關於加強數字政府建設的指導意見》", "关于加强数字政府建设的指导意见"),
    ("“赣服通”", "赣服通"),
    ("ＡＢＣ 平台", "ABC平台"),  # NFKC folds full-width letters; spaces go
    ("「一网通办」", "一网通办"),
])
def test_normalise_label(raw, expected):
    assert normalise_label(raw) == expected


def test_subclass_counts_as_base_type_and_missed_is_listed():
    rdf = schema()
    node(rdf, "region/360000", DGO.Province, "江西省")
    gold = {"entities": [ent("jx", "Region", "江西省"), ent("sh", "Region", "上海市")], "relations": []}
    report = evaluate(rdf, gold)
    region = report["Region"]
    assert (region.tp, region.fp, region.fn) == (1, 0, 1)
    assert region.missed == (("上海市",),)
    assert report.entities == Summary(tp=1, fp=0, fn=1)
    assert report.entities.precision == 1.0 and report.entities.recall == 0.5


def test_alias_match_and_traditional_label():
    rdf = schema()
    node(rdf, "region/360000", DGO.Province, "赣")  # only an alias of the gold name
    node(rdf, "policy/p1", DGO.PolicyDocument, "《關於加強數字政府建設的指導意見》")
    gold = {"entities": [ent("jx", "Region", "江西省", "江西", "赣"),
                         ent("p1", "Policy", "关于加强数字政府建设的指导意见")], "relations": []}
    report = evaluate(rdf, gold)
    assert (report["Region"].tp, report["Region"].fp) == (1, 0)
    assert (report["Policy"].tp, report["Policy"].fp) == (1, 0)


def test_exact_name_beats_alias_and_duplicate_is_false_positive():
    rdf = schema()
    # the alias-only node has the shorter label, so it would win if aliases were tried first
    node(rdf, "region/a", DGO.City, "郴州")
    node(rdf, "region/b", DGO.City, "郴州市")
    gold = {"entities": [ent("cz", "Region", "郴州市", "郴州")], "relations": []}
    region = evaluate(rdf, gold)["Region"]
    assert (region.tp, region.fp, region.fn) == (1, 1, 0)
    assert region.wrong == (("郴州",),)


def test_tie_goes_to_the_node_named_so():
    rdf = Graph()
    # both nodes' shortest label is 国务院 (3 characters); only one is called that
    node(rdf, "org/a", DGO.Organization, "江西省政务服务中心", "国务院")
    node(rdf, "org/z", DGO.Organization, "国务院")
    gold = {"entities": [ent("gwy", "Organization", "国务院")], "relations": []}
    org = evaluate(rdf, gold)["Organization"]
    assert (org.tp, org.fp, org.wrong) == (1, 1, (("国务院", "江西省政务服务中心"),))


def test_type_must_agree():
    rdf = schema()
    node(rdf, "org/x", DGO.Organization, "江西省")
    gold = {"entities": [ent("jx", "Region", "江西省")], "relations": []}
    report = evaluate(rdf, gold)
    assert report["Organization"].fp == 1 and report["Region"].fn == 1


def test_optional_gold_is_neither_rewarded_nor_penalised():
    rdf = schema()
    node(rdf, "region/jx", DGO.Province, "江西省")
    node(rdf, "platform/a", DGO.Platform, "赣服通")
    node(rdf, "platform/b", DGO.Platform, "赣服通APP", "赣服通")  # unmerged duplicate of an optional entity
    rdf.add((DGR["platform/a"], DGO.servesRegion, DGR["region/jx"]))
    rdf.add((DGR["platform/a"], DGO.operatedBy, DGR["region/jx"]))  # not gold, but its head is optional
    gold = {"entities": [ent("jx", "Region", "江西省"), ent("gft", "Platform", "赣服通", optional=True),
                         ent("opt-missing", "Person", "张三", optional=True)],
            "relations": [rel("gft", "servesRegion", "jx", optional=True)]}
    report = evaluate(rdf, gold)
    assert report["Platform"] == TypeScore(type="Platform")
    assert report["Person"].fn == 0
    assert report["servesRegion"] == TypeScore(type="servesRegion")
    assert report["operatedBy"] == TypeScore(type="operatedBy")
    assert report.entities == Summary(tp=1)


def test_relations_match_on_gold_ends_and_subproperties():
    rdf = schema()
    is_city_of = URIRef("https://example.org/isCityOf")  # a made-up subproperty
    rdf.add((is_city_of, RDFS.subPropertyOf, DGO.partOf))
    node(rdf, "region/hn", DGO.Province, "湖南省")
    node(rdf, "region/cz", DGO.City, "郴州市")
    node(rdf, "region/cz2", DGO.City, "郴州")  # unmerged duplicate: its edge matches no gold head
    node(rdf, "region/cs", DGO.City, "长沙市")
    rdf.add((DGR["region/cz"], is_city_of, DGR["region/hn"]))
    rdf.add((DGR["region/cz2"], DGO.partOf, DGR["region/hn"]))
    rdf.add((DGR["region/hn"], DGO.partOf, DGR["region/cs"]))
    gold = {"entities": [ent("hn", "Region", "湖南省"), ent("cz", "Region", "郴州市", "郴州"),
                         ent("cs", "Region", "长沙市")],
            "relations": [rel("cz", "partOf", "hn"), rel("cs", "partOf", "hn")]}
    part_of = evaluate(rdf, gold)["partOf"]
    assert (part_of.tp, part_of.fp, part_of.fn) == (1, 2, 1)
    assert part_of.missed == (("长沙市", "湖南省"),)
    assert sorted(part_of.wrong) == [("湖南省", "长沙市"), ("郴州", "湖南省")]


def test_format_report_lines():
    report = Report(
        types=(TypeScore(type="Region", tp=1, fp=1, fn=1, missed=(("上海市",),), wrong=(("郴州",),)),
               TypeScore(type="partOf", fn=1, missed=(("长沙市", "湖南省"),))),
        entities=Summary(tp=1, fp=1, fn=1), relations=Summary(fn=1))
    assert format_report(report).splitlines() == [
        "Region          P=0.50 R=0.50 F1=0.50  tp=1 fp=1 fn=1",
        "partOf          P=0.00 R=0.00 F1=0.00  tp=0 fp=0 fn=1",
        "ENTITIES        P=0.500 R=0.500 F1=0.500",
        "RELATIONS       P=0.000 R=0.000 F1=0.000",
    ]
    verbose = format_report(report, verbose=True).splitlines()
    assert verbose[1:3] == ["   missed: 上海市", "   wrong:  ['郴州']"]
    assert verbose[4] == "   missed: 长沙市 -> 湖南省"


def test_report_lookup_names_valid_types():
    report = evaluate(Graph(), {"entities": [], "relations": []})
    with pytest.raises(KeyError, match="valid: Region, Organization"):
        report["Country"]


def test_gold_errors():
    with pytest.raises(InputError, match="needs 'entities' and 'relations'.*found: entities"):
        evaluate(Graph(), {"entities": []})
    with pytest.raises(InputError, match="type 'Country'; valid: Region"):
        evaluate(Graph(), {"entities": [ent("x", "Country", "中国")], "relations": []})
    with pytest.raises(InputError, match="tail 'nowhere' is not a gold entity id"):
        evaluate(Graph(), {"entities": [ent("x", "Region", "中国")], "relations": [rel("x", "partOf", "nowhere")]})


@pytest.fixture
def files(tmp_path):
    rdf = Graph()
    node(rdf, "region/360000", DGO.Province, "江西省")
    graph_path = tmp_path / "graph.ttl"
    rdf.serialize(graph_path, format="turtle")
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps({"entities": [ent("jx", "Region", "江西省")], "relations": []}), encoding="utf-8")
    return graph_path, gold_path


def test_evaluate_files_loads_the_ontology(files):
    report = evaluate_files(*files)  # Province → Region needs dgo.ttl's subclass axiom
    assert report["Region"].tp == 1


def test_evaluate_files_errors_name_the_file(files, tmp_path):
    graph_path, gold_path = files
    with pytest.raises(InputError, match=r"missing\.ttl: no such file"):
        evaluate_files(tmp_path / "missing.ttl", gold_path)
    bad_ttl = tmp_path / "bad.ttl"
    bad_ttl.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl: cannot parse as RDF"):
        evaluate_files(bad_ttl, gold_path)
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.json: not valid UTF-8 JSON"):
        evaluate_files(graph_path, bad_json)
    no_rel = tmp_path / "norel.json"
    no_rel.write_text(json.dumps({"entities": []}), encoding="utf-8")
    with pytest.raises(InputError, match=r"norel\.json: gold needs 'entities' and 'relations'"):
        evaluate_files(graph_path, no_rel)


def test_cli_eval(files, tmp_path, capsys):
    assert main(["eval", *map(str, files)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Region          P=1.00 R=1.00 F1=1.00  tp=1 fp=0 fn=0"
    assert out[-2] == "ENTITIES        P=1.000 R=1.000 F1=1.000"
    missing = tmp_path / "missing.json"
    assert main(["eval", str(files[0]), str(missing)]) == 1
    assert capsys.readouterr().err == f"InputError: {missing}: no such file\n"
