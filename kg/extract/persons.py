"""People: title + name patterns, bylines, and the posts they state.

国家信息中心副主任周民 gives the person 周民 and ``affiliatedWith`` 国家信息中心
with role 副主任; 中国联通党组书记、董事长刘烈宏 joins titles with 、; a chain
such as 全国政协副主席、国家电子政务专家委员会主任王钦敏 gives one post per body.
An article's byline (a short name line at the top, then 作者系郴州市数据局副局长)
gives its author.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.base import HAN, HAN_RUN, is_han, longest_word_pattern, make_mention
from kg.extract.organizations import UNIT_VERBS
from kg.extract.sentences import sentence_at
from kg.extract.segment import is_verb, word_tags
from kg.extract.vocab import COMPOUND_SURNAMES, NAME_FOLLOWERS, SPEECH_VERBS, SURNAMES, TITLES
from kg.model import AFFILIATED_WITH, Document, Mention, ORGANIZATION, PERSON, REGION, RelationMention

__all__ = ["find_people"]

_TITLE_ALT = longest_word_pattern(TITLES)
# titles joined by 、, each maybe a former post (党组成员、原副主任; the first one's 原 is looked for
# before the match: a pattern that opens with an optional character is scanned for six times slower)
_TITLE_CHAIN = re.compile(rf"(?:{_TITLE_ALT})(?:、原?(?:{_TITLE_ALT}))*")
_ENDS_WITH_TITLE = re.compile(rf"原?(?:{_TITLE_ALT})(?:、原?(?:{_TITLE_ALT}))*$")
_GENERIC_ORG = re.compile(
    r"(?:国家|中国|全国|中央|中共)[^\W\d_和与及、的]{2,14}?(?:委员会|中心|研究院|研究所|协会|学会|联合会|集团|公司|银行|大学|学院)"
)
_GOVERNMENT_TITLE = re.compile(r"(常务)?副?(省长|市长|县长|区长|州长|旗长|主席)")
_BYLINE = re.compile(r"作者(?:系|为|是)")
_AUTHOR = re.compile(rf"作者\s*[:：]\s*([{HAN}]{{2,4}})")
#: a name written in parts joined by a middle dot (Uyghur, Tibetan, transliterated names)
_DOTS = frozenset("·•・")  # the middle dots a name may be written with (a quick test before the pattern)
_DOTTED_NAME = re.compile(f"[{HAN}]{{2,6}}(?:[·•・][{HAN}]{{1,5}})*[·•・]([{HAN}]{{1,5}})")
_NON_NAME_CHARS = set("的了在是和与及等为对将从把被让向于以也都就而并但或其这那各每们不还")


def find_people(doc: Document, mentions: list[Mention]) -> tuple[list[Mention], list[RelationMention]]:
    """Person mentions and their affiliations.

    Example:
        >>> from kg.model import Document, EntityType, Mention
        >>> doc = Document(id="d", text="国家信息中心副主任周民认为,要加强。")
        >>> org = Mention("d", 0, 6, "国家信息中心", EntityType.ORGANIZATION, "国家信息中心")
        >>> people, rels = find_people(doc, [org])
        >>> [(r.head.text, r.tail.text, r.role) for r in rels]
        [('周民', '国家信息中心', '副主任')]
    """
    titles = list(_TITLE_CHAIN.finditer(doc.text))
    orgs_by_end = {m.end: m for m in mentions if m.type is ORGANIZATION} if titles else {}
    regions_by_end = {m.end: m for m in mentions if m.type is REGION} if titles else {}
    people: list[Mention] = []
    relations: list[RelationMention] = []
    for m in titles:
        name = _name_at(doc.text, m.end())
        if not name:
            continue
        person = make_mention(doc, m.end(), m.end() + len(name), PERSON, name)
        start = m.start() - (doc.text[m.start() - 1:m.start()] == "原")  # 原副主任: a former post
        start, role = _body_in_title(start, doc.text[start:m.end()], orgs_by_end)
        posts = _posts_before(doc, start, role, orgs_by_end, regions_by_end)
        if not posts and not _title_stands_alone(doc.text, start) and _head_title(m.group(0)) not in _IMPLIED_BODY:
            continue  # (巴基斯坦总理夏巴兹 is a person, whose post is in no body of ours)
        evidence = sentence_at(doc.text, person.start)
        for holder in [person, *_sharing_titles(doc, person)]:  # 国务委员王小洪、吴政隆: both hold the post
            people.append(holder)
            relations += [RelationMention(holder, AFFILIATED_WITH, org, evidence, role) for org, role in posts]
    people += _speakers(doc, people)
    people += _described_people(doc, people)
    leaders, leader_posts = _marked_names(doc, people, mentions)
    people += leaders
    relations += leader_posts
    author_people, author_relations = _byline(doc, mentions)
    people += author_people
    relations += author_relations
    decided = _decided(doc, people)
    people += [person for person, _ in decided]
    people += _listed_with(doc, people)
    people += _repeat_mentions(doc, people)
    relations += _appointments(doc, people, mentions, [(p, at) for p, at in decided if at >= 0])
    orgs = []
    if relations:  # bodies found through posts (国务院 of 国务委员, a body before a title) become mentions too
        known = set(mentions)
        orgs = [rel.tail for rel in relations if rel.tail not in known]
    return people + orgs, relations


def _name_at(text: str, pos: int) -> str:
    """The personal name starting at ``pos``, or ''."""
    if not _DOTS.isdisjoint(text[pos + 2:pos + 8]) and (dotted := _dotted_name(text, pos)):
        return dotted
    surname_len = 2 if text[pos:pos + 2] in COMPOUND_SURNAMES else 1
    if surname_len == 1 and text[pos:pos + 1] not in SURNAMES:
        return ""
    # a two-character name directly followed by a word such as 作 / 在 / 认为 wins over a three-character one
    order = (1, 2) if text.startswith(NAME_FOLLOWERS, pos + surname_len + 1) else (2, 1)
    for given in order:
        end = pos + surname_len + given
        name = text[pos:end]
        if len(name) != surname_len + given or not HAN_RUN.fullmatch(name):
            continue
        if not _NON_NAME_CHARS.isdisjoint(name[surname_len:]) or _is_common_word(name) \
                or _implausible_name(name, surname_len):
            continue
        if _is_name_boundary(text, end):
            return name
    return ""


#: single characters that are surnames but mostly open a clause or join words (向他们表示, 负责人和专家)
_FUNCTION_SURNAMES = frozenset("和与及向对在但都来尚国平信党那")
#: single characters that end no given name here: pronouns, 未, and prepositions (来同, 海给, 信中)
_FUNCTION_GIVEN = frozenset("你他她我未同给中副人上")
_TITLE_WORDS = frozenset(TITLES)


def _implausible_name(name: str, surname_len: int) -> bool:
    """A surname and a word that reads as a clause, not a name: 习主席 (a title for a given name),
    向他们, 但没有, 和专家 (a function word's surname before a word)."""
    given = name[surname_len:]
    if given in _TITLE_WORDS:
        return True
    if surname_len > 1 or name[0] not in _FUNCTION_SURNAMES:
        return False
    # a word that names no place or person: 向他们, 但没有, 和专家 (not 尚达曼, 向华)
    return given in _FUNCTION_GIVEN or (len(given) > 1 and word_tags().get(given, "nr")[:2] not in ("nr", "ns"))


def _is_name(word: str) -> bool:
    """Whether ``word`` read on its own is one whole personal name (陈一新, not 陈一新为)."""
    return _name_at(word + "。", 0) == word


def _dotted_name(text: str, pos: int) -> str:
    """A name in parts joined by a middle dot at ``pos`` (艾尔肯·吐尼亚孜), or ''.

    Its last part is the shortest (of one to five characters) that a name boundary follows, and
    no part holds a verb: 伊扎克·拉宾遇刺 and 李强致电基尔·斯塔默 are no names.
    """
    dotted = _DOTTED_NAME.match(text, pos)
    if dotted is None:
        return ""
    end = next((end for end in range(dotted.start(1) + 1, dotted.end() + 1) if _is_name_boundary(text, end)), 0)
    if not end or any(is_verb(text[i:i + 2]) for i in range(pos, end - 1)):
        return ""
    return text[pos:end]


def _is_common_word(word: str) -> bool:
    """A dictionary word that is not a personal name (简历, 应到)."""
    tag = word_tags().get(word)
    return tag is not None and not tag.startswith("nr")


def _is_name_boundary(text: str, pos: int) -> bool:
    if pos >= len(text) or not is_han(text[pos]):
        return True
    if text[pos] in "是同到":  # 刘庆是院长, 王毅同布林肯通话, 汪天杰到医院, but not 李鹏总是, 蔡奇陪同 or 兰臻回到: words end no name
        return text[pos - 1:pos + 1] not in word_tags()
    return text.startswith(NAME_FOLLOWERS, pos) or text.startswith(SPEECH_VERBS, pos)


def _title_stands_alone(text: str, pos: int) -> bool:
    """A title with no body before it names a person only at a clause start or after a modifier
    (退休教师, 国家主席)."""
    return pos == 0 or not is_han(text[pos - 1]) or text.endswith(_TITLE_MODIFIERS, 0, pos) \
        or text.endswith("国家", 0, pos) and text.startswith(("主席", "副主席"), pos) \
        and text[pos + 2 + text.startswith("副", pos):pos + 3 + text.startswith("副", pos)] not in _FUNCTION_SURNAMES


_TITLE_MODIFIERS = tuple("退休 资深 著名 知名 首席 高级 特级 年轻 优秀 乡村 一线 老 青年 女 男 社区 村 镇 党支部 "
                         "企业 公司 项目 车间 工厂 园区 合作社 医院 学校 景区".split())


def _posts_before(doc: Document, title_start: int, titles: str, orgs_by_end: dict[int, Mention],
                  regions_by_end: dict[int, Mention]) -> list[tuple[Mention, str]]:
    """Walk back from a title chain: [org][titles]、[org][titles] … name."""
    posts = []
    pos, role = title_start, titles
    while True:
        org = (orgs_by_end.get(pos) or _generic_org_before(doc, pos) or _government_of(doc, pos, role, regions_by_end)
               or _implied_body(doc, pos, role, posts))
        if org is None:
            # 党委副书记、自治区主席艾尔肯·吐尼亚孜, 国务院副总理、第五次全国经济普查领导小组组长丁薛祥: a post
            # in a body not found (a bare 自治区, a body of no known kind) after a 、 follows the posts before it
            bare = _UNKNOWN_BODY.search(doc.text, max(0, pos - 16), pos)
            if bare is None:
                break
            start = bare.start()
        else:
            posts.append((org, role))
            start = org.start
        if doc.text[start - 1:start] != "、":
            break
        m = _ENDS_WITH_TITLE.search(doc.text[max(0, start - 30):start - 1])
        if m is None:
            break
        pos, role = _body_in_title(start - 1 - len(m.group(0)), m.group(0), orgs_by_end)
    return posts


def _body_in_title(pos: int, role: str, orgs_by_end: dict[int, Mention]) -> tuple[int, str]:
    """The title chain ``role`` at ``pos`` without the body's last word it may open with: 党委副书记 after
    新疆维吾尔自治区党委, 党委书记 after 军门社区党委 (the body's name comes first, the title is what follows)."""
    if pos in orgs_by_end:
        return pos, role
    cut = next((k for k in range(1, len(role) - 1) if pos + k in orgs_by_end and _ENDS_WITH_TITLE.fullmatch(role, k)), 0)
    return pos + cut, role[cut:]


_UNKNOWN_BODY = re.compile(f"(?<=、)[{HAN}0-9]{{1,16}}$")


# national posts that name their body without it being written (国务委员王小洪, 国务院副总理丁薛祥)
_IMPLIED_BODY = {"国务委员": "国务院", "总理": "国务院", "副总理": "国务院"}


def _head_title(role: str) -> str:
    """The first title of a chain, as held now: 国务委员 of 原国务委员兼国务院秘书长、…."""
    return role.split("、")[0].split("兼")[0].removeprefix("原")


def _implied_body(doc: Document, pos: int, role: str, posts: list) -> Mention | None:
    """国务院 of a 总理 or 国务委员 whose title opens the clause (not 格林纳达总理米切尔, nor 新加坡总统尚达曼、总理黄循财;
    国务委员 is China's only)."""
    body = _IMPLIED_BODY.get(_head_title(role))
    before = doc.text[pos - 1:pos]
    if body is None or posts or (before == "、" and "总理" in role) \
            or (before and is_han(before) and not doc.text.endswith(("中国", "我国"), 0, pos)):
        return None
    return Mention(doc.id, pos, pos, "", ORGANIZATION, body, "Agency")


def _government_of(doc: Document, pos: int, role: str, regions_by_end: dict[int, Mention]) -> Mention | None:
    """江西省省长 / 郴州市副市长: a head of government's post is in the region's 人民政府.

    The mention has an empty span at the region's start: the region's name is not the body's alias.
    """
    region = regions_by_end.get(pos)
    if region is None or not _GOVERNMENT_TITLE.match(role.removeprefix("原")):
        return None
    return Mention(doc.id, region.start, region.start, "", ORGANIZATION,
                   region.name + "人民政府", "Agency", region.code)


def _generic_org_before(doc: Document, pos: int) -> Mention | None:
    """A body not in the lexicon, named just before a title: 国家电子政务专家委员会主任, 华中科技大学教授.

    National names (国家…委员会) may start anywhere; others must open the clause.
    """
    text = doc.text
    for start in range(max(0, pos - 20), pos - 3):
        national = _GENERIC_ORG.fullmatch(text, start, pos)
        clause_initial = (start == 0 or not (is_han(text[start - 1]) or text[start - 1] == "、")
                          or text[start - 1] in _OPENING_WORDS) and _CLAUSE_ORG.fullmatch(text, start, pos)
        if national or clause_initial:
            ending = next((k for k in _ORG_KINDS if text.endswith(k, start, pos)), "")
            return make_mention(doc, start, pos, ORGANIZATION, text[start:pos], _ORG_KINDS.get(ending, "Agency"))
    return None


_ORG_KINDS = {"大学": "Institute", "学院": "Institute", "研究院": "Institute", "研究所": "Institute",
              "医院": "Institute", "集团": "Enterprise", "公司": "Enterprise", "银行": "Enterprise"}
# a body opening a clause starts with no preposition or conjunction (给陆军工程大学教授) and holds no
# verb of meeting or founding (并会见新开发银行行长)
_OPENING_WORDS = frozenset("给并了向对在把被从将为由据同和与及")
_CLAUSE_ORG = re.compile(rf"(?:(?!{UNIT_VERBS})[^\W\d_、的是{''.join(_OPENING_WORDS)}]){{2,12}}?"
                         rf"(?:{'|'.join(_ORG_KINDS)}|协会|学会)")


# words written right after a name: a national post whose body the title implies (习近平总书记), and
# 同志 (易炼红同志任…, 给予胡衡华同志、陈文浩同志…), which implies no post
_MARKED_POSTS = {"总书记": "中共中央", "委员长": "全国人民代表大会常务委员会", "副委员长": "全国人民代表大会常务委员会",
                 "同志": "", "主席": "", "总理": "国务院"}


def _marked_names(doc: Document, people: list[Mention],
                  mentions: list[Mention]) -> tuple[list[Mention], list[RelationMention]]:
    """Names written before 总书记 or 同志, and the posts 总书记 (or 同志为核心的党中央) states where
    the text names the body too (党中央, 中共中央): a text that names only 习近平总书记 states no post."""
    markers = _words_after_names(doc.text)
    if not markers:
        return [], []
    taken = {(p.start, p.end) for p in people}
    named = {m.name for m in mentions if m.type is ORGANIZATION}
    persons, posts = [], []
    known = {p.name for p in people}
    tags = word_tags()
    for at, marker in markers:
        # (X主席 is mostly a body's chair: 国家杜马主席; 习近平主席, 李强总理: names jieba knows in full)
        if marker in _KNOWN_NAMES_ONLY and not any(
                (w := doc.text[max(0, at - n):at]) in known or tags.get(w) == "nrfg" for n in (3, 2)):
            continue  # (a quick test before the name is read)
        name = _name_before(doc.text, at)
        if not name or marker in _KNOWN_NAMES_ONLY and name not in known and tags.get(name) != "nrfg":
            continue
        person = make_mention(doc, at - len(name), at, PERSON, name)
        if (person.start, person.end) not in taken:
            persons.append(person)
        body, role = _MARKED_POSTS[marker], marker
        if not body and _CORE_OF.match(doc.text, at + len(marker)):
            body, role = "中共中央", "核心"  # 以习近平同志为核心的党中央
        if body and body in named and not (marker == "总理" and _premier_abroad(doc.text, name)):
            org = Mention(doc.id, at, at, "", ORGANIZATION, body, "Agency")
            posts.append(RelationMention(person, AFFILIATED_WITH, org, sentence_at(doc.text, person.start), role))
    return persons, posts


_KNOWN_NAMES_ONLY = frozenset(("主席", "总理"))  # markers that follow a known name only (not 莫迪总理)


def _premier_abroad(text: str, name: str) -> bool:
    """Whether the text calls ``name`` another country's premier (新加坡总理李显龙, 新加坡总统哈莉玛、总理李显龙
    … 李显龙总理)."""
    return any((is_han(text[at - 1:at] or "。") or text[at - 1:at] == "、")
               and not text.endswith(("国务院", "中国", "我国"), 0, at)
               for at in _occurrences(text, "总理" + name))


_CORE_OF = re.compile("为核心的(?:党中央|中共中央)")


def _name_before(text: str, at: int) -> str:
    """The name of three or two characters that ends at ``at``, or ''.

    A verb or preposition before the marker is no name (学习贯彻总书记, 回信中总书记), nor one that
    ends in 老 (老同志), nor a name the dictionary does not know whose surname makes a word with the
    character before it (学习陈云同志 is 陈云, 有关领导同志 is none; 落实习近平总书记 is 习近平).
    A three-character name opening with a preposition's surname gives way to the two characters
    after it (向宋平同志).
    """
    names = [text[start:at] for start in (at - 3, at - 2) if start >= 0 and _could_end_at(text, start, at)]
    if len(names) == 2 and names[0][0] in _FUNCTION_SURNAMES:
        return names[1]
    return names[0] if names else ""


def _could_end_at(text: str, start: int, at: int) -> bool:
    """Whether ``text[start:at]`` may be a name written before 同志 or 总书记 (see ``_name_before``);
    not one that opens with a verb or an adverb (相信习总书记)."""
    name = text[start:at]
    tags = word_tags()
    return (_is_name(name) and tags.get(name[:2], "")[:1] not in _CLAUSE_TAGS
            and not _reads_as_verb(name[1:]) and name[-1] != "老"
            and (tags.get(name, "")[:2] == "nr" or not (start and text[start - 1:start + 1] in tags)))


_CLAUSE_TAGS = ("v", "p", "c", "d")  # jieba's verbs, prepositions, conjunctions and adverbs


def _reads_as_verb(given: str) -> bool:
    return given in _FUNCTION_GIVEN or word_tags().get(given, "")[:1] in ("v", "p", "f")


def _words_after_names(text: str) -> list[tuple[int, str]]:
    """(position, marker) of each 总书记, 委员长 or 同志 with two Han characters before it that no
    earlier name + marker has used (习近平总书记).

    Each marker is looked for on its own: ``str.find`` of one word is many times faster than
    ``re``'s scan for an alternation of words.
    """
    found = sorted((at, marker) for marker in _MARKED_POSTS for at in _occurrences(text, marker))
    out = []
    free = 0  # where the next name may start
    for at, marker in found:
        end = at + len(marker)
        if at - 2 >= free and is_han(text[at - 2]) and is_han(text[at - 1]) \
                and _DOTS.isdisjoint(text[max(0, at - 8):at]) \
                and not (marker.endswith("长") and text[end - 1:end + 1] in word_tags()):
            out.append((at, marker))  # (not 依明巴海 of 艾力更·依明巴海, nor 委员 + 长期)
            free = end
    return out


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Where ``word`` occurs in ``text``, each occurrence after the end of the one before."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


#: a post taken up or held, written after the person's name (易炼红同志任浙江省委委员、常委、书记,
#: 刘庆是江苏省产业技术研究院院长), not one left (不再担任)
_APPOINTED = re.compile("(?:同志)?(?:任|兼任|担任|出任|是|系)")


def _appointments(doc: Document, people: list[Mention], mentions: list[Mention],
                  appointed: list[tuple[Mention, int]]) -> list[RelationMention]:
    """Posts written after a name: the verb (or the 为 of 任命…为), the body named right after it,
    and the titles after the body."""
    found = [(person, m.end()) for person in people if (m := _APPOINTED.match(doc.text, person.end))] + appointed
    if not found:
        return []
    bodies: dict[int, Mention] = {}
    for m in mentions:
        if m.type is ORGANIZATION and (m.start not in bodies or m.end > bodies[m.start].end):
            bodies[m.start] = m
    out = []
    for person, at in found:
        body = bodies.get(at)
        titles = _TITLE_CHAIN.match(doc.text, body.end) if body else None
        if titles:
            out.append(RelationMention(person, AFFILIATED_WITH, body, sentence_at(doc.text, person.start),
                                       titles.group(0)))
    return out


#: a decision on a post, and what follows the name: 任命陈一新为国家安全部部长, 免去陈文清的…职务
_DECISIONS = {"任命": "为", "免去": "的"}


def _decided(doc: Document, people: list[Mention]) -> list[tuple[Mention, int]]:
    """People named in a decision on posts, each with where the post given follows (-1 for a post
    taken away: 免去陈文清的国家安全部部长职务 states no post held)."""
    text = doc.text
    taken = {(p.start, p.end) for p in people}
    out = []
    for verb, follower in _DECISIONS.items():
        for at in _occurrences(text, verb):
            start = at + len(verb)
            name = next((text[start:start + n] for n in (3, 2) if text[start + n:start + n + 1] == follower
                         and _is_name(text[start:start + n])), "")
            if name and (start, start + len(name)) not in taken:
                person = make_mention(doc, start, start + len(name), PERSON, name)
                out.append((person, person.end + 1 if follower == "为" else -1))
    return out


_SPEECH_VERB = re.compile("|".join(SPEECH_VERBS))
# a name right after a title or a quote is no speaker, nor a word after a number (400余人出席, 20项重点)
_NOT_BEFORE_SPEAKER = frozenset("》”)0123456789")


def _speakers(doc: Document, people: list[Mention]) -> list[Mention]:
    """A name opening a clause before a verb of speech: 彭小军认为, “…”汪玉凯表示.

    The name is two to four Han characters (the fewest that reach a verb) after a character
    that is neither Han nor a closing title mark or quote.
    """
    text = doc.text
    taken = {(p.start, p.end) for p in people}
    out = []
    for start in _clause_starts_before_speech_verbs(text):
        length = next((n for n in (2, 3, 4) if text.startswith(SPEECH_VERBS, start + n)
                       and HAN_RUN.fullmatch(text, start, start + n)), 0)
        if not length:
            continue
        name = _name_at(text, start)
        if name and len(name) == length and (start, start + length) not in taken:
            out.append(make_mention(doc, start, start + length, PERSON, name))
    return out


#: what ordinary people are introduced as, right before their names (种粮大户张双柱, 村民章哲敏)
_DESCRIPTOR = re.compile("种粮大户|养殖户|农户|市民|村民|居民|农民|牧民|渔民|游客|患者|技术员|网格员|志愿者|创业者|快递员|骑手|房主|店主|摊主|车主|人大代表|政协委员|"
                         "记者|通讯员|编辑|主编")


def _described_people(doc: Document, people: list[Mention]) -> list[Mention]:
    """A name right after what the person is (种粮大户张双柱的小麦田); not 居民楼中, 游客们 or 村民和村医.

    Such a name holds no word: most names after 农民 or 居民 that do are no names (农民丰收节).
    """
    text = doc.text
    taken = {(p.start, p.end) for p in people}
    out = []
    for m in _DESCRIPTOR.finditer(text):
        name = _name_at(text, m.end())
        if name and not _holds_a_word(name) and not name.endswith("家") and name[0] not in _FUNCTION_SURNAMES \
                and name[-1] not in _FUNCTION_GIVEN \
                and (m.end(), m.end() + len(name)) not in taken:  # not 农民丰收节, 村民李盟家 (the home)
            out.append(make_mention(doc, m.end(), m.end() + len(name), PERSON, name))
    return out


def _holds_a_word(name: str) -> bool:
    """True when two characters of ``name`` make a word other than a name (丰收, 女士, 滑雪)."""
    tags = word_tags()
    return any(tags.get(name[i:i + 2], "nr")[:2] != "nr" for i in range(len(name) - 1))


def _clause_starts_before_speech_verbs(text: str) -> list[int]:
    """Every position two to four characters before a verb of speech where a speaker's name may
    start, in order: the text's start, or after a character that is neither Han nor 》”) nor a digit.

    A verb that overlaps another (说道 in 解释说道) starts inside that one's match,
    so each match covers the positions before the verbs that start inside it.
    """
    return sorted({start for verb in _SPEECH_VERB.finditer(text)
                   for start in range(max(0, verb.start() - 4), verb.end() - 2)
                   if not start or not ("\u4e00" <= text[start - 1] <= "\u9fff"
                                        or text[start - 1] in _NOT_BEFORE_SPEAKER)})


def _byline(doc: Document, mentions: list[Mention]) -> tuple[list[Mention], list[RelationMention]]:
    """作者系<org><titles>: the author named in a short line at the top or after 作者:."""
    m = _BYLINE.search(doc.text)
    if m is None:
        return [], []
    author = _author(doc)
    org = next((x for x in mentions if x.type is ORGANIZATION and x.start == m.end()), None)
    if author is None or org is None:
        return ([author] if author else []), []
    titles = _TITLE_CHAIN.match(doc.text, org.end)
    role = titles.group(0) if titles else ""
    evidence = sentence_at(doc.text, m.start())
    return [author], [RelationMention(author, AFFILIATED_WITH, org, evidence, role)]


def _author(doc: Document) -> Mention | None:
    m = _AUTHOR.search(doc.text)
    if m is not None and _name_at(m.group(1) + "。", 0):
        return make_mention(doc, m.start(1), m.end(1), PERSON, m.group(1))
    offset = 0
    for line in doc.text.split("\n")[:4]:
        stripped = line.strip()
        if 2 <= len(stripped) <= 4 and _is_name(stripped):
            start = offset + line.index(stripped)
            return make_mention(doc, start, start + len(stripped), PERSON, stripped)
        offset += len(line) + 1
    return None


_LIST_JOINS = ("、", "和", "及")


def _sharing_titles(doc: Document, person: Mention) -> list[Mention]:
    """The names listed right after a titled name, which share its titles (国务委员王小洪、吴政隆作交流发言)."""
    text = doc.text
    out = []
    end = person.end
    while text[end:end + 1] == "、":
        start, end = _listed_after(text, end)
        if start == end:
            break
        out.append(make_mention(doc, start, end, PERSON, text[start:end]))
    return out


def _listed_with(doc: Document, people: list[Mention]) -> list[Mention]:
    """Names listed with a person's, joined by 、, 和 or 及 (丁薛祥、孙春兰、张又侠、蔡奇出席开幕式)."""
    text = doc.text
    todo = [p for p in people if p.type is PERSON
            and (text[p.end:p.end + 1] in _LIST_JOINS or text[p.start - 1:p.start] in _LIST_JOINS)]
    if not todo:
        return []
    taken = {(p.start, p.end) for p in people}
    out: list[Mention] = []
    while todo:
        person = todo.pop()
        for start, end in (_listed_after(text, person.end), _listed_before(text, person.start)):
            if start < end and (start, end) not in taken:
                taken.add((start, end))
                found = make_mention(doc, start, end, PERSON, text[start:end])
                out.append(found)
                todo.append(found)
    return out


def _listed_after(text: str, end: int) -> tuple[int, int]:
    """The name after ``end`` and a list mark, if any: (start, end), else (0, 0)."""
    if text[end:end + 1] not in _LIST_JOINS:
        return 0, 0
    name = _name_at(text, end + 1)
    return (end + 1, end + 1 + len(name)) if name and not _holds_a_word(name) else (0, 0)


def _listed_before(text: str, start: int) -> tuple[int, int]:
    """The name before a list mark that ends at ``start``, opening its clause or the list: (start, end)."""
    if text[start - 1:start] not in _LIST_JOINS:
        return 0, 0
    end = start - 1
    for begin in (end - 3, end - 2):
        name = text[begin:end] if begin >= 0 else ""
        before = text[begin - 1:begin] if begin > 0 else ""
        if name and (not before or not is_han(before) or before in _LIST_JOINS) \
                and _is_name(name) and not _holds_a_word(name):
            return begin, end
    return 0, 0


def _repeat_mentions(doc: Document, people: list[Mention]) -> list[Mention]:
    """Later mentions of a person by name alone (汪玉凯表示)."""
    seen = {(p.start, p.end) for p in people}
    out = []
    for name in sorted({p.name for p in people}):
        for start in _occurrences(doc.text, name):
            end = start + len(name)
            if (start, end) not in seen and _is_name_boundary(doc.text, end):
                out.append(make_mention(doc, start, end, PERSON, name))
    return out
