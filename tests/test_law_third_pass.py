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


def findings(cli: Cli, check: str, as_of: str = "2030-01-01") -> list[dict]:
    """`db check`'s findings of one kind (the command exits 1 when there is an error among them)."""
    import json

    result = cli.runner.invoke(__import__("rdtool.cli.main", fromlist=["app"]).app,
                               ["--db", str(cli.db), "db", "check", "--as-of", as_of, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return [f for f in json.loads(result.stdout) if f["check"] == check]


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


# --- 4, 5. accepting a resignation: one rule, whichever command records it (组织法 第三十二条第二款; 重庆 第三十二条第十项)

def _resignation_town(tmp_path, province):
    from tests.meeting_helpers import township

    cli = Cli(tmp_path / "r.db")
    cli("init", "--town", "三川镇", "--county", "示例县", "--term", "3", "--term-start", "2017-01-05",
        "--term-end", "2021-12-31", *(["--province", province] if province else []))
    township(cli, tmp_path, deputies=15, presidium=9)
    cli("meeting", "add", "--kind", "congress", "--date", "2017-06-01")  # C3-1
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-08-01")  # P3-01, in recess
    cli("meeting", "roll", "P3-01")
    cli("vote", "add", "P3-01", "接受副镇长辞职", "--kind", "personnel", "--yes", "9")
    return cli


@pytest.mark.parametrize("province, allowed", [(None, False), ("重庆", True), ("山东", False)])
def test_the_presidium_accepting_a_town_heads_resignation_in_recess(tmp_path, province, allowed):
    cli = _resignation_town(tmp_path, province)
    post = ("post", "resign", "刘副镇长", "--post", "副镇长", "--vote", "P3-01#1")
    appoint = ("appointment", "add", "刘副镇长", "--position", "副镇长", "--action", "接受辞职", "--meeting", "P3-01")
    if allowed:
        assert "接受辞职" in cli(*post).stdout
        cli(*appoint)
    else:
        for args in (post, appoint):
            assert "第三十二条第二款" in cli.fails(*args).stderr
    # a 站所 head's resignation is the presidium's to accept anywhere
    cli("appointment", "add", "王华", "--position", "镇村镇建设办主任", "--action", "接受辞职", "--meeting", "P3-01")


def test_chongqing_presidium_may_not_accept_while_the_congress_sits(tmp_path):
    cli = _resignation_town(tmp_path, "重庆")
    cli("meeting", "add", "--kind", "presidium", "--date", "2017-06-01")
    rows = cli.json("meeting", "list")
    during = [m["code"] for m in rows if m["kind"] == "presidium" and m["date"] == "2017-06-01"][0]
    r = cli.fails("appointment", "add", "刘副镇长", "--position", "三川镇副镇长", "--action", "接受辞职", "--meeting", during)
    assert "闭会期间" in r.stderr


def test_db_check_finds_an_old_resignation_accepted_by_the_presidium(tmp_path):
    cli = _resignation_town(tmp_path, None)
    conn = sqlite3.connect(cli.db)  # as an earlier version let it be written
    mid = conn.execute("SELECT id FROM meetings WHERE code = 'P3-01'").fetchone()[0]
    conn.execute("INSERT INTO appointments (person, position, action, meeting_id, decided_on) "
                 "VALUES ('刘副镇长', '副镇长', 'accept_resignation', ?, '2017-08-01')", (mid,))
    conn.commit()
    conn.close()
    found = findings(cli, "resignation_wrong_body", "2018-01-01")
    assert len(found) == 1 and "第三十二条第二款" in found[0]["message"]


# --- 6. 北京 by-election lead times (细则 第六十一条 15 days, 第六十三条 5 and 3 days) ----------------------------

@pytest.mark.parametrize("province", ["北京", None])
def test_beijing_by_election_lists_published_too_late(tmp_path, province):
    cli = Cli(tmp_path / "b.db")
    cli("init", "--town", "三川镇", "--county", "示例县", "--term", "3", "--term-start", "2017-01-05",
        "--term-end", "2021-12-31", *(["--province", province] if province else []))
    for name in ("甲一", "乙二", "丙三"):
        cli("deputy", "add", name, "--gender", "男", "--level", "镇", "--term", "3", "--constituency", "第一选区",
            "--elected-on", "2016-11-15")
    cli("deputy", "end", "乙二", "--status", "调离", "--date", "2017-06-01")
    cli("deputy", "end", "丙三", "--status", "调离", "--date", "2017-06-01")
    plan = ("by-election", "plan", "3", "--constituency", "第一选区", "--seats", "1", "--voters", "1000",
            "--date", "2017-09-16")
    late = cli(*plan, "--registration", "2017-09-02", "--final-list", "2017-09-14")  # 14 and 2 days before
    on_time = cli(*plan, "--registration", "2017-09-01", "--final-list", "2017-09-13")  # 15 and 3 days before
    if province:
        assert "第六十一条" in late.stderr and "仅14天" in late.stderr and "第六十三条" in late.stderr
        assert "第六十一条" not in on_time.stderr and "第六十三条" not in on_time.stderr
        found = findings(cli, "by_election_lead_time")
        assert [f["record"] for f in found] == ["B3-01", "B3-01"]
    else:
        assert not late.stderr.strip() and not findings(cli, "by_election_lead_time")


# --- 7. eighteen on election day (选举法 第四条) --------------------------------------------------------------

def _ge_town(cli: Cli) -> None:
    cli("general-election", "plan", "3", "--level", "镇", "--election-day", "2016-11-15")
    cli("general-election", "constituency", "3", "第一选区", "--seats", "2", "--voters", "1000")


def test_a_candidate_seventeen_on_election_day_is_refused(cli):
    _ge_town(cli)
    args = ("general-election", "candidate", "3", "少年", "--constituency", "第一选区", "--gender", "男",
            "--nominators", "10", "--birth-date")
    r = cli.fails(*args, "1998-11-16")  # eighteen the day after the election
    assert "未满十八周岁" in r.stderr and "选举法第四条" in r.stderr
    cli(*args, "1998-11-15")  # eighteen on election day
    cli("general-election", "candidate", "3", "月份", "--constituency", "第一选区", "--gender", "男",
        "--nominators", "10", "--birth-date", "1998-11")  # a month only: given the benefit of the doubt


def test_a_deputy_elected_before_eighteen_is_refused(cli):
    r = cli.fails("deputy", "add", "少年", "--gender", "男", "--level", "镇", "--term", "3", "--birth-date",
                  "2010-03-01", "--elected-on", "2021-11-20")
    assert "未满十八周岁" in r.stderr and "选举法第四条" in r.stderr
    cli("deputy", "add", "成年", "--gender", "男", "--level", "镇", "--term", "3", "--birth-date", "2003-11-20",
        "--elected-on", "2021-11-20")


def test_db_check_finds_old_under_age_records(cli):
    _ge_town(cli)
    cli("deputy", "add", "成年", "--gender", "男", "--level", "镇", "--term", "3", "--elected-on", "2016-11-15")
    conn = sqlite3.connect(cli.db)  # as earlier versions let them be written
    conn.execute("UPDATE deputies SET birth_date = '2010-01-01' WHERE name = '成年'")
    kid = conn.execute("SELECT id FROM ge_constituencies").fetchone()[0]
    conn.execute("INSERT INTO ge_candidates (constituency_id, name, gender, birth_date, nominators) "
                 "VALUES (?, '少年', 'male', '1999-01-01', 10)", (kid,))
    conn.commit()
    conn.close()
    found = findings(cli, "under_age")
    assert sorted(f["table"] for f in found) == ["deputies", "ge_candidates"]
    assert all("选举法第四条" in f["message"] for f in found)


# --- 8. credentials before the first session (选举法 第四十七条第二款) ----------------------------------------------

def test_credentials_confirmed_after_the_first_session(tmp_path):
    cli = Cli(tmp_path / "c.db")
    cli("init", "--town", "三川镇", "--county", "示例县", "--term", "3", "--term-start", "2016-11-01",
        "--term-end", "2021-10-31")
    cli("general-election", "plan", "3", "--level", "镇", "--election-day", "2016-11-15")
    cli("general-election", "constituency", "3", "第一选区", "--seats", "1", "--voters", "1000")
    for name in ("张一", "李二"):
        cli("general-election", "candidate", "3", name, "--constituency", "第一选区", "--gender", "男",
            "--nominators", "10", "--final")
    cli("general-election", "result", "3", "--constituency", "第一选区", "--issued", "800", "--returned", "800", "--vote", "张一=500",
        "--vote", "李二=300")
    add_meeting(cli.db, "C3-1", "2016-12-06", term=3)
    late = cli("general-election", "credentials", "3", "--all", "--date", "2016-12-07")
    assert "第四十七条第二款" in late.stderr and "2016-12-06" in late.stderr
    [f] = findings(cli, "credentials_after_first_session")
    assert "张一" in f["message"]
    on_time = cli("general-election", "credentials", "3", "--all", "--date", "2016-12-06")  # that day: accepted
    assert "第四十七条第二款" not in on_time.stderr and not findings(cli, "credentials_after_first_session")


# --- 9. incompatible posts (组织法 第十八条第二款; 重庆 第三十条第三款, 浙江 第三十八条, 河南 第二条第四款) ----------------

def _first_session(tmp_path, province):
    from tests.meeting_helpers import township

    cli = Cli(tmp_path / "i.db")
    cli("init", "--town", "三川镇", "--county", "示例县", "--term", "3", "--term-start", "2017-01-05",
        "--term-end", "2021-12-31", *(["--province", province] if province else []))
    people = township(cli, tmp_path, deputies=12, presidium=0)
    cli("meeting", "add", "--kind", "congress", "--date", "2017-01-06")
    cli("meeting", "roll", "C3-1")
    cli("election", "add", "C3-1", "--post", "主席团成员", "--seats", "7", *[a for n in people[:7] for a in ("-c", f"{n}=11")])
    cli("election", "add", "C3-1", "--post", "主席", "--seats", "1", "-c", f"{people[0]}=10")
    return cli, people


@pytest.mark.parametrize("province, member_warned", [(None, False), ("浙江", True), ("河南", True), ("重庆", True),
                                                     ("山东", False)])
def test_the_chair_elected_town_head_and_a_member_elected_deputy_head(tmp_path, province, member_warned):
    cli, p = _first_session(tmp_path, province)
    chair = cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", f"{p[0]}=10")
    assert "组织法第十八条第二款" in chair.stdout and "辞去主席职务" in chair.stdout
    member = cli("election", "add", "C3-1", "--post", "副镇长", "--seats", "1", "-c", f"{p[3]}=10", "-c", f"{p[9]}=1")
    assert ("主席团成员不得担任" in member.stdout) == member_warned
    found = findings(cli, "incompatible_posts")
    assert len(found) == (2 if member_warned else 1)
    # the member resigns from the presidium (as the law requires): nothing left about them
    cli("deputy", "role", p[3], "卸任", "--from", "2017-01-06")
    assert len(findings(cli, "incompatible_posts")) == 1


def test_a_role_given_to_a_town_head_warns(tmp_path):
    cli, p = _first_session(tmp_path, None)
    cli("election", "add", "C3-1", "--post", "镇长", "--seats", "1", "-c", f"{p[8]}=10")
    out = cli("deputy", "role", p[8], "副主席", "--from", "2017-03-01")
    assert "组织法第十八条第二款" in out.stdout + out.stderr


# --- (3) a direct election's 另行选举 list is checked when its result is entered (选举法 第四十五条第四款) ----------

def test_an_additional_rounds_list_is_checked_when_entered(cli):
    cli("general-election", "plan", "3", "--level", "镇", "--election-day", "2016-11-15")
    for name, people in (("一", ("甲", "乙", "丙")), ("二", ("丁", "戊"))):
        cli("general-election", "constituency", "3", name, "--seats", "1", "--voters", "1000")
        for n in people:
            cli("general-election", "candidate", "3", n, "--constituency", name, "--gender", "男", "--nominators", "10",
                "--final")
    result = ("general-election", "result", "3", "--issued", "900", "--returned", "900", "--constituency")
    cli(*result, "一", "--vote", "甲=440", "--vote", "乙=430", "--vote", "丙=30")
    skipped = cli(*result, "一", "--vote", "甲=500", "--vote", "丙=300")  # skips the second-ranked
    assert "未列入得票更多的乙" in skipped.stderr and "第四十五条第四款" in skipped.stderr
    cli(*result, "二", "--vote", "丁=440", "--vote", "戊=430")
    alone = cli(*result, "二", "--vote", "丁=500", "--format", "json")  # one candidate for one seat
    assert "候选人应为二人，本轮1人" in alone.stderr
    assert "候选人应为二人" in " ".join(__import__("json").loads(alone.stdout)["warnings"])


def test_a_lawful_additional_round_draws_nothing(cli):
    cli("general-election", "plan", "3", "--level", "镇", "--election-day", "2016-11-15")
    cli("general-election", "constituency", "3", "一", "--seats", "1", "--voters", "1000")
    for n in ("甲", "乙", "丙"):
        cli("general-election", "candidate", "3", n, "--constituency", "一", "--gender", "男", "--nominators", "10",
            "--final")
    result = ("general-election", "result", "3", "--issued", "900", "--returned", "900", "--constituency", "一")
    cli(*result, "--vote", "甲=440", "--vote", "乙=430", "--vote", "丙=30")
    assert not cli(*result, "--vote", "甲=500", "--vote", "乙=300").stderr.strip()


# --- to decide: a term longer than five years (组织法 第九条; 代表法 第二条第三款) -----------------------------------

def test_a_term_starting_six_years_after_the_last_warns(cli):
    r = cli("term", "add", "4", "--start", "2023-01-05")  # term 3 began 2017-01-05: six years
    assert "组织法第九条" in r.stderr
    [f] = findings(cli, "term_too_long")
    assert f["record"] == "3"


def test_a_term_five_years_and_two_months_draws_nothing(cli):
    r = cli("term", "add", "4", "--start", "2022-03-05")  # within two months after five years (组织法 第二十条)
    assert "组织法第九条" not in r.stderr and not findings(cli, "term_too_long")


# --- to decide: the oath's usual time (北京 宣誓组织办法 第十三条; 重庆 宪法宣誓实施办法 第九条第一款) ------------------

@pytest.mark.parametrize("province, oath, warned", [("北京", "2017-02-11", True), ("北京", "2017-02-05", False),
                                                    ("重庆", "2017-01-15", True), ("重庆", "2017-01-06", False),
                                                    (None, "2017-03-01", False)])
def test_an_oath_later_than_usual(tmp_path, province, oath, warned):
    cli, p = _first_session(tmp_path, province)  # the chair elected at C3-1 on 2017-01-06
    [record] = [a for a in cli.json("appointment", "list") if a["position"] == "主席"]
    cli("appointment", "edit", str(record["id"]), "--oath-on", oath)
    found = findings(cli, "oath_late")
    assert bool(found) == warned
    if warned:
        assert ("第十三条" if province == "北京" else "第九条第一款") in found[0]["message"]


# --- (4) 交办 lead times for suggestions made in recess (上海 规定 第十一条; 山东 办理工作条例 第十条) ----------------

@pytest.mark.parametrize("province, late_day, ok_day, article", [
    ("上海", "2024-03-18", "2024-03-15", "第十一条"),  # Wed 03-06 + 7 working days = Fri 03-15
    ("山东", "2024-03-12", "2024-03-11", "第十条"),  # Wed 03-06 + 5 days = Mon 03-11
])
def test_a_suggestion_made_in_recess_assigned_late(tmp_path, province, late_day, ok_day, article):
    cli = init(tmp_path, province)
    deputies(cli)
    codes = [cli("proposal", "submit", f"建议{i}", "--lead", "丁一", "--date", "2024-03-06").stdout.split()[1]
             .split("（")[0] for i in (1, 2)]
    late = cli("proposal", "assign", codes[0], "--unit", "镇建设办", "--date", late_day)
    assert article in late.stderr and "闭会期间" in late.stderr
    assert article not in cli("proposal", "assign", codes[1], "--unit", "镇建设办", "--date", ok_day).stderr
    assert [f["record"] for f in findings(cli, "assignment_late")] == [codes[0]]


def test_no_assignment_limit_nationally(tmp_path):
    cli = init(tmp_path)
    deputies(cli)
    code = cli("proposal", "submit", "建议", "--lead", "丁一", "--date", "2024-03-06").stdout.split()[1].split("（")[0]
    assert not cli("proposal", "assign", code, "--unit", "镇建设办", "--date", "2024-05-06").stderr.strip()


# --- (4) 河南 第五条第一款: an extraordinary presidium meeting on the proposal of three or more members --------------

@pytest.mark.parametrize("province", ["河南", None])
def test_henan_extraordinary_presidium_meeting_proposed_by_members(tmp_path, province):
    from tests.meeting_helpers import township

    cli = Cli(tmp_path / "h.db")
    cli("init", "--town", "三川镇", "--county", "示例县", "--term", "3", "--term-start", "2017-01-05",
        "--term-end", "2021-12-31", *(["--province", province] if province else []))
    township(cli, tmp_path, deputies=12, presidium=9)
    args = ("meeting", "add", "--kind", "presidium", "--date")
    if province:
        r = cli.fails(*args, "2017-03-01", "--requested-by", "2")
        assert "不足3人" in r.stderr and "第五条第一款" in r.stderr
        cli(*args, "2017-03-01", "--requested-by", "3")
        cli.fails(*args, "2017-03-02", "--requested-by", "10")  # more than the nine members
        cli("config", "province", "浙江")  # a route 浙江 does not have: db check says so
        assert [f["record"] for f in findings(cli, "presidium_meeting_request")] == ["P3-01"]
    else:
        assert "河南" in cli.fails(*args, "2017-03-01", "--requested-by", "3").stderr
