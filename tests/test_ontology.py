from __future__ import annotations

import importlib.util
import re
from importlib import resources
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, RDFS, SKOS

from kg.errors import OntologyError
from kg.model import Document
from kg.ontology import DGO, DGR, ONTOLOGY_DIR, WD, load_ontology, load_shapes, to_rdf, to_triples, wikidata_links
from kg.query import run_query, to_store

NS = "https://w3id.org/dgkg/ontology#"


def test_python_vocabulary_equals_dgo_ttl():
    onto = Graph().parse(ONTOLOGY_DIR / "dgo.ttl")
    declared = {str(s)[len(NS):] for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}
    python_terms = set(DGO.__annotations__)
    assert declared == python_terms


def test_every_term_has_zh_and_en_labels_and_a_comment():
    from rdflib.namespace import RDFS

    onto = Graph().parse(ONTOLOGY_DIR / "dgo.ttl")
    for term in DGO.__annotations__:
        iri = URIRef(NS + term)
        langs = sorted(l.language for l in onto.objects(iri, RDFS.label))
        assert langs == ["en", "zh"], term
        assert onto.value(iri, RDFS.comment) is not None, term


def test_missing_ontology_folder_is_a_clear_error(tmp_path):
    with pytest.raises(OntologyError, match="no dgo.ttl here"):
        load_ontology(tmp_path)


def test_seed_rdf_has_no_blank_nodes_and_typed_entities(seed_build):
    rdf = seed_build.rdf
    assert not any(isinstance(x, BNode) for t in rdf for x in t)
    query = """PREFIX dgo: <https://w3id.org/dgkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a/rdfs:subClassOf* dgo:Region }"""
    rdf_with_onto = rdf + load_ontology()
    n = int(next(iter(rdf_with_onto.query(query)))[0])
    assert n == sum(1 for e in seed_build.entities if e.type.value == "Region")


def test_every_relation_triple_traces_to_document_and_sentence(seed_build):
    rdf = seed_build.rdf
    query = """PREFIX dgo: <https://w3id.org/dgkg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(?p IN (dgo:servesRegion, dgo:issuedBy, dgo:affiliatedWith,
            dgo:implementedIn, dgo:locatedIn, dgo:operatedBy))
          FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                               prov:wasDerivedFrom ?doc ; dgo:evidence ?ev . ?doc a dgo:Document } }"""
    assert list(rdf.query(query)) == []


def test_owl_rl_closure_is_consistent(seed_build):
    owlrl = pytest.importorskip("owlrl")
    rdf = seed_build.rdf + load_ontology()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(rdf)
    assert (None, RDF.type, OWL.Nothing) not in rdf
    base = [DGO.Region, DGO.Organization, DGO.Platform, DGO.Policy, DGO.Person]
    for s in set(rdf.subjects(RDF.type, DGO.Region)):
        assert sum((s, RDF.type, c) in rdf for c in base) == 1


def test_shapes_are_not_part_of_the_vocabulary():
    from rdflib.namespace import SH

    assert (None, RDF.type, SH.NodeShape) not in load_ontology()
    assert (None, RDF.type, SH.NodeShape) in load_shapes()


def test_every_relation_including_part_of_traces_to_document_and_sentence(seed_build):
    rdf = seed_build.rdf
    query = """PREFIX dgo: <https://w3id.org/dgkg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(?p IN (dgo:servesRegion, dgo:issuedBy, dgo:affiliatedWith,
            dgo:implementedIn, dgo:locatedIn, dgo:operatedBy, dgo:partOf))
          FILTER NOT EXISTS { ?st a dgo:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                              prov:wasDerivedFrom ?doc ; dgo:evidence ?ev . ?doc a dgo:Document ;
                              dcterms:identifier ?id } }"""
    # on Oxigraph: rdflib's engine takes 10-20 s over this FILTER NOT EXISTS
    assert run_query(to_store(rdf), query) == []
    assert len(set(rdf.subject_objects(DGO.partOf))) > 0


def test_documents_carry_metadata_and_mention_every_entity_they_name(seed_build):
    rdf = seed_build.rdf
    for doc in seed_build.documents:
        iri = DGR[f"doc/{doc.id}"]
        assert str(rdf.value(iri, DCTERMS.identifier)) == doc.id
        for prop, value in ((DCTERMS.title, doc.title), (DCTERMS.date, doc.date), (DCTERMS.source, doc.source)):
            assert (str(rdf.value(iri, prop)) if value else rdf.value(iri, prop)) == (value or None)
    for ent in seed_build.entities:
        assert {str(d)[len(DGR) + 4:] for d in rdf.subjects(DGO.mentions, DGR[ent.id])} == set(ent.docs), ent.name


