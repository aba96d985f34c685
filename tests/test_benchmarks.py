"""The benchmark scripts run and print their figures (what they measure is not asserted: no timed tests)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_build_speed_reports_the_best_of_its_rounds_against_jieba(fixture_corpus, tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build_speed.py"), str(fixture_corpus),
                          "--fractions", "0.5,1", "--repeat", "2", "--out", str(tmp_path)],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert "rounds=2" in out
    assert len(re.findall(r"M chars/s per core \(best of 2: [\d.]+ [\d.]+ s\)", out)) == 2  # one per fraction
    # a jieba.cut run before each round and one after the last
    assert re.search(r"CPU: [\d.]+, [\d.]+, [\d.]+ M chars/s", out)
    assert re.search(r"whole build vs jieba\.cut: x[\d.]+-[\d.]+ per core.*x[\d.]+ best against best", out)
    assert "scaling 0.50 -> 1.00" in out
    assert (tmp_path / "graph.ttl").is_file()
