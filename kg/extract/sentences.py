"""Sentence boundaries: the evidence unit of every relation."""

from __future__ import annotations

import re

__all__ = ["sentence_at", "sentence_spans"]

_END = re.compile(r"[。!?;！？；\n]+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, end exclusive, surrounding space trimmed.

    Example:
        >>> sentence_spans("甲。乙!\\n丙")
        [(0, 2), (2, 4), (5, 6)]
    """
    spans, start = [], 0
    for m in _END.finditer(text):
        spans.append((start, m.start() + 1 if text[m.start()] != "\n" else m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def sentence_at(text: str, pos: int) -> str:
    """The sentence containing character ``pos``."""
    left = max(text.rfind(c, 0, pos) for c in "。!?;！？；\n") + 1
    m = _END.search(text, pos)
    right = m.start() + (0 if m is None or text[m.start()] == "\n" else 1) if m else len(text)
    return text[left:right].strip()
