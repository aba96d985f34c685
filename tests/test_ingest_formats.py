"""Ingest of every input format, and of bad inputs: each gets one reason, the rest still reads.

Inputs are built by hand in ``tmp_path``: text in several encodings, a web page,
Markdown articles and digests, CSV/TSV/JSONL corpora, .docx (python-docx) and
.pdf (written by ``make_pdf`` below, a one-page PDF with a ToUnicode text layer).
"""

from __future__ import annotations

import io
import json
import os
import socket
import zipfile
from pathlib import Path

import pytest

from kg.engines import can_fork
from kg.errors import InputError
from kg.ingest import MAX_TEXT_BYTES, read_corpus, read_document
from kg.model import Skipped

ARTICLE = "江西省推进赣服通建设\n2023-05-12 来源: 江西日报\n江西省政务服务管理办公室部署推进“赣服通”建设。\n"
BODY = "江西省政务服务管理办公室部署推进“赣服通”建设。"


def reasons(skipped: list[Skipped]) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in skipped}


def only_doc(tmp_path: Path, name: str, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    docs, skipped = read_corpus([path])
    assert skipped == [] and len(docs) == 1
    return docs[0]


# ---------------------------------------------------------------- plain text, every encoding

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_in_any_common_encoding_reads_the_same(tmp_path, encoding):
    doc = only_doc(tmp_path, "a.txt", ARTICLE.encode(encoding))
    assert (doc.title, doc.date, doc.source, doc.text) == ("江西省推进赣服通建设", "2023-05-12", "江西日报", BODY)


def test_big5_traditional_text_is_decoded_and_simplified(tmp_path):
    raw = "臺灣省推進數位政府建設\n2023-05-12\n行政院發布《數位政府計畫》，推動政府服務數位轉型。\n"
    doc = only_doc(tmp_path, "big5.txt", raw.encode("big5"))
    assert doc.title == "台湾省推进数位政府建设"
    assert doc.text == "行政院发布《数位政府计划》,推动政府服务数位转型。"
    assert doc.original.startswith("行政院發布")


def test_cut_off_utf8_text_keeps_what_is_there(tmp_path):
    data = ARTICLE.encode("utf-8")[:-2]  # ends in the middle of 。
    doc = only_doc(tmp_path, "cut.txt", data)
    assert doc.text == BODY[:-1]


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>江西省推进赣服通建设_江西省人民政府</title>
<meta name="PubDate" content="2023-05-12 10:00"></head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/a">政务公开</a></li><li><a href="/b">政务服务</a></li>
<li><a href="/c">互动交流</a></li></ul></div>
<article><h1>江西省推进赣服通建设</h1>
<p>近日，江西省政务服务管理办公室召开会议，部署推进“赣服通”6.0版建设工作，要求各设区市加快推进高频事项“掌上办”。</p>
<p>会议指出，“赣服通”上线以来，累计注册用户突破8000万，已成为全省政务服务的主要入口。</p>
<p>会议强调，要以“高效办成一件事”为牵引，深化数字政府建设，推动更多事项实现“一网通办”&amp;“跨省通办”。</p>
</article>
<div class="footer"><p>版权所有：江西省人民政府办公厅 赣ICP备05004229号</p><p>网站标识码3600000001 联系我们 网站地图</p></div>
</body></html>"""


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access during ingest")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_html_main_text_title_and_date_without_navigation_or_footer(tmp_path, no_network, charset):
    doc = only_doc(tmp_path, "page.html", PAGE.format(charset=charset).encode(charset))
    assert (doc.id, doc.title, doc.date) == ("page", "江西省推进赣服通建设", "2023-05-12")
    assert doc.text.startswith("近日,江西省政务服务管理办公室召开会议")
    assert "“一网通办”&“跨省通办”" in doc.text
    for furniture in ("首页", "互动交流", "版权所有", "网站地图", "ICP"):
        assert furniture not in doc.text


def test_html_without_main_text_is_skipped(tmp_path, no_network):
    (tmp_path / "nav.htm").write_text("<html><body><a href='/'>首页</a></body></html>", encoding="utf-8")
    assert reasons(read_corpus([tmp_path])[1]) == {"nav.htm": "no text left after removing page furniture"}


# ---------------------------------------------------------------- Markdown

def test_markdown_article_is_one_document_with_html_stripped_and_entities_unescaped(tmp_path):
    md = ("# 江西省推进赣服通建设\n\n2023-05-12 来源: 江西日报\n\n"
          "<p><strong>央视网消息</strong>：江西省推进“赣服通”&nbsp;建设&amp;升级。</p><p>第二段写完了。</p>\n\n"
          "### （一）总体要求\n\n见[通知](http://example.org/x)。\n\n### （二）主要任务\n\n- **一网通办**\n")
    doc = only_doc(tmp_path, "article.md", md)
    assert (doc.id, doc.title, doc.date) == ("article", "江西省推进赣服通建设", "2023-05-12")
    assert [line for line in doc.text.split("\n") if line] == [
        "央视网消息:江西省推进“赣服通” 建设&升级。", "第二段写完了。", "(一)总体要求", "见通知。", "(二)主要任务", "一网通办"]


DIGEST = """# 《新闻联播》 (20220924)

## 新闻摘要

本期节目主要内容：

1.江西推进赣服通建设；

## 详细新闻

### 江西推进赣服通建设

<p><strong>央视网消息</strong>（新闻联播）：江西省推进“赣服通”建设。</p><p>南昌市上线新功能。</p>

### 湖南推进湘易办建设

<p>湖南省推进“湘易办”建设。</p>
"""


def test_markdown_digest_is_one_document_per_item(tmp_path):
    (tmp_path / "20220924.md").write_text(DIGEST, encoding="utf-8")
    docs, skipped = read_corpus([tmp_path])
    assert skipped == []
    assert [(d.id, d.title, d.date) for d in docs] == [
        ("20220924-0", "《新闻联播》 (20220924)", "2022-09-24"),
        ("20220924-1", "江西推进赣服通建设", "2022-09-24"),
        ("20220924-2", "湖南推进湘易办建设", "2022-09-24")]
    assert docs[1].text.strip() == "央视网消息(新闻联播):江西省推进“赣服通”建设。\n南昌市上线新功能。"
    assert docs[2].text.strip() == "湖南省推进“湘易办”建设。"
    assert "本期节目主要内容" in docs[0].text


def test_read_document_refuses_a_file_of_several_documents(tmp_path):
    (tmp_path / "20220924.md").write_text(DIGEST, encoding="utf-8")
    with pytest.raises(InputError, match=r"20220924\.md: holds 3 documents, not one"):
        read_document(tmp_path / "20220924.md")


# ---------------------------------------------------------------- CSV, TSV, JSONL

REPORT = "下载\n打印\n【字号：\n加大\n】\n2026年江西省政府工作报告\n来源：江西日报\n各位代表：\n江西省推进“赣服通”建设。" + "。" * 200_000


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig", delimiter: str = ",") -> Path:
    import csv

    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def test_csv_rows_are_documents_with_title_date_source_and_long_text(tmp_path):
    header = ["province", "year", "title", "source_url", "publish_date", "full_text"]
    write_csv(tmp_path / "reports.csv", [header,
                                         ["江西省", "2026", "2026年江西省政府工作报告", "https://x/1", "2026-02-05", REPORT],
                                         ["湖南省", "2026", "湖南报告", "https://x/2", "2026年2月6日", "湖南省推进“湘易办”。"]])
    docs, skipped = read_corpus([tmp_path])
    assert skipped == []
    assert [(d.id, d.title, d.date, d.source) for d in docs] == [
        ("reports-1", "2026年江西省政府工作报告", "2026-02-05", "https://x/1"),
        ("reports-2", "湖南报告", "2026-02-06", "https://x/2")]
    assert docs[0].text.startswith("各位代表:\n江西省推进“赣服通”建设。")  # widgets, title and source line dropped
    assert len(docs[0].text) > 200_000  # over csv's default 128 KiB field limit


@pytest.mark.parametrize("text_column", ["text", "Content", "body", "正文", "内容"])
def test_text_column_is_found_by_common_names_and_id_column_is_used(tmp_path, text_column):
    write_csv(tmp_path / "c.csv", [["ID", "标题", "日期", "来源", text_column],
                                   ["a/1", "标题一", "2024-01-02", "新华社", "江西省推进“赣服通”。"]])
    doc = only_doc(tmp_path, "c.csv", (tmp_path / "c.csv").read_bytes())
    assert (doc.id, doc.title, doc.date, doc.source) == ("a_1", "标题一", "2024-01-02", "新华社")


def test_gbk_tsv_is_read(tmp_path):
    write_csv(tmp_path / "t.tsv", [["title", "content"], ["江西", "江西省推进“赣服通”建设,便民利企。"]], encoding="gbk",
              delimiter="\t")
    docs, skipped = read_corpus([tmp_path])
    assert skipped == [] and docs[0].text == "江西省推进“赣服通”建设,便民利企。"


def test_csv_bad_rows_are_named_and_the_others_read(tmp_path):
    path = write_csv(tmp_path / "r.csv", [["title", "text"], ["一", "江西省推进“赣服通”。"], ["二", ""], ["三", "x", "extra"]])
    with path.open("a", encoding="utf-8") as fh:
        fh.write('四,"湖南省推进“湘易办”，文件在此被截')  # cut off inside a quoted field
    docs, skipped = read_corpus([path])
    assert [d.id for d in docs] == ["r-1"]
    assert reasons(skipped) == {"r.csv": "3 rows left out — row 2 (line 3): empty text; row 3 (line 4): 3 fields "
                                         "where the header has 2 (cut off or malformed); row 4 (line 5): cut off: "
                                         "the file ends inside a quoted field (the other row was read)"}
    assert len(skipped[0].details) == 3


def test_jsonl_lines_are_documents_and_a_cut_off_last_line_is_named(tmp_path):
    lines = [json.dumps({"id": "j1", "title": "江西", "date": "2024-05-01", "text": "江西省推进“赣服通”。"},
                        ensure_ascii=False),
             "",
             json.dumps({"content": "湖南省推进“湘易办”。", "source": "湖南日报"}, ensure_ascii=False),
             json.dumps(["not", "an", "object"]),
             json.dumps({"title": "no text"}, ensure_ascii=False),
             '{"text": "被截断的一']
    (tmp_path / "c.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs, skipped = read_corpus([tmp_path])
    assert [(d.id, d.title, d.date, d.source) for d in docs] == [("c-3", "", "", "湖南日报"),
                                                                ("j1", "江西", "2024-05-01", "")]
    assert skipped[0].details == (
        "line 4: a JSON list, not an object",
        "line 5: no text field (fields: title; the text field is one of: text, content, full_text, body, 正文, 内容)",
        "line 6: not valid JSON (Unterminated string starting at: column 10); cut off: the file ends in the "
        "middle of this line")
    assert skipped[0].reason.startswith("3 lines left out — line 4: a JSON list, not an object; ")
    assert skipped[0].reason.endswith("(the other 2 lines were read)")


def test_huge_csv_is_streamed_not_read_whole(tmp_path):
    import tracemalloc

    from kg.ingest import iter_documents

    path = tmp_path / "huge.csv"
    row = ("江西省推进“赣服通”建设，推动政务服务一网通办。" * 40 + "\n").encode("utf-8")
    with path.open("wb") as fh:
        fh.write(b"text\n")
        fh.write(row * (100 * 2**20 // len(row) + 1))  # 100 MiB
    assert path.stat().st_size > 100 * 2**20
    tracemalloc.start()
    try:
        documents = iter_documents(path)
        first = next(documents)
        for _ in range(999):
            next(documents)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert first.id == "huge-1"
    assert peak < 8 * 2**20, f"reading 1000 rows of a 100 MiB CSV peaked at {peak / 2**20:.1f} MiB"


# ---------------------------------------------------------------- .docx and .pdf

def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "属性里的标题"
    document.add_paragraph("江西省推进赣服通建设")
    document.add_paragraph("2023-05-12 来源: 江西日报")
    document.add_paragraph(BODY)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "赣服通"
    table.rows[0].cells[1].text = "江西省"
    document.save(path)
    return path


def test_docx_paragraphs_and_tables(tmp_path):
    make_docx(tmp_path / "d.docx")
    doc = read_document(tmp_path / "d.docx")
    assert (doc.title, doc.date, doc.source) == ("江西省推进赣服通建设", "2023-05-12", "江西日报")
    assert doc.text == BODY + "\n赣服通  江西省"


def test_truncated_docx_is_skipped_with_a_reason(tmp_path):
    data = make_docx(tmp_path / "d.docx").read_bytes()
    (tmp_path / "d.docx").write_bytes(data[: len(data) // 2])
    assert reasons(read_corpus([tmp_path])[1]) == {
        "d.docx": "not a readable .docx (truncated or corrupt? BadZipFile: File is not a zip file)"}


def test_pdf_text_layer_is_read(tmp_path):
    (tmp_path / "p.pdf").write_bytes(make_pdf(ARTICLE.strip().split("\n")))
    doc = read_document(tmp_path / "p.pdf")
    assert (doc.title, doc.date, doc.source, doc.text) == ("江西省推进赣服通建设", "2023-05-12", "江西日报", BODY)


def test_pdf_without_text_layer_and_truncated_pdf_are_skipped(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(make_pdf([]))
    (tmp_path / "cut.pdf").write_bytes(make_pdf(ARTICLE.strip().split("\n"))[:300])
    found = reasons(read_corpus([tmp_path])[1])
    assert found["scan.pdf"] == "PDF has no text layer (1 page of images only?): nothing to read without OCR"
    assert found["cut.pdf"].startswith("not a readable PDF (truncated or corrupt? ")


def test_encrypted_pdf_is_skipped(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["江西省推进赣服通建设"]))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    with (tmp_path / "locked.pdf").open("wb") as fh:
        writer.write(fh)
    assert reasons(read_corpus([tmp_path])[1]) == {"locked.pdf": "encrypted PDF (it needs a password)"}


# ---------------------------------------------------------------- bad inputs: one reason each

def test_bad_files_each_get_one_reason_and_the_rest_reads(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "nul.txt").write_bytes(b"abc\x00\x01\x02")
    (tmp_path / "png.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200)))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text(" \n\n", encoding="utf-8")
    (tmp_path / "junk.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "meta.csv").write_text("province,reason\n江西,none\n", encoding="utf-8")
    (tmp_path / "header.csv").write_text("", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")  # not a document format: not read, not reported
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    docs, skipped = read_corpus([tmp_path])
    assert [d.id for d in docs] == ["good"]
    assert reasons(skipped) == {
        "nul.txt": "binary file (contains NUL bytes), not text",
        "png.txt": "binary file (PNG image), not text",
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "junk.txt": "cannot decode: not UTF-8, and charset-normalizer finds no encoding that fits",
        "old.doc": ".doc files are not supported (save it as .docx)",
        "meta.csv": "no text column (columns: province, reason; the text column is one of: text, content, "
                    "full_text, body, 正文, 内容)",
        "header.csv": "empty file",
    }


def test_huge_text_file_is_skipped_naming_the_limit_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # a sparse 100 MiB file: costs no disk, and must not be read
        fh.truncate(100 * 2**20)
    assert MAX_TEXT_BYTES == 16 * 2**20
    assert reasons(read_corpus([path])[1]) == {
        "huge.txt": "file too large: 100 MiB, over the 16 MiB limit for one text document (split it into "
                    "smaller files, or save it as .jsonl, one document a line)"}


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    if os.geteuid() == 0:  # root reads a chmod 000 file: refuse the open the way the kernel would
        real_open = Path.open

        def refuse(self, *args, **kwargs):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refuse)
    path.chmod(0)
    try:
        assert reasons(read_corpus([tmp_path])[1]) == {"secret.txt": "cannot read: Permission denied"}
    finally:
        path.chmod(0o644)


def test_symlink_loops_and_broken_links_are_named(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "sub" / "back").symlink_to(corpus)  # a folder loop
    (corpus / "self.txt").symlink_to(corpus / "self.txt")  # a link to itself
    (corpus / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "again.txt").symlink_to(corpus / "sub" / "a.txt")  # the same file twice: read once, quietly
    docs, skipped = read_corpus([corpus, tmp_path / "missing"])
    assert [d.id for d in docs] == ["again"]
    assert {s.path: s.reason for s in skipped} == {
        str(corpus / "sub" / "back"): "symbolic link loop: it leads back to a folder that contains it",
        str(corpus / "self.txt"): "symbolic link loop: the link leads back to itself",
        str(corpus / "gone.txt"): f"broken symbolic link (its target {tmp_path / 'nowhere.txt'} does not exist)",
        str(tmp_path / "missing"): "no such file or folder",
    }


def test_a_failing_reader_costs_one_file(tmp_path, monkeypatch):
    from kg.ingest import corpus

    def crash(path):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(corpus.READERS, ".htm", crash)
    (tmp_path / "a.htm").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    docs, skipped = read_corpus([tmp_path])
    assert [d.id for d in docs] == ["b"]
    assert reasons(skipped) == {"a.htm": "unexpected error while reading (RecursionError: maximum recursion depth "
                                         "exceeded)"}


def test_zip_named_docx_but_not_word_is_named(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    (tmp_path / "z.docx").write_bytes(buffer.getvalue())
    reason = reasons(read_corpus([tmp_path])[1])["z.docx"]
    assert reason.startswith("not a readable .docx (truncated or corrupt? ")


def _stream(data: str) -> str:
    return f"<< /Length {len(data.encode('latin-1'))} >>\nstream\n{data}\nendstream"


def _to_unicode(codes: dict[str, int]) -> str:
    pairs = [f"<{code:02x}> <{ord(char):04x}>" for char, code in sorted(codes.items(), key=lambda kv: kv[1])]
    blocks = [f"{len(pairs[i:i + 100])} beginbfchar\n" + "\n".join(pairs[i:i + 100]) + "\nendbfchar"
              for i in range(0, len(pairs), 100)]
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange <00> <FF> endcodespacerange\n"
            + "\n".join(blocks) + "\nendcmap CMapName currentdict /CMap defineresource pop end end")


def make_pdf(lines: list[str]) -> bytes:
    chars = sorted(set("".join(lines)))
    if len(chars) > 255:
        raise ValueError("make_pdf: at most 255 distinct characters")
    codes = {char: i + 1 for i, char in enumerate(chars)}
    shown = " ".join(f"<{''.join(f'{codes[c]:02x}' for c in line)}> Tj T*" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td 14 TL {shown} ET" if lines else "q 0 0 1 rg 72 72 100 100 re f Q"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
               "/Contents 5 0 R >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
               _stream(content), _stream(_to_unicode(codes))]
    out = "%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out.encode("latin-1")))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out.encode("latin-1"))
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


@pytest.mark.skipif(not can_fork(), reason="files are read in forked processes only where processes fork")
def test_reading_with_jobs_gives_the_serial_documents_and_skips_in_the_same_order(tmp_path):
    # skips met by the walk (a missing path, an empty folder) and skips of files read in the workers
    # interleave as they do when the files are read one by one
    for i in range(6):
        (tmp_path / "a" / f"good{i}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "a" / f"good{i}.txt").write_text(f"标题{i}\n{ARTICLE}", encoding="utf-8")
    (tmp_path / "a" / "nul.txt").write_bytes(b"abc\x00\x01\x02")
    (tmp_path / "b").mkdir()
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    (tmp_path / "c" / "same.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "d.txt").write_text(ARTICLE, encoding="utf-8")
    paths = [tmp_path / "a", tmp_path / "missing.txt", tmp_path / "b", tmp_path / "c", tmp_path / "d.txt"]
    serial = read_corpus(paths)
    assert [s.path.rsplit("/", 1)[-1] for s in serial[1]] == ["nul.txt", "missing.txt", "b", "empty.txt"]
    assert read_corpus(paths, jobs=2) == serial
    assert read_corpus(paths, jobs=3) == serial
