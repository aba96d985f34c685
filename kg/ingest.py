"""Ingest: paths → documents, and normalisation of a document's text.

``read_corpus`` walks files and folders and returns the documents it could read
plus a :class:`~kg.model.Skipped` record for each file it could not.
``normalise`` applies NFKC, converts traditional to simplified Chinese
(OpenCC ``t2s``) and drops page furniture: navigation bars, related-article
lists, copyright footers, editor sign-offs and spam blocks.
"""

from __future__ import annotations

import functools
import html
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from kg.errors import InputError
from kg.model import Document, Skipped

__all__ = ["SUFFIXES", "normalise", "read_corpus", "read_document", "parse_document", "to_simplified"]

log = logging.getLogger(__name__)

#: File endings read as documents; anything else in a folder is skipped.
SUFFIXES = (".txt", ".md", ".text")

_DATE = re.compile(r"(20\d\d|19\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_SOURCE = re.compile(r"来源\s*[:：]\s*([^\s|:：]{2,20})")
_TAG = re.compile(r"<[^>\n]{0,400}>")
_BREADCRUMB = re.compile(r"\S\s*>\s*\S.*>\s*\S")
# A line from which on everything is page furniture (lists of other articles).
_TAIL_MARKERS = re.compile(
    r"^\s*(相关文章|相关阅读|相关新闻|推荐阅读|延伸阅读|热门推荐|热点推荐|猜你喜欢|文章排行|更多新闻|"
    r"阅读全文|上一篇|下一篇|版权声明|免责声明|以上文章来源于)"
)
# Single furniture lines: editors, tags, picture notes, reader widgets.
_FURNITURE_LINE = re.compile(
    r"^\s*[(（]?\s*(责编|责任编辑|编辑|一审|二审|三审|校对|审核|签发|标签|关注我们|我要问|返回列表|"
    r"资料图片仅供参考|图片来源|扫一扫|分享到|打印本页|关闭窗口)"
)
_TIMESTAMP_LINE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*(\|.*)?$")


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese with OpenCC's ``t2s`` profile.

    Example:
        >>> to_simplified("數字政府")
        '数字政府'
    """
    return _converter().convert(text)


def read_corpus(paths: Iterable[str | Path]) -> tuple[list[Document], list[Skipped]]:
    """Read every document under ``paths`` (files or folders, recursively).

    Returns the documents, sorted by id, and what was skipped with the reason.
    A path that does not exist or a file that cannot be decoded is skipped,
    not raised, so the rest of the corpus still builds.
    """
    docs: list[Document] = []
    skipped: list[Skipped] = []
    seen_ids: set[str] = set()
    for path in _iter_files(paths, skipped):
        try:
            doc = read_document(path)
        except InputError as err:
            log.warning("%s", err)
            skipped.append(Skipped(str(path), err.problem))
            continue
        if doc.id in seen_ids:
            doc = replace(doc, id=f"{doc.id}_{len(seen_ids)}")
        seen_ids.add(doc.id)
        docs.append(doc)
    docs.sort(key=lambda d: d.id)
    return docs, skipped


def _iter_files(paths: Iterable[str | Path], skipped: list[Skipped]) -> Iterable[Path]:
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            skipped.append(Skipped(str(path), "no such file or folder"))
            continue
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            readable = [p for p in files if p.suffix.lower() in SUFFIXES]
            if not readable:
                skipped.append(Skipped(str(path), f"folder holds no {'/'.join(SUFFIXES)} file"))
            yield from readable
        else:
            yield path


def read_document(path: str | Path) -> Document:
    """Read and normalise one file.

    Raises:
        InputError: the file is binary, empty or not valid UTF-8 / GB18030.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from err
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    text = _decode(data, path)
    if not text.strip():
        raise InputError(path, "empty file")
    doc = parse_document(text, doc_id=path.stem, path=str(path))
    if not doc.text.strip():
        raise InputError(path, "no text left after removing page furniture")
    return doc


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(path, "cannot decode as UTF-8 or GB18030")


def parse_document(raw: str, *, doc_id: str, path: str = "") -> Document:
    """Turn raw text into a normalised :class:`Document` (pure: no I/O).

    Example:
        >>> doc = parse_document("數字政府\\n2022-06-24 來源: 新華社\\n正文。", doc_id="d")
        >>> doc.title, doc.date, doc.source, doc.text
        ('数字政府', '2022-06-24', '新华社', '正文。')
    """
    text = unicodedata.normalize("NFKC", html.unescape(_TAG.sub("", raw.replace("\r\n", "\n"))))
    # Furniture is recognised on the simplified text; the kept lines keep their original form.
    lines = [(to_simplified(line.strip()), line.strip()) for line in text.split("\n")]
    title, date, source, start = _split_header([simple for simple, _ in lines])
    body = [pair for pair in lines[start:]]
    while body and body[0][0] == title:
        body = body[1:]
    original = "\n".join(orig for _, orig in _strip_furniture(body))
    doc = Document(id=doc_id, title=title, date=date, source=source, text=original, path=path)
    return normalise(doc)


def normalise(doc: Document) -> Document:
    """NFKC + traditional→simplified; idempotent.

    Example:
        >>> normalise(Document(id="d", text="國務院印發")).text
        '国务院印发'
    """
    original = unicodedata.normalize("NFKC", doc.original or doc.text)
    text = to_simplified(original)
    aligned = original if len(original) == len(text) else ""
    return replace(
        doc,
        title=to_simplified(unicodedata.normalize("NFKC", doc.title)),
        source=to_simplified(unicodedata.normalize("NFKC", doc.source)),
        text=text,
        original=aligned,
    )


def _split_header(lines: list[str]) -> tuple[str, str, str, int]:
    """Title, date and source from the first lines, and where the body starts."""
    title = date = source = ""
    start = 0
    for i, line in enumerate(lines[:8]):
        if not line:
            continue
        if not date and (m := _DATE.search(line)) and len(line) < 60:
            date = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        if not source and (m := _SOURCE.search(line)) and len(line) < 80:
            source = m.group(1)
        if _is_meta_line(line):
            start = i + 1
            continue
        if len(line) > 60 or "。" in line:
            break  # the body has begun: a title never comes after it
        if not title and len(line) >= 4:
            title = line
            start = i + 1
            continue
        if title:
            break
    return title, date, source, start


def _is_meta_line(line: str) -> bool:
    return bool(
        _TIMESTAMP_LINE.match(line)
        or _BREADCRUMB.search(line)
        or _is_nav_line(line)
        or ((_DATE.search(line) or _SOURCE.search(line)) and len(line) < 60 and "。" not in line)
    )


def _is_nav_line(line: str) -> bool:
    tokens = line.split()
    return len(tokens) >= 4 and all(len(t) <= 4 for t in tokens) and not re.search(r"[,。;:!?、]", line)


def _is_spam_line(line: str) -> bool:
    # keyword-stuffed link farms: many short segments separated by | or ｜
    return line.count("|") + line.count("｜") >= 4


def _strip_furniture(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop furniture lines; ``lines`` are (simplified, original) pairs."""
    kept: list[tuple[str, str]] = []
    for line, original in lines:
        # a list of other articles ends the article, unless it is the page's navigation (nothing read yet)
        if _TAIL_MARKERS.match(line) and any(k for k, _ in kept):
            break
        if _is_spam_line(line) or _FURNITURE_LINE.match(line) or _TIMESTAMP_LINE.match(line):
            continue
        if _BREADCRUMB.search(line) and len(line) < 60:
            continue
        kept.append((line, original))
    while kept and not kept[-1][0]:
        kept.pop()
    return kept
