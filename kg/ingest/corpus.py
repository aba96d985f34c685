"""Paths → documents: walk files and folders, pick a reader per format, and
turn every failure into a :class:`~kg.model.Skipped` so the rest still builds.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from kg.errors import InputError
from kg.ingest.base import Reader, make_id
from kg.ingest.office import read_docx, read_pdf
from kg.ingest.plain import read_markdown, read_text
from kg.ingest.tables import read_csv, read_jsonl, read_tsv
from kg.ingest.webpage import read_html
from kg.model import Document, Skipped

__all__ = ["READERS", "SUFFIXES", "UNSUPPORTED", "get_reader", "iter_documents", "read_corpus", "read_document"]

log = logging.getLogger(__name__)

#: file ending → reader; a folder is searched for these endings
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".csv": read_csv,
    ".tsv": read_tsv,
    ".jsonl": read_jsonl,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
SUFFIXES = tuple(READERS)
#: document formats people keep beside their texts that dgkg cannot read: named when skipped, not silently passed
UNSUPPORTED = {
    ".doc": "save it as .docx", ".wps": "save it as .docx", ".rtf": "save it as .docx or .txt",
    ".odt": "save it as .docx", ".xls": "save it as .csv", ".xlsx": "save it as .csv",
    ".json": "save it as .jsonl, one document a line", ".epub": "save it as .txt", ".pptx": "save it as .pdf",
}
_MAX_DETAILS = 3


def get_reader(suffix: str) -> Reader:
    """The reader for a file ending.

    Raises:
        KeyError: no reader; the message lists the endings there are.
    """
    try:
        return READERS[suffix.lower()]
    except KeyError:
        raise KeyError(f"no reader for {suffix!r}; valid: {', '.join(SUFFIXES)}") from None


def read_corpus(paths: Iterable[str | Path], *, jobs: int = 1) -> tuple[list[Document], list[Skipped]]:
    """Read every document under ``paths`` (files or folders, recursively).

    Returns the documents, sorted by id, and one :class:`Skipped` per input that
    was not read whole, with the reason: a missing path, an unreadable, binary,
    empty or too large file, a format error, a symbolic-link loop — or, for a
    table, the rows left out. Nothing is raised for a bad input, so the rest of
    the corpus still builds. With ``jobs`` > 1 the files are read in that many
    forked processes (where processes fork); the result is the same.

    Example:
        >>> docs, skipped = read_corpus(["no/such/folder"])
        >>> docs, skipped[0].reason
        ([], 'no such file or folder')
    """
    from kg.engines import can_fork, fork_map

    found: list[Skipped] = []  # what the walk itself skips (missing paths, link loops …)
    files, walked = [], []  # each file, and how many of ``found`` the walk had skipped before it
    for path in _iter_files(paths, found):
        files.append(path)
        walked.append(len(found))
    if jobs > 1 and len(files) > 1 and can_fork():
        chunk = max(1, len(files) // (jobs * 8))
        results = fork_map(_read_shared, None, files, jobs, chunksize=chunk)
    else:
        results = map(_read_file, files)
    docs: list[Document] = []
    skipped: list[Skipped] = []
    seen_ids: set[str] = set()
    done = 0  # of ``found``: each is listed where the walk met it, as when reading file by file
    for (file_docs, problem), before in zip(results, walked):
        skipped += found[done:before]
        done = before
        if problem is not None:
            log.warning("skipped: %s: %s", problem.path, problem.reason)
            skipped.append(problem)
        for doc in file_docs:
            doc_id = make_id(doc.id)
            if doc_id in seen_ids:
                doc_id = f"{doc_id}_{len(seen_ids)}"
            seen_ids.add(doc_id)
            docs.append(doc if doc_id == doc.id else replace(doc, id=doc_id))
    skipped += found[done:]
    docs.sort(key=lambda d: d.id)
    return docs, skipped


def _read_shared(_shared: None, path: Path) -> tuple[list[Document], Skipped | None]:
    return _read_file(path)


def read_document(path: str | Path) -> Document:
    """Read one file that holds one document (a ``.txt``, an article ``.md``, a ``.docx`` …).

    Raises:
        InputError: the file cannot be read, or holds several documents (a table, a digest):
            read those with :func:`read_corpus`.
    """
    path = Path(path)
    docs: list[Document] = []
    for item in iter_documents(path):
        if isinstance(item, Skipped):
            raise InputError(path, item.reason)
        docs.append(item)
    if len(docs) != 1:
        raise InputError(path, f"holds {len(docs)} documents, not one: read it with read_corpus")
    return docs[0]


def iter_documents(path: str | Path) -> Iterator[Document | Skipped]:
    """The documents of one file, and a :class:`Skipped` for each part left out, by the reader for its ending.

    A file whose ending has no reader is read as text (a folder only ever gives files with a known ending).

    Raises:
        InputError: the file as a whole cannot be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise InputError(path, f"{suffix} files are not supported ({UNSUPPORTED[suffix]})")
    return READERS.get(suffix, read_text)(path)


