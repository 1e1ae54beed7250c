"""The database file: init, refusal to overwrite, newer schemas refused, bad files, permissions."""

from __future__ import annotations

import os
import sqlite3

from tests.helpers import Cli


def test_init_refuses_to_overwrite(cli):
    cli.fails("init", "--town", "别镇", "--term", "1", "--term-start", "2020-01-01")
    assert {r["key"]: r["value"] for r in cli.json("config")}["town"] == "三川镇"


def test_database_file_is_private(db):
    assert os.stat(db).st_mode & 0o777 == 0o600


def test_missing_database_is_a_usage_error(tmp_path):
    cli = Cli(tmp_path / "none.db")
    r = cli("deputy", "list", expect=2)
    assert "rdtool init" in r.stderr
    assert not (tmp_path / "none.db").exists()


def test_newer_schema_is_refused_and_left_alone(cli, db):
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('rdtool', 'm999_future', 'x')")
    conn.commit()
    conn.close()
    result = cli.fails("deputy", "list")
    assert "更新版本" in result.stderr


def test_not_sqlite_file(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"hello, this is not a database" * 100)
    result = Cli(bad)("deputy", "list", expect=1)
    assert "SQLite" in result.stderr or "rdtool" in result.stderr


def test_db_info_lists_migrations_and_counts(cli):
    info = cli.json("db", "info")
    assert "m001_initial" in info["migrations"]
    assert info["tables"]["terms"] == 1


def test_config_validates(cli):
    cli.fails("config", "proposal_reply_months", "三")
    cli.fails("config", "no_such_key", "1", code=2)
    cli("config", "proposal_reply_months", "2")
    assert {r["key"]: r["value"] for r in cli.json("config")}["proposal_reply_months"] == "2"


def test_env_var_selects_database(db, monkeypatch):
    monkeypatch.setenv("RDTOOL_DB", str(db))
    from typer.testing import CliRunner

    from rdtool.cli.main import app

    result = CliRunner().invoke(app, ["term", "list", "--format", "csv"])
    assert result.exit_code == 0 and "2017-01-05" in result.stdout


def test_version():
    from typer.testing import CliRunner

    from rdtool import __version__
    from rdtool.cli.main import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout
