"""Query: SPARQL over the exported graph → rows of strings.

:func:`run_query` is the pure entry point (an rdflib Graph in, rows out);
:func:`run_query_files` reads the data files and the ontology first, so class
and property hierarchies (``?x a/rdfs:subClassOf* dgo:Region``) work;
:func:`format_rows` renders rows as an aligned table, CSV or JSON.

Every row is a ``dict[str, str]``: a SELECT row maps each variable to the
term's string (``""`` when unbound), an ASK query gives
``[{"result": "true"}]`` or ``[{"result": "false"}]``, and CONSTRUCT or
DESCRIBE give one ``{"s", "p", "o"}`` row per triple, sorted.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from kg.errors import InputError, QueryError
from kg.ontology import DGO, DGR, load_ontology

__all__ = ["FORMATTERS", "PREFIXES", "format_rows", "run_query", "run_query_files"]

#: Prefixes a query may use without declaring them.
PREFIXES: Mapping[str, str] = {
    "dgo": str(DGO._NS), "dgr": str(DGR), "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL),
    "skos": str(SKOS), "prov": str(PROV), "org": str(ORG), "dcterms": str(DCTERMS),
    # spelled out: rdflib's XSD as a module global warns under pytest --doctest-modules
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_QUERY_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _term(value: object) -> Node:
    # a plain str binds as a plain literal; pass Literal(..., lang="zh") or a URIRef for anything else
    return value if isinstance(value, Node) else Literal(value)


def run_query(rdf: Graph, sparql: str, **bindings: object) -> list[dict[str, str]]:
    """Run a SPARQL query and return its results as rows of strings.

    Args:
        rdf: the graph to query.
        sparql: SELECT, ASK, CONSTRUCT or DESCRIBE text; the prefixes of
            :data:`PREFIXES` need no declaration.
        **bindings: initial values of query variables (``name=Literal("郴州市", lang="zh")``);
            a plain ``str`` is bound as a plain literal.

    Returns:
        One dict per result row (see the module docstring for each query form).

    Raises:
        QueryError: the query does not parse, or fails while running.

    Example:
        >>> from rdflib import Literal
        >>> rdf = Graph()
        >>> _ = rdf.add((DGR["region/360000"], RDFS.label, Literal("江西省", lang="zh")))
        >>> run_query(rdf, "SELECT ?label WHERE { ?r rdfs:label ?label }")
        [{'label': '江西省'}]
        >>> run_query(rdf, "ASK { ?r rdfs:label ?label }", label=Literal("上海市", lang="zh"))
        [{'result': 'false'}]
    """
    try:
        prepared = prepareQuery(sparql, initNs=dict(PREFIXES))
    except Exception as err:  # pyparsing and rdflib raise several parser-specific types
        raise QueryError(f"SPARQL does not parse: {err}") from err
    try:
        # rdflib evaluates lazily: errors surface while iterating, so rows are built in here
        result = rdf.query(prepared, initBindings={k: _term(v) for k, v in bindings.items()})
        return _rows(result)
    except Exception as err:  # evaluation errors come from deep inside rdflib
        raise QueryError(f"SPARQL query failed: {type(err).__name__}: {err}") from err


def _rows(result) -> list[dict[str, str]]:
    if result.type == "ASK":
        return [{"result": "true" if result.askAnswer else "false"}]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = sorted(result.graph, key=lambda t: tuple(str(x) for x in t))
        return [{"s": str(s), "p": str(p), "o": str(o)} for s, p, o in triples]
    names = [str(v) for v in result.vars]
    return [{name: ("" if row[i] is None else str(row[i])) for i, name in enumerate(names)} for row in result]


def _read_query(query: str) -> str:
    """SPARQL text as is, or the text of the .rq file ``query`` names."""
    text = query.strip()
    names_file = "\n" not in text and (text.lower().endswith((".rq", ".sparql")) or not _QUERY_FORM.search(text))
    if not names_file:
        return query
    path = Path(query)
    if not path.is_file():
        raise InputError(path, "no such query file (give SPARQL text or the path of a .rq file)")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, f"cannot read query file: {err}") from err


def run_query_files(query: str, data: Iterable[str | Path], *,
                    ontology: str | Path | None = None) -> list[dict[str, str]]:
    """Load RDF files plus the ontology and run ``query`` (SPARQL text or a .rq path) over them.

    Raises:
        InputError: the query file or a data file is missing or does not parse.
        OntologyError: the ontology folder has no ``dgo.ttl``.
        QueryError: the query does not parse or run.
    """
    sparql = _read_query(query)
    rdf = Graph()
    for path in map(Path, data):
        if not path.is_file():
            raise InputError(path, "no such data file (build one with `kg build`)")
        try:
            rdf.parse(path)
        except Exception as err:  # rdflib raises parser-specific types
            raise InputError(path, f"cannot parse as RDF: {err}") from err
    rdf += load_ontology(ontology)
    return run_query(rdf, sparql)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: wide (CJK) characters take two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def _columns(rows: list[dict[str, str]]) -> list[str]:
    return list(dict.fromkeys(key for row in rows for key in row))


def _format_table(rows: list[dict[str, str]]) -> str:
    columns = _columns(rows)
    cells = [[" ".join(row.get(c, "").split()) for c in columns] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    lines = [line(columns), line(["-" * w for w in widths])] if columns else []
    lines += [line(r) for r in cells]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines)


def _format_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=_columns(rows), lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().rstrip("\n")


def _format_json(rows: list[dict[str, str]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)


#: Output formats of :func:`format_rows`, by name.
FORMATTERS: Mapping[str, Callable[[list[dict[str, str]]], str]] = {
    "table": _format_table, "csv": _format_csv, "json": _format_json,
}


def format_rows(rows: list[dict[str, str]], fmt: str = "table") -> str:
    """Render query rows as ``table`` (aligned, CJK-aware), ``csv`` or ``json``.

    Raises:
        ValueError: ``fmt`` is not one of :data:`FORMATTERS`.

    Example:
        >>> print(format_rows([{"name": "江西省", "code": "360000"}, {"name": "郴州市", "code": "431000"}]))
        name    code
        ------  ------
        江西省  360000
        郴州市  431000
        (2 rows)
    """
    if fmt not in FORMATTERS:
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(sorted(FORMATTERS))}")
    return FORMATTERS[fmt](list(rows))
