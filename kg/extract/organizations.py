"""Organisation mentions: region (or bare 省/市) + department tail, sub-units, listed companies,
national institutions."""

from __future__ import annotations

import bisect
import re

from kg.extract.base import HAN, Context, is_han, longest_word_pattern, make_mention, scan
from kg.extract.lexicon import Lexicon, Region
from kg.extract.segment import is_verb, word_tags
from kg.extract.vocab import DEPT_SUFFIXES, FUNCTIONS
from kg.model import Document, Mention, ORGANIZATION, PLATFORM, REGION

__all__ = ["UNIT_VERBS", "home_departments", "listed_companies", "national_institutions", "org_mentions", "sub_units",
           "village_bodies", "visited_halls"]


_FUNC = longest_word_pattern(FUNCTIONS)  # the longest first
_SUFFIX = "|".join(DEPT_SUFFIXES)
# What may follow a region (or a bare 省/市/县/区) to make an organisation's name.
# bodies whose name is complete without a department suffix (本溪市总工会)
_WHOLE_BODIES = ("海关|总工会|妇联|妇女联合会|团委|科协|残联|工商联|红十字会|纪委监委|纪委|监委|中级人民法院|人民法院|人民检察院|"
                 "农村商业银行|农商银行|农商行|银行(?![业保卡])|检察院|法院|博物馆|图书馆|美术馆|科技馆|档案馆|妇幼保健院")
_UNIT_SUFFIX = ("服务中心|管理中心|发展中心|促进中心|研究中心|指挥中心|活动中心|保护站|管理站|服务站|管理处|事务所|研究院|研究所|"
                "管理局|执法局|执法支队|执法大队|医院|分行|支行|分公司|集团|交易所|有限公司|股份有限公司|(?<!中)小学|中学|"
                "法院|检察院|仲裁委员会|仲裁中心|仲裁院|(?<!专业)合作社")
# a company's legal form, which may follow any unit's name (吉林省农业投资集团有限公司, 北京长峰医院股份有限公司)
_LEGAL_FORM = "股份有限公司|有限责任公司|有限公司"
# verbs that end a name: 临汾分别入选国家公立医院 is a sentence, not a hospital
UNIT_VERBS = "分别|包括|依托|入选|获评|获批|成为|列入|纳入|开展|推进|实施|建设|加快|支持|打造|推动|谋划|推出|设立|成立|组建|共同|共建|会见|会谈"
_UNIT_VERB = re.compile(UNIT_VERBS)
# function words that no unit's name holds (a name ends before them: 上海交通大学和中国科学院 is two bodies)
_NOT_IN_NAME = "的和是在了对为将从把被到"
_ORG_TAIL = re.compile(
    rf"(?P<gov>(?:人民)?政府)(?P<govsub>办公厅|办公室|门户网站|[{HAN}]{{2,4}}?室|(?:{_FUNC})(?:{_SUFFIX}))?"
    rf"|(?P<npc>人大|人民代表大会)(?P<npcsub>常委会|常务委员会)?"
    rf"|(?P<cppcc>政协)"
    rf"|(?P<party>党委|委)(?![员托屈婉])(?:(?P<partysub>(?:{_FUNC})(?:{_SUFFIX})(?<!委)|办公厅|办公室|常委会|巡视办|巡察办))?"
    rf"|(?P<dept>(?:{_FUNC})(?:和?(?:{_FUNC}))?(?:{_SUFFIX})|{_WHOLE_BODIES})(?![集园群门])"
    # any other named unit of the region, ended by a specific multi-character word
    rf"|(?P<unit>(?![级外内各与]|所有|全部|部分|其他)(?:(?!{UNIT_VERBS})[^\W\d_{_NOT_IN_NAME}]){{2,12}}?(?:{_UNIT_SUFFIX})(?:{_LEGAL_FORM})?"
    # a university or college named after its region (青海大学, 青海师范大学, 广西人工智能学院), not 大学生
    # (checked for verbs after the match, which costs less than a lookahead at every character)
    rf"|(?P<school>(?![级外内与])[^\W\d_{_NOT_IN_NAME}各]{{0,8}}?(?:大学|学院|专科学校)(?![生习])))"
)
# Han characters after which a bare 省/市/县/区 still starts a name (我省, 的市政府, 和省委)
_BARE_BEFORE = set("我们本该的和与及对由向在经即")
_BARE_LEVEL = re.compile("[省市州县区]")  # and 自治区, found by its 区
# Han characters that make 省/市 part of another word (城市, 都市, 各省, 全市)
_NOT_BARE_BEFORE = set("城都超各全该本外两三四五六七八九十诸")
_LEVEL_OF_BARE = {"省": "province", "自治区": "province", "市": "city", "州": "city", "县": "county", "区": "county"}
# a unit's own name holds no function word: 上海交通大学和中国科学院 is two bodies, 北京市人民医院等多家医院
# a list (but 与 may join its subjects: 中国科学院东莞材料科学与技术研究所, and 等 may follow 高: 高等研究院)
_SUB_UNIT = re.compile(rf"(办公厅|办公室)|((?!与)(?:[^\W\d_A-Za-z及等还{_NOT_IN_NAME}]|(?<=高)等){{2,10}}?"
                       r"(?:研究中心|学院|研究院|研究所|实验室|办公室|医院|分行|支行|分公司))")


