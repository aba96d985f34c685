"""jieba's dictionary, loaded once per process: which strings are words, and their part of speech.

Each line of jieba's dictionary is ``word frequency tag``. The file jieba ships is read
in one pass (0.2 s) without importing jieba: importing :mod:`jieba.posseg`, which builds
the same table line by line and also loads the HMM tables extraction does not use, took
0.45 s, and ``import jieba`` alone costs half a billion instructions (it imports
``pkg_resources`` and the HMM tables), more than reading the file.
"""

from __future__ import annotations

import functools

from kg.packaged import package_file

__all__ = ["is_verb", "word_tags"]


@functools.lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """jieba's part-of-speech table: word → tag (nr = personal name); its keys are the dictionary's words.

    Example:
        >>> tags = word_tags()
        >>> "长治久安" in tags, "治久" in tags, tags["北京"]
        (True, False, 'ns')
    """
    fields = _dictionary().decode("utf-8").split()
    if len(fields) % 3:
        raise ValueError("jieba's dictionary does not hold 'word frequency tag' on every line")
    return dict(zip(fields[0::3], fields[2::3]))


def is_verb(word: str) -> bool:
    """True when ``word`` is a verb in jieba's dictionary (组建, 致电; not 近平, not 青海).

    Example:
        >>> is_verb("组建"), is_verb("大学")
        (True, False)
    """
    return word_tags().get(word, "")[:1] == "v"


def _dictionary() -> bytes:
    """The bytes of the dictionary jieba ships (``jieba/dict.txt``, what ``jieba.posseg`` reads by default)."""
    return package_file("jieba", "dict.txt").read_bytes()
