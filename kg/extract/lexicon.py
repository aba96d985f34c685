"""Gazetteer and lexicons, compiled once into one Aho-Corasick automaton.

Data files live in ``kg/data`` (sources in ``kg/data/SOURCES.md``):

* ``regions.tsv`` — every province-, prefecture- and county-level division
  with its GB/T 2260 code, parent and short form;
* ``organizations.jsonl``, ``platforms.jsonl``, ``policies.jsonl`` — central
  bodies, named platforms, named reforms and policy documents.

A surface form may stand for several entries (朝阳区 is in Beijing and in
Changchun; 吉林 is a province and a city): the automaton stores them all and
the caller picks one with document context.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources

from kg.model import EntityType, ORGANIZATION, PLATFORM, POLICY, REGION

__all__ = ["AREA_WORDS", "CHECK_AREA_TAIL", "CHECK_CONTAINED", "CHECK_CROSSING", "CHECK_LEVEL_SUFFIX", "CHECK_LAW_TAIL",
           "CHECK_MINISTRY", "CHECK_WORD_BEFORE", "Entry", "Lexicon", "Region", "load_lexicon"]

#: surface flags: a region short form must not sit inside a longer word (长治 in 长治久安) …
CHECK_CONTAINED = 1
#: … and a two-character lexicon alias must not straddle a word boundary (中办 in 集中办理)
CHECK_CROSSING = 2
#: a full region name whose level character may begin the next word (北京市民, 深圳市场)
CHECK_LEVEL_SUFFIX = 4
#: a region name that ends in a word for a kind of area (海城市, 西山区: 红海城市, 浙西山区)
CHECK_AREA_TAIL = 8
#: a ministry's name that 门 may follow: 教育部门 and 人社部门 are a sector's departments, not 教育部 or 人社部
CHECK_MINISTRY = 16
#: a law's short name written bare, which may open a longer word: 教育法治, 公司法人, 铁路法院 are no laws
CHECK_LAW_TAIL = 32
#: a county's two-character name, whose first character may end the word before it (示范县, 健康县城, 振兴县域)
CHECK_WORD_BEFORE = 64
#: what follows a law's bare name when it is the start of such a word (法治, 法规, 法律, 法人, 法院, 法委员会 …)
LAW_TAILS = frozenset("治规律人院官庭学务理制委")
#: words for kinds of area that end like a region's name (城市 in 海城市, 山区 in 西山区)
AREA_WORDS = frozenset("城市 山区 城区 市区 社区 地区 景区 园区 校区 矿区 林区 牧区 灾区 郊区 片区 老区 湾区 街区 辖区 库区 港区".split())

_ORG_SUBTYPES = {"agency": "Agency", "party": "Agency", "enterprise": "Enterprise",
                 "institute": "Institute", "media": "MediaOutlet"}
_POLICY_SUBTYPES = {"initiative": "Initiative", "document": "PolicyDocument"}
_LEVEL_SUBTYPES = {"province": "Province", "city": "City", "county": "County"}

# Short forms that are also common words or other things' names in running text.
AMBIGUOUS_SHORT = frozenset(
    "白银 朝阳 中山 阿里 普洱 红河 怒江 来宾 安康 日照 黑河 兴安 和田 玉树 海北 文山 山南 大同".split()
)
# Full county names that are ordinary words (城区 = urban area).
AMBIGUOUS_FULL = frozenset("城区 郊区 矿区 东区 西区 和县 新区".split())


_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    level: str
    parent: str
    short: str
    abbr: tuple[str, ...]

    @property
    def subtype(self) -> str:
        return _LEVEL_SUBTYPES[self.level]


@dataclass(frozen=True, slots=True)
class Entry:
    """What a surface form in the automaton stands for."""

    type: EntityType
    canonical: str
    subtype: str = ""
    code: str = ""
    #: short form or abbreviation rather than a full name; for platforms: serves whichever region uses it;
    #: for policies: binds the whole country, so no region implements it
    short: bool = False
    #: for organisations its parent, for platforms its region, for policies its issuer
    link: str = ""
    operator: str = ""
    #: for a regional strategy (京津冀协同发展), the codes of the provinces it covers
    regions: tuple[str, ...] = ()


@dataclass
class Lexicon:
    regions: dict[str, Region] = field(default_factory=dict)
    by_surface: dict[str, list[Entry]] = field(default_factory=dict)
    surfaces: list[str] = field(default_factory=list)
    #: the word-boundary checks (``CHECK_*`` flags) that a match of each of :attr:`surfaces` needs, by index
    surface_checks: list[int] = field(default_factory=list)
    #: the region entries of each of :attr:`surfaces`, by index
    surface_regions: list[tuple[Entry, ...]] = field(default_factory=list)
    #: the first entry of each of :attr:`surfaces` that is not a region (None if all are), by index
    surface_other: list[Entry | None] = field(default_factory=list)
    #: county-level short forms (集美, 石狮): only safe in context, so not in the automaton
    county_shorts: dict[str, list[Region]] = field(default_factory=dict)
    #: short forms safe only right after their parent (大同 after 山西, 集美 after 厦门)
    contextual_shorts: dict[str, list[Region]] = field(default_factory=dict)
    #: every region name and short form, ambiguous ones included
    region_words: frozenset[str] = frozenset()
    #: a province's abbreviation → the province (赣 → 江西省)
    province_abbrs: dict[str, Region] = field(default_factory=dict)
    #: other countries' names and short forms of two characters and more (俄罗斯, 美国, 沙特) …
    countries: frozenset[str] = frozenset()
    #: … and of one character (俄, 美, 乌: 俄国防部, 美国务院)
    country_abbrs: frozenset[str] = frozenset()
    #: the last characters of all of those (a quick test before the lookups)
    country_ends: frozenset[str] = frozenset()
    automaton: object = None
    _ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def region(self, code: str) -> Region | None:
        return self.regions.get(code)

    def regions_named(self, name: str) -> list[Region]:
        return [self.regions[e.code] for e in self.by_surface.get(name, ()) if e.type is REGION]

    def entries(self, surface: str) -> list[Entry]:
        return self.by_surface.get(surface, [])

    def ancestors(self, code: str) -> tuple[str, ...]:
        """Codes of the regions that contain region ``code``, nearest first."""
        found = self._ancestors.get(code)
        if found is None:
            out = []
            region = self.regions.get(code)
            while region and region.parent:
                out.append(region.parent)
                region = self.regions.get(region.parent)
            found = self._ancestors[code] = tuple(out)
        return found

    def match_indexes(self, text: str) -> list[tuple[int, int, int]]:
        """(index in :attr:`surfaces`, start, end) of every lexicon surface in ``text``, overlaps included:
        the automaton's own list."""
        try:
            return self.automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # the automaton takes valid UTF-8 only: no lone surrogates
            return self.automaton.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True)

    def starts_with_region_word(self, text: str) -> bool:
        """True when ``text`` begins with a region's name or short form."""
        return any(text[:n] in self.region_words for n in range(1, len(text) + 1))


