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
# Block-level tags end a line; a bare strip would glue two paragraphs into one line. A run of them is one
# break. The pattern starts with "<" so that the regex engine can skip to it: blanks before a run are left
# for the line strip.
_BLOCK = r"<\s*(?:br|/?p|/?div|/?li|/?tr|/h[1-6]|/?section|/?article)\b[^>\n]{0,400}>"
_BLOCK_TAGS = re.compile(rf"{_BLOCK}(?:[ \t]*{_BLOCK})*", re.I)
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
# The three above in one pattern (for lines with text: a widget line may be empty), and with the tail markers first,
# so that a line costs one regex call.
_FURNITURE = re.compile("|".join(f"(?:{p.pattern})" for p in (_FURNITURE_LINE, _WIDGET_LINE, _TIMESTAMP_LINE)))
_TAIL_OR_FURNITURE = re.compile(f"(?P<tail>{_TAIL_MARKERS.pattern})|{_FURNITURE.pattern}")
_HEADER_LINES = 8
# full-width punctuation of Chinese sentences, and the NFKC form of each
_SENTENCE_PUNCTUATION = tuple((char, unicodedata.normalize("NFKC", char)) for char in "，：；（）！？\u3000")


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _convertible() -> re.Pattern[str]:
    """A character that OpenCC's ``t2s`` may change or refuse: text without one comes out of it as it went in.

    Those are the characters its dictionaries change (:mod:`kg.ingest.t2s_chars`), lone surrogates (which
    OpenCC's UTF-8 input rejects: the error is kept) and, being rare, all characters beyond the BMP. With
    another OpenCC version than the list was made from, any character.
    """
    import opencc

    from kg.ingest.t2s_chars import CHANGED, OPENCC_VERSION

    if opencc.__version__ != OPENCC_VERSION:
        return re.compile(".", re.S)
    return re.compile(f"[{CHANGED}\ud800-\udfff\U00010000-\U0010ffff]")


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese with OpenCC's ``t2s`` profile.

    Text without a character the conversion may change is returned as it is, a quick search instead of the
    conversion, which costs much more: most text in simplified Chinese has none.

    Example:
        >>> to_simplified("數字政府")
        '数字政府'
    """
    return _converter().convert(text) if _convertible().search(text) else text


@functools.lru_cache(maxsize=1024)  # the items of a digest, the rows of a table share their dates
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
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _BLOCK_TAGS.sub("\n", raw)
    # Furniture is recognised on the simplified lines; the kept lines keep their original form.
    normalised = _nfkc(html.unescape(_TAG.sub("", text)))
    originals, lines = _split_lines(normalised)
    given_title = _nfkc(title.strip())
    known_title = to_simplified(given_title)
    found_title, found_date, found_source, start = _split_header(lines, known_title)
    title = known_title or found_title
    while start < len(lines) and lines[start] and lines[start] in (title, found_title):
        start += 1
    # spam lines need bars and breadcrumb trails two > (NFKC made ｜ and ＞ of them): a text without
    # them has neither, as most have not
    kept = _strip_furniture(lines, start, bars="|" in normalised, trails=normalised.count(">") >= 2)
    simple = "\n".join([lines[i] for i in kept])
    original = simple if originals is lines else "\n".join([originals[i] for i in kept])
    if not known_title or known_title != given_title:
        # once more through OpenCC, unless it is a known title the first pass left unchanged (a second would too)
        title = to_simplified(title)
    return Document(id=doc_id, title=title, date=clean_date(date) or found_date,
                    source=to_simplified(_nfkc(source.strip() or found_source)),
                    text=simple, path=path, original=original if len(original) == len(simple) else "")


def normalise(doc: Document) -> Document:
    """NFKC + traditional→simplified; idempotent.

    Example:
        >>> normalise(Document(id="d", text="國務院印發")).text
        '国务院印发'
    """
    original = _nfkc(doc.original or doc.text)
    text = to_simplified(original)
    aligned = original if len(original) == len(text) else ""
    return replace(
        doc,
        title=to_simplified(_nfkc(doc.title)),
        source=to_simplified(_nfkc(doc.source)),
        text=text,
        original=aligned,
    )


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, many times quicker on Chinese text.

    NFKC is slow on any text it has to change, and Chinese text nearly always has
    something to change: ，（）：； are full-width forms. Each such character is first
    replaced by its own NFKC form, which leaves the text's compatibility decomposition
    (and so its NFKC form) as it was; the closing call then finds the text normalised
    at once, or normalises what is left, such as combining marks, as before. The
    punctuation of a Chinese sentence goes first, a quick search for each: most texts
    then have nothing else to change, and skip the slower search for all the others.
    """
    if text.isascii():
        return text  # NFKC leaves every ASCII character as it is (an empty source or title, say)
    for char, form in _SENTENCE_PUNCTUATION:
        text = text.replace(char, form)
    if unicodedata.is_normalized("NFKC", text):
        return text
    changed = _compatibility_chars()
    found = changed.search(text)
    while found:
        char = found.group()
        text = text.replace(char, unicodedata.normalize("NFKC", char))
        found = changed.search(text, found.start())  # the text before it has nothing to change
    return unicodedata.normalize("NFKC", text)


