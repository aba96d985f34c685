"""Extraction engines give the same output as a serial build; the dask one runs on a real LocalCluster."""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from kg.engines import ENGINES, can_fork, fork_map, get_engine, run_extraction
from kg.errors import KgError
from kg.export import to_turtle
from kg.ingest import read_corpus
from kg.model import EntityType, Extraction, Mention
from kg.pipeline import build


@pytest.fixture(scope="module")
def seed_docs(seeds_dir, fixture_corpus):
    docs, _ = read_corpus([seeds_dir, fixture_corpus])
    return docs


def test_process_pool_gives_the_serial_extractions(seed_docs):
    serial = run_extraction(seed_docs)
    pooled = run_extraction(seed_docs, engine="process", jobs=2)
    assert pooled == serial
    assert all(ex.doc.text == "" for ex in pooled)  # texts are not carried back


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are spawned here")
def test_forked_workers_inherit_the_documents_and_the_extractor(seed_docs):
    # neither is pickled: an unpicklable extractor works, and each worker sees its parent's documents
    seen = {id(doc): doc.id for doc in seed_docs}  # a pickled document would be another object

    def record(doc):  # a local function cannot be pickled
        return Extraction(doc, (Mention(doc.id, 0, 0, seen.get(id(doc), "copied"), EntityType.REGION),))
    pooled = run_extraction(seed_docs, engine="process", jobs=2, extractor=record)
    assert [ex.mentions[0].text for ex in pooled] == [doc.id for doc in seed_docs]


def test_jobs_build_is_byte_identical_to_serial(seeds_dir, tmp_path):
    serial = build([seeds_dir], out_dir=tmp_path / "serial")
    parallel = build([seeds_dir], out_dir=tmp_path / "jobs", jobs=2)
    for a, b in zip(serial.outputs, parallel.outputs):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_dask_local_cluster_gives_the_serial_output(seeds_dir, tmp_path):
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = build([seeds_dir], out_dir=None, engine="dask", scheduler=cluster.scheduler_address)
    serial = build([seeds_dir], out_dir=None)
    assert to_turtle(on_dask.rdf) == to_turtle(serial.rdf)


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9", "no-port-here"])
def test_an_unreachable_scheduler_is_a_clear_error(seed_docs, address):
    dask = pytest.importorskip("dask")
    pytest.importorskip("dask.distributed")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(KgError, match=f"cannot reach the Dask scheduler '{address}': "):
            run_extraction(seed_docs[:1], engine="dask", scheduler=address)


def test_nothing_to_extract_starts_no_pool_or_cluster():
    # a rebuild that finds every document in the cache: a client of this scheduler would fail to connect
    assert run_extraction([], engine="dask", scheduler="tcp://127.0.0.1:9") == []
    with pytest.raises(KgError, match="no engine 'spark'"):
        run_extraction([], engine="spark")


def test_progress_reports_every_document(seed_docs):
    seen = []
    run_extraction(seed_docs, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, len(seed_docs)) for i in range(1, len(seed_docs) + 1)]


def test_unknown_engine_lists_valid_names():
    with pytest.raises(KgError, match="no engine 'spark'; valid: dask, process, serial"):
        get_engine("spark")
    assert set(ENGINES) == {"serial", "process", "dask"}


@pytest.mark.skipif(not can_fork(), reason="workers are spawned here")
def test_fork_map_keeps_the_order_and_the_workers_inherit_the_shared_object():
    import os
    lock = threading.Lock()  # cannot be pickled: the workers get it by inheritance

    def work(shared, item):  # a local function cannot be pickled either
        assert shared["lock"] is not None
        return item * shared["factor"], os.getpid()
    out = list(fork_map(work, {"lock": lock, "factor": 3}, range(20), 2))
    assert [value for value, _ in out] == [i * 3 for i in range(20)]
    assert os.getpid() not in {pid for _, pid in out}


@pytest.mark.skipif(not can_fork(), reason="workers are spawned here")
def test_fork_map_raises_a_workers_exception():
    def work(shared, item):
        if item == 3:
            raise ValueError(f"bad item {item}")
        return item
    with pytest.raises(ValueError, match="bad item 3"):
        list(fork_map(work, None, range(6), 2))
