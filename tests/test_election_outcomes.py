"""What the congress's elections and the presidium's votes make of their results, through the real CLI (issue 18):
the presidium roster (组织法 第十八条、第十九条), office-holders with their oath (宪法宣誓), appointments' steps."""

from __future__ import annotations

import sqlite3

import pytest

from tests.meeting_helpers import township


def _checks(cli, table=None):
    from rdtool.services.admin.checks import run_all
    from rdtool.store.opening import open_store

    return [f for f in run_all(open_store(cli.db), "2026-01-01") if table is None or f["table"] == table]


@pytest.fixture
def first_session(cli, tmp_path):
    """A new term: 12 deputies and no presidium role typed; the first session on 2017-01-06, all present."""
    people = township(cli, tmp_path, deputies=12, presidium=0)
    cli("meeting", "add", "--kind", "congress", "--date", "2017-01-06")
    cli("meeting", "roll", "C3-1")
    return people


def test_the_first_sessions_elections_make_the_presidium(cli, first_session):
    p = first_session
    out = cli("election", "add", "C3-1", "--post", "主席团成员", "--seats", "7",
              *[a for n in p[:7] for a in ("-c", f"{n}=11")]).stdout
    assert f"已记入：{p[0]}：2017-01-06起任主席团成员" in out
    cli("election", "add", "C3-1", "--post", "主席", "--seats", "1", "-c", f"{p[0]}=10")
    cli("election", "add", "C3-1", "--post", "副主席", "--seats", "1", "-c", f"{p[1]}=10", "-c", f"{p[7]}=2")
    roles = {r["name"]: r["presidium_role"] for r in cli.json("deputy", "list", "--presidium")}
    assert roles == {p[0]: "chair", p[1]: "vice_chair", **{n: "member" for n in p[2:7]}}
    # the next presidium meeting's 应到 is the presidium just elected, with no `deputy role` typed
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-02-16")
    cli("meeting", "roll", "P3-01", "--leave", p[6])
    show = cli.json("meeting", "show", "P3-01")
    assert (show["entitled"], show["present"]) == (7, 6)
    cli("vote", "add", "P3-01", "关于年度工作要点的决定", "--kind", "decision", "--yes", "4")
    assert cli.json("vote", "show", "P3-01#1")["result"] == "passed"  # 4 of 7 members, 两个过半
    # the chair and the vice-chair take the oath; presidium members do not
    assert {(a["person"], a["position"], a["missing_text"]) for a in cli.json("appointment", "list", "--incomplete")} \
        == {(p[0], "主席", "宪法宣誓、公告"), (p[1], "副主席", "宪法宣誓、公告")}


def test_the_next_session_elects_the_presidium_again(cli, first_session):
    p = first_session
    cli("election", "add", "C3-1", "--post", "主席团成员", "--seats", "5", *[a for n in p[:5] for a in ("-c", f"{n}=11")])
    cli("election", "add", "C3-1", "--post", "主席", "--seats", "1", "-c", f"{p[0]}=10")
    cli("meeting", "add", "--kind", "congress", "--date", "2018-01-10")
    cli("meeting", "roll", "C3-2")
    # the second session's presidium: 赵 (chair) stays, 李 (p[3]) leaves, 吴 (p[5]) comes in
    cli("election", "add", "C3-2", "--post", "主席团成员", "--seats", "5",
        *[a for n in (p[0], p[1], p[2], p[4], p[5]) for a in ("-c", f"{n}=11")])
    on = {r["name"]: r["presidium_role"] for r in cli.json("deputy", "list", "--presidium")}
    assert on == {p[0]: "chair", p[1]: "member", p[2]: "member", p[4]: "member", p[5]: "member"}
    history = cli.json("deputy", "show", p[3])["memberships"]
    assert [(h["role"], h["from_date"], h["to_date"]) for h in history] == [("member", "2017-01-06", "2018-01-10")]
    # a 补选 of one member adds without replacing anyone
    cli("election", "add", "C3-2", "--post", "主席团成员", "--seats", "1", "--by-election", "-c", f"{p[3]}=10")
    assert len(cli.json("deputy", "list", "--presidium")) == 6


