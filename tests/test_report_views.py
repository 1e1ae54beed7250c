"""The database's report views (issue 16's analyst, issue 13's definitions): the same figures as the report, from
the same SQL; the change log and `db check` unharmed; the upgrade of older records; one state for every view."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from rdtool.store.report_views import CONTRACT_KEYS
from tests.helpers import Cli, add_deputy

SECTIONS = {"presidium": "report_presidium", "congress": "report_congress", "deputies": "report_deputies",
            "proposals": "report_proposals", "activities": "report_activities"}


def _rows(db, sql: str, params=()) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def assert_views_agree(cli: Cli) -> int:
    """Every period of report_periods: the views' figures are the report's (both judged today)."""
    periods = _rows(cli.db, "SELECT * FROM report_periods")
    assert periods
    for p in periods:
        where = "kind = ? AND year IS ?" if p["kind"] == "year" else "kind = ? AND term IS ?"
        key = (p["kind"], p["year"] if p["kind"] == "year" else p["term"])
        args = ("annual", "--year", p["year"]) if p["kind"] == "year" else ("term", "--term", p["term"])
        if p["kind"] == "year" and p["term"] is None:  # (annual refuses a year with no term and no records)
            args = ("range", "--from", p["date_from"], "--to", p["date_to"])
        report = cli.json("report", *args)
        assert report["period"] == {"from": p["date_from"], "to": p["date_to"], "term": p["term"]}, key
        for section, view in SECTIONS.items():
            [row] = _rows(cli.db, f"SELECT * FROM {view} WHERE {where}", key)
            keys = [k for k in CONTRACT_KEYS[section] if k != "by_kind"]
            assert {k: row[k] for k in keys} == {k: report[section][k] for k in keys}, (key, section)
        by_kind = {r["activity_kind"]: r["n"] for r in _rows(
            cli.db, f"SELECT * FROM report_activities_by_kind WHERE {where}", key)}
        assert by_kind == report["activities"]["by_kind"], key
        by_unit = {r["unit"]: r["replied"] for r in _rows(
            cli.db, f"SELECT * FROM report_proposals_by_unit WHERE {where}", key)}
        stats = cli.json("proposal", "stats", *args[1:], "--by", "unit")
        assert by_unit == {r["unit"]: r["replied"] for r in stats}, key
    return len(periods)


def test_the_views_give_the_sample_reports_figures(sample):
    assert assert_views_agree(sample) == 12  # 2017–2026 and terms 3 and 4
    [term] = _rows(sample.db, "SELECT * FROM report_presidium WHERE kind = 'term' AND term = 3")
    # what a naive count of passed items gives (53) is decisions_passed; the report's 54 is every decision item
    assert (term["decisions"], term["decisions_passed"]) == (54, 53)


def test_the_views_agree_on_a_township_with_motions_and_an_inquorate_meeting(cli):
    for name in ("甲", "乙", "丙", "丁", "戊"):
        add_deputy(cli, name, "--presidium-role", "成员", "--ethnicity", "回" if name == "甲" else "汉")
    cli("meeting", "add", "--kind", "人代会", "--date", "2019-01-10", "--code", "C3-2")
    cli("meeting", "roll", "C3-2", "--absent", "戊")
    cli("meeting", "add", "--kind", "主席团", "--date", "2019-03-01", "--code", "P3-01")
    cli("meeting", "roll", "P3-01", "--absent", "乙、丙、丁")
    cli("vote", "add", "P3-01", "关于某事的决定", "--kind", "决定", "--yes", "2")
    for i, how in enumerate(("列入议程", "作为建议办理", None)):
        cli("proposal", "submit", f"议案{i}", "--kind", "议案", "--lead", "甲", "--cosigners", "乙、丙、丁、戊",
            "--meeting", "C3-2", "--date", "2019-01-10", "--code", f"M{i}")
        if how:
            cli("proposal", "decide", f"M{i}", how, "--meeting", "C3-2", *(["--unit", "镇政府"] if i == 1 else []))
    cli("proposal", "submit", "建议", "--lead", "乙", "--date", "2020-05-01", "--code", "S1")
    cli("proposal", "assign", "S1", "--unit", "镇卫生院", "--date", "2020-05-02")
    cli("activity", "add", "视察", "--kind", "视察", "--date", "2019-04-01", "--level", "镇", "-p", "甲")
    assert assert_views_agree(cli) >= 6
    [p2019] = _rows(cli.db, "SELECT * FROM report_presidium WHERE kind = 'year' AND year = 2019")
    assert (p2019["meetings"], p2019["meetings_without_quorum"], p2019["decisions"]) == (0, 1, 0)
    assert _rows(cli.db, "SELECT code FROM report_meetings WHERE quorum_met = 0") == [{"code": "P3-01"}]


def test_views_leave_the_change_log_and_db_check_whole(sample):
    from rdtool.store import changelog

    conn = sqlite3.connect(sample.db)
    views = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert {"report_presidium", "report_proposals", "proposal_states"} <= views
    assert not views & set(changelog.logged_tables(conn))  # the log logs tables, not views
    before = conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    conn.execute("UPDATE deputies SET workplace = '某单位' WHERE id = 1")  # a write by another program
    conn.commit()
    assert conn.execute("SELECT count(*) FROM change_log").fetchone()[0] == before + 1
    conn.close()
    checked = sample.json("db", "check")
    assert not [f for f in checked if f["severity"] == "error"]


def test_db_check_names_a_view_that_was_changed_and_rebuild_restores_it(sample):
    conn = sqlite3.connect(sample.db)
    conn.execute("DROP VIEW report_congress")
    conn.execute("CREATE VIEW report_congress AS SELECT 1 AS sessions")
    conn.execute("CREATE VIEW my_own AS SELECT count(*) AS n FROM deputies")  # an analyst's: never touched
    conn.commit()
    conn.close()
    result = sample("db", "check", "--format", "json", expect=1)
    assert [f["table"] for f in json.loads(result.stdout) if f["check"] == "report_views"] == ["report_congress"]
    assert "db views --rebuild" in result.stdout
    sample("db", "views", "--rebuild")
    assert not [f for f in sample.json("db", "check") if f["check"] == "report_views"]
    assert all(v["current"] for v in sample.json("db", "views"))
    assert _rows(sample.db, "SELECT n FROM my_own")[0]["n"] > 0


def test_the_upgrade_stores_older_records_by_the_new_definitions(tmp_path):
    """A database written before m1301: motions assigned, 民族 as rosters write it, a meeting without a quorum."""
    import sqlite_utils

    from rdtool.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrations = sqlite_utils.Migrations("rdtool")
    for name, fn in MIGRATIONS:
        if name != "m1301_figures":
            migrations(name=name)(fn)
    migrations.apply(db)
    from rdtool.store import changelog

    changelog.install(db.conn)
    db.conn.executescript("""