def org_mentions(doc: Document, regions: list[Mention], ctx: Context, lex: Lexicon) -> list[Mention]:
    """Region (or bare 省/市/县/区) + department tail: 郴州市数据局, 省政务服务办, 市委, 省政府."""
    text = doc.text
    anchors: list[tuple[int, int, Region]] = []  # a bare anchor's text is a key of _LEVEL_OF_BARE
    for mention in regions:
        anchors.append((mention.start, mention.end, lex.regions[mention.code]))
    # a bare 省/市 stands for the document's own province or city: none, no bare anchors
    bare_levels = _bare_levels(ctx)
    covered = {i for m in regions for i in range(m.start, m.end)} if bare_levels else ()
    ends = sorted((m.end, m.code) for m in regions if m.start < m.end) if bare_levels else []
    for bare in _BARE_LEVEL.finditer(text) if bare_levels else ():
        i, end, level = bare.start(), bare.end(), bare.group(0)
        if level == "区" and text.endswith("自治", 0, i):  # (one character class scans faster than 自治区|[…])
            i, level = i - 2, "自治区"
        region = _named_just_before(text, ends, i, level, lex) or bare_levels.get(level)
        if region is None or i in covered:
            continue
        if i > 0 and text[i - 1] not in _BARE_BEFORE and is_han(text[i - 1]) and not (
                text.startswith(("政府", "委", "人大", "政协"), end) and text[i - 1] not in _NOT_BARE_BEFORE) \
                and not (level in ("省", "自治区") and is_verb(text[i - 2:i])):  # 组建省外贸集团, 提升省…研究院
            continue
        anchors.append((i, end, region))
    region_starts = sorted(m.start for m in regions)
    out = []
    for start, end, region in anchors:
        m = _ORG_TAIL.match(text, end)
        if m is None or (m.group("school") and _UNIT_VERB.search(m.group("school"))):
            continue
        i = bisect.bisect_left(region_starts, end)
        if i < len(region_starts) and region_starts[i] < m.end():
            continue  # 湖北省麻城市…局: the name belongs to the inner region
        canonical = _org_name(region, m)
        if (m.group("unit") or m.group("dept") in _AS_WRITTEN) and text[start:end] not in _LEVEL_OF_BARE:
            # a unit's name is as written (北京证券交易所, 上海交通大学); only a bare 省 / 市 needs its region
            canonical = text[start:m.end()]
        if m.group("govsub") == "门户网站":  # the government's portal is a platform, not a body
            out.append(make_mention(doc, start, m.end(), PLATFORM, canonical, "", region.code))
        elif canonical:
            committee = text[start:m.end("party")] if m.group("partysub") else ""  # (大同市委, without 中共)
            if m.group("party") and text.endswith("中共", 0, start):  # 中共江西省委
                start -= 2
            kind = _UNIT_KINDS.get(next((k for k in _UNIT_KINDS if canonical.endswith(k)), ""), "Agency")
            out.append(make_mention(doc, start, m.end(), ORGANIZATION, canonical, kind, region.code))
            out += _listed_departments(doc, m.end(), region)
            # a party committee's department names the committee where the text names it on its own too
            # (大同市委社会工作部 … 在大同市委、阳高县委机关), not otherwise (省委巡视办)
            parent_end = (m.end("gov") if m.group("govsub") else m.end("party") if committee
                          and text.count(committee) > 1 else 0)
            if parent_end:  # 白城市人民政府办公室 names 白城市人民政府 too
                parent = _org_name(region, _ORG_TAIL.match(text, end, parent_end))
                out.append(make_mention(doc, start, parent_end, ORGANIZATION, parent, "Agency", region.code))
    return out


