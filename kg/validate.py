"""Validate: an RDF graph → a SHACL report against ``ontology/shapes.ttl``.

The shapes check what a consumer of the exports relies on: one ``rdfs:label``
per entity, the domain and range of every ``dgo`` property, that every
relation triple has a ``dgo:Assertion`` naming its document and evidence
sentence, and that documents carry a ``dcterms:identifier``.

The ontology is mixed into the data graph (pyshacl's ``ont_graph``), so a
``dgo:Province`` counts as a ``dgo:Region`` for ``sh:targetClass`` and
``sh:class``; that is SHACL's own reading of ``rdfs:subClassOf``. No RDFS
inference is run on top: it would derive a subject's type from the property's
``rdfs:domain`` (anything that ``dgo:servesRegion`` something would become a
``dgo:Platform``), so domain and range violations could never be seen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Node, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH

from kg.errors import InputError
from kg.ontology import DGO, DGR, WD, load_ontology, load_shapes

__all__ = ["ValidationReport", "ValidationResult", "format_report", "read_rdf", "validate", "validate_file"]

log = logging.getLogger(__name__)

#: file suffix → rdflib parser name
FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig",
           ".nq": "nquads", ".rdf": "xml", ".owl": "xml"}
_QUAD_FORMATS = {"trig", "nquads"}


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result: which node, which property, what is wrong."""

    focus: str
    label: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"


@dataclass(frozen=True)
class ValidationReport:
    """``conforms`` is true when no result is a violation; ``triples`` counts the data graph."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    triples: int


def validate(rdf: Graph, *, shapes: Graph | str | Path | None = None,
             ontology: Graph | str | Path | None = None) -> ValidationReport:
    """Validate ``rdf`` against the SHACL shapes, with the ontology loaded.

    Args:
        rdf: the data graph (for a dataset, pass its union of graphs).
        shapes: a shapes graph or file (default: ``ontology/shapes.ttl``).
        ontology: an ontology graph or folder (default: the project's ``ontology/``).

    Example:
        >>> from rdflib import Graph
        >>> validate(Graph().parse(data="<urn:x> a <https://w3id.org/dgkg/ontology#Platform> .")).results[0].message
        'an entity has exactly one rdfs:label, a Chinese (@zh) string'
    """
    import pyshacl  # heavy: imported only when validating

    shapes_graph = shapes if isinstance(shapes, Graph) else load_shapes(shapes)
    onto = ontology if isinstance(ontology, Graph) else load_ontology(ontology)
    conforms, results_graph, _ = pyshacl.validate(rdf, shacl_graph=shapes_graph, ont_graph=onto,
                                                  inference="none", abort_on_first=False, meta_shacl=False,
                                                  advanced=False, inplace=False)
    results = tuple(sorted({_result(rdf, results_graph, node)
                            for node in results_graph.subjects(RDF.type, SH.ValidationResult)},
                           key=lambda r: (r.label, r.focus, r.path, r.message, r.value)))
    log.info("validated %d triples: %d results", len(rdf), len(results))
    return ValidationReport(bool(conforms), results, len(rdf))


def _result(rdf: Graph, report: Graph, node: Node) -> ValidationResult:
    focus = report.value(node, SH.focusNode)
    path = report.value(node, SH.resultPath)
    value = report.value(node, SH.value)
    messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
    severity = report.value(node, SH.resultSeverity)
    return ValidationResult(
        focus=str(focus), label=_describe(rdf, focus), path=_short(rdf, path) if path is not None else "",
        message="; ".join(messages) or _short(rdf, report.value(node, SH.sourceConstraintComponent)),
        value=_describe(rdf, value) if value is not None and value != focus else "",
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation")


def _short(rdf: Graph, node: Node) -> str:
    """``prefix:rest`` by the longest bound namespace (``dgr:platform/394f…`` too, which n3() leaves whole)."""
    if not isinstance(node, URIRef):
        return str(node)
    known = [*rdf.namespaces(), ("dgr", DGR), ("dgo", DGO._NS), ("wd", WD)]  # the Turtle may not bind dgr
    matches = [(len(ns), prefix) for prefix, ns in known if prefix and node.startswith(ns)]
    if not matches:
        return node.n3()
    length, prefix = max(matches)
    return f"{prefix}:{node[length:]}"


def _describe(rdf: Graph, node: Node) -> str:
    """A node as a reader knows it: its label (or document id) with its short IRI."""
    if not isinstance(node, URIRef):
        return node.n3()
    name = rdf.value(node, RDFS.label) or rdf.value(node, DCTERMS.identifier)
    return f"{name} {_short(rdf, node)}" if name is not None else _short(rdf, node)


def format_report(report: ValidationReport) -> str:
    """The report as text: one block per result (focus node label, path, message, value)."""
    if report.conforms and not report.results:
        return f"conforms: {report.triples} triples, no violations"
    head = ("conforms" if report.conforms else "does not conform") + \
        f": {len(report.results)} result{'s' * (len(report.results) != 1)} in {report.triples} triples"
    lines = [head]
    for res in report.results:
        lines.append(f"- {res.label}" + (f"  [{res.severity}]" if res.severity != "Violation" else ""))
        if res.path:
            lines.append(f"    path:    {res.path}")
        lines.append(f"    message: {res.message}")
        if res.value:
            lines.append(f"    value:   {res.value}")
    return "\n".join(lines)


def read_rdf(path: str | Path) -> Graph:
    """Parse an RDF file by its suffix; a dataset (TriG, N-Quads) is read as the union of its graphs.

    Raises:
        InputError: the file is missing, has an unknown suffix, or does not parse.
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(path, f"unknown RDF file suffix {path.suffix!r}; valid: {', '.join(sorted(FORMATS))}")
    if not path.is_file():
        raise InputError(path, "no such file")
    try:
        if fmt in _QUAD_FORMATS:
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            rdf = Graph()
            for prefix, ns in dataset.namespaces():
                rdf.bind(prefix, ns)
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                rdf.add((s, p, o))
            return rdf
        return Graph().parse(path, format=fmt)
    except Exception as err:  # rdflib raises several parser-specific types
        raise InputError(path, f"not valid {fmt}: {err}") from err


def validate_file(path: str | Path, *, shapes: str | Path | None = None,
                  ontology: str | Path | None = None) -> ValidationReport:
    """Read an RDF file (see :func:`read_rdf`) and :func:`validate` it."""
    return validate(read_rdf(path), shapes=shapes, ontology=ontology)
