"""Readers of plain text and Markdown (``.txt``, ``.md``).

A ``.txt`` file is one document. A ``.md`` file is one document too — an
article whose sections are numbered (``### （一）总体要求``) stays whole, so a
short title defined in its first section still names the policy in its last —
unless it is a *digest*: two or more ``###`` headings, most of them plain
headlines rather than numbered sections. That is the shape of the CCTV
《新闻联播》 transcripts (``# 《新闻联播》 (20220924)``, ``## 新闻摘要``,
``### headline`` × 15), where each ``###`` section is a separate news item
about a different place: read as one document, the day's fifteen provinces
would blur the "home region" that resolves 市政府 / 省委 and every fact would
cite the whole broadcast. So each item becomes the document ``<stem>-<n>``
(n = 1, 2, …) titled by its headline and dated from the file's ``#`` title or
name; the text before the first item (the summary that lists the headlines)
is kept as ``<stem>-0``, so nothing in the file goes unread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path

from kg.errors import InputError
from kg.ingest.base import MAX_TEXT_BYTES, read_bytes, row_skip
from kg.ingest.decode import decode_text
from kg.ingest.text import clean_date, parse_document
from kg.model import Document, Skipped

__all__ = ["markdown_to_text", "read_markdown", "read_text", "split_digest"]

# A heading is one to six # at the start of a line. The pattern starts with the first # and looks behind it for
# the line start, rather than trying ^ at every character: the regex engine then skips from one # to the next.
_HEADING = re.compile(r"(#(?<=^#)#{0,5})[ \t]+(.*?)[ \t#]*$", re.M)
# numbered section headings of policy texts and reports: 一、 （一） (1) 1. 1、 第一章 / 第二条
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)*[.、\s]|"
                       r"第[一二三四五六七八九十百\d]+[章节条部分篇])")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_EMPHASIS = re.compile(r"\*\*|__|~~|`")
_EMPHASIS_CHARS = "*_~`"  # a text the pattern matches holds one of them
# The other line patterns start with the line break before the line, for the same reason: markdown_to_text
# puts one before the first line too.
_LIST_MARK = re.compile(r"\n[ \t]*(?:[-*+][ \t]+|>[ \t]?)")
# a rule (---, ***, ___, a ``` fence) or a table's rule (|---|:--|), in one pass
_RULE = re.compile(r"\n[ \t]*(?:-{3,}|\*{3,}|_{3,}|```.*|\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?)[ \t]*$",
                   re.M)
_TABLE_ROW = re.compile(r"\n([^\S\n]*\|.*)")
# Every character the patterns above need (keep it in step with them): text without any is plain already.
_MARKUP = re.compile(r"[#*_~`|!\[+>-]")


def read_text(path: Path) -> Iterator[Document]:
    """A ``.txt`` file as one document (UTF-8 with or without BOM, GB18030/GBK, Big5, UTF-16)."""
    text = decode_text(read_bytes(path, limit=MAX_TEXT_BYTES, kind="text document"), path)
    yield check_text(parse_document(text, doc_id=path.stem, path=str(path)), path)


def read_markdown(path: Path) -> Iterator[Document | Skipped]:
    """A ``.md`` file as one document, or a digest as one document per ``###`` item (see the module docstring)."""
    markdown = decode_text(read_bytes(path, limit=MAX_TEXT_BYTES, kind="Markdown document"), path)
    sections = split_digest(markdown)
    if sections is None:
        yield check_text(parse_document(markdown_to_text(markdown), doc_id=path.stem, path=str(path)), path)
        return
    title = _HEADING.search(markdown)
    stem, name = path.stem, str(path)
    date = clean_date(title.group(2) if title and title.group(1) == "#" else "") or clean_date(stem)
    for n, (heading, body) in enumerate(sections):
        if n == 0 and not _HEADING.sub("", body).strip():
            continue  # nothing before the first item but the file's headings
        doc = parse_document(markdown_to_text(body), doc_id=f"{stem}-{n}", path=name,
                             title=markdown_to_text(heading), date=date)
        if doc.text.strip():
            yield doc
        else:
            yield row_skip(path, f"item {n} ({heading[:30]})", "no text left after removing page furniture")


def split_digest(markdown: str) -> list[tuple[str, str]] | None:
    """``[(heading, text), …]`` for a digest — item 0 is what comes before the first ``###`` — or ``None``.

    Example:
        >>> split_digest("# 新闻 (20220924)\\n### 甲地开会\\n甲。\\n### 乙地通车\\n乙。")
        [('新闻 (20220924)', '# 新闻 (20220924)\\n'), ('甲地开会', '甲。'), ('乙地通车', '乙。')]
        >>> split_digest("# 意见\\n### （一）总体要求\\n甲。\\n### （二）主要任务\\n乙。") is None
        True
    """
    headings = list(_HEADING.finditer(markdown))
    items = [h for h in headings if len(h.group(1)) == 3]
    if len(items) < 2 or sum(bool(_NUMBERED.match(h.group(2))) for h in items) * 2 > len(items):
        return None
    first = headings[0]
    sections = [(first.group(2) if first.start() == 0 or not markdown[: first.start()].strip() else "",
                 markdown[: items[0].start()])]
    # an item runs to the next item: a ## heading after the last one stays in it, so nothing is dropped
    for item, end in zip(items, [h.start() for h in items[1:]] + [len(markdown)]):
        sections.append((item.group(2), markdown[item.end(): end].strip("\n")))
    return sections


def markdown_to_text(markdown: str) -> str:
    """Markdown → plain lines: heading marks, emphasis, links, images, list marks and rules removed.

    Inline HTML and entities are left for :func:`~kg.ingest.text.parse_document`, which strips and unescapes them.

    Example:
        >>> markdown_to_text("## 标题\\n**央视网消息**：见[通知](http://x)。\\n- 一项")
        '标题\\n央视网消息：见通知。\\n一项'
    """
    if not _MARKUP.search(markdown):
        return markdown  # a headline, say: nothing to remove
    text = "\n" + markdown
    # a search for a character is much quicker than the regex engine's scan: passes whose marks are missing are skipped
    if "#" in text:
        text = _HEADING.sub(itemgetter(2), text)  # itemgetter(n)(match) is group n, without a Python call per match
    text = _LINK.sub(itemgetter(1), _IMAGE.sub("", _RULE.sub("\n", text)))
    if any(char in text for char in _EMPHASIS_CHARS):
        text = _EMPHASIS.sub("", text)
    text = _LIST_MARK.sub("\n", text)
    if "|" in text:
        # table rows | a | b | would read as spam (many bars): keep the cells, spaced
        text = _TABLE_ROW.sub(lambda m: "\n" + _table_row(m.group(1)), text)
    return text[1:]


def _table_row(line: str) -> str:
    return "  ".join(cell.strip() for cell in line.strip().strip("|").split("|"))


def check_text(doc: Document, path: Path) -> Document:
    """``doc``, unless furniture removal left it empty.

    Raises:
        InputError: no text left.
    """
    if not doc.text.strip():
        raise InputError(path, "no text left after removing page furniture")
    return doc
