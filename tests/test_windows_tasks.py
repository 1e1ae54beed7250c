"""Unattended runs (issue 22): the README's Task Scheduler lines run as a scheduled task runs them — on a console
that looks like a terminal but that nobody reads — and never wait for an answer (`--no-input`)."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.helpers import ROOT, add_deputy

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXE = r"C:\Users\秘书\rdtool\.venv\Scripts\rdtool.exe"
FOLDER = "C:\\Users\\秘书\\人大资料\\"


def _section() -> str:
    start = README.index("## Under Task Scheduler")
    return README[start:README.index("\n## ", start + 1)]


def _create_lines() -> list[str]:
    return [line for line in _section().splitlines() if line.startswith("schtasks /Create")]


def on_hidden_console(args: list[str], env: dict | None = None, lines: int = 5) -> tuple[int, str]:
    """Run rdtool with stdin, stdout and stderr on a pseudo-terminal nobody types into (a scheduled task's
    hidden console); the output is drained as it comes, so only a question or a pager can make it wait."""
    master, slave = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k not in ("RDTOOL_NO_INPUT", "RDTOOL_PAGER", "PAGER")}
    environ.update(LINES=str(lines), COLUMNS="80", **(env or {}))
    chunks: list[bytes] = []

    def drain():
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        proc = subprocess.run([sys.executable, "-m", "rdtool", *args], stdin=slave, stdout=slave, stderr=slave,
                              env=environ, cwd=ROOT, timeout=120)
    finally:
        os.close(slave)
        reader.join(timeout=10)
        os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def _action(line: str, folder: Path) -> list[str]:
    m = re.search(r'/TR "([^"]*)"', line)
    assert m, line
    words = m.group(1).split(" ")  # no quotes inside the action: paths without spaces
    assert words[0] == EXE and words[1] == "--no-input", line
    return [str(folder / w[len(FOLDER):]) if w.startswith(FOLDER) else w for w in words[1:]]


def test_the_readme_schtasks_lines_are_well_formed():
    lines = _create_lines()
    assert len(lines) >= 3
    for line in lines:
        assert re.search(r'/TN "[^"]+"', line) and re.search(r"/SC (DAILY|WEEKLY|MONTHLY)\b", line), line
        assert re.search(r"/ST [0-2]\d:[0-5]\d\b", line) and "--no-input" in line, line
    assert "RDTOOL_NO_INPUT" in _section() and "--force" in _section()


def test_the_readme_tasks_run_unattended_twice(sample, tmp_path):
    folder = tmp_path / "人大资料"
    folder.mkdir()
    sample("db", "backup", folder / "三川镇.db")
    for _ in range(2):  # the second run finds last week's files
        for line in _create_lines():
            code, out = on_hidden_console(_action(line, folder))
            expected = (0, 1) if " check" in line else (0,)
            assert code in expected and "Traceback" not in out, (line, out)
    assert len(list((folder / "三川镇.db.backups").glob("*.db"))) == 2
    assert (folder / "建议台账.xlsx").stat().st_size > 0


@pytest.mark.parametrize("how", ["option", "env"])
def test_no_input_makes_a_question_an_error_and_turns_the_pager_off(cli, db, tmp_path, how):
    for c in "甲乙丙丁戊己庚辛壬癸子丑":
        add_deputy(cli, f"王{c}")
    out = tmp_path / "代表.csv"
    cli("export", "deputies", "-o", out)
    before = out.read_bytes()
    flag, env = (["--no-input"], None) if how == "option" else ([], {"RDTOOL_NO_INPUT": "1"})
    code, text = on_hidden_console([*flag, "--db", str(db), "export", "deputies", "-o", str(out)], env)
    assert code == 2 and "没有覆盖" in text and "不询问" in text and "--force" in text, text
    assert out.read_bytes() == before
    cli("db", "backup")
    (copy,) = (db.parent / f"{db.name}.backups").glob("*.db")
    code, text = on_hidden_console([*flag, "--db", str(db), "db", "restore", str(copy)], env)
    assert code == 2 and "--yes" in text, text
    # a list taller than the screen: printed straight, no pager waiting for a key
    code, text = on_hidden_console([*flag, "--db", str(db), "deputy", "list"], {**(env or {}), "PAGER": "less"})
    assert code == 0 and "王丑" in text and "王甲" in text, text
