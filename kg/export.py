"""Export: write the RDF graph and the HTML view, atomically.

Pure serialisers (``to_turtle``) are kept apart from the writers
(``write_turtle``); every writer goes through :func:`write_atomic`, so an
interrupted build leaves the previous file intact. ``EXPORTERS`` names every
output a build writes.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from rdflib import Graph

__all__ = ["EXPORTERS", "get_exporter", "to_turtle", "write_atomic", "write_html", "write_turtle"]


def to_turtle(rdf: Graph) -> str:
    """Turtle text of ``rdf`` (rdflib's serialiser sorts subjects, so output is deterministic)."""
    return rdf.serialize(format="turtle")


def write_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to a temporary file beside ``path`` and rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_turtle(rdf: Graph, graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_atomic(path, to_turtle(rdf))


def write_html(rdf: Graph, graph: nx.MultiDiGraph, path: str | Path) -> Path:
    from kg.view import to_html

    return write_atomic(path, to_html(graph))


#: output file name → writer(rdf, graph, path)
EXPORTERS: dict[str, Callable[[Graph, nx.MultiDiGraph, Path], Path]] = {
    "graph.ttl": write_turtle,
    "graph.html": write_html,
}


def get_exporter(name: str) -> Callable[[Graph, nx.MultiDiGraph, Path], Path]:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise KeyError(f"no exporter {name!r}; valid: {', '.join(sorted(EXPORTERS))}") from None
