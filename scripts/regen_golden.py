"""Regenerate tests/data/expected.ttl from the fixture corpus tests/data/corpus.

Run by hand after an intended change of extraction output, then review the diff:
    python scripts/regen_golden.py && git diff tests/data/expected.ttl
The tests never write golden files themselves.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.export import to_turtle, write_atomic
from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    result = build([ROOT / "tests" / "data" / "corpus"], out_dir=None)
    path = write_atomic(ROOT / "tests" / "data" / "expected.ttl", to_turtle(result.rdf))
    print(f"wrote {path}: {len(result.rdf)} triples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
