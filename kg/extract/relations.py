"""Relations between the mentions of one document, each with its sentence.

Rules, in the order of the annotation guide:

* ``locatedIn`` — a body whose name starts with a region (郴州市数据局 → 郴州市);
* ``partOf`` (organisations) — a sub-unit and its parent (工业和信息化部办公厅 →
  工业和信息化部), a lexicon parent named in the same document, or 「A 作为 B 的 … 部门」;
* ``servesRegion`` — the lexicon's region, a name that starts with a region's
  abbreviation (赣服通 → 江西省, 郴政通 → 郴州市), a region that builds it in the
  same clause, else the document's home region;
* ``operatedBy`` — a body that builds or upgrades the platform in the sentence,
  else the author's body when the sentence says it is upgraded or built;
* ``issuedBy`` — 「X 印发 / 出台 / 发布《…》」 (each of the bodies listed: 「X、Y 联合印发」),
  「由 X 发布的《…》」, 「X关于…的决定」, 「《…法》已由 X …通过」, and the body of the meeting that
  passed it (「国务院常务会议…审议通过《…》」);
* ``implementedIn`` — the most specific region named in the policy's sentence (and the
  regions listed with it), else the region of a local issuer, else the document's home region;
  a regional strategy only in its own provinces, a report or a rule of national scope nowhere.

``partOf`` between regions is a fact of the gazetteer and is added corpus-wide
by :mod:`kg.resolve`.
"""

from __future__ import annotations

import bisect
import re

from kg.extract.lexicon import Lexicon, Region
from kg.extract.base import Context
from kg.extract.sentences import sentence_spans
from kg.model import (Document, IMPLEMENTED_IN, ISSUED_BY, LOCATED_IN, Mention, OPERATED_BY, ORGANIZATION,
                      PART_OF, PLATFORM, POLICY, REGION, RelationMention, RelationType, SERVES_REGION)

__all__ = ["find_relations"]

# what joins bodies that issue a policy together: 中共中央办公厅、国务院办公厅印发, 公安部日前联合国家发展改革委
_JOINED = re.compile("[、和与及 ]?|(?:日前|近日)?(?:联合|会同)")
# 《中华人民共和国黄河保护法》已由…全国人民代表大会常务委员会第三十七次会议…通过
_ADOPTED_BY = re.compile(r"(?:已经?|业已)?由(?:中华人民共和国)?(?:第[一二三四五六七八九十]+届)?")
_ADOPTED = re.compile("通过|批准|印发|发布")
# a meeting that passed a policy: 国务院常务会议…审议通过《…》, 会议讨论并原则通过《…》
_MEETINGS = ("常务会议", "全体会议", "会议")
_PASSED = re.compile("(会议)?(?:审议|讨论|表决)?并?(?:原则)?通过了?$")
_ISSUE = re.compile(r"^[^,,;。]{0,12}?(印发|出台|发布|颁布|制定|公布|审议通过|发出)(了)?(的)?$")
_BUILD = re.compile(r"打造|建设|建成|搭建|推出|上线|开发|升级|改造|运营|迭代|研发")
_CLAUSE_BREAK = re.compile(r"[,,;]")
# the kind word ending a platform's name: 北京12345市民热线 → 北京12345市民
_PLATFORM_KIND = re.compile(r"(政务服务便民热线|热线|平台|APP|小程序|客户端)$")
_DEPT_OF = re.compile(r"^(作为|是)[^,,;。]{0,12}$")
_DEPT_AFTER = re.compile(r"^[^,,;。]{0,8}(部门|组成部门|工作部门|直属机构|直属单位|下属单位)")
_VENUE = re.compile(r"[^,,。;]{0,4}(举行|召开|举办|开幕|闭幕)")  # 在广州举行: where an event was, not whose
_LOCAL = re.compile(r"当地|该市|该省|该县|该区|本地")
_DATELINE = re.compile(r"\d{1,2}月\d{1,2}日(电|讯)")
_REPORT = re.compile(r"(?:报告|白皮书|蓝皮书|公报)(?:[(（][^()（）]{1,12}[)）])?》?$")
_NATIONAL = ("全国", "国家", "中国")  # a platform whose name opens with one of these is the country's
# the laws and rules a decision cites as its basis, up to the policy: 依据《A》《B》、《C》
_CITED = re.compile(r"(?:依据|依照)(?:《[^《》]{1,40}》[、和及与]?)*$")
_LEVEL_RANK = {"Province": 0, "City": 1, "County": 2}
_REGION_JOINS = frozenset(("、", "和", "及", "与"))  # what joins the regions of a list


