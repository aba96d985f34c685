"""The build pipeline: an explicit, ordered tuple of stages.

    ingest (paths → documents) → extract (per document) → resolve (corpus) →
    graph → ontology mapping → export

``build`` runs them, checks each stage's result type, wraps any failure with
the stage name and document id, and reports progress through a callback.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.cache import ExtractionCache
from kg.engines import run_extraction
from kg.engines import run_stage as _run
from kg.errors import InputError
from kg.export import write_all
from kg.extract import extract
from kg.graph import build_graph
from kg.ingest import read_corpus
from kg.model import Document, Entity, Extraction, Relation, Skipped
from kg.ontology import RdfTriples, to_triples
from kg.resolve import resolve

__all__ = ["BuildResult", "STAGES", "build", "build_graph_from_documents"]

log = logging.getLogger(__name__)

#: (name, function, result type) in the order they run
STAGES: tuple[tuple[str, Callable, type], ...] = (
    ("ingest", read_corpus, tuple),
    ("extract", extract, Extraction),
    ("resolve", resolve, tuple),
    ("graph", build_graph, nx.MultiDiGraph),
    ("ontology", to_triples, RdfTriples),
)


@dataclass
class BuildResult:
    """What a build made. ``triples`` is the RDF the files were written from; ``rdf`` is the
    same as an rdflib Graph, built on first use (it costs seconds on a large corpus)."""

    documents: list[Document]
    skipped: list[Skipped]
    entities: list[Entity]
    relations: list[Relation]
    graph: nx.MultiDiGraph
    triples: RdfTriples
    outputs: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    cache_hits: int = 0
    cache_misses: int = 0
    _rdf: Graph | None = field(default=None, repr=False, compare=False)

    @property
    def rdf(self) -> Graph:
        if self._rdf is None:
            self._rdf = self.triples.to_graph()
        return self._rdf


def build_graph_from_documents(docs: Sequence[Document], *, progress: Callable[[int, int], None] | None = None,
                               seconds: dict[str, float] | None = None, engine: str = "serial", jobs: int = 1,
                               scheduler: str | None = None, cache: ExtractionCache | None = None):
    """Extract, resolve and map ``docs``: the part of the build that needs no files.

    Extraction runs on ``engine`` (see :mod:`kg.engines`); documents found in ``cache``
    are not extracted again. Whatever the engine, results are merged in document order,
    so the output is the same.
    """
    seconds = {} if seconds is None else seconds
    stages = {name: (func, kind) for name, func, kind in STAGES}
    with _collector_paused():
        clock = time.perf_counter()
        extractions = _extract_all(docs, stages, progress=progress, engine=engine, jobs=jobs,
                                   scheduler=scheduler, cache=cache)
        seconds["extract"] = time.perf_counter() - clock
        clock = time.perf_counter()
        entities, relations = _run("resolve", *stages["resolve"], extractions)
        del extractions  # the mentions are merged into entities now; free them before the RDF is built
        seconds["resolve"] = time.perf_counter() - clock
        clock = time.perf_counter()
        graph = _run("graph", *stages["graph"], entities, relations)
        triples = _run("ontology", *stages["ontology"], graph, docs)
        seconds["graph+ontology"] = time.perf_counter() - clock
    return entities, relations, graph, triples


@contextlib.contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector. Extraction and the corpus-wide stages make hundreds of
    thousands of objects that live on and hardly any cyclic garbage (about 1,500 objects over the
    20,255 news documents), and while the objects pile up the collector would scan them all again
    several times (1.7 s of 10 s of extraction there, seconds more in the later stages)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _extract_all(docs, stages, *, progress, engine, jobs, scheduler, cache) -> list[Extraction]:
    cached = cache.get_many(docs) if cache is not None else [None] * len(docs)
    todo = [doc for doc, hit in zip(docs, cached) if hit is None]
    done = len(docs) - len(todo)

    def report(i: int, total: int) -> None:
        if progress:
            progress(done + i, len(docs))
    fresh = run_extraction(todo, engine=engine, jobs=jobs, scheduler=scheduler, progress=report,
                           extractor=stages["extract"][0])
    if cache is not None:
        cache.put_many(zip(todo, fresh))
    it = iter(fresh)
    return [hit if hit is not None else next(it) for hit in cached]


def build(paths: Iterable[str | Path], *, out_dir: str | Path | None = "exports",
          progress: Callable[[int, int], None] | None = None, engine: str = "serial", jobs: int = 1,
          scheduler: str | None = None, cache_dir: str | Path | None = None) -> BuildResult:
    """Build the knowledge graph of the documents under ``paths`` and write the exports.

    Args:
        paths: files or folders to read.
        out_dir: where the exports go; ``None`` writes nothing.
        progress: called with (documents extracted, total).
        engine, jobs, scheduler: where extraction runs (:mod:`kg.engines`); with ``jobs`` > 1 the files
            are also read, and the exports written, in that many processes (where processes fork).
        cache_dir: a folder for the incremental cache; ``None`` extracts every document.

    Raises:
        InputError: no document could be read (every path was missing, empty or unreadable).
    """
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    paths = [Path(p) for p in paths]
    docs, skipped = _run("ingest", functools.partial(read_corpus, jobs=jobs), tuple, paths)
    seconds["ingest"] = time.perf_counter() - clock
    if not docs:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no input paths"
        raise InputError(", ".join(map(str, paths)) or "-", f"no document could be read ({reasons})")
    cache = ExtractionCache(cache_dir) if cache_dir is not None else None
    entities, relations, graph, triples = build_graph_from_documents(
        docs, progress=progress, seconds=seconds, engine=engine, jobs=jobs, scheduler=scheduler, cache=cache)
    result = BuildResult(docs, skipped, entities, relations, graph, triples, seconds=seconds,
                         cache_hits=cache.hits if cache else 0, cache_misses=cache.misses if cache else 0)
    if out_dir is not None:
        clock = time.perf_counter()
        with _collector_paused():  # the writers' many small objects are freed by reference counts
            result.outputs.extend(write_all(triples, graph, out_dir, jobs=jobs))
        seconds["export"] = time.perf_counter() - clock
    return result