def test_readme_provenance_query_returns_facts_with_evidence(seed_build):
    """The README's 'who issued which policy, with the evidence' query still answers."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sparql\n(.*?)```", readme, flags=re.S)
    query = next(b for b in blocks if "dgo:issuedBy" in b and "dgo:evidence" in b)
    rows = list((seed_build.rdf + load_ontology()).query(query))
    assert rows
    for policy, issuer, doc, evidence in rows:
        assert str(policy) and str(issuer) and str(doc)
        assert str(policy).strip("《》")[:4] in str(evidence) or str(issuer)[:2] in str(evidence)


def test_every_affiliation_is_also_an_org_membership(seed_build):
    rdf = seed_build.rdf
    pairs = set(rdf.subject_objects(DGO.affiliatedWith))
    memberships = {(rdf.value(m, ORG.member), rdf.value(m, ORG.organization))
                   for m in rdf.subjects(RDF.type, ORG.Membership)}
    assert pairs and pairs == memberships
    for m in rdf.subjects(RDF.type, ORG.Membership):
        for role in rdf.objects(m, ORG.role):
            assert (role, RDF.type, ORG.Role) in rdf and rdf.value(role, RDFS.label).language == "zh"


def test_affiliation_without_a_known_post_is_a_membership_without_role():
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("person/a", type="Person", name="甲")
    graph.add_node("org/b", type="Organization", name="乙")
    graph.add_edge("person/a", "org/b", key="affiliatedWith", evidence=(("d", "甲在乙工作。"),))
    rdf = to_rdf(graph)
    (membership,) = rdf.subjects(RDF.type, ORG.Membership)
    assert rdf.value(membership, ORG.member) == DGR["person/a"] and rdf.value(membership, ORG.organization) == DGR["org/b"]
    assert rdf.value(membership, ORG.role) is None


TRICKY_TEXTS = ['say "hi"', "back\\slash", "line\nbreak\ttab\r", "bell\x07del\x7f", "\ufffe\uffff", "平台“赣服通”", "a"]


def test_triples_are_sorted_as_their_n_triples_lines_and_literals_round_trip():
    import networkx as nx

    graph = nx.MultiDiGraph()
    # ids around the end of an IRI's text ('>'): "-" and "/" sort before it, letters after it
    for i, node in enumerate(["org/a", "org/a-b", "org/a/b", "org/ab", "org/a0"]):
        graph.add_node(node, type="Organization", name=TRICKY_TEXTS[i], aliases=tuple(TRICKY_TEXTS[5:7]),
                       docs=("d-1", "d"))
    graph.add_edge("org/a", "org/a-b", key="partOf", evidence=(("d", TRICKY_TEXTS[2]), ("d-1", "")))
    docs = [Document(id="d", title=TRICKY_TEXTS[0], date="2024-01-02"), Document(id="d-1", source=TRICKY_TEXTS[1])]
    triples = to_triples(graph, docs).triples
    assert triples == sorted(set(triples), key=str)
    rdf = to_rdf(graph, docs)
    assert len(rdf) == len(triples)
    assert [str(rdf.value(DGR[f"org/{n}"], RDFS.label)) for n in ("a", "a-b", "a/b", "ab", "a0")] == TRICKY_TEXTS[:5]
    assert str(rdf.value(DGR["doc/d"], DCTERMS.title)) == TRICKY_TEXTS[0]
    assert rdf.value(DGR["doc/d"], DCTERMS.date).datatype == URIRef("http://www.w3.org/2001/XMLSchema#date")


def test_provinces_and_prefectures_link_to_wikidata(seed_build):
    rdf = seed_build.rdf
    assert (DGR["region/360000"], SKOS.exactMatch, WD.Q57052) in rdf  # 江西省
    assert (DGR["region/431000"], SKOS.exactMatch, WD.Q416748) in rdf  # 郴州市
    for region in seed_build.entities:
        links = list(rdf.objects(DGR[region.id], SKOS.exactMatch))
        if region.subtype == "County" or region.type.value != "Region":
            assert links == [], region.name
        if links:
            assert links == [WD[wikidata_links()[region.code]]]


def test_wikidata_table_agrees_with_the_gazetteer():
    from kg.extract.lexicon import load_lexicon

    links = wikidata_links()
    lexicon = load_lexicon()
    table = resources.files("kg.data").joinpath("wikidata_regions.tsv").read_text(encoding="utf-8")
    assert "Source: Wikidata P442" in table  # the source stays cited in the file
    rows = [line.split("\t") for line in table.splitlines() if line and not line.startswith("#")][1:]
    assert len(rows) == len(links) and len({qid for _, qid, _ in rows}) == len(rows)
    for code, qid, name in rows:
        region = lexicon.region(code)
        assert region is not None and region.name == name, code
        assert re.fullmatch(r"Q[1-9][0-9]*", qid)
    provinces = [code for code, _, _ in rows if code.endswith("0000")]
    assert len(provinces) == 31  # every mainland province-level division


def test_ontology_docs_are_up_to_date():
    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("make_ontology_docs", root / "scripts" / "make_ontology_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = module.render(Graph().parse(ONTOLOGY_DIR / "dgo.ttl"))
    committed = (root / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert committed == page, "docs/ontology.md is stale: run python scripts/make_ontology_docs.py"
    for term in DGO.__annotations__:
        assert f"### {term}\n" in page, term
