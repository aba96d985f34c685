"""Readers of corpora saved as tables: ``.csv``, ``.tsv`` and ``.jsonl``.

Every row (every JSON line) with text is a document. Its id is the ``id``
column when there is one, else ``<file stem>-<row number>`` (rows counted
from 1 after the header; JSON lines counted from 1). Columns are found by
name, case-insensitively: the text in the first of :data:`TEXT_FIELDS`, and
optionally title, date and source. Rows are streamed — the file is never read
whole — so a corpus of any size can be one file; one field (one JSON line)
may hold up to :data:`~kg.ingest.base.MAX_TEXT_BYTES`.

A row that cannot be read (cut off, malformed, no text) is left out with a
:class:`~kg.model.Skipped` naming its row; the other rows are still read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from kg.errors import InputError
from kg.ingest.base import MAX_TEXT_BYTES, format_size, make_id, open_binary, row_skip
from kg.ingest.decode import detect_encoding
from kg.ingest.text import parse_document
from kg.model import Document, Skipped

__all__ = ["DATE_FIELDS", "ID_FIELDS", "SOURCE_FIELDS", "TEXT_FIELDS", "TITLE_FIELDS", "read_csv", "read_jsonl",
           "read_tsv"]

TEXT_FIELDS = ("text", "content", "full_text", "body", "正文", "内容")
TITLE_FIELDS = ("title", "标题")
DATE_FIELDS = ("date", "publish_date", "日期")
SOURCE_FIELDS = ("source", "来源", "source_url")
ID_FIELDS = ("id",)
_SAMPLE = 64 * 1024


def read_csv(path: Path, *, delimiter: str = ",") -> Iterator[Document | Skipped]:
    """One document per row of a CSV file with a header.

    Raises:
        InputError: unreadable, empty, or no text column.
    """
    # rdflib and friends leave the default 128 KiB: a government work report is longer
    csv.field_size_limit(max(csv.field_size_limit(), MAX_TEXT_BYTES))
    with open_binary(path) as raw:
        encoding = detect_encoding(raw.read(_SAMPLE), path)
        raw.seek(0)
        stream = io.TextIOWrapper(raw, encoding=encoding, newline="")
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        header = _read_header(reader, path, encoding)
        fields = _find_fields(header)
        if "text" not in fields:
            raise InputError(path, _no_text(header, "column"))
        number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                number += 1
                yield row_skip(path, f"row {number} (line {reader.line_num})", _csv_problem(err))
                continue
            except (UnicodeDecodeError, OSError) as err:
                yield row_skip(path, f"row {number + 1} (line {reader.line_num + 1})",
                               f"{_stream_problem(err, encoding)}; the rest of the file was not read")
                break
            if not any(field.strip() for field in row):
                continue  # a blank line
            number += 1
            if len(row) != len(header):
                yield row_skip(path, f"row {number} (line {reader.line_num})",
                               f"{len(row)} fields where the header has {len(header)} (cut off or malformed)")
                continue
            yield _to_document(dict(zip(header, row)), fields, path, number, f"row {number} (line {reader.line_num})")


def read_tsv(path: Path) -> Iterator[Document | Skipped]:
    """Like :func:`read_csv`, tab-separated."""
    return read_csv(path, delimiter="\t")


def read_jsonl(path: Path) -> Iterator[Document | Skipped]:
    """One document per line of a JSON Lines file (one JSON object a line).

    Raises:
        InputError: unreadable or empty.
    """
    with open_binary(path) as raw:
        encoding = detect_encoding(raw.read(_SAMPLE), path)
        raw.seek(0)
        stream = io.TextIOWrapper(raw, encoding=encoding)
        seen_any = False
        for number, line, problem in _read_lines(stream, encoding):
            where = f"line {number}"
            if problem:
                yield row_skip(path, where, problem)
                continue
            if not line.strip():
                continue
            seen_any = True
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                cut = "" if line.endswith("\n") else "; cut off: the file ends in the middle of this line"
                yield row_skip(path, where, f"not valid JSON ({err.msg}: column {err.colno}){cut}")
                continue
            if not isinstance(record, dict):
                yield row_skip(path, where, f"a JSON {type(record).__name__}, not an object")
                continue
            fields = _find_fields(list(record))
            if "text" not in fields:
                yield row_skip(path, where, _no_text(list(record), "field"))
                continue
            yield _to_document(record, fields, path, number, where)
        if not seen_any:
            raise InputError(path, "empty file")


def _read_header(reader, path: Path, encoding: str) -> list[str]:
    try:
        header = next(reader, None)
    except (csv.Error, UnicodeDecodeError, OSError) as err:
        problem = _csv_problem(err) if isinstance(err, csv.Error) else _stream_problem(err, encoding)
        raise InputError(path, f"cannot read the header: {problem}") from err
    if not header or not any(name.strip() for name in header):
        raise InputError(path, "empty file")
    return [name.strip().lstrip("\ufeff") for name in header]


def _find_fields(names: list[str]) -> dict[str, str]:
    """role (text, title, date, source, id) → the column or key that holds it, for the roles found."""
    by_name = {name.strip().lower(): name for name in names}
    fields = {}
    for role, wanted in (("text", TEXT_FIELDS), ("title", TITLE_FIELDS), ("date", DATE_FIELDS),
                         ("source", SOURCE_FIELDS), ("id", ID_FIELDS)):
        found = next((by_name[w] for w in wanted if w in by_name), None)
        if found is not None:
            fields[role] = found
    return fields


def _no_text(names: list[str], kind: str) -> str:
    there = ", ".join(names) or "none"
    return f"no text {kind} ({kind}s: {there}; the text {kind} is one of: {', '.join(TEXT_FIELDS)})"


def _to_document(record: Mapping[str, object], fields: dict[str, str], path: Path, number: int,
                 where: str) -> Document | Skipped:
    text = record.get(fields["text"])
    if text is not None and not isinstance(text, str):
        return row_skip(path, where, f"{fields['text']} is a {type(text).__name__}, not text")
    if not text or not text.strip():
        return row_skip(path, where, f"empty {fields['text']}")

    def value(role: str) -> str:
        found = record.get(fields[role]) if role in fields else None
        return "" if found is None or isinstance(found, (dict, list)) else str(found)

    doc_id = make_id(value("id")) if value("id").strip() else f"{path.stem}-{number}"
    doc = parse_document(text, doc_id=doc_id, path=str(path), title=value("title"), date=value("date"),
                         source=value("source"))
    if not doc.text.strip():
        return row_skip(path, where, "no text left after removing page furniture")
    return doc


def _read_lines(stream: io.TextIOBase, encoding: str) -> Iterator[tuple[int, str, str]]:
    """(number, line, problem) for each line, reading no line longer than the limit into memory.

    A decoding or read error ends the lines: where the stream stands after it is unknown.
    """
    number = 0
    while True:
        number += 1
        try:
            line = stream.readline(MAX_TEXT_BYTES + 1)
            if len(line) > MAX_TEXT_BYTES and not line.endswith("\n"):
                while (more := stream.readline(MAX_TEXT_BYTES)) and not more.endswith("\n"):
                    pass  # skip the rest of the over-long line, a chunk at a time
                yield number, "", f"longer than the {format_size(MAX_TEXT_BYTES)} limit for one document"
                continue
        except (UnicodeDecodeError, OSError) as err:
            yield number, "", f"{_stream_problem(err, encoding)}; the rest of the file was not read"
            return
        if not line:
            return
        yield number, line, ""


def _csv_problem(err: csv.Error) -> str:
    message = str(err)
    if message == "unexpected end of data":
        return "cut off: the file ends inside a quoted field"
    if message.startswith("field larger than field limit"):
        return f"a field over the {format_size(MAX_TEXT_BYTES)} limit for one document"
    return f"malformed CSV ({message})"


def _stream_problem(err: Exception, encoding: str) -> str:
    if isinstance(err, UnicodeDecodeError):
        return f"cannot decode as {encoding} ({err.reason})"
    return f"cannot read: {getattr(err, 'strerror', None) or err}"
