"""Reader of saved web pages (``.html``, ``.htm``): the main text, via trafilatura.

trafilatura finds the article body and drops navigation, sidebars, comments
and footers; it also gives the page's title and publication date (from
``<title>``/``<h1>``/``<meta>``), which are kept. It is given the bytes of a
local file only — never a URL — so it makes no network request (its
downloader is not used; a test runs it with sockets disabled). Its own
charset handling reads the ``<meta charset>`` of GBK pages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.base import MAX_TEXT_BYTES, read_bytes
from kg.ingest.decode import MAGIC
from kg.ingest.plain import check_text
from kg.ingest.text import parse_document
from kg.model import Document

__all__ = ["read_html"]


def read_html(path: Path) -> Iterator[Document]:
    """A web page as one document: main text, title and date.

    Raises:
        InputError: unreadable, too large, binary, or no main text found.
    """
    data = read_bytes(path, limit=MAX_TEXT_BYTES, kind="web page")
    for magic, kind in MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"binary file ({kind}), not a web page")
    page = _extract(data, path)
    if page is None or not (page.text or "").strip():
        raise InputError(path, "no main text found in the web page")
    doc = parse_document(page.text, doc_id=path.stem, path=str(path), title=page.title or "",
                         date=page.date or "")
    yield check_text(doc, path)


def _extract(data: bytes, path: Path):
    import trafilatura

    # trafilatura logs each page it cannot parse; the skip line says it once, in our words
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        return trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=True,
                                           include_images=False, include_links=False, deduplicate=False)
    except Exception as err:  # lxml and trafilatura raise many types on broken markup
        raise InputError(path, f"not a readable web page ({type(err).__name__}: {err})") from err
