"""Issue 26 (the law, third pass) through the real CLI: each case the audit found, as it reads in the text."""

from __future__ import annotations

import sqlite3

import pytest

from tests.helpers import Cli, add_deputy


def init(tmp_path, province: str | None = None) -> Cli:
    cli = Cli(tmp_path / "law.db")
    args = ["init", "--town", "三川镇", "--county", "示例县", "--term", "5", "--term-start", "2021-12-01",
            "--term-end", "2026-11-30"]
    cli(*args, *(["--province", province] if province else []))
    return cli


def add_meeting(db, code: str, date: str, kind: str = "congress", end: str | None = None, term: int = 5) -> None:
    """Meetings put in directly (their own commands are tested elsewhere)."""
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO meetings (code, kind, date, end_date, term) VALUES (?, ?, ?, ?, ?)",
                 (code, kind, date, end, term))
    conn.commit()
    conn.close()


TOWNSHIP = ["丁一", "王二", "邓三", "阮四", "陈五"]


def deputies(cli: Cli) -> None:
    for n in TOWNSHIP:
        add_deputy(cli, n, "--elected-on", "2021-11-20", term=5)
    add_deputy(cli, "县代表", "--elected-on", "2021-11-20", level="县", term=5)


# --- 1. motion signatories: township deputies only (组织法 第二十二条第二款) -----------------------------------

def test_a_county_deputy_does_not_count_towards_five(tmp_path):
    cli = init(tmp_path)
    deputies(cli)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    out = cli.fails("proposal", "submit", "关于修路的议案", "--kind", "议案", "--lead", "丁一", "--date", "2022-01-10",
                    "--meeting", "C5-1", "--cosigners", "王二、邓三、阮四、县代表")
    assert "只有 4 名乡镇人大代表联名" in out.stderr and "县代表不是本级" in out.stderr
    out = cli("proposal", "submit", "关于修路的议案", "--kind", "议案", "--lead", "丁一", "--date", "2022-01-10",
              "--meeting", "C5-1", "--cosigners", "王二、邓三、阮四、陈五、县代表")
    assert "已登记" in out.stdout


# --- 2. motions before the session (山东 第十四条第二款, 重庆 第十四条第四款) ------------------------------------

@pytest.mark.parametrize("province, allowed", [(None, False), ("山东", True), ("重庆", True), ("浙江", False)])
def test_a_motion_three_days_before_the_session(tmp_path, province, allowed):
    cli = init(tmp_path, province)
    deputies(cli)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    args = ("proposal", "submit", "关于修路的议案", "--kind", "议案", "--lead", "丁一", "--date", "2022-01-07",
            "--meeting", "C5-1", "--cosigners", "王二、邓三、阮四、陈五")
    if allowed:
        assert "已登记" in cli(*args).stdout
    else:
        assert "早于会议 C5-1" in cli.fails(*args).stderr


def test_a_motion_before_the_previous_session_closed_is_not_for_this_one(tmp_path):
    cli = init(tmp_path, "山东")
    deputies(cli)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    add_meeting(cli.db, "C5-2", "2022-07-10")
    args = ("proposal", "submit", "关于修路的议案", "--kind", "议案", "--lead", "丁一", "--meeting", "C5-2",
            "--cosigners", "王二、邓三、阮四、陈五", "--date")
    assert "上一次人代会的闭会日 2022-01-12" in cli.fails(*args, "2022-01-12").stderr
    assert "已登记" in cli(*args, "2022-01-13").stdout


def test_a_suggestion_before_the_session_is_still_refused_in_shandong(tmp_path):
    cli = init(tmp_path, "山东")
    deputies(cli)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    cli.fails("proposal", "submit", "关于路灯的建议", "--lead", "丁一", "--date", "2022-01-07", "--meeting", "C5-1")


# --- 3. 山东's reply deadline from the session's closing day (山东 第十五条) -----------------------------------

@pytest.mark.parametrize("province, due", [("山东", "2024-03-12"), (None, "2024-04-25"), ("重庆", "2024-03-25")])
def test_reply_due_counts_from_the_close_of_the_session_in_shandong(tmp_path, province, due):
    cli = Cli(tmp_path / "sd.db")
    cli("init", "--town", "三川镇", "--county", "示例县", "--term", "5", "--term-start", "2021-12-01",
        "--term-end", "2026-11-30", *(["--province", province] if province else []))
    add_deputy(cli, "丁一", "--elected-on", "2021-11-20", term=5)
    add_meeting(cli.db, "C5-5", "2024-01-10", end="2024-01-12")
    code = cli("proposal", "submit", "关于路灯的建议", "--lead", "丁一", "--date", "2024-01-10",
               "--meeting", "C5-5").stdout.split()[1].split("（")[0]
    cli("proposal", "assign", code, "--unit", "镇建设办", "--date", "2024-01-25")
    assert cli.json("proposal", "show", code)["due_on"] == due
    recess = cli("proposal", "submit", "闭会期间的建议", "--lead", "丁一", "--date", "2024-02-01").stdout
    rcode = recess.split()[1].split("（")[0]
    cli("proposal", "assign", rcode, "--unit", "镇建设办", "--date", "2024-02-05")
    months = 2 if province else 3
    assert cli.json("proposal", "show", rcode)["due_on"] == f"2024-0{2 + months}-05"
