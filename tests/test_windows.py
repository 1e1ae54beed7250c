"""The Windows laptop, reproduced here: a GBK stdout, paths with Chinese and spaces, files held open, no chmod.

Each platform assumption the code makes is checked on Linux: by running the real CLI with the encoding a
redirected stdout has on Chinese Windows (PYTHONIOENCODING=gbk / cp936), by writing through a stream that
translates line endings as Windows' stdout does, and by reading the source for what only POSIX has.
"""

from __future__ import annotations

import ast
import csv
import io
import os
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

from tests.helpers import ROOT, Cli, add_deputy

RARE = "王㐀𠀀"  # 㐀 (CJK Extension A) and 𠀀 (Extension B): not in GBK
SOURCES = sorted((ROOT / "rdtool").rglob("*.py"))


def run(db: Path, *args: str, encoding: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "LC_ALL")}
    environ.update(PYTHONIOENCODING=encoding, NO_COLOR="1", **env)
    return subprocess.run([sys.executable, "-m", "rdtool", "--db", str(db), *args], capture_output=True,
                          env=environ, cwd=ROOT, timeout=120)


@pytest.fixture
def rare(cli) -> Cli:
    add_deputy(cli, RARE)
    add_deputy(cli, "张三")
    return cli


@pytest.mark.parametrize("encoding", ["gbk", "cp936"])
def test_machine_formats_are_utf8_whatever_the_locale(rare, encoding):
    for fmt in ("csv", "tsv", "json", "jsonl"):
        result = run(rare.db, "deputy", "list", "--format", fmt, encoding=encoding)
        assert result.returncode == 0, result.stderr.decode("gb18030")
        text = result.stdout.decode("utf-8")  # strict: every byte is UTF-8
        assert RARE in text and "张三" in text and b"\r" not in result.stdout
    rows = list(csv.DictReader(io.StringIO(run(rare.db, "deputy", "list", "--format", "csv",
                                               encoding=encoding).stdout.decode("utf-8"))))
    assert [r["name"] for r in rows] == [RARE, "张三"] or {r["name"] for r in rows} == {RARE, "张三"}
    exported = run(rare.db, "export", "deputies", encoding=encoding)
    assert exported.returncode == 0 and RARE in exported.stdout.decode("utf-8")


@pytest.mark.parametrize("encoding", ["gbk", "cp936"])
def test_text_for_people_is_gb18030_on_a_gbk_stream(rare, encoding):
    result = run(rare.db, "deputy", "list", encoding=encoding)
    assert result.returncode == 0
    text = result.stdout.decode("gb18030")
    assert RARE in text and "张三" in text
    assert "张三".encode("gbk") in result.stdout  # what GBK has, GB18030 writes with the same bytes
    error = run(rare.db, "deputy", "show", RARE + "甲", encoding=encoding)
    assert error.returncode == 1 and "错误" in error.stderr.decode("gb18030") and RARE in error.stderr.decode("gb18030")
    assert b"Traceback" not in error.stderr


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_text_to_another_narrow_stream_is_utf8(rare, encoding):
    result = run(rare.db, "deputy", "list", encoding=encoding)
    assert result.returncode == 0 and RARE in result.stdout.decode("utf-8")


def test_streams_as_windows_has_them():
    from rdtool.render import Column, render_rows
    from rdtool.streams import for_machines, for_people, text_encoding

    assert text_encoding("cp936") == text_encoding("GBK") == text_encoding("gb2312") == "gb18030"
    assert text_encoding("utf-8") == "utf-8" and text_encoding("cp1252") == "utf-8"
    # A redirected stdout on Chinese Windows: cp936 and CRLF translation.
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="cp936", newline="\r\n")
    for_people(stdout)
    stdout.write(f"{RARE}\n")
    for_machines(stdout)
    render_rows([{"name": RARE, "notes": "第一行\n第二行"}], [Column("name"), Column("notes")], "csv", stdout)
    stdout.flush()
    data = raw.getvalue()
    first, rest = data.split(b"\n", 1)
    assert first.decode("gb18030") == RARE
    assert b"\r" not in data  # LF on every platform, also inside a quoted cell
    assert rest.decode("utf-8") == f'name,notes\n{RARE},"第一行\n第二行"\n'


