"""Issue 23, what round 3 left: joining two old-style rows into one person (`deputy merge`), the person's other
mandates in `deputy show`, `db check` on a person's own fields, the import's "same person" line, the end of a
mandate or a post following its meeting's date, and the elections import's date column."""

from __future__ import annotations

import sqlite3

from tests.helpers import Cli, dump, write_csv
from tests.meeting_helpers import township


def rows(db, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def findings(cli: Cli, check: str) -> list[dict]:
    from rdtool.cli.main import app

    result = cli.runner.invoke(app, ["--db", str(cli.db), "db", "check", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    import json

    return [f for f in json.loads(result.stdout) if f["check"] == check]


def old_style(tmp_path) -> Cli:
    """高志远 entered twice the old way: the county row without his birth date, so that rdtool took it."""
    cli = Cli(tmp_path / "h.db")
    cli("init", "--town", "河南镇", "--term", "18", "--term-start", "2021-12-28", "--province", "河南")
    cli("deputy", "add", "高志远", "--gender", "男", "--level", "镇", "--term", "18", "--birth-date", "1972.05",
        "--party", "党员", "--elected-on", "2021-12-10")
    r = cli("deputy", "add", "高志远", "--gender", "男", "--level", "县", "--term", "18", "--phone", "13812345678",
            "--elected-on", "2021-11-20")
    assert "deputy merge 1 2" in r.stderr  # the warning says how to join them
    cli("activity", "add", "县代表视察", "--kind", "视察", "--date", "2024-05-10", "--level", "县", "-p", "高志远#2")
    return cli


def test_two_old_style_rows_are_found_joined_logged_and_undone(tmp_path):
    cli = old_style(tmp_path)
    [twice] = findings(cli, "person_entered_twice")
    assert "deputy merge 1 2" in twice["message"] and twice["severity"] == "warning"
    before = dump(cli.db)
    r = cli("deputy", "merge", "高志远#1", "2", "--reason", "同一人录成两人")
    assert "已合并：高志远（ID 1）与 ID 2 记为同一人" in r.stdout
    assert "第18届镇(乡)人大代表（ID 1）、第18届县人大代表（ID 2）" in r.stdout
    assert "出生日期 空 → 1972-05" in r.stdout and "138****5678" in r.stdout  # masked
    assert rows(cli.db, "SELECT id, person_id, birth_date, party, phone FROM deputies ORDER BY id") == [
        (1, 1, "1972-05", "cpc", "13812345678"), (2, 1, "1972-05", "cpc", "13812345678")]
    # his county activity stays with the county mandate; the person is one
    assert rows(cli.db, "SELECT deputy_id FROM activity_participants") == [(2,)]
    assert not findings(cli, "person_entered_twice") and not findings(cli, "person_fields_differ")
    log = cli("db", "log").stdout
    assert "同一人（代表ID）" in log and "person_id" not in log
    # joined twice: said, nothing written
    assert "已是同一人" in cli.fails("deputy", "merge", "1", "2").stderr
    cli("undo", "--yes")
    assert dump(cli.db) != before  # (the undo is itself logged)
    assert rows(cli.db, "SELECT id, person_id, birth_date, phone FROM deputies ORDER BY id") == [
        (1, 1, "1972-05", None), (2, 2, None, "13812345678")]


def test_a_merge_is_refused_when_the_rows_disagree_or_are_one_mandate(tmp_path):
    cli = old_style(tmp_path)
    cli("deputy", "edit", "2", "--birth-date", "1973.02")
    r = cli.fails("deputy", "merge", "1", "2")
    assert "出生日期：ID 1 为“1972-05”，ID 2 为“1973-02”" in r.stderr and "deputy edit 高志远#2" in r.stderr
    cli("deputy", "add", "李四", "--gender", "男", "--level", "镇", "--term", "18")
    r = cli("deputy", "add", "李四", "--gender", "男", "--level", "镇", "--term", "18", "--birth-date", "1970.01")
    assert "已有同名代表 李四#3" in r.stderr and "merge" not in r.stderr  # one level: no merge to offer
    r = cli.fails("deputy", "merge", "李四#3", "李四#4")
    assert "同届同层级" in r.stderr and "db void 代表 李四#4" in r.stderr


def test_deputy_show_lists_the_persons_other_mandate(tmp_path):
    cli = old_style(tmp_path)
    assert cli.json("deputy", "show", "2")["other_mandates"] == []
    cli("deputy", "merge", "1", "2")
    other = cli.json("deputy", "show", "2")["other_mandates"]
    assert [(m["id"], m["level"], m["term"], m["elected_on"]) for m in other] == [(1, "township", 18, "2021-12-10")]
    out = cli("deputy", "show", "高志远#1").stdout
    assert "同一人的其他代表资格" in out and "县" in out.split("同一人的其他代表资格")[1]


def test_db_check_finds_a_persons_fields_differing_between_mandates(tmp_path):
    cli = old_style(tmp_path)
    cli("deputy", "merge", "1", "2")
    conn = sqlite3.connect(cli.db)  # another program (sqlite3, Datasette) wrote one row only
    conn.execute("UPDATE deputies SET gender = 'female' WHERE id = 2")
    conn.commit()
    conn.close()
    [found] = findings(cli, "person_fields_differ")
    assert found["severity"] == "error"
    assert "高志远的性别在其代表资格间不一致：ID 1（镇(乡)人大代表）为“男”，ID 2（县人大代表）为“女”" in found["message"]
    out = cli("db", "check", expect=1).stdout
    assert "同一人的个人信息不一致" in out and "gender" not in out.replace("person_fields_differ", "")
    cli("deputy", "edit", "高志远#1", "--gender", "男")  # written on every mandate of the person: found no more
    assert not findings(cli, "person_fields_differ")


def test_an_import_says_which_rows_it_took_as_one_person(tmp_path):
    cli = Cli(tmp_path / "r.db")
    cli("init", "--town", "河南镇", "--term", "18", "--term-start", "2021-12-28")
    roster = write_csv(tmp_path / "名册.csv", "姓名,性别,出生年月,层级,届次\n高志远,男,1972.05,镇,18\n"
                                              "王一,女,1980.01,镇,18\n高志远,男,1972.05,县,18\n")
    r = cli("import", "deputies", roster)
    assert ("说明：第4行：高志远已是第18届镇(乡)人大代表（ID 1）：同一人又是县人大代表，两个代表资格记为同一人"
            in r.stderr)
    assert r.stderr.count("说明：") == 1


def _resignation_at(cli, tmp_path) -> list[str]:
    people = township(cli, tmp_path, deputies=12, presidium=9)  # people[0] chair, people[1..8] members
    cli("deputy", "role", people[1], "副主席", "--from", "2017-01-05")
    cli("meeting", "add", "--kind", "人代会", "--date", "2017-12-30")
    cli("meeting", "roll", "C3-1")
    cli("vote", "add", "C3-1", f"接受{people[5]}辞去代表职务", "--kind", "personnel", "--yes", "12")
    cli("vote", "add", "C3-1", f"接受{people[1]}辞去副主席职务", "--kind", "personnel", "--yes", "12")
    cli("deputy", "end", people[5], "--status", "辞职", "--accepted-by", "C3-1#1", "--announced-on", "2017-12-30")
    cli("post", "resign", people[1], "--post", "副主席", "--vote", "C3-1#2", "--announced-on", "2017-12-30")
    return people


def test_a_mandate_and_a_post_ended_at_a_meeting_follow_its_date(cli, tmp_path):
    people = _resignation_at(cli, tmp_path)
    gone, vice = people[5], people[1]
    assert cli.json("deputy", "show", gone)["status_date"] == "2017-12-30"
    cli("meeting", "edit", "C3-1", "--date", "2018-01-03", "--reason", "日期录错")
    assert cli.json("deputy", "show", gone)["status_date"] == "2018-01-03"
    assert rows(cli.db, "SELECT announced_on FROM mandate_ends") == [("2018-01-03",)]
    assert rows(cli.db, "SELECT announced_on FROM post_ends") == [("2018-01-03",)]
    roles = {r["role"]: r["to_date"] for r in cli.json("deputy", "show", vice)["memberships"]}
    assert roles["vice_chair"] == "2018-01-03"
    assert not findings(cli, "mandate_end_unannounced")
    # the deputy who resigned was in office at the session on its corrected day: still entitled there
    assert cli.json("meeting", "show", "C3-1")["entitled"] == 12
    cli("undo", "--yes")
    assert cli.json("deputy", "show", gone)["status_date"] == "2017-12-30"
    assert rows(cli.db, "SELECT announced_on FROM post_ends") == [("2017-12-30",)]


def test_the_elections_import_takes_the_day_of_the_election(cli, tmp_path):
    people = township(cli, tmp_path, deputies=12, presidium=0)
    cli("meeting", "add", "--kind", "人代会", "--date", "2017-03-01", "--end-date", "2017-03-02")
    cli("meeting", "roll", "C3-1")
    bad = write_csv(tmp_path / "坏.csv", f"会议,职务,应选名额,候选人,得票,选举日期\nC3-1,主席,1,{people[0]},12,2017-03-05\n")
    r = cli.fails("import", "elections", bad)
    assert "2017-03-05" in r.stderr and "会期" in r.stderr
    good = write_csv(tmp_path / "选举.csv", f"会议,职务,应选名额,候选人,得票,选举日期\n"
                                            f"C3-1,主席,1,{people[0]},12,2017-03-02\n")
    cli("import", "elections", good)
    assert rows(cli.db, "SELECT held_on FROM election_contests") == [("2017-03-02",)]
    out = tmp_path / "出.csv"
    cli("export", "elections", "--output", out)
    assert "2017-03-02" in out.read_text(encoding="utf-8-sig")


def test_a_persons_activities_and_archive_take_both_mandates(tmp_path):
    """The 履职档案 is the person's (docs/figures.md “One person, two mandates”): a county official reading 高志远's
    archive expects what he did as a township and as a county deputy."""
    cli = old_style(tmp_path)
    cli("deputy", "merge", "1", "2")
    cli("deputy", "add", "王一", "--gender", "女", "--level", "镇", "--term", "18", "--birth-date", "1980.01")
    cli("activity", "add", "镇代表活动", "--kind", "视察", "--date", "2024-06-10", "-p", "高志远、王一")
    cli("activity", "add", "学习培训", "--kind", "培训", "--date", "2024-07-10", "--level", "县", "-p", "高志远#1")
    cli("activity", "add", "王一调研", "--kind", "调研", "--date", "2024-08-10", "-p", "王一")
    for ref in ("高志远", "1", "高志远#2"):
        listed = cli.json("activity", "list", "--deputy", ref)
        assert [a["title"] for a in listed] == ["县代表视察", "镇代表活动", "学习培训"]
    assert [a["title"] for a in cli.json("activity", "list", "--deputy", "王一")] == ["镇代表活动", "王一调研"]
    for ref in ("1", "2"):
        a = cli.json("deputy", "archive", ref, "--year", "2024")
        assert (a["activities"]["activities"], a["activities"]["training"]) == (2, 1)
        assert [m["level"] for m in a["deputy"]["mandates"]] == ["township", "county"]
        assert "高志远代表（镇(乡)人大代表、县人大代表）" in a["summary"]
        assert "参加代表活动2次、学习培训1次" in a["summary"]
    out = cli("deputy", "archive", "高志远", "--year", "2024").stdout
    assert "镇(乡)人大代表、县人大代表" in out
    # the ranking counts the person once, with the same record on each level's list
    ranked = cli.json("deputy", "scores", "--year", "2024")
    assert [r["name"] for r in ranked["rows"]].count("高志远") == 1
    by_level = {lvl: {r["name"]: r["activities"] for r in cli.json("deputy", "scores", "--year", "2024",
                                                                    "--level", lvl)["rows"]} for lvl in ("镇", "县")}
    assert by_level["镇"]["高志远"] == by_level["县"]["高志远"] == 2


def test_an_import_warns_of_a_likely_duplicate_as_submit_and_add_do(tmp_path):
    """A proposal or activity like one already there is written with a warning naming it (docs/import.md), by
    `proposal submit`, `activity add` and their imports alike; the whole import is undone by `undo`."""
    cli = old_style(tmp_path)
    cli("deputy", "add", "王一", "--gender", "女", "--level", "镇", "--term", "18")
    cli("proposal", "submit", "关于修缮便民桥的建议", "--lead", "高志远", "--date", "2024-03-01")
    register = write_csv(tmp_path / "建议.csv", "类别,标题,领衔代表,提出日期\n建议,关于修缮便民桥的建议,高志远,2024-03-01\n"
                                               "建议,关于路灯的建议,王一,2024-03-02\n建议,关于路灯的建议,王一,2024-03-02\n")
    r = cli("import", "proposals", register)
    assert ("注意：第2行：已有同一领衔代表同日提出的同名建议、批评和意见 2024-001（关于修缮便民桥的建议，2024-03-01）：如是重复导入，"
            "可用 rdtool undo 撤销这次导入") in r.stderr
    assert "注意：第4行：已有同一领衔代表同日提出的同名建议、批评和意见 2024-003" in r.stderr and "第3行" not in r.stderr
    assert len(cli.json("proposal", "list")) == 4
    cli("undo", "--yes")
    assert len(cli.json("proposal", "list")) == 1
    acts = write_csv(tmp_path / "活动.csv", "活动名称,类别,日期,参加代表\n县代表视察,视察,2024-05-10,高志远\n")
    r = cli("import", "activities", acts)
    assert "注意：第2行：2024-05-10 已有同名活动 A18-001（县代表视察，参加代表 1 人）：如是重复导入" in r.stderr
    # a code already used is still refused: codes are unique
    coded = write_csv(tmp_path / "编号.csv", "编号,类别,标题,领衔代表,提出日期\n2024-001,建议,另一条建议,王一,2024-04-01\n")
    assert "已有这个编号" in cli.fails("import", "proposals", coded).stderr


def test_a_merge_counts_the_person_once_where_both_rows_were_listed(tmp_path):
    cli = old_style(tmp_path)  # A18-001: a county activity, 高志远#2
    for name in ("王一", "王二", "王三", "王四"):
        cli("deputy", "add", name, "--gender", "女", "--level", "镇", "--term", "18")
    cli("activity", "add", "镇代表活动", "--kind", "视察", "--date", "2024-06-10", "-p", "高志远#1、高志远#2、王一")
    cli("activity", "add", "县代表调研", "--kind", "调研", "--date", "2024-07-10", "--level", "县", "-p", "高志远#1、高志远#2")
    cli("proposal", "submit", "建议一", "--lead", "高志远#1", "--cosigners", "高志远#2、王一", "--date", "2024-03-01")
    before = cli.json("deputy", "archive", "1", "--year", "2024")["activities"]["activities"]
    assert before == 2  # (the township row's own: before the merge, two people)
    r = cli("deputy", "merge", "1", "2")
    assert "A18-002 参加人员：去掉 高志远" in r.stdout and "2024-001 附议代表：去掉 高志远" in r.stdout
    assert rows(cli.db, "SELECT a.code, x.deputy_id FROM activity_participants x JOIN activities a "
                        "ON a.id = x.activity_id WHERE x.deputy_id IN (1, 2) ORDER BY a.code") == [
        ("A18-001", 2), ("A18-002", 1), ("A18-003", 2)]
    assert rows(cli.db, "SELECT deputy_id FROM proposal_cosigners WHERE deputy_id IN (1, 2)") == []
    archive = cli.json("deputy", "archive", "1", "--year", "2024")
    assert archive["activities"]["activities"] == 3 and archive["proposals"]["cosigned"] == 0
    cli("undo", "--yes")
    assert len(rows(cli.db, "SELECT * FROM activity_participants WHERE deputy_id IN (1, 2)")) == 5


def test_a_delete_names_what_it_took_with_it_by_their_codes(tmp_path):
    cli = old_style(tmp_path)
    cli("deputy", "add", "王一", "--gender", "女", "--level", "镇", "--term", "18")
    cli("proposal", "submit", "测试建议", "--lead", "高志远", "--cosigners", "王一", "--date", "2024-02-01")
    out = cli("db", "delete", "建议", "2024-001", "--yes").stdout
    assert "2024-001 附议代表：去掉 王一" in out and "#1" not in out


def test_a_presidium_role_typed_on_the_county_row_moves_to_the_township_mandate(tmp_path):
    cli = old_style(tmp_path)
    cli("deputy", "role", "高志远#2", "主席", "--from", "2021-12-28")
    r = cli("deputy", "merge", "1", "2")
    assert "高志远 主席：代表 高志远#2 → 高志远#1" in r.stdout
    assert rows(cli.db, "SELECT deputy_id, role FROM presidium_members") == [(1, "chair")]
    assert cli.json("deputy", "show", "1")["presidium_role"] == "chair"
    cli("undo", "--yes")
    cli("deputy", "role", "高志远#1", "成员", "--from", "2021-12-28")
    r = cli.fails("deputy", "merge", "1", "2")
    assert "都有主席团任职记录" in r.stderr


def test_an_appeal_field_typed_wrong_is_named_in_chinese(cli):
    cli("general-election", "plan", "3", "--level", "镇", "--election-day", "2016-11-15", "--registration",
        "2016-10-20")
    r = cli.fails("general-election", "appeal", "3", "申诉丙", "--filed", "2016-10-25", "--court-decided", "2016-13-40")
    assert "判决日期" in r.stderr and "court_decided_on" not in r.stderr


def test_a_person_entered_twice_is_found_by_name_and_birth_month_or_by_id_number(tmp_path):
    """Both ways two rows are one person (each found through its own index), each pair once, in id order; rows of
    another term, of the same level, with other birth months or voided are not pairs. (The rows are written as an
    older rdtool or another program did: rdtool itself joins or refuses most of them.)"""
    cli = Cli(tmp_path / "p.db")
    cli("init", "--town", "河南镇", "--term", "18", "--term-start", "2021-12-28", "--province", "河南")
    cli("term", "add", "19", "--start", "2026-12-28")
    conn = sqlite3.connect(cli.db)
    conn.executemany(
        "INSERT INTO deputies (name, gender, level, term, birth_date, id_number) VALUES (?, 'female', ?, ?, ?, ?)",
        [("高志远", "township", 18, "1972-05", None), ("高志远", "county", 18, "1972-05-09", None),   # 1, 2
         ("高志远", "county", 19, None, None),                                                      # 3: another term
         ("李红", "township", 18, "1980-01", None), ("李红", "county", 18, "1981-01", None),        # 4, 5: two people
         ("王兰", "township", 18, None, "11010519491231002X"),
         ("王岚", "county", 18, None, "11010519491231002X"),                                         # 6, 7: one 身份证号
         ("赵一", "township", 18, None, None), ("赵一", "township", 18, None, None),                # 8, 9: same level
         ("钱二", "township", 18, None, "110105194912310021"),
         ("钱二", "county", 18, "1950-01", "110105194912310021")])                                  # 10, 11: both ways
    conn.commit()
    found = findings(cli, "person_entered_twice")
    assert [(f["record"], f["message"].split("（")[0]) for f in found] == [("1", "高志远#1"), ("6", "王兰#6"),
                                                                           ("10", "钱二#10")]
    assert "#7（县人大代表）" in found[1]["message"] and "deputy merge 6 7" in found[1]["message"]
    conn.execute("UPDATE deputies SET voided_at = '2024-01-01' WHERE id = 7")
    conn.commit()
    assert [f["record"] for f in findings(cli, "person_entered_twice")] == ["1", "10"]


def test_two_rows_of_one_id_number_are_each_named_by_their_own_name(tmp_path):
    cli = old_style(tmp_path)
    conn = sqlite3.connect(cli.db)
    with conn:  # another program typed the county row's name differently and gave both rows one 身份证号
        conn.execute("UPDATE deputies SET name = '高至远' WHERE id = 2")
        conn.execute("UPDATE deputies SET id_number = '110101197205010011' WHERE id IN (1, 2)")
    conn.close()
    [twice] = findings(cli, "person_entered_twice")
    assert "高志远#1（镇(乡)人大代表）" in twice["message"] and "高至远#2（县人大代表）" in twice["message"]
