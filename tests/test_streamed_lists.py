"""Issue 28: lists are written as their rows are read. A list longer than the rows a table is laid out by gives
the same records as one laid out whole; csv, json, jsonl and md are the same text; the plain table is tabulate's
"plain" layout, computed without tabulate's type guessing."""

from __future__ import annotations

import json
import random

import pytest
import tabulate

from rdtool import render, tables

LISTS = [("vote", "list"), ("proposal", "list"), ("deputy", "list"), ("meeting", "list"), ("activity", "list")]


@pytest.mark.parametrize("args", LISTS, ids=[a[0] for a in LISTS])
@pytest.mark.parametrize("fmt", ["table", "csv", "json", "jsonl", "md"])
def test_a_streamed_list_equals_the_list_laid_out_whole(sample, monkeypatch, args, fmt):
    whole = sample(*args, "--format", fmt).stdout
    monkeypatch.setattr(render, "LAYOUT_ROWS", 3)
    streamed = sample(*args, "--format", fmt).stdout
    if fmt != "table":
        assert streamed == whole
        return
    # laid out by its first three rows: the same cells on the same lines (a wider cell later widens its row)
    assert [line.split() for line in streamed.splitlines()] == [line.split() for line in whole.splitlines()]
    assert len(whole.splitlines()) > 10


def test_json_list_is_one_json_array(sample):
    rows = sample.json("vote", "list")
    assert isinstance(rows, list) and len(rows) > 10 and rows[0]["ref"]


def test_plain_table_is_tabulates_plain_layout():
    rng = random.Random(28)
    alphabet = ["a", "中", "文", "1", "-", " ", "é", "", "x y", "・", "（注）", "e\u0301", "👨\u200d👩", "\x07", "☀\ufe0f"]
    for _ in range(500):
        n = rng.randint(1, 5)
        head = ["".join(rng.choice(alphabet[:5]) for _ in range(rng.randint(1, 4))) for _ in range(n)]
        table = [["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for _ in range(n)]
                 for _ in range(rng.randint(1, 8))]
        out = _Out()
        tables.plain_table(out, head, table, None)
        tabulate.WIDE_CHARS_MODE = True
        assert out.text == tabulate.tabulate(table, headers=head, tablefmt="plain", disable_numparse=True) + "\n"


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text


def test_db_check_prints_its_findings_as_they_come_and_counts_them(sample, monkeypatch):
    import sqlite3

    conn = sqlite3.connect(sample.db)
    conn.execute("UPDATE meetings SET roster = roster + 1 WHERE roster IS NOT NULL")
    conn.commit()
    conn.close()
    found = json.loads(sample("db", "check", "--format", "json", expect=1).stdout)
    stale = [f for f in found if f["check"] == "meeting_roster_stale"]
    assert len(stale) > 10
    whole = sample("db", "check", expect=1)
    monkeypatch.setattr(render, "LAYOUT_ROWS", 3)
    streamed = sample("db", "check", expect=1)
    assert [line.split() for line in streamed.stdout.splitlines()] == [line.split() for line in whole.stdout.splitlines()]
    errors = sum(f["severity"] == "error" for f in found)
    notes = sum(f["severity"] == "note" for f in found)
    assert f"检查完成：{errors} 个错误，{len(found) - errors - notes} 个提醒" in streamed.stderr
    assert len(streamed.stdout.splitlines()) == len(found) + 1
    for fmt in ("csv", "jsonl"):
        assert sample("db", "check", "--format", fmt, expect=1).stdout.count("meeting_roster_stale") == len(stale)


def test_a_flat_json_object_is_written_as_json_dumps_writes_it():
    rng = random.Random(2028)
    values = [None, True, False, 0, -7, 2**70, 0.1, 1e300, float("inf"), "", "中文", 'q"\\\n\t', "\u2028", "😀", [1],
              {"a": [None]}, {}]
    for _ in range(2000):
        item = {rng.choice(["a", "键", "", "b c", "\n"]) + str(i): rng.choice(values) for i in range(rng.randint(0, 6))}
        assert render.json_object(item) == json.dumps(item, ensure_ascii=False, indent=2)
