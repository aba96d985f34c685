"""Ingest: paths → documents, and normalisation of a document's text.

``read_corpus`` walks files and folders and returns the documents it could
read plus a :class:`~kg.model.Skipped` record for each input it could not
read whole. One reader per format, registered by file ending in ``READERS``:

=================  ============================================================================
``.txt``           one document; UTF-8 (BOM or not), GB18030/GBK, Big5, UTF-16 (charset-normalizer)
``.md``            one document, or one per ``###`` item in a news digest (see :mod:`kg.ingest.plain`)
``.html``/``.htm`` the main text, title and date (trafilatura, offline)
``.csv``/``.tsv``  one document per row, streamed; text/title/date/source/id columns by name
``.jsonl``         one document per line, streamed; the same field names
``.docx``          paragraphs and tables (python-docx)
``.pdf``           the text layer (pypdf); a PDF without one is skipped
=================  ============================================================================

A single text file over :data:`MAX_TEXT_BYTES` (16 MiB) is skipped with a
reason naming the limit rather than read into memory: such a file is a corpus
in one file, and a ``.jsonl`` or ``.csv`` of it is streamed row by row.
``normalise`` applies NFKC and converts traditional to simplified Chinese
(OpenCC ``t2s``); ``parse_document`` also drops page furniture (navigation
bars, related-article lists, copyright footers, editor sign-offs, spam blocks).
"""

from kg.ingest.base import MAX_PACKAGE_BYTES, MAX_TEXT_BYTES
from kg.ingest.corpus import READERS, SUFFIXES, get_reader, iter_documents, read_corpus, read_document
from kg.ingest.text import normalise, parse_document, to_simplified

__all__ = [
    "MAX_PACKAGE_BYTES",
    "MAX_TEXT_BYTES",
    "READERS",
    "SUFFIXES",
    "get_reader",
    "iter_documents",
    "normalise",
    "parse_document",
    "read_corpus",
    "read_document",
    "to_simplified",
]
