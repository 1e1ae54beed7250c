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