INSERT INTO settings (key, value) VALUES ('town', '"三川镇"'), ('current_term', '3');
INSERT INTO terms (number, start_date, end_date) VALUES (3, '2017-01-05', '2021-12-31');
INSERT INTO deputies (id, name, gender, level, term, ethnicity) VALUES
    (1, '甲', 'male', 'township', 3, '汉'), (2, '乙', 'male', 'township', 3, '回'),
    (3, '丙', 'male', 'township', 3, ''), (4, '丁', 'female', 'township', 3, '汉族'),
    (5, '戊', 'male', 'township', 3, NULL), (6, '己', 'male', 'township', 3, NULL);
INSERT INTO presidium_members (deputy_id, role) VALUES (1, 'member'), (2, 'member'), (3, 'member');
INSERT INTO meetings (id, code, kind, date, term, present, entitled) VALUES
    (1, 'C3-1', 'congress', '2017-01-06', 3, 6, 6), (2, 'P3-01', 'presidium', '2017-02-01', 3, 1, 3);
INSERT INTO items (meeting_id, seq, title, kind, yes, result) VALUES (2, 1, '关于某事的决定', 'decision', 1, 'no_quorum');
INSERT INTO proposals (code, kind, title, submitted_on, meeting_id, lead_id, unit, assigned_on, due_on)
    VALUES ('M1', 'motion', '议案', '2017-01-06', 1, 1, '镇政府', '2017-01-10', '2017-04-10'),
           ('M2', 'motion', '议案二', '2017-01-06', 1, 1, NULL, NULL, NULL);
