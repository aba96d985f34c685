"""dgkg: a knowledge-graph builder for Chinese digital-government texts.

    >>> import kg
    >>> result = kg.build(["seeds"], out_dir=None)  # doctest: +SKIP
"""

from kg.errors import InputError, KgError, OntologyError, QueryError, StageError
from kg.extract import extract
from kg.graph import build_graph
from kg.ingest import normalise, read_corpus
from kg.model import (
    Document,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Relation,
    RelationMention,
    RelationType,
    Skipped,
)
from kg.ontology import DGO, DGR, to_rdf
from kg.pipeline import BuildResult, build
from kg.resolve import resolve

__version__ = "0.1.0"

__all__ = [
    "BuildResult",
    "DGO",
    "DGR",
    "Document",
    "Entity",
    "EntityType",
    "Extraction",
    "InputError",
    "KgError",
    "Mention",
    "OntologyError",
    "QueryError",
    "Relation",
    "RelationMention",
    "RelationType",
    "Skipped",
    "StageError",
    "build",
    "build_graph",
    "extract",
    "normalise",
    "read_corpus",
    "resolve",
    "to_rdf",
]
