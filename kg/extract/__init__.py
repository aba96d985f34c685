"""Extract: Document → mentions of the five entity types and relations between them.

The stage's entry point is :func:`extract`; its parts are

* :mod:`kg.extract.lexicon` — gazetteer and lexicons in one Aho-Corasick automaton,
* :mod:`kg.extract.mentions` — runs the finders and resolves overlaps; the finders are
  :mod:`~kg.extract.regions` (and the document's home region), :mod:`~kg.extract.organizations`,
  :mod:`~kg.extract.platforms` and :mod:`~kg.extract.policies`,
* :mod:`kg.extract.persons` — people, their titles and posts,
* :mod:`kg.extract.relations` — relation rules with evidence sentences.
"""

from __future__ import annotations

from kg.extract.lexicon import load_lexicon
from kg.extract.mentions import find_mentions
from kg.extract.persons import find_people
from kg.extract.relations import find_relations
from kg.model import Document, Extraction, Mention, PART_OF, PERSON, REGION

__all__ = ["extract"]


def extract(doc: Document) -> Extraction:
    """Mentions and relation mentions of one normalised document.

    Example:
        >>> from kg.model import Document
        >>> ex = extract(Document(id="d", text="国务院日前印发《关于加强数字政府建设的指导意见》。"))
        >>> [(r.head.name, r.type.value, r.tail.name) for r in ex.relations]
        [('《关于加强数字政府建设的指导意见》', 'issuedBy', '国务院')]
    """
    lex = load_lexicon()
    mentions, ctx = find_mentions(doc, lex)
    people, affiliations = find_people(doc, mentions)
    names = {p.name for p in people if p.type is PERSON}
    if names:  # a place inside a person's name is none (范大庆 holds no 大庆市, wherever the name is written)
        mentions = [m for m in mentions if m.type is not REGION or not _in_name(doc.text, m, names)]
    mentions = sorted(set(mentions) | set(people), key=lambda m: (m.start, m.end, m.type, m.name))
    authors = tuple(rel.tail for rel in affiliations if "作者" in rel.evidence)
    relations = find_relations(doc, mentions, ctx, lex, author_orgs=authors) + affiliations
    return Extraction(doc=doc, mentions=tuple(mentions), relations=tuple(_dedupe(relations)))


def _in_name(text: str, mention: Mention, names: set[str]) -> bool:
    """Whether ``mention`` lies inside one of the ``names`` written around it."""
    for name in names:
        offset = name.find(mention.text) if mention.text else -1
        if offset >= 0 and text.startswith(name, mention.start - offset):
            return True
    return False


def _dedupe(relations):
    seen, out = set(), []
    for rel in relations:
        key = (rel.head.name, rel.type, rel.tail.name, rel.evidence)
        if key not in seen and not (rel.type is PART_OF and rel.head.name == rel.tail.name):
            seen.add(key)
            out.append(rel)
    return out