INSERT INTO proposal_rounds (proposal_id, round, unit, started_on, due_on) VALUES (1, 1, '镇政府', '2017-01-10', '2017-04-10');
""")
    db.conn.commit()
    db.close()
    cli = Cli(path)
    cli("db", "info")  # opening it upgrades it (after a backup)
    stored = {r["name"]: r["ethnicity"] for r in _rows(path, "SELECT name, ethnicity FROM deputies")}
    assert stored == {"甲": "汉族", "乙": "回族", "丙": None, "丁": "汉族", "戊": None, "己": None}
    assert _rows(path, "SELECT code, disposition, decided_on FROM proposals ORDER BY code") == [
        {"code": "M1", "disposition": "as_suggestion", "decided_on": "2017-01-10"},
        {"code": "M2", "disposition": None, "decided_on": None}]
    assert [r["quorum_met"] for r in _rows(path, "SELECT quorum_met FROM meetings ORDER BY id")] == [1, 0]
    logged = {(r["table_name"], r["row_id"]) for r in _rows(
        path, "SELECT table_name, row_id FROM change_log WHERE action = 'update'")}
    assert {("deputies", "1"), ("deputies", "2"), ("deputies", "3"), ("proposals", "1"), ("meetings", "2")} <= logged
    fig = cli.json("report", "term", "--term", "3", "--as-of", "2017-12-31")
    assert fig["presidium"]["meetings"] == 0 and fig["presidium"]["meetings_without_quorum"] == 1
    assert fig["deputies"]["minority_share"] == 1 / 3
    assert fig["proposals"]["motions_as_suggestions"] == 1 and fig["proposals"]["overdue"] == 1
    found = json.loads(cli("db", "check", "--format", "json", expect=1).stdout)  # 1: P3-01 lacked a quorum
    assert not [f for f in found if f["check"] in ("report_views", "change_log_triggers")]
    assert [f["record"] for f in found if f["check"] == "meeting_no_quorum"] == ["P3-01"]


# --- one state for every view, over generated histories ---------------------------------------------------

_history = st.tuples(
    st.sampled_from(["suggestion", "on_agenda", "not_on_agenda", "as_suggestion", "undecided"]),
    st.integers(0, 5),                                         # how far it got
    st.lists(st.integers(1, 120), min_size=5, max_size=5),     # days between the steps
    st.sampled_from(["satisfied", "basic", "unsatisfied"]))


@pytest.mark.slow  # property
@settings(max_examples=8)
@given(st.lists(_history, min_size=1, max_size=6), st.lists(st.integers(0, 700), min_size=3, max_size=3))
def test_list_overdue_stats_and_the_view_agree_on_every_state(tmp_path_factory, histories, offsets):
    from rdtool.services.proposals import handling as proposal_handling
    from rdtool.services.proposals import motions as proposal_motions
    from rdtool.services.proposals import proposals as svc
    from rdtool.store.opening import open_store

    path = tmp_path_factory.mktemp("states") / "s.db"
    cli = Cli(path)
    cli("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05", "--term-end", "2021-12-31")
    for name in ("甲", "乙", "丙", "丁", "戊"):
        cli("deputy", "add", name, "--gender", "男", "--level", "镇", "--term", "3")
    cli("meeting", "add", "--kind", "人代会", "--date", "2017-02-01", "--end-date", "2017-02-03", "--code", "C3-1")
    store = open_store(path)
    start = date(2017, 2, 1)
    for i, (how, reach, gaps, opinion) in enumerate(histories):
        kind = "suggestion" if how == "suggestion" else "motion"
        code = svc.submit(store, {"kind": kind, "title": f"第{i}件", "lead": "甲", "cosigners": "乙、丙、丁、戊",
                                  "meeting": "C3-1", "submitted_on": start.isoformat()})["code"]
        day = start
        if how in ("on_agenda", "not_on_agenda", "as_suggestion"):
            proposal_motions.decide(store, code, how, start.isoformat())
            if how == "on_agenda" and reach:
                proposal_motions.outcome(store, code, "passed", "2017-02-02", "C3-1")
            if how != "as_suggestion":
                continue
        elif how == "undecided":
            continue
        steps = [lambda d: proposal_handling.assign(store, code, "镇卫生院", d),
                 lambda d: proposal_handling.reply(store, code, d, "B", None),
                 lambda d: proposal_handling.feedback(store, code, opinion, d),
                 lambda d: proposal_handling.reply(store, code, d, "A", None) if opinion == "unsatisfied" else None,
                 lambda d: proposal_handling.close(store, code, d, "测试")]
        for n, step in enumerate(steps[:reach]):
            day += timedelta(days=gaps[n])
            step(day.isoformat())
    store.close()
    for offset in offsets:
        as_of = (start + timedelta(days=offset)).isoformat()
        states = {r["code"]: r["status"] for r in cli.json("proposal", "list", "--as-of", as_of)}
        overdue = {r["code"] for r in cli.json("proposal", "overdue", "--as-of", as_of)}
        assert overdue == {c for c, s in states.items() if s == "overdue"}, as_of
        chased = {r["code"]: r for r in cli.json("proposal", "due", "--within", "30d", "--as-of", as_of)}
        assert {c for c, r in chased.items() if r["overdue"]} == overdue
        assert all((r["days_late"] is None) != (r["days_left"] is None) for r in chased.values())
        listed = {r["code"] for r in cli.json("proposal", "list", "--overdue", "--as-of", as_of)}
        assert listed == overdue
        fig = cli.json("proposal", "stats", "--term", "3", "--as-of", as_of)
        assert fig["overdue"] == len(overdue)
        assert fig["motions_on_agenda"] == sum(s in ("on_agenda", "adopted") for s in states.values())
        for code, state in list(states.items())[:2]:
            assert cli.json("proposal", "show", code, "--as-of", as_of)["status"] == state
    today = {r["code"]: r["state"] for r in _rows(path, "SELECT code, state FROM proposal_states")}
    assert today == {r["code"]: r["status"] for r in cli.json("proposal", "list")}


def test_rollup_reply_rate_is_over_the_cohort_handled(sample, tmp_path):
    import shutil

    a, b = tmp_path / "a.db", tmp_path / "b.db"
    shutil.copy(sample.db, a)
    shutil.copy(sample.db, b)
    data = json.loads(sample("report", "rollup", a, b, "--year", "2026", "--format", "json",
                             "--as-of", "2026-11-28").stdout)
    one = data["townships"][0]
    fig = sample.json("report", "annual", "--year", "2026", "--as-of", "2026-11-28")["proposals"]
    assert one["proposals_handled"] == fig["suggestions"] + fig["motions_as_suggestions"]
    assert data["total"]["reply_rate"] == pytest.approx(2 * one["proposals_replied"] / (2 * one["proposals_handled"]))
