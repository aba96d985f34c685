"""Latency of each shipped query (queries/*.rq), pyoxigraph against rdflib, in one run. A measurement, not a test.

    .venv/bin/kg build ../shared/corpora/xinwenlianbo --out /tmp/xwq
    .venv/bin/python benchmarks/query_latency.py [/tmp/xwq/graph.ttl] [--runs N]

Loads the graph and the ontology once into each engine (``kg.query.load_data``),
then runs every query ``--runs`` times on each (after one warm-up run) and
prints, per query, the rows returned, the median and fastest wall time on each
engine, the speed-up, and whether both engines gave the same rows in the same
order. Load times are printed first.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from kg.query import load_data, read_query, run_query

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path("/tmp/xwq/graph.ttl")


def timed(func, runs: int) -> tuple[list[float], object]:
    result = func()  # warm-up: rdflib compiles and caches on first use
    seconds = []
    for _ in range(runs):
        clock = time.perf_counter()
        result = func()
        seconds.append(time.perf_counter() - clock)
    return seconds, result


def ms(value: float) -> str:
    return f"{value * 1000:,.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", default=[str(DEFAULT_DATA)], help="RDF file(s) (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query and engine (default: 5)")
    args = parser.parse_args(argv)

    stores = {}
    for engine in ("oxigraph", "rdflib"):
        clock = time.perf_counter()
        stores[engine] = load_data(args.data, engine=engine)
        print(f"load {engine:8}  {time.perf_counter() - clock:7.2f} s")
    print(f"data: {', '.join(args.data)}; {args.runs} timed runs per query after one warm-up\n")

    header = ("query", "rows", "oxigraph median ms", "min", "rdflib median ms", "min", "speed-up", "same rows")
    table = []
    for path in sorted((ROOT / "queries").glob("*.rq")):
        sparql = read_query(str(path))
        times, rows = {}, {}
        for engine, data in stores.items():
            times[engine], rows[engine] = timed(lambda: run_query(data, sparql), args.runs)
        ox, rl = statistics.median(times["oxigraph"]), statistics.median(times["rdflib"])
        table.append((path.stem, str(len(rows["oxigraph"])), ms(ox), ms(min(times["oxigraph"])), ms(rl),
                      ms(min(times["rdflib"])), f"{rl / ox:,.0f}x", "yes" if rows["oxigraph"] == rows["rdflib"]
                      else "NO"))
    widths = [max(len(h), *(len(r[i]) for r in table)) for i, h in enumerate(header)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in table:
        print("| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
              + " |")
    return 0 if all(row[-1] == "yes" for row in table) else 1


if __name__ == "__main__":
    sys.exit(main())
