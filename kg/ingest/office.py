"""Readers of office documents: ``.docx`` (python-docx) and ``.pdf`` (pypdf).

Both are one document per file. The text goes through the same header and
furniture rules as a ``.txt`` file; the file's own title property is used when
the first lines give none. A PDF must have a text layer: a scanned PDF (page
images only) is skipped with that reason, as there is nothing to read without OCR.
"""

from __future__ import annotations

import os
import re
import statistics
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from kg.errors import InputError
from kg.ingest.base import MAX_PACKAGE_BYTES, MAX_TEXT_BYTES, format_size, open_binary
from kg.ingest.plain import check_text
from kg.ingest.text import normalise, parse_document
from kg.model import Document

__all__ = ["join_wrapped_lines", "read_docx", "read_pdf"]

_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
_LINE_END = tuple("。！？；：!?;:”’」』）)")


def read_docx(path: Path) -> Iterator[Document]:
    """A Word ``.docx`` file: paragraphs and table rows in document order.

    Raises:
        InputError: too large, truncated or not a .docx, or no text in it.
    """
    import docx

    with open_binary(path) as fh:
        _check_size(path, fh)
        try:
            document = docx.Document(fh)
            lines = list(_docx_lines(document))
            core_title = document.core_properties.title or ""
        except Exception as err:  # any failure of the parser means the file is damaged or not a .docx
            raise InputError(path, f"not a readable .docx (truncated or corrupt? {_describe(err)})") from err
    yield _finish(path, "\n".join(lines), core_title, "the .docx has no text")


def read_pdf(path: Path) -> Iterator[Document]:
    """A PDF with a text layer; lines wrapped by the layout are joined again.

    Raises:
        InputError: too large, truncated or not a PDF, encrypted, or no text layer.
    """
    from pypdf import PdfReader

    with open_binary(path) as fh:
        _check_size(path, fh)
        try:
            reader = PdfReader(fh)
            locked = reader.is_encrypted and not reader.decrypt("")
            pages = [] if locked else [page.extract_text() or "" for page in reader.pages]
            meta_title = "" if locked else (reader.metadata.title if reader.metadata else None) or ""
        except Exception as err:  # any failure of the parser means the file is damaged or not a PDF
            raise InputError(path, f"not a readable PDF (truncated or corrupt? {_describe(err)})") from err
    if locked:
        raise InputError(path, "encrypted PDF (it needs a password)")
    if not any(page.strip() for page in pages):
        raise InputError(path, f"PDF has no text layer ({len(pages)} page{'s' * (len(pages) != 1)} of images "
                               "only?): nothing to read without OCR")
    text = "\n".join(join_wrapped_lines(_CJK_GAP.sub("", page)) for page in pages)
    yield _finish(path, text, str(meta_title), "the PDF has no text")


def join_wrapped_lines(text: str) -> str:
    """Join lines that the page layout broke, keeping real line ends.

    A line as long as the page's full lines that does not end a sentence was
    wrapped; short lines (titles, the last line of a paragraph) end where they end.

    Example:
        >>> join_wrapped_lines("标题\\n第一行写满了整整一行的文字\\n接着写完。\\n下一段也写满了整整一行文字\\n完。")
        '标题\\n第一行写满了整整一行的文字接着写完。\\n下一段也写满了整整一行文字完。'
    """
    lines = [line.rstrip() for line in text.split("\n")]
    lengths = [len(line) for line in lines if line]
    if len(lengths) < 3:
        return "\n".join(lines)
    full = statistics.quantiles(lengths, n=10)[-1] if len(lengths) >= 10 else max(lengths)
    out: list[str] = []
    glue = False
    for line in lines:
        if glue and out:
            out[-1] += line.lstrip()
        else:
            out.append(line)
        glue = bool(line) and len(line) >= 0.85 * full and not line.endswith(_LINE_END)
    return "\n".join(out)


def _docx_lines(document) -> Iterator[str]:
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):  # a table: one line per row, merged cells once
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    if cell.text.strip() and (not cells or cell.text.strip() != cells[-1]):
                        cells.append(cell.text.strip())
                yield "  ".join(cells)
        else:
            yield block.text


def _check_size(path: Path, fh) -> None:
    size = os.fstat(fh.fileno()).st_size
    if size > MAX_PACKAGE_BYTES:
        raise InputError(path, f"file too large: {format_size(size)}, over the {format_size(MAX_PACKAGE_BYTES)} "
                               f"limit for a {path.suffix.lower()} file")
    if size == 0:
        raise InputError(path, "empty file")


def _finish(path: Path, text: str, file_title: str, empty: str) -> Document:
    if not text.strip():
        raise InputError(path, empty)
    if len(text) > MAX_TEXT_BYTES:
        raise InputError(path, f"text too long: {len(text):,} characters, over the limit of {MAX_TEXT_BYTES:,} for "
                               "one document (split the file)")
    doc = check_text(parse_document(text, doc_id=path.stem, path=str(path)), path)
    if not doc.title and file_title.strip() and not file_title.lower().startswith("microsoft"):
        doc = normalise(replace(doc, title=file_title.strip()))
    return doc


def _describe(err: Exception) -> str:
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
