"""The old Windows console (issue 22): conhost under code page 936 draws ─ “ ” … █ ░ two cells wide. Tables and
prose still fit its width; the pager gets text it can read (less: UTF-8, more: the console's code page)."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from tests.windows_rules import legacy_width

COMMANDS = [
    ("deputy", "list", "--term", "3"), ("meeting", "list", "--term", "3"), ("proposal", "list", "--term", "3"),
    ("vote", "list", "--term", "3"), ("deputy", "composition", "--term", "3"),
    ("report", "annual", "--year", "2019", "--as-of", "2026-11-28"),
    ("report", "term", "--term", "3", "--as-of", "2026-11-28"), ("db", "check"), ("config",),
]


def _lines(sample, *args) -> list[str]:
    from rdtool.cli.main import app

    result = sample.runner.invoke(app, ["--db", str(sample.db), *args])  # (db check may exit 1: reminders)
    assert result.exit_code in (0, 1) and "Traceback" not in result.output, result.output
    return result.stdout.splitlines()


@pytest.mark.parametrize("width", [60, 80])
def test_tables_and_prose_fit_the_old_console(sample, legacy_console, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    for command in COMMANDS:
        lines = _lines(sample, *command)
        assert lines, command
        too_wide = [line for line in lines if legacy_console(line) > width]
        assert not too_wide, (command, too_wide[:3])
        assert not any("─" in line for line in lines), command  # the header's rule is drawn with -


def test_the_old_console_is_the_problem_being_solved(sample, monkeypatch):
    """Measured as the old console measures, the output for a modern terminal overflows 80 columns: the test
    above could fail."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    lines = [line for command in COMMANDS for line in _lines(sample, *command)]
    assert any(legacy_width(line) > 80 for line in lines)
    assert any("─" in line for line in lines)


def test_other_terminals_can_ask_for_the_same_measure(sample, monkeypatch):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("RDTOOL_AMBIGUOUS_WIDE", "1")
    lines = _lines(sample, "report", "annual", "--year", "2019", "--as-of", "2026-11-28")
    assert all(legacy_width(line) <= 80 for line in lines)


def test_windows_terminal_keeps_the_modern_measure(sample, legacy_console, monkeypatch):
    monkeypatch.setenv("WT_SESSION", "1")
    monkeypatch.setenv("COLUMNS", "80")
    lines = _lines(sample, "deputy", "list", "--term", "3")
    assert any("─" in line for line in lines)


# ---- the pager -------------------------------------------------------------------------------------------------

def _fake_pager(folder, name):
    script = folder / name
    script.write_text('#!/bin/sh\ncat > "$PAGER_OUT"\nenv > "$PAGER_OUT.env"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


class _Console:
    """stdout on the console: what the pager is started for."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self):
        self.text = []

    def write(self, text):
        self.text.append(text)

    def flush(self):
        pass

    def fileno(self):
        raise OSError("no descriptor")


TEXT = "".join(f"第{i}行 王㐀 “一事一议” ─ …\n" for i in range(40))


@pytest.mark.parametrize("program,encoding", [("less", "utf-8"), ("more", "gb18030")])
def test_the_pager_gets_text_it_can_read(legacy_console, tmp_path, monkeypatch, program, encoding):
    from rdtool.pager import Pager

    bin_ = tmp_path / "bin"
    bin_.mkdir()
    _fake_pager(bin_, program)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("PAGER_OUT", str(tmp_path / "seen"))
    monkeypatch.delenv("LESSCHARSET", raising=False)
    pager = Pager(_Console(), [program] if program == "less" else program, lines=10)
    pager.write(TEXT)
    pager.close()
    seen = (tmp_path / "seen").read_bytes()
    assert seen == TEXT.encode(encoding)
    env = (tmp_path / "seen.env").read_text(encoding="utf-8")
    assert ("LESSCHARSET=utf-8" in env) == (program == "less")
    if program == "more":
        with pytest.raises(UnicodeDecodeError):
            seen.decode("utf-8")  # GB18030 for the code page 936 console, not UTF-8
    assert sys.platform == "win32"
