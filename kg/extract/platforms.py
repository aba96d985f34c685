"""Platform mentions (and the reforms named like them): quoted names, unquoted names listed
before 平台 / 应用, 12345 and other service hotlines."""

from __future__ import annotations

import re

from kg.extract.base import HAN, Context, is_han, make_mention, scan
from kg.extract.lexicon import Lexicon
from kg.extract.regions import mentioned_regions
from kg.extract.segment import word_tags
from kg.model import Document, EntityType, Mention, ORGANIZATION, PLATFORM, POLICY, REGION

__all__ = ["body_platforms", "hotline_mentions", "listed_platforms", "quoted_mentions", "service_numbers"]


_QUOTE = re.compile(r"“([^“”\n]{1,24})”|「([^「」\n]{1,24})」|『([^『』\n]{1,24})』")
#: the same for the curly quotes alone, the only ones most texts hold: a literal first character is a quick scan
_CURLY_QUOTE = re.compile(r"“([^“”\n]{1,24})”")
_HOTLINE = re.compile(rf"12345(?:[{HAN}]{{0,10}}?热线(?:平台)?)?|(?<!\d)政务服务便民热线")
# words after a quoted name that make it a platform (“郴兴治”APP, “粤系列”移动政务服务平台)
# (a verb or a joining word before the platform word, or 系统 read as "systematic", makes a sentence, not a
# name: 列入“五位一体”总体布局到加快建立系统, “八个必须坚持”系统总结, “十五五”时期坚持系统观念)
_PLATFORM_CUE = re.compile(r"([^的了是指由为在对到将把被时从向与和及并\W\d_]{0,10}?(平台|系统(?![总观谋推部性化思工论]))"
                           r"|APP|App|app|小程序|客户端|热线|公众号)")
# weapons and rigs are systems and platforms too: “帕拉丁”自行榴弹炮系统, “锡瓦什”钻井平台
_NOT_DIGITAL = re.compile("导弹|火炮|榴弹|防空|反导|雷达|战机|战斗机|舰|坦克|武器|弹药|炮|钻井|油气|采油|生态|装置|潜航")
# a numbered craft, rig or satellite: “海基二号”平台, “深海一号”
_NUMBERED_CRAFT = re.compile(r"[一二三四五六七八九十百\d]+号$")
# words after a quoted name that make a platform of a name with a platform's last word (以“数正云”为依托)
_SUPPORT_CUE = re.compile(r"(为依托|为支撑|为底座|上线|入驻)")
# names that are platforms by their last word (数字经济大脑, 城市大脑, 数据中台)
_PLATFORM_NAME = re.compile(r"(大脑|中台|平台|云平台|APP|App|app|小程序|客户端|一张图|一朵云)$")
# a programme verb shortly before a quoted name: 打造数字赋能的“无废城市”, 深化“最多跑一次”
_PROGRAMME_VERB = re.compile(r"(推进|推行|实施|开展|深化|创建|打造|推广|落实|探索)[^,,;。“”]{0,6}$")
# head words of a programme's name; without one a quoted phrase after 推进 is a slogan, not a policy
_PROGRAMME_HEAD = re.compile(r"城市|行动|工程|计划|改革|模式|机制|服务|办|制度|试点|示范|治理|政务|数字|智慧|一件事|网|码|通|"
                             r"进(?:校园|社区|企业|乡村|农村|万家|园区|基层|家庭|机关|学校|军营|楼宇|商圈|市场)")  # 人社局长进校园
