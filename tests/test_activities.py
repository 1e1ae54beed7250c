"""rdtool activity add/list/show/edit and the activities import/export kind, through the real CLI."""

from __future__ import annotations

import pytest

from tests.helpers import Cli, add_deputy, dump, write_csv


@pytest.fixture
def people(cli):
    add_deputy(cli, "张三", "--birth-date", "1970-01-01")
    add_deputy(cli, "李四", gender="女")
    add_deputy(cli, "王五", level="县")
    add_deputy(cli, "赵六", level="县")
    add_deputy(cli, "同名人", "--birth-date", "1960-01-01")
    add_deputy(cli, "同名人", "--birth-date", "1980-01-01")
    return cli


def test_add_show_and_generated_codes(people):
    cli = people
    out = cli("activity", "add", "视察美丽乡村建设", "--kind", "视察", "--date", "2018年7月12日",
              "--subject", "美丽乡村", "--location", "青龙村", "--organiser", "镇人大主席团",
              "--participants", "张三、李四；王五").stdout
    assert "A3-001" in out and "3 人" in out
    cli("activity", "add", "新任代表培训", "--kind", "training", "--date", "2017/2/23", "-p", "李四")
    shown = cli.json("activity", "show", "A3-001")
    assert shown["date"] == "2018-07-12" and shown["kind"] == "inspection" and shown["organiser"] == "镇人大主席团"
    assert shown["level"] == "both"  # no level given: township and county participants -> both
    assert sorted(p["name"] for p in shown["participants"]) == ["张三", "李四", "王五"]
    assert cli.json("activity", "show", "A3-002")["level"] == "township"
    table = cli("activity", "show", "A3-001").stdout
    assert "县乡两级人大代表活动" in table and "参加人员" in table and "王五" in table
    # an explicit code, and the next generated one continues after the highest
    cli("activity", "add", "县代表视察", "--kind", "视察", "--date", "2019-05-01", "--code", "A3-010", "-p", "王五、赵六")
    cli("activity", "add", "调研", "--kind", "调研", "--date", "2019-06-01", "--level", "乡")
    codes = [r["code"] for r in cli.json("activity", "list")]
    assert codes == ["A3-002", "A3-001", "A3-010", "A3-011"]  # by date
    assert cli.json("activity", "show", "A3-010")["level"] == "county"  # all participants county


def test_list_filters(people):
    cli = people
    cli("activity", "add", "培训", "--kind", "培训", "--date", "2017-03-01", "--level", "县", "-p", "王五、赵六")
    cli("activity", "add", "视察一", "--kind", "视察", "--date", "2018-05-01", "--level", "镇", "-p", "张三")
    cli("activity", "add", "视察二", "--kind", "视察", "--date", "2018-06-01", "--level", "两级", "-p", "张三、王五")
    cli("activity", "add", "联系选民", "--kind", "联系选民", "--date", "2019-06-01", "--level", "县", "-p", "赵六")

    def titles(*args):
        return [r["title"] for r in cli.json("activity", "list", *args)]

    assert titles("--kind", "视察") == ["视察一", "视察二"]
    assert titles("--kind", "学习培训") == ["培训"]
    assert titles("--level", "镇") == ["视察一", "视察二"]          # township includes both levels
    assert titles("--level", "县") == ["培训", "视察二", "联系选民"]
    assert titles("--level", "两级") == ["视察二"]
    assert titles("--year", "2018") == ["视察一", "视察二"]
    assert titles("--deputy", "王五") == ["培训", "视察二"]
    assert titles("--deputy", "王五", "--year", "2018") == ["视察二"]
    assert titles("--from", "2018-05-15", "--to", "2019-12-31") == ["视察二", "联系选民"]
    rows = cli.json("activity", "list", "--year", "2018")
    assert rows[1]["participants"] == "张三、王五" and rows[1]["participant_count"] == 2
    csv = cli("activity", "list", "--format", "csv").stdout.splitlines()
    assert csv[0].startswith("id,code,kind,level,date") and len(csv) == 5
    assert "视察" in cli("activity", "list").stdout  # table shows labels
    cli("activity", "list", "--kind", "跳舞", expect=1)
    cli("activity", "list", "--deputy", "不存在", expect=1)