def test_a_new_chair_ends_the_predecessors_chair(cli, first_session):
    p = first_session
    cli("election", "add", "C3-1", "--post", "主席团成员", "--seats", "3", *[a for n in p[:3] for a in ("-c", f"{n}=11")])
    cli("election", "add", "C3-1", "--post", "主席", "--seats", "1", "-c", f"{p[0]}=10")
    cli("meeting", "add", "--kind", "congress", "--date", "2019-01-09")
    cli("meeting", "roll", "C3-2")
    cli("election", "add", "C3-2", "--post", "主席", "--seats", "1", "--by-election", "-c", f"{p[1]}=10")
    on = {r["name"]: r["presidium_role"] for r in cli.json("deputy", "list", "--presidium")}
    assert on[p[1]] == "chair" and on.get(p[0]) != "chair"


def test_winners_who_are_not_deputies_are_refused_for_deputies_posts(cli, first_session):
    p = first_session
    for post in ("主席", "副主席", "主席团成员"):
        err = cli.fails("election", "add", "C3-1", "--post", post, "--seats", "1", "-c", "外来人=10",
                        "-c", f"{p[0]}=1").stderr
        assert "外来人不是本届镇人大代表" in err and "第十八条第一款、第十九条第一款" in err
    # a non-deputy may lose such a contest (written in), and may be elected 镇长
    cli("election", "add", "C3-1", "--post", "主席", "--seats", "1", "-c", f"{p[0]}=10", "-c", "外来人=1")
    cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", "外来人=10")
    assert "外来人" in {a["person"] for a in cli.json("appointment", "list")}


def test_a_deputy_who_has_left_cannot_be_elected_chair(cli, first_session):
    p = first_session
    cli("deputy", "end", p[2], "--status", "辞职", "--date", "2017-01-05")
    assert "已于 2017-01-05 离任" in cli.fails("election", "add", "C3-1", "--post", "主席", "--seats", "1",
                                           "-c", f"{p[2]}=7").stderr


def test_an_elected_town_head_without_oath_is_outstanding(cli, first_session):
    p = first_session
    cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", f"{p[3]}=10", "-c", f"{p[4]}=1")
    rec = cli.json("appointment", "show", "1")
    assert (rec["person"], rec["position"], rec["action"], rec["meeting"], rec["decided_on"]) == (
        p[3], "镇长", "elect", "C3-1", "2017-01-06")
    assert rec["missing"] == ["oath_on", "announced_on"]
    found = [f for f in _checks(cli, "appointments")]
    assert [f["check"] for f in found] == ["appointment_no_oath"] and "宪法宣誓" in found[0]["message"]
    cli("config", "province", "重庆")
    assert "重庆市宪法宣誓实施办法" in _checks(cli, "appointments")[0]["message"]
    # the oath and the announcement are entered on the record; what the election decided is not
    cli.fails("appointment", "edit", "1", "--person", "别人")
    cli.fails("appointment", "edit", "1", "--decided-on", "2017-01-07")
    cli.fails("appointment", "edit", "1", "--oath-on", "2017-01-05")  # before the election
    # (重庆 宪法宣誓实施办法 第九条第一款: before the session closes, issue 26 — C3-1 is one day)
    cli("appointment", "edit", "1", "--oath-on", "2017-01-06", "--announced-on", "2017-01-07")
    assert cli.json("appointment", "list", "--incomplete") == [] and _checks(cli, "appointments") == []
    # typed by hand, an election result is refused
    assert "election add" in cli.fails("appointment", "add", p[5], "--position", "镇长", "--action", "选举",
                                       "--meeting", "C3-1").stderr
    # the office-holders are not the presidium's 任免人次
    assert cli.json("report", "annual", "--year", "2017", "--as-of", "2017-12-31")["presidium"]["appointments"] == 0


def test_a_corrected_count_moves_the_office_and_the_role(cli, first_session):
    p = first_session
    cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "1", "-c", f"{p[3]}=8", "-c", f"{p[4]}=3")
    cli("election", "add", "C3-1", "--post", "主席", "--seats", "1", "-c", f"{p[0]}=8", "-c", f"{p[1]}=3")
    out = cli("election", "edit", "1", "-c", f"{p[3]}=3", "-c", f"{p[4]}=8").stdout
    assert "作废" in out
    assert [(a["person"], a["position"]) for a in cli.json("appointment", "list")] == [(p[0], "主席"), (p[4], "副镇长")]
    cli("election", "edit", "2", "-c", f"{p[0]}=3", "-c", f"{p[1]}=8")
    assert {r["name"]: r["presidium_role"] for r in cli.json("deputy", "list", "--presidium")} == {p[1]: "chair"}


