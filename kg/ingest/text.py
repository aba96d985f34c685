"""Raw text → normalised :class:`~kg.model.Document` (pure: no I/O).

``parse_document`` strips inline HTML, unescapes entities, finds the title,
date and source in the header lines, and drops page furniture: navigation
bars, page widgets (下载 打印 字号), related-article lists, copyright footers,
editor sign-offs and spam blocks. ``normalise`` applies NFKC and converts
traditional to simplified Chinese (OpenCC ``t2s``), keeping the original
characters aligned so traditional forms can become aliases.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import replace

from kg.model import Document

__all__ = ["clean_date", "normalise", "parse_document", "to_simplified"]

_DATE = re.compile(r"(20\d\d|19\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_COMPACT_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_SOURCE = re.compile(r"来源\s*[:：]\s*([^\s|:：]{2,20})")
# Block-level tags end a line; a bare strip would glue two paragraphs into one line.
_BLOCK_TAG = re.compile(r"(?:[ \t]*<\s*(?:br|/?p|/?div|/?li|/?tr|/h[1-6]|/?section|/?article)\b[^>\n]{0,400}>)+", re.I)
_TAG = re.compile(r"<[^>\n]{0,400}>")
_BREADCRUMB = re.compile(r"\S\s*>\s*\S.*>\s*\S")
# A line from which on everything is page furniture (lists of other articles).
_TAIL_MARKERS = re.compile(
    r"^\s*(相关文章|相关阅读|相关新闻|相关报道|相关文档|推荐阅读|延伸阅读|热门推荐|热点推荐|猜你喜欢|文章排行|更多新闻|"
    r"阅读全文|上一篇|下一篇|版权声明|免责声明|以上文章来源于)"
)
# Single furniture lines: editors, tags, picture notes, reader widgets.
_FURNITURE_LINE = re.compile(
    r"^\s*[(（]?\s*(责编|责任编辑|编辑|一审|二审|三审|校对|审核|签发|标签|关注我们|我要问|返回列表|"
    r"资料图片仅供参考|图片来源|扫一扫|分享到|打印本页|关闭窗口)"
)
# Page widgets, one per line in text copied from a government site: 下载 / 打印 / 【字号： / 加大 / 】
_WIDGET_LINE = re.compile(
    r"^[【】\[\]\s:：>|×]*(下载|打印|全屏|收藏|分享|关闭|字号|字体|加大|还原|减小|默认|大|中|小|首页|您的位置|当前位置)?"
    r"[【】\[\]\s:：>|×]*$"
)
_TIMESTAMP_LINE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*(\|.*)?$")
_HEADER_LINES = 8


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


def clean_date(value: str) -> str:
    """``YYYY-MM-DD`` from a date written any common way, or ``""``.

    Example:
        >>> clean_date("2026年2月5日"), clean_date("20220924"), clean_date("soon")
        ('2026-02-05', '2022-09-24', '')
    """
    match = _DATE.search(value) or _COMPACT_DATE.search(value)
    if not match:
        return ""
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_document(raw: str, *, doc_id: str, path: str = "", title: str = "", date: str = "",
                   source: str = "") -> Document:
    """Turn raw text into a normalised :class:`Document` (pure: no I/O).

    Args:
        raw: the text as read, possibly with inline HTML and a header of title/date/source lines.
        doc_id: the document's id.
        path: the file it came from, for provenance.
        title, date, source: known metadata (a CSV column, an HTML page's ``<title>``);
            each takes precedence over what the header lines say.

    Example:
        >>> doc = parse_document("數字政府\\n2022-06-24 來源: 新華社\\n正文。", doc_id="d")
        >>> doc.title, doc.date, doc.source, doc.text
        ('数字政府', '2022-06-24', '新华社', '正文。')
    """
    text = _BLOCK_TAG.sub("\n", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = unicodedata.normalize("NFKC", html.unescape(_TAG.sub("", text)))
    # Furniture is recognised on the simplified text; the kept lines keep their original form.
    # One OpenCC call for the whole text (phrases never cross a line break), per line only if
    # the conversion changed the length and the lines no longer pair up.
    originals = [line.strip() for line in text.split("\n")]
    simplified = to_simplified(text)
    if len(simplified) == len(text):
        lines = list(zip((line.strip() for line in simplified.split("\n")), originals))
    else:
        lines = [(to_simplified(line), line) for line in originals]
    known_title = to_simplified(unicodedata.normalize("NFKC", title.strip()))
    found_title, found_date, found_source, start = _split_header([simple for simple, _ in lines], known_title)
    title = known_title or found_title
    body = lines[start:]
    while body and body[0][0] in (title, found_title) and body[0][0]:
        body = body[1:]
    kept = _strip_furniture(body)
    original = "\n".join(orig for _, orig in kept)
    simple = "\n".join(line for line, _ in kept)
    return Document(id=doc_id, title=to_simplified(title), date=clean_date(date) or found_date,
                    source=to_simplified(unicodedata.normalize("NFKC", source.strip() or found_source)),
                    text=simple, path=path, original=original if len(original) == len(simple) else "")


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


def _split_header(lines: list[str], known_title: str = "") -> tuple[str, str, str, int]:
    """Title, date and source from the first lines, and where the body starts.

    With a ``known_title`` a line is taken as the title only if it repeats (part of) it;
    any other line of title length starts the body.
    """
    title = date = source = ""
    start = looked = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        if _WIDGET_LINE.match(line):
            start = i + 1  # page widgets sit above the title: never body, never a title
            continue
        looked += 1
        if looked > _HEADER_LINES:
            break
        if not date and (m := _DATE.search(line)) and len(line) < 60:
            date = clean_date(m.group(0))
        if not source and (m := _SOURCE.search(line)) and len(line) < 80:
            source = m.group(1)
        if _is_meta_line(line):
            start = i + 1
            continue
        if len(line) > 60 or "。" in line:
            break  # the body has begun: a title never comes after it
        if not title and len(line) >= 4 and (not known_title or line in known_title or known_title in line):
            title = line
            start = i + 1
            continue
        if title or (known_title and len(line) >= 4):
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
        if line and _WIDGET_LINE.match(line):
            continue
        if _BREADCRUMB.search(line) and len(line) < 60:
            continue
        kept.append((line, original))
    while kept and not kept[-1][0]:
        kept.pop()
    return kept
