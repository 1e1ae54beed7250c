"""Test harness: every test runs the real CLI on a real SQLite file in a temporary directory.

The autouse fixture points HOME, the data directory and RDTOOL_DB away from the
user's files, so no test can touch a real database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from rdtool.cli.main import app
from tests.helpers import Cli

pytest_plugins = ["tests.windows_rules"]  # Windows' file rules for every test (issue 22)

# Every property test in one profile: seeded (derandomize), no per-example deadline and no "too slow" health
# check, so a loaded machine (seven engineers on two cores, CI) cannot fail a test that is correct; no example
# database (a failure saved in some checkout's .hypothesis/ would be replayed there and nowhere else: every run
# tries the same examples everywhere). Each test still bounds itself with its own max_examples
# (tests/test_lint.py checks every property test's settings).
settings.register_profile(
    "rdtool", derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile("rdtool")


@pytest.fixture(autouse=True)
def _isolate(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("RDTOOL_DB", raising=False)
    monkeypatch.delenv("RDTOOL_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory) -> Path:
    """`rdtool init` run once per session (every migration applied); each test gets a copy (`db`)."""
    path = tmp_path_factory.mktemp("template") / "t.db"
    Cli(path)("init", "--town", "三川镇", "--county", "示例县", "--term", "3", "--term-start", "2017-01-05",
              "--term-end", "2021-12-31")
    return path


def _copy_db(src: Path, dest: Path) -> Path:
    """A private copy of a database file, as rdtool would have made it (sqlite's backup: the WAL's content
    included; mode 0600 like a file rdtool creates)."""
    source, target = sqlite3.connect(src), sqlite3.connect(dest)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    dest.chmod(0o600)
    return dest


@pytest.fixture
def db(_template_db, tmp_path) -> Path:
    """An initialised database: 三川镇, third term from 2017-01-05 (a copy of the session's template)."""
    return _copy_db(_template_db, tmp_path / "t.db")


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
    return Cli(_copy_db(_sample_db, tmp_path / "sample.db"))


