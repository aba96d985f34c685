"""Resolve: mentions of the whole corpus → one entity per real-world thing.

Mentions already carry their in-document canonical name (extraction applied the
document's context). Resolution merges across documents: a region is keyed by
its GB/T 2260 code, anything else by type + normalised canonical name; every
other surface form seen (short forms, traditional spellings, 市数据局) becomes an
alias, and so do the lexicon's known aliases. ``partOf`` between regions comes
from the gazetteer, for every mentioned region whose parent is also mentioned.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from kg.extract.lexicon import Lexicon, load_lexicon
from kg.model import (Entity, EntityType, Extraction, Mention, ORGANIZATION, PART_OF, PERSON, PLATFORM,
                      POLICY, REGION, Relation)

__all__ = ["entity_id", "name_key", "resolve"]

_TYPE_SLUG = {REGION: "region", ORGANIZATION: "org", PLATFORM: "platform",
              POLICY: "policy", PERSON: "person"}
_STRIP = re.compile(r"[\s“”\"'‘’《》〈〉「」『』]")


def name_key(name: str) -> str:
    """The form names are compared in: NFKC, no quotes, no 《》, no spaces."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", name))


@functools.lru_cache(maxsize=1 << 16)  # asked once per mention: a corpus names a few thousand things 10⁵ times
def entity_id(type_: EntityType, name: str, code: str = "") -> str:
    """A stable id from type and canonical name (regions: their GB/T 2260 code).

    Example:
        >>> entity_id(EntityType.REGION, "江西省", "360000")
        'region/360000'
        >>> entity_id(EntityType.PLATFORM, "赣服通")
        'platform/394fdd49dabd'
    """
    slug = _TYPE_SLUG[type_]
    if type_ is REGION and code:
        return f"{slug}/{code}"
    digest = hashlib.sha1(name_key(name).encode("utf-8")).hexdigest()[:12]
    return f"{slug}/{digest}"


def _mention_id(mention: Mention) -> str:
    return entity_id(mention.type, mention.name, mention.code)  # the code counts for regions only


@functools.lru_cache(maxsize=1)
def _known_aliases() -> dict[tuple[EntityType, str], frozenset[str]]:
    lex: Lexicon = load_lexicon()
    out: dict[tuple[EntityType, str], set[str]] = defaultdict(set)
    for surface, entries in lex.by_surface.items():
        for entry in entries:
            key = entry.code if entry.type is REGION else entry.canonical
            out[(entry.type, key)].add(surface)
    for region in lex.regions.values():
        out[(REGION, region.code)].update(region.abbr)
    return {k: frozenset(v) for k, v in out.items()}


def resolve(extractions: Iterable[Extraction]) -> tuple[list[Entity], list[Relation]]:
    """Entities and relations of the corpus, sorted by id.

    Example:
        >>> from kg.extract import extract
        >>> from kg.model import Document
        >>> docs = [Document(id="a", text="江西省建设赣服通。"), Document(id="b", text="江西推广“赣服通”。")]
        >>> ents, rels = resolve(extract(d) for d in docs)
        >>> sorted((e.name, sorted(e.docs)) for e in ents)
        [('江西省', ['a', 'b']), ('赣服通', ['a', 'b'])]
    """
    extractions = list(extractions)
    seen = _mentioned(extractions)
    relations = _relations(extractions, seen)
    codes = {eid: s.first.code for eid, s in seen.items() if s.first.type is REGION and s.first.code}
    stated = {(r.head_id, r.tail_id) for r in relations if r.type is PART_OF}
    relations += _region_hierarchy(codes, seen, stated)
    entities = [_entity(eid, seen[eid], codes.get(eid, "")) for eid in sorted(seen)]
    return entities, sorted(set(relations), key=_relation_order)


class _Seen:
    """What the corpus says about one entity: the mention that first names it, the first subtype
    given, its surface forms and the documents that mention it."""

    __slots__ = ("first", "subtype", "surfaces", "docs")

    def __init__(self, first: Mention) -> None:
        self.first = first
        self.subtype = first.subtype
        self.surfaces: set[str] = set()
        self.docs: set[str] = set()


def _mentioned(extractions: list[Extraction]) -> dict[str, _Seen]:
    """Entity id → what its mentions say, in one pass in corpus order (the mentions lie in memory in that order)."""
    seen: dict[str, _Seen] = {}
    for ex in extractions:
        for mention in ex.mentions:
            eid = _mention_id(mention)
            entity = seen.get(eid)
            if entity is None:
                entity = seen[eid] = _Seen(mention)
            entity.surfaces.add(mention.text)
            entity.surfaces.add(mention.surface)
            entity.docs.add(mention.doc_id)
            if not entity.subtype:
                entity.subtype = mention.subtype
    return seen


def _entity(eid: str, seen: _Seen, code: str) -> Entity:
    first = seen.first
    known = _known_aliases().get((first.type, code or first.name), frozenset())
    aliases = _distinct_aliases(first.name, (seen.surfaces - {""}) | known)
    return Entity(eid, first.type, first.name, aliases, frozenset(seen.docs), seen.subtype, code)


def _distinct_aliases(name: str, candidates: set[str]) -> frozenset[str]:
    """Aliases that differ from the name and from each other once quotes and spaces are ignored."""
    by_key: dict[str, str] = {}
    for alias in sorted(candidates, key=lambda a: (len(a), a)):
        key = name_key(alias)
        if key and key != name_key(name) and key not in by_key:
            by_key[key] = _STRIP.sub("", alias) if not alias.startswith("《") else alias
    return frozenset(by_key.values())


def _relations(extractions: list[Extraction], seen: dict[str, _Seen]) -> list[Relation]:
    """The relations stated in the texts; a relation's mention that no text span names (the home
    region) adds its entity to ``seen``, without surface forms or documents."""
    out = []
    for ex in extractions:
        for rel in ex.relations:
            head, tail = _mention_id(rel.head), _mention_id(rel.tail)
            for eid, mention in ((head, rel.head), (tail, rel.tail)):
                if eid not in seen:
                    seen[eid] = _Seen(mention)
            out.append(Relation(head, rel.type, tail, ex.doc.id, rel.evidence, rel.role))
    return out


def _region_hierarchy(codes, seen, stated: set[tuple[str, str]]) -> list[Relation]:
    """partOf for every mentioned region whose parent is mentioned too (a fact of the gazetteer).

    Where no sentence states it, the evidence is the gazetteer's entry, cited in the first
    document that names the region.
    """
    lex = load_lexicon()
    by_code = {code: eid for eid, code in codes.items()}
    out = []
    for code, eid in sorted(by_code.items()):
        region = lex.region(code)
        if region is None or region.parent not in by_code or not seen[eid].docs:
            continue
        if (eid, by_code[region.parent]) in stated:
            continue
        parent = lex.regions[region.parent]
        evidence = f"{region.name}({region.code})隶属{parent.name}({parent.code}):GB/T 2260 行政区划代码"
        out.append(Relation(eid, PART_OF, by_code[region.parent], seen[eid].first.doc_id, evidence))
    return out


def _relation_order(rel: Relation):
    return (rel.head_id, rel.type.value, rel.tail_id, rel.doc_id, rel.evidence, rel.role)
