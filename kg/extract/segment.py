"""The one place jieba is initialised (lazily, once per process)."""

from __future__ import annotations

import functools
import logging

__all__ = ["tokenizer", "word_freq", "word_tags"]


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


@functools.lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """jieba's part-of-speech table: word → tag (nr = personal name)."""
    import jieba.posseg

    # importing jieba.posseg already reads the table from jieba's dictionary (once): reuse it
    return jieba.posseg.dt.word_tag_tab
