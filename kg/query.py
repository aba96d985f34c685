"""Query: SPARQL over the exported graph → rows of strings.

Queries run on a real SPARQL engine: `Oxigraph <https://github.com/oxigraph/oxigraph>`_
through pyoxigraph (an in-memory ``Store``), or rdflib's own SPARQL engine as a
fallback when pyoxigraph is not importable.

:func:`run_query` is the pure entry point: the data in (an rdflib ``Graph``,
evaluated by rdflib, or a pyoxigraph ``Store``, evaluated by Oxigraph), rows
out. :func:`load_data` reads RDF files plus the ontology into one or the other,
so class and property hierarchies (``?x a/rdfs:subClassOf* dgo:Region``) work;
:func:`run_query_files` does both; :func:`format_rows` renders rows as an
aligned table, CSV or JSON.

Every row is a ``dict[str, str]``: a SELECT row maps each variable to the
term's string (``""`` when unbound), an ASK query gives
``[{"result": "true"}]`` or ``[{"result": "false"}]``, and CONSTRUCT or
DESCRIBE give one ``{"s", "p", "o"}`` row per triple, sorted. The two engines
give the same rows for the queries in ``queries/`` (a test checks it).
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from kg.errors import InputError, QueryError
from kg.ontology import DGO, DGR, load_ontology, oxigraph_term

__all__ = ["ENGINES", "FORMATTERS", "PREFIXES", "default_engine", "format_rows", "load_data", "read_query",
           "run_query", "run_query_files", "to_store"]

#: Prefixes a query may use without declaring them.
PREFIXES: Mapping[str, str] = {
    "dgo": str(DGO._NS), "dgr": str(DGR), "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL),
    "skos": str(SKOS), "prov": str(PROV), "org": str(ORG), "dcterms": str(DCTERMS),
    # spelled out: rdflib's XSD as a module global warns under pytest --doctest-modules
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: SPARQL engines by name, preferred first: what :func:`load_data` can load into.
ENGINES: tuple[str, ...] = ("oxigraph", "rdflib")

_QUERY_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def default_engine() -> str:
    """``"oxigraph"`` when pyoxigraph is importable, else ``"rdflib"``."""
    return "oxigraph" if importlib.util.find_spec("pyoxigraph") else "rdflib"


def run_query(rdf, sparql: str, **bindings: object) -> list[dict[str, str]]:
    """Run a SPARQL query and return its results as rows of strings.

    Args:
        rdf: the data: a pyoxigraph ``Store`` (queried by Oxigraph) or an
            rdflib ``Graph`` (queried by rdflib); see :func:`load_data`.
        sparql: SELECT, ASK, CONSTRUCT or DESCRIBE text; the prefixes of
            :data:`PREFIXES` need no declaration.
        **bindings: initial values of query variables (``name=Literal("郴州市", lang="zh")``);
            a plain ``str`` is bound as a plain literal.

    Returns:
        One dict per result row (see the module docstring for each query form).

    Raises:
        QueryError: the query does not parse, or fails while running.
        TypeError: ``rdf`` is neither an rdflib Graph nor a pyoxigraph Store.

    Example:
        >>> from rdflib import Literal
        >>> rdf = Graph()
        >>> _ = rdf.add((DGR["region/360000"], RDFS.label, Literal("江西省", lang="zh")))
        >>> run_query(rdf, "SELECT ?label WHERE { ?r rdfs:label ?label }")
        [{'label': '江西省'}]
        >>> run_query(to_store(rdf), "ASK { ?r rdfs:label ?label }", label=Literal("上海市", lang="zh"))
        [{'result': 'false'}]
    """
    if isinstance(rdf, Graph):
        return _run_rdflib(rdf, sparql, bindings)
    return _run_oxigraph(rdf, sparql, bindings)


# ---------------------------------------------------------------- rdflib

def _rdflib_term(value: object) -> Node:
    # a plain str binds as a plain literal; pass Literal(..., lang="zh") or a URIRef for anything else
    return value if isinstance(value, Node) else Literal(value)


def _run_rdflib(rdf: Graph, sparql: str, bindings: Mapping[str, object]) -> list[dict[str, str]]:
    try:
        prepared = prepareQuery(sparql, initNs=dict(PREFIXES))
    except Exception as err:  # pyparsing and rdflib raise several parser-specific types
        raise QueryError(f"SPARQL does not parse: {err}") from err
    try:
        # rdflib evaluates lazily: errors surface while iterating, so rows are built in here
        result = rdf.query(prepared, initBindings={k: _rdflib_term(v) for k, v in bindings.items()})
        return _rdflib_rows(result)
    except Exception as err:  # evaluation errors come from deep inside rdflib
        raise QueryError(f"SPARQL query failed: {type(err).__name__}: {err}") from err


def _rdflib_rows(result) -> list[dict[str, str]]:
    if result.type == "ASK":
        return [{"result": "true" if result.askAnswer else "false"}]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return _triple_rows((str(s), str(p), str(o)) for s, p, o in result.graph)
    names = [str(v) for v in result.vars]
    return [{name: ("" if row[i] is None else str(row[i])) for i, name in enumerate(names)} for row in result]


def _triple_rows(triples: Iterable[tuple[str, str, str]]) -> list[dict[str, str]]:
    return [{"s": s, "p": p, "o": o} for s, p, o in sorted(triples)]


# ---------------------------------------------------------------- Oxigraph

def _oxigraph_term(value: object):
    import pyoxigraph as ox

    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return value
    if isinstance(value, (URIRef, BNode, Literal)):
        return oxigraph_term(value)
    return ox.Literal(str(value))


def _oxigraph_text(term) -> str:
    # NamedNode, BlankNode and Literal carry their lexical form in .value, like str() of rdflib terms
    return "" if term is None else getattr(term, "value", str(term))


def _run_oxigraph(store, sparql: str, bindings: Mapping[str, object]) -> list[dict[str, str]]:
    import pyoxigraph as ox

    if not isinstance(store, ox.Store):
        raise TypeError(f"cannot query a {type(store).__name__}; give an rdflib Graph or a pyoxigraph Store")
    if bindings:
        # a trailing VALUES block: unlike pyoxigraph's substitutions (SEP-0007), it may bind a variable
        # that is not projected, as rdflib's initBindings may
        names = " ".join(f"?{k}" for k in bindings)
        terms = " ".join(str(_oxigraph_term(v)) for v in bindings.values())
        sparql = f"{sparql}\nVALUES ({names}) {{ ({terms}) }}"
    try:
        # TriG and N-Quads put triples in named graphs; then the default graph is their union
        # (rdflib's Dataset(default_union=True) does the same), so one query reads .ttl and .trig alike
        union = next(iter(store.named_graphs()), None) is not None
        result = store.query(sparql, prefixes=dict(PREFIXES), use_default_graph_as_union=union)
    except SyntaxError as err:
        raise QueryError(f"SPARQL does not parse: {err}") from err
    except Exception as err:  # pyoxigraph raises OSError and RuntimeError subtypes while evaluating
        raise QueryError(f"SPARQL query failed: {type(err).__name__}: {err}") from err
    try:
        # solutions stream: evaluation errors can surface while iterating
        return _oxigraph_rows(result)
    except Exception as err:
        raise QueryError(f"SPARQL query failed: {type(err).__name__}: {err}") from err


def _oxigraph_rows(result) -> list[dict[str, str]]:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return [{"result": "true" if bool(result) else "false"}]
    if isinstance(result, ox.QueryTriples):
        return _triple_rows((_oxigraph_text(t.subject), _oxigraph_text(t.predicate), _oxigraph_text(t.object))
                            for t in result)
    names = [v.value for v in result.variables]
    return [{name: _oxigraph_text(solution[i]) for i, name in enumerate(names)} for solution in result]


def to_store(rdf: Graph):
    """Copy an rdflib Graph into a new in-memory pyoxigraph ``Store`` (via N-Triples)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(rdf.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


# ---------------------------------------------------------------- files

def read_query(query: str) -> str:
    """SPARQL text as is, or the text of the .rq file ``query`` names.

    Raises:
        InputError: ``query`` names a query file that is missing or unreadable.
    """
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


def _load_into_store(paths: list[Path], ontology: Graph):
    import pyoxigraph as ox

    store = to_store(ontology)
    for path in paths:
        if ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) is None:
            raise InputError(path, "unknown RDF format (use .ttl, .nt, .nq, .trig, .jsonld, .rdf or .n3)")
        try:
            store.load(path=path)
        except Exception as err:  # pyoxigraph raises SyntaxError or OSError subtypes
            raise InputError(path, f"cannot parse as RDF: {err}") from err
    return store


def _load_into_graph(paths: list[Path], ontology: Graph) -> Graph:
    # as with Oxigraph, named graphs (TriG, N-Quads) are read through their union; a plain Graph
    # is kept otherwise, since rdflib evaluates queries over a Dataset more slowly
    datasets = any(path.suffix.lower() in (".trig", ".nq", ".trix") for path in paths)
    rdf = Dataset(default_union=True) if datasets else Graph()
    for path in paths:
        try:
            rdf.parse(path)
        except Exception as err:  # rdflib raises parser-specific types
            raise InputError(path, f"cannot parse as RDF: {err}") from err
    for triple in ontology:
        rdf.add(triple)
    return rdf


def load_data(data: Iterable[str | Path], *, ontology: str | Path | None = None, engine: str | None = None):
    """Read RDF files plus every ``*.ttl`` of the ontology folder, ready for :func:`run_query`.

    Args:
        data: RDF files (format from the extension: ``.ttl``, ``.nt``, ``.trig`` …).
        ontology: the ontology folder (default :data:`kg.ontology.ONTOLOGY_DIR`).
        engine: ``"oxigraph"`` (a pyoxigraph in-memory ``Store``) or ``"rdflib"``
            (an rdflib ``Graph``); default :func:`default_engine`.

    Raises:
        InputError: a data file is missing or does not parse.
        OntologyError: the ontology folder has no ``dgo.ttl``.
        ValueError: ``engine`` is not one of :data:`ENGINES`.
    """
    engine = engine or default_engine()
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; valid: {', '.join(ENGINES)}")
    paths = [Path(p) for p in data]
    for path in paths:
        if not path.is_file():
            raise InputError(path, "no such data file (build one with `kg build`)")
    if engine == "oxigraph":
        return _load_into_store(paths, load_ontology(ontology))
    return _load_into_graph(paths, load_ontology(ontology))


def run_query_files(query: str, data: Iterable[str | Path], *, ontology: str | Path | None = None,
                    engine: str | None = None) -> list[dict[str, str]]:
    """Load RDF files plus the ontology and run ``query`` (SPARQL text or a .rq path) over them.

    Raises:
        InputError: the query file or a data file is missing or does not parse.
        OntologyError: the ontology folder has no ``dgo.ttl``.
        QueryError: the query does not parse or run.
    """
    sparql = read_query(query)
    return run_query(load_data(data, ontology=ontology, engine=engine), sparql)


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