_POLICY_CUE = re.compile(rf"(政务服务|服务|管理|治理|办公)?(改革|机制|模式|试点|工程|行动|建设)|[{HAN}]{{1,6}}?(改革|行动)")
# a list of quoted names closed by a platform word: “闽政通”、“闽执法”等平台
_LISTED_PLATFORM = re.compile(r"(?:[、,和及与]“[^“”]{1,12}”)*等?(平台|APP|App|app|小程序|客户端)")
_PLATFORM_END = re.compile(r"(通|办|码|云|宝|易|政|企|治|事|服)$")
# what a brand made of a province's abbreviation ends with when it is a system: 鲁执法, 川易贷, 赣服通
_BRAND_END = re.compile(r"(通|办|码|云|宝|易|政|企|治|事|服|法|贷|管|链|端|网|直通车|热线)$")
_NEGATION = re.compile(r"(不搞|反对|杜绝|防止|避免|不做|不要|严禁|整治|纠治)[^,。;“”]{0,8}(“[^”]*”、?)*$")
_PROGRAMME_END = re.compile(r"(战略|工程|行动|计划|改革|经验)$")  # 经验: a model others follow (“枫桥经验”)
_NOT_PROGRAMME = re.compile(r"(式|感|性|化|度|品|者|人|图|链)$")
# service words that make a short quoted phrase a named reform (容错审批, 数据最多采一次, 无证明省份)
_SERVICE_WORDS = re.compile(r"审批|通办|网办|即办|联办|一次|证明|一件事|即享|一网|跑一次|不用跑|零跑|最多跑|一窗|一门|一码|不见面")
_REFORM_SHAPE = re.compile(
    r"^(一|两|二|三|四|五|六|多|全|最多|不|免|秒|跨|接|高效|就近|只|零|无)"
    r".{0,7}(办|跑|通|审批|享|管|治|协同|码|证|照|窗|次|批|即办|联办)"
)


_DESCRIBED_BEFORE = re.compile(r"(?:数字|智慧|智能|信息|政务|服务|治理)[^,，。、;；“”]{0,8}(?:平台|系统|APP|App|app|小程序|客户端)$")
_HAN_CHAR = re.compile(f"[{HAN}]")
_CLAUSE_PUNCT = re.compile(r"[,,、。!?;]")  # a quoted clause, not a name


def _region_abbreviations(mentions: list[Mention], ctx: Context, lex: Lexicon) -> tuple[set[str], set[str]]:
    """The official abbreviations (赣, 湘 …) of the regions the document names and of its home, and those
    together with the first characters of its home's names: a first character stands for a region only
    for the document's own (郴政通 in a Chenzhou text)."""
    home = [r for r in (ctx.province, ctx.city) if r is not None]
    official = {a for r in mentioned_regions(mentions, lex) + home for a in r.abbr}
    return official, official | {c for r in home for c in (r.short[:1], r.name[:1])}


def quoted_mentions(doc: Document, mentions: list[Mention], ctx: Context, lex: Lexicon) -> list[Mention]:
    """Names in quotation marks: platforms (“赣服通”) and named reforms (“一网通办”)."""
    text = doc.text
    quotes = list((_QUOTE if "「" in text or "『" in text else _CURLY_QUOTE).finditer(text))
    if not quotes:
        return []
    official, abbreviations = _region_abbreviations(mentions, ctx, lex)
    known = {(m.start, m.end) for m in mentions}
    policies = {m.name for m in mentions if m.type is POLICY}
    found: list[tuple[int, int, str, EntityType]] = []
    for m in quotes:
        name = m.group(m.lastindex)  # the one quote style that matched
        start, end = m.start() + 1, m.end() - 1
        if (start, end) in known or not _HAN_CHAR.search(name) or _CLAUSE_PUNCT.search(name):
            continue
        after = text[m.end():m.end() + 16]
        before = text[max(0, m.start() - 24):m.start()]
        type_ = _classify_quoted(name, before, after, abbreviations, official)
        if type_ is not None:
            found.append((start, end, name, type_))
            if type_ is POLICY:
                policies.add(name)
    # a name the document uses as a reform stays one where it also labels a platform (“无废城市”整体智治数字化平台)
    return [make_mention(doc, start, end, POLICY, name, "Initiative") if name in policies
            else make_mention(doc, start, end, type_, name) for start, end, name, type_ in found]


