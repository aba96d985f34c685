"""Triples held as the N-Triples texts of their terms, sorted as N-Triples lines.

The exports are written from one list of Oxigraph triples in the order of their
N-Triples lines. :class:`TripleSink` keeps each triple as the three texts of its
terms until all are in: sorting those text tuples gives that order without
printing a triple, duplicates fall out on the way, and Oxigraph objects are made
only for the distinct triples, each IRI once.
"""

from __future__ import annotations

import re

__all__ = ["TripleSink", "literal"]

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
    :meth:`sorted_triples`: a corpus makes hundreds of thousands.

    Example:
        >>> sink = TripleSink()
        >>> a, p, b = (sink.iri(f"http://example.org/{name}") for name in "apb")
        >>> for obj in (literal("x"), b, literal("x")):
        ...     sink.add(a, p, obj)
        >>> for triple in sink.sorted_triples():
        ...     print(triple)
        <http://example.org/a> <http://example.org/p> "x"
        <http://example.org/a> <http://example.org/p> <http://example.org/b>
    """

    def __init__(self) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self._iris: dict[str, str] = {}  # IRI → its N-Triples text
        self._nodes: dict[str, object] = {}  # N-Triples text → Oxigraph NamedNode
        self._triples: dict[tuple[str, str, str], None] = {}  # an ordered set

    def iri(self, value: str) -> str:
        """The N-Triples text of an IRI; its Oxigraph term is made the first time."""
        text = self._iris.get(value)
        if text is None:
            text = self._iris[value] = f"<{value}>"
            self._nodes[text] = self._ox.NamedNode(value)
        return text

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self._triples[subject, predicate, obj] = None

    def sorted_triples(self) -> list:
        """The distinct triples as Oxigraph triples, in the order of their N-Triples lines.

        Triples whose object is a literal are parsed from their lines: Oxigraph's ``Triple()``
        takes ten times longer to accept a Literal than a NamedNode.
        """
        ox, nodes, triple = self._ox, self._nodes, self._ox.Triple
        keys = sorted(self._triples)
        lines = "".join([f"{s} {p} {o} .\n" for s, p, o in keys if o[0] == '"'])
        parsed = iter([quad.triple for quad in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)])
        return [next(parsed) if o[0] == '"' else triple(nodes[s], nodes[p], nodes[o]) for s, p, o in keys]
