"""The README's Windows section, line by line (issue 22): its PowerShell and cmd blocks run here as those shells
would split them, under the Windows file rules, with %USERPROFILE% a folder of the test's own."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## On Windows"):README.index("\n## ", README.index("## On Windows") + 1)]
DOUBLE = '"“”„'
SINGLE = "'‘’‚‛"


def _block(shell: str) -> list[str]:
    start = SECTION.index(f"\n{shell}:\n\n```\n") + len(f"\n{shell}:\n\n```\n")
    return SECTION[start:SECTION.index("```", start)].strip().splitlines()


def powershell_words(line: str) -> list[str]:
    """Arguments as PowerShell passes them to a program: ' ‘ ’ open and close a literal string, " “ ” „ an
    expandable one (none used here with $ inside), and the marks themselves are gone."""
    words, cur, quote, started = [], "", None, False
    for ch in line:
        if quote:
            if (quote in SINGLE and ch in SINGLE) or (quote in DOUBLE and ch in DOUBLE):
                quote = None
            else:
                cur += ch
        elif ch in SINGLE or ch in DOUBLE:
            quote, started = ch, True
        elif ch == " ":
            if cur or started:
                words.append(cur)
            cur, started = "", False
        else:
            cur += ch
    if cur or started:
        words.append(cur)
    return words


def cmd_words(line: str) -> list[str]:
    """Arguments as a program started from cmd sees them: only the ASCII " quotes."""
    words, cur, quoted, started = [], "", False, False
    for ch in line:
        if ch == '"':
            quoted, started = not quoted, True
        elif ch == " " and not quoted:
            if cur or started:
                words.append(cur)
            cur, started = "", False
        else:
            cur += ch
    if cur or started:
        words.append(cur)
    return words


def test_the_splitters_read_as_the_readme_says_the_shells_do():
    assert powershell_words("proposal submit 关于“一事一议”的建议") == ["proposal", "submit", "关于一事一议的建议"]
    assert powershell_words("x '关于“一事一议”的建议'") == ["x", "关于“一事一议”的建议"]
    assert powershell_words('x "他说‘好’"') == ["x", "他说‘好’"]
    assert cmd_words("x 关于“一事一议”的建议") == ["x", "关于“一事一议”的建议"]


def _run(shell: str, tmp_path: Path) -> dict:
    home = tmp_path / "秘书"
    home.mkdir()
    env = {**os.environ, "USERPROFILE": str(home)}
    env.pop("RDTOOL_DB", None)
    split = powershell_words if shell == "PowerShell" else cmd_words
    for line in _block(shell):
        line = line.replace("$env:USERPROFILE", str(home)).replace("%USERPROFILE%", str(home))
        line = line.replace("\\", "/")
        if line.startswith("mkdir "):
            Path(split(line)[1]).mkdir()
            continue
        m = re.fullmatch(r'\$env:RDTOOL_DB = "(.*)"|set "RDTOOL_DB=(.*)"', line)
        if m:
            env["RDTOOL_DB"] = m.group(1) or m.group(2)
            continue
        words = split(line)
        assert words[0] == ".venv/Scripts/rdtool", line
        out = None
        if ">" in words:
            out = tmp_path / words[words.index(">") + 1]
            words = words[:words.index(">")]
        r = subprocess.run([sys.executable, "-m", "rdtool", *words[1:]], capture_output=True, env=env,
                           cwd=tmp_path, timeout=120)
        assert r.returncode == 0, (line, r.stderr.decode("utf-8", "replace"))
        if out is not None:
            out.write_bytes(r.stdout)
    return env


@pytest.mark.parametrize("shell", ["PowerShell", "cmd"])
def test_the_windows_blocks_run_line_by_line(tmp_path, shell):
    env = _run(shell, tmp_path)
    db = Path(env["RDTOOL_DB"])
    assert db.parent.name == "人大资料" and db.parent.parent.name == "秘书"  # in her profile, as advised
    listed = subprocess.run([sys.executable, "-m", "rdtool", "proposal", "list", "--format", "json"],
                            capture_output=True, env=env, timeout=120)
    (proposal,) = json.loads(listed.stdout)
    assert proposal["title"] == "关于修缮新华村“便民桥”的建议"  # its “ ” kept in either shell
    data = (tmp_path / "代表名单.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r" not in data  # BOM for Excel, LF as the README says
    names = {r["name"] for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
    assert names == {"陈红梅", "谢锋", "马继红"}
