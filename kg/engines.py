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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from kg.errors import KgError, StageError
from kg.model import Document, Extraction

__all__ = ["ENGINES", "can_fork", "extract_one", "fork_map", "get_engine", "run_extraction", "run_stage"]

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None] | None


def run_stage(name: str, func: Callable, expected: type, *args, doc_id: str = "-"):
    """Run one pipeline stage: any failure is wrapped with the stage name and document id,
    and a result of the wrong type is an error too."""
    try:
        result = func(*args)
    except KgError:
        raise
    except Exception as err:
        raise StageError(name, doc_id, err) from err
    if not isinstance(result, expected):
        raise StageError(name, doc_id, TypeError(f"returned {type(result).__name__}, expected {expected.__name__}"))
    return result


def extract_one(doc: Document, extractor: Callable[[Document], Extraction] | None = None) -> Extraction:
    """Extract one document (with ``extractor``, default :func:`kg.extract.extract`); the text is
    dropped from the result."""
    if extractor is None:
        from kg.extract import extract as extractor
    result = run_stage("extract", extractor, Extraction, doc, doc_id=doc.id)
    return replace(result, doc=replace(doc, text="", original=""))


def _warm_up() -> None:
    """Load the lexicon and jieba's tables once, before workers fork, so they share them."""
    from kg.extract.lexicon import load_lexicon
    from kg.extract.segment import word_tags

    load_lexicon()
    word_tags()


def _serial(docs: Sequence[Document], *, jobs: int, scheduler: str | None, extractor) -> Iterator[Extraction]:
    for doc in docs:
        yield extract_one(doc, extractor)


def _process(docs: Sequence[Document], *, jobs: int, scheduler: str | None, extractor) -> Iterator[Extraction]:
    import functools
    from concurrent.futures import ProcessPoolExecutor

    if jobs <= 1 or len(docs) < 2:
        yield from _serial(docs, jobs=jobs, scheduler=scheduler, extractor=extractor)
        return
    _warm_up()
    chunk = max(1, min(64, len(docs) // (jobs * 8) or 1))
    if not can_fork():
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(functools.partial(extract_one, extractor=extractor), docs, chunksize=chunk)
        return
    # forked workers inherit the documents: they are sent only the documents' positions, and the
    # parent does not pickle every text
    yield from fork_map(_extract_at, (docs, extractor), range(len(docs)), jobs, chunksize=chunk)


def _extract_at(shared: tuple[Sequence[Document], Callable | None], i: int) -> Extraction:
    docs, extractor = shared
    return extract_one(docs[i], extractor)


def can_fork() -> bool:
    """Whether worker processes can be forked here (POSIX): then they inherit the parent's objects."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def fork_map(func: Callable[[Any, Any], Any], shared: Any, items: Iterable, jobs: int, *,
             chunksize: int = 1) -> Iterator:
    """``func(shared, item)`` for each of ``items``, in their order, in ``jobs`` forked processes.

    The workers inherit ``func`` and ``shared`` (a forked process starts with the parent's
    memory, so neither is pickled, and ``shared`` may be large); only the items and the results
    cross the pipes. Call it only where :func:`can_fork`. An exception in a worker is raised here.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_inherit,
                             initargs=(func, shared)) as pool:
        yield from pool.map(_call_inherited, items, chunksize=chunksize)


#: in a forked worker of :func:`fork_map`: the function and the object its pool was made with
_inherited: tuple[Callable[[Any, Any], Any] | None, Any] = (None, None)


def _inherit(func: Callable[[Any, Any], Any], shared: Any) -> None:
    global _inherited
    _inherited = (func, shared)


def _call_inherited(item: Any) -> Any:
    func, shared = _inherited
    return func(shared, item)


def _dask(docs: Sequence[Document], *, jobs: int, scheduler: str | None, extractor) -> Iterator[Extraction]:
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
        try:
            client = Client(scheduler)
        except (OSError, ValueError, TypeError) as err:  # unreachable, or not an address
            raise KgError(f"cannot reach the Dask scheduler {scheduler!r}: {err}") from err
        with client:
            batch = 256
            for start in range(0, len(docs), batch):
                futures = client.map(extract_one, docs[start:start + batch], extractor=extractor, pure=False)
                yield from client.gather(futures)
    finally:
        if cluster is not None:
            cluster.close()


#: engine name → function(docs, *, jobs, scheduler, extractor) yielding extractions in document order
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
                   scheduler: str | None = None, progress: Progress = None,
                   extractor: Callable[[Document], Extraction] | None = None) -> list[Extraction]:
    """Extractions of ``docs``, in their order, on the named engine (``extractor`` must be picklable
    for the dask engine, and for the process engine where worker processes are spawned, not forked)."""
    if engine == "serial" and jobs > 1:
        engine = "process"
    engine_run = get_engine(engine)  # an unknown name is an error even with nothing to extract
    if not docs:
        return []  # nothing new (a rebuild that found everything in the cache): no pool, no cluster
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    out = []
    for i, extraction in enumerate(engine_run(docs, jobs=jobs, scheduler=scheduler, extractor=extractor), 1):
        out.append(extraction)
        if progress:
            progress(i, len(docs))
    return out
