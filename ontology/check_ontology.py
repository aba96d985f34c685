#!/usr/bin/env python3
"""Sanity checks for ontology/dgo.ttl.

1. The file parses (Turtle) and has the ontology header.
2. The dgo: namespace declares exactly the expected classes, object
   properties and datatype properties, each with one rdfs:label @zh and one
   @en, an rdfs:comment @en and rdfs:isDefinedBy the ontology.
3. OWL RL closure (owlrl OWLRL_Semantics) of the ontology plus a small sample
   ABox is consistent: nothing is an owl:Nothing, no individual has two
   disjoint base classes, owlrl reports no inconsistency.  The same ABox
   under plain RDFS closure must not leak types (a Region is never an
   Organization, an Initiative never a schema:Legislation).
4. The disjointness axioms are live: a deliberately bad individual (typed
   Region and Organization) is caught.

Usage: python ontology/check_ontology.py [path/to/dgo.ttl]
Exits 0 when every check passes, 1 otherwise (messages on stderr).
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

try:
    import owlrl
    from owlrl.Namespaces import ERRNS
except ImportError:  # pragma: no cover
    sys.exit("check_ontology: owlrl is not installed (pip install owlrl)")

ONTOLOGY_IRI = URIRef("https://w3id.org/dgkg/ontology")
DGO = Namespace("https://w3id.org/dgkg/ontology#")
DGR = Namespace("https://w3id.org/dgkg/id/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")

EXPECTED_CLASSES = {
    "Region", "Province", "City", "County",
    "Organization", "Agency", "Enterprise", "Institute", "MediaOutlet",
    "Platform", "Policy", "PolicyDocument", "Initiative",
    "Person", "Document", "Assertion",
}
EXPECTED_OBJECT_PROPERTIES = {
    "affiliatedWith", "partOf", "locatedIn", "servesRegion",
    "operatedBy", "issuedBy", "implementedIn", "mentions",
}
EXPECTED_DATATYPE_PROPERTIES = {"evidence", "adminCode", "level", "kind"}

BASE_CLASSES = [DGO.Region, DGO.Organization, DGO.Platform, DGO.Policy,
                DGO.Person, DGO.Document]

DEFAULT_PATH = Path(__file__).resolve().parent / "dgo.ttl"


class Checker:
    def __init__(self) -> None:
        self.failures: list[str] = []

    def check(self, ok: bool, message: str) -> bool:
        if not ok:
            self.failures.append(message)
        return ok


def local(iri) -> str:
    return str(iri)[len(str(DGO)):]


def dgo_subjects(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(DGO))}


def check_terms(g: Graph, c: Checker) -> None:
    c.check((ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g, "ontology IRI is not an owl:Ontology")
    c.check(g.value(ONTOLOGY_IRI, OWL.versionInfo) is not None, "owl:versionInfo missing")
    for prop in ("title", "description"):
        p = URIRef("http://purl.org/dc/terms/" + prop)
        langs = {o.language for o in g.objects(ONTOLOGY_IRI, p) if isinstance(o, Literal)}
        c.check({"zh", "en"} <= langs, f"ontology dcterms:{prop} lacks zh or en")

    subjects = {local(s) for s in dgo_subjects(g)}
    expected = EXPECTED_CLASSES | EXPECTED_OBJECT_PROPERTIES | EXPECTED_DATATYPE_PROPERTIES
    c.check(not (subjects - expected), f"unexpected dgo: subjects: {sorted(subjects - expected)}")
    c.check(not (expected - subjects), f"missing dgo: terms: {sorted(expected - subjects)}")

    for names, kind in ((EXPECTED_CLASSES, OWL.Class),
                        (EXPECTED_OBJECT_PROPERTIES, OWL.ObjectProperty),
                        (EXPECTED_DATATYPE_PROPERTIES, OWL.DatatypeProperty)):
        for name in sorted(names):
            term = DGO[name]
            c.check((term, RDF.type, kind) in g, f"dgo:{name} is not typed {g.qname(kind)}")
            labels = [o for o in g.objects(term, RDFS.label) if isinstance(o, Literal)]
            for lang in ("zh", "en"):
                n = sum(1 for o in labels if o.language == lang)
                c.check(n == 1, f"dgo:{name} has {n} rdfs:label @{lang} (want 1)")
            c.check(len(labels) == 2, f"dgo:{name} has {len(labels)} rdfs:label values (want 2)")
            c.check(any(isinstance(o, Literal) and o.language == "en"
                        for o in g.objects(term, RDFS.comment)),
                    f"dgo:{name} has no rdfs:comment @en")
            c.check((term, RDFS.isDefinedBy, ONTOLOGY_IRI) in g,
                    f"dgo:{name} lacks rdfs:isDefinedBy the ontology")


def sample_abox() -> Graph:
    """Tiny instance graph exercising every relation of the contract."""
    a = Graph()
    jiangxi, hunan = DGR["region/jiangxi"], DGR["region/hunan"]
    chenzhou = DGR["region/chenzhou"]
    bureau = DGR["org/chenzhou-data-bureau"]
    ganfutong = DGR["platform/ganfutong"]
    initiative = DGR["policy/yibiaotongxiang"]
    person = DGR["person/hewei"]
    company = DGR["org/china-mobile"]
    doc = DGR["doc/000"]
    stmt = DGR["stmt/0001"]

    a.add((jiangxi, RDF.type, DGO.Province))
    a.add((jiangxi, DGO.level, Literal("province")))
    a.add((jiangxi, DGO.adminCode, Literal("360000")))
    a.add((hunan, RDF.type, DGO.Province))
    a.add((chenzhou, RDF.type, DGO.City))
    a.add((chenzhou, DGO.partOf, hunan))
    # The requested Province partOf Province case (a contrived but legal edge).
    a.add((jiangxi, DGO.partOf, hunan))

    a.add((bureau, RDF.type, DGO.Agency))
    a.add((bureau, DGO.kind, Literal("agency")))
    a.add((bureau, DGO.locatedIn, chenzhou))

    a.add((ganfutong, RDF.type, DGO.Platform))
    a.add((ganfutong, DGO.servesRegion, jiangxi))
    a.add((ganfutong, DGO.operatedBy, bureau))

    a.add((initiative, RDF.type, DGO.Initiative))
    a.add((initiative, DGO.issuedBy, bureau))
    a.add((initiative, DGO.implementedIn, jiangxi))

    a.add((company, RDF.type, DGO.Enterprise))
    a.add((person, RDF.type, DGO.Person))
    a.add((person, DGO.affiliatedWith, company))

    a.add((doc, RDF.type, DGO.Document))
    for e in (jiangxi, hunan, chenzhou, bureau, ganfutong, initiative, person, company):
        a.add((doc, DGO.mentions, e))

    a.add((stmt, RDF.type, DGO.Assertion))
    a.add((stmt, RDF.subject, ganfutong))
    a.add((stmt, RDF.predicate, DGO.servesRegion))
    a.add((stmt, RDF.object, jiangxi))
    a.add((stmt, PROV.wasDerivedFrom, doc))
    a.add((stmt, DGO.evidence, Literal("建设“赣服通”移动政务服务平台", lang="zh")))
    return a


def owlrl_closure(tbox: Graph, abox: Graph, semantics=owlrl.OWLRL_Semantics) -> Graph:
    g = Graph()
    for t in tbox:
        g.add(t)
    for t in abox:
        g.add(t)
    owlrl.DeductiveClosure(semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(g)
    return g


def problems(closed: Graph, individuals: set) -> list[str]:
    out = []
    for s in closed.subjects(RDF.type, OWL.Nothing):
        out.append(f"{s} is an owl:Nothing")
    for m in closed.subjects(RDF.type, ERRNS.ErrorMessage):
        out.append(f"owlrl: {closed.value(m, ERRNS.error)}")
    for ind in individuals:
        types = set(closed.objects(ind, RDF.type))
        for c1, c2 in itertools.combinations(BASE_CLASSES, 2):
            if c1 in types and c2 in types:
                out.append(f"{ind} is both dgo:{local(c1)} and dgo:{local(c2)}")
    return out


def check_reasoning(tbox: Graph, c: Checker) -> None:
    abox = sample_abox()
    individuals = {s for s in abox.subjects() if isinstance(s, URIRef)}

    closed = owlrl_closure(tbox, abox)
    for msg in problems(closed, individuals):
        c.check(False, f"OWL RL closure: {msg}")

    # Expected entailments (the ontology does something useful).
    jiangxi, bureau = DGR["region/jiangxi"], DGR["org/chenzhou-data-bureau"]
    person, initiative = DGR["person/hewei"], DGR["policy/yibiaotongxiang"]
    company, ganfutong = DGR["org/china-mobile"], DGR["platform/ganfutong"]
    for triple, what in (
        ((jiangxi, RDF.type, DGO.Region), "Province => Region"),
        ((jiangxi, RDF.type, SCHEMA.AdministrativeArea), "Region => schema:AdministrativeArea"),
        ((bureau, RDF.type, DGO.Organization), "Agency => Organization"),
        ((bureau, RDF.type, SCHEMA.GovernmentOrganization), "Agency => schema:GovernmentOrganization"),
        ((initiative, RDF.type, DGO.Policy), "Initiative => Policy"),
        ((person, ORG.memberOf, company), "affiliatedWith => org:memberOf"),
        ((ganfutong, SCHEMA.spatialCoverage, jiangxi), "servesRegion => schema:spatialCoverage"),
        ((DGR["stmt/0001"], RDF.type, PROV.Entity), "Assertion => prov:Entity"),
    ):
        c.check(triple in closed, f"OWL RL closure lacks expected entailment: {what}")

    # No type leakage, under OWL RL and under plain RDFS.
    rdfs_closed = owlrl_closure(tbox, abox, owlrl.RDFS_Semantics)
    for name, g in (("OWL RL", closed), ("RDFS", rdfs_closed)):
        for ind in individuals:
            types = set(g.objects(ind, RDF.type))
            for c1, c2 in itertools.combinations(BASE_CLASSES, 2):
                c.check(not (c1 in types and c2 in types),
                        f"{name} closure: {ind} typed both dgo:{local(c1)} and dgo:{local(c2)}")
        c.check((initiative, RDF.type, SCHEMA.Legislation) not in g,
                f"{name} closure: an Initiative became a schema:Legislation")
        c.check((jiangxi, RDF.type, ORG.Organization) not in g,
                f"{name} closure: a Region became an org:Organization")
        c.check((bureau, RDF.type, SCHEMA.AdministrativeArea) not in g,
                f"{name} closure: an Organization became a schema:AdministrativeArea")

    # The disjointness axioms must actually bite.
    bad = Graph()
    bad_ind = DGR["region/bad"]
    bad.add((bad_ind, RDF.type, DGO.Province))
    bad.add((bad_ind, RDF.type, DGO.Agency))
    c.check(bool(problems(owlrl_closure(tbox, bad), {bad_ind})),
            "negative test: an individual typed Province and Agency was not flagged")
    # partOf is asymmetric: a cycle of length two must be flagged.
    # (Union-class ranges such as that of dgo:mentions are not enforceable in
    # OWL RL -- a union in superclass position yields no entailment -- so no
    # negative test for them.)
    bad = Graph()
    bad.add((DGR["region/a"], DGO.partOf, DGR["region/b"]))
    bad.add((DGR["region/b"], DGO.partOf, DGR["region/a"]))
    c.check(bool(problems(owlrl_closure(tbox, bad), set())),
            "negative test: a partOf cycle (a partOf b, b partOf a) was not flagged")


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_PATH
    c = Checker()
    tbox = Graph()
    try:
        tbox.parse(path, format="turtle")
    except Exception as exc:  # noqa: BLE001
        print(f"check_ontology: FAIL: {path} does not parse: {exc}", file=sys.stderr)
        return 1

    check_terms(tbox, c)
    check_reasoning(tbox, c)

    if c.failures:
        for f in c.failures:
            print(f"check_ontology: FAIL: {f}", file=sys.stderr)
        print(f"check_ontology: {len(c.failures)} failure(s)", file=sys.stderr)
        return 1
    n = len(EXPECTED_CLASSES), len(EXPECTED_OBJECT_PROPERTIES), len(EXPECTED_DATATYPE_PROPERTIES)
    print(f"check_ontology: OK: {path.name}: {len(tbox)} triples; "
          f"{n[0]} classes, {n[1]} object properties, {n[2]} datatype properties; "
          "OWL RL and RDFS closures of the sample ABox are consistent")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
