"""Errors raised by dgkg.

    KgError
    ├── InputError      a path or file that cannot be read as a document
    ├── OntologyError   the ontology files are missing or malformed
    ├── QueryError      a SPARQL query that does not parse or run
    └── StageError      a pipeline stage failed on a document

The CLI catches ``KgError`` and prints ``TypeName: message``.
"""

from __future__ import annotations

__all__ = ["InputError", "KgError", "OntologyError", "QueryError", "StageError"]


class KgError(Exception):
    """Base class of every error dgkg raises on purpose."""


class InputError(KgError):
    """A path or file that cannot be read as a document."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class OntologyError(KgError):
    """The ontology files are missing or malformed."""


class QueryError(KgError):
    """A SPARQL query that does not parse or run."""


class StageError(KgError):
    """A pipeline stage raised on one document."""

    def __init__(self, stage: str, doc_id: str, cause: BaseException) -> None:
        self.stage = stage
        self.doc_id = doc_id
        super().__init__(f"stage {stage!r} failed on document {doc_id!r}: {type(cause).__name__}: {cause}")
