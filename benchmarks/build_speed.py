"""Throughput, memory and scaling of `kg build` on a real corpus (prints figures; not a test).

Usage:
    python benchmarks/build_speed.py [CORPUS_DIR] [--fractions 0.25,0.5,1] [--jobs N] [--repeat R] [--jieba-fraction F]

Default corpus: ../shared/corpora/xinwenlianbo (9.2 M Han characters, HTML inside).
For each fraction of the corpus's files (taken in sorted order) it runs a whole
build in a fresh process (interpreter start, imports and dictionary loads
included, so peak RSS and time are that build's own) and reports:

* characters per second end to end: wall time, and CPU time of the process and its
  workers (the per-core figure: with ``--jobs N`` the wall time shrinks, the CPU time does not);
* characters per second per stage, peak RSS, entity and relation counts.

Characters are those of the documents' normalised text, the text extraction reads
(the input files hold more: Markdown, HTML and page furniture; both counts are printed).
In the same run it measures jieba.cut over the same text (the whole corpus by
default) as the reference, before each round of builds and once after the last:
a virtual machine's speed can drift by more than the difference being measured,
so each build is compared with the jieba.cut runs just before and after it, and
with ``--repeat R`` the best (least CPU) of R builds with the best jieba.cut run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "xinwenlianbo"

# The child's clock starts before its imports; its CPU time includes forked workers (--jobs).
CHILD = r"""
import time
start = time.perf_counter()
import json, resource, sys
from pathlib import Path
from kg.pipeline import build
files = [Path(p) for p in json.loads(sys.argv[1])]
result = build(files, out_dir=sys.argv[2], jobs=int(sys.argv[3]))
total = time.perf_counter() - start
usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
print(json.dumps({
    "docs": len(result.documents),
    "chars": sum(len(d.text) for d in result.documents),
    "entities": len(result.entities),
    "relations": result.graph.number_of_edges(),
    "triples": len(result.triples),
    "seconds": result.seconds,
    "total": total,
    "cpu": sum(u.ru_utime + u.ru_stime for u in usage),
    "rss_mb": max(u.ru_maxrss for u in usage) / 1024,
}))
"""


def run_build(files: list[Path], jobs: int, out: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, json.dumps([str(f) for f in files]), str(out), str(jobs)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def input_chars(files: list[Path]) -> int:
    return sum(len(f.read_text(encoding="utf-8", errors="replace")) for f in files)


def reference_text(files: list[Path]) -> str:
    """The normalised text of ``files``, what ``jieba.cut`` reads for the reference."""
    from kg.ingest import read_corpus

    docs, _ = read_corpus(files)
    return "\n".join(d.text for d in docs)


def jieba_seconds(text: str) -> float:
    """CPU seconds of ``jieba.cut`` over ``text`` (its dictionary loaded before the clock starts)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    start = time.process_time()
    for _ in jieba.cut(text):
        pass
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--fractions", default="0.25,0.5,1")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of builds, each after a jieba.cut run; the best (least CPU) of each is reported")
    parser.add_argument("--jieba-fraction", type=float, default=1.0,
                        help="share of the corpus jieba.cut reads for the reference (default: all of it)")
    parser.add_argument("--out", default=None, help="where the builds write (default: a temporary folder)")
    args = parser.parse_args()
    files = sorted(p for p in Path(args.corpus).rglob("*") if p.is_file())
    if not files:
        print(f"no files under {args.corpus}", file=sys.stderr)
        return 1
    print(f"corpus: {args.corpus} ({len(files)} files), jobs={args.jobs}, rounds={args.repeat}")
    text = reference_text(files[: max(1, round(len(files) * args.jieba_fraction))])
    fractions = [float(f) for f in args.fractions.split(",")]
    jieba_runs = []  # CPU seconds, one before each round and one after the last
    runs: dict[float, list[dict]] = {fraction: [] for fraction in fractions}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(max(1, args.repeat)):
            jieba_runs.append(jieba_seconds(text))
            for fraction in fractions:
                subset = files[: max(1, round(len(files) * fraction))]
                runs[fraction].append(run_build(subset, args.jobs, Path(args.out or tmp)))
    jieba_runs.append(jieba_seconds(text))
    rows = []
    for fraction in fractions:
        r = min(runs[fraction], key=lambda run: run["cpu"])
        r["fraction"] = fraction
        rows.append(r)
        subset = files[: max(1, round(len(files) * fraction))]
        stages = ", ".join(f"{k} {r['chars'] / v / 1e6:.2f}" for k, v in r["seconds"].items() if v > 0)
        cpus = " ".join(f"{run['cpu']:.2f}" for run in runs[fraction])
        print(f"{fraction:>5.2f}: {r['docs']:>5} docs, {r['chars'] / 1e6:.2f} M chars of text "
              f"({input_chars(subset) / 1e6:.2f} M in the files)")
        print(f"       end to end: {r['total']:.2f} s wall = {r['chars'] / r['total'] / 1e6:.2f} M chars/s; "
              f"{r['cpu']:.2f} s CPU = {r['chars'] / r['cpu'] / 1e6:.2f} M chars/s per core"
              + (f" (best of {len(runs[fraction])}: {cpus} s)" if len(runs[fraction]) > 1 else ""))
        print(f"       peak RSS {r['rss_mb']:.0f} MB; {r['entities']} entities, {r['relations']} relations, "
              f"{r['triples']} triples")
        print(f"       per stage (M chars/s): {stages}")
    jieba_runs = [max(seconds, 1e-6) for seconds in jieba_runs]  # a tiny corpus can take no measurable time
    speeds = [len(text) / seconds for seconds in jieba_runs]
    print(f"jieba.cut reference ({args.jieba_fraction:.0%} of the corpus, {len(text) / 1e6:.2f} M chars), CPU: "
          + ", ".join(f"{speed / 1e6:.2f}" for speed in speeds) + " M chars/s (before each round, and after the last)")
    last, whole = rows[-1], runs[fractions[-1]]
    # each build against the jieba.cut runs just before and after it: the machine's speed drifts between runs
    ratios = sorted(run["chars"] / run["cpu"] * seconds / len(text)
                    for i, run in enumerate(whole) for seconds in jieba_runs[i:i + 2])
    best = last["chars"] / last["cpu"] / max(speeds)
    print(f"whole build vs jieba.cut: x{ratios[0]:.1f}-{ratios[-1]:.1f} per core, each build against the runs "
          f"beside it; x{best:.1f} best against best")
    if len(rows) > 1:
        base = rows[0]
        for r in rows[1:]:
            print(f"scaling {base['fraction']:.2f} -> {r['fraction']:.2f}: chars x{r['chars'] / base['chars']:.2f}, "
                  f"time x{r['total'] / base['total']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
