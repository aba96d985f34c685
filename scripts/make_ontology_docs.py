"""Generate docs/ontology.md from ontology/dgo.ttl.

Lists every class and property of the dgo: namespace with its labels (zh, en),
comments, superclasses / superproperties, domains, ranges and alignments. The
page is committed; a test regenerates it and fails when it is out of date.

    python scripts/make_ontology_docs.py           # rewrite docs/ontology.md
    python scripts/make_ontology_docs.py --check   # exit 1 if docs/ontology.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import BNode, Graph, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "ontology" / "dgo.ttl"
TARGET = ROOT / "docs" / "ontology.md"
ONTOLOGY = URIRef("https://w3id.org/dgkg/ontology")
NS = "https://w3id.org/dgkg/ontology#"
PREFIXES = [("dgo", NS), ("dgr", "https://w3id.org/dgkg/id/"), ("schema", "https://schema.org/"),
            ("org", "http://www.w3.org/ns/org#"), ("foaf", "http://xmlns.com/foaf/0.1/"),
            ("prov", "http://www.w3.org/ns/prov#"), ("skos", str(SKOS)), ("dcterms", str(DCTERMS)),
            ("rdf", str(RDF)), ("rdfs", str(RDFS)), ("owl", str(OWL)),
            ("xsd", "http://www.w3.org/2001/XMLSchema#")]


def curie(node: Node) -> str:
    for prefix, ns in PREFIXES:
        if str(node).startswith(ns):
            return f"`{prefix}:{str(node)[len(ns):]}`"
    return f"<{node}>"


def text(onto: Graph, subject: Node, prop: URIRef, lang: str) -> str:
    values = sorted(str(v) for v in onto.objects(subject, prop) if getattr(v, "language", None) == lang)
    return " ".join(values).replace("|", "\\|")


def class_expr(onto: Graph, node: Node) -> str:
    """A class or an owl:unionOf blank node, as ``dgo:A ∪ dgo:B``."""
    if isinstance(node, BNode):
        members = onto.value(node, OWL.unionOf)
        if members is not None:
            return " ∪ ".join(curie(m) for m in Collection(onto, members))
    return curie(node)


def listing(onto: Graph, subject: Node, prop: URIRef) -> str:
    return ", ".join(sorted(class_expr(onto, o) for o in onto.objects(subject, prop))) or "—"


def terms(onto: Graph, kind: URIRef) -> list[URIRef]:
    return sorted((s for s in onto.subjects(RDF.type, kind) if isinstance(s, URIRef) and s.startswith(NS)), key=str)


def class_order(onto: Graph) -> list[URIRef]:
    """Root classes by name, each followed by its dgo subclasses."""
    classes = terms(onto, OWL.Class)
    children = {c: [s for s in classes if (s, RDFS.subClassOf, c) in onto] for c in classes}
    roots = [c for c in classes if not any((c, RDFS.subClassOf, p) in onto for p in classes)]
    return [c for root in roots for c in [root, *children[root]]]


def disjoint_groups(onto: Graph) -> list[list[URIRef]]:
    return [list(Collection(onto, onto.value(g, OWL.members))) for g in onto.subjects(RDF.type, OWL.AllDisjointClasses)]


def render_class(onto: Graph, cls: URIRef, props: list[URIRef]) -> list[str]:
    disjoint = sorted({curie(o) for group in disjoint_groups(onto) if cls in group for o in group if o != cls})
    rows = [
        ("IRI", f"<{cls}>"),
        ("subclass of", listing(onto, cls, RDFS.subClassOf)),
        ("subclasses", ", ".join(sorted(curie(s) for s in onto.subjects(RDFS.subClassOf, cls))) or "—"),
        ("disjoint with", ", ".join(disjoint) or "—"),
        ("domain of", ", ".join(curie(p) for p in props if _mentions(onto, onto.value(p, RDFS.domain), cls)) or "—"),
        ("range of", ", ".join(curie(p) for p in props if _mentions(onto, onto.value(p, RDFS.range), cls)) or "—"),
    ]
    return _section(onto, cls, rows)


def _mentions(onto: Graph, expr: Node | None, cls: URIRef) -> bool:
    if isinstance(expr, BNode) and onto.value(expr, OWL.unionOf) is not None:
        return cls in list(Collection(onto, onto.value(expr, OWL.unionOf)))
    return expr == cls


def render_property(onto: Graph, prop: URIRef) -> list[str]:
    kinds = sorted(curie(t) for t in onto.objects(prop, RDF.type))
    rows = [
        ("IRI", f"<{prop}>"),
        ("type", ", ".join(kinds)),
        ("domain", listing(onto, prop, RDFS.domain)),
        ("range", listing(onto, prop, RDFS.range)),
        ("subproperty of", listing(onto, prop, RDFS.subPropertyOf)),
        ("close match", listing(onto, prop, SKOS.closeMatch)),
    ]
    return _section(onto, prop, rows)


def _section(onto: Graph, term: URIRef, rows: list[tuple[str, str]]) -> list[str]:
    name = str(term)[len(NS):]
    out = [f"### {name}", "", f"**{text(onto, term, RDFS.label, 'zh')}** · *{text(onto, term, RDFS.label, 'en')}*", ""]
    out += ["| | |", "|---|---|"] + [f"| {key} | {value} |" for key, value in rows] + [""]
    out += [f"> {text(onto, term, RDFS.comment, 'en')}", ">", f"> {text(onto, term, RDFS.comment, 'zh')}", ""]
    return out


def summary(onto: Graph, items: list[URIRef], head: str, column) -> list[str]:
    out = [f"| {head} | zh | en | {column[0]} |", "|---|---|---|---|"]
    for term in items:
        anchor = str(term)[len(NS):].lower()
        out.append(f"| [{curie(term)}](#{anchor}) | {text(onto, term, RDFS.label, 'zh')} | "
                   f"{text(onto, term, RDFS.label, 'en')} | {column[1](term)} |")
    return out + [""]


def render(onto: Graph) -> str:
    """The Markdown page for the ontology graph ``onto``."""
    classes = class_order(onto)
    object_props = terms(onto, OWL.ObjectProperty)
    datatype_props = terms(onto, OWL.DatatypeProperty)
    props = object_props + datatype_props
    out = [
        "<!-- Generated by scripts/make_ontology_docs.py from ontology/dgo.ttl. Do not edit by hand. -->",
        "",
        f"# {text(onto, ONTOLOGY, DCTERMS.title, 'en')} ({text(onto, ONTOLOGY, DCTERMS.title, 'zh')})",
        "",
        "| | |", "|---|---|",
        f"| ontology IRI | <{ONTOLOGY}> |",
        f"| version | {onto.value(ONTOLOGY, OWL.versionInfo)} |",
        "| namespace | `dgo:` = <https://w3id.org/dgkg/ontology#> |",
        "| source | [`ontology/dgo.ttl`](../ontology/dgo.ttl) · data shapes: [`ontology/shapes.ttl`](../ontology/shapes.ttl) |",
        f"| terms | {len(classes)} classes, {len(object_props)} object properties, "
        f"{len(datatype_props)} datatype properties |",
        "",
        text(onto, ONTOLOGY, DCTERMS.description, "en"),
        "",
        text(onto, ONTOLOGY, DCTERMS.description, "zh"),
        "",
        "## Classes",
        "",
        *summary(onto, classes, "class", ("subclass of", lambda c: listing(onto, c, RDFS.subClassOf))),
    ]
    for cls in classes:
        out += render_class(onto, cls, props)
    out += ["## Object properties", "",
            *summary(onto, object_props, "property", ("domain → range", lambda p: _domain_range(onto, p)))]
    for prop in object_props:
        out += render_property(onto, prop)
    out += ["## Datatype properties", "",
            *summary(onto, datatype_props, "property", ("domain → range", lambda p: _domain_range(onto, p)))]
    for prop in datatype_props:
        out += render_property(onto, prop)
    return "\n".join(out).rstrip("\n") + "\n"


def _domain_range(onto: Graph, prop: URIRef) -> str:
    return f"{listing(onto, prop, RDFS.domain)} → {listing(onto, prop, RDFS.range)}"


def main(argv: list[str]) -> int:
    page = render(Graph().parse(SOURCE, format="turtle"))
    if argv == ["--check"]:
        current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
        if current != page:
            print(f"{TARGET} is out of date: run python scripts/make_ontology_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(page, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
