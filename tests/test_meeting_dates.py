"""Issue 23: a correction of a meeting's date carries to what was done at it; `db check` finds dates that
contradict each other; an election has its own day within its session."""

from __future__ import annotations

import json

from tests.helpers import Cli, add_deputy

NAMES = ["高志远", "李秀英", "王建军", "赵丽", "孙国强", "周敏", "吴刚"]


def _town(tmp_path) -> Cli:
    cli = Cli(tmp_path / "t.db")
    cli("init", "--town", "河南镇", "--term", "18", "--term-start", "2021-12-28", "--term-end", "2026-12-27")
    for n in NAMES:
        add_deputy(cli, n, "--elected-on", "2021-11-20", term=18)
    cli("meeting", "add", "--kind", "人代会", "--date", "2024-12-30", "--number", "5")
    cli("meeting", "roll", "C18-5")
    return cli


def _check(cli: Cli, code: str) -> list[dict]:
    from rdtool.cli.main import app

    result = cli.runner.invoke(app, ["--db", str(cli.db), "db", "check", "--format", "json"])
    assert result.exit_code in (0, 1), result.output  # 1: errors found
    return [f for f in json.loads(result.stdout) if f["check"] == code]


def test_a_meetings_date_correction_carries_to_what_was_decided_at_it(tmp_path):
    cli = _town(tmp_path)
    cli("appointment", "add", "李明", "--position", "副镇长", "--action", "任命", "--meeting", "C18-5",
        "--party-decision-on", "2024-12-20")
    cli("proposal", "submit", "关于修缮便民桥的建议", "--lead", "高志远", "--meeting", "C18-5", "--date", "2024-12-30")
    year = lambda y: json.loads(cli("report", "annual", "--year", str(y), "--format", "json").stdout)  # noqa: E731
    before_2024 = year(2024)
    out = cli("meeting", "edit", "C18-5", "--date", "2025-01-03", "--reason", "日期录错").stdout
    assert "李明（副镇长）：决定日期 2024-12-30 → 2025-01-03" in out
    assert "十八届五次-001：提出日期 2024-12-30 → 2025-01-03" in out
    assert cli.json("appointment", "list")[0]["decided_on"] == "2025-01-03"
    assert cli.json("proposal", "show", "十八届五次-001")["submitted_on"] == "2025-01-03"
    # the meeting and what it decided are counted in the same year: 2025, and no longer 2024
    assert json.dumps(year(2025), ensure_ascii=False) != json.dumps(year(2024), ensure_ascii=False)
    assert year(2024) != before_2024
    assert not _check(cli, "dated_outside_meeting") and not _check(cli, "dated_out_of_order")
    # the correction undone puts every date back
    cli("undo", "--yes")
    assert cli.json("appointment", "list")[0]["decided_on"] == "2024-12-30"
    assert year(2024) == before_2024


def test_a_date_moved_before_its_own_party_decision_is_said_and_found(tmp_path):
    cli = _town(tmp_path)
    cli("appointment", "add", "李明", "--position", "副镇长", "--action", "任命", "--meeting", "C18-5",
        "--party-decision-on", "2024-12-20")
    out = cli("meeting", "edit", "C18-5", "--date", "2024-12-15").stdout
    assert "注意：任免记录 1（李明 副镇长）的决定日期 2024-12-15 早于党委决定日期 2024-12-20" in out
    found = _check(cli, "dated_out_of_order")
    assert found and found[0]["severity"] == "error" and found[0]["record"] == "1"
    cli("db", "check", expect=1)
    # a record dated outside its meeting (typed so): found, naming the meeting and the way to fix it
    cli("meeting", "edit", "C18-5", "--date", "2024-12-30")
    cli("appointment", "edit", "1", "--decided-on", "2025-02-01")
    found = _check(cli, "dated_outside_meeting")
    assert len(found) == 1 and "C18-5" in found[0]["message"] and "2025-02-01" in found[0]["message"]