def test_add_refuses_bad_participants_and_changes_nothing(people):
    cli = people
    r = cli.fails("activity", "add", "视察", "--kind", "视察", "--date", "2018-01-01", "-p", "张三、无名氏")
    assert "无名氏" in r.stderr and "参加人员" in r.stderr and "participants" not in r.stderr
    r = cli.fails("activity", "add", "视察", "--kind", "视察", "--date", "2018-01-01", "-p", "同名人")
    assert "ID 5" in r.stderr and "ID 6" in r.stderr
    cli.fails("activity", "add", "视察", "--kind", "视察", "--date", "2018-01-01", "-p", "张三、张三")
    cli.fails("activity", "add", "视察", "--kind", "跳舞", "--date", "2018-01-01")
    cli.fails("activity", "add", "视察", "--kind", "视察", "--date", "2018-02-30")
    r = cli.fails("activity", "add", "视察", "--kind", "视察", "--date", "2016-05-01")
    assert "任期" in r.stderr
    # a deputy who left before the activity cannot take part; the day before they left they could
    cli("deputy", "end", "李四", "--status", "辞职", "--date", "2018-03-01")
    r = cli.fails("activity", "add", "视察", "--kind", "视察", "--date", "2018-03-01", "-p", "李四")
    assert "不在任" in r.stderr
    cli("activity", "add", "视察", "--kind", "视察", "--date", "2018-02-28", "-p", "李四")
    # same-name deputies: 姓名#ID picks one; a wrong pairing is refused
    cli("activity", "add", "小组活动", "--kind", "小组活动", "--date", "2018-04-01", "-p", "同名人#6、张三")
    assert sorted(p["id"] for p in cli.json("activity", "show", "A3-002")["participants"]) == [1, 6]
    cli.fails("activity", "add", "小组活动", "--kind", "小组活动", "--date", "2018-04-01", "-p", "张三#6")
    cli.fails("activity", "add", "重复编号", "--kind", "其他", "--date", "2018-04-02", "--code", "A3-001")


def test_participants_must_belong_to_the_term_of_the_date(people):
    cli = people
    cli("term", "add", "4", "--start", "2022-01-06", "--end", "2026-12-31")
    add_deputy(cli, "新代表", term=4)
    r = cli.fails("activity", "add", "视察", "--kind", "视察", "--date", "2021-06-01", "-p", "新代表")
    assert "第3届没有名为“新代表”" in r.stderr
    out = cli("activity", "add", "视察", "--kind", "视察", "--date", "2022-06-01", "-p", "新代表").stdout
    assert "A4-001" in out


def test_edit(people):
    cli = people
    cli("activity", "add", "视察", "--kind", "视察", "--date", "2018-05-01", "--level", "镇", "-p", "张三、李四")
    out = cli("activity", "edit", "A3-001", "--title", "视察国土整治项目", "--subject", "国土整治",
              "--add", "王五", "--remove", "李四").stdout
    assert "标题 视察 → 视察国土整治项目" in out and "A3-001 参加人员：增加 王五；去掉 李四" in out
    shown = cli.json("activity", "show", "A3-001")
    assert shown["title"] == "视察国土整治项目" and shown["subject"] == "国土整治"
    assert sorted(p["name"] for p in shown["participants"]) == ["张三", "王五"]
    cli("activity", "edit", "1", "-p", "赵六")  # by id; replaces the list
    assert [p["name"] for p in cli.json("activity", "show", "A3-001")["participants"]] == ["赵六"]
    assert "没有变化" in cli("activity", "edit", "A3-001", "--title", "视察国土整治项目").stdout
    cli("activity", "edit", "A3-001", "--subject", "")
    assert cli.json("activity", "show", "A3-001")["subject"] is None
    cli.fails("activity", "edit", "A3-001", "--title", "")
    cli.fails("activity", "edit", "A3-001", "--remove", "张三")          # not a participant
    cli.fails("activity", "edit", "A3-001", "--date", "2015-01-01")     # outside every term
    cli.fails("activity", "edit", "A3-001", "--add", "无名氏")
    cli.fails("activity", "edit", "A3-999", "--title", "x")
    cli("activity", "show", "A3-999", expect=1)


