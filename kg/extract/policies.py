"""Policy mentions: 《》 documents and their short titles, numbered packages and measures,
dated plans, region-named programmes and reforms, laws named in the text."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.base import HAN, HAN_RUN, Context, is_han, make_mention, scan
from kg.extract.lexicon import Lexicon
from kg.extract.organizations import UNIT_VERBS
from kg.extract.segment import is_verb
from kg.model import Document, Mention, ORGANIZATION, POLICY

__all__ = ["apply_short_titles", "body_titled_documents", "numbered_measures", "package_mentions", "regional_programmes", "titled_mentions"]


_TITLE = re.compile(r"《([^《》\n]{2,60})》")
_DOC_WORDS = re.compile(r"(意见|规划|办法|条例|方案|通知|决定|规定|措施|纲要|计划|指南|细则|标准|报告|白皮书|蓝皮书|法|公报|制度|清单|目录|纲领|战略|若干政策|协议|备忘录|公约|要点|指引|导则|章程)$")
_DRAFT = re.compile(r"[(（](草案|试行|征求意见稿|修订草案|修正草案|送审稿|修订|\d{4}\s*[-—–~至]\s*\d{4}年?|\d{4}年?版?)[)）]$")


_SHORT_TITLE = re.compile(r"《([^《》\n]{2,60})》\s*\((?:以下)?简称[“《]([^”》]{1,20})[”》]\)")


def apply_short_titles(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Short titles name a full one: 《…指导意见》(以下简称《指导意见》), or 《决定》 after one 《…的决定》.

    A bare short title (《意见》, 《通知》) that names no full title of the document is dropped.
    """
    if not any(m.type is POLICY or m.subtype == "PolicyDocument" for m in mentions):
        return mentions
    full = {}
    for m in _SHORT_TITLE.finditer(doc.text):
        full[f"《{m.group(2)}》"] = full[m.group(2)] = f"《{m.group(1)}》"
    titles = [m.name for m in mentions if m.subtype == "PolicyDocument"]
    out = []
    for mention in mentions:
        name = mention.name
        if mention.type is POLICY and name in full:
            out.append(replace(mention, canonical=full[name]))
        elif mention.subtype == "PolicyDocument" and len(name) <= 6:
            longer = {t for t in titles if len(t) > len(name) and t.endswith(name[1:])}
            if len(longer) == 1:
                out.append(replace(mention, canonical=longer.pop()))
        else:
            out.append(mention)
    return out


def titled_mentions(doc: Document, lex: Lexicon) -> list[Mention]:
    """《…》 titles that name a policy document (意见, 规划, 办法 …); one whose title opens with a region's
    full name (《广东省科技创新条例》) is that region's."""
    out = []
    for m in _TITLE.finditer(doc.text):
        title = m.group(1)
        if _DOC_WORDS.search(_DRAFT.sub("", title)):
            own = next((r for n in range(min(len(title), 12), 2, -1) for r in lex.regions_named(title[:n])
                        if r.name == title[:n]), None)
            out.append(make_mention(doc, m.start(), m.end(), POLICY, f"《{title}》", "PolicyDocument",
                                    own.code if own is not None else ""))
    return out


# a document named by its body without title marks: 全国人大常委会关于…的决定, 国务院办公厅关于…的意见
_ABOUT = re.compile(r"关于(?:[^,，。;；:：!?“”《》\n]|《[^《》\n]{1,40}》){2,60}?的(?:决定|决议|意见|通知|规定|办法|批复)"
                    r"(?![\w《])")


