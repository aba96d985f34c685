"""Entity mentions: gazetteer and lexicon lookup plus structural patterns.

Each finder reads ``doc.text`` and returns :class:`~kg.model.Mention` objects
whose ``canonical`` already applies the document's context (the bare 市 of
市数据局 is the article's home city). Region mentions may nest inside
organisation mentions (郴州市 in 郴州市数据局); other overlaps are resolved
longest-first.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from kg.extract.lexicon import CHECK_CONTAINED, CHECK_CROSSING, CHECK_LEVEL_SUFFIX, Entry, Lexicon, Region
from kg.extract.vocab import DEPT_SUFFIXES, FUNCTIONS
from kg.model import Document, EntityType, Mention

__all__ = ["Context", "find_context", "find_mentions", "HAN"]

HAN = "\u4e00-\u9fff"
_FUNC = "|".join(sorted(FUNCTIONS, key=len, reverse=True))
_SUFFIX = "|".join(DEPT_SUFFIXES)
# What may follow a region (or a bare 省/市/县/区) to make an organisation's name.
# bodies whose name is complete without a department suffix (本溪市总工会)
_WHOLE_BODIES = "总工会|妇联|妇女联合会|团委|科协|残联|工商联|红十字会|纪委监委|纪委|监委|中级人民法院|人民法院|人民检察院"
_UNIT_SUFFIX = ("服务中心|管理中心|发展中心|促进中心|研究中心|指挥中心|保护站|管理站|服务站|管理处|事务所|研究院|研究所|"
                "管理局|执法局|执法支队|执法大队|医院|分行|支行|分公司|集团|交易所|有限公司|股份有限公司")
# verbs that end a name: 临汾分别入选国家公立医院 is a sentence, not a hospital
_UNIT_VERBS = "分别|入选|获评|获批|成为|列入|纳入|开展|推进|实施|建设|加快|支持|打造|推动|谋划|推出"
_ORG_TAIL = re.compile(
    rf"(?P<gov>(?:人民)?政府)(?P<govsub>办公厅|办公室|门户网站|[{HAN}]{{2,4}}?室)?"
    rf"|(?P<npc>人大|人民代表大会)(?P<npcsub>常委会|常务委员会)?"
    rf"|(?P<cppcc>政协)"
    rf"|(?P<party>党委|委)(?![员托屈婉])(?:(?P<partysub>(?:{_FUNC})?(?:{_SUFFIX}))(?<!委))?"
    rf"|(?P<dept>(?:{_FUNC})(?:和?(?:{_FUNC}))?(?:{_SUFFIX})|{_WHOLE_BODIES})(?![集园群])"
    # any other named unit of the region, ended by a specific multi-character word
    rf"|(?P<unit>(?!级)(?:(?!{_UNIT_VERBS})[^\W\d_的和是在了对为将从把被]){{2,12}}?(?:{_UNIT_SUFFIX}))"
)
# Han characters after which a bare 省/市/县/区 still starts a name (我省, 的市政府, 和省委)
_BARE_BEFORE = set("我们本该的和与及对由向在经即")
_BARE_LEVEL = re.compile("[省市州县区]")
# Han characters that make 省/市 part of another word (城市, 都市, 各省, 全市)
_NOT_BARE_BEFORE = set("城都超各全该本外两三四五六七八九十诸")
_PROVINCE_CUES = re.compile(r"我省|全省|本省|省委|省政府|省级")
_CITY_CUES = re.compile(r"我市|全市|本市|市委|市政府|市级")
_LEVEL_OF_BARE = {"省": "province", "市": "city", "州": "city", "县": "county", "区": "county"}
_SUB_UNIT = re.compile(rf"(办公厅|办公室)|([{HAN}]{{2,10}}?(?:研究中心|学院|研究院|研究所|实验室|办公室|分行|支行|分公司))")
_QUOTE = re.compile(r"“([^“”\n]{1,24})”|「([^「」\n]{1,24})」|『([^『』\n]{1,24})』")
_TITLE = re.compile(r"《([^《》\n]{2,60})》")
_DOC_WORDS = re.compile(r"(意见|规划|办法|条例|方案|通知|决定|规定|措施|纲要|计划|指南|细则|标准|报告|白皮书|蓝皮书|法|公报|制度|清单|目录|纲领|战略|若干政策)$")
_DRAFT = re.compile(r"[(（](草案|试行|征求意见稿|修订草案|修正草案|送审稿|修订|\d{4}\s*[-—–~至]\s*\d{4}年?)[)）]$")
_HOTLINE = re.compile(rf"12345(?:[{HAN}]{{0,10}}?热线(?:平台)?)?")
# words after a quoted name that make it a platform (“郴兴治”APP, “粤系列”移动政务服务平台)
_PLATFORM_CUE = re.compile(rf"([{HAN}]{{0,10}}?(平台|系统)|APP|App|app|小程序|客户端|热线|公众号)")
# words after a quoted name that make a platform of a name with a platform's last word (以“数正云”为依托)
_SUPPORT_CUE = re.compile(r"(为依托|为支撑|为底座|上线|入驻)")
# names that are platforms by their last word (数字经济大脑, 城市大脑, 数据中台)
_PLATFORM_NAME = re.compile(r"(大脑|中台|平台|云平台|APP|App|app|小程序|客户端|一张图|一朵云)$")
# a programme verb shortly before a quoted name: 打造数字赋能的“无废城市”, 深化“最多跑一次”
_PROGRAMME_VERB = re.compile(r"(推进|推行|实施|开展|深化|创建|打造|推广|落实|探索)[^,,;。“”]{0,6}$")
# head words of a programme's name; without one a quoted phrase after 推进 is a slogan, not a policy
_PROGRAMME_HEAD = re.compile(r"城市|行动|工程|计划|改革|模式|机制|服务|办|制度|试点|示范|治理|政务|数字|智慧|一件事|网|码|通")
_POLICY_CUE = re.compile(rf"(政务服务|服务|管理|治理|办公)?(改革|机制|模式|试点|工程|行动|建设)|[{HAN}]{{1,6}}?(改革|行动)")
# a list of quoted names closed by a platform word: “闽政通”、“闽执法”等平台
_LISTED_PLATFORM = re.compile(r"(?:[、,和及与]“[^“”]{1,12}”)*等?(平台|APP|App|app|小程序|客户端)")
_PLATFORM_END = re.compile(r"(通|办|码|云|宝|易|政|企|治|事|服)$")
_PROGRAMME_END = re.compile(r"(战略|工程|行动|计划|改革)$")
_NOT_PROGRAMME = re.compile(r"(式|感|性|化|度|品|者|人|图|链)$")
# service words that make a short quoted phrase a named reform (容错审批, 数据最多采一次, 无证明省份)
_SERVICE_WORDS = re.compile(r"审批|通办|网办|即办|联办|一次|证明|一件事|即享|一网|跑一次|不用跑|零跑|最多跑|一窗|一门|一码|不见面")
_REFORM_SHAPE = re.compile(
    r"^(一|两|二|三|四|五|六|多|全|最多|不|免|秒|跨|接|高效|就近|只|零|无)"
    r".{0,7}(办|跑|通|审批|享|管|治|协同|码|证|照|窗|次|批|即办|联办)"
)


@dataclass(frozen=True)
class Context:
    """What a document is about: the regions its bare 省 / 市 refer to.

    ``speaks_for`` is the level the text speaks from (我省 / 全省 → province,
    我市 / 全市 → city); its region is the ``home`` of unattributed facts.
    """

    province: Region | None = None
    city: Region | None = None
    speaks_for: str = ""

    @property
    def home(self) -> Region | None:
        if self.speaks_for == "city" and self.city:
            return self.city
        if self.speaks_for == "province" and self.province:
            return self.province
        return self.city or self.province

    def region_for(self, level: str) -> Region | None:
        if level == "province":
            return self.province
        if level == "city":
            return self.city or (self.province if self.province and self.province.name.endswith("市") else None)
        return None


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _pick_region(entries: list[Entry], lex: Lexicon, mentioned: set[str]) -> Entry:
    """Of several regions with one name, the one whose ancestor the document names, else the highest."""
    def rank(entry: Entry):
        in_context = any(code in mentioned for code in lex.ancestors(entry.code))
        level = {"Province": 0, "City": 1, "County": 2}[entry.subtype]
        return (not in_context, level, entry.code)
    return min(entries, key=rank)


_LEVEL_TAILS = frozenset("省 市 县 区 州 盟 特区 地区 自治区 自治州 新区".split())


def _contained_in_word(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """True when a dictionary word longer than the span covers it (长治 in 长治久安).

    Words that only join the span to another name or a level suffix (福建厦门, 江西省)
    do not count.
    """
    from kg.extract.segment import word_freq

    freq = word_freq()
    n = end - start
    for length in range(n + 1, n + 4):
        for left in range(max(0, end - length), start + 1):
            word = text[left:left + length]
            if len(word) != length or freq.get(word, 0) <= 0:
                continue
            rest = (text[left:start], text[end:left + length])
            if any(part and (part in lex.by_surface or part in lex.region_words or part in _LEVEL_TAILS)
                   for part in rest):
                continue
            return True
    return False


def _crosses_word(text: str, start: int, end: int) -> bool:
    """True when a dictionary word straddles a boundary of the span (中办 in 集中办理)."""
    from kg.extract.segment import word_freq

    freq = word_freq()
    for left in range(max(0, start - 3), start):
        for right in range(start + 1, end):
            if freq.get(text[left:right], 0) > 0:
                return True
    for left in range(start + 1, end):
        for right in range(end + 1, min(len(text), end + 3) + 1):
            if freq.get(text[left:right], 0) > 0:
                return True
    return False


# words that begin with a level character: after 北京, 市民 is "citizens", not part of 北京市
_LEVEL_WORDS = frozenset("市民 市场 市区 市值 市面 区域 区间 县城 省份 州府".split())


def _word_continues(text: str, end: int) -> bool:
    return text[end - 1:end + 1] in _LEVEL_WORDS


def _dictionary_spans(doc: Document, lex: Lexicon) -> list[tuple[int, int, list[Entry]]]:
    """Longest-leftmost non-overlapping lexicon matches."""
    text = doc.text
    candidates = []
    for start, end, surface in lex.iter_matches(text):
        check = lex.checks.get(surface, 0)
        if check & CHECK_CONTAINED and _contained_in_word(text, start, end, lex):
            continue
        if check & CHECK_CROSSING and _crosses_word(text, start, end):
            continue
        entries = lex.by_surface[surface]
        if check & CHECK_LEVEL_SUFFIX and _word_continues(text, end):
            end -= 1  # 北京市民 is 北京 + 市民, 深圳市场监管局 is 深圳 + 市场监管局
        candidates.append((start, end, entries))
    chosen: list[tuple[int, int, list[Entry]]] = []
    taken = bytearray(len(text))
    # longest first, then drop anything overlapping an already chosen span
    for start, end, entries in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, entries))
    return sorted(chosen, key=lambda c: c[0])


def find_context(doc: Document, region_mentions: list[Mention], lex: Lexicon) -> Context:
    """The home province and city: the regions the document names most, if clearly so."""
    counts: dict[str, float] = {}
    # a region in the title says what the article is about: it weighs as two mentions
    title_codes = [m.code for m in _region_mentions(Document(id=doc.id, text=doc.title), _dictionary_spans(
        Document(id=doc.id, text=doc.title), lex), lex)] if doc.title else []
    for code, weight in [(m.code, 1.0) for m in region_mentions] + [(c, 2.0) for c in title_codes]:
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
    province_cues = len(_PROVINCE_CUES.findall(doc.text))
    city_cues = len(_CITY_CUES.findall(doc.text))
    speaks_for = "city" if city_cues > province_cues else "province" if province_cues else ""
    if speaks_for == "province" and city is not None and city.code not in title_codes:
        city = None  # a provincial text naming one city often is still about the province
    if city is not None and (province is None or province.code != city.parent):
        province = lex.region(city.parent) if province is None else province
    return Context(province=province, city=city, speaks_for=speaks_for)


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
    spans = _dictionary_spans(doc, lex)
    regions = _region_mentions(doc, spans, lex)
    regions += _listed_short_regions(doc, regions, lex)
    regions += _shorts_after_parent(doc, regions, lex)
    ctx = find_context(doc, regions, lex)
    mentions = list(regions)
    mentions += _lexicon_mentions(doc, spans)
    mentions += _org_mentions(doc, regions, ctx, lex)
    mentions += _sub_units(doc, mentions)
    mentions += _quoted_mentions(doc, mentions, ctx, lex)
    mentions += _titled_mentions(doc)
    mentions += _hotline_mentions(doc)
    mentions += _service_numbers(doc)
    mentions += _package_mentions(doc, regions)
    mentions += _regional_programmes(doc, regions)
    mentions += _numbered_measures(doc)
    mentions += _listed_platforms(doc, mentions, ctx, lex)
    mentions += _listed_companies(doc, mentions)
    mentions += _national_institutions(doc)
    return _apply_short_titles(doc, _resolve_overlaps(mentions)), ctx


_SHORT_TITLE = re.compile(r"《([^《》\n]{2,60})》\s*\((?:以下)?简称[“《]([^”》]{1,20})[”》]\)")


def _apply_short_titles(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Short titles name a full one: 《…指导意见》(以下简称《指导意见》), or 《决定》 after one 《…的决定》.

    A bare short title (《意见》, 《通知》) that names no full title of the document is dropped.
    """
    full = {}
    for m in _SHORT_TITLE.finditer(doc.text):
        full[f"《{m.group(2)}》"] = full[m.group(2)] = f"《{m.group(1)}》"
    titles = [m.name for m in mentions if m.subtype == "PolicyDocument"]
    out = []
    for mention in mentions:
        name = mention.name
        if mention.type is EntityType.POLICY and name in full:
            out.append(replace(mention, canonical=full[name]))
        elif mention.subtype == "PolicyDocument" and len(name) <= 6:
            longer = {t for t in titles if len(t) > len(name) and t.endswith(name[1:])}
            if len(longer) == 1:
                out.append(replace(mention, canonical=longer.pop()))
        else:
            out.append(mention)
    return out


