"""The data types that flow between pipeline stages.

Every stage takes and returns these frozen dataclasses, never bare dicts or
tuples. Enum values equal the ontology's local names (``dgo:Region``,
``dgo:servesRegion``), so mapping to RDF is a plain lookup.

    Path ──ingest──▶ Document ──extract──▶ Mention, RelationMention
         ──resolve──▶ Entity, Relation ──graph──▶ nx.MultiDiGraph ──ontology──▶ RdfTriples
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum
from operator import attrgetter

__all__ = [
    "Document",
    "Entity",
    "EntityType",
    "Extraction",
    "Mention",
    "Relation",
    "RelationMention",
    "RelationType",
    "Skipped",
]


def _pickled_as_call(cls):
    """Pickle ``cls``'s instances as a call of ``cls`` with their fields.

    Slotted frozen dataclasses otherwise pickle through Python-level ``__getstate__`` /
    ``__setstate__`` that set each field with ``object.__setattr__``: twice as slow to write and a
    third slower to read than this (the extraction cache and the worker processes pickle every mention).
    """
    values = attrgetter(*(f.name for f in fields(cls)))
    cls.__reduce__ = lambda self: (cls, values(self))
    return cls


class EntityType(str, Enum):
    REGION = "Region"
    ORGANIZATION = "Organization"
    PLATFORM = "Platform"
    POLICY = "Policy"
    PERSON = "Person"


class RelationType(str, Enum):
    AFFILIATED_WITH = "affiliatedWith"
    PART_OF = "partOf"
    LOCATED_IN = "locatedIn"
    SERVES_REGION = "servesRegion"
    OPERATED_BY = "operatedBy"
    ISSUED_BY = "issuedBy"
    IMPLEMENTED_IN = "implementedIn"


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Document:
    """One input text after ingestion.

    ``text`` is the normalised text (NFKC, simplified Chinese, page furniture
    removed) that extraction reads; ``original`` is the same text before the
    traditional→simplified step, aligned character by character with ``text``
    when the conversion kept the length (else empty), so that traditional
    surface forms can be kept as aliases.
    """

    id: str
    title: str = ""
    date: str = ""
    text: str = ""
    source: str = ""
    path: str = ""
    original: str = ""


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Mention:
    """A span of ``Document.text`` that names an entity.

    ``canonical`` is the full name the span stands for once document context
    is applied (市数据局 in a Chenzhou article → 郴州市数据局); ``subtype`` is
    the ontology subclass (Province, Agency, PolicyDocument …) when known;
    ``code`` is the GB/T 2260 code of a region.
    """

    doc_id: str
    start: int
    end: int
    text: str
    type: EntityType
    canonical: str = ""
    subtype: str = ""
    code: str = ""
    surface: str = ""

    @property
    def name(self) -> str:
        return self.canonical or self.text


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class RelationMention:
    head: Mention
    type: RelationType
    tail: Mention
    evidence: str
    role: str = ""


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction found in one document."""

    doc: Document
    mentions: tuple[Mention, ...] = ()
    relations: tuple[RelationMention, ...] = ()


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing: a node of the graph."""

    id: str
    type: EntityType
    name: str
    aliases: frozenset[str] = frozenset()
    docs: frozenset[str] = frozenset()
    subtype: str = ""
    code: str = ""


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Relation:
    """One relation stated in one document: an edge of the graph."""

    head_id: str
    type: RelationType
    tail_id: str
    doc_id: str
    evidence: str
    role: str = ""


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read, and why."""

    path: str
    reason: str
    details: tuple[str, ...] = field(default=())