def body_titled_documents(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """关于…的决定 written right after the body that issued it (the body is named apart, as the
    issuer: see :mod:`kg.extract.relations`); a title in 《》 is :func:`titled_mentions`'s."""
    if "关于" not in doc.text:
        return []
    text = doc.text
    out = []
    for m in mentions:
        if m.type is ORGANIZATION and text.startswith("关于", m.end) and (found := _ABOUT.match(text, m.end)):
            out.append(make_mention(doc, m.end, found.end(), POLICY, f"《{found.group(0)}》", "PolicyDocument"))
    return out


_PACKAGE = re.compile(rf"[{HAN}]{{0,6}}?(?:新政|政策|措施|举措|条例)\d{{1,3}}条")


def package_mentions(doc: Document, regions: list[Mention]) -> list[Mention]:
    """Numbered policy packages named after a region: 郴州人才新政52条."""
    out = []
    if "条" not in doc.text:  # every package ends with its count of 条
        return out
    for region in regions:
        m = _PACKAGE.match(doc.text, region.end)
        if m is not None:
            out.append(make_mention(doc, region.start, m.end(), POLICY,
                                doc.text[region.start:m.end()], "Initiative", region.code))
    return out


_LOCAL_LAW_KINDS = ("条例", "办法", "规定")
_LOCAL_LAW = re.compile(rf"[{HAN}]{{2,14}}?({'|'.join(_LOCAL_LAW_KINDS)})(?=[^{HAN}]|等|$)")
_PROGRAMME_PREFIX = ("数字", "智慧")
# words of a sentence about making a law, not of its name: 天津将制定城市更新条例, 香港特区全面贯彻实施香港国安条例
_LAW_CLAUSE = re.compile("将|还|已|出台|制定|修订|起草|立法|贯彻|实施|从|审议|通过")


# (a function word inside makes a clause: 苏州近期又由发展改革委 …)
_REGION_REFORM = re.compile(r"(?!国家级|全面|深化)[^\W\d_的和与及、是在对由又也还已将了把被从向]{3,10}?改革"
                            r"(?!开放|发展|稳定|试验|试点|示范)")
# a verb or a count inside is a sentence about reforms, not one reform's name
_NOT_A_REFORM = re.compile(UNIT_VERBS + "|系列|一批|多项|各项")


def regional_programmes(doc: Document, regions: list[Mention], ctx: Context) -> list[Mention]:
    """数字重庆, 智慧蓉城-style programmes named after a region, a region's own 条例 / 办法 (and those
    listed after it), and a reform named right after its region (浙江政务服务增值化改革)."""
    out = []
    text = doc.text
    reforms = "改革" in text
    laws = any(kind in text for kind in _LOCAL_LAW_KINDS)
    for region in regions:
        if reforms and (m := _REGION_REFORM.match(text, region.end)) and not text.startswith(("省", "市"), region.end) \
                and not _NOT_A_REFORM.search(m.group(0)):
            out.append(make_mention(doc, region.end, m.end(), POLICY, m.group(0), "Initiative", region.code))
        if text[region.start - 2:region.start] in _PROGRAMME_PREFIX and text[region.end:region.end + 1] not in "省市县区":
            out.append(make_mention(doc, region.start - 2, region.end, POLICY,
                                text[region.start - 2:region.end], "Initiative", region.code))
        if laws:  # (_local_laws reads the law's name after the region, if there is one)
            out += _local_laws(doc, region.start, region.end, text[region.start:region.end], region.code)
    seen = set()
    for kind in _LAW_KIND.finditer(text) if laws else ():  # 推动出台自治区数据条例: a bare level is the text's region
        for m in _BARE_LAW_LEVEL.finditer(text, max(0, kind.start() - 17), kind.end()):
            if m.start() in seen:
                continue
            seen.add(m.start())
            region = ctx.region_for(_BARE_LAW_LEVELS[m.group(1)])
            before = text[m.start() - 2:m.start()]
            if region is not None and region.name.endswith(m.group(1)) and (
                    not is_han(before[-1:] or "。") or before[-1:] in "和及、的" or is_verb(before)):
                out += _local_laws(doc, m.start(), m.end(), region.name, region.code)
    return out


# a bare level before a law's name: 自治区数据条例, 省数据条例, 市民营经济促进条例 (the laws' words are checked after)
_BARE_LAW_LEVEL = re.compile(r"(自治区|省|市)(?=[^\W\d_]{2,14}?(?:条例|办法|规定))")
_BARE_LAW_LEVELS = {"自治区": "province", "省": "province", "市": "city"}
_LAW_KIND = re.compile("|".join(_LOCAL_LAW_KINDS))  # (the bare levels are looked for only before one)


def _local_laws(doc: Document, start: int, end: int, place: str, code: str) -> list[Mention]:
    """The region's law whose name follows ``end`` (the region's name or level) and the laws listed after it
    with their region left out: 广西民营经济促进条例、行政执法监督条例 (广西行政执法监督条例)."""
    text = doc.text
    m = _LOCAL_LAW.match(text, end)
    if m is None or _LAW_CLAUSE.search(m.group(0)):
        return []
    out = [make_mention(doc, start, m.end(), POLICY, f"《{place}{text[end:m.end()]}》", "PolicyDocument", code)]
    while text.startswith("、", m.end()) and (m := _LOCAL_LAW.match(text, m.end() + 1)) \
            and not _LAW_CLAUSE.search(m.group(0)):
        out.append(make_mention(doc, m.start(), m.end(), POLICY, f"《{place}{m.group(0)}》", "PolicyDocument", code))
    return out


_QUOTED_NUMBER = re.compile(r"“[\d+]{2,6}”")
_PROGRAMME_TAIL = re.compile(rf"[{HAN}]{{2,14}}?(工程|行动|计划)")
_DATED_PLAN = re.compile(r"\d{4}年(行动方案|工作方案|实施方案|行动计划)|(行动方案|工作方案|实施方案)[(（]\d{4}年?版[)）]")
_ACTION = re.compile(r"(三年行动|行动计划)")  # 专项行动 / 攻坚行动 name the year's work items, not programmes
_ACTION_VERB = re.compile(r".*(实施|开展|推进|启动|深入实施|部署)")
_LAW_END = re.compile(r"(?:法|条例)(?=[,。、;和及])")
_LAW_VERB = re.compile(r".*(贯彻|实施|落实|施行|执行)好?")  # 落实好民营经济促进法: 好 completes the verb
_PLAN_VERB = re.compile(r".*(实施|出台|制定|印发|发布|落实)好?")
_PILOT_VERB = re.compile(r".*(深化|获批|推进|开展|入选|实施|调研|研究|迎来|落地|铺开|启动)好?")
_MEASURES = re.compile(r"“([一二三四五六七八九十百零\d]{1,4}条)”")
# (‘十四五’规划 inside a quote too; the opening mark is checked apart, so that the search starts at 十)
_FIVE_YEAR_PLAN = re.compile(r"(十[一二三四五六七八九]五)[”’](规划纲要|规划)")
_LEADING_VERB = re.compile(r"^.*(出台|制定|推出|实施|落实|发布|印发|施行|贯彻)")
# a reform named around a quoted word, after the verb that carries it out: 实施政府“三资”管理改革
_QUOTED_INSIDE = re.compile(rf"(“[{HAN}]{{2,3}}”)[{HAN}]{{0,2}}?(?:改革|机制)(?![{HAN}]?[改革制])")
_FIVE_YEAR = re.compile("十[一二三四五六七八九]五")
_REFORM_HEAD = re.compile(f"(?<![{HAN}])[{HAN}]{{2,3}}$")  # two or three Han characters opening their run
_REFORM_VERB = re.compile(r"^.*(出台|制定|推出|实施|落实|推行|推进|深化|优化|完善|健全|巩固|拓展|开展|建立)")
_MEASURE_HEAD = re.compile(f"[{HAN}]{{2,6}}$")
# 深化数字中国建设综合试点, 推进高考综合改革, 开展完整社区建设试点 (each alternative opens with a word: a quicker search)
_PILOT = re.compile("综合(?:改革)?试点|综合改革|建设试点")
# a package known by its topic and number: 高校毕业生就业创业十大行动, 医保服务十六项便民措施, 十项举措
# (found from its last word: a pattern that opens with a character class is tried at every character)
_PACKAGE_END = re.compile("行动|措施|举措|工程")
_PACKAGE_NUMBER = re.compile(f"[一二三四五六七八九十百]{{1,3}}(?:大|项|条)[{HAN}]{{0,4}}$")
_PACKAGE_VERB = re.compile(r".*(实施|出台|制定|印发|发布|落实|推出|启动|开展)好?")


_PACKAGE_WORDS = ("行动", "措施", "举措", "工程")
_PLAIN_ANCHORS = ("方案", "计划", "综合", "建设试点", "三年行动", "法", "条例", *_PACKAGE_WORDS)


def numbered_measures(doc: Document) -> list[Mention]:
    """安商惠企“二十条”: a measure package known by its number, and the “十五五”规划(纲要)."""
    out = []
    text = doc.text
    if "”" not in text and not any(w in text for w in _PLAIN_ANCHORS):
        return out  # every pattern below needs a closing quote or one of these words
    for m in _MEASURES.finditer(text):
        if head := _head_before(text, m.start(), 6, _LEADING_VERB, _MEASURE_HEAD):
            start = m.start() - len(head)
            out.append(make_mention(doc, start, m.end(), POLICY, text[start:m.end()], "Initiative"))
    for m in _FIVE_YEAR_PLAN.finditer(text):
        if text[m.start() - 1:m.start()] not in ("“", "‘"):
            continue
        name = f"“{m.group(1)}”{m.group(2)}"  # (written the same way inside a quote: one plan)
        out.append(make_mention(doc, m.start() - 1, m.end(), POLICY, name, "PolicyDocument"))
    for m in _QUOTED_INSIDE.finditer(text):  # 招投标“双盲”评审改革, 厅局长“三诊”机制
        head = _head_before(text, m.start(), 8, _REFORM_VERB, _REFORM_HEAD)
        start = m.start() - len(head)
        # (not 构建“大开放”协同机制 or 立足“十四五”改革: a verb or a five-year plan is no reform's name)
        if head and not text[start - 1:start].isdigit() and not is_verb(head[:2]) and not _FIVE_YEAR.search(m.group(1)):
            out.append(make_mention(doc, start, m.end(), POLICY, text[start:m.end()], "Initiative"))
    for m in _QUOTED_NUMBER.finditer(text):  # “1131”数字政府基础平台提升工程
        if tail := _PROGRAMME_TAIL.match(text, m.end()):
            out.append(make_mention(doc, m.start(), tail.end(), POLICY, text[m.start():tail.end()], "Initiative"))
    for m in scan(_DATED_PLAN, text, ("方案", "计划"), len("2026年行动")):  # 实施优化营商环境2026年行动方案
        out += _after_verb(doc, m.start(), m.end(), _PLAN_VERB, 2, 10)
    for m in _PILOT.finditer(text) if "综合" in text or "建设试点" in text else ():  # 深化数字中国建设综合试点, 调研能源革命综合改革试点
        out += _after_verb(doc, m.start(), m.end(), _PILOT_VERB, 4, 10)
    for m in _ACTION.finditer(text) if "行动" in text else ():  # 实施治理数智化转型三年行动 (both words hold 行动)
        out += _after_verb(doc, m.start(), m.end(), _ACTION_VERB, 4, 12)
    for end in _PACKAGE_END.finditer(text) if any(w in text for w in _PACKAGE_WORDS) else ():
        if (m := _PACKAGE_NUMBER.search(text, max(0, end.start() - 9), end.start())) is None:
            continue
        # (not 实施绿色仓储等六大提升行动: one of a list is no name for the package)
        out += [replace(x, canonical=x.canonical.removeprefix("首批"))  # 首批 says which batch, not the name
                for x in _after_verb(doc, m.start(), end.end(), _PACKAGE_VERB, 4, 12) if "等" not in x.text]
    for m in _LAW_END.finditer(text) if "法" in text or "条例" in text else ():  # 贯彻民营经济促进法
        found = _after_verb(doc, m.start(), m.end(), _LAW_VERB, 2, 10)
        out += [replace(x, canonical=f"《{x.canonical}》", subtype="PolicyDocument") for x in found]
    return out


def _head_before(text: str, pos: int, width: int, verb: re.Pattern, head: re.Pattern) -> str:
    """The words that open a name ending at ``pos``: ``head``'s match at the end of the ``width``
    characters before ``pos``, once the text up to ``verb`` is taken away ('' if none)."""
    found = head.search(verb.sub("", text[max(0, pos - width):pos]))
    return found.group(0) if found else ""


def _after_verb(doc: Document, start: int, end: int, verb: re.Pattern, least: int, most: int) -> list[Mention]:
    """The name between a verb and a fixed ending, if it is ``least``–``most`` Han characters."""
    window = doc.text[max(0, start - most - 2):start]
    m = verb.match(window)
    if m is None:
        return []
    head = window[m.end():].rpartition("的")[2]  # 实施新修改的监督法: 新修改的 says which version, not the name
    if not (least <= len(head) <= most and HAN_RUN.fullmatch(head)):
        return []
    begin = start - len(head)
    return [make_mention(doc, begin, end, POLICY, doc.text[begin:end], "Initiative")]
