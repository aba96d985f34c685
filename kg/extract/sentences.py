"""Sentence boundaries: the evidence unit of every relation."""

from __future__ import annotations

import re

__all__ = ["sentence_at", "sentence_spans"]

_STOPS = "。!?;！？；"  # the marks that end a sentence; a line break ends one too
_END = re.compile(f"[{_STOPS}\n]+")
#: a sentence runs to the first stop of a run of stops, which it keeps (a line break it does not);
#: a stop that opens the text is a sentence of its own
_SENTENCE = re.compile(f"[^{_STOPS}\n]+[{_STOPS}]?|^[{_STOPS}]")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence that is not blank, end exclusive.

    Example:
        >>> sentence_spans("甲。乙!\\n丙")
        [(0, 2), (2, 4), (5, 6)]
    """
    return [m.span() for m in _SENTENCE.finditer(text) if not m.group().isspace()]


def sentence_at(text: str, pos: int) -> str:
    """The sentence containing character ``pos``."""
    left = max(text.rfind(c, 0, pos) for c in _STOPS + "\n") + 1
    m = _END.search(text, pos)
    right = m.start() + (0 if m is None or text[m.start()] == "\n" else 1) if m else len(text)
    return text[left:right].strip()
