"""Region mentions: gazetteer matches checked against word boundaries, short names in context,
and the document's home region (:func:`find_context`)."""

from __future__ import annotations

import re

from kg.extract.base import HAN, Context, is_han, make_mention
from kg.extract.lexicon import (CHECK_AREA_TAIL, CHECK_CONTAINED, CHECK_CROSSING, CHECK_LAW_TAIL, CHECK_LEVEL_SUFFIX,
                                CHECK_MINISTRY, CHECK_WORD_BEFORE, LAW_TAILS, Entry, Lexicon, Region)
from kg.extract.segment import is_verb, word_tags
from kg.model import Document, Mention, POLICY, REGION

__all__ = ["dictionary_spans", "find_context", "lexicon_mentions", "listed_short_regions", "mentioned_regions", "region_mentions", "shorts_after_parent"]


_PROVINCE_CUES = re.compile(r"我省|全省|本省|省委|省政府|省级")
_CITY_CUES = re.compile(r"我市|全市|本市|市委|市政府|市级")


def _pick_region(entries: list[Entry], lex: Lexicon, mentioned: set[str]) -> Entry:
    """Of several regions with one name, the one whose ancestor the document names, else the highest."""
    candidates = {e.code for e in entries}

    def rank(entry: Entry):
        # 吉林 names the province and a city in it: the province being named is no context for the city
        in_context = any(code in mentioned and code not in candidates for code in lex.ancestors(entry.code))
        level = {"Province": 0, "City": 1, "County": 2}[entry.subtype]
        return (not in_context, level, entry.code)
    return min(entries, key=rank)


_LEVEL_TAILS = frozenset("省 市 县 区 州 盟 特区 地区 自治区 自治州 新区".split())


