"""Small faults that used to end in "内部错误" or a traceback: each is one Chinese line, exit 1 or 2, and the
database is unchanged."""

from __future__ import annotations

import sqlite3

import pytest

from tests.helpers import add_deputy, dump

REFS = [
    ("deputy", "show", "{}"),
    ("deputy", "edit", "{}", "--workplace", "镇政府"),
    ("deputy", "end", "{}", "--status", "辞职", "--date", "2019-01-01"),
    ("deputy", "archive", "{}"),
    ("meeting", "show", "{}"),
    ("meeting", "edit", "{}", "--title", "x"),
    ("vote", "show", "{}"),
    ("election", "show", "{}"),
    ("appointment", "show", "{}"),
    ("activity", "show", "{}"),
    ("proposal", "show", "{}"),
    ("db", "void", "deputies", "{}", "--reason", "x"),
    ("db", "delete", "deputies", "{}", "--yes"),
]


def _run(cli, *args):
    result = cli.runner.invoke(__import__("rdtool.cli.main", fromlist=["app"]).app, ["--db", str(cli.db), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.mark.parametrize("ref", ["①", "②", "٣", "9" * 5000])
def test_digit_like_or_huge_references(cli, db, ref):
    add_deputy(cli, "林晓")
    before = dump(db)
    for args in REFS:
        r = _run(cli, *(a.format(ref) for a in args))
        assert r.exit_code in (1, 2), (args, r.output)
        assert r.stderr.startswith("错误：") and "内部错误" not in r.stderr, (args, r.stderr)
        assert len(r.stderr) < 400, (args, r.stderr)  # a 5,000-digit value is not echoed whole
    assert dump(db) == before


def test_json_nested_10000_deep_and_a_5000_digit_integer(cli, db):
    deep = "[" * 10000 + "]" * 10000
    r = cli.fails("config", "points_scheme", '{"activity": ' + deep + "}")
    assert "嵌套" in r.stderr
    huge = "9" * 5000
    for args in (("config", "backups_keep", huge), ("deputy", "add", "王五", "--gender", "男", "--level", "镇",
                                                     "--term", huge), ("db", "log", "--limit", huge)):
        r = _run(cli, *args)
        assert r.exit_code in (1, 2) and "内部错误" not in r.stderr and len(r.stderr) < 400, (args, r.stderr)


def test_a_lone_surrogate_in_the_command_line(cli, db):
    before = dump(db)
    for args in (("deputy", "add", "王\udcff", "--gender", "男", "--level", "镇", "--term", "3"),
                 ("deputy", "add", "王五", "--gender", "男", "--level", "镇", "--term", "3", "--workplace", "\ud800"),
                 ("deputy", "list", "--name", "\udcff")):
        r = cli(*args, expect=2)
        assert "无法识别的字符" in r.stderr and "内部错误" not in r.stderr
    assert dump(db) == before


def test_sqlite_text_never_reaches_the_user(cli, db):
    """A UNIQUE failure SQLite itself raises (here forced by a trigger another program added)."""
    conn = sqlite3.connect(db)
    conn.execute("CREATE TRIGGER clash AFTER INSERT ON activities WHEN NEW.code = 'Z9' BEGIN "
                 "INSERT INTO activities (code, kind, date, title) VALUES ('Z9', 'other', NEW.date, 'x'); END")
    conn.commit()
    conn.close()
    r = cli.fails("activity", "add", "视察", "--kind", "视察", "--date", "2019-04-18", "--code", "Z9")
    assert "重复" in r.stderr and "编号" in r.stderr
    assert "constraint" not in r.stderr and "activities.code" not in r.stderr and "UNIQUE" not in r.stderr
