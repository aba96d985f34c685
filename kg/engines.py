"""Where extraction runs: in this process, in a pool of processes, or on a Dask cluster.

Documents are independent, so extraction is a map; resolution then merges the
results in document order, which keeps every engine's output identical to a
serial build. Engines are registered by name in :data:`ENGINES`.

    serial    one process (the default)
    process   ``--jobs N`` worker processes on this machine
    dask      a dask.distributed cluster (``--scheduler ADDRESS``, or a local one)

Results come back with the document text stripped (resolution needs only the
mentions), so neither the pool's pipes nor the build's memory carry every text twice.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from kg.errors import KgError, StageError
from kg.model import Document, Extraction

__all__ = ["ENGINES", "extract_one", "get_engine", "run_extraction"]

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None] | None


def extract_one(doc: Document) -> Extraction:
    """Extract one document, wrapping any failure with its id; the text is dropped from the result."""
    from kg.extract import extract

    try:
        result = extract(doc)
    except KgError:
        raise
    except Exception as err:
        raise StageError("extract", doc.id, err) from err
    if not isinstance(result, Extraction):
        raise StageError("extract", doc.id, TypeError(f"returned {type(result).__name__}, expected Extraction"))
    return replace(result, doc=replace(doc, text="", original=""))


def _warm_up() -> None:
    """Load the lexicon and jieba's tables once, before workers fork, so they share them."""
    from kg.extract.lexicon import load_lexicon
    from kg.extract.segment import word_freq, word_tags

    load_lexicon()
    word_freq()
    word_tags()


def _serial(docs: Sequence[Document], *, jobs: int, scheduler: str | None) -> Iterator[Extraction]:
    for doc in docs:
        yield extract_one(doc)


def _process(docs: Sequence[Document], *, jobs: int, scheduler: str | None) -> Iterator[Extraction]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if jobs <= 1 or len(docs) < 2:
        yield from _serial(docs, jobs=jobs, scheduler=scheduler)
        return
    _warm_up()
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    chunk = max(1, min(64, len(docs) // (jobs * 8) or 1))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(extract_one, docs, chunksize=chunk)


def _dask(docs: Sequence[Document], *, jobs: int, scheduler: str | None) -> Iterator[Extraction]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as err:
        raise KgError("the dask engine needs dask.distributed: pip install 'dgkg[dask]'") from err
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        scheduler = cluster.scheduler_address
    try:
        with Client(scheduler) as client:
            batch = 256
            for start in range(0, len(docs), batch):
                futures = client.map(extract_one, docs[start:start + batch], pure=False)
                yield from client.gather(futures)
    finally:
        if cluster is not None:
            cluster.close()


#: engine name → function(docs, *, jobs, scheduler) yielding extractions in document order
ENGINES: dict[str, Callable[..., Iterator[Extraction]]] = {
    "serial": _serial,
    "process": _process,
    "dask": _dask,
}


def get_engine(name: str) -> Callable[..., Iterator[Extraction]]:
    try:
        return ENGINES[name]
    except KeyError:
        raise KgError(f"no engine {name!r}; valid: {', '.join(sorted(ENGINES))}") from None


def run_extraction(docs: Sequence[Document], *, engine: str = "serial", jobs: int = 1,
                   scheduler: str | None = None, progress: Progress = None) -> list[Extraction]:
    """Extractions of ``docs``, in their order, on the named engine."""
    if engine == "serial" and jobs > 1:
        engine = "process"
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    out = []
    for i, extraction in enumerate(get_engine(engine)(docs, jobs=jobs, scheduler=scheduler), 1):
        out.append(extraction)
        if progress:
            progress(i, len(docs))
    return out
