"""The incremental cache: a rebuild extracts only what changed, with the output of a full build."""

from __future__ import annotations

import shutil

from kg.cache import ExtractionCache
from kg.export import to_turtle
from kg.model import Document
from kg.pipeline import build


def test_adding_one_document_extracts_only_it(seeds_dir, fixture_corpus, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    cache = tmp_path / "cache"
    first = build([corpus], out_dir=None, cache_dir=cache)
    assert (first.cache_hits, first.cache_misses) == (0, 5)
    shutil.copy(fixture_corpus / "b_chenzhou.txt", corpus / "new.txt")
    second = build([corpus], out_dir=None, cache_dir=cache)
    assert (second.cache_hits, second.cache_misses) == (5, 1)
    full = build([corpus], out_dir=None)
    assert to_turtle(second.rdf) == to_turtle(full.rdf)


def test_a_changed_document_is_extracted_again(tmp_path):
    cache = ExtractionCache(tmp_path)
    doc = Document(id="d", text="江西省建设赣服通。")
    assert cache.get(doc) is None
    from kg.engines import extract_one

    cache.put(doc, extract_one(doc))
    assert cache.get(doc) is not None
    assert cache.get(Document(id="d", text="湖南省建设湘易办。")) is None
    assert (cache.hits, cache.misses) == (1, 2)


def test_a_corrupt_entry_is_a_miss(tmp_path, caplog):
    import sqlite3

    from kg.engines import extract_one

    cache = ExtractionCache(tmp_path)
    doc = Document(id="d", text="江西省。")
    cache.put(doc, extract_one(doc))
    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE extraction SET value = ?", (b"not a pickle",))
    assert cache.get(doc) is None
    assert (cache.hits, cache.misses) == (0, 1)
    assert "unreadable entry for document d" in caplog.text


def test_a_corrupt_database_is_replaced_and_the_build_goes_on(seeds_dir, tmp_path, caplog):
    cache = tmp_path / "cache"
    first = build([seeds_dir], out_dir=None, cache_dir=cache)
    [database] = cache.glob("extract-*.sqlite3")
    database.write_bytes(b"this is not a SQLite database" * 100)
    second = build([seeds_dir], out_dir=None, cache_dir=cache)
    assert (second.cache_hits, second.cache_misses) == (0, 5)
    assert f"removing the unreadable extraction cache {database}" in caplog.text
    assert to_turtle(second.rdf) == to_turtle(first.rdf)
    third = build([seeds_dir], out_dir=None, cache_dir=cache)  # the new database serves the next build
    assert (third.cache_hits, third.cache_misses) == (5, 0)


def test_a_build_reads_and_writes_the_cache_in_one_pass_each(seeds_dir, tmp_path, monkeypatch):
    import sqlite3

    opened = []
    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: opened.append(a[0]) or real_connect(*a, **k))
    build([seeds_dir], out_dir=None, cache_dir=tmp_path)
    assert len(opened) == 1  # nothing to read yet: one write of the five documents
    build([seeds_dir], out_dir=None, cache_dir=tmp_path)
    assert len(opened) == 2  # one read, nothing new to write


def test_an_entry_reads_back_equal_with_every_field(tmp_path):
    # the model classes pickle as calls of their class with their fields (kg.model._pickled_as_call)
    from kg.engines import extract_one

    cache = ExtractionCache(tmp_path)
    doc = Document(id="d", title="郴州", date="2024-01-02", source="新华社", path="a.txt",
                   text="郴州市数据局建设“郴政通”。国家信息中心副主任周民认为,要加强。")
    extraction = extract_one(doc)
    assert {m.type.value for m in extraction.mentions} >= {"Region", "Organization", "Platform", "Person"}
    cache.put(doc, extraction)
    again = cache.get(doc)
    assert again == extraction and again is not extraction
    assert [(m.start, m.end, m.canonical, m.subtype, m.code) for m in again.mentions] == \
        [(m.start, m.end, m.canonical, m.subtype, m.code) for m in extraction.mentions]
    assert [(r.head, r.type, r.tail, r.evidence, r.role) for r in again.relations] == \
        [(r.head, r.type, r.tail, r.evidence, r.role) for r in extraction.relations]


def test_a_python_without_sqlite3_builds_uncached(seeds_dir, tmp_path, monkeypatch):
    import kg.cache

    monkeypatch.setattr(kg.cache, "sqlite3", None)  # as where Python was compiled without SQLite
    for _ in range(2):
        result = build([seeds_dir], out_dir=None, cache_dir=tmp_path)
        assert (result.cache_hits, result.cache_misses) == (0, 5)
    assert not any(tmp_path.iterdir())
