"""Triples held as the N-Triples texts of their terms, sorted as N-Triples lines.

The exports are written from one sorted list of triples, each the three N-Triples
texts of its terms. :class:`TripleSink` collects them: sorting those text tuples gives
the order of the N-Triples lines without printing a triple, and duplicates fall out on
the way. The writers work on the texts; Oxigraph objects, which take far longer to
make, are parsed from the lines (:func:`parse_lines`) only when asked for
(:attr:`kg.ontology.RdfTriples.triples`, an rdflib graph of the build).
"""

from __future__ import annotations

import re

__all__ = ["TripleSink", "literal", "parse_lines", "to_lines"]

#: How Oxigraph writes these characters in an N-Triples string; every other one stands for itself.
_ESCAPES = {**{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)},
            0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", ord('"'): '\\"', ord("\\"): "\\\\"}
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\"\\\\\x7f\ufffe\uffff]")


def literal(value: str, *, language: str = "", datatype: str = "") -> str:
    """The N-Triples text of a literal, as Oxigraph writes it.

    Args:
        value: the lexical form.
        language: a lower-case language tag (Oxigraph writes tags in lower case).
        datatype: the N-Triples text of the datatype IRI (see :meth:`TripleSink.iri`), other
            than xsd:string's (such a literal is written bare).

    Example:
        >>> print(literal('说"好"', language="zh"))
        "说\\"好\\""@zh
        >>> print(literal("2024-01-02", datatype="<http://www.w3.org/2001/XMLSchema#date>"))
        "2024-01-02"^^<http://www.w3.org/2001/XMLSchema#date>
    """
    if _NEEDS_ESCAPE.search(value):
        value = value.translate(_ESCAPES)
    if language:
        return f'"{value}"@{language}'
    return f'"{value}"^^{datatype}' if datatype else f'"{value}"'


class TripleSink:
    """Collects triples given as the N-Triples texts of their terms (:meth:`iri`, :func:`literal`).

    Comparing the three texts of two triples orders them as their N-Triples lines, since an
    IRI's text ends at its only ``>``. Nothing is kept per triple but its texts until
    :meth:`sorted_texts`: a corpus makes hundreds of thousands.

    Example:
        >>> sink = TripleSink()
        >>> a, p, b = (sink.iri(f"http://example.org/{name}") for name in "apb")
        >>> for obj in (literal("x"), b, literal("x")):
        ...     sink.add(a, p, obj)
        >>> for triple in sink.sorted_texts():
        ...     print(*triple)
        <http://example.org/a> <http://example.org/p> "x"
        <http://example.org/a> <http://example.org/p> <http://example.org/b>
    """

    def __init__(self) -> None:
        import pyoxigraph as ox

        self._named_node = ox.NamedNode
        self._iris: dict[str, str] = {}  # IRI → its N-Triples text
        self._triples: dict[tuple[str, str, str], None] = {}  # an ordered set

    def iri(self, value: str) -> str:
        """The N-Triples text of an IRI, checked the first time (an invalid IRI raises ValueError)."""
        text = self._iris.get(value)
        if text is None:
            self._named_node(value)  # Oxigraph's IRI check, so the lines parse leniently later
            text = self._iris[value] = f"<{value}>"
        return text

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self._triples[subject, predicate, obj] = None

    def sorted_texts(self) -> list[tuple[str, str, str]]:
        """The distinct triples as the texts of their terms, in the order of their N-Triples lines."""
        return sorted(self._triples)


def to_lines(texts: list[tuple[str, str, str]]) -> bytes:
    """The UTF-8 N-Triples document of triples given as the texts of their terms, one line each, in their order."""
    # lines encoded one by one and joined as bytes: quicker than one str of the whole document (two or four
    # bytes a character once any line holds a Chinese character) encoded at the end
    return b" .\n".join(map(str.encode, map(" ".join, texts))) + b" .\n" if texts else b""


def parse_lines(data: bytes) -> list:
    """The Oxigraph triples of an N-Triples document made by :func:`to_lines`.

    Lenient: the IRIs were checked as :meth:`TripleSink.iri` made their Oxigraph terms (or
    came from Oxigraph terms), and every other text is as Oxigraph writes it.
    """
    import pyoxigraph as ox

    return [quad.triple for quad in ox.parse(data, format=ox.RdfFormat.N_TRIPLES, lenient=True)]