def _mention(doc: Document, start: int, end: int, type_: EntityType, canonical: str = "",
             subtype: str = "", code: str = "") -> Mention:
    surface = doc.original[start:end] if doc.original else ""
    return Mention(doc.id, start, end, doc.text[start:end], type_, canonical, subtype, code, surface)


def _region_mentions(doc: Document, spans, lex: Lexicon) -> list[Mention]:
    region_spans = [(s, e, [x for x in entries if x.type is EntityType.REGION]) for s, e, entries in spans]
    region_spans = [(s, e, entries) for s, e, entries in region_spans if entries]
    mentioned = {x.code for _, _, entries in region_spans if len(entries) == 1 for x in entries}
    out = []
    for start, end, entries in region_spans:
        entry = _pick_region(entries, lex, mentioned)
        out.append(_mention(doc, start, end, EntityType.REGION, entry.canonical, entry.subtype, entry.code))
    return out


def _lexicon_mentions(doc: Document, spans) -> list[Mention]:
    out = []
    for start, end, entries in spans:
        entry = next((x for x in entries if x.type is not EntityType.REGION), None)
        if entry is not None:
            out.append(_mention(doc, start, end, entry.type, entry.canonical, entry.subtype))
    return out


def _org_mentions(doc: Document, regions: list[Mention], ctx: Context, lex: Lexicon) -> list[Mention]:
    """Region (or bare 省/市/县/区) + department tail: 郴州市数据局, 省政务服务办, 市委, 省政府."""
    text = doc.text
    anchors: list[tuple[int, int, Region]] = []
    for mention in regions:
        anchors.append((mention.start, mention.end, lex.regions[mention.code]))
    covered = {i for m in regions for i in range(m.start, m.end)}
    for bare in _BARE_LEVEL.finditer(text):
        i = bare.start()
        level = _LEVEL_OF_BARE[bare.group(0)]
        strong_tail = text.startswith(("政府", "委", "人大", "政协"), i + 1) and text[i - 1:i] not in _NOT_BARE_BEFORE
        if i in covered or (i > 0 and text[i - 1] not in _BARE_BEFORE and _is_han(text[i - 1]) and not strong_tail):
            continue
        region = ctx.region_for(level)
        if region is not None:
            anchors.append((i, i + 1, region))
    region_starts = sorted(m.start for m in regions)
    out = []
    for start, end, region in anchors:
        m = _ORG_TAIL.match(text, end)
        if m is None:
            continue
        i = bisect.bisect_left(region_starts, end)
        if i < len(region_starts) and region_starts[i] < m.end():
            continue  # 湖北省麻城市…局: the name belongs to the inner region
        canonical = _org_name(region, m)
        if m.group("govsub") == "门户网站":  # the government's portal is a platform, not a body
            out.append(_mention(doc, start, m.end(), EntityType.PLATFORM, canonical, "", region.code))
        elif canonical:
            if m.group("party") and text.endswith("中共", 0, start):  # 中共江西省委
                start -= 2
            kind = _UNIT_KINDS.get(next((k for k in _UNIT_KINDS if canonical.endswith(k)), ""), "Agency")
            out.append(_mention(doc, start, m.end(), EntityType.ORGANIZATION, canonical, kind, region.code))
            out += _listed_departments(doc, m.end(), region)
            parent_end = (m.end("gov") if m.group("govsub") else m.end("party") if m.group("partysub")
                          else m.end("npc") if m.group("npcsub") else 0)
            if parent_end:  # 白城市人民政府办公室 names 白城市人民政府 too
                parent = _org_name(region, _ORG_TAIL.match(text, end, parent_end))
                out.append(_mention(doc, start, parent_end, EntityType.ORGANIZATION, parent, "Agency", region.code))
    return out