def _read_file(path: Path) -> tuple[list[Document], Skipped | None]:
    """A file's documents, and one Skipped that sums up what was left out of it (if anything was)."""
    docs: list[Document] = []
    parts: list[str] = []
    try:
        for item in iter_documents(path):
            if isinstance(item, Skipped):
                parts.append(item.reason)
            else:
                docs.append(item)
    except InputError as err:
        return docs, Skipped(str(path), err.problem)
    except Exception as err:  # a reader's bug must cost one file, not the build; the reason says what happened
        log.debug("reading %s failed", path, exc_info=True)
        return docs, Skipped(str(path), f"unexpected error while reading ({type(err).__name__}: {err})")
    if not docs and not parts:
        return docs, Skipped(str(path), "no document in the file")
    if not parts:
        return docs, None
    return docs, Skipped(str(path), _sum_up(parts, len(docs)), tuple(parts))


def _sum_up(parts: list[str], read: int) -> str:
    """One line for the parts of a file left out, e.g. ``row 7: empty text (the other 30 rows were read)``."""
    unit = parts[0].split(" ", 1)[0]  # row / line / item
    listed = "; ".join(parts[:_MAX_DETAILS]) + ("; …" if len(parts) > _MAX_DETAILS else "")
    if not read:
        return f"no {unit} could be read — {listed}"
    others = f"the other {read} {unit}{'s' * (read != 1)} were read" if read != 1 else f"the other {unit} was read"
    if len(parts) == 1:
        return f"{listed} ({others})"
    return f"{len(parts)} {unit}s left out — {listed} ({others})"


def _iter_files(paths: Iterable[str | Path], skipped: list[Skipped]) -> Iterator[Path]:
    """Files to read: each path given, and every file with a known ending under each folder given."""
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        info, problem = _stat(path)
        if info is None:
            skipped.append(Skipped(str(path), problem))
        elif stat.S_ISDIR(info.st_mode):
            found = list(_walk(path, info, skipped, seen, ancestors=()))
            if not found and not any(s.path.startswith(str(path)) for s in skipped):
                skipped.append(Skipped(str(path), f"folder holds no readable file ({', '.join(SUFFIXES)})"))
            yield from found
        elif _first_visit(path, info, seen):
            yield path


def _walk(folder: Path, info: os.stat_result, skipped: list[Skipped], seen: set[tuple[int, int]],
          ancestors: tuple[tuple[int, int], ...]) -> Iterator[Path]:
    """Files under ``folder`` (status ``info``) in name order, following symbolic links but never round a loop."""
    key = (info.st_dev, info.st_ino)
    if key in ancestors:
        skipped.append(Skipped(str(folder), "symbolic link loop: it leads back to a folder that contains it"))
        return
    if key in seen:
        log.info("%s: already read through another path", folder)
        return
    seen.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        skipped.append(Skipped(str(folder), f"cannot list the folder: {err.strerror or err}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files, and the temporary files of an interrupted build
        path = Path(entry.path)
        suffix = path.suffix.lower()
        if suffix not in READERS and suffix not in UNSUPPORTED and not _is_dir(entry):
            continue  # images, scripts …: not documents
        entry_info, problem = _stat(path)
        if entry_info is None:
            skipped.append(Skipped(str(path), problem))
        elif stat.S_ISDIR(entry_info.st_mode):
            yield from _walk(path, entry_info, skipped, seen, ancestors + (key,))
        elif suffix in UNSUPPORTED:
            skipped.append(Skipped(str(path), f"{suffix} files are not supported ({UNSUPPORTED[suffix]})"))
        elif _first_visit(path, entry_info, seen):
            yield path


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return True  # a link that cannot be followed: let _stat name the problem


def _stat(path: Path) -> tuple[os.stat_result | None, str]:
    """The status of ``path`` (symbolic links followed) and ``""``, or ``None`` and why it cannot be opened at all."""
    try:
        return os.stat(path), ""
    except OSError as err:
        if err.errno == errno.ELOOP:
            return None, "symbolic link loop: the link leads back to itself"
        if err.errno == errno.ENOENT and os.path.islink(path):
            return None, f"broken symbolic link (its target {os.readlink(path)} does not exist)"
        if err.errno == errno.ENOENT:
            return None, "no such file or folder"
        return None, f"cannot read: {err.strerror or err}"


def _first_visit(path: Path, info: os.stat_result, seen: set[tuple[int, int]]) -> bool:
    """False for a file (whose status is ``info``) already read through another path (a symbolic link to it)."""
    key = (info.st_dev, info.st_ino)
    if key in seen:
        log.info("%s: already read through another path", path)
        return False
    seen.add(key)
    return True
