"""The data types that flow between pipeline stages.

Every stage takes and returns these frozen dataclasses, never bare dicts or
tuples. Enum values equal the ontology's local names (``dgo:Region``,
``dgo:servesRegion``), so mapping to RDF is a plain lookup.

    Path ──ingest──▶ Document ──extract──▶ Mention, RelationMention
         ──resolve──▶ Entity, Relation ──graph──▶ nx.MultiDiGraph ──ontology──▶ RdfTriples
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from enum import Enum
from operator import attrgetter

__all__ = [
    "AFFILIATED_WITH",
    "Document",
    "Entity",
    "EntityType",
    "Extraction",
    "IMPLEMENTED_IN",
    "ISSUED_BY",
    "LOCATED_IN",
    "Mention",
    "OPERATED_BY",
    "ORGANIZATION",
    "PART_OF",
    "PERSON",
    "PLATFORM",
    "POLICY",
    "REGION",
    "Relation",
    "RelationMention",
    "RelationType",
    "SERVES_REGION",
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


def _init_through_slots(cls):
    """Give the frozen slotted dataclass ``cls`` an ``__init__`` that fills each field through its slot.

    The ``__init__`` dataclasses write for a frozen class sets each field with
    ``object.__setattr__`` (to get past the ``__setattr__`` that refuses changes): 2.4 µs for a
    Mention. The slots' own setters do the same in 0.9 µs, and the instance is as frozen as
    before. A build makes hundreds of thousands of these objects. The signature (names, order,
    defaults) is the dataclass's.
    """
    params, lines, env = [], [], {}
    for i, f in enumerate(fields(cls)):
        if f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: a default factory needs the dataclass __init__")
        params.append(f.name if f.default is MISSING else f"{f.name}=_default{i}")
        env[f"_default{i}"] = f.default
        env[f"_set{i}"] = cls.__dict__[f.name].__set__
        lines.append(f"    _set{i}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(lines), env)  # as dataclasses do
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = {**{f.name: f.type for f in fields(cls)}, "return": None}
    cls.__init__ = init
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


# The members as module names, for code that tests types per mention: on Python 3.11 every
# ``EntityType.REGION`` goes through the hook of ``EnumType.__getattr__`` (100 ns, a global 10 ns),
# 5% of extraction's instructions (3.12 dropped the hook). ``m.type is REGION`` is the same test.
REGION, ORGANIZATION, PLATFORM, POLICY, PERSON = EntityType  # in the order they are defined (a test checks)
AFFILIATED_WITH, PART_OF, LOCATED_IN, SERVES_REGION, OPERATED_BY, ISSUED_BY, IMPLEMENTED_IN = RelationType


@_pickled_as_call
@_init_through_slots
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
@_init_through_slots
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
@_init_through_slots
@dataclass(frozen=True, slots=True)
class RelationMention:
    head: Mention
    type: RelationType
    tail: Mention
    evidence: str
    role: str = ""


@_pickled_as_call
@_init_through_slots
@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction found in one document."""

    doc: Document
    mentions: tuple[Mention, ...] = ()
    relations: tuple[RelationMention, ...] = ()


@_pickled_as_call
@_init_through_slots
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
@_init_through_slots
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
@_init_through_slots
@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read, and why."""

    path: str
    reason: str
    details: tuple[str, ...] = field(default=())
