"""Nothing lost: a build killed midway leaves the previous exports intact and valid.

These run ``kg build`` for real, as a subprocess, on a few MB of generated text
and interrupt it with SIGKILL and with SIGINT (Ctrl-C) once extraction is under
way — its progress line appears when stderr is a terminal, so stderr is a pty.
A third test kills a writer in the middle of writing a file (kill -9 while the
temporary file is half written) and checks that the next build removes what it
left behind.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg.cli"]
TIMEOUT = 120


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) → its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    """About 2.5 MB of text: 200 documents made from the seeds, one JSON line each."""
    folder = tmp_path_factory.mktemp("big")
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    with (folder / "big.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(200):
            fh.write(json.dumps({"id": f"d{i}", "text": f"{texts[i % len(texts)]}\n第{i}号文件。"}, ensure_ascii=False))
            fh.write("\n")
    return folder


@pytest.fixture(scope="module")
def finished_build(tmp_path_factory, fixture_corpus) -> Path:
    out = tmp_path_factory.mktemp("finished") / "exports"
    done = subprocess.run(KG + ["build", str(fixture_corpus), "--out", str(out)], capture_output=True, text=True,
                          timeout=TIMEOUT, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def previous(tmp_path, finished_build) -> tuple[Path, dict[str, bytes]]:
    """An output folder holding a finished build of the fixture corpus, and its bytes."""
    out = tmp_path / "exports"
    shutil.copytree(finished_build, out)
    return out, snapshot(out)


def start_build(corpus: Path, out: Path) -> tuple[subprocess.Popen, int]:
    master, slave = pty.openpty()
    proc = subprocess.Popen(KG + ["build", str(corpus), "--out", str(out)], stdout=subprocess.DEVNULL,
                            stderr=slave, cwd=ROOT)
    os.close(slave)
    return proc, master


def wait_until_extracting(proc: subprocess.Popen, master: int) -> str:
    """Read the build's terminal until its progress line shows extraction begun and not finished."""
    seen = b""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if select.select([master], [], [], 0.2)[0]:
            seen += os.read(master, 4096)
            counts = re.findall(rb"extracting (\d+)/(\d+)", seen)
            if counts and 0 < int(counts[-1][0]) < int(counts[-1][1]):
                return seen.decode("utf-8", "replace")
        assert proc.poll() is None, f"the build ended before it could be interrupted: {seen!r}"
    raise AssertionError(f"no progress within {TIMEOUT} s: {seen!r}")


def read_rest(master: int) -> str:
    seen = b""
    while select.select([master], [], [], 0.5)[0]:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child side is closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    return seen.decode("utf-8", "replace")


def assert_intact(out: Path, before: dict[str, bytes]) -> None:
    assert snapshot(out) == before  # same files, same bytes, and no temporary file left
    Graph().parse(out / "graph.ttl", format="turtle")  # still valid Turtle


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_interrupted_build_leaves_previous_exports_intact(previous, big_corpus, sig):
    out, before = previous
    proc, master = start_build(big_corpus, out)
    try:
        wait_until_extracting(proc, master)
        proc.send_signal(sig)
        code = proc.wait(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    rest = read_rest(master)
    if sig == signal.SIGKILL:
        assert code == -signal.SIGKILL
    else:
        assert code == 130, rest
        assert "interrupted: outputs are replaced whole or not at all" in rest
    assert_intact(out, before)


WRITER = """
import os, sys, time
from kg.export import write_atomic

def stall(fd):  # the temporary file is written but not yet renamed: be killed here
    print("half-written", flush=True)
    time.sleep(600)

os.fsync = stall
write_atomic(sys.argv[1], "@prefix broken" * 100_000)
"""


def test_kill_9_mid_write_leaves_a_hidden_temp_that_the_next_build_removes(previous, fixture_corpus):
    out, before = previous
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(out / "graph.ttl")], stdout=subprocess.PIPE,
                            text=True, cwd=ROOT)
    try:
        assert proc.stdout.readline().strip() == "half-written"
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=TIMEOUT) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    left = sorted(set(snapshot(out)) - set(before))
    assert len(left) == 1 and re.fullmatch(rf"\.graph\.ttl\.{proc.pid}\.[^./]+\.tmp", left[0]), left
    assert (out / "graph.ttl").read_bytes() == before["graph.ttl"]  # the old file, untouched
    done = subprocess.run(KG + ["build", str(fixture_corpus), "--out", str(out)], capture_output=True, text=True,
                          timeout=TIMEOUT, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert_intact(out, before)  # same corpus → byte-identical files, and the stale temp is gone


def test_a_temp_file_of_a_live_writer_is_left_alone(tmp_path):
    from kg.export import remove_stale_temps

    mine = tmp_path / f".graph.ttl.{os.getpid()}.abc.tmp"
    dead = tmp_path / ".graph.ttl.999999999.abc.tmp"  # above any pid_max: no such process
    other = tmp_path / ".graph.html.999999999.abc.tmp"
    for path in (mine, dead, other):
        path.write_text("x")
    assert remove_stale_temps(tmp_path / "graph.ttl") == [dead]
    assert mine.exists() and other.exists()


def test_every_output_is_renamed_into_place(tmp_path, fixture_corpus, monkeypatch):
    """Each file a build writes arrives by os.replace from a hidden temporary file: none is written in place."""
    from kg.pipeline import build

    renamed: list[tuple[str, str]] = []
    real_replace = os.replace

    def record(src, dst, *args, **kwargs):
        renamed.append((Path(src).name, str(Path(dst).relative_to(tmp_path))))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", record)
    result = build([fixture_corpus], out_dir=tmp_path)
    written = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {dst for _, dst in renamed} == {str(Path(p).relative_to(tmp_path)) for p in result.outputs}
    assert all(src.startswith(".") and src.endswith(".tmp") for src, _ in renamed)
