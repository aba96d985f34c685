from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF

from kg.errors import OntologyError
from kg.ontology import DGO, ONTOLOGY_DIR, load_ontology

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