@functools.lru_cache(maxsize=1)
def _compatibility_chars() -> re.Pattern[str]:
    """A character class of the BMP characters that NFKC changes on their own, in ranges of code points.

    The list in :mod:`kg.ingest.nfkc_chars`, or derived anew under another Unicode database. Characters
    beyond the BMP (mathematical letters and the like) are rare enough to be left to the closing
    ``unicodedata.normalize`` of :func:`_nfkc`.
    """
    from kg.ingest.nfkc_chars import CHANGED, UNIDATA_VERSION, derive

    return re.compile(f"[{CHANGED if UNIDATA_VERSION == unicodedata.unidata_version else derive()}]")


def _split_lines(text: str) -> tuple[list[str], list[str]]:
    """The stripped lines of ``text``, and the same lines simplified (one list for both if nothing was to simplify).

    One OpenCC call for the whole text (phrases never cross a line break), per line only if
    the conversion changed the length and the lines no longer pair up.
    """
    simplified = to_simplified(text)
    if len(simplified) != len(text):
        originals = list(map(str.strip, text.split("\n")))
        return originals, [to_simplified(line) for line in originals]
    lines = list(map(str.strip, simplified.split("\n")))
    return (lines if simplified == text else list(map(str.strip, text.split("\n")))), lines


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
        if not date and len(line) < 60 and (m := _DATE.search(line)):
            date = clean_date(m.group(0))
        if not source and len(line) < 80 and (m := _SOURCE.search(line)):
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
        or _is_breadcrumb(line)
        or _is_nav_line(line)
        or (len(line) < 60 and "。" not in line and (_DATE.search(line) or _SOURCE.search(line)))
    )


def _is_nav_line(line: str) -> bool:
    tokens = line.split()
    return len(tokens) >= 4 and all(len(t) <= 4 for t in tokens) and not re.search(r"[,。;:!?、]", line)


def _is_breadcrumb(line: str) -> bool:
    # a trail has two > at least: counting them spares the search on nearly every line
    return line.count(">") >= 2 and bool(_BREADCRUMB.search(line))


def _is_spam_line(line: str) -> bool:
    # keyword-stuffed link farms: many short segments separated by | or ｜
    return line.count("|") + line.count("｜") >= 4


def _strip_furniture(lines: list[str], start: int, *, bars: bool = True, trails: bool = True) -> list[int]:
    """The indices of the lines from ``start`` on that are not page furniture.

    ``bars=False`` and ``trails=False`` say that no line holds a bar (| or ｜) or two ``>``: none
    can be spam or a breadcrumb trail, and the lines are not searched for them.
    """
    kept: list[int] = []
    for i in range(start, len(lines)):
        line = lines[i]
        if line:
            found = _TAIL_OR_FURNITURE.match(line)
            if found and found["tail"]:
                # a list of other articles ends the article, unless it is the page's navigation (nothing read yet)
                if any(lines[k] for k in kept):
                    break
                found = _FURNITURE.match(line)
            if found or (bars and _is_spam_line(line)) or (trails and len(line) < 60 and _is_breadcrumb(line)):
                continue  # editors, tags, timestamps, page widgets, spam, a short breadcrumb trail
        kept.append(i)
    while kept and not lines[kept[-1]]:
        kept.pop()
    return kept