def _read_jsonl(name: str) -> list[dict]:
    path = resources.files("kg.data").joinpath(name)
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _province_code(provinces: dict[str, str], name: str) -> str:
    """The code of the province with this full name (a data file's reference to it)."""
    if name not in provinces:
        raise ValueError(f"policies.jsonl: no province named {name!r}")
    return provinces[name]


def _seats(lex: Lexicon) -> dict[str, str]:
    """Province and city names and unambiguous short forms → the region's code (one region a name)."""
    found: dict[str, set[str]] = {}
    for region in lex.regions.values():
        if region.level != "county":
            for name in (region.name, region.short if region.short not in AMBIGUOUS_SHORT else ""):
                if name:
                    found.setdefault(name, set()).add(region.code)
    return {name: codes.pop() for name, codes in found.items() if len(codes) == 1}


def _seat(name: str, seats: dict[str, str]) -> str:
    """The province or city a school's or company's name opens with (武汉大学: 武汉市), or ''."""
    return next((seats[name[:n]] for n in range(min(len(name) - 1, 8), 1, -1) if name[:n] in seats), "")


def _read_lines(name: str) -> list[str]:
    """The lines of the data file ``name`` that are neither blank nor ``#`` comments."""
    text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _read_regions() -> dict[str, Region]:
    with resources.files("kg.data").joinpath("regions.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return {
            r["code"]: Region(r["code"], r["name"], r["level"], r["parent"], r["short"],
                              tuple(a for a in r["abbr"].split("|") if a))
            for r in rows
        }


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load every data file and build the automaton (cached: built once per process)."""
    from ahocorasick_rs import AhoCorasick

    lex = Lexicon(regions=_read_regions())
    add = lex.by_surface.setdefault
    for region in lex.regions.values():
        if region.name not in AMBIGUOUS_FULL:
            add(region.name, []).append(Entry(REGION, region.name, region.subtype, region.code))
        if region.short and region.level != "county" and region.short not in AMBIGUOUS_SHORT:
            add(region.short, []).append(
                Entry(REGION, region.name, region.subtype, region.code, short=True))
    for region in lex.regions.values():
        if region.level == "province":
            for abbr in region.abbr:
                lex.province_abbrs.setdefault(abbr, region)
    lex.region_words = frozenset({r.name for r in lex.regions.values()} | {r.short for r in lex.regions.values() if r.short})
    for region in lex.regions.values():
        if region.level == "county" and region.short:
            lex.county_shorts.setdefault(region.short, []).append(region)
        if region.short and (region.level == "county" or region.short in AMBIGUOUS_SHORT):
            lex.contextual_shorts.setdefault(region.short, []).append(region)
    names = [name for line in _read_lines("countries.txt") for name in line.split()]
    lex.countries = frozenset(name for name in names if len(name) > 1)
    lex.country_abbrs = frozenset(name for name in names if len(name) == 1)
    lex.country_ends = frozenset(name[-1] for name in names)
    seats = _seats(lex)
    for row in _read_jsonl("organizations.jsonl"):
        kind = row.get("kind", "")
        seat = _seat(row["name"], seats) if kind in ("institute", "enterprise") else ""
        entry = Entry(ORGANIZATION, row["name"], _ORG_SUBTYPES.get(kind, ""), seat,
                      link=row.get("parent") or "", operator=kind)
        for surface in [row["name"], *row.get("aliases", [])]:
            add(surface, []).append(entry)
    for row in _read_jsonl("platforms.jsonl"):
        # a platform with no region is national, unless its scope is local (12345 hotlines)
        entry = Entry(PLATFORM, row["name"], link=row.get("region") or "",
                      operator=row.get("operator") or "", short=row.get("scope") == "local")
        for surface in [row["name"], *row.get("aliases", [])]:
            add(surface, []).append(entry)
    provinces = {r.name: r.code for r in lex.regions.values() if r.level == "province"}
    for row in _read_jsonl("policies.jsonl"):
        # a rule that binds the whole country (中央八项规定) is carried out in no one region
        covered = tuple(_province_code(provinces, name) for name in row.get("regions", ()))
        entry = Entry(POLICY, row["name"], _POLICY_SUBTYPES.get(row.get("kind", ""), "Initiative"),
                      link=row.get("issuer") or "", short=row.get("scope") == "national", regions=covered)
        for surface in {row["name"], row["name"].strip("《》"), *row.get("aliases", [])}:
            add(surface, []).append(entry)
    lex.surfaces = sorted(lex.by_surface)
    for surface in lex.surfaces:  # what extraction asks of each surface, by its index in the automaton
        entries = lex.by_surface[surface]
        regions = tuple(e for e in entries if e.type is REGION)
        flags = CHECK_CONTAINED if regions and all(e.short for e in regions) else 0
        if len(surface) <= 2 and not regions:
            flags |= CHECK_CROSSING
        if any(not e.short for e in regions) and surface[-1] in "省市县区州" and len(surface) >= 3:
            flags |= CHECK_LEVEL_SUFFIX
        if regions and surface[-2:] in AREA_WORDS:
            flags |= CHECK_AREA_TAIL
        if surface[-1] == "部" and any(e.type is ORGANIZATION for e in entries):
            flags |= CHECK_MINISTRY
        if surface[-1] == "法" and surface[0] != "《" and any(e.type is POLICY for e in entries):
            flags |= CHECK_LAW_TAIL
        if len(surface) == 2 and surface[-1] == "县" and regions:
            flags |= CHECK_WORD_BEFORE
        lex.surface_checks.append(flags)
        lex.surface_regions.append(regions)
        lex.surface_other.append(next((e for e in entries if e.type is not REGION), None))
    # the default (a contiguous NFA here): a DFA scans 1.7× faster alone, but its 20 MB table
    # falls out of the CPU cache between two documents and makes extraction slower as a whole
    lex.automaton = AhoCorasick(lex.surfaces)
    return lex
