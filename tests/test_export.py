from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import serialize
from kg.engines import can_fork
from kg.export import EXPORTERS, get_exporter, write_atomic


def test_atomic_write_keeps_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    write_atomic(target, "old")

    def broken_replace(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr("kg.export.os.replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # no temporary file left behind


def test_unknown_exporter_lists_valid_names():
    with pytest.raises(KeyError, match=r"no exporter 'graph.xyz'; valid: .*graph\.html.*graph\.ttl"):
        get_exporter("graph.xyz")


def test_every_rdf_exporter_is_registered():
    assert {"graph.ttl", "graph.nt", "graph.jsonld", "graph.trig", "graph.html"} <= set(EXPORTERS)


def test_rdf_exports_are_byte_identical_across_processes(fixture_corpus, tmp_path):
    """Two builds, in two interpreters with different hash seeds, write the same bytes."""
    root = Path(__file__).resolve().parent.parent
    for seed in ("1", "2"):
        code = f"from kg.pipeline import build; build([{str(fixture_corpus)!r}], out_dir={str(tmp_path / seed)!r})"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code], cwd=root, env=env, check=True)
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.trig"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name



def test_serialisers_keep_their_old_import_path():
    import kg.export

    for name in serialize.__all__:
        if name in kg.export.__all__:
            assert getattr(kg.export, name) is getattr(serialize, name), name
    assert {"to_turtle", "to_ntriples", "to_jsonld", "to_trig", "to_dataset", "JSONLD_CONTEXT"} <= set(kg.export.__all__)


def test_write_all_writes_what_each_serialiser_makes(fixture_build, tmp_path):
    """One ExportSource serves every writer; each file is what its pure serialiser makes on its own."""
    from kg.export import write_all
    from kg.graphio import FORMATS, flatten
    from kg.view import to_html

    paths = write_all(fixture_build.triples, fixture_build.graph, tmp_path)
    assert paths == [tmp_path / name for name in EXPORTERS]
    rdf = fixture_build.triples
    expected = {"graph.ttl": serialize.turtle_bytes(rdf), "graph.trig": serialize.trig_bytes(rdf),
                "graph.nt": rdf.ntriples, "graph.jsonld": serialize.to_jsonld(rdf).encode(),
                "graph.html": to_html(fixture_build.graph).encode(),
                **{name: text(flatten(fixture_build.graph)).encode() for name, text in FORMATS.items()}}
    assert expected.keys() == EXPORTERS.keys()
    for name, data in expected.items():
        assert (tmp_path / name).read_bytes() == data, name


@pytest.mark.skipif(not can_fork(), reason="the writers run in forked processes only where processes fork")
def test_write_all_with_jobs_writes_the_same_files_in_other_processes(fixture_build, tmp_path, monkeypatch):
    from kg.export import write_all

    serial = write_all(fixture_build.triples, fixture_build.graph, tmp_path / "serial")
    writers = []  # the process each writer ran in
    for name, writer in list(EXPORTERS.items()):
        def recorded(source, path, writer=writer):
            writers.append(os.getpid())  # a forked worker's list: the parent's stays empty
            return writer(source, path)
        monkeypatch.setitem(EXPORTERS, name, recorded)
    parallel = write_all(fixture_build.triples, fixture_build.graph, tmp_path / "jobs", jobs=3)
    assert writers == []
    assert [p.relative_to(tmp_path / "jobs") for p in parallel] == [p.relative_to(tmp_path / "serial") for p in serial]
    for a, b in zip(serial, parallel):
        assert a.read_bytes() == b.read_bytes(), a.name