def test_csv_files_have_lf_line_endings_and_round_trip(rare, tmp_path):
    """Decision: CSV keeps LF (not RFC 4180's CRLF), the same bytes on every platform. Excel, WPS, LibreOffice,
    pandas, csvkit and Python's csv read LF; shell tools in cron scripts (cut, awk, grep) would see a stray CR
    in the last field with CRLF; and the contract's files stay what they were."""
    out = tmp_path / "代表 名单.csv"
    rare("export", "deputies", "-o", out)
    data = out.read_bytes()
    assert b"\r" not in data and data.count(b"\n") == 3
    with open(out, encoding="utf-8", newline="") as f:
        assert {r["name"] for r in csv.DictReader(f)} == {RARE, "张三"}


def test_paths_with_chinese_and_spaces(tmp_path):
    folder = tmp_path / "人大资料" / "三川镇 资料"
    folder.mkdir(parents=True)
    db = folder / "三川镇 2026.db"
    cli = Cli(db)
    cli("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
    add_deputy(cli, RARE)
    cli("db", "backup")
    copy = next((folder / "三川镇 2026.db.backups").rglob("*.db"))
    add_deputy(cli, "李四")
    cli("db", "restore", copy, "--yes")
    assert [r["name"] for r in cli.json("deputy", "list")] == [RARE]
    cli("report", "annual", "--year", "2017", "--format", "md", "-o", folder / "年度 报告.md")
    assert (folder / "年度 报告.md").read_text(encoding="utf-8").startswith("# ")
    # The same names on a Windows path, built with pathlib as rdtool builds them.
    from rdtool.store.backup import backup_dir

    windows = PureWindowsPath(r"D:\人大资料\三川镇 2026.db")
    assert str(backup_dir(windows)) == r"D:\人大资料\三川镇 2026.db.backups"


def test_default_database_is_under_localappdata(tmp_path):
    """Windows: %LOCALAPPDATA%\\rdtool\\rdtool.db (not roaming, no vendor folder). Profile folders are readable
    only by their user (and administrators) by their ACL, which is what protects the file where chmod 0600
    does nothing; platformdirs is asked as it would be on Windows."""
    local = r"C:\Users\秘书\AppData\Local"
    code = ("import sys; sys.platform = 'win32'\n"
            "from rdtool.store.db import default_path\n"
            "print(default_path())")
    env = {k: v for k, v in os.environ.items() if k != "RDTOOL_DB"}
    env.update(WIN_PD_OVERRIDE_LOCAL_APPDATA=local, WIN_PD_OVERRIDE_APPDATA=r"C:\Users\秘书\AppData\Roaming",
               PYTHONIOENCODING="utf-8")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, cwd=ROOT, text=True,
                         encoding="utf-8", timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().replace("/", "\\") == local + r"\rdtool\rdtool.db"


def test_nothing_depends_on_chmod(tmp_path, monkeypatch):
    """Where os.chmod cannot restrict (Windows), every command still works: the mode is a protection on
    POSIX, never something the code relies on."""
    monkeypatch.setattr(os, "chmod", lambda *a, **k: None)
    db = tmp_path / "t.db"
    cli = Cli(db)
    cli("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
    add_deputy(cli, RARE)
    cli("db", "backup")
    cli("export", "deputies", "-o", tmp_path / "d.csv")
    assert RARE in (tmp_path / "d.csv").read_text(encoding="utf-8")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see open handles")
def test_files_are_closed_before_they_are_replaced_or_removed(rare, tmp_path, monkeypatch):
    """Windows refuses to replace or delete a file a handle holds open: every os.replace and unlink that
    rdtool does finds the file closed in this process."""
    def open_paths() -> set[str]:
        out = set()
        for fd in os.listdir("/proc/self/fd"):
            try:
                out.add(os.path.realpath(os.readlink(f"/proc/self/fd/{fd}")))
            except OSError:
                pass
        return out

    seen = []
    real_replace, real_unlink = os.replace, os.unlink

    def replace(src, dst, *a, **k):
        assert os.path.realpath(src) not in open_paths(), f"{src} is still open"
        assert not os.path.exists(dst) or os.path.realpath(dst) not in open_paths(), f"{dst} is still open"
        seen.append(("replace", str(src)))
        return real_replace(src, dst, *a, **k)

    def unlink(path, *a, **k):  # (Path.unlink calls os.unlink)
        if os.path.exists(path):
            assert os.path.realpath(path) not in open_paths(), f"{path} is still open"
            seen.append(("unlink", str(path)))
        return real_unlink(path, *a, **k)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "unlink", unlink)
    rare("config", "backups_keep", "2")
    for _ in range(3):
        rare("db", "backup")
    copy = sorted((rare.db.parent / f"{rare.db.name}.backups").glob("*.db"))[-1]
    rare("db", "restore", copy, "--yes")
    rare("export", "deputies", "-o", tmp_path / "d.csv")
    assert any(kind == "replace" for kind, _ in seen) and any(kind == "unlink" for kind, _ in seen)


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


POSIX_ONLY_MODULES = {"fcntl", "pwd", "grp", "resource", "termios", "tty", "pty", "posix", "crypt", "spwd",
                      "syslog", "curses", "readline", "posixpath"}
POSIX_ONLY_OS = {"getuid", "geteuid", "getgid", "getegid", "fork", "forkpty", "killpg", "getpgid", "setsid",
                 "uname", "chown", "lchown", "mkfifo", "nice", "getloadavg", "sync", "statvfs", "WNOHANG"}
POSIX_ONLY_SIGNALS = {"SIGKILL", "SIGHUP", "SIGPIPE", "SIGALRM", "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGQUIT",
                      "alarm", "setitimer", "SIGTSTP", "SIGCONT", "pause"}


def test_no_posix_only_module_or_call_in_the_package():
    found = []
    for path in SOURCES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Import):
                found += [(path.name, a.name) for a in node.names if a.name.split(".")[0] in POSIX_ONLY_MODULES]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in POSIX_ONLY_MODULES:
                found.append((path.name, node.module))
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id == "os" and node.attr in POSIX_ONLY_OS:
                    found.append((path.name, f"os.{node.attr}"))
                if node.value.id == "signal" and node.attr in POSIX_ONLY_SIGNALS:
                    found.append((path.name, f"signal.{node.attr}"))
    assert not found, found


