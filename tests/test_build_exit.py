"""``kg build`` over good and bad inputs: the skip lines, the closing summary and the exit code."""

from __future__ import annotations

import pytest

from kg.cli import main

ARTICLE = "江西省推进赣服通建设\n2023-05-12 来源: 江西日报\n江西省政务服务管理办公室部署推进“赣服通”建设。\n"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "rows.csv").write_text("title,text\n一,湖南省推进“湘易办”。\n二,\n", encoding="utf-8")
    return folder


def test_all_read_exits_0_with_no_skip_lines(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert "documents read: 1\n" in captured.out and "skipped" not in captured.err


def test_skips_are_named_summed_up_and_exit_3(tmp_path, capsys, corpus):
    (corpus / "bin.txt").write_bytes(b"\x00\x01")
    (corpus / "meta.csv").write_text("province,reason\n", encoding="utf-8")
    assert main(["build", str(corpus), str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 3
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"skipped: {corpus / 'bin.txt'}: binary file (contains NUL bytes), not text",
        f"skipped: {corpus / 'meta.csv'}: no text column (columns: province, reason; the text column is one of: "
        "text, content, full_text, body, 正文, 内容)",
        f"skipped: {corpus / 'rows.csv'}: row 2 (line 3): empty text (the other row was read)",
        f"skipped: {tmp_path / 'missing'}: no such file or folder",
        "skipped 3 of 5 inputs and part of 1 more (see the skipped: lines above); exit code 3",
    ]
    assert "documents read: 2 (skipped 4)" in captured.out
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_nothing_readable_exits_1(tmp_path, capsys):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01")
    assert main(["build", str(tmp_path / "bin.txt"), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"InputError: {tmp_path / 'bin.txt'}: no document could be read "
        f"({tmp_path / 'bin.txt'}: binary file (contains NUL bytes), not text)"]
    assert not (tmp_path / "out").exists()


def test_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for line in ("0    every input was read", "1    nothing was built", "2    usage error",
                 "3    the outputs were written, but some inputs", "130  interrupted"):
        assert line in out


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", "--no-such-option"])
    assert exc.value.code == 2


@pytest.mark.parametrize("jobs, message", [("-3", "-3 processes: give 1 or more, or 0 for one per core"),
                                           ("two", "not a whole number: 'two'")])
def test_a_bad_job_count_is_a_usage_error(capsys, jobs, message):
    with pytest.raises(SystemExit) as exc:
        main(["build", "--jobs", jobs])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err
