"""The one place jieba is initialised (lazily, once per process)."""

from __future__ import annotations

import functools
import logging

__all__ = ["tokenizer", "word_freq"]


@functools.lru_cache(maxsize=1)
def tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def word_freq() -> dict[str, int]:
    """jieba's dictionary: word → frequency (prefixes of words map to 0)."""
    return tokenizer().FREQ
