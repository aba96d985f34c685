from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.export import EXPORTERS, get_exporter, to_turtle, write_atomic


def test_turtle_round_trips(fixture_build):
    text = to_turtle(fixture_build.rdf)
    assert isomorphic(Graph().parse(data=text, format="turtle"), fixture_build.rdf)


def test_turtle_is_deterministic(fixture_build):
    assert to_turtle(fixture_build.rdf) == to_turtle(fixture_build.rdf)


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
    with pytest.raises(KeyError, match="valid: graph.html, graph.ttl"):
        get_exporter("graph.xyz")
    assert set(EXPORTERS) == {"graph.ttl", "graph.html"}