def test_import_all_or_nothing_and_round_trip(people, tmp_path):
    cli = people
    good = write_csv(tmp_path / "acts.csv",
                     "类别,标题,日期,编号,代表层级,地点,对象,参加人员,备注\n"
                     "视察,视察美丽乡村建设,2017-06-29,,镇,青龙村,美丽乡村,张三、李四,\n"
                     "培训,新当选县人大代表县委党校学习培训,2017.3.16,A3-002,县,县委党校,,王五;赵六,\n"
                     "代表小组活动,走访,2018-01-05,,两级,,,同名人#5、王五,\n", encoding="gb18030")
    bad = write_csv(tmp_path / "bad.csv",
                    "kind,title,date,code,level,location,subject,participants,notes\n"
                    "inspection,好的一行,2017-06-29,,township,,,张三,\n"
                    "inspection,坏的一行,2017-06-30,,township,,,同名人,\n"
                    "survey,编号重复,2017-07-02,A3-009,,,,,\n"
                    "survey,编号重复,2017-07-03,A3-009,,,,无名氏,\n")
    before = dump(cli.db)
    r = cli("import", "activities", bad, expect=1)
    assert dump(cli.db) == before
    for text in ("第3行", "ID 5", "第5行", "第4行的编号相同", "无名氏", "发现 3 处错误"):
        assert text in r.stderr, text
    r = cli("import", "activities", write_csv(tmp_path / "kind.csv", "kind,title,date\ndance,类别不对,2017-07-01\n"),
            expect=1)
    assert "第2行" in r.stderr and "dance" in r.stderr and dump(cli.db) == before
    assert "已导入 3 条" in cli("import", "activities", good, "-v").stderr
    rows = cli.json("activity", "list")
    assert [r["code"] for r in rows] == ["A3-002", "A3-003", "A3-004"]  # generated after the file's own codes
    assert rows[2]["level"] == "both"
    # export -> import into a fresh database -> the same export
    exported = cli("export", "activities").stdout
    assert exported.splitlines()[0] == "kind,title,date,code,level,location,subject,participants,notes,organiser"
    assert "同名人#5" in exported
    fresh = Cli(tmp_path / "fresh.db")
    fresh("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05", "--term-end", "2021-12-31")
    fresh("import", "deputies", write_csv(tmp_path / "d.csv", cli("export", "deputies").stdout))
    fresh("import", "activities", write_csv(tmp_path / "a.csv", exported))
    assert fresh("export", "activities").stdout == exported
    # importing the same file again is refused: the codes exist
    cli("import", "activities", write_csv(tmp_path / "again.csv", exported), expect=1)


def test_sample_activities_match_the_seed(sample):
    rows = sample.json("activity", "list", "--term", "3")
    deputy_activities = [r for r in rows if r["kind"] not in ("training", "study")]
    assert sum(r["level"] in ("township", "both") for r in deputy_activities) == 9
    assert sum(r["level"] in ("county", "both") for r in deputy_activities) == 4
    trainings = sample.json("activity", "list", "--kind", "培训")
    assert {r["title"] for r in trainings} == {"新任代表履职培训", "新当选县人大代表县委党校学习培训"}
    assert len(sample.json("activity", "list", "--kind", "学习培训")) == len(trainings) + 4
    party_school = sample.json("activity", "show", "A3-002")
    assert party_school["participant_count"] == 23 and party_school["level"] == "county"
