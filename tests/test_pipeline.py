from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic, to_isomorphic

from kg.errors import InputError, StageError
from kg.export import to_turtle
from kg.model import Document
from kg.pipeline import STAGES, build, build_graph_from_documents

EXPECTED = Path(__file__).resolve().parent / "data" / "expected.ttl"


def test_fixture_corpus_matches_golden_graph(fixture_build):
    expected = Graph().parse(EXPECTED)
    if not isomorphic(expected, fixture_build.rdf):
        got = to_isomorphic(fixture_build.rdf).serialize(format="nt").splitlines()
        want = to_isomorphic(expected).serialize(format="nt").splitlines()
        diff = "\n".join(difflib.unified_diff(sorted(want), sorted(got), "expected", "got", lineterm=""))
        pytest.fail(f"graph differs from tests/data/expected.ttl (regenerate with scripts/regen_golden.py):\n{diff}")


def test_two_builds_are_byte_identical(fixture_corpus, tmp_path):
    first = build([fixture_corpus], out_dir=tmp_path / "a")
    second = build([fixture_corpus], out_dir=tmp_path / "b")
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert to_turtle(first.rdf) == to_turtle(second.rdf)


def test_seed_build_writes_exports(seed_build):
    assert [p.name for p in seed_build.outputs][:2] == ["graph.ttl", "graph.html"]  # then the other exporters
    assert len(seed_build.documents) == 5 and not seed_build.skipped
    types = {e.type.value for e in seed_build.entities}
    assert types == {"Region", "Organization", "Platform", "Policy", "Person"}
    names = {e.name for e in seed_build.entities}
    assert {"江西省", "赣服通", "郴州市数据局", "《关于加强数字政府建设的指导意见》", "周民"} <= names
    assert Graph().parse(seed_build.outputs[0]) is not None


def test_nothing_readable_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no document could be read"):
        build([tmp_path / "nope"], out_dir=tmp_path)


def test_stage_failure_names_stage_and_document(monkeypatch):
    def boom(doc):
        raise ValueError("bad")

    monkeypatch.setattr("kg.pipeline.STAGES", tuple((n, boom if n == "extract" else f, t) for n, f, t in STAGES))
    with pytest.raises(StageError, match="stage 'extract' failed on document 'd1': ValueError: bad"):
        build_graph_from_documents([Document(id="d1", text="江西省")])