_DEPT_ONLY = re.compile(rf"(?:{_FUNC})(?:和?(?:{_FUNC}))?(?:{_SUFFIX})(?![集园群{HAN}])|(?:{_FUNC})(?:和?(?:{_FUNC}))?(?:{_SUFFIX})")


def _listed_departments(doc: Document, pos: int, region: Region) -> list[Mention]:
    """成都市发展改革委、经信局: the departments listed after one region share its prefix."""
    out = []
    text = doc.text
    while text.startswith("、", pos):
        m = _DEPT_ONLY.match(text, pos + 1)
        if m is None:
            break
        out.append(_mention(doc, m.start(), m.end(), EntityType.ORGANIZATION, region.name + m.group(0), "Agency",
                            region.code))
        pos = m.end()
    return out


_UNIT_KINDS = {"集团": "Enterprise", "有限公司": "Enterprise", "交易所": "Enterprise", "医院": "Institute", "研究院": "Institute", "研究所": "Institute", "研究中心": "Institute",
               "分行": "Enterprise", "支行": "Enterprise", "分公司": "Enterprise"}


def _org_name(region: Region, m: re.Match) -> str:
    if m.group("npc"):  # 省人大常委会 → 甘肃省人民代表大会常务委员会
        return region.name + "人民代表大会" + ("常务委员会" if m.group("npcsub") else "")
    if m.group("cppcc"):
        return f"中国人民政治协商会议{region.name}委员会"
    if m.group("gov"):
        return region.name + "人民政府" + (m.group("govsub") or "")
    if m.group("party"):
        committee = region.name + ("党委" if region.name.endswith("自治区") else "委")
        return committee + (m.group("partysub") or "")
    return region.name + (m.group("dept") or m.group("unit"))


