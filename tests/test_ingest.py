from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import SUFFIXES, normalise, parse_document, read_corpus, read_document
from kg.ingest.t2s_chars import CHANGED
from kg.model import Document


def test_header_gives_title_date_and_source():
    doc = parse_document("中國西藏網 > 即時新聞 > 時政\n\n藍圖已繪就\n發布時間:2022-06-24 14:37:00來源: 新華社\n正文第一句。",
                         doc_id="x")
    assert (doc.title, doc.date, doc.source) == ("蓝图已绘就", "2022-06-24", "新华社")
    assert doc.text == "正文第一句。"


def test_traditional_is_simplified_and_original_kept_aligned():
    doc = parse_document("標題很長一點\n國務院印發《指導意見》。", doc_id="x")
    assert doc.text == "国务院印发《指导意见》。"
    assert doc.original == "國務院印發《指導意見》。"
    assert len(doc.original) == len(doc.text)


@pytest.mark.parametrize("furniture", [
    "免费影院|在线观看|无码专区|中文字幕|高清视频",
    "免费影院｜在线观看｜无码专区｜中文字幕｜高清视频",  # full-width bars
    "首页 > 新闻中心 > 正文",  # a breadcrumb trail in the body
    "(责编: 李雨潼)",
    "责任编辑:王某",
    "版权声明:凡注明来源的所有作品,版权归本网所有。",
    "标签:",
])
def test_furniture_lines_are_dropped(furniture):
    doc = parse_document(f"一个足够长的标题\n这是文章的第一段,内容足够长足够长。\n{furniture}\n", doc_id="x")
    assert furniture.strip("()") not in doc.text
    assert "这是文章的第一段" in doc.text


def test_related_article_list_ends_the_article():
    raw = "标题标题标题\n正文的第一段落写得足够长,超过二十个字符了。\n相关文章\n农业农村部派出工作组\n2023-08-02 21:05:49\n"
    doc = parse_document(raw, doc_id="x")
    assert "农业农村部" not in doc.text


def test_byline_name_line_is_not_a_title():
    doc = parse_document("2025-02-11 14:52:23\n何维\n郴州市委出台《关于提升干部执行力的十条措施》,树立了鲜明导向。", doc_id="x")
    assert doc.title == ""
    assert doc.text.startswith("何维\n郴州市委出台")


def test_read_corpus_skips_bad_files_and_builds_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text("标题标题\n江西省建设“赣服通”。", encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes("标题标题\n湖南省推进“湘易办”。".encode("gb18030"))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    docs, skipped = read_corpus([tmp_path, tmp_path / "missing.txt"])
    assert [d.id for d in docs] == ["gbk", "good"]
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in skipped}
    assert reasons == {"binary.txt": "binary file (contains NUL bytes), not text", "empty.txt": "empty file",
                       "missing.txt": "no such file or folder"}


def test_empty_folder_is_reported(tmp_path):
    docs, skipped = read_corpus([tmp_path])
    assert docs == [] and "holds no" in skipped[0].reason


def test_undecodable_file_raises_input_error_naming_it(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\xfa\x80\x81" * 10 + b"\x81")
    with pytest.raises(InputError, match=r"bad\.txt: cannot decode"):
        read_document(path)


@given(st.text())
def test_normalise_is_idempotent(text):
    once = normalise(Document(id="d", text=text))
    assert normalise(once) == once


# full-width forms, compatibility characters, combining marks, jamo and half-width kana that compose
_NFKC_PROBES = st.text(st.sampled_from(list("国務院，：；（）！？\u3000…①Ⅱ℃ﬁ２ａ ae\u0301\u0308\u1100\u1161가ｶﾞ\n")) | st.characters())


@given(_NFKC_PROBES)
def test_quick_nfkc_equals_unicodedata_nfkc(text):
    from kg.ingest.text import _nfkc

    assert _nfkc(text) == unicodedata.normalize("NFKC", text)


def test_t2s_character_list_matches_the_installed_opencc():
    import opencc

    from kg.ingest.t2s_chars import OPENCC_VERSION, derive

    if not (Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict").exists():
        pytest.skip("this OpenCC build has no opencc_dict tool to dump its dictionaries")
    assert (OPENCC_VERSION, CHANGED) == (opencc.__version__, derive()), "regenerate kg/ingest/t2s_chars.py"


# traditional characters, the simplified characters of t2s phrases (毛坏 → 毛坯), ones it leaves alone,
# phrases, punctuation, line breaks, characters beyond the BMP, and any character the list names
_T2S_PROBES = st.lists(st.sampled_from(list("國務院數據乾淨著名於毛坏鈞覆像么干发髮，。 \n𠀀𫐷") + ["乾隆", "鋼坏", "毛坏"])
                       | st.sampled_from(CHANGED) | st.characters(exclude_categories=["Cs"])).map("".join)


@given(_T2S_PROBES)
def test_quick_t2s_equals_opencc(text):
    from kg.ingest.text import _converter, to_simplified

    assert to_simplified(text) == _converter().convert(text)


def test_t2s_keeps_opencc_error_on_a_lone_surrogate():
    from kg.ingest.text import to_simplified

    with pytest.raises(UnicodeEncodeError):
        to_simplified("国\ud800")


@given(st.text(), st.text(max_size=40), st.text(max_size=20), st.text(max_size=20))
def test_parse_document_never_crashes_and_its_result_is_normalised(raw, title, date, source):
    doc = parse_document(raw, doc_id="d", title=title, date=date, source=source)
    assert doc.id == "d" and isinstance(doc.text, str)
    assert normalise(doc) == doc
    assert doc.date == "" or re.fullmatch(r"\d{4}-\d\d-\d\d", doc.date)


@given(st.text())
def test_markdown_digest_split_never_crashes_and_loses_no_item(markdown):
    from kg.ingest.plain import markdown_to_text, split_digest

    sections = split_digest(markdown)
    assert sections is None or len(sections) - 1 == len(re.findall(r"(?m)^### +\S", markdown))
    assert isinstance(markdown_to_text(markdown), str)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(SUFFIXES))
def test_any_bytes_in_any_format_are_read_or_skipped_with_a_reason(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        docs, skipped = read_corpus([path])
    assert all(s.reason and "unexpected error" not in s.reason for s in skipped), skipped
    assert docs or skipped


def test_nfkc_character_list_matches_the_running_unicode_database():
    from kg.ingest.nfkc_chars import CHANGED, UNIDATA_VERSION, derive

    if UNIDATA_VERSION != unicodedata.unidata_version:
        pytest.skip(f"the list is for Unicode {UNIDATA_VERSION}, this Python has {unicodedata.unidata_version}")
    assert CHANGED == derive(), "regenerate kg/ingest/nfkc_chars.py"
