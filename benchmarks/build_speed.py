"""Throughput, memory and scaling of `kg build` on a real corpus (prints figures; not a test).

Usage:
    python benchmarks/build_speed.py [CORPUS_DIR] [--fractions 0.25,0.5,1] [--jobs N]

Default corpus: ../shared/corpora/xinwenlianbo (9.2 M Han characters, HTML inside).
For each fraction of the corpus's files (taken in sorted order) it runs the build
in a fresh subprocess (so peak RSS is that build's own) and reports characters
per second end to end and per stage, peak RSS, and entity / relation counts.
In the same run it measures jieba.cut over the same text as the reference.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "xinwenlianbo"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from kg.pipeline import build
files = [Path(p) for p in json.loads(sys.argv[1])]
start = time.perf_counter()
result = build(files, out_dir=sys.argv[2], jobs=int(sys.argv[3]))
total = time.perf_counter() - start
print(json.dumps({
    "docs": len(result.documents),
    "chars": sum(len(d.text) for d in result.documents),
    "entities": len(result.entities),
    "relations": result.graph.number_of_edges(),
    "triples": len(result.triples),
    "seconds": result.seconds,
    "total": total,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def run_build(files: list[Path], jobs: int) -> dict:
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([sys.executable, "-c", CHILD, json.dumps([str(f) for f in files]), out, str(jobs)],
                              capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def jieba_reference(files: list[Path]) -> tuple[int, float]:
    import jieba

    from kg.ingest import read_corpus

    docs, _ = read_corpus(files)
    jieba.initialize()
    text = "\n".join(d.text for d in docs)
    start = time.perf_counter()
    for _ in jieba.cut(text):
        pass
    return len(text), time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--fractions", default="0.25,0.5,1")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    files = sorted(p for p in Path(args.corpus).rglob("*") if p.is_file())
    if not files:
        print(f"no files under {args.corpus}", file=sys.stderr)
        return 1
    print(f"corpus: {args.corpus} ({len(files)} files), jobs={args.jobs}")
    rows = []
    for fraction in (float(f) for f in args.fractions.split(",")):
        subset = files[: max(1, round(len(files) * fraction))]
        r = run_build(subset, args.jobs)
        r["fraction"] = fraction
        rows.append(r)
        stages = ", ".join(f"{k} {r['chars'] / v / 1e6:.2f}" for k, v in r["seconds"].items() if v > 0)
        print(f"{fraction:>5.2f}: {r['docs']:>5} docs {r['chars'] / 1e6:6.2f} M chars  {r['total']:6.2f} s  "
              f"{r['chars'] / r['total'] / 1e6:5.2f} M chars/s end to end  peak RSS {r['rss_mb']:.0f} MB  "
              f"{r['entities']} entities {r['relations']} relations")
        print(f"       per stage (M chars/s): {stages}")
    chars, seconds = jieba_reference(files[: max(1, round(len(files) * 0.25))])
    print(f"jieba.cut reference on the first quarter: {chars / seconds / 1e6:.2f} M chars/s")
    if len(rows) > 1:
        base = rows[0]
        for r in rows[1:]:
            print(f"scaling {base['fraction']:.2f} -> {r['fraction']:.2f}: chars x{r['chars'] / base['chars']:.2f}, "
                  f"time x{r['total'] / base['total']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