def find_relations(doc: Document, mentions: list[Mention], ctx: Context, lex: Lexicon,
                   *, author_orgs: tuple[Mention, ...] = ()) -> list[RelationMention]:
    """Relation mentions of one document (affiliations come from :mod:`kg.extract.persons`)."""
    if not any(m.type in _RELATED_TYPES for m in mentions) and not _adjacent_regions(mentions):
        return []  # nothing for the rules below to start from: no need to split the sentences
    spans = sentence_spans(doc.text)
    starts = [s for s, _ in spans]

    def sentence_of(m: Mention) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(starts, m.start) - 1)
        return spans[i] if spans else (0, len(doc.text))

    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(sentence_of(m), []).append(m)
    finder = _Finder(doc, ctx, lex, by_sentence, sentence_of, author_orgs)
    out: list[RelationMention] = []
    out += finder.stated_containment(mentions)
    for m in mentions:
        if m.type is ORGANIZATION:
            out += finder.org_relations(m)
        elif m.type is PLATFORM:
            out += finder.platform_relations(m)
        elif m.type is POLICY:
            out += finder.policy_relations(m)
    return out


# the types whose mentions the rules below start from (regions also start stated containment)
_RELATED_TYPES = frozenset({ORGANIZATION, PLATFORM, POLICY})


def _adjacent_regions(mentions: list[Mention]) -> bool:
    ends = {m.end for m in mentions if m.type is REGION and m.start != m.end}
    return any(m.start in ends for m in mentions if m.type is REGION)


def _joint_provinces(name: str, lex: Lexicon) -> list[Region]:
    """The provinces whose abbreviations open ``name`` (川渝通办 → 四川省, 重庆市), if two or more do."""
    name = name.strip("“”《》")
    provinces = []
    for char in name:
        region = lex.province_abbrs.get(char)
        if region is None:
            break
        provinces.append(region)
    if any(name[:n] in lex.region_words for n in range(2, len(provinces) + 1)):
        return []  # 辽宁优品: 辽 and 宁 are abbreviations, but 辽宁 is one province's name
    distinct = list(dict.fromkeys(provinces))
    return distinct if len(distinct) >= 2 and len(provinces) < len(name) else []