def test_election_sync_applies_results_entered_before(cli, first_session):
    p = first_session
    cli("election", "add", "C3-1", "--post", "主席", "--seats", "1", "-c", f"{p[0]}=10")
    conn = sqlite3.connect(cli.db)  # as an older rdtool left it: the result without its consequences
    conn.execute("DELETE FROM presidium_members")
    conn.execute("DELETE FROM appointments")
    conn.commit()
    conn.close()
    assert [f["check"] for f in _checks(cli, "election_contests")] == ["election_results_not_applied"]
    out = cli("election", "sync").stdout
    assert f"已记入：{p[0]}：2017-01-06起任主席" in out
    assert _checks(cli, "election_contests") == []
    assert "没有需要补记的" in cli("election", "sync").stdout


@pytest.fixture
def presidium(cli, tmp_path):
    people = township(cli, tmp_path, deputies=12, presidium=9)
    cli("meeting", "add", "--kind", "presidium", "--date", "2018-03-22")
    cli("meeting", "roll", "P3-01")
    return people


def test_a_personnel_vote_completes_its_appointments_steps(cli, presidium):
    # the appointment is entered first, its vote afterwards: one fact, entered once
    cli("appointment", "add", "吴明", "--position", "镇财政所所长", "--action", "任命", "--meeting", "P3-01",
        "--party-decision-on", "2018-03-07", "--nomination-on", "2018-03-20", "--oath-on", "2018-03-22",
        "--statement-on", "2018-03-22", "--announced-on", "2018-03-25")
    assert cli.json("appointment", "show", "1")["missing"] == ["discussion_on", "vote_on"]
    cli("vote", "add", "P3-01", "关于任命吴明为镇财政所所长的决定", "--kind", "personnel", "--method", "票决",
        "--yes", "9")
    rec = cli.json("appointment", "show", "1")
    assert rec["missing"] == [] and rec["discussion_on"] == rec["vote_on"] == "2018-03-22"
    assert rec["in_effect"] is True and rec["vote_item"] == "P3-01#1"
    assert cli.json("appointment", "list", "--incomplete") == []
    exported = cli("export", "appointments").stdout
    assert "2018-03-22,2018-03-22" in exported


def test_a_failed_personnel_vote_means_no_appointment(cli, presidium):
    cli("vote", "add", "P3-01", "关于任命郑强为镇农业服务中心主任的决定", "--kind", "personnel", "--yes", "4",
        "--no", "5")
    out = cli("appointment", "add", "郑强", "--position", "镇农业服务中心主任", "--action", "任命",
              "--meeting", "P3-01").stdout
    assert "P3-01#1表决未通过，任命不生效" in out
    rec = cli.json("appointment", "show", "1")
    assert rec["in_effect"] is False and rec["missing"] == []
    assert cli.json("appointment", "list", "--incomplete") == [] and _checks(cli, "appointments") == []
    assert "不生效" in cli("appointment", "list").stdout
    fig = cli.json("report", "annual", "--year", "2018", "--as-of", "2018-12-31")
    assert fig["presidium"]["appointments"] == 0


def test_voiding_an_election_takes_back_what_it_made(cli, first_session):
    """An election entered by mistake and voided by its reference: its winners' roles go with it, and the
    presidium meetings after count the presidium as it then was (issue 11's recomputation)."""
    p = first_session
    cli("election", "add", "C3-1", "--post", "主席团成员", "--seats", "3", *[a for n in p[:3] for a in ("-c", f"{n}=11")])
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-02-16")
    cli("meeting", "roll", "P3-01")
    assert cli.json("meeting", "show", "P3-01")["entitled"] == 3
    [contest] = {r["contest_id"] for r in cli.json("election", "list")}
    out = cli("db", "void", "选举", str(contest), "--reason", "录错了会议").stdout
    assert cli.json("deputy", "list", "--presidium") == []
    assert out.startswith("已作废 选举 1（主席团成员；原因：录错了会议）")
    assert "撤销因选举产生的主席团成员职务" in out and "P3-01 应到 3→0" in out
