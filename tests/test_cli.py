from __future__ import annotations

import pytest

from kg.cli import main


def test_build_prints_summary_and_writes(tmp_path, capsys, fixture_corpus):
    assert main(["build", str(fixture_corpus), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "documents read: 2" in out and "entities:" in out and "relations:" in out
    assert (tmp_path / "graph.ttl").is_file() and (tmp_path / "graph.html").is_file()


def test_bad_files_are_named_and_the_rest_builds(tmp_path, capsys, fixture_corpus):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bin.txt").write_bytes(b"\x00\x00")
    assert main(["build", str(fixture_corpus), str(tmp_path / "in"), str(tmp_path / "missing"),
                 "--out", str(tmp_path / "out")]) == 3  # built, but inputs were skipped
    err = capsys.readouterr().err
    assert f"skipped: {tmp_path / 'in' / 'bin.txt'}: binary file (contains NUL bytes), not text" in err
    assert f"skipped: {tmp_path / 'missing'}: no such file or folder" in err


def test_nothing_built_exits_1_with_one_line(tmp_path, capsys):
    assert main(["build", str(tmp_path / "missing"), "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"InputError: {tmp_path / 'missing'}: no document could be read "
                   f"({tmp_path / 'missing'}: no such file or folder)"]


def test_help_and_usage_errors():
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_progress_on_a_terminal_is_one_line_rewritten_a_few_times():
    import io

    from kg.cli import _progress_printer

    class Terminal(io.StringIO):
        def isatty(self):
            return True
    term = Terminal()
    show = _progress_printer(term, every=3600)
    for done in range(1, 20_001):
        show(done, 20_000)
    assert term.getvalue().count("\r") == 1  # only the last update, the first 19,999 came too soon
    assert term.getvalue().startswith("\rextracting 20000/20000 documents (") and term.getvalue().endswith("/s)\n")
    assert _progress_printer(io.StringIO()) is None  # not a terminal: no progress line