def _bare_levels(ctx: Context) -> dict[str, Region]:
    """Each bare level (省, 市 …) that stands for a region in a document with ``ctx``, and the region;
    自治区 stands for an autonomous region's own (自治区党委 in a Guangxi text), 省 for a province's
    (not a municipality's: 北京 has no 省)."""
    out = {}
    for char, level in _LEVEL_OF_BARE.items():
        region = ctx.region_for(level)
        if region is not None and _fits_bare(char, region):
            out[char] = region
    return out


def _fits_bare(char: str, region: Region) -> bool:
    return region.name.endswith(char) if char in ("省", "自治区") else True


def _named_just_before(text: str, ends: list[tuple[int, str]], pos: int, char: str, lex: Lexicon) -> Region | None:
    """The region of the bare level's kind named just before it in the sentence (在湖南,省妇幼保健院、省人民医院);
    ``ends`` holds (end, code) of the regions named, in order."""
    i = bisect.bisect_right(ends, (pos, "\uffff")) - 1
    if i < 0 or pos - ends[i][0] > 20 or _SENTENCE_BREAK.search(text, ends[i][0], pos):
        return None
    region = lex.regions[ends[i][1]]
    return region if region.level == _LEVEL_OF_BARE.get(char) and _fits_bare(char, region) else None


_DEPT_ONLY = re.compile(rf"(?:{_FUNC})(?:和?(?:{_FUNC}))?(?:{_SUFFIX})(?![集园群{HAN}])|(?:{_FUNC})(?:和?(?:{_FUNC}))?(?:{_SUFFIX})")


def _listed_departments(doc: Document, pos: int, region: Region) -> list[Mention]:
    """成都市发展改革委、经信局: the departments listed after one region share its prefix."""
    out = []
    text = doc.text
    while text.startswith("、", pos):
        m = _DEPT_ONLY.match(text, pos + 1)
        if m is None:
            break
        out.append(make_mention(doc, m.start(), m.end(), ORGANIZATION, region.name + m.group(0), "Agency",
                            region.code))
        pos = m.end()
    return out


_DEPARTMENT_LIST = re.compile(rf"((?:[{HAN}]{{2,10}}、)+[{HAN}]{{2,10}})等部门")
# what may open a list of departments before the first one: 由发展改革委、… / 当地发改委、… / 协调住建局、…
_LIST_OPENER = re.compile(r"^.*(由|当地|协调|会同|联合|组织|牵头)")


