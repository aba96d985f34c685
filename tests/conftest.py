"""Shared fixtures: the repository's seed corpus and the tiny fixture corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def fixture_corpus() -> Path:
    return DATA / "corpus"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, seeds_dir):
    from kg.pipeline import build

    return build([seeds_dir], out_dir=tmp_path_factory.mktemp("seed-exports"))


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory, fixture_corpus):
    from kg.pipeline import build

    return build([fixture_corpus], out_dir=tmp_path_factory.mktemp("fixture-exports"))
