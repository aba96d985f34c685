from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.ntriples import TripleSink, literal, parse_lines, to_lines

XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def test_literal_text_is_oxigraphs_for_every_character():
    chars = [chr(c) for c in (*range(0xD800), *range(0xE000, 0x10000), 0x1F600, 0x10FFFF)]
    assert [literal(f"a{c}b") for c in chars] == [str(ox.Literal(f"a{c}b")) for c in chars]


@pytest.mark.parametrize("value", ["", "平台“赣服通”", 'say "hi"', "back\\slash", "line\nbreak\ttab\r\x07\x7f\ufffe"])
def test_literal_text_with_language_or_datatype_is_oxigraphs(value):
    assert literal(value, language="zh") == str(ox.Literal(value, language="zh"))
    date = ox.NamedNode(XSD_DATE)
    assert literal(value, datatype=str(date)) == str(ox.Literal(value, datatype=date))


def test_triples_come_sorted_as_their_lines_without_duplicates():
    sink = TripleSink()
    # IRIs around the end of an IRI's text ('>'): "-" and "/" sort before it, letters after it
    iris = [sink.iri(f"http://example.org/{name}") for name in ("a", "a-b", "a/b", "ab", "a0")]
    objects = [*iris, literal("x"), literal("x", language="zh"), literal("2024-01-02", datatype=sink.iri(XSD_DATE)),
               literal('"quoted"'), literal("\n")]
    expected = set()
    for subject in reversed(iris):
        for obj in objects:
            sink.add(subject, iris[0], obj)
            sink.add(subject, iris[0], obj)
            expected.add(f"{subject} {iris[0]} {obj}")
    texts = sink.sorted_texts()
    assert [" ".join(t) for t in texts] == sorted(expected)
    triples = parse_lines(to_lines(texts))
    assert all(isinstance(t, ox.Triple) for t in triples)
    assert [str(t) for t in triples] == sorted(expected)


def test_an_invalid_iri_is_refused():
    with pytest.raises(ValueError):
        TripleSink().iri("http://example.org/a b")
