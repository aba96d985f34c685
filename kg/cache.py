"""Incremental builds: extraction results cached by the content they came from.

A document's key is a SHA-256 of its id, title, date, source and text together
with a fingerprint of the extractor itself (the source of ``kg/extract`` and the
data files of ``kg/data``), so a changed document, or a changed extractor, is
extracted again and everything else is read back. A rebuild after adding one
document extracts only that document, and gives the same output as a full
build, because extraction is a pure function of the document and the code.

Entries are pickles written atomically under the cache folder (by default
``<out>/.cache/extract``); a corrupt or unreadable entry is treated as a miss.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path

from kg.model import Document, Extraction

__all__ = ["ExtractionCache", "extractor_fingerprint"]

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """Hash of the extractor's code and data: a new version invalidates every entry."""
    import kg

    root = Path(kg.__file__).resolve().parent
    digest = hashlib.sha256(getattr(kg, "__version__", "").encode())
    for folder in (root / "extract", root / "data", root / "model.py"):
        files = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file()
                                                         and p.suffix in (".py", ".tsv", ".jsonl"))
        for path in files:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ExtractionCache:
    """Extraction results keyed by document content; ``hits`` / ``misses`` count this build's lookups."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder) / extractor_fingerprint()
        self.hits = 0
        self.misses = 0

    def key(self, doc: Document) -> str:
        digest = hashlib.sha256()
        for part in (doc.id, doc.title, doc.date, doc.source, doc.text):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x1f")
        return digest.hexdigest()

    def _path(self, doc: Document) -> Path:
        key = self.key(doc)
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, doc: Document) -> Extraction | None:
        path = self._path(doc)
        try:
            with path.open("rb") as fh:
                value = pickle.load(fh)
        except FileNotFoundError:
            value = None
        except Exception as err:  # a torn or foreign file is a miss, not a failed build
            log.warning("ignoring unreadable cache entry %s: %s", path, err)
            value = None
        if isinstance(value, Extraction) and value.doc.id == doc.id:
            self.hits += 1
            return value
        self.misses += 1
        return None

    def put(self, doc: Document, extraction: Extraction) -> None:
        path = self._path(doc)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(extraction, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
