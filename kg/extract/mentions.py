"""Entity mentions: gazetteer and lexicon lookup plus structural patterns.

The finders live by entity type in :mod:`~kg.extract.regions`, :mod:`~kg.extract.organizations`,
:mod:`~kg.extract.platforms` and :mod:`~kg.extract.policies`; this module runs them in order
and resolves overlaps.

Each finder reads ``doc.text`` and returns :class:`~kg.model.Mention` objects
whose ``canonical`` already applies the document's context (the bare 市 of
市数据局 is the article's home city). Region mentions may nest inside
organisation mentions (郴州市 in 郴州市数据局); other overlaps are resolved
longest-first.
"""

from __future__ import annotations

import re

from kg.extract.base import HAN, Context
from kg.extract.lexicon import Lexicon
from kg.extract.organizations import (home_departments, listed_companies, national_institutions,
                                      org_mentions, sub_units, village_bodies, visited_halls)
from kg.extract.platforms import body_platforms, hotline_mentions, listed_platforms, quoted_mentions, service_numbers
from kg.extract.policies import (apply_short_titles, body_titled_documents, numbered_measures, package_mentions,
                                 regional_programmes, titled_mentions)
from kg.extract.regions import (dictionary_spans, lexicon_mentions, listed_short_regions,
                                region_mentions, shorts_after_parent, find_context)
from kg.model import Document, Mention, ORGANIZATION, PLATFORM, POLICY, REGION

__all__ = ["Context", "find_context", "find_mentions", "HAN"]


def find_mentions(doc: Document, lex: Lexicon) -> tuple[list[Mention], Context]:
    """Every entity mention of ``doc``, and the document's context.

    Example:
        >>> from kg.extract.lexicon import load_lexicon
        >>> from kg.model import Document
        >>> doc = Document(id="d", text="郴州市委出台措施。市数据局作为郴州新成立的部门。")
        >>> ms, ctx = find_mentions(doc, load_lexicon())
        >>> sorted({(m.name, m.type.value) for m in ms})  # doctest: +NORMALIZE_WHITESPACE
        [('郴州市', 'Region'), ('郴州市委', 'Organization'), ('郴州市数据局', 'Organization')]
    """
    spans = dictionary_spans(doc, lex)
    regions = region_mentions(doc, spans, lex)
    regions += listed_short_regions(doc, regions, lex)
    regions += shorts_after_parent(doc, regions, lex)
    ctx = find_context(doc, regions, lex)
    mentions = list(regions)
    mentions += lexicon_mentions(doc, spans, lex, regions)
    mentions += org_mentions(doc, regions, ctx, lex)
    mentions += village_bodies(doc, regions)
    mentions += sub_units(doc, mentions)
    mentions += body_platforms(doc, mentions)
    mentions += quoted_mentions(doc, mentions, ctx, lex)
    mentions += titled_mentions(doc, lex)
    mentions += body_titled_documents(doc, mentions)
    mentions += hotline_mentions(doc)
    mentions += service_numbers(doc)
    mentions += package_mentions(doc, regions)
    mentions += regional_programmes(doc, regions, ctx)
    mentions += numbered_measures(doc)
    mentions += listed_platforms(doc, mentions, ctx, lex)
    mentions += listed_companies(doc, mentions)
    mentions += visited_halls(doc, mentions)
    mentions += home_departments(doc, mentions, ctx)
    mentions += national_institutions(doc)
    mentions = [m for m in mentions if not (m.type is POLICY and (_GENERIC_POLICY.match(m.name.strip("“”"))
                                                                   or _NAMES_MORE.match(doc.text, m.end)))
                and not (m.type is REGION and doc.text[m.end:m.end + 1] in _ZONE_FIRST and _ZONE.match(doc.text, m.end))]
    return apply_short_titles(doc, _resolve_overlaps(mentions)), ctx


# a zone named after its place: 苏州工业园区 and 海南自贸港 name a zone, not a mention of 苏州 or 海南
_ZONE = re.compile("工业园区?|产业园区?|自贸港|自由贸易港|自贸试验区|自由贸易试验区|自贸区|高新区|高新技术产业开发区|"
                   "经开区|经济技术开发区|综合保税区|保税区|开发区")
_ZONE_FIRST = frozenset("工产自高经综保开")  # the first characters of those words: a quick test before the pattern


# words that make a programme's name part of a longer one: a zone (黄河流域生态保护和高质量发展先行区) or an
# event (扎实推进长三角一体化发展座谈会)
_NAMES_MORE = re.compile("先行区|示范区|试验区|先导区|座谈会")


# counts and periods are not names: 七大工程, 7个专项行动, 十项行动, 十五五
_GENERIC_POLICY = re.compile(r"^([一二三四五六七八九十百千\d]+(大|个|项|条)(专项|重点|重大|惠民|民生)?"
                             r"(工程|行动|计划|战略|机制|中心|改革|任务|举措|措施)|十[一二三四五六七八九]五"
                             # what a project is blamed or praised as (不搞“形象工程”, 民心工程): no programme
                             r"|新?(形象|政绩|面子|豆腐渣|民心|烂尾)工程"
                             # a political formula of so many points (两个确立, 四个意识, 四个机关), not a programme
                             r"|[两三四五六七八九十]个(?![^\W\d_]*(?:工程|行动|计划|改革))[^\W\d_]{2,4})$")


def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions; a region or a parent body may nest in a body's name."""
    kept: list[Mention] = []
    covered = bytearray(max((m.end for m in mentions), default=0))  # 1 where a kept mention is
    # (EntityType is a str enum: its members sort by their values)
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.start, m.type)):
        start, end = mention.start, mention.end
        if covered.find(1, start, end) >= 0 and not all(
                _may_coexist(mention, other) for other in kept
                if other.start < end and start < other.end and other.start < other.end):
            continue
        kept.append(mention)
        covered[start:end] = b"\x01" * (end - start)
    return sorted(kept, key=lambda m: (m.start, m.end, m.type))


def _may_coexist(inner: Mention, outer: Mention) -> bool:
    """Disjoint, or a region inside a body's name, a parent body opening its unit's name, a body
    opening its platform's name, or a document's title inside another's."""
    if inner.end <= outer.start or outer.end <= inner.start:
        return True
    nested = outer.start <= inner.start and inner.end <= outer.end and (inner.start, inner.end) != (outer.start, outer.end)
    if nested and outer.type is PLATFORM and inner.type is ORGANIZATION and inner.start == outer.start:
        return True  # the body that names its platform (国家移民管理局政务服务平台)
    if nested and outer.type is POLICY and inner.type is POLICY and inner.text.startswith("《"):
        return True  # a law named in a decision's title (关于…调整适用《中华人民共和国刑事诉讼法》部分规定的决定)
    if not nested or outer.type is not ORGANIZATION:
        return False
    return inner.type is REGION or (inner.type is ORGANIZATION and inner.start == outer.start)
