"""Export: write the RDF graph, the graph-tool files and the HTML view, atomically.

The pure serialisers live in :mod:`kg.serialize` (``to_turtle``) and :mod:`kg.graphio`;
the writers here (``write_turtle``) go through :func:`write_atomic`, so an interrupted
build leaves the previous file intact. ``EXPORTERS`` names every output a build writes.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import Graph

from kg.ontology import RdfTriples
# the serialisers were defined here once; their old import path still works
from kg.serialize import (JSONLD_CONTEXT, as_triples, to_dataset, to_jsonld, to_ntriples, to_trig, to_turtle,
                          trig_bytes, turtle_bytes, turtle_layout)

if TYPE_CHECKING:
    from kg.graphio import FlatGraph
    from kg.turtle import TurtleLayout

__all__ = ["EXPORTERS", "JSONLD_CONTEXT", "ExportSource", "get_exporter", "remove_stale_temps", "to_dataset",
           "to_jsonld", "to_ntriples", "to_trig", "to_turtle", "write_all", "write_atomic", "write_graphio",
           "write_html", "write_jsonld", "write_ntriples", "write_trig", "write_turtle"]

#: what the RDF writers take: the build's triples or any rdflib Graph
Rdf = RdfTriples | Graph


def write_atomic(path: str | Path, text: str | bytes) -> Path:
    """Write ``text`` to a temporary file beside ``path`` and rename it into place.

    ``str`` is written as UTF-8, ``bytes`` as they are. A reader sees the old
    file or the new one, never half of one. The temporary file is hidden
    (``.graph.ttl.<pid>.<random>.tmp``, skipped by ``kg build``'s folder walk)
    and removed on any error or Ctrl-C; only ``kill -9`` or a crash leaves one
    behind, and the next write of the same file removes it
    (:func:`remove_stale_temps`).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def remove_stale_temps(path: str | Path) -> list[Path]:
    """Remove the temporary files of ``path`` whose writer is gone (killed mid-write); return them.

    A temporary file names its writer's process id, so one that another build is
    still writing is left alone.
    """
    path = Path(path)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[^.]*\.tmp")
    removed = []
    with os.scandir(path.parent) as entries:
        for entry in entries:
            match = pattern.fullmatch(entry.name)
            if match and not _process_exists(int(match.group(1))):
                Path(entry.path).unlink(missing_ok=True)
                removed.append(Path(entry.path))
    return removed


def _process_exists(pid: int) -> bool:
    if os.name != "posix" or pid == os.getpid():
        return True  # os.kill(pid, 0) is a probe on POSIX only; elsewhere never remove
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class ExportSource:
    """What one export run writes from: the RDF, the graph, and what several writers read, made on
    first use and kept: the graph's flat rows (every graph-tool writer) and the RDF's Turtle
    blocks (the Turtle and TriG writers).

    Make one per run and drop it after: nothing is remade when ``rdf`` or ``graph`` changes.
    """

    def __init__(self, rdf: Rdf, graph: nx.MultiDiGraph) -> None:
        self.rdf = as_triples(rdf)
        self.graph = graph

    @cached_property
    def flat(self) -> FlatGraph:
        """The graph's flat rows that the graph-tool files are written from."""
        from kg.graphio import flatten

        return flatten(self.graph)

    @cached_property
    def turtle(self) -> TurtleLayout:
        """The Turtle blocks of the RDF's subjects, that the Turtle and the TriG are written from."""
        return turtle_layout(self.rdf)


def write_turtle(source: ExportSource, path: str | Path) -> Path:
    return write_atomic(path, turtle_bytes(source.rdf, source.turtle))


def write_ntriples(source: ExportSource, path: str | Path) -> Path:
    return write_atomic(path, source.rdf.ntriples)


def write_jsonld(source: ExportSource, path: str | Path) -> Path:
    return write_atomic(path, to_jsonld(source.rdf))


def write_trig(source: ExportSource, path: str | Path) -> Path:
    return write_atomic(path, trig_bytes(source.rdf, source.turtle))


def write_graphio(fmt: str, source: ExportSource, path: str | Path) -> Path:
    """Write ``fmt``, a name in :data:`kg.graphio.FORMATS` (GraphML, GEXF, Cytoscape.js, Neo4j CSV)."""
    from kg.graphio import FORMATS

    return write_atomic(path, FORMATS[fmt](source.flat))


def write_html(source: ExportSource, path: str | Path) -> Path:
    from kg.view import to_html

    return write_atomic(path, to_html(source.graph))


#: output file name → writer(source, path)
EXPORTERS: dict[str, Callable[[ExportSource, Path], Path]] = {
    "graph.ttl": write_turtle,
    "graph.html": write_html,
    "graph.nt": write_ntriples,
    "graph.jsonld": write_jsonld,
    "graph.trig": write_trig,
    # graph tools (kg/graphio.py): Gephi, Cytoscape, yEd, Neo4j
    "graph.graphml": partial(write_graphio, "graph.graphml"),
    "graph.gexf": partial(write_graphio, "graph.gexf"),
    "graph.cyjs": partial(write_graphio, "graph.cyjs"),
    "neo4j/nodes.csv": partial(write_graphio, "neo4j/nodes.csv"),
    "neo4j/relationships.csv": partial(write_graphio, "neo4j/relationships.csv"),
    "neo4j/neo4j_import.cypher": partial(write_graphio, "neo4j/neo4j_import.cypher"),
}


def write_all(rdf: Rdf, graph: nx.MultiDiGraph, out_dir: str | Path, *, jobs: int = 1) -> list[Path]:
    """Write every output of :data:`EXPORTERS` into ``out_dir``, from one :class:`ExportSource`; return the
    paths, in the order of :data:`EXPORTERS`.

    With ``jobs`` > 1 the writers run in up to that many forked processes (where processes
    fork; elsewhere one after the other). Each file is still made by its own writer from the
    same source, so the files are the same as from a serial export.
    """
    from kg.engines import can_fork, fork_map

    source = ExportSource(rdf, graph)
    out_dir = Path(out_dir)
    if jobs <= 1 or not can_fork():
        return _write_group((source, out_dir), tuple(EXPORTERS))
    groups = _writer_groups()
    written = fork_map(_write_group, (source, out_dir), groups, min(jobs, len(groups)))
    paths = {name: path for group, group_paths in zip(groups, written) for name, path in zip(group, group_paths)}
    return [paths[name] for name in EXPORTERS]


def _writer_groups() -> list[tuple[str, ...]]:
    """The names of :data:`EXPORTERS` in the groups one process writes, biggest first: writers that read
    one part of :class:`ExportSource` together (the Turtle and the TriG its ``turtle``, the graph-tool
    files its ``flat``), every other file alone."""
    graph_tools = tuple(name for name, writer in EXPORTERS.items() if getattr(writer, "func", None) is write_graphio)
    together = [group for group in (_TURTLE_AND_TRIG, graph_tools) if group]
    grouped = {name for group in together for name in group}
    groups = together + [(name,) for name in EXPORTERS if name not in grouped]
    order = {name: i for i, name in enumerate(_BIGGEST_FIRST)}
    return sorted(groups, key=lambda group: order.get(group[0], len(order)))


_TURTLE_AND_TRIG = ("graph.ttl", "graph.trig")
#: the groups that take longest on a large corpus, by their first name (news corpus, whole: Turtle and
#: TriG 1.1 s, JSON-LD 0.5 s, the graph-tool files 0.5 s, the HTML view 0.2 s … N-Triples 0.02 s)
_BIGGEST_FIRST = ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html")


def _write_group(shared: tuple[ExportSource, Path], names: tuple[str, ...]) -> list[Path]:
    source, out_dir = shared
    return [EXPORTERS[name](source, out_dir / name) for name in names]


def get_exporter(name: str) -> Callable[[ExportSource, Path], Path]:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise KeyError(f"no exporter {name!r}; valid: {', '.join(sorted(EXPORTERS))}") from None
