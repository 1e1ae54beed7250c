"""Helpers for tests: run the real CLI, compare database dumps, write input files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from rdtool.cli.main import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data"


class Cli:
    """Runs `rdtool --db DB ARGS…` in-process and checks the exit code."""

    def __init__(self, db: Path):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args, expect: int = 0, input: str | None = None):
        result = self.runner.invoke(app, ["--db", str(self.db), *[str(a) for a in args]], input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"traceback from rdtool {args}: {result.exception!r}") from result.exception
        assert "Traceback" not in result.output, result.output
        assert result.exit_code == expect, (
            f"rdtool {' '.join(map(str, args))} exited {result.exit_code}, expected {expect}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}")
        return result

    def json(self, *args):
        return json.loads(self(*args, "--format", "json").stdout)

    def fails(self, *args, code: int = 1):
        """Run a command that must fail with `code` and leave the database exactly as it was."""
        before = dump(self.db)
        result = self(*args, expect=code)
        assert dump(self.db) == before, f"rdtool {args} failed but changed the database"
        assert result.stderr.strip(), "a failure must say what is wrong"
        return result


def dump(db: Path) -> str:
    """The database's full content as SQL text (for "changed nothing" checks)."""
    conn = sqlite3.connect(db)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def add_deputy(cli: Cli, name: str, *extra: str, gender: str = "男", level: str = "镇", term: int = 3):
    cli("deputy", "add", name, "--gender", gender, "--level", level, "--term", str(term), *extra)




# ---- in a separate process: signals, strace, a small disk, no root powers --------------------------------

def run(args, *, wrap=(), env: dict | None = None, timeout: float = 120, input: str | None = None):
    """`python -m rdtool ARGS` in a new process (prefixed by `wrap`: strace, setpriv …)."""
    import os
    import subprocess
    import sys

    cmd = [*map(str, wrap), sys.executable, "-m", "rdtool", *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, input=input,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def no_root_powers() -> list[str]:
    """A prefix under which file modes bind even for root (setpriv drops the capabilities), else skip."""
    import os
    import shutil
    import subprocess

    import pytest

    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: file modes do not bind")
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    if subprocess.run([*prefix, "true"], capture_output=True).returncode:
        pytest.skip("running as root and setpriv cannot drop capabilities here")
    return prefix


def on_small_disk(folder: Path, kib: int, script: str, timeout: float = 120):
    """Run a shell script with a tmpfs of `kib` KiB mounted at `folder` (only inside a private mount namespace:
    `unshare -rm`); $RDTOOL runs rdtool. Skips where unprivileged namespaces are not allowed."""
    import os
    import shlex
    import shutil
    import subprocess
    import sys

    import pytest

    if not shutil.which("unshare"):
        pytest.skip("no unshare: cannot make a small disk")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode:
        pytest.skip("user and mount namespaces are not allowed here")
    folder.mkdir(parents=True, exist_ok=True)
    rdtool = f"{shlex.quote(sys.executable)} -m rdtool"
    full = (f"mount -t tmpfs -o size={kib}k tmpfs {shlex.quote(str(folder))} || exit 99\n"
            f"RDTOOL={shlex.quote(rdtool)}\n{script}")
    result = subprocess.run(["unshare", "-rm", "sh", "-c", full], capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    if result.returncode == 99:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr}")
    return result


def snapshot(*paths: Path, collect: bool = True) -> dict:
    """Bytes and mode of each file (None when absent), after closing connections left by earlier commands (whose
    close would checkpoint their writes into the file later)."""
    import gc
    import os

    if collect:
        gc.collect()
    out = {}
    for p in paths:
        try:
            out[str(p)] = (Path(p).read_bytes(), os.lstat(p).st_mode)
        except FileNotFoundError:
            out[str(p)] = None
    return out


def fictional_names(n: int) -> list[str]:
    """n distinct fictional three-character names (up to 80,000), surname first."""
    import itertools

    surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
    given = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰建国志文红梅春燕海波俊峰德林晓东宏斌云飞雪松鹏辉琴"
    return ["".join(p) for p in itertools.islice(itertools.product(surnames, given, given), n)]