class _Finder:
    def __init__(self, doc, ctx, lex, by_sentence, sentence_of, author_orgs):
        self.doc, self.ctx, self.lex = doc, ctx, lex
        self.by_sentence, self.sentence_of = by_sentence, sentence_of
        self.author_orgs = author_orgs
        self.orgs_named = {}
        for ms in by_sentence.values():
            for m in ms:
                if m.type is ORGANIZATION:
                    self.orgs_named.setdefault(m.name, m)
        # platforms a mention places by its own name or neighbours (adjacent region, builder)
        self.named_platforms = {m.name for ms in by_sentence.values() for m in ms
                                if m.type is PLATFORM and (m.code or self._region_just_before(m)
                                                                      or self._region_building(m))}

    def evidence(self, m: Mention) -> str:
        s, e = self.sentence_of(m)
        return self.doc.text[s:e].strip()

    def neighbours(self, m: Mention) -> list[Mention]:
        return self.by_sentence.get(self.sentence_of(m), [])

    def region_mention(self, anchor: Mention, code: str) -> Mention:
        """A mention of the region with ``code`` in ``anchor``'s sentence, else an empty-span one."""
        for other in self.neighbours(anchor):
            if other.type is REGION and other.code == code:
                return other
        region = self.lex.regions[code]
        return Mention(self.doc.id, anchor.start, anchor.start, "", REGION,
                       region.name, region.subtype, region.code)

    def rel(self, head: Mention, type_: RelationType, tail: Mention, role: str = "") -> RelationMention:
        return RelationMention(head, type_, tail, self.evidence(head), role)

    # regions -------------------------------------------------------------
    def stated_containment(self, mentions: list[Mention]) -> list[RelationMention]:
        """福建厦门集美区, 四川省德阳市: a region written right before its own subdivision."""
        regions = [m for m in mentions if m.type is REGION and m.start != m.end]
        out = []
        for parent, child in zip(regions, regions[1:]):
            if child.start == parent.end and self.lex.regions[child.code].parent == parent.code:
                out.append(self.rel(child, PART_OF, parent))
        return out

    # organisations -------------------------------------------------------
    def org_relations(self, org: Mention) -> list[RelationMention]:
        out = []
        if org.code:
            out.append(self.rel(org, LOCATED_IN, self.region_mention(org, org.code)))
        for other in self.neighbours(org):
            if other is org or other.type is not ORGANIZATION:
                continue
            if other.start == org.start and other.end < org.end:
                out.append(self.rel(org, PART_OF, other))
            elif other.start >= org.end and self._is_department_of(org, other):
                out.append(self.rel(org, PART_OF, other))
        # a lexicon parent counts when the name shows it (国务院办公厅 → 国务院), not from world knowledge alone
        # and a congress's standing committee is part of the congress where the text names that too
        parent = next((e.link for e in self.lex.entries(org.text) if e.link), "") or org.name.removesuffix("常务委员会")
        if parent and parent != org.name and parent in self.orgs_named and org.name.startswith(parent):
            out.append(self.rel(org, PART_OF, self.orgs_named[parent]))
        return out

    def _is_department_of(self, org: Mention, other: Mention) -> bool:
        text = self.doc.text
        return bool(_DEPT_OF.match(text[org.end:other.start]) and _DEPT_AFTER.match(text[other.end:other.end + 12]))

    # platforms -----------------------------------------------------------
    def platform_relations(self, platform: Mention) -> list[RelationMention]:
        out = []
        region = self._served_region(platform)
        if region is not None:
            out.append(self.rel(platform, SERVES_REGION, region))
        operator = self._operator(platform)
        if operator is not None:
            out.append(self.rel(platform, OPERATED_BY, operator))
        return out

    def _served_region(self, platform: Mention) -> Mention | None:
        if platform.code:  # named after its region: 福建省人民政府门户网站
            return self.region_mention(platform, platform.code)
        adjacent = self._region_just_before(platform)
        if adjacent is not None:  # 山东临沂市“12345”政务服务热线
            return adjacent
        if platform.name.startswith(_NATIONAL):
            return None  # 全国农机作业指挥调度平台 serves the whole country, wherever the text is
        for entry in self.lex.entries(platform.text) or self.lex.entries(platform.name):
            if entry.type is PLATFORM and entry.link:
                regions = self.lex.regions_named(entry.link)
                return self.region_mention(platform, regions[0].code) if regions else None
            if entry.type is PLATFORM and not entry.short:
                return None  # a national system
        first = platform.name[:1]
        city = self.ctx.city
        if city is not None and city.short[:1] == first:  # 郴政通 in a Chenzhou text
            return self.region_mention(platform, city.code)
        if first in self.lex.province_abbrs:  # 赣服通: the province's abbreviation
            return self.region_mention(platform, self.lex.province_abbrs[first].code)
        province = self.ctx.province
        if province is not None and first in (province.short[:1], province.name[:1]):  # 海政通 in Hainan
            return self.region_mention(platform, province.code)
        builder = self._region_building(platform)
        if builder is not None:
            return builder
        if platform.name in self.named_platforms:
            return None  # another mention of this platform names its region: no guess for this one
        recent = self._recent_region(platform)
        if recent is not None:
            return recent
        home = self.ctx.home
        return self.region_mention(platform, home.code) if home else None

    def _region_just_before(self, platform: Mention) -> Mention | None:
        for other in self.neighbours(platform):
            if other.type is REGION and other.start != other.end and \
                    0 <= platform.start - other.end <= 1 and self.doc.text[other.end:platform.start] in ("", "“"):
                return other
        return None

    def _region_building(self, platform: Mention) -> Mention | None:
        text = self.doc.text
        for other in sorted(self.neighbours(platform), key=lambda m: -m.end):
            if other.type is REGION and other.end <= platform.start:
                between = text[other.end:platform.start]
                if len(between) <= 12 and _BUILD.search(between) and not _CLAUSE_BREAK.search(between):
                    return other
        return None

    def _operator(self, platform: Mention) -> Mention | None:
        text = self.doc.text
        # a national system's operator, where the sentence names it (国家医保局表示，…推动医保码实现“全国通”)
        operators = {e.operator for e in self.lex.entries(platform.text) if e.type is PLATFORM and e.operator}
        for other in self.neighbours(platform) if operators else ():
            if other.type is ORGANIZATION and other.name in operators:
                return other
        for other in self.neighbours(platform):  # the body that names it: 国家移民管理局政务服务平台
            if other.type is ORGANIZATION and other.start == platform.start and other.end < platform.end \
                    and platform.name.startswith(other.name):
                return other
        key = _PLATFORM_KIND.sub("", platform.text)
        key = key if len(key) >= 3 else ""
        for org in self.orgs_named.values():  # 北京12345市民热线服务中心 runs the 12345 hotline
            if key and key in org.text and org.text.endswith(("中心", "局", "办", "办公室")):
                return org
        for other in sorted(self.neighbours(platform), key=lambda m: -m.end):
            if other.type is ORGANIZATION and other.end <= platform.start:
                between = text[other.end:platform.start]
                if len(between) <= 15 and _BUILD.search(between) and not _CLAUSE_BREAK.search(between):
                    return other
        # a first-person article by a body (作者系…) that builds the platform, naming no other body
        clause_end = self._clause_end(platform)
        if self.author_orgs and _BUILD.search(text[platform.end:clause_end]) and not any(
                m.type is ORGANIZATION for m in self.neighbours(platform)):
            return self.author_orgs[0]
        return None

    # policies ------------------------------------------------------------
    def policy_relations(self, policy: Mention) -> list[RelationMention]:
        out = []
        issuers = self._issuers(policy)
        out += [self.rel(policy, ISSUED_BY, issuer) for issuer in issuers]
        issuer = issuers[-1] if issuers else None
        entries = [e for e in self.lex.entries(policy.text) if e.type is POLICY]
        if any(e.short for e in entries):
            return out  # 中央八项规定 binds the whole country: no one region implements it
        covered = {code for e in entries for code in e.regions}
        if covered:  # 京津冀协同发展: a regional strategy, carried out in those of its provinces the sentence
            # names, and in the text's own province (李强在河北调研 … 在推进京津冀协同发展中展现新作为)
            named = {m.code for m in self._free_regions(self.neighbours(policy))}
            named |= {self.ctx.province.code} if self.ctx.province is not None else set()
            return out + [self.rel(policy, IMPLEMENTED_IN, self.region_mention(policy, code))
                          for code in sorted(named & covered)]
        if _REPORT.search(policy.name):
            return out  # 《中国营商环境发展报告(2026)》 tells what is: a report is put into effect nowhere
        if _CITED.search(self.doc.text, max(0, policy.start - 80), policy.start):
            return out  # 依据《问责条例》《监察法》等有关规定: a law the decision rests on, not one put into effect
        joint = _joint_provinces(policy.name, self.lex) or self._joint_provinces_before(policy) if issuer is None else []
        if joint:  # 川渝通办, 闽宁协作: a reform of the provinces its name opens with (not a national law's)
            return out + [self.rel(policy, IMPLEMENTED_IN, self.region_mention(policy, r.code)) for r in joint]
        region = self._implementing_region(policy, issuer)
        if region is not None:
            out += [self.rel(policy, IMPLEMENTED_IN, r) for r in self._regions_listed_with(region, policy)]
        return out

    def _regions_listed_with(self, region: Mention, policy: Mention) -> list[Mention]:
        """The region and the regions listed with it before the policy, as the sentence's subject
        (浙江、安徽、福建、河南、重庆、四川等8个重点省市开展…专项行动), of one level; else the region alone."""
        if region.start >= policy.start or region.start == region.end:
            return [region]
        text = self.doc.text
        free = sorted((m for m in self._free_regions(self.neighbours(policy)) if m.end <= policy.start),
                      key=lambda m: m.start)
        i = next((k for k, m in enumerate(free) if m is region), None)
        if i is None:  # a region of an earlier sentence: the paragraph's topic
            return [region]
        start = end = i
        while start > 0 and text[free[start - 1].end:free[start].start] in _REGION_JOINS:
            start -= 1
        while end + 1 < len(free) and text[free[end].end:free[end + 1].start] in _REGION_JOINS:
            end += 1
        run = free[start:end + 1]
        if len(run) < 2 or len({m.subtype for m in run}) > 1:
            return [region]
        return run

    def _joint_provinces_before(self, policy: Mention) -> list[Region]:
        """川渝“一件事一次办”: the provinces whose abbreviations stand right before the policy's name."""
        text = self.doc.text
        start = policy.start - (text[policy.start - 1:policy.start] in ("“", "《"))
        for n in (3, 2):
            letters = text[max(0, start - n):start]
            regions = [self.lex.province_abbrs.get(c) for c in letters]
            if len(letters) == n and all(regions) and letters not in self.lex.region_words \
                    and len(set(regions)) == n:
                return regions
        return []

    def _free_regions(self, mentions: list[Mention]) -> list[Mention]:
        """Regions named on their own: not inside another name, not a news dateline (新华社北京6月24日电)."""
        others = [m for m in mentions if m.type is not REGION and m.start != m.end]
        text = self.doc.text
        return [m for m in mentions if m.type is REGION and m.start != m.end
                and not any(o.start <= m.start and m.end <= o.end for o in others)
                and not _DATELINE.match(text, m.end)]

    def _last_region_before(self, pos: int) -> Mention | None:
        """The subject region (the first named) of the last sentence before ``pos`` that names one."""
        for (s, e), ms in sorted(self.by_sentence.items(), reverse=True):
            regions = sorted(self._free_regions(ms), key=lambda m: m.start)
            if e <= pos and regions:
                return regions[0]
        return None

    def _recent_region(self, anchor: Mention) -> Mention | None:
        """In a text that speaks for no region (news about several places), the place last named
        before ``anchor`` in its paragraph; a report speaking for its province keeps its home (a text
        whose 全省 has no province the text names most speaks for none: 北京、江西 in one item)."""
        if self.ctx.speaks_for and self.ctx.home is not None:
            return None
        start = self.doc.text.rfind("\n", 0, anchor.start) + 1
        text = self.doc.text
        regions = [m for ms in self.by_sentence.values() for m in self._free_regions(ms)
                   if start <= m.start and m.end <= anchor.start and not _VENUE.match(text, m.end)]
        return max(regions, key=lambda m: m.start) if regions else None

    def _paragraph_topic(self, anchor: Mention) -> Mention | None:
        """The region a paragraph opens with (浙江省围绕…), the subject of its later sentences."""
        start = self.doc.text.rfind("\n", 0, anchor.start) + 1
        regions = sorted((m for ms in self.by_sentence.values() for m in ms
                          if m.type is REGION and start <= m.start < anchor.start), key=lambda m: m.start)
        topic = next((m for m in regions if m.start <= start + 2), None)
        for m in regions:  # 青海西宁…: the most specific of the regions written one after another
            if topic is not None and m.start == topic.end and self.lex.regions[m.code].parent == topic.code:
                topic = m
        return topic

    def _issuers(self, policy: Mention) -> list[Mention]:
        """The bodies that issue or adopt the policy: 中共中央办公厅、国务院办公厅印发《…》 (each one
        of bodies joined by 、 or 和), 《…法》已由…全国人民代表大会常务委员会…通过, or the lexicon's issuer."""
        text = self.doc.text
        before = sorted((m for m in self.neighbours(policy) if m.type is ORGANIZATION and m.end <= policy.start),
                        key=lambda m: -m.end)
        for i, other in enumerate(before):
            if _ISSUE.match(text[other.end:policy.start]) or other.end == policy.start and policy.text.startswith("关于"):
                issuers = [other]
                for earlier in before[i + 1:]:  # the bodies listed before it
                    if not earlier.start < earlier.end <= issuers[-1].start \
                            or not _JOINED.fullmatch(text, earlier.end, issuers[-1].start):
                        break
                    issuers.append(earlier)
                return issuers[::-1]
        adopted = _ADOPTED_BY.match(text, policy.end)
        if adopted is not None:
            body = min((m for m in self.neighbours(policy) if m.type is ORGANIZATION
                        and adopted.end() <= m.start <= adopted.end() + 12), key=lambda m: m.start, default=None)
            if body is not None and _ADOPTED.search(text, body.end, self._clause_end(body)):
                return [body]
        passed = _PASSED.search(text, max(0, policy.start - 12), policy.start)
        if passed is not None and (meeting := self._meeting_before(policy, passed.group(1))) is not None:
            return [meeting]
        for entry in self.lex.entries(policy.text.strip("《》")):
            if entry.type is POLICY and entry.link in self.orgs_named:
                return [self.orgs_named[entry.link]]
        return []

    def _meeting_before(self, policy: Mention, subject: str) -> Mention | None:
        """The body whose meeting passed the policy: 国务院常务会议…审议通过《…(草案)》 in the sentence
        (the nearest), or, after 会议通过, the first meeting the text names (the one it reports on, not
        one whose spirit it follows: 为深入贯彻落实中央政治局会议精神)."""
        s, _ = self.sentence_of(policy)
        text = self.doc.text
        meetings = [m for ms in self.by_sentence.values() for m in ms if m.type is ORGANIZATION
                    and m.start < m.end <= policy.start and text.startswith(_MEETINGS, m.end)]
        if subject:
            return min(meetings, key=lambda m: m.start, default=None)
        return max((m for m in meetings if m.start >= s), key=lambda m: m.end, default=None)

    def _clause_end(self, m: Mention) -> int:
        """Where the clause that ``m`` ends in ends."""
        _, end = self.sentence_of(m)
        found = [i for i in (self.doc.text.find(c, m.end, end) for c in ",,;") if i >= 0]
        return min(found, default=end)

    def _implementing_region(self, policy: Mention, issuer: Mention | None) -> Mention | None:
        if policy.code and policy.text.startswith("《"):  # 《广东省科技创新条例》: its title names its region
            return self.region_mention(policy, policy.code)
        regions = self._free_regions(self.neighbours(policy))
        s, _ = self.sentence_of(policy)
        if _LOCAL.search(self.doc.text, s, policy.start):  # 当地推出…: the place the text was just talking about
            earlier = self._last_region_before(s)
            if earlier is not None:
                return earlier
        if regions and self.ctx.speaks_for and self.ctx.home is not None \
                and all(m.start > policy.start for m in regions):
            # a report speaking for its region carries the policy out there; the places named after the
            # policy are where it acts (深入推进“多规合一”,优化两江新区、北碚区国土空间分区规划)
            return self.region_mention(policy, self.ctx.home.code)
        if regions:
            return max(regions, key=lambda m: (_LEVEL_RANK[m.subtype], m.start < policy.start,
                                               -abs(m.start - policy.start)))
        if issuer is not None and issuer.code:
            return self.region_mention(policy, issuer.code)
        if policy.code:
            return self.region_mention(policy, policy.code)
        topic = self._paragraph_topic(policy) or (self._recent_region(policy) if policy.subtype != "PolicyDocument"
                                                  else None)
        if topic is not None:
            return topic
        if issuer is not None or policy.subtype == "PolicyDocument" and not self.ctx.speaks_for:
            return None
        home = self.ctx.home
        return self.region_mention(policy, home.code) if home else None