def home_departments(doc: Document, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """Departments named without their region in a list closed by 等部门, in a text about one city
    or one that speaks for its region: 苏州…由发展改革委、市场监管局等部门牵头 (苏州市发展改革委 …)."""
    text = doc.text
    home = ctx.home if ctx.city is not None or ctx.speaks_for else None
    if home is None or "等部门" not in text:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for m in _DEPARTMENT_LIST.finditer(text):
        offset = m.start(1)
        for i, item in enumerate(m.group(1).split("、")):
            start = offset
            offset += len(item) + 1
            if i == 0 and (opener := _LIST_OPENER.match(item)):
                start, item = start + opener.end(), item[opener.end():]
            if _DEPT_ONLY.fullmatch(item) and not any(j in taken for j in range(start, start + len(item))):
                out.append(make_mention(doc, start, start + len(item), ORGANIZATION, home.name + item,
                                        "Agency", home.code))
    return out


# a village's or community's party body: 潭门村党支部, 军门社区党委, 德胜村党总支
_VILLAGE_BODY = re.compile("(?:村|社区)(?:党支部|党总支|党委)(?!员)")
# a town or street office just before a village's name (寿安镇岷江村)
_TOWN_ENDS = frozenset("镇乡")
# the last verb that may stand right before a village's name (担任张槐村党支部书记, 当选小台子村党支部书记)
_BEFORE_VILLAGE = re.compile(".*(?:担任|当选为|当选|选为|认识|来到|走进|成为|调任|出任|兼任)")
# the characters a village's or a hall's name does not begin with (该村, 本社区, 各村, 全村, 多地革命纪念馆) …
_NOT_NAME_FIRST = frozenset("该本各全每所这那我其此两多")
# … nor holds (从一名村党支部, 他又和村党支部)
_NOT_IN_VILLAGE = frozenset("的和与及从为又他她们一名在是了把被将对到")


def village_bodies(doc: Document, regions: list[Mention]) -> list[Mention]:
    """The party body of a village or community named before it: 海南省琼海市潭门村党支部 (placed in
    琼海市), 寿安镇岷江村党委, 。北河村党支部, 担任张槐村党支部; not 社区党委 or 经过社区党支部."""
    text = doc.text
    if "党" not in text:
        return []
    region_ends = {m.end: m for m in regions}
    out = []
    for m in _VILLAGE_BODY.finditer(text):
        start = _village_name_start(text, m.start(), region_ends)
        name = text[start:m.start()] if start >= 0 else ""
        # a verb, adverb, preposition … of two characters is no part of a name (经过社区党支部, 立刻上报社区党委)
        if not 2 <= len(name) <= 4 or name[0] in _NOT_NAME_FIRST \
                or not _NOT_IN_VILLAGE.isdisjoint(name) or any(
                word_tags().get(name[i:i + 2], "n")[:1] in "vdpcur" for i in range(len(name) - 1)):
            continue
        place = _region_before(text, start, region_ends)
        out.append(make_mention(doc, start, m.end(), ORGANIZATION, text[start:m.end()], "Agency",
                                place.code if place else ""))
    return out


def _village_name_start(text: str, end: int, region_ends: dict[int, Mention]) -> int:
    """Where the village's name that ends at ``end`` begins: after a region's name, a town's, a
    clause's start or a verb of office, at most five characters back; -1 when there is none."""
    def name_goes_on(pos: int) -> bool:  # a Han character before ``pos`` that ends no region's or town's name
        return pos > 0 and is_han(text[pos - 1]) and pos not in region_ends and text[pos - 1] not in _TOWN_ENDS

    start = end
    while end - start < 5 and name_goes_on(start):
        start -= 1
    if name_goes_on(start):
        verb = _BEFORE_VILLAGE.match(text, max(0, end - 7), end)
        return verb.end() if verb else -1
    return start


def _region_before(text: str, start: int, region_ends: dict[int, Mention]) -> Mention | None:
    """The region named right before ``start``, or before the town named there (温江区寿安镇)."""
    for pos in range(start, max(0, start - 6) - 1, -1):
        if pos in region_ends:
            return region_ends[pos]
        if pos < start and not is_han(text[pos]):
            return None
    return None


_UNIT_KINDS = {"大学": "Institute", "学院": "Institute", "中学": "Institute", "小学": "Institute", "集团": "Enterprise", "有限公司": "Enterprise", "交易所": "Enterprise", "医院": "Institute", "研究院": "Institute", "研究所": "Institute", "研究中心": "Institute",
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
    tail = m.group("dept") or m.group("unit")
    tail = _FULL_NAMES.get(tail, tail)  # 大渡口区检察院 is 大渡口区人民检察院
    if tail in _VERTICAL_BODIES:  # central bodies' local offices and banks are named after the place's short name
        return (region.short or region.name) + tail
    return region.name + tail


_FULL_NAMES = {"检察院": "人民检察院", "法院": "人民法院"}
_BANKS = ("农村商业银行", "农商银行", "农商行", "银行")
_HALLS = ("博物馆", "图书馆", "美术馆", "科技馆", "档案馆")
#: 深圳海关, 三亚海事局, 吉林农商行, 甘肃银行 (not 深圳市海关)
_VERTICAL_BODIES = frozenset(("海关", "海事局", *_BANKS))
#: bodies named as the text writes them after their place, not after its full name (苏州博物馆, 甘肃银行)
_AS_WRITTEN = frozenset((*_BANKS, *_HALLS))


def sub_units(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """A body's own office, school or hospital: 工业和信息化部 + 办公厅, 清华大学 + 公共管理学院,
    北京大学 + 口腔医院."""
    out = []
    for parent in mentions:
        if parent.type is not ORGANIZATION:
            continue
        m = _SUB_UNIT.match(doc.text, parent.end)
        # a hospital is a university's or a hospital's unit (北京大学口腔医院), not a ministry's
        if m is not None and (not m.group(0).endswith("医院") or parent.subtype == "Institute"):
            out.append(make_mention(doc, parent.start, m.end(), ORGANIZATION,
                                parent.name + m.group(0), parent.subtype, parent.code))
    return out


_COMPANY_KIND = re.compile(r"等(?:企业|公司|单位|机构|集团)")
_COMPANY_LIST = re.compile(rf"(?:[{HAN}A-Za-z]{{2,10}}、)+[{HAN}A-Za-z]{{2,10}}")
_SENTENCE_BREAK = re.compile("[。！？；;!?\n]")
#: the verbs of a visit, after which a place is the one visited (来到海康威视公司, 考察海康威视、强脑科技等企业)
_VISIT_VERBS = ("考察", "调研", "参观", "走访", "来到", "走进")
_VISITED_COMPANY = re.compile(rf"(?:{'|'.join(_VISIT_VERBS)})([{HAN}]{{2,8}}?)公司"
                              # a company's full legal name, after a visit, a place word or a list mark
                              rf"|(?:{'|'.join(_VISIT_VERBS)}|在|到|、|与|和)"
                              rf"((?:(?!来到|走进|考察|调研)[^\W\d_A-Za-z{_NOT_IN_NAME}与及、了]){{2,12}}?(?:股份有限|有限责任|有限))公司")
# a list of companies is named after a visit or an inclusion (考察海康威视、强脑科技等企业), not after any verb
_LIST_VERB = re.compile(f"^.*({'|'.join(_VISIT_VERBS)}|包括|引进|落户)")
_INSTITUTION_KINDS = (*_HALLS, "大剧院", "协会", "学会")
_INSTITUTION = re.compile(rf"(?:国家|中国)(?![一二三]级)[^\W\d_A-Za-z{_NOT_IN_NAME}由]{{2,8}}?(?:{'|'.join(_INSTITUTION_KINDS)})")


def listed_companies(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """海康威视、强脑科技、广立微电子等企业; 来到海康威视公司."""
    text = doc.text
    kinds = list(_COMPANY_KIND.finditer(text))
    visits = list(scan(_VISITED_COMPANY, text, ("公司",), 2 + 16))
    if not kinds and not visits:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for kind in kinds:
        window = _sentence_before(text, kind.start())
        verb = _LIST_VERB.match(window)
        if verb is None:
            continue  # 卫星数据应用、危化品重大危险源等企业: kinds of business, not names
        segment = window[verb.end():].removeprefix("了")
        if not _COMPANY_LIST.fullmatch(segment):
            continue
        offset = kind.start() - len(segment)
        # the place of a visit (在长沙,李强考察了…) is where the companies visited are
        place = _place_before(mentions, kind.start() - len(window), offset) if verb.group(1) in _VISIT_VERBS else None
        for item in segment.split("、"):
            start = text.index(item, offset)
            offset = start + len(item)
            if 2 <= len(item) <= 10 and not _is_common(item) and (
                    not any(j in taken for j in range(start, offset)) or _holds_names_only(mentions, start, offset)):
                # 长沙比亚迪汽车 is in 长沙; 湖南山河科技, visited in 株洲, is in 株洲
                named = _place_before(mentions, start, offset)
                where = named if named is not None and (place is None or named.subtype != "Province") else place
                out.append(make_mention(doc, start, offset, ORGANIZATION, item, "Enterprise",
                                        where.code if where is not None else ""))
    for m in visits:
        group = m.lastindex  # the short form after a visit, or a legal name
        name = m.group(group)
        if (not any(j in taken for j in range(m.start(group), m.end(group)))
                or group == 2 and _holds_names_only(mentions, m.start(group), m.end())) and not _is_common(name) \
                and name[0] != "了" and not _UNIT_VERB.search(name):
            # 来到海康威视公司 names 海康威视; 来到泰基离子技术有限公司 names the whole company
            if group == 2 and (m.start(group) - 1 in taken or len(name) < len("有限") + 4):
                continue  # the tail of a name found already (…控股有限公司), or too short a name (香港中和出版)
            # the place its name holds (内蒙古阿拉善…), else the place of the visit (在保定,李强来到同光半导体…)
            place = _place_before(mentions, m.start(group), m.end()) if group == 2 else None
            if place is None and text.startswith(_VISIT_VERBS, m.start()):
                place = _visit_place(text, m.start(), mentions)
            out.append(make_mention(doc, m.start(group), m.end(), ORGANIZATION,
                                    name + "公司" if group == 2 or name.endswith("有限") else name, "Enterprise",
                                    place.code if place is not None else ""))
    return out


# museums and memorial halls visited, one or a list: 来到北大荒博物馆、铁人王进喜纪念馆参观
_HALL = "博物馆|纪念馆|展览馆|陈列馆|博物院"
_HALL_VISITS = ("来到", "走进", "参观", "前往")
_VISITED_HALLS = re.compile(rf"(?:{'|'.join(_HALL_VISITS)})((?:[^\W\d_{_NOT_IN_NAME}、]{{2,14}}?(?:{_HALL})、)*"
                            rf"[^\W\d_{_NOT_IN_NAME}、]{{2,14}}?(?:{_HALL}))")


def visited_halls(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Museums and memorial halls a visit goes to (来到北大荒博物馆、铁人王进喜纪念馆参观), placed where
    their name says, else where the visit is."""
    text = doc.text
    if not any(word in text for word in ("馆", "博物院")):
        return []
    taken = {i for m in mentions if m.type is not REGION for i in range(m.start, m.end)}
    out = []
    for m in scan(_VISITED_HALLS, text, _HALL_VISITS, 2):
        offset = m.start(1)
        for item in m.group(1).split("、"):
            start, offset = offset, offset + len(item) + 1
            if (verb := _LAST_VISIT.search(item)) is not None:  # 来到江苏盐城市参观新四军纪念馆
                start, item = start + verb.end(), item[verb.end():]
            head = item[:-3]
            # (not 走进历史纪念馆 or 党史展览馆: a kind of hall, not its name)
            if any(j in taken for j in range(start, start + len(item))) or len(head) < 2 or _is_common(item) \
                    or item[0] in _NOT_NAME_FIRST \
                    or word_tags().get(head, "ns")[:2] not in ("ns", "nr", "nz", "nt"):
                continue
            place = _place_before(mentions, start, start + len(item)) or _visit_place(text, m.start(), mentions)
            out.append(make_mention(doc, start, start + len(item), ORGANIZATION, item, "Institute",
                                    place.code if place is not None else ""))
    return out


_LAST_VISIT = re.compile(f".*(?:{'|'.join(_HALL_VISITS)}|寻访)")


def _visit_place(text: str, pos: int, mentions: list[Mention]) -> Mention | None:
    """Where a visit at ``pos`` is: the region after 在 earlier in its sentence (在保定,李强来到…), else the
    place of the tour the text reports (丁薛祥…在北京调研…。丁薛祥首先来到…)."""
    visited = _place_before(mentions, pos - len(_sentence_before(text, pos)), pos)
    if visited is not None and text[visited.start - 1:visited.start] == "在":
        return visited
    return _tour_place(text, mentions)


# the place of a leader's tour: 在北京调研, 到黑龙江调研 (a tour of several places, 在四川、重庆调研, has no one place)
_TOUR = re.compile(r"[在到]([^\W\d_]{2,8}?)(?:考察调研|调研|考察)")


def _tour_place(text: str, mentions: list[Mention]) -> Mention | None:
    """The region a text's tour is in, as its first sentence says (…3日上午在北京调研…), or None."""
    first = _TOUR.search(text, 0, text.find("。") + 1 or len(text))
    if first is None:
        return None
    return next((m for m in mentions if m.type is REGION and m.start == first.start(1) and m.end == first.end(1)), None)



def _sentence_before(text: str, pos: int) -> str:
    """The part of ``pos``'s sentence before it, up to 60 characters."""
    return _SENTENCE_BREAK.split(text[max(0, pos - 60):pos])[-1]


def _place_before(mentions: list[Mention], start: int, end: int) -> Mention | None:
    """The last region named in ``[start, end)``."""
    return next((m for m in reversed(mentions) if m.type is REGION and start <= m.start and m.end <= end
                 and m.start < m.end), None)


def _holds_names_only(mentions: list[Mention], start: int, end: int) -> bool:
    """Whether the names found in ``text[start:end]`` lie inside it and none fills it: a listed
    company named after its place or its group (长沙比亚迪汽车, 中国铁建重工)."""
    inside = [m for m in mentions if m.start < end and start < m.end]
    return all(start <= m.start and m.end <= end and m.end - m.start < end - start for m in inside)


_GENERIC_BODIES = frozenset("科研院所 科研机构 高校 高等院校 院校 企业 国企 央企 民企 中小企业 龙头企业 金融机构 社会组织 "
                            "部门 单位 学校 医院 银行 政府 市场主体 平台企业".split())


def _is_common(word: str) -> bool:
    """A kind of body (科研院所, 高校) or an ordinary dictionary word, rather than a name."""
    if word in _GENERIC_BODIES:
        return True
    tag = word_tags().get(word)
    return tag is not None and (tag[0] != "n" or tag in ("n", "vn"))


def national_institutions(doc: Document) -> list[Mention]:
    """国家自然博物馆, 中国地质博物馆: national institutions named by their kind."""
    return [make_mention(doc, m.start(), m.end(), ORGANIZATION, m.group(0), "Institute")
            for m in scan(_INSTITUTION, doc.text, _INSTITUTION_KINDS, 2 + 8)]