def test_every_file_is_opened_with_an_encoding_or_in_binary():
    """Without encoding=, Python uses the ANSI code page on Windows (cp936), not UTF-8; os.open without
    O_BINARY gives a text-mode descriptor there, which turns every LF into CRLF."""
    found = []
    for path in SOURCES:
        for node in ast.walk(_tree(path)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            keywords = {k.arg for k in node.keywords}
            source = ast.unparse(node)
            is_method = isinstance(func, ast.Attribute)
            if is_method and name in ("read_text", "write_text"):
                given = len(node.args) >= (1 if name == "read_text" else 2)  # encoding passed by position
                if not given and "encoding" not in keywords:
                    found.append((path.name, node.lineno, source))
            elif name == "open" and not (is_method and getattr(func.value, "id", "") in ("os", "sqlite3")):
                # builtin open(path[, mode]); a method .open(…) only with a mode (ZipFile.open(name) is binary)
                modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)] + [
                    k.value.value for k in node.keywords if k.arg == "mode" and isinstance(k.value, ast.Constant)]
                if (modes or not is_method) and "b" not in "".join(map(str, modes)) and "encoding" not in keywords:
                    found.append((path.name, node.lineno, source))
            if name == "fdopen" and "encoding" not in keywords and "b" not in source:
                found.append((path.name, node.lineno, source))
            if (name == "open" and isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "os"
                    and ("O_WRONLY" in source or "O_RDWR" in source) and "devnull" not in source
                    and "O_BINARY" not in source):
                found.append((path.name, node.lineno, source))
    assert not found, found


def test_a_broken_pipe_on_windows_is_quiet(monkeypatch):
    import errno

    from rdtool.cli.main import _is_broken_pipe

    assert _is_broken_pipe(BrokenPipeError())
    assert not _is_broken_pipe(OSError(errno.EINVAL, "Invalid argument"))
    monkeypatch.setattr(sys, "platform", "win32")
    assert _is_broken_pipe(OSError(errno.EINVAL, "Invalid argument"))
    assert not _is_broken_pipe(OSError(errno.ENOSPC, "No space left on device"))
