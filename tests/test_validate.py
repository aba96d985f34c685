from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from kg.cli import main
from kg.errors import InputError, OntologyError
from kg.ontology import DGO, DGR
from kg.validate import ValidationReport, format_report, read_rdf, validate, validate_file

RDF_EXPORTS = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.trig")


def test_seed_build_conforms(seed_build):
    report = validate(seed_build.rdf)
    assert report.conforms, format_report(report)
    assert report.results == () and report.triples == len(seed_build.rdf)


@pytest.mark.parametrize("name", RDF_EXPORTS)
def test_every_written_export_conforms(fixture_build, name):
    path = next(p for p in fixture_build.outputs if p.name == name)
    report = validate_file(path)
    assert report.conforms, format_report(report)


def _copy(rdf: Graph) -> Graph:
    out = Graph()
    for prefix, ns in rdf.namespaces():
        out.bind(prefix, ns)
    for triple in rdf:
        out.add(triple)
    return out


def _first(rdf: Graph, cls: URIRef) -> URIRef:
    return sorted(rdf.subjects(RDF.type, cls))[0]


def _drop_label(rdf):
    rdf.remove((_first(rdf, DGO.Platform), RDFS.label, None))


def _second_label(rdf):
    rdf.add((_first(rdf, DGO.City), RDFS.label, Literal("另一个名字", lang="zh")))


def _english_label(rdf):
    node = _first(rdf, DGO.Platform)
    rdf.set((node, RDFS.label, Literal("a platform", lang="en")))


def _region_serves_region(rdf):  # domain violation that RDFS inference would hide
    city = _first(rdf, DGO.City)
    rdf.add((city, DGO.servesRegion, city))


def _platform_serves_person(rdf):  # range violation
    platform = _first(rdf, DGO.Platform)
    for stmt in list(rdf.subjects(RDF.predicate, DGO.servesRegion)):
        if rdf.value(stmt, RDF.subject) == platform:
            rdf.remove((platform, DGO.servesRegion, rdf.value(stmt, RDF.object)))
            rdf.set((stmt, RDF.object, _first(rdf, DGO.Person)))
            rdf.add((platform, DGO.servesRegion, _first(rdf, DGO.Person)))
            return
    raise AssertionError("fixture has no servesRegion assertion")


def _drop_evidence(rdf):
    rdf.remove((_first(rdf, DGO.Assertion), DGO.evidence, None))


def _drop_assertions(rdf):
    for stmt in list(rdf.subjects(RDF.predicate, DGO.servesRegion)):
        rdf.remove((stmt, None, None))


def _derived_from_nothing(rdf):
    rdf.set((_first(rdf, DGO.Assertion), PROV.wasDerivedFrom, DGR["doc/missing"]))


def _reified_triple_missing(rdf):
    stmt = _first(rdf, DGO.Assertion)
    rdf.remove((rdf.value(stmt, RDF.subject), rdf.value(stmt, RDF.predicate), rdf.value(stmt, RDF.object)))


def _drop_identifier(rdf):
    rdf.remove((_first(rdf, DGO.Document), DCTERMS.identifier, None))


def _bad_admin_code(rdf):
    rdf.set((_first(rdf, DGO.City), DGO.adminCode, Literal("3301")))


BROKEN = [
    (_drop_label, "rdfs:label", "an entity has exactly one rdfs:label, a Chinese (@zh) string"),
    (_second_label, "rdfs:label", "an entity has exactly one rdfs:label, a Chinese (@zh) string"),
    (_english_label, "rdfs:label", "an entity has exactly one rdfs:label, a Chinese (@zh) string"),
    (_region_serves_region, "", "the subject of dgo:servesRegion must be a dgo:Platform (domain)"),
    (_platform_serves_person, "dgo:servesRegion", "the object of dgo:servesRegion must be a dgo:Region (range)"),
    (_drop_evidence, "dgo:evidence", "an Assertion has a dgo:evidence sentence"),
    (_drop_assertions, "dgo:servesRegion",
     "relation triple has no dgo:Assertion tracing it to a document and sentence"),
    (_derived_from_nothing, "prov:wasDerivedFrom", "an Assertion is prov:wasDerivedFrom exactly one dgo:Document"),
    (_reified_triple_missing, "", "the triple this Assertion reifies is not in the graph"),
    (_drop_identifier, "dcterms:identifier", "a Document has exactly one dcterms:identifier"),
    (_bad_admin_code, "dgo:adminCode", "dgo:adminCode is one six-digit GB/T 2260 code"),
]