def _sub_units(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """A body's own office or school: 工业和信息化部 + 办公厅, 清华大学 + 公共管理学院."""
    out = []
    for parent in mentions:
        if parent.type is not EntityType.ORGANIZATION:
            continue
        m = _SUB_UNIT.match(doc.text, parent.end)
        if m is not None:
            out.append(_mention(doc, parent.start, m.end(), EntityType.ORGANIZATION,
                                parent.name + m.group(0), parent.subtype, parent.code))
    return out


def _quoted_mentions(doc: Document, mentions: list[Mention], ctx: Context, lex: Lexicon) -> list[Mention]:
    """Names in quotation marks: platforms (“赣服通”) and named reforms (“一网通办”)."""
    text = doc.text
    regions = _mentioned_regions(mentions, lex) + [r for r in (ctx.province, ctx.city) if r is not None]
    abbreviations = {a for r in regions for a in (*r.abbr, r.short[:1], r.name[:1])}
    official = {a for r in regions for a in r.abbr}
    known = {(m.start, m.end) for m in mentions}
    policies = {m.name for m in mentions if m.type is EntityType.POLICY}
    found: list[tuple[int, int, str, EntityType]] = []
    for m in _QUOTE.finditer(text):
        name = next(g for g in m.groups() if g is not None)
        start, end = m.start() + 1, m.end() - 1
        if (start, end) in known or not re.search(f"[{HAN}]", name) or re.search(r"[,,、。!?;]", name):
            continue
        after = text[m.end():m.end() + 16]
        before = text[max(0, m.start() - 12):m.start()]
        type_ = _classify_quoted(name, before, after, abbreviations, official)
        if type_ is not None:
            found.append((start, end, name, type_))
            if type_ is EntityType.POLICY:
                policies.add(name)
    # a name the document uses as a reform stays one where it also labels a platform (“无废城市”整体智治数字化平台)
    return [_mention(doc, start, end, EntityType.POLICY, name, "Initiative") if name in policies
            else _mention(doc, start, end, type_, name) for start, end, name, type_ in found]


def _mentioned_regions(mentions: list[Mention], lex: Lexicon) -> list[Region]:
    regions = {m.code for m in mentions if m.type is EntityType.REGION}
    provinces = {lex.regions[c].parent or c for c in regions} | set(regions)
    return [lex.regions[c] for c in sorted(provinces) if c in lex.regions]


def _classify_quoted(name: str, before: str, after: str, abbreviations: set[str],
                     official: set[str] = frozenset()) -> EntityType | None:
    if 3 <= len(name) <= 12 and (_PLATFORM_CUE.match(after) or _LISTED_PLATFORM.match(after)) \
            and not _NOT_PROGRAMME.search(name):
        return EntityType.PLATFORM
    if 3 <= len(name) <= 10 and _PROGRAMME_END.search(name):
        return EntityType.POLICY  # “八八战略”, “千万工程”
    if 3 <= len(name) <= 8 and _REFORM_SHAPE.match(name):
        return EntityType.POLICY
    if 3 <= len(name) <= 6 and name.endswith("码") and not before.endswith(("由", "从")):
        return EntityType.PLATFORM  # 天府入企码, 赣通码, 检查码: a code is a system
    if len(name) <= 12 and (m := _PLATFORM_NAME.search(name)) and len(name) >= len(m.group(0)) + 2:
        return EntityType.PLATFORM
    if 2 <= len(name) <= 6 and _PLATFORM_END.search(name) and (name[0] in abbreviations or _SUPPORT_CUE.match(after)):
        return EntityType.PLATFORM
    if 3 <= len(name) <= 4 and name[0] in official and not _REFORM_SHAPE.match(name):
        return EntityType.PLATFORM  # 鲁执法, 川易贷: a brand made of a province's abbreviation
    if _POLICY_CUE.match(after) and 3 <= len(name) <= 12:
        return EntityType.POLICY
    # 由“人工审批”向“智能快审”: the state a reform leaves behind is no policy
    if 4 <= len(name) <= 8 and _SERVICE_WORDS.search(name) and not before.endswith(("由", "从")):
        return EntityType.POLICY
    if 3 <= len(name) <= 8 and _PROGRAMME_VERB.search(before) and _PROGRAMME_HEAD.search(name) \
            and not _NOT_PROGRAMME.search(name):
        return EntityType.POLICY
    return None


def _titled_mentions(doc: Document) -> list[Mention]:
    """《…》 titles that name a policy document (意见, 规划, 办法 …)."""
    out = []
    for m in _TITLE.finditer(doc.text):
        title = m.group(1)
        if _DOC_WORDS.search(_DRAFT.sub("", title)):
            out.append(_mention(doc, m.start(), m.end(), EntityType.POLICY, f"《{title}》", "PolicyDocument"))
    return out


_PACKAGE = re.compile(rf"[{HAN}]{{0,6}}?(?:新政|政策|措施|举措|条例)\d{{1,3}}条")


def _package_mentions(doc: Document, regions: list[Mention]) -> list[Mention]:
    """Numbered policy packages named after a region: 郴州人才新政52条."""
    out = []
    for region in regions:
        m = _PACKAGE.match(doc.text, region.end)
        if m is not None:
            out.append(_mention(doc, region.start, m.end(), EntityType.POLICY,
                                doc.text[region.start:m.end()], "Initiative", region.code))
    return out


_LOCAL_LAW = re.compile(rf"[{HAN}]{{2,14}}?(条例|办法|规定)(?![{HAN}])")
_PROGRAMME_PREFIX = ("数字", "智慧")


_REGION_REFORM = re.compile(rf"(?!国家级|全面|深化)[^\W\d_的和与及、是在对]{{3,10}}?改革(?!开放|发展|稳定|试验|试点|示范)")


def _regional_programmes(doc: Document, regions: list[Mention]) -> list[Mention]:
    """数字重庆, 智慧蓉城-style programmes named after a region, a region's own 条例 / 办法,
    and a reform named right after its region (浙江政务服务增值化改革)."""
    out = []
    text = doc.text
    for region in regions:
        if (m := _REGION_REFORM.match(text, region.end)) and not text.startswith(("省", "市"), region.end) \
                and not re.search(_UNIT_VERBS + "|系列|一批|多项|各项", m.group(0)):
            out.append(_mention(doc, region.end, m.end(), EntityType.POLICY, m.group(0), "Initiative", region.code))
        if text[region.start - 2:region.start] in _PROGRAMME_PREFIX and text[region.end:region.end + 1] not in "省市县区":
            out.append(_mention(doc, region.start - 2, region.end, EntityType.POLICY,
                                text[region.start - 2:region.end], "Initiative", region.code))
        if region.text == region.canonical and (m := _LOCAL_LAW.match(text, region.end)):
            out.append(_mention(doc, region.start, m.end(), EntityType.POLICY,
                                f"《{text[region.start:m.end()]}》", "PolicyDocument", region.code))
    return out


_QUOTED_NUMBER = re.compile(r"“[\d+]{2,6}”")
_PROGRAMME_TAIL = re.compile(rf"[{HAN}]{{2,14}}?(工程|行动|计划)")
_DATED_PLAN = re.compile(r"\d{4}年(行动方案|工作方案|实施方案|行动计划)|(行动方案|工作方案|实施方案)[(（]\d{4}年?版[)）]")
_ACTION = re.compile(r"(三年行动|行动计划)")  # 专项行动 / 攻坚行动 name the year's work items, not programmes
_ACTION_VERB = re.compile(r".*(实施|开展|推进|启动|深入实施|部署)")
_LAW_END = re.compile(r"(?:法|条例)(?=[,。、;和及])")
_LAW_VERB = re.compile(r".*(贯彻|实施|落实|施行|执行)")
_PLAN_VERB = re.compile(r".*(实施|出台|制定|印发|发布|落实)")
_PILOT_VERB = re.compile(r".*(深化|获批|推进|开展|入选)")
_MEASURES = re.compile(r"“([一二三四五六七八九十百零\d]{1,4}条)”")
_FIVE_YEAR_PLAN = re.compile(r"“(十[一二三四五六七八九]五)”(规划纲要|规划)")
_LEADING_VERB = re.compile(r"^.*(出台|制定|推出|实施|落实|发布|印发|施行|贯彻)")


def _numbered_measures(doc: Document) -> list[Mention]:
    """安商惠企“二十条”: a measure package known by its number, and the “十五五”规划(纲要)."""
    out = []
    text = doc.text
    for m in _MEASURES.finditer(text):
        window = text[max(0, m.start() - 6):m.start()]
        head = re.search(f"[{HAN}]{{2,6}}$", _LEADING_VERB.sub("", window))
        if head is not None:
            start = m.start() - len(head.group(0))
            out.append(_mention(doc, start, m.end(), EntityType.POLICY, text[start:m.end()], "Initiative"))
    for m in _FIVE_YEAR_PLAN.finditer(text):
        out.append(_mention(doc, m.start(), m.end(), EntityType.POLICY, m.group(0), "PolicyDocument"))
    for m in _QUOTED_NUMBER.finditer(text):  # “1131”数字政府基础平台提升工程
        if tail := _PROGRAMME_TAIL.match(text, m.end()):
            out.append(_mention(doc, m.start(), tail.end(), EntityType.POLICY, text[m.start():tail.end()], "Initiative"))
    for m in _DATED_PLAN.finditer(text):  # 实施优化营商环境2026年行动方案
        out += _after_verb(doc, m.start(), m.end(), _PLAN_VERB, 2, 10)
    for m in re.finditer("综合试点", text):  # 深化数字中国建设综合试点
        out += _after_verb(doc, m.start(), m.end(), _PILOT_VERB, 4, 10)
    for m in _ACTION.finditer(text):  # 实施治理数智化转型三年行动
        out += _after_verb(doc, m.start(), m.end(), _ACTION_VERB, 4, 12)
    for m in _LAW_END.finditer(text):  # 贯彻民营经济促进法
        found = _after_verb(doc, m.start(), m.end(), _LAW_VERB, 2, 10)
        out += [replace(x, canonical=f"《{x.canonical}》", subtype="PolicyDocument") for x in found]
    return out


def _after_verb(doc: Document, start: int, end: int, verb: re.Pattern, least: int, most: int) -> list[Mention]:
    """The name between a verb and a fixed ending, if it is ``least``–``most`` Han characters."""
    window = doc.text[max(0, start - most - 2):start]
    m = verb.match(window)
    if m is None:
        return []
    head = window[m.end():]
    if not (least <= len(head) <= most and re.fullmatch(f"[{HAN}]+", head)):
        return []
    begin = start - len(head)
    return [_mention(doc, begin, end, EntityType.POLICY, doc.text[begin:end], "Initiative")]


# X、Y(和Z)等平台 / 建成X平台: names listed before a platform word
_PLATFORM_WORD = re.compile(rf"(等)?(?:智慧|移动|智能|数字)?(平台|门户|应用|终端)(?![{HAN}]?建设)")
_LIST_RUN = re.compile(rf"[{HAN}A-Za-z0-9()、和及]{{1,40}}$")
_LIST_START = re.compile(r"^.*(建成|建设|打造|搭建|上线|优化|完善|升级|拓展|提升|推广|依托|用好|迭代|开发|通过|利用|借助|等|共建|发挥|"
                         r"推进|统筹|加快|推动|构建|形成|实现|建立|健全|加强|深化|强化|开通|运行|启用|的)")
_DESCRIPTIVE_HEAD = re.compile(r"执法|政务|数据|治理|监管|审批|信用|公共|城市|运行|调度|算力|一体化|国际服务")
_GENERIC_PLATFORM = frozenset("政务服务 服务 管理 公共 省级管理 交流 沟通交流 综合 数据 信息 工作 线上 网上 数字化 统一 "
                              "移动政务服务 政务云 一体化数字政府 数字政府 一体化政务服务 数据共享 公共数据 公共资源交易 "
                              "政务服务一体化 数据共享交换".split())


def _listed_platforms(doc: Document, mentions: list[Mention], ctx: Context, lex: Lexicon) -> list[Mention]:
    """Unquoted platform names: 建成海政通、海易办平台; 中小企业直通车等平台; 上海国际服务门户."""
    text = doc.text
    regions = _mentioned_regions(mentions, lex) + [r for r in (ctx.province, ctx.city) if r is not None]
    abbreviations = {a for r in regions for a in (*r.abbr, r.name[:1])}
    official = {a for r in regions for a in r.abbr}
    taken = {i for m in mentions if m.type is not EntityType.REGION for i in range(m.start, m.end)}
    out = []
    previous_end = 0
    for m in _PLATFORM_WORD.finditer(text):
        seg_end = m.start()
        run = _LIST_RUN.search(text, max(previous_end, seg_end - 40), seg_end)
        seg_begin = run.start() if run else seg_end
        previous_end = m.end()
        if seg_end - seg_begin < 2:
            continue
        segment = _LIST_START.sub("", text[seg_begin:seg_end])
        items = [x for x in re.split("[、和及]", segment) if x]
        offset = seg_end - len(segment)
        for i, item in enumerate(items):
            start = text.index(item, offset)
            offset = start + len(item)
            last = i == len(items) - 1
            if any(j in taken for j in range(start, start + len(item))) or text[start - 1:start] in ("”", '"'):
                continue  # already named, or a descriptor of the quoted name before it (“赣服通”移动政务服务平台)
            brand = 2 <= len(item) <= 5 and _PLATFORM_END.search(item) and not _REFORM_SHAPE.match(item)
            abbreviated = 2 <= len(item) <= 4 and item[0] in official and m.group(1)  # 京通、京办、京智等智慧终端
            if (brand and (item[0] in abbreviations or m.group(1))) or abbreviated:
                out.append(_mention(doc, start, start + len(item), EntityType.PLATFORM, item))
            elif m.group(2) in ("应用", "终端"):
                continue
            elif last and not m.group(1) and item[:1] in ("省", "市") and len(item) >= 7 and ctx.home is not None \
                    and _DESCRIPTIVE_HEAD.search(item) and ctx.region_for("province" if item[0] == "省" else "city"):
                home = ctx.region_for("province" if item[0] == "省" else "city")  # 省融资信用征信服务平台
                out.append(_mention(doc, start, m.end(2), EntityType.PLATFORM,
                                    home.name + text[start + 1:m.end(2)], "", home.code))
            elif item == "一体化政务服务" and ctx.home is not None:  # a province's own 一体化政务服务平台
                out.append(_mention(doc, start, m.end(2), EntityType.PLATFORM,
                                    ctx.home.name + "一体化政务服务平台", "", ctx.home.code))
            elif last and len(items) > 1 and 4 <= len(item) <= 10 and item not in _GENERIC_PLATFORM \
                    and m.group(1):
                out.append(_mention(doc, start, start + len(item), EntityType.PLATFORM, item))
            elif last and not m.group(1) and 4 <= len(item) <= 14 and item not in _GENERIC_PLATFORM \
                    and (len(item) >= 7 or item.startswith(tuple(lex.region_words))) \
                    and not item.startswith(("省", "市", "县")) and _DESCRIPTIVE_HEAD.search(item) \
                    and (_LIST_START.match(text[max(0, seg_begin - 4):seg_end]) or not _is_han(text[start - 1:start] or "。")):
                end = m.end(2)
                out.append(_mention(doc, start, end, EntityType.PLATFORM, text[start:end]))
    return out


_COMPANY_KIND = re.compile(r"等(?:企业|公司|单位|机构|集团)")
_COMPANY_LIST = re.compile(rf"(?:[{HAN}A-Za-z]{{2,8}}、)+[{HAN}A-Za-z]{{2,8}}$")
_VISITED_COMPANY = re.compile(rf"(?:来到|走进|考察|调研|参观|走访)([{HAN}]{{2,8}}?)公司")
_LIST_VERB = re.compile(r"^.*(考察|调研|参观|走访|来到|走进|包括|如|有|和|与)")
_INSTITUTION = re.compile(rf"(?:国家|中国)[{HAN}]{{2,8}}?(?:博物馆|图书馆|美术馆|科技馆|大剧院|档案馆)")


def _listed_companies(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """海康威视、强脑科技、广立微电子等企业; 来到海康威视公司."""
    text = doc.text
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for kind in _COMPANY_KIND.finditer(text):
        m = _COMPANY_LIST.search(text, max(0, kind.start() - 60), kind.start())
        if m is None:
            continue
        segment = _LIST_VERB.sub("", m.group(0))
        offset = m.end() - len(segment)
        for item in segment.split("、"):
            start = text.index(item, offset)
            offset = start + len(item)
            if 2 <= len(item) <= 8 and not any(j in taken for j in range(start, offset)) and not _is_common(item):
                out.append(_mention(doc, start, offset, EntityType.ORGANIZATION, item, "Enterprise"))
    for m in _VISITED_COMPANY.finditer(text):
        if not any(j in taken for j in range(m.start(1), m.end(1))) and not _is_common(m.group(1)):
            out.append(_mention(doc, m.start(1), m.end(), EntityType.ORGANIZATION, m.group(1), "Enterprise"))
    return out


_GENERIC_BODIES = frozenset("科研院所 科研机构 高校 高等院校 院校 企业 国企 央企 民企 中小企业 龙头企业 金融机构 社会组织 "
                            "部门 单位 学校 医院 银行 政府 市场主体 平台企业".split())


def _is_common(word: str) -> bool:
    """A kind of body (科研院所, 高校) or an ordinary dictionary word, rather than a name."""
    from kg.extract.segment import word_tags

    if word in _GENERIC_BODIES:
        return True
    tag = word_tags().get(word)
    return tag is not None and (tag[0] != "n" or tag in ("n", "vn"))


def _national_institutions(doc: Document) -> list[Mention]:
    """国家自然博物馆, 中国地质博物馆: national institutions named by their kind."""
    return [_mention(doc, m.start(), m.end(), EntityType.ORGANIZATION, m.group(0), "Institute")
            for m in _INSTITUTION.finditer(doc.text)]


# what may follow a place's short name (not 国 of 郑州新郑国际机场)
_AFTER_PLACE = set("市县区在的等和与及推打建实开以通为是将已聚探深全")


def _shorts_after_parent(doc: Document, regions: list[Mention], lex: Lexicon) -> list[Mention]:
    """广东中山, 山西大同, 厦门集美区: a short form too ambiguous alone is safe right after its parent."""
    text = doc.text
    taken = {i for m in regions for i in range(m.start, m.end)}
    out = []
    for parent in regions:
        for length in (3, 2):
            short = text[parent.end:parent.end + length]
            if len(short) != length or any(i in taken for i in range(parent.end, parent.end + length)):
                continue
            child = next((r for r in lex.contextual_shorts.get(short, ()) if r.parent == parent.code), None)
            after = text[parent.end + length:parent.end + length + 1]
            if child is not None and (not _is_han(after or "。") or after in _AFTER_PLACE):
                end = parent.end + length
                if text[end:end + 1] in "省市县区州":
                    end += 1  # 中山市 written in full after 广东 was already found by the automaton
                out.append(_mention(doc, parent.end, parent.end + length, EntityType.REGION, child.name,
                                    child.subtype, child.code))
                break
    return out


def _listed_short_regions(doc: Document, regions: list[Mention], lex: Lexicon) -> list[Mention]:
    """三明、石狮、上杭: county-level short names count inside a list of regions of the document's province."""
    text = doc.text
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
                    m = re.search(f"(?<![{HAN}])[{HAN}]{{2,3}}$|(?<=[、,])[{HAN}]{{2,3}}$", text[max(0, pos - 5):pos - 1])
                    cand = (pos - 1 - len(m.group(0)), pos - 1) if m else None
                else:
                    break
                if cand is None or cand[0] in starts or cand[1] in ends:
                    break
                region = _county_short(text[cand[0]:cand[1]], provinces, lex)
                if region is None:
                    break
                mention = _mention(doc, cand[0], cand[1], EntityType.REGION, region.name, region.subtype, region.code)
                out.append(mention)
                starts[mention.start] = ends[mention.end] = mention
                pos = cand[1] if step == 1 else cand[0]
    return out


def _county_short(short: str, provinces: set[str], lex: Lexicon) -> Region | None:
    for region in lex.county_shorts.get(short, ()):
        if any(code in provinces for code in lex.ancestors(region.code)):
            return region
    return None


_SERVICE_NUMBER = re.compile(rf"“?(?!12345)([19]\d{{4}})”?([{HAN}]{{0,8}}?(热线|直通车|专线))")


def _service_numbers(doc: Document) -> list[Mention]:
    """Service hotlines other than 12345: “96178”省长直通车, 12315热线."""
    out = []
    for m in _SERVICE_NUMBER.finditer(doc.text):
        if doc.text[m.start() - 1:m.start()].isdigit() or doc.text[m.end(1):m.end(1) + 1].isdigit():
            continue
        out.append(_mention(doc, m.start(), m.end(), EntityType.PLATFORM, m.group(1) + m.group(2)))
    return out


def _hotline_mentions(doc: Document) -> list[Mention]:
    out = []
    for m in _HOTLINE.finditer(doc.text):
        before = doc.text[m.start() - 1:m.start()]
        after = doc.text[m.end():m.end() + 1]
        if before.isdigit() or after.isdigit():
            continue
        if m.group(0) == "12345" and not (before == "“" and after == "”") and \
                not doc.text[max(0, m.start() - 3):m.start()].endswith(("拨打", "拨打了", "打")):
            continue
        out.append(_mention(doc, m.start(), m.end(), EntityType.PLATFORM, "12345政务服务便民热线"))
    return out


def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions; a region or a parent body may nest in a body's name."""
    kept: list[Mention] = []
    at: dict[int, list[Mention]] = {}  # position → kept mentions covering it
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.start, m.type.value)):
        overlapping = {id(o): o for i in range(mention.start, mention.end) for o in at.get(i, ())}
        if all(_may_coexist(mention, other) for other in overlapping.values()):
            kept.append(mention)
            for i in range(mention.start, mention.end):
                at.setdefault(i, []).append(mention)
    return sorted(kept, key=lambda m: (m.start, m.end, m.type.value))


def _may_coexist(inner: Mention, outer: Mention) -> bool:
    """Disjoint, or a region inside a body's name, or a parent body opening its unit's name."""
    if inner.end <= outer.start or outer.end <= inner.start:
        return True
    nested = outer.start <= inner.start and inner.end <= outer.end and (inner.start, inner.end) != (outer.start, outer.end)
    if not nested or outer.type is not EntityType.ORGANIZATION:
        return False
    return inner.type is EntityType.REGION or (inner.type is EntityType.ORGANIZATION and inner.start == outer.start)
