"""jieba's dictionary, loaded once per process: which strings are words, and their part of speech.

Only the part-of-speech table is loaded (about 0.3 s): every word of jieba's
dictionary has a tag, so the table answers "is this a word" too, without
jieba's segmenter (its prefix dictionary takes a second more to load).
"""

from __future__ import annotations

import functools
import logging

__all__ = ["word_tags"]


@functools.lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """jieba's part-of-speech table: word → tag (nr = personal name); its keys are the dictionary's words.

    Example:
        >>> tags = word_tags()
        >>> "长治久安" in tags, "治久" in tags, tags["北京"]
        (True, False, 'ns')
    """
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    # importing jieba.posseg reads the table from jieba's dictionary (once): reuse it
    return jieba.posseg.dt.word_tag_tab
