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


def test_terms_are_numbered_and_do_not_overlap(cli):
    cli.fails("term", "add", "0", "--start", "2022-01-06")
    cli.fails("term", "add", "2", "--start", "2015-01-01", "--end", "2017-06-30")  # overlaps the third term
    out = cli("term", "add", "4", "--start", "2022-01-06", "--current").stdout
    assert "本届" in out
    terms = {t["number"]: t for t in cli.json("term", "list")}
    assert terms[4]["start_date"] == "2022-01-06"
    assert {r["key"]: r["value"] for r in cli.json("config")}["current_term"] == "4"


def test_open_ended_term_is_closed_by_the_next(tmp_path):
    cli = Cli(tmp_path / "o.db")
    cli("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
    assert "2022-01-05" in cli("term", "add", "4", "--start", "2022-01-06").stdout
    assert {t["number"]: t["end_date"] for t in cli.json("term", "list")} == {3: "2022-01-05", 4: None}


def test_bad_init_leaves_no_file_behind(tmp_path):
    path = tmp_path / "new.db"
    cli = Cli(path)
    cli("init", "--town", " ", "--term", "3", "--term-start", "2017-01-05", expect=1)
    cli("init", "--town", "三川镇", "--term", "0", "--term-start", "2017-01-05", expect=1)
    cli("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-02-30", expect=1)
    assert not path.exists()


def test_huge_numbers_are_usage_errors_not_crashes(cli):
    cli.fails("deputy", "show", "99999999999999999999999", code=2)
    cli.fails("db", "log", "--limit", "99999999999999999999999", code=2)
    cli.fails("term", "add", "99999999999999999999999", "--start", "2030-01-01")
    cli.fails("deputy", "add", "王五", "--gender", "男", "--level", "镇", "--term", "99999999999999999999999")


def test_config_unknown_key_is_a_usage_error_even_when_reading(cli):
    assert "town" in cli("config", "zzz", expect=2).stderr
