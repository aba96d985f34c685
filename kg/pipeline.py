"""The build pipeline: an explicit, ordered tuple of stages.

    ingest (paths → documents) → extract (per document) → resolve (corpus) →
    graph → ontology mapping → export

``build`` runs them, checks each stage's result type, wraps any failure with
the stage name and document id, and reports progress through a callback.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.errors import InputError, KgError, StageError
from kg.export import EXPORTERS
from kg.extract import extract
from kg.graph import build_graph
from kg.ingest import read_corpus
from kg.model import Document, Entity, Extraction, Relation, Skipped
from kg.ontology import to_rdf
from kg.resolve import resolve

__all__ = ["BuildResult", "STAGES", "build", "build_graph_from_documents"]

log = logging.getLogger(__name__)

#: (name, function, result type) in the order they run
STAGES: tuple[tuple[str, Callable, type], ...] = (
    ("ingest", read_corpus, tuple),
    ("extract", extract, Extraction),
    ("resolve", resolve, tuple),
    ("graph", build_graph, nx.MultiDiGraph),
    ("ontology", to_rdf, Graph),
)


@dataclass
class BuildResult:
    documents: list[Document]
    skipped: list[Skipped]
    entities: list[Entity]
    relations: list[Relation]
    graph: nx.MultiDiGraph
    rdf: Graph
    outputs: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def _run(name: str, func: Callable, expected: type, *args, doc_id: str = "-"):
    try:
        result = func(*args)
    except KgError:
        raise
    except Exception as err:
        raise StageError(name, doc_id, err) from err
    if not isinstance(result, expected):
        raise StageError(name, doc_id, TypeError(f"returned {type(result).__name__}, expected {expected.__name__}"))
    return result


def build_graph_from_documents(docs: Sequence[Document], *, progress: Callable[[int, int], None] | None = None,
                               seconds: dict[str, float] | None = None):
    """Extract, resolve and map ``docs``: the part of the build that needs no files."""
    seconds = {} if seconds is None else seconds
    stages = {name: (func, kind) for name, func, kind in STAGES}
    clock = time.perf_counter()
    extractions = []
    for i, doc in enumerate(docs, 1):
        extractions.append(_run("extract", *stages["extract"], doc, doc_id=doc.id))
        if progress:
            progress(i, len(docs))
    seconds["extract"] = time.perf_counter() - clock
    clock = time.perf_counter()
    entities, relations = _run("resolve", *stages["resolve"], extractions)
    seconds["resolve"] = time.perf_counter() - clock
    clock = time.perf_counter()
    graph = _run("graph", *stages["graph"], entities, relations)
    rdf = _run("ontology", *stages["ontology"], graph, docs)
    seconds["graph+ontology"] = time.perf_counter() - clock
    return entities, relations, graph, rdf


def build(paths: Iterable[str | Path], *, out_dir: str | Path | None = "exports",
          progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the knowledge graph of the documents under ``paths`` and write the exports.

    Raises:
        InputError: no document could be read (every path was missing, empty or unreadable).
    """
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    paths = [Path(p) for p in paths]
    docs, skipped = _run("ingest", read_corpus, tuple, paths)
    seconds["ingest"] = time.perf_counter() - clock
    if not docs:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no input paths"
        raise InputError(", ".join(map(str, paths)) or "-", f"no document could be read ({reasons})")
    entities, relations, graph, rdf = build_graph_from_documents(docs, progress=progress, seconds=seconds)
    result = BuildResult(docs, skipped, entities, relations, graph, rdf, seconds=seconds)
    if out_dir is not None:
        clock = time.perf_counter()
        for name, writer in EXPORTERS.items():
            result.outputs.append(writer(rdf, graph, Path(out_dir) / name))
        seconds["export"] = time.perf_counter() - clock
    return result