@pytest.mark.parametrize("breakage, path, message", BROKEN, ids=[b[0].__name__.strip("_") for b in BROKEN])
def test_hand_broken_graph_fails_with_the_expected_message(fixture_build, breakage, path, message):
    rdf = _copy(fixture_build.rdf)
    breakage(rdf)
    report = validate(rdf)
    assert not report.conforms
    assert (path, message) in {(r.path, r.message) for r in report.results}, format_report(report)


def test_subclass_instances_count_for_class_constraints():
    """A dgo:Province is a dgo:Region for sh:class: the ontology is loaded with the data."""
    data = """
        @prefix dgo: <https://w3id.org/dgkg/ontology#> . @prefix dgr: <https://w3id.org/dgkg/id/> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix prov: <http://www.w3.org/ns/prov#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix dcterms: <http://purl.org/dc/terms/> .
        dgr:p a dgo:Platform ; rdfs:label "赣服通"@zh ; dgo:servesRegion dgr:r .
        dgr:r a dgo:Province ; rdfs:label "江西省"@zh .
        dgr:d a dgo:Document ; dcterms:identifier "d" .
        dgr:s a dgo:Assertion ; rdf:subject dgr:p ; rdf:predicate dgo:servesRegion ; rdf:object dgr:r ;
            prov:wasDerivedFrom dgr:d ; dgo:evidence "江西建设赣服通"@zh .
    """
    report = validate(Graph().parse(data=data, format="turtle"))
    assert report.conforms, format_report(report)


def test_report_names_focus_label_path_and_message(fixture_build):
    rdf = _copy(fixture_build.rdf)
    _second_label(rdf)
    text = format_report(validate(rdf))
    city = _first(rdf, DGO.City)
    assert text.startswith("does not conform: 1 result in ")
    assert f"dgr:{city[len(str(DGR)):]}" in text
    assert "    path:    rdfs:label\n    message: an entity has exactly one rdfs:label" in text
    assert format_report(ValidationReport(True, (), 3)) == "conforms: 3 triples, no violations"


def test_read_rdf_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_rdf(tmp_path / "graph.ttl")
    (tmp_path / "graph.xyz").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown RDF file suffix '\.xyz'; valid: \.json, \.jsonld"):
        read_rdf(tmp_path / "graph.xyz")
    (tmp_path / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match="not valid turtle"):
        read_rdf(tmp_path / "bad.ttl")
    with pytest.raises(OntologyError, match="no such shapes file"):
        validate(Graph(), shapes=tmp_path / "shapes.ttl")


def test_cli_validate_exit_codes(fixture_build, tmp_path, capsys):
    good = next(p for p in fixture_build.outputs if p.name == "graph.ttl")
    assert main(["validate", str(good)]) == 0
    assert capsys.readouterr().out.startswith(f"{good}: conforms: ")

    rdf = _copy(fixture_build.rdf)
    _drop_identifier(rdf)
    bad = tmp_path / "bad.ttl"
    rdf.serialize(bad, format="turtle")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "does not conform: 1 result" in out and "message: a Document has exactly one dcterms:identifier" in out


def test_cli_validate_defaults_to_exports_graph_ttl(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    assert capsys.readouterr().err.strip() == "InputError: exports/graph.ttl: no such file"
