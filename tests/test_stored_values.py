"""Rows written by other tools (sqlite-utils, Datasette, sqlite3): `db check` names each value that breaks the
field rules, and a command that meets one reports it as a domain error naming table, record and field."""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlite_utils

from tests.helpers import Cli, add_deputy, snapshot


def _insert_bad_deputy(db) -> int:
    """What `sqlite-utils insert` of a hand-made row does (the triggers log it, nothing checks it)."""
    database = sqlite_utils.Database(db)
    database["deputies"].insert({"name": "坏人", "gender": "F", "level": "town", "term": 3,
                                 "birth_date": "1990/5/6"})
    row_id = database.execute("SELECT max(id) FROM deputies").fetchone()[0]
    database.close()
    return row_id


def test_db_check_names_every_bad_value_and_its_row(cli, db):
    add_deputy(cli, "林晓")
    bad = _insert_bad_deputy(db)
    r = cli("db", "check", "--format", "json", expect=1)
    found = [f for f in json.loads(r.stdout) if f["check"] == "stored_value"]
    named = {(f["table"], f["record"]) for f in found}
    assert named == {("deputies", str(bad))}
    text = " ".join(f["message"] for f in found)
    for value in ("“F”", "“town”", "“1990/5/6”", "性别", "代表层级", "出生日期", "可用：男、女"):
        assert value in text, value
    for internal in ("gender", "birth_date", "deputies", "male"):  # her words only (issue 23)
        assert internal not in text, internal


def test_a_read_that_meets_a_bad_row_says_which_not_an_internal_error(cli, db):
    add_deputy(cli, "林晓")
    bad = _insert_bad_deputy(db)
    before = snapshot(db)
    for args in (("deputy", "list", "--name", "坏"), ("deputy", "list"), ("deputy", "show", str(bad))):
        r = cli(*args, expect=1)
        assert "内部错误" not in r.stderr, (args, r.stderr)
        assert f"代表记录 {bad} 的出生日期" in r.stderr and "由其他程序写入" in r.stderr, (args, r.stderr)
    assert cli.json("deputy", "composition")  # a view that does not need the bad value still works
    assert snapshot(db)[str(db)][0] == before[str(db)][0]


def test_bad_integer_date_and_flag_values_in_other_tables(cli, db):
    cli("meeting", "add", "--kind", "主席团", "--date", "2019-01-10")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meetings SET date = '2019-02-30', present = 'many', extraordinary = 7")
    conn.commit()
    conn.close()
    found = [f for f in json.loads(cli("db", "check", "--format", "json", expect=1).stdout)
             if f["check"] == "stored_value"]
    assert {f["message"].split("值“")[0].split(" 的")[1] for f in found} == {"日期", "出席人数", "是否临时会议"}


def _break_settings(db, key: str = "town", value: str = "{bad") -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE settings SET value = ? WHERE key = ?", (value, key))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("value", ["{bad", "[" * 10000 + "]" * 10000])
def test_a_settings_value_that_is_not_json(cli, db, value):
    add_deputy(cli, "林晓")
    _break_settings(db, "current_term", value)
    before = snapshot(db)
    for args in (("deputy", "list"), ("report", "term"), ("deputy", "composition")):
        r = cli(*args, expect=1)
        assert "设置项 current_term" in r.stderr and "内部错误" not in r.stderr, (args, r.stderr)
    assert snapshot(db)[str(db)][0] == before[str(db)][0]
    found = json.loads(cli("db", "check", "--format", "json", expect=1).stdout)
    assert any(f["table"] == "settings" and f["record"] == "current_term" for f in found)
    assert "current_term" in cli("config").stdout  # the settings can still be listed …
    cli("config", "current_term", "3")  # … and fixed
    cli("deputy", "list")


def test_rollup_of_a_bad_and_a_good_file_reports_the_good_one(sample, tmp_path):
    bad = tmp_path / "bad.db"
    sample("db", "backup", bad)
    _break_settings(bad, "town", "{bad")
    good = tmp_path / "good.db"
    sample("db", "backup", good)
    r = Cli(good)("report", "rollup", bad, good, "--year", "2019", "--format", "json", expect=1)
    data = json.loads(r.stdout)
    assert [t["town"] for t in data["townships"]] == ["三川镇"]
    assert len(data["errors"]) == 1 and "bad.db" in data["errors"][0] and "设置项 town" in data["errors"][0]
    assert "内部错误" not in r.stderr


def test_a_report_that_meets_a_bad_row_names_it(sample, tmp_path):
    conn = sqlite3.connect(sample.db)
    conn.execute("UPDATE deputies SET birth_date = '1990/5/6' WHERE id = 1")
    conn.commit()
    conn.close()
    r = sample("report", "annual", "--year", "2019", expect=1)
    assert "代表记录 1 的出生日期" in r.stderr and "内部错误" not in r.stderr
    assert "rdtool db void 代表 1" in r.stderr