def _contained_in_word(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """True when a dictionary word longer than the span covers it (长治 in 长治久安).

    Words that only join the span to another name or a level suffix (福建厦门, 江西省)
    do not count, nor do organisations' names (青海 in 青海大学 is the region the name holds).
    """
    words = word_tags()
    size = len(text)
    for before, after in _WIDENINGS:
        if before > start or end + after > size:
            continue
        word = text[start - before:end + after]
        if word in words and words[word] != "nt" and not any(part and (part in lex.by_surface or part in lex.region_words or part in _LEVEL_TAILS)
                                     for part in (word[:before], word[len(word) - after:] if after else "")) \
                and not (after and lex.starts_with_region_word(text[end:end + 3])):
            return True  # (山西晋 is a word, but in 山西晋城 its 晋 opens 晋城: the word only joins two names)
    return False


def _between_words(text: str, start: int, end: int, regions: tuple) -> bool:
    """True when a city's or county's short name is read as the ends of two common words
    (重大理论 is 重大 + 理论, not 大理; 医保定点, 均衡水平, 今天水路); a province's is kept (在内蒙古)."""
    words = word_tags()
    left = words.get(text[start - 1:start + 1]) if start else None
    if left is None or left.startswith(_NAME_TAGS):
        return False
    right = words.get(text[end - 1:end + 1]) if end < len(text) else None
    return right is not None and not right.startswith(_NAME_TAGS) and all(r.subtype != "Province" for r in regions)


_NAME_TAGS = ("ns", "nr", "nt", "nz")
_NOT_NAME_TAGS = frozenset("vadpcu")  # jieba's verbs, adjectives, adverbs, prepositions, conjunctions, particles


#: the words that may cover a span: so many characters before it and so many after, one to three in all
_WIDENINGS = tuple((before, extra - before) for extra in (1, 2, 3) for before in range(extra + 1))


def _crosses_word(text: str, start: int, end: int) -> bool:
    """True when a dictionary word straddles a boundary of the span (中办 in 集中办理)."""
    words = word_tags()
    for left in range(max(0, start - 3), start):
        for right in range(start + 1, end):
            if text[left:right] in words:
                return True
    for left in range(start + 1, end):
        for right in range(end + 1, min(len(text), end + 3) + 1):
            if text[left:right] in words:
                return True
    return False


# words that begin with a level character: after 北京, 市民 is "citizens", not part of 北京市
_LEVEL_WORDS = frozenset("市民 市场 市区 市值 市面 区域 区间 县城 省份 州府".split())


def _word_continues(text: str, end: int) -> bool:
    return text[end - 1:end + 1] in _LEVEL_WORDS


def _word_across_start(text: str, start: int, lex: Lexicon) -> str | None:
    """The tag of the word that the character before ``start`` and the one at it make (红海 of 红海城市,
    示范 of 示范县), or None: no such word, or a lexicon name ends at ``start`` (九江|城区, 永州市|道县)."""
    if not start:
        return None
    tag = word_tags().get(text[start - 1:start + 1])
    return None if tag is None or _name_ends_at(text, start, lex) else tag


def _name_ends_at(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether a lexicon name of two or three characters ends at ``pos`` (北京 of 北京西城区, 政协 of 政协和田地区)."""
    return text[pos - 2:pos] in lex.by_surface or text[max(0, pos - 3):pos] in lex.by_surface


def dictionary_spans(doc: Document, lex: Lexicon) -> list[tuple[int, int, int]]:
    """Longest-leftmost non-overlapping lexicon matches: (start, end, index of the surface in ``lex.surfaces``)."""
    text = doc.text
    checks = lex.surface_checks
    candidates = []
    for i, (index, start, end) in enumerate(lex.match_indexes(text)):
        check = checks[index]
        if check & CHECK_LEVEL_SUFFIX and _word_continues(text, end):
            end -= 1  # 北京市民 is 北京 + 市民, 深圳市场监管局 is 深圳 + 市场监管局
        candidates.append((start - end, start, i, end, index, check))
    # longest first, then leftmost, then in the automaton's order (北京市 cut to 北京 ties with 北京);
    # drop anything overlapping an already chosen span. The word-boundary checks run only on spans
    # that would be chosen (a span they reject leaves its room free)
    candidates.sort()
    chosen: list[tuple[int, int, int]] = []
    taken = bytearray(len(text))
    for _, start, _, end, index, check in candidates:
        if taken.find(1, start, end) >= 0:
            continue
        if check & CHECK_CONTAINED and (_contained_in_word(text, start, end, lex)
                                        or _between_words(text, start, end, lex.surface_regions[index])):
            continue
        if check & CHECK_CROSSING and _crosses_word(text, start, end):
            continue
        if check & CHECK_MINISTRY and text.startswith("门", end):
            continue
        if check & CHECK_LAW_TAIL and text[end:end + 1] in LAW_TAILS:
            continue
        if check & CHECK_WORD_BEFORE and (tag := _word_across_start(text, start, lex)) is not None \
                and not tag.startswith((*_NAME_TAGS, "t")):
            continue  # 示范县, 建成县乡村, 千叶县: not 范县, 成县, 叶县 (but 河北魏县, 永州市道县)
        if check & CHECK_AREA_TAIL and _word_across_start(text, start, lex) is not None:
            continue  # 红海城市, 浙西山区, 九江城区: words on both sides, not 海城市, 西山区, 江城区
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, index))
    chosen.sort(key=lambda c: c[0])
    return chosen


def find_context(doc: Document, regions: list[Mention], lex: Lexicon) -> Context:
    """The home province and city: the regions the document names most, if clearly so."""
    counts: dict[str, float] = {}
    # a region in the title says what the article is about: it weighs as two mentions
    title_codes = []
    if doc.title:
        title = Document(id=doc.id, text=doc.title)
        title_codes = [m.code for m in region_mentions(title, dictionary_spans(title, lex), lex)]
    for code, weight in [(m.code, 1.0) for m in regions] + [(c, 2.0) for c in title_codes]:
        counts[code] = counts.get(code, 0) + weight
        for ancestor in lex.ancestors(code):
            counts[ancestor] = counts.get(ancestor, 0) + 0.5 * weight

    def dominant(level: str) -> Region | None:
        ranked = sorted(((n, c) for c, n in counts.items() if lex.regions[c].level == level), reverse=True)
        if not ranked or ranked[0][0] < 2:
            return None
        if len(ranked) > 1 and ranked[0][0] < 1.5 * ranked[1][0]:
            return None
        return lex.regions[ranked[0][1]]

    city = dominant("city")
    province = dominant("province")
    # every cue has its level's character: a text without it needs no pass
    province_cues = len(_PROVINCE_CUES.findall(doc.text)) if "省" in doc.text else 0
    city_cues = len(_CITY_CUES.findall(doc.text)) if "市" in doc.text else 0
    speaks_for = "city" if city_cues > province_cues else "province" if province_cues else ""
    if not speaks_for and province is not None and province.code in title_codes \
            and not any(lex.regions[c].level != "province" for c in title_codes):
        speaks_for = "province"  # 2026年湖北省政府工作报告: a title naming only the province speaks for it
    if speaks_for == "province" and city is not None and city.code not in title_codes:
        city = None  # a provincial text naming one city often is still about the province
    if city is not None and (province is None or province.code != city.parent):
        province = lex.region(city.parent) if province is None else province
    return Context(province=province, city=city, speaks_for=speaks_for)


def region_mentions(doc: Document, spans, lex: Lexicon) -> list[Mention]:
    """The regions of :func:`dictionary_spans`; of several regions with one name, the one the document's others point to."""
    regions = lex.surface_regions
    region_spans = [(s, e, regions[index]) for s, e, index in spans if regions[index]]
    mentioned = {entries[0].code for _, _, entries in region_spans if len(entries) == 1}
    out = []
    for start, end, entries in region_spans:
        entry = entries[0] if len(entries) == 1 else _pick_region(entries, lex, mentioned)
        out.append(make_mention(doc, start, end, REGION, entry.canonical, entry.subtype, entry.code))
    opening = _regions_opening_strategies(doc, spans, lex)
    # (the spans come in text order: only a strategy's province needs sorting in, in few texts)
    return sorted(out + opening, key=lambda m: m.start) if opening else out


def _regions_opening_strategies(doc: Document, spans, lex: Lexicon) -> list[Mention]:
    """The province that opens a regional strategy's name (海南 of 海南自贸港建设): the text names it there."""
    out = []
    for start, _, index in spans:
        strategy = lex.surface_other[index]
        if strategy is None or not strategy.regions:
            continue
        for size in (3, 2):
            region = next((e for e in lex.entries(doc.text[start:start + size])
                           if e.type is REGION and e.code in strategy.regions), None)
            if region is not None:
                out.append(make_mention(doc, start, start + size, REGION, region.canonical, region.subtype, region.code))
                break
    return out


def lexicon_mentions(doc: Document, spans, lex: Lexicon, regions: list[Mention]) -> list[Mention]:
    """The organisations, platforms and policies of :func:`dictionary_spans`.

    A school or company named after its city (武汉大学) is placed there where the text names the
    city too and the name is written in full (not 川大 or 海康威视).
    """
    other = lex.surface_other
    named = {m.code for m in regions}
    text = doc.text
    return [make_mention(doc, start, end, entry.type, entry.canonical, entry.subtype,
                         entry.code if entry.code in named and text.startswith(entry.canonical[:2], start) else "")
            for start, end, index in spans if (entry := other[index]) is not None
            and not (text.startswith("中央", start) and _FOREIGN_PARTY.search(text, max(0, start - 5), start))
            and not (entry.subtype == "Agency" and _country_before(text, start, lex))
            and not (entry.type is POLICY and text.startswith(_LAW_WORDS, end))]


_LAW_WORDS = ("法", "条例")  # what makes a programme's name the start of a law's (海南自由贸易港法)


def _country_before(text: str, start: int, lex: Lexicon) -> bool:
    """Whether another country's name ends at ``start``: 俄罗斯国防部, 美国务院 and 伊朗外交部 are that
    country's bodies, not China's. A one-character short form (俄, 美) counts where a clause or a
    preposition goes before it (。俄国防部, 据美国防部), not inside a word (欧美, 今日)."""
    if start == 0 or text[start - 1] not in lex.country_ends:
        return False
    if any(text[start - n:start] in lex.countries for n in range(2, min(start, 10) + 1)):  # (波斯尼亚和黑塞哥维那)
        return True
    return text[start - 1] in lex.country_abbrs and (
        start == 1 or not (is_han(text[start - 2]) or text[start - 2].isdigit()) or text[start - 2] in _BEFORE_COUNTRY)


_BEFORE_COUNTRY = frozenset("据称和与由在对向及遭引同")  # words that may open a clause on a country's body


# another country's party before 中央 (越共中央政治局, 老挝人民革命党中央政治局): not the CPC's body
_FOREIGN_PARTY = re.compile("(?<!中)共$|(?<!中国共产)(?<!我)党$")


def mentioned_regions(mentions: list[Mention], lex: Lexicon) -> list[Region]:
    regions = {m.code for m in mentions if m.type is REGION}
    provinces = {lex.regions[c].parent or c for c in regions} | set(regions)
    return [lex.regions[c] for c in sorted(provinces) if c in lex.regions]


# what may follow a place's short name (not 国 of 郑州新郑国际机场)
_AFTER_PLACE = set("市县区在的等和与及推打建实开以通为是将已聚探深全新")


def shorts_after_parent(doc: Document, regions: list[Mention], lex: Lexicon) -> list[Mention]:
    """广东中山, 山西大同, 厦门集美区, 浙江义乌: a short form too ambiguous alone is safe right after its
    parent or its province."""
    text = doc.text
    taken = {i for m in regions for i in range(m.start, m.end)}
    out = []
    for parent in regions:
        for length in (3, 2):
            short = text[parent.end:parent.end + length]
            if short not in lex.contextual_shorts or len(short) != length \
                    or any(i in taken for i in range(parent.end, parent.end + length)):
                continue
            # a county's short form after its city or its province (广东中山, 浙江义乌, 四川资中)
            # (after the province, only a short form that is no verb or adjective: not 辽宁振兴)
            child = next((r for r in lex.contextual_shorts[short] if r.parent == parent.code), None) or next(
                (r for r in lex.contextual_shorts[short] if parent.code in lex.ancestors(r.code)
                 and word_tags().get(short, "n")[:1] not in _NOT_NAME_TAGS), None)
            end = parent.end + length
            # a verb may follow the place too (广州南沙制定…), not a noun (郑州新郑国际机场)
            if child is not None and (not is_han(text[end:end + 1] or "。") or text[end:end + 1] in _AFTER_PLACE
                                      or is_verb(text[end:end + 2])):
                out.append(make_mention(doc, parent.end, end, REGION, child.name, child.subtype, child.code))
                break
    return out


def listed_short_regions(doc: Document, regions: list[Mention], lex: Lexicon) -> list[Mention]:
    """三明、石狮、上杭: county-level short names count inside a list of regions of the document's province."""
    text = doc.text
    if "、" not in text or not any(text[m.end:m.end + 1] == "、" or text[m.start - 1:m.start] == "、"
                                  for m in regions):
        return []  # no region has a list mark beside it
    provinces = {lex.regions[m.code].parent or m.code for m in regions} | {m.code for m in regions}
    ends = {m.end: m for m in regions}
    starts = {m.start: m for m in regions}
    out: list[Mention] = []
    for anchor in list(regions):
        for step in (1, -1):
            pos = anchor.end if step == 1 else anchor.start
            while True:
                if step == 1 and text[pos:pos + 1] == "、":
                    length = next((n for n in (3, 2) if _county_short(text[pos + 1:pos + 1 + n], provinces, lex)), 0)
                    cand = (pos + 1, pos + 1 + length) if length else None
                elif step == -1 and text[pos - 1:pos] == "、":
                    m = _LIST_ITEM_BEFORE.search(text[max(0, pos - 5):pos - 1])
                    cand = (pos - 1 - len(m.group(0)), pos - 1) if m else None
                else:
                    break
                if cand is None or cand[0] in starts or cand[1] in ends:
                    break
                region = _county_short(text[cand[0]:cand[1]], provinces, lex)
                if region is None:
                    break
                mention = make_mention(doc, cand[0], cand[1], REGION, region.name, region.subtype, region.code)
                out.append(mention)
                starts[mention.start] = ends[mention.end] = mention
                pos = cand[1] if step == 1 else cand[0]
    return out


# the item before a 、: two or three Han characters opening a clause or after 、 / ,
_LIST_ITEM_BEFORE = re.compile(f"(?<![{HAN}])[{HAN}]{{2,3}}$|(?<=[、,])[{HAN}]{{2,3}}$")


def _county_short(short: str, provinces: set[str], lex: Lexicon) -> Region | None:
    for region in lex.county_shorts.get(short, ()):
        if any(code in provinces for code in lex.ancestors(region.code)):
            return region
    return None
