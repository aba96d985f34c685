"""What every reader shares: size limits, the one place files are opened, ids.

A reader is ``(path) -> Iterator[Document | Skipped]``: it yields the
documents of one file and a :class:`~kg.model.Skipped` for each part of the
file (a CSV row, a JSON line) it had to leave out, and raises
:class:`~kg.errors.InputError` when the file as a whole cannot be read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.model import Document, Skipped

__all__ = ["MAX_PACKAGE_BYTES", "MAX_TEXT_BYTES", "Reader", "format_size", "make_id", "open_binary", "read_bytes",
           "row_skip"]

#: Largest text file (.txt, .md, .html) read as one document, and the largest
#: CSV field or JSON line. 16 MiB of UTF-8 is about 5.5 million Chinese
#: characters, some 150 government work reports in one document: anything
#: larger is a corpus saved as one file and is better split (or saved as .jsonl,
#: one document a line, which is streamed with no limit on the file's size).
MAX_TEXT_BYTES = 16 * 2**20
#: Largest .docx / .pdf: these carry images, so the file is allowed to be much
#: larger than its text; the extracted text is then held to MAX_TEXT_BYTES.
MAX_PACKAGE_BYTES = 256 * 2**20
_NOT_IN_ID = re.compile(r"[^\w.-]+")

Reader = Callable[[Path], Iterator[Document | Skipped]]


def format_size(size: int) -> str:
    """Human-readable size in binary units.

    Example:
        >>> format_size(16 * 2**20), format_size(104_857_600 + 1), format_size(12)
        ('16 MiB', '100.0 MiB', '12 bytes')
    """
    if size < 1024:
        return f"{size} bytes"
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"  # unreachable: the loop ends at KiB


def open_binary(path: Path) -> BinaryIO:
    """Open ``path`` for reading bytes; the single place readers open files.

    Raises:
        InputError: the file cannot be opened (permission denied, vanished, a folder).
    """
    try:
        return path.open("rb")
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from err


def read_bytes(path: Path, *, limit: int, kind: str) -> bytes:
    """The whole file, if it is no larger than ``limit`` bytes.

    Raises:
        InputError: unreadable, too large (the message names the limit) or empty.
    """
    with open_binary(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        try:
            # its size and one byte more, to see whether it grew (a read of limit + 1 bytes would take a buffer
            # of that size for every file)
            data = fh.read(size + 1) if size <= limit else b""
            if len(data) > size:
                # it grew, or the file system does not know its size (a pipe): read on, to limit + 1 bytes at most
                data += fh.read(limit + 1 - len(data))
        except OSError as err:
            raise InputError(path, f"cannot read: {err.strerror or err}") from err
    if size > limit or len(data) > limit:
        raise InputError(path, f"file too large: {format_size(max(size, len(data)))}, over the {format_size(limit)} "
                               f"limit for one {kind} (split it into smaller files, or save it as .jsonl, "
                               f"one document a line)")
    if not data.strip():
        raise InputError(path, "empty file")
    return data


def make_id(raw: str) -> str:
    """A document id safe inside an IRI: word characters (any script), ``.`` and ``-``.

    Example:
        >>> make_id("2026 江西省/政府工作报告"), make_id("??")
        ('2026_江西省_政府工作报告', 'doc')
    """
    return _NOT_IN_ID.sub("_", raw.strip()).strip("_") or "doc"


def row_skip(path: Path, where: str, reason: str) -> Skipped:
    """A part of a file (``where``: "row 7", "line 12") that was left out."""
    return Skipped(str(path), f"{where}: {reason}")