def _classify_quoted(name: str, before: str, after: str, abbreviations: set[str],
                     official: set[str] = frozenset()) -> EntityType | None:
    if _NUMBERED_CRAFT.search(name):
        return None
    if 3 <= len(name) <= 12 and (((cue := _PLATFORM_CUE.match(after)) and not _NOT_DIGITAL.search(cue.group(0)))
                                 or _LISTED_PLATFORM.match(after)) \
            and not _NOT_PROGRAMME.search(name):
        return PLATFORM
    if 4 <= len(name) <= 12 and _DESCRIBED_BEFORE.search(before) and not _NOT_PROGRAMME.search(name) \
            and not name.endswith("号"):
        return PLATFORM  # 基层治理数字化平台“浙里兴村治社”: what the quoted name is, said right before it
    if 3 <= len(name) <= 10 and _PROGRAMME_END.search(name) and not _NEGATION.search(before):
        return POLICY  # “八八战略”, “千万工程”; not 不搞“形象工程”
    if 3 <= len(name) <= 8 and _REFORM_SHAPE.match(name):
        return POLICY
    if 3 <= len(name) <= 6 and name.endswith("码") and not before.endswith(("由", "从")) \
            and name[-2:] not in word_tags():  # not 身份密码, 层层加码, 筹码: words that end in 码 name no code
        return PLATFORM  # 天府入企码, 赣通码, 检查码: a code is a system
    if len(name) <= 12 and (m := _PLATFORM_NAME.search(name)) and len(name) >= len(m.group(0)) + 2:
        return PLATFORM
    if 2 <= len(name) <= 6 and _PLATFORM_END.search(name) and (name[0] in abbreviations or _SUPPORT_CUE.match(after)):
        return PLATFORM
    if 3 <= len(name) <= 4 and name[0] in official and _BRAND_END.search(name) and not _REFORM_SHAPE.match(name):
        return PLATFORM  # 鲁执法, 川易贷: a brand made of a province's abbreviation
    if _POLICY_CUE.match(after) and 3 <= len(name) <= 12:
        return POLICY
    # 由“人工审批”向“智能快审”: the state a reform leaves behind is no policy
    if 4 <= len(name) <= 8 and _SERVICE_WORDS.search(name) and not before.endswith(("由", "从")):
        return POLICY
    if 3 <= len(name) <= 8 and _PROGRAMME_VERB.search(before) and _PROGRAMME_HEAD.search(name) \
            and not _NOT_PROGRAMME.search(name):
        return POLICY
    return None


# a platform named after the body that runs it: 国家移民管理局政务服务平台 (not 平台经济, 平台企业)
_BODY_PLATFORM = re.compile(rf"(?:政务服务|网上服务|公共服务|服务|政务|数据|信息)?(?:平台|APP|App|小程序|客户端)"
                            rf"(?![{HAN}]?建设|经济|企业|公司)|政务服务网|网上办事大厅")


