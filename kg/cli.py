"""Command line: ``kg build``, ``kg eval``, ``kg query``, ``kg serve``, ``kg validate``.

Thin by design: parse arguments, call a library function, print. Errors from
dgkg (``KgError``) are printed as ``TypeName: message`` and exit 1; usage
errors exit 2; ``kg build`` exits 3 when it wrote the graph but skipped some
inputs, and 130 when interrupted (see ``BUILD_EXIT_CODES``).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter
from pathlib import Path

from kg.errors import KgError

__all__ = ["main"]

#: exit codes of ``kg build``, shown by ``kg build --help``
BUILD_EXIT_CODES = """exit codes:
  0    every input was read and the outputs were written
  1    nothing was built: no input could be read, or an error stopped the build
  2    usage error (unknown option, missing argument)
  3    the outputs were written, but some inputs (files, or rows of a table) were
       skipped: each has a "skipped: PATH: reason" line on stderr
  130  interrupted (Ctrl-C); each output is replaced whole or not at all, so the
       previous exports stay intact and valid"""
EXIT_SKIPPED = 3
EXIT_INTERRUPTED = 130


def _progress_printer(stream, every: float = 0.1):
    """A progress callback that rewrites one line on a terminal, at most once per ``every`` seconds
    and at the end (a line per document would be 20,000 writes on a large corpus); None elsewhere."""
    if not stream.isatty():
        return None
    start = shown = time.perf_counter()

    def show(done: int, total: int) -> None:
        nonlocal shown
        now = time.perf_counter()
        if done != total and now - shown < every:
            return
        shown = now
        stream.write(f"\rextracting {done}/{total} documents ({done / max(now - start, 1e-9):.0f}/s)")
        if done == total:
            stream.write("\n")
        stream.flush()
    return show


def cmd_build(args) -> int:
    from kg.pipeline import build

    clock = time.perf_counter()
    cache_dir = None if args.no_cache else (args.cache or Path(args.out) / ".cache")
    result = build(args.paths or ["seeds"], out_dir=args.out, progress=_progress_printer(sys.stderr),
                   engine=args.engine, jobs=args.jobs, scheduler=args.scheduler, cache_dir=cache_dir)
    for skipped in result.skipped:
        print(f"skipped: {skipped.path}: {skipped.reason}", file=sys.stderr)
    entity_counts = Counter(e.type.value for e in result.entities)
    relation_counts = Counter(k for _, _, k in result.graph.edges(keys=True))
    print(f"documents read: {len(result.documents)}" + (f" (skipped {len(result.skipped)})" if result.skipped else ""))
    print("entities:  " + ", ".join(f"{k} {v}" for k, v in sorted(entity_counts.items())) + f"  (total {len(result.entities)})")
    print("relations: " + ", ".join(f"{k} {v}" for k, v in sorted(relation_counts.items()))
          + f"  (total {result.graph.number_of_edges()})")
    if cache_dir is not None and result.cache_hits:
        print(f"cache: {result.cache_hits} documents unchanged, {result.cache_misses} extracted")
    for path in result.outputs:
        print(f"wrote {path}")
    print(f"took {time.perf_counter() - clock:.2f} s")
    if result.skipped:
        print(_skipped_summary(result), file=sys.stderr)
        return EXIT_SKIPPED
    return 0


def _skipped_summary(result) -> str:
    """The closing line: how many inputs were skipped whole, and how many in part (rows of a table)."""
    read = {doc.path for doc in result.documents}
    partly = sum(s.path in read for s in result.skipped)
    inputs = len(read | {s.path for s in result.skipped})
    line = f"skipped {len(result.skipped) - partly} of {inputs} input{'s' * (inputs != 1)}"
    if partly:
        line += f" and part of {partly} more"
    return line + f" (see the skipped: lines above); exit code {EXIT_SKIPPED}"


def cmd_eval(args) -> int:
    from kg.evaluate import evaluate_files, format_report

    report = evaluate_files(args.graph, args.gold, ontology=args.ontology)
    print(format_report(report, verbose=args.verbose))
    return 0


def cmd_query(args) -> int:
    from kg.query import format_rows, run_query_files

    rows = run_query_files(args.query, args.data or ["exports/graph.ttl"], ontology=args.ontology,
                           engine=args.engine)
    print(format_rows(rows, args.format))
    return 0


def cmd_serve(args) -> int:
    import signal

    from kg.serve import start_endpoint

    endpoint = start_endpoint(args.data or ["exports/graph.ttl"], host=args.host, port=args.port,
                              timeout=args.timeout, max_bytes=round(args.max_result_mb * 2**20),
                              store_dir=args.store, ontology=args.ontology)
    # SIGTERM, like Ctrl-C, stops the Oxigraph server too and removes the temporary store
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"SPARQL endpoint (read-only): {endpoint.url}", flush=True)
    print(f"queries time out after {args.timeout:g} s; results over {args.max_result_mb:g} MB are refused; "
          "Ctrl-C stops", file=sys.stderr, flush=True)
    try:
        code = endpoint.wait()
    except KeyboardInterrupt:
        code = 0
    finally:
        endpoint.close()
    if code:
        print(f"KgError: the Oxigraph server exited with code {code}", file=sys.stderr)
    return 1 if code else 0


def cmd_validate(args) -> int:
    from kg.validate import format_report, validate_file

    report = validate_file(args.file, shapes=args.shapes, ontology=args.ontology)
    print(f"{args.file}: {format_report(report)}")
    return 0 if report.conforms else 1


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="dgkg: build a knowledge graph of Chinese digital-government texts.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build the graph from text files into exports/",
                       description="Read .txt, .md, .html, .csv/.tsv, .jsonl, .docx and .pdf files (or folders of\n"
                                   "them), extract entities and relations, and write into OUT: the RDF (graph.ttl,\n"
                                   "graph.nt, graph.jsonld, graph.trig), graph-tool files (graph.graphml, graph.gexf,\n"
                                   "graph.cyjs, neo4j/) and graph.html (interactive view). An input that cannot be\n"
                                   "read is skipped with one line naming it and the reason; the rest still builds.\n"
                                   "Unchanged documents are read back from OUT/.cache instead of extracted again.",
                       epilog=BUILD_EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to read (default: seeds/)")
    p.add_argument("--out", default="exports", metavar="DIR", help="output folder (default: exports/)")
    p.add_argument("--jobs", "-j", type=_job_count, default=1, metavar="N",
                   help="read, extract and write with N processes (0: one per core); the output is identical "
                        "to a serial build")
    p.add_argument("--engine", choices=("serial", "process", "dask"), default="serial",
                   help="where extraction runs: here, a process pool, or a Dask cluster (default: serial, "
                        "or process when --jobs > 1)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    p.add_argument("--cache", metavar="DIR", help="incremental cache of extractions (default: OUT/.cache)")
    p.add_argument("--no-cache", action="store_true", help="extract every document again")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("eval", help="score a built graph against a gold JSON file",
                       description="Precision, recall and F1 for entities and relations, per type.")
    p.add_argument("graph", help="graph.ttl to score")
    p.add_argument("gold", help="gold JSON ({documents, entities, relations})")
    p.add_argument("--ontology", default=None, metavar="DIR", help="ontology folder (default: the project's)")
    p.add_argument("-v", "--verbose", action="store_true", help="list what was missed and what was wrong")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("query", help="run a SPARQL query over the exports",
                       description="QUERY is SPARQL text or a .rq file; the ontology is loaded with the data.")
    p.add_argument("query", help="SPARQL text or path to a .rq file")
    p.add_argument("--data", action="append", metavar="FILE", help="RDF file(s) (default: exports/graph.ttl)")
    p.add_argument("--ontology", default=None, metavar="DIR", help="ontology folder (default: the project's)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--engine", choices=("oxigraph", "rdflib"), default=None,
                   help="SPARQL engine (default: oxigraph via pyoxigraph; rdflib when pyoxigraph is missing)")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("serve", help="serve the exports as a read-only SPARQL endpoint",
                       description="Load the data and the ontology into an Oxigraph store and serve it read-only "
                                   "(SPARQL 1.1 Protocol) at http://HOST:PORT/query. Updates are refused.")
    p.add_argument("--data", action="append", metavar="FILE", help="RDF file(s) (default: exports/graph.ttl)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7878, help="port to listen on (default: 7878; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="query timeout (default: 30)")
    p.add_argument("--max-result-mb", type=float, default=64.0, metavar="MB",
                   help="largest result sent, in MiB (default: 64)")
    p.add_argument("--store", default=None, metavar="DIR", help="Oxigraph store folder to create and keep "
                                                                "(default: a temporary one, removed on exit)")
    p.add_argument("--ontology", default=None, metavar="DIR", help="ontology folder (default: the project's)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("validate", help="check an RDF export against the SHACL shapes",
                       description="Validate FILE (.ttl, .nt, .jsonld, .trig) against ontology/shapes.ttl with the "
                                   "ontology loaded; print each violation (node, property, message). "
                                   "Exit 0 when it conforms, 1 otherwise.")
    p.add_argument("file", nargs="?", default="exports/graph.ttl", metavar="FILE",
                   help="RDF file to check (default: exports/graph.ttl)")
    p.add_argument("--shapes", default=None, metavar="FILE", help="SHACL shapes (default: ontology/shapes.ttl)")
    p.add_argument("--ontology", default=None, metavar="DIR", help="ontology folder (default: the project's)")
    p.set_defaults(func=cmd_validate)
    return parser


def _job_count(text: str) -> int:
    """``--jobs``: a whole number, 0 or more (0: one per core)."""
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"{jobs} processes: give 1 or more, or 0 for one per core")
    return jobs


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except KgError as err:
        print(f"{type(err).__name__}: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: outputs are replaced whole or not at all, so the previous ones are intact",
              file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
