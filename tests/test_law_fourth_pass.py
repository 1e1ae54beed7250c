"""Issue 26 (the law, fourth pass) through the real CLI: suspended duties (代表法 第六十一条), inquiries (组织法
第二十四条), nominations and 预选 (第二十六条、第二十七条), proxy votes (选举法 第四十二条)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.helpers import Cli, add_deputy
from tests.test_law_third_pass import add_meeting, findings, init

TEN = ["甲一", "甲二", "甲三", "甲四", "甲五", "甲六", "甲七", "甲八", "甲九", "甲十"]
OTHERS = ["乙一", "乙二", "乙三", "乙四", "乙五", "乙六", "乙七", "乙八", "乙九", "乙十"]


def roster(cli: Cli, names: list[str]) -> None:
    for n in names:
        add_deputy(cli, n, "--elected-on", "2021-11-20", term=5)


def attendance(db, code: str) -> dict[str, str]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT d.name, a.status FROM attendance a JOIN deputies d ON d.id = a.deputy_id "
                        "JOIN meetings m ON m.id = a.meeting_id WHERE m.code = ?", (code,)).fetchall()
    conn.close()
    return dict(rows)


# --- 代表法 第六十一条: 暂时停止执行代表职务 -------------------------------------------------------------------------

def test_a_suspended_deputy_stays_in_entitled_and_is_recorded_absent(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN[:6])
    out = cli("deputy", "suspend", "甲一", "--ground", "羁押", "--date", "2022-03-01")
    assert "暂停执行代表职务" in out.stdout and "代表法第六十一条" in out.stdout
    add_meeting(cli.db, "C5-2", "2022-06-10")
    out = cli("meeting", "roll", "C5-2")
    assert "应到6人，出席5人" in out.stdout  # he counts in 应到 (he remains a deputy), not in 出席
    assert "甲一暂停执行代表职务" in out.stdout
    assert attendance(cli.db, "C5-2")["甲一"] == "absent"
    assert cli.json("deputy", "list")[0]["status"] == "active"  # still 在任
    # not reported at the session held since: db check says so, until it is recorded
    assert [f["check"] for f in findings(cli, "suspension_unreported")] == ["suspension_unreported"]
    cli.fails("deputy", "suspend-report", "甲一", "C5-1-none")
    out = cli("deputy", "suspend-report", "甲一", "C5-2")
    assert findings(cli, "suspension_unreported") == []
    # resumed: present again at the next session
    cli.fails("deputy", "resume", "甲一", "--date", "2022-02-28")  # before the suspension began
    cli("deputy", "resume", "甲一", "--date", "2022-09-01", "--reason", "解除羁押")
    add_meeting(cli.db, "C5-3", "2022-12-10")
    cli("meeting", "roll", "C5-3")
    assert attendance(cli.db, "C5-3")["甲一"] == "present"
    shown = cli.json("deputy", "show", "甲一")
    assert [(s["ground"], s["started_on"], s["ended_on"], s["reported_meeting"]) for s in shown["suspensions"]] == \
        [("detained", "2022-03-01", "2022-09-01", "C5-2")]


def test_absences_while_suspended_do_not_end_the_mandate(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN[:4])
    cli("deputy", "suspend", "甲一", "--ground", "服刑", "--date", "2022-03-01")
    for code, day in (("C5-2", "2022-06-10"), ("C5-3", "2022-12-10")):
        add_meeting(cli.db, code, day)
        cli("meeting", "roll", code)
    assert not cli.json("deputy", "show", "甲一")["art62"]  # two absences, both while suspended
    add_meeting(cli.db, "C5-4", "2023-01-10")
    cli("meeting", "roll", "C5-4", "--absent", "甲二")
    add_meeting(cli.db, "C5-5", "2023-06-10")
    cli("meeting", "roll", "C5-5", "--absent", "甲二")
    assert cli.json("deputy", "show", "甲二")["art62"]  # the rule itself still applies to others


def test_a_suspended_deputy_recorded_present_before_the_suspension_was_entered(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN[:4])
    add_meeting(cli.db, "C5-2", "2022-06-10")
    cli("meeting", "roll", "C5-2")
    out = cli("deputy", "suspend", "甲一", "--ground", "羁押", "--date", "2022-03-01", "--reported-at", "C5-2")
    assert "C5-2（2022-06-10）" in out.stderr and "被记为出席" in out.stderr
    assert [f["severity"] for f in findings(cli, "suspended_present")] == ["error"]
    cli("meeting", "roll", "C5-2")  # roll again: recorded absent
    assert findings(cli, "suspended_present") == []


def test_suspension_refusals(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN[:4])
    add_meeting(cli.db, "P5-01", "2022-04-01", kind="presidium")
    cli.fails("deputy", "suspend", "甲一", "--ground", "出差", "--date", "2022-03-01")
    cli.fails("deputy", "suspend", "甲一", "--ground", "羁押", "--date", "2022-03-01", "--reported-at", "P5-01")
    cli("deputy", "suspend", "甲一", "--ground", "羁押", "--date", "2022-03-01")
    cli.fails("deputy", "suspend", "甲一", "--ground", "服刑", "--date", "2022-05-01")  # one in force already
    cli.fails("deputy", "resume", "甲二", "--date", "2022-05-01")  # never suspended
    cli("deputy", "end", "甲一", "--status", "终止代表资格", "--date", "2022-08-01")
    out = cli.fails("deputy", "resume", "甲一", "--date", "2022-09-01")
    assert "代表资格终止者除外" in out.stderr


def test_a_suspended_deputy_does_not_sign_a_motion(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN[:5])
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    cli("deputy", "suspend", "甲五", "--ground", "羁押", "--date", "2022-01-01")
    out = cli.fails("proposal", "submit", "关于修路的议案", "--kind", "议案", "--lead", "甲一", "--date", "2022-01-10",
                    "--meeting", "C5-1", "--cosigners", "甲二、甲三、甲四、甲五")
    assert "暂停执行代表职务" in out.stderr


# --- 组织法 第二十四条, 北京 组织条例 第十二条: 质询案 -----------------------------------------------------------------

def inquiry(cli: Cli, lead: str, signers: list[str], *extra: str, meeting: str = "C5-1"):
    return ("inquiry", "submit", meeting, "--target", "镇人民政府", "--title", "关于垃圾处理", "--lead", lead,
            "--signers", "、".join(signers), *extra)


@pytest.mark.parametrize("province, deputies, need", [(None, 30, 10), ("北京", 30, 6), ("北京", 40, 8),
                                                       ("北京", 41, 10), ("山东", 30, 10)])
def test_signers_an_inquiry_needs_by_profile(tmp_path, province, deputies, need):
    cli = init(tmp_path, province)
    names = [f"{'赵钱孙李周'[i // 10]}{'一二三四五六七八九十'[i % 10]}" for i in range(deputies)]
    roster(cli, names)
    add_deputy(cli, "县代表", "--elected-on", "2021-11-20", level="县", term=5)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    # one short, padded with a county deputy (who does not count)
    out = cli.fails(*inquiry(cli, names[0], names[1:need - 1] + ["县代表"]))
    assert f"只有 {need - 1} 名代表联名，不足{need}人" in out.stderr and "县代表不是本级" in out.stderr
    out = cli(*inquiry(cli, names[0], names[1:need]))
    assert "已登记质询案 C5-1-Q1" in out.stdout


def test_an_inquiry_is_lodged_and_answered_at_the_session(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN + OTHERS)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    add_meeting(cli.db, "P5-01", "2022-01-09", kind="presidium")
    cli.fails(*inquiry(cli, "甲一", TEN[1:], meeting="P5-01"))  # not a congress session
    cli.fails(*inquiry(cli, "甲一", TEN[1:], "--date", "2022-01-13"))  # after the session
    cli("deputy", "suspend", "甲十", "--ground", "羁押", "--date", "2022-01-01")
    out = cli.fails(*inquiry(cli, "甲一", TEN[1:]))  # a suspended deputy does not count
    assert "甲十暂停执行代表职务" in out.stderr
    cli(*inquiry(cli, "甲一", TEN[1:9] + ["乙一", "乙二"], "--date", "2022-01-11"))
    assert findings(cli, "inquiry_problem", as_of="2022-01-12") == []
    assert len(findings(cli, "inquiry_problem", as_of="2022-01-13")) == 1  # not answered after the session
    out = cli("inquiry", "answer", "C5-1-Q1", "--method", "书面", "--date", "2022-02-01", "--by", "镇长王某")
    assert "会议结束" in out.stderr
    cli("inquiry", "answer", "c5-1-q1", "--method", "大会全体会议", "--date", "2022-01-12")
    assert findings(cli, "inquiry_problem") == []
    record = cli.json("inquiry", "show", "C5-1-Q1")
    assert record["answer_method"] == "plenary" and len(record["signer_list"]) == 11
    assert [r["code"] for r in cli.json("inquiry", "list")] == ["C5-1-Q1"]
    cli.fails("inquiry", "answer", "C5-1-Q9", "--method", "书面", "--date", "2022-01-12")


# --- 组织法 第二十六条第二款、第三款, 第二十七条第一款: nominations and 预选 ----------------------------------------------

def test_nominations_and_the_primary(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN + OTHERS)
    add_deputy(cli, "县代表", "--elected-on", "2021-11-20", level="县", term=5)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    nominate = ("election", "nominate", "C5-1", "--post", "副镇长", "--seats", "2")
    out = cli.fails(*nominate, "--by", "主席团", "-c", "张", "-c", "李", "-c", "王")
    assert "超过应选名额2名" in out.stderr and "第二十六条第三款" in out.stderr
    cli(*nominate, "--by", "主席团", "-c", "张", "-c", "李")
    out = cli.fails(*nominate, "--by", "代表", "-c", "赵", "--signers", "、".join(TEN[:9] + ["县代表"]))
    assert "只有 9 名本级代表联名" in out.stderr and "第二十六条第二款" in out.stderr
    cli(*nominate, "--by", "代表", "-c", "赵", "-c", "钱", "--signers", "、".join(TEN))
    out = cli.fails(*nominate, "--by", "代表", "-c", "孙", "--signers", "、".join(["甲一"] + OTHERS[1:]))
    assert "甲一联合提名的候选人共3人" in out.stderr  # 每一代表…联合提名的候选人人数 不得超过应选名额
    out = cli(*nominate, "--by", "代表", "-c", "孙", "-c", "周", "--signers", "、".join(OTHERS))
    assert "应先预选" not in out.stdout and "进行预选" in out.stdout  # six nominees for two seats: more than 2 + 3
    rows = cli.json("election", "nominations")
    assert rows[0]["candidates"] == 6 and rows[0]["primary_needed"]
    primary = ("election", "primary", "C5-1", "--post", "副镇长", "--seats", "2")
    cli.fails(*primary, "--margin", "4", "-c", "张=20")  # 副职 one to three more
    cli.fails(*primary, "--margin", "2", "-c", "张=20", "-c", "李=18")  # every nominee has votes
    cli.fails(*primary, "--margin", "2", *[f"-c{n}=1" for n in ("张", "李", "赵", "钱", "孙", "吴")])  # not nominated
    out = cli(*primary, "--margin", "2", "-c", "张=20", "-c", "李=18", "-c", "赵=15", "-c", "钱=12", "-c", "孙=12",
              "-c", "周=3")
    assert "正式候选人 张、李、赵" in out.stdout and "钱、孙预选得票相等" in out.stdout
    out = cli(*primary, "--margin", "2", "-c", "张=20", "-c", "李=18", "-c", "赵=15", "-c", "钱=12", "-c", "孙=11",
              "-c", "周=3")
    assert "正式候选人 张、李、赵、钱" in out.stdout
    assert cli.json("election", "nominations")[0]["formal"] == "张、李、赵、钱"
    cli("meeting", "roll", "C5-1")
    out = cli("election", "add", "C5-1", "--post", "副镇长", "--seats", "2", "-c", "张=15", "-c", "李=12", "-c", "赵=3",
              "-c", "孙=0")
    assert "孙不在名单中" in out.stdout and "未列入钱" in out.stdout


# --- 选举法 第四十二条: 委托投票 --------------------------------------------------------------------------------

def test_a_voter_accepts_at_most_three_entrustments(tmp_path):
    cli = init(tmp_path)
    cli("term", "add", "6", "--start", "2026-12-01")
    cli("general-election", "plan", "6", "--level", "镇", "--election-day", "2026-11-15")
    cli("general-election", "constituency", "6", "第一选区", "--seats", "2", "--voters", "1000")
    cli("general-election", "constituency", "6", "第二选区", "--seats", "2", "--voters", "1000")
    proxy = ("general-election", "proxy", "6")
    for i, principal in enumerate(("外出甲", "外出乙", "外出丙")):
        out = cli(*proxy, principal, "代投人", "--approved", "2026-11-10", "--constituency", "第一选区")
        assert f"已接受{i + 1}份委托" in out.stdout
    out = cli.fails(*proxy, "外出丁", "代投人", "--approved", "2026-11-10", "--constituency", "第一选区")
    assert "不得超过三人" in out.stderr and "选举法第四十二条" in out.stderr
    # the same name in another constituency is another voter
    cli(*proxy, "外出丁", "代投人", "--approved", "2026-11-10", "--constituency", "第二选区")
    cli.fails(*proxy, "外出甲", "另一人", "--constituency", "第一选区")  # entrusted once already
    cli.fails(*proxy, "外出戊", "外出戊", "--constituency", "第一选区")  # himself
    cli.fails(*proxy, "外出戊", "外出甲", "--constituency", "第一选区")  # away himself
    cli.fails(*proxy, "外出戊", "代投人乙", "--approved", "2026-11-16")  # consent after election day
    out = cli(*proxy, "外出己", "代投人乙")
    assert "未记录选举委员会同意" in out.stderr
    rows = cli.json("general-election", "proxies", "6")
    assert [(r["principal"], r["proxy_holds"]) for r in rows][:4] == [("外出甲", 3), ("外出乙", 3), ("外出丙", 3),
                                                                        ("外出丁", 1)]


def test_db_check_does_not_count_absences_while_suspended(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN[:4])
    cli("deputy", "suspend", "甲一", "--ground", "羁押", "--date", "2022-03-01")
    for code, day in (("C5-2", "2022-06-10"), ("C5-3", "2022-12-10")):
        add_meeting(cli.db, code, day)
        cli("meeting", "roll", code, "--absent", "甲二")
    assert [f["record"] for f in findings(cli, "deputy_absent_twice")] == ["2"]  # 甲二, not 甲一


def test_the_new_records_read_in_chinese_in_the_log_and_undo(tmp_path):
    cli = init(tmp_path)
    roster(cli, TEN + OTHERS)
    add_meeting(cli.db, "C5-1", "2022-01-10", end="2022-01-12")
    cli("deputy", "suspend", "乙十", "--ground", "服刑", "--date", "2022-01-01")
    log = cli("db", "log", "-n", "1").stdout
    assert "暂停执行代表职务" in log and "正在服刑" in log and "serving" not in log
    cli(*inquiry(cli, "甲一", TEN[1:]))
    cli("election", "nominate", "C5-1", "--post", "副镇长", "--seats", "1", "--by", "代表", "-c", "赵",
        "--signers", "、".join(TEN))
    cli("term", "add", "6", "--start", "2026-12-01")
    cli("general-election", "plan", "6", "--level", "镇", "--election-day", "2026-11-15")
    cli("general-election", "proxy", "6", "外出甲", "代投人")
    expected = ["外出甲委托代投人代为投票", "C5-1 副镇长候选人提名 联名代表 甲一", "C5-1-Q1 联名代表 甲一"]
    while expected:
        out = cli("undo", "--yes").stdout
        if "general-election plan" in out or "term add" in out:
            continue
        assert expected.pop(0) in out and "_" not in out.split("将恢复", 1)[1], out
    out = cli("undo", "--yes").stdout
    assert "乙十暂停执行代表职务（自2022-01-01）" in out
    assert cli.json("deputy", "suspensions") == [] and cli.json("inquiry", "list") == []
