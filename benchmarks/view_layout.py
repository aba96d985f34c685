"""Time the HTML view to a stable layout in headless chromium. A measurement, not a test.

    .venv/bin/python benchmarks/view_layout.py [PATH ...] [--limit N] [--runs N]

Builds the graph of PATH (default: the first 400 news files of
../shared/corpora/xinwenlianbo next to the project, about 2,000 entities), renders it with
``kg.view.to_html``, opens the file in Debian's chromium through Playwright and
prints the seconds from navigation start until vis-network reports its
stabilisation done (physics is then switched off), with the share spent in the
layout itself, then how long a type filter and a search take on that page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.pipeline import build
from kg.view import to_html

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "xinwenlianbo"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def corpus_files(paths: list[str], limit: int) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    return sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")[:limit]


def measure(html: Path, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        context = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                        args=FLAGS, viewport={"width": 1600, "height": 1000})
        for _ in range(runs):
            page = context.new_page()
            page.goto(html.as_uri())
            page.wait_for_function("() => window.dgkgView && window.dgkgView.state.stabilized", timeout=300_000)
            result = page.evaluate("() => ({stable: dgkgView.state.stableMs, layout: dgkgView.state.layoutMs})")
            first_type = page.locator("#type-filter input").first
            clock = time.perf_counter()
            first_type.uncheck()
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
            result["filter"] = (time.perf_counter() - clock) * 1000
            result["search"] = page.evaluate("""() => {
                const t = performance.now(); dgkgView.search('省'); return performance.now() - t; }""")
            results.append(result)
            page.close()
        context.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help=f"files or folders (default: news files of {CORPUS})")
    parser.add_argument("--limit", type=int, default=400, help="how many default corpus files (default 400)")
    parser.add_argument("--runs", type=int, default=3, help="page loads to time (default 3)")
    args = parser.parse_args(argv)
    files = corpus_files(args.paths, args.limit)
    graph = build(files, out_dir=None).graph
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "graph.html"
        html.write_text(to_html(graph), encoding="utf-8")
        size = html.stat().st_size
        results = measure(html, args.runs)
    stable = [r["stable"] / 1000 for r in results]
    layout = [r["layout"] / 1000 for r in results]
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (other work slows the figures)")
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
          f"from {len(files)} inputs; page {size / 1e6:.1f} MB")
    print(f"stable layout: median {statistics.median(stable):.2f} s from navigation start "
          f"(runs: {', '.join(f'{s:.2f}' for s in stable)}); layout alone {statistics.median(layout):.2f} s")
    print(f"type filter toggle: median {statistics.median(r['filter'] for r in results):.0f} ms; "
          f"search '省': median {statistics.median(r['search'] for r in results):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