def body_platforms(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """国家移民管理局政务服务平台: a body's name and a platform word, the body's platform."""
    text = doc.text
    if "平台" not in text and "政务服务网" not in text and "网上办事大厅" not in text:
        return []
    return [make_mention(doc, m.start, tail.end(), PLATFORM, m.name + tail.group(0), "", m.code)
            for m in mentions if m.type is ORGANIZATION and m.start < m.end
            and (tail := _BODY_PLATFORM.match(text, m.end))]


# X、Y(和Z)等平台 / 建成X平台: names listed before a platform word
_PLATFORM_WORDS = ("平台", "门户", "应用", "终端", "系统")
# (系统 ends a name only before a clause's end or a verb of launching: not 系统治理, 公安系统的)
_PLATFORM_WORD = re.compile(rf"(等)?(?:智慧|移动|智能|数字)?({'|'.join(_PLATFORM_WORDS)})"
                            rf"(?:(?<=系统)(?=[^{HAN}]|$|上线|建成|投入|投用|正式|获评|运行)"
                            rf"|(?<!系统)(?![{HAN}]?建设|经济|企业|公司|场景|示范|领域))")
# what a system's name holds: a sector's 系统 (市场监管系统) is no platform
_SYSTEM_HEAD = re.compile("监测|评标|信息化|数字化|大数据|智能|智慧|预警|调度|追溯|辅助")
_LIST_RUN = re.compile(rf"[{HAN}A-Za-z0-9()、和及]{{1,40}}$")
_LIST_START = re.compile(r"^.*(建成|建好|建设|打造|搭建|上线|优化(?!营商环境)|完善|升级|拓展|提升|推广|依托|用好|迭代|开发|通过|利用|借助|等|共建|发挥|做优|做强|做大|"
                         r"推进|统筹|加快|推动|构建|形成|实现|建立|健全|加强|深化|强化|开通|运行|启用|运用|推出|接入|打通|成立|组建|设立|"
                         r"来到|前往|走进|看到|汇总到|上传至|传回|的)")
# an item's number in a digest: (6)国家算力互联网服务平台
_ENUMERATOR = re.compile(r"^[(（]\d+[)）]")
# one-character words that end a clause's opening rather than begin a name: 在, 将, 了 … (not 对 or 向: 对企集成政务服务智能平台)
_FUNCTION_CHARS = frozenset("了在将至他她还这那的把被从")
_DESCRIPTIVE_HEAD = re.compile(r"执法|政务|数据|治理|监管|审批|信用|公共|城市|运行|调度|算力|一体化|国际服务|信息化|社会管理|智慧服务|资源共享|"
                               r"数字政府|大脑|营商环境|惠企|涉企|评标|监测|投诉|就业|医保|社保")
_GENERIC_PLATFORM = frozenset("政务服务 服务 管理 公共 省级管理 交流 沟通交流 综合 数据 信息 工作 线上 网上 数字化 统一 "
                              "移动政务服务 政务云 一体化数字政府 数字政府 一体化政务服务 数据共享 公共数据 公共资源交易 "
                              "政务服务一体化 数据共享交换".split())


def listed_platforms(doc: Document, mentions: list[Mention], ctx: Context, lex: Lexicon) -> list[Mention]:
    """Unquoted platform names: 建成海政通、海易办平台; 中小企业直通车等平台; 上海国际服务门户."""
    text = doc.text
    platform_words = list(scan(_PLATFORM_WORD, text, _PLATFORM_WORDS, len("等智慧")))
    if not platform_words:
        return []
    official, abbreviations = _region_abbreviations(mentions, ctx, lex)
    taken = {i for m in mentions if m.type is not REGION for i in range(m.start, m.end)}
    out = []
    previous_end = 0
    for m in platform_words:
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
            if any(j in taken for j in range(start, start + len(item))) or text[start - 1:start] in ("”", '"') \
                    or text[m.end():m.end() + 1] == "“":
                continue  # already named, or a descriptor of a quoted name (“赣服通”移动政务服务平台, 数字化平台“浙里兴村治社”)
            brand = 2 <= len(item) <= 5 and _PLATFORM_END.search(item) and not _REFORM_SHAPE.match(item)
            abbreviated = 2 <= len(item) <= 4 and item[0] in official and m.group(1)  # 京通、京办、京智等智慧终端
            if (brand and (item[0] in abbreviations or m.group(1))) or abbreviated:
                out.append(make_mention(doc, start, start + len(item), PLATFORM, item))
            elif m.group(2) in ("应用", "终端"):
                continue
            elif last and not m.group(1) and item[:1] in ("省", "市") and len(item) >= 7 and ctx.home is not None \
                    and _DESCRIPTIVE_HEAD.search(item) and ctx.region_for("province" if item[0] == "省" else "city"):
                home = ctx.region_for("province" if item[0] == "省" else "city")  # 省融资信用征信服务平台
                out.append(make_mention(doc, start, m.end(2), PLATFORM,
                                    home.name + text[start + 1:m.end(2)], "", home.code))
            elif item == "一体化政务服务" and ctx.home is not None:  # a province's own 一体化政务服务平台
                out.append(make_mention(doc, start, m.end(2), PLATFORM,
                                    ctx.home.name + "一体化政务服务平台", "", ctx.home.code))
            elif last and len(items) > 1 and 4 <= len(item) <= 10 and item not in _GENERIC_PLATFORM \
                    and m.group(1) and (_BRAND_END.search(item) or _DESCRIPTIVE_HEAD.search(item)):
                out.append(make_mention(doc, start, start + len(item), PLATFORM, item))
            elif last and not m.group(1):  # a descriptive name opening a clause: 建成国家公共数据资源登记平台
                name = _name_part(item)
                line_start = text.rfind("\n", 0, seg_begin) + 1  # (the verb may open a line: 丁薛祥前往…平台)
                opens = len(name) < len(item) or _LIST_START.match(text[max(line_start, seg_begin - 4):seg_end]) \
                    or not is_han(text[start - 1:start] or "。")
                if opens and 4 <= len(name) <= 14 and name not in _GENERIC_PLATFORM \
                        and (m.group(2) != "系统" or _SYSTEM_HEAD.search(name)) \
                        and (len(name) >= 7 or lex.starts_with_region_word(name)) \
                        and not name.startswith(("省", "市", "县")) and _DESCRIPTIVE_HEAD.search(name):
                    begin = offset - len(name)
                    out.append(make_mention(doc, begin, m.end(2), PLATFORM, text[begin:m.end(2)]))
    return out


def _name_part(item: str) -> str:
    """What may name a platform in the opening of a clause: the text after its number and after
    the last pronoun, preposition, adverb or particle (随着信用修复全国统一平台, 我国一体化政务注册平台).

    The words are jieba's, found longest first; a name keeps its verbs (信用修复全国统一平台).
    """
    item = _ENUMERATOR.sub("", item)
    tags = word_tags()
    cut = i = 0
    while i < len(item):
        size = next((n for n in (4, 3, 2) if item[i:i + n] in tags and len(item[i:i + n]) == n), 1)
        tag = tags[item[i:i + size]] if size > 1 else ""
        if tag[:1] in ("p", "r", "u") or tag == "d" or (size == 1 and item[i] in _FUNCTION_CHARS):
            cut = i + size
        i += size
    return item[cut:]


# (a name of more than 8 characters before its word counts only as one quoted whole: see service_numbers)
_SERVICE_NUMBER = re.compile(rf"“?(?!12345)([19]\d{{4}})”?([{HAN}]{{0,12}}?(热线|直通车|专线))")
_SERVICE_NAME_UNQUOTED = 8


def service_numbers(doc: Document) -> list[Mention]:
    """Service hotlines other than 12345: “96178”省长直通车, 12315热线."""
    out = []
    if not any(word in doc.text for word in ("热线", "直通车", "专线")):
        return out
    for m in _SERVICE_NUMBER.finditer(doc.text):
        if doc.text[m.start() - 1:m.start()].isdigit() or doc.text[m.end(1):m.end(1) + 1].isdigit():
            continue
        if len(m.group(2)) - len(m.group(3)) > _SERVICE_NAME_UNQUOTED \
                and not (doc.text.startswith("“", m.start()) and doc.text.startswith("”", m.end())):
            continue  # a long name only as one quoted whole (“96111漳州矛盾纠纷调解服务热线”), not 设置“12356”作为…热线
        out.append(make_mention(doc, m.start(), m.end(), PLATFORM, m.group(1) + m.group(2)))
    return out


def hotline_mentions(doc: Document) -> list[Mention]:
    out = []
    if "12345" not in doc.text and "便民热线" not in doc.text:
        return out
    for m in _HOTLINE.finditer(doc.text):
        before = doc.text[m.start() - 1:m.start()]
        after = doc.text[m.end():m.end() + 1]
        if before.isdigit() or after.isdigit():
            continue
        if m.group(0) == "12345" and not (before == "“" and after == "”") and \
                not doc.text[max(0, m.start() - 3):m.start()].endswith(("拨打", "拨打了", "打")):
            continue
        out.append(make_mention(doc, m.start(), m.end(), PLATFORM, "12345政务服务便民热线"))
    return out
