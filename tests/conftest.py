"""Test harness: every test runs the real CLI on a real SQLite file in a temporary directory.

The autouse fixture points HOME, the data directory and RDTOOL_DB away from the
user's files, so no test can touch a real database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rdtool.cli.main import app
from tests.helpers import Cli

pytest_plugins = ["tests.windows_rules"]  # Windows' file rules for every test (issue 22)


@pytest.fixture(autouse=True)
def _isolate(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("RDTOOL_DB", raising=False)
    monkeypatch.delenv("RDTOOL_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def db(tmp_path) -> Path:
    """An initialised database: 三川镇, third term from 2017-01-05."""
    path = tmp_path / "t.db"
    Cli(path)("init", "--town", "三川镇", "--county", "示例县", "--term", "3", "--term-start", "2017-01-05",
              "--term-end", "2021-12-31")
    return path


@pytest.fixture
def cli(db) -> Cli:
    return Cli(db)


@pytest.fixture(scope="session")
def _sample_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    result = CliRunner().invoke(app, ["demo", "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def sample(_sample_db, tmp_path) -> Cli:
    """A private copy of the demo database built from sample_data/ (built once per session)."""
    path = tmp_path / "sample.db"
    src = sqlite3.connect(_sample_db)
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return Cli(path)