def test_an_election_on_the_sessions_second_day(tmp_path):
    cli = _town(tmp_path)
    cli("meeting", "edit", "C18-5", "--end-date", "2024-12-31")
    cli("election", "add", "C18-5", "--post", "副镇长", "--seats", "1", "-c", "李秀英=6", "-c", "王建军=1",
        "--date", "2024-12-31")
    row = [r for r in cli.json("election", "list") if r["elected"]][0]
    assert row["elected_on"] == "2024-12-31"
    assert cli.json("election", "show", "1")["held_on"] == "2024-12-31"
    assert [a["decided_on"] for a in cli.json("appointment", "list")] == ["2024-12-31"]
    r = cli.fails("election", "add", "C18-5", "--post", "镇长", "--seats", "1", "-c", "高志远=7",
                  "--date", "2025-01-02")
    assert "会期" in r.stderr and "2024-12-30 至 2024-12-31" in r.stderr
    # the session's dates corrected: the election's day moves with it (its second day stays its second day)
    cli("meeting", "edit", "C18-5", "--date", "2025-01-03", "--end-date", "2025-01-04")
    assert cli.json("election", "show", "1")["held_on"] == "2025-01-04"
    assert [r["elected_on"] for r in cli.json("election", "list") if r["elected"]] == ["2025-01-04"]
    cli("election", "edit", "1", "--date", "2025-01-03")
    assert cli.json("election", "show", "1")["held_on"] == "2025-01-03"


def test_records_dated_outside_their_meeting_are_found_and_those_within_are_not(tmp_path):
    """SQLite leaves out the records dated within their meeting's days; what it passes on is decided as before:
    a day before the meeting, a day after it (a suggestion handed in after its session is allowed), a meeting whose
    last day was blanked by another program (its first day is then its only one), a voided meeting's records."""
    import sqlite3

    cli = _town(tmp_path)
    cli("meeting", "add", "--kind", "人代会", "--date", "2025-03-01", "--end-date", "2025-03-03")
    cli("appointment", "add", "李明", "--position", "副镇长", "--action", "任命", "--meeting", "C18-5",
        "--party-decision-on", "2024-12-20")
    cli("appointment", "add", "王平", "--position", "副镇长", "--action", "任命", "--meeting", "C18-6",
        "--party-decision-on", "2025-02-20")
    for day in ("2025-03-02", "2025-03-05", "2025-03-01", "2025-03-03"):
        cli("proposal", "submit", f"关于{day}的建议", "--lead", "高志远", "--meeting", "C18-6", "--date", day)
    assert not _check(cli, "dated_outside_meeting")
    conn = sqlite3.connect(cli.db)
    conn.execute("UPDATE appointments SET decided_on = '2024-12-29', vote_on = '2024-12-30' WHERE id = 1")
    conn.execute("UPDATE appointments SET decided_on = '2025-03-02' WHERE id = 2")
    conn.execute("UPDATE proposals SET submitted_on = '2025-02-27' WHERE title = '关于2025-03-01的建议'")
    conn.commit()
    found = [(f["table"], f["record"], f["message"].split("；")[0]) for f in _check(cli, "dated_outside_meeting")]
    assert found == [("appointments", "1", "任免记录 1（李明 副镇长）的决定日期 2024-12-29 不在会议 C18-5（2024-12-30）之内"),
                     ("proposals", found[1][1], f"议案建议 {found[1][1]}的提出日期 2025-02-27 不在会议 C18-6"
                                                "（2025-03-01 至 2025-03-03）之内")]
    conn.execute("UPDATE meetings SET end_date = '' WHERE code = 'C18-6'")
    conn.commit()
    assert [(f["table"], f["record"]) for f in _check(cli, "dated_outside_meeting")] == [
        ("appointments", "1"), ("appointments", "2"), ("proposals", found[1][1])]  # proposals after: allowed
    conn.execute("UPDATE meetings SET voided_at = '2025-04-01' WHERE code = 'C18-6'")
    conn.commit()
    assert [f["table"] for f in _check(cli, "dated_outside_meeting")] == ["appointments"]
