"""Proposals (议案/建议) through the real CLI: lifecycle, the 5-signature rule, deadlines, re-handling,
overdue detection, every rate (including an empty period), search, deputy show."""

from __future__ import annotations

import sqlite3

import pytest

from tests.helpers import add_deputy

NAMES = ["丁一", "王二", "邓三", "阮四", "陈五", "郑六", "李七"]


def add_meeting(db, code: str, date: str, kind: str = "congress", term: int | None = 3) -> None:
    """Meetings are written by issue 3's commands; here they are put in directly."""
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO meetings (code, kind, date, term) VALUES (?, ?, ?, ?)", (code, kind, date, term))
    conn.commit()
    conn.close()


@pytest.fixture
def town(cli, db):
    for n in NAMES:
        add_deputy(cli, n)
    add_meeting(db, "C3-1", "2017-01-06")
    add_meeting(db, "P3-01", "2017-02-16", kind="presidium")
    add_meeting(db, "C3-2", "2018-01-10")
    return cli


def submit(cli, title, *extra, lead="丁一", date="2017-01-06", meeting="C3-1"):
    args = ["proposal", "submit", title, "--lead", lead, "--date", date]
    if meeting:
        args += ["--meeting", meeting]
    out = cli(*args, *extra).stdout
    return out.split()[1].split("（")[0]  # "已登记 CODE（…）"


def show(cli, code, as_of=None):
    return cli.json("proposal", "show", code, *(["--as-of", as_of] if as_of else []))


def test_lifecycle_from_submission_to_closing(town):
    cli = town
    code = submit(cli, "关于修缮新华村便民桥的建议", "--cosigners", "王二、邓三", "--body", "桥面破损，汛期有隐患。",
                  "--category", "交通运输")
    assert code == "三届一次-001"
    assert submit(cli, "关于第二件事的建议") == "三届一次-002"
    p = show(cli, code)
    assert p["status"] == "submitted" and p["cosigners"] == "王二、邓三" and p["body"] == "桥面破损，汛期有隐患。"
    cli("proposal", "assign", code, "--unit", "镇村镇建设办", "--date", "2017-01-20")
    p = show(cli, code, as_of="2017-04-20")
    assert (p["status"], p["due_on"], p["unit"]) == ("assigned", "2017-04-20", "镇村镇建设办")
    assert show(cli, code, as_of="2017-04-21")["status"] == "overdue"  # the day after the due date, unanswered
    out = cli("proposal", "reply", code, "--result", "a", "--text", "已维修。", "--date", "2017-04-20").stdout
    assert "按期" in out
    assert show(cli, code)["status"] == "replied"
    cli.fails("proposal", "close", code, "--date", "2017-04-21")  # not fed back yet, no reason
    cli("proposal", "feedback", code, "满意", "--date", "2017-04-25")
    assert show(cli, code)["status"] == "fed_back"
    cli.fails("proposal", "close", code, "--date", "2017-04-24")  # before the feedback
    cli("proposal", "close", code, "--date", "2017-04-30")
    p = show(cli, code)
    assert p["status"] == "closed" and p["result"] == "A" and p["feedback"] == "satisfied"
    assert [e["event"] for e in p["timeline"]] == ["提出", "交办", "答复", "代表反馈", "办结"]
    cli.fails("proposal", "reply", code, "--result", "B", "--date", "2017-05-01")  # closed
    table = cli("proposal", "show", code).stdout
    assert "办理过程" in table and "已解决或基本解决" in table
    # explicit closing needs a reason
    other = "三届一次-002"
    cli.fails("proposal", "close", other, "--date", "2017-02-01")
    cli("proposal", "close", other, "--date", "2017-02-01", "--reason", "代表撤回")
    assert show(cli, other)["close_reason"] == "代表撤回"
    statuses = {r["code"]: r["status"] for r in cli.json("proposal", "list", "--status", "已办结")}
    assert set(statuses) == {code, other}


def test_lifecycle_steps_in_wrong_order_change_nothing(town):
    cli = town
    code = submit(cli, "关于某事的建议")
    cli.fails("proposal", "reply", code, "--result", "A", "--date", "2017-02-01")  # not assigned
    cli.fails("proposal", "assign", code, "--unit", "镇卫生院", "--date", "2017-01-05")  # before submission
    cli("proposal", "assign", code, "--unit", "镇卫生院", "--date", "2017-01-10")
    cli.fails("proposal", "assign", code, "--unit", "镇卫生院", "--date", "2017-01-11")  # twice
    cli.fails("proposal", "feedback", code, "满意", "--date", "2017-02-01")  # not replied
    cli.fails("proposal", "reply", code, "--result", "E", "--date", "2017-02-01", code=1)
    cli.fails("proposal", "reply", code, "--result", "A", "--date", "2017-01-09")  # before assignment
    cli("proposal", "reply", code, "--result", "A", "--date", "2017-02-01")
    cli.fails("proposal", "reply", code, "--result", "A", "--date", "2017-02-02")  # replied already
    cli.fails("proposal", "feedback", code, "很满意", "--date", "2017-02-03")
    cli.fails("proposal", "feedback", code, "满意", "--date", "2017-01-31")  # before the reply
    cli.fails("proposal", "show", "三届一次-999")


def test_motion_needs_five_deputies_joint_signature(town):
    cli = town
    result = cli.fails("proposal", "submit", "关于制定村规民约的议案", "--kind", "议案", "--lead", "丁一",
                       "--cosigners", "王二、邓三、阮四", "--meeting", "C3-1", "--date", "2017-01-06")
    assert "第二十二条" in result.stderr and "4" in result.stderr and "5" in result.stderr
    # the lead counts with the co-signers: 1 + 4 = 5 is enough (以上 includes five)
    code = submit(cli, "关于制定村规民约的议案", "--kind", "motion", "--cosigners", "王二;邓三；阮四、陈五")
    assert show(cli, code)["kind"] == "motion"
    # a motion belongs to a congress session
    result = cli.fails("proposal", "submit", "议案二", "--kind", "议案", "--lead", "丁一",
                       "--cosigners", "王二、邓三、阮四、陈五", "--date", "2017-03-01")
    assert "人民代表大会会议" in result.stderr
    cli.fails("proposal", "submit", "议案三", "--kind", "议案", "--lead", "丁一", "--cosigners", "王二、邓三、阮四、陈五",
              "--meeting", "P3-01", "--date", "2017-02-16")
    # the lead listed again, duplicates and unknown names are errors
    cli.fails("proposal", "submit", "议案四", "--kind", "议案", "--lead", "丁一", "--cosigners", "丁一、王二、邓三、阮四",
              "--meeting", "C3-1", "--date", "2017-01-06")
    cli.fails("proposal", "submit", "议案五", "--kind", "议案", "--lead", "丁一", "--cosigners", "王二、王二、邓三、阮四",
              "--meeting", "C3-1", "--date", "2017-01-06")
    result = cli.fails("proposal", "submit", "建议", "--lead", "无此人", "--date", "2017-03-01")
    assert "无此人" in result.stderr
    result = cli.fails("proposal", "submit", "建议", "--lead", "丁一", "--meeting", "C9-9", "--date", "2017-03-01")
    assert "C9-9" in result.stderr


def test_codes_per_session_and_per_year(town, db):
    cli = town
    # the session's ordinal counts every congress session of the term by date (extraordinary ones too)
    add_meeting(db, "C3-X", "2017-08-20")
    assert submit(cli, "建议庚", date="2017-08-20", meeting="C3-X") == "三届二次-001"
    assert submit(cli, "建议甲", date="2018-01-10", meeting="C3-2") == "三届三次-001"
    assert submit(cli, "建议乙", date="2017-05-01", meeting=None) == "2017-001"
    assert submit(cli, "建议丙", date="2017-06-01", meeting=None) == "2017-002"
    assert submit(cli, "建议丁", date="2018-06-01", meeting=None) == "2018-001"
    assert submit(cli, "建议戊", "--code", "自编-7", date="2018-06-02", meeting=None) == "自编-7"
    cli.fails("proposal", "submit", "建议己", "--lead", "丁一", "--code", "自编-7", "--date", "2018-06-03")


def test_departed_deputy_cannot_sign(town):
    cli = town
    cli("deputy", "end", "李七", "--status", "辞职", "--date", "2017-03-01")
    result = cli.fails("proposal", "submit", "建议", "--lead", "丁一", "--cosigners", "李七", "--date", "2017-05-01")
    assert "不在任" in result.stderr
    submit(cli, "建议", "--cosigners", "李七", date="2017-02-01", meeting=None)


@pytest.mark.parametrize("assigned, flags, due", [
    ("2017-01-20", [], "2017-04-20"),
    ("2021-11-30", [], "2022-02-28"),             # month end: no 30 February (民法典 第二百零二条)
    ("2023-11-30", [], "2024-02-29"),             # leap year
    ("2023-08-31", ["--complex"], "2024-02-29"),  # six months when complex
    ("2017-05-31", [], "2017-08-31"),
])
def test_due_date_follows_the_law(town, assigned, flags, due):
    cli = town
    code = submit(cli, "关于某事的建议", date="2017-01-06")
    cli("proposal", "assign", code, "--unit", "镇卫生院", "--date", assigned, *flags)
    assert show(cli, code)["due_on"] == due


def test_due_override_needs_a_reason_and_province_limits_apply(town):
    cli = town
    a, b = submit(cli, "建议一"), submit(cli, "建议二")
    result = cli.fails("proposal", "assign", a, "--unit", "县交通运输局", "--date", "2017-01-10", "--due", "2017-02-10")
    assert "--reason" in result.stderr and "2017-04-10" in result.stderr
    cli("proposal", "assign", a, "--unit", "县交通运输局", "--date", "2017-01-10", "--due", "2017-02-10",
        "--reason", "县里统一要求一个月内答复")
    p = show(cli, a)
    assert (p["due_on"], p["due_reason"]) == ("2017-02-10", "县里统一要求一个月内答复")
    cli("config", "proposal_reply_months", "2")
    cli("proposal", "assign", b, "--unit", "镇卫生院", "--date", "2017-01-10")
    assert show(cli, b)["due_on"] == "2017-03-10"


def test_unsatisfied_reopens_with_a_new_round_and_keeps_history(town):
    cli = town
    code = submit(cli, "关于整治灌溉渠系的建议")
    cli("proposal", "assign", code, "--unit", "镇农业服务中心", "--date", "2017-01-31")
    cli("proposal", "reply", code, "--result", "D", "--text", "留作参考。", "--date", "2017-03-01")
    out = cli("proposal", "feedback", code, "不满意", "--date", "2017-03-31").stdout
    assert "第2轮" in out and "2017-04-30" in out
    p = show(cli, code, as_of="2017-04-30")
    assert p["status"] == "rehandling" and p["round"] == 2 and p["due_on"] == "2017-04-30"
    assert show(cli, code, as_of="2017-05-01")["status"] == "overdue"
    assert [r["round"] for r in p["rounds"]] == [1, 2]
    assert p["rounds"][0]["feedback"] == "unsatisfied" and p["rounds"][0]["due_on"] == "2017-04-30"
    cli.fails("proposal", "close", code, "--date", "2017-04-01")  # still being handled again
    # overdue in the second round once its month has passed
    assert [r["code"] for r in cli.json("proposal", "overdue", "--as-of", "2017-05-01")] == [code]
    assert cli.json("proposal", "overdue", "--as-of", "2017-04-30") == []
    cli("proposal", "reply", code, "--result", "B", "--text", "已安排资金。", "--date", "2017-05-03")
    p = show(cli, code)
    assert p["status"] == "replied" and p["result"] == "B" and p["feedback"] is None
    assert "逾期 3 天" in [e["detail"] for e in p["timeline"] if e["event"] == "答复"][-1]
    cli("proposal", "feedback", code, "基本满意", "--date", "2017-05-10")
    cli("proposal", "close", code, "--date", "2017-05-10")
    p = show(cli, code)
    assert [e["event"] for e in p["timeline"]] == ["提出", "交办", "答复", "代表反馈", "第2轮办理", "答复", "代表反馈",
                                                  "办结"]
    # the figures: replied once the first answer came; satisfaction counts the latest feedback
    def stats(as_of):
        return cli.json("proposal", "stats", "--from", "2017-01-01", "--to", "2017-12-31", "--as-of", as_of)
    s = stats("2017-04-15")
    assert (s["replied"], s["satisfaction_rate"], s["implementation_rate"], s["overdue"]) == (1, 0.0, 0.0, 0)
    s = stats("2017-05-01")
    assert s["overdue"] == 1 and s["replied"] == 1
    s = stats("2017-06-01")
    assert (s["satisfaction_rate"], s["implementation_rate"], s["on_time_rate"], s["closed"]) == (1.0, 1.0, 1.0, 1)
    cli("config", "proposal_rehandle_months", "2")
    code2 = submit(cli, "另一件建议")
    cli("proposal", "assign", code2, "--unit", "镇卫生院", "--date", "2017-01-10")
    cli("proposal", "reply", code2, "--result", "C", "--date", "2017-02-10")
    cli("proposal", "feedback", code2, "unsatisfied", "--date", "2017-12-31")
    assert show(cli, code2)["due_on"] == "2018-02-28"


def test_overdue_due_within_and_strict_exit_codes(town):
    cli = town
    late, soon, later, done = (submit(cli, f"建议{i}") for i in "一二三四")
    cli("proposal", "assign", late, "--unit", "县交通运输局", "--date", "2017-01-10")   # due 04-10
    cli("proposal", "assign", soon, "--unit", "镇卫生院", "--date", "2017-02-01")      # due 05-01
    cli("proposal", "assign", later, "--unit", "镇卫生院", "--date", "2017-03-01")     # due 06-01
    cli("proposal", "assign", done, "--unit", "县交通运输局", "--date", "2017-01-10")
    cli("proposal", "reply", done, "--result", "A", "--date", "2017-04-12")            # replied two days late
    rows = cli.json("proposal", "overdue", "--as-of", "2017-04-20")
    assert [(r["code"], r["unit"], r["days_late"]) for r in rows] == [(late, "县交通运输局", 10)]
    assert cli.json("proposal", "overdue", "--as-of", "2017-04-10") == []  # due today is not late
    cli("proposal", "overdue", "--as-of", "2017-04-20", "--strict", expect=1)
    cli("proposal", "overdue", "--as-of", "2017-04-10", "--strict")
    rows = cli.json("proposal", "due", "--within", "14d", "--as-of", "2017-04-20")
    # one of 逾期天数 / 剩余天数, never both (an overdue one has no days left)
    assert [(r["code"], r["overdue"], r["days_late"], r["days_left"]) for r in rows] == [
        (late, True, 10, None), (soon, False, None, 11)]
    assert [r["code"] for r in cli.json("proposal", "due", "--within", "2w", "--as-of", "2017-04-17")] == [late, soon]
    cli("proposal", "due", "--within", "14d", "--as-of", "2017-04-20", "--strict", expect=1)
    cli("proposal", "due", "--within", "十天", "--as-of", "2017-04-20", expect=2)
    text = cli("proposal", "overdue", "--as-of", "2017-04-20").stdout
    assert "县交通运输局" in text and "10" in text and "按承办单位" in text
    assert [r["code"] for r in cli.json("proposal", "list", "--overdue", "--as-of", "2017-04-20")] == [late]
    assert "没有需要催办" in cli("proposal", "overdue", "--as-of", "2017-01-01").stdout
    # the domain check
    from rdtool.services.admin.checks import run_all
    from rdtool.store.opening import open_store

    store = open_store(cli.db)
    found = [f for f in run_all(store, "2017-04-20") if f["check"] == "proposal_overdue"]
    store.close()
    assert [(f["record"], "10 天" in f["message"], "县交通运输局" in f["message"]) for f in found] == [(late, True, True)]
    # closing (with a reason) stops the chase
    cli("proposal", "close", late, "--date", "2017-04-21", "--reason", "并入其他建议办理")
    assert cli.json("proposal", "overdue", "--as-of", "2017-04-22") == []
    assert [r["code"] for r in cli.json("proposal", "overdue", "--as-of", "2017-04-20")] == [late]


def test_every_rate_and_an_empty_period(town):
    cli = town
    codes = [submit(cli, f"建议{i}", "--category", "交通运输" if i < 3 else "教育卫生") for i in range(5)]
    motion = submit(cli, "议案", "--kind", "议案", "--cosigners", "王二、邓三、阮四、陈五")
    # 0: replied on time A, satisfied; 1: replied late C, basic; 2: replied on time B, unsatisfied (reopened)
    # 3: assigned, overdue; 4: not assigned; motion: handled as a suggestion, replied on time D, no feedback
    cli.fails("proposal", "assign", motion, "--unit", "镇卫生院", "--date", "2017-01-10")  # the presidium decides first
    cli("proposal", "decide", motion, "作为建议办理", "--meeting", "P3-01", "--unit", "镇卫生院")
    assert show(cli, motion)["assigned_on"] == "2017-02-16"
    for c in codes[:4]:
        cli("proposal", "assign", c, "--unit", "镇卫生院" if c != codes[3] else "县交通运输局", "--date", "2017-01-10")
    cli("proposal", "reply", codes[0], "--result", "A", "--date", "2017-02-01")
    cli("proposal", "feedback", codes[0], "满意", "--date", "2017-02-05")
    cli("proposal", "close", codes[0], "--date", "2017-02-06")
    cli("proposal", "reply", codes[1], "--result", "C", "--date", "2017-04-11")
    cli("proposal", "feedback", codes[1], "基本满意", "--date", "2017-04-12")
    cli("proposal", "reply", codes[2], "--result", "B", "--date", "2017-03-01")
    cli("proposal", "feedback", codes[2], "不满意", "--date", "2017-03-05")
    cli("proposal", "reply", motion, "--result", "D", "--date", "2017-03-01")
    s = cli.json("proposal", "stats", "--from", "2017-01-01", "--to", "2017-12-31", "--as-of", "2017-05-01")
    # the cohort handled by units: 5 suggestions + the motion handled as one; on time: 0, 2, motion (3) of the
    # answered (4) and the unanswered past their first due date (codes[3]): 3/5
    assert s == {"received": 6, "motions": 1, "suggestions": 5, "motions_on_agenda": 0, "motions_as_suggestions": 1,
                 "assigned": 5, "replied": 4, "closed": 1, "overdue": 2, "reply_rate": 4 / 6, "on_time_rate": 3 / 5,
                 "satisfaction_rate": 2 / 3, "implementation_rate": 2 / 4}
    # codes[2]'s second round (due 04-05, unanswered) is overdue from 04-06; codes[3] (due 04-10) from 04-11
    assert cli.json("proposal", "stats", "--year", "2017", "--as-of", "2017-04-05")["overdue"] == 0
    assert cli.json("proposal", "stats", "--year", "2017", "--as-of", "2017-04-06")["overdue"] == 1
    # judged earlier, fewer states are known
    s = cli.json("proposal", "stats", "--term", "3", "--as-of", "2017-01-09")
    assert (s["received"], s["assigned"], s["replied"], s["reply_rate"], s["on_time_rate"]) == (6, 0, 0, 0.0, None)
    by_unit = {r["unit"]: r for r in cli.json("proposal", "stats", "--year", "2017", "--as-of", "2017-05-01",
                                              "--by", "unit")}
    assert by_unit["县交通运输局"]["overdue"] == 1 and by_unit["县交通运输局"]["reply_rate"] == 0.0
    assert by_unit[None]["received"] == 1 and by_unit["镇卫生院"]["received"] == 4
    by_cat = {r["category"]: r["received"] for r in cli.json("proposal", "stats", "--year", "2017", "--by", "category")}
    assert by_cat == {"交通运输": 3, "教育卫生": 2, None: 1}
    empty = cli.json("proposal", "stats", "--from", "2019-01-01", "--to", "2019-12-31", "--as-of", "2020-01-01")
    assert empty["received"] == 0 and all(empty[k] is None for k in ("reply_rate", "on_time_rate",
                                                                      "satisfaction_rate", "implementation_rate"))
    assert cli.json("proposal", "stats", "--year", "2019", "--by", "unit") == []
    text = cli("proposal", "stats", "--year", "2017", "--as-of", "2017-05-01").stdout
    assert "答复率" in text and "66.7%" in text
    assert "答复率" in cli("proposal", "stats", "--year", "2019").stdout
    cli("proposal", "stats", expect=2)
    cli("proposal", "stats", "--year", "2017", "--by", "town", expect=2)
    assert "年份 99999 不合理" in cli.fails("proposal", "stats", "--year", "99999", code=2).stderr
    cli.fails("proposal", "stats", "--from", "2017-12-31", "--to", "2017-01-01", code=2)
    cli.fails("proposal", "stats", "--term", "3", "--from", "2017-01-01", "--to", "2017-12-31", code=2)
    cli.fails("proposal", "stats", "--term", "9", code=1)


def test_figures_function_is_the_report_contract(town):
    cli = town
    submit(cli, "建议")
    from rdtool.services.proposals.views import figures
    from rdtool.store.opening import open_store
    from rdtool.store.report_views import CONTRACT_KEYS

    store = open_store(cli.db)
    data = figures(store, "2017-01-01", "2017-12-31", "2017-12-31")
    grouped = figures(store, "2017-01-01", "2017-12-31", "2017-12-31", group_by="unit")
    store.close()
    assert tuple(data) == CONTRACT_KEYS["proposals"] == (
        "received", "motions", "suggestions", "motions_on_agenda", "motions_as_suggestions", "assigned", "replied",
        "closed", "overdue", "reply_rate", "on_time_rate", "satisfaction_rate", "implementation_rate")
    assert grouped == [{"unit": None, **data}]


def test_search_finds_chinese_words_of_two_three_and_four_characters(town):
    cli = town
    bridge = submit(cli, "关于修缮新华村便民桥的建议", "--body", "桥面破损，汛期存在安全隐患。建议尽快维修加固。")
    care = submit(cli, "关于建设互助养老服务点的建议", "--body", "留守老人较多，日常照料困难。")
    water = submit(cli, "关于整治灌溉渠系的建议", "--body", "渠道淤塞，影响春耕用水，也影响养老院用水。")
    assert [r["code"] for r in cli.json("proposal", "search", "便民桥")] == [bridge]        # 3, in a title
    assert [r["code"] for r in cli.json("proposal", "search", "安全隐患")] == [bridge]      # 4, in a body
    assert [r["code"] for r in cli.json("proposal", "search", "照料")] == [care]            # 2, in a body
    assert [r["code"] for r in cli.json("proposal", "search", "渠系")] == [water]           # 2, in a title
    assert [r["code"] for r in cli.json("proposal", "search", "春耕用水")] == [water]
    # ranked: a title hit before a body hit
    assert [r["code"] for r in cli.json("proposal", "search", "养老")] == [care, water]
    assert [r["code"] for r in cli.json("proposal", "search", "互助养老")] == [care]
    # several words must all occur
    assert [r["code"] for r in cli.json("proposal", "search", "养老", "春耕")] == [water]
    assert cli.json("proposal", "search", "高速公路") == []
    hit = cli.json("proposal", "search", "安全隐患")[0]
    assert "【安全隐患】" in hit["snippet"]
    assert "【照料】" in cli.json("proposal", "search", "照料")[0]["snippet"]
    assert "便民桥" in cli("proposal", "search", "便民桥").stdout


def test_search_finds_people_by_lead_and_cosigner_names(town):
    cli = town
    bridge = submit(cli, "关于修缮便民桥的建议", "--cosigners", "王二、邓三", lead="丁一")
    lamp = submit(cli, "关于增设路灯的建议", "--cosigners", "陈五", lead="邓三")
    submit(cli, "关于整治渠系的建议", lead="阮四")
    assert [r["code"] for r in cli.json("proposal", "search", "王二")] == [bridge]           # a co-signer
    assert sorted(r["code"] for r in cli.json("proposal", "search", "邓三")) == sorted([bridge, lamp])
    assert [r["code"] for r in cli.json("proposal", "search", "邓三", "路灯")] == [lamp]     # a name and a word
    assert [r["code"] for r in cli.json("proposal", "search", "邓三", "便民桥")] == [bridge]  # FTS with a name
    hit = cli.json("proposal", "search", "陈五")[0]
    assert hit["snippet"] == "【陈五】附议" and hit["lead"] == "邓三"
    assert cli.json("proposal", "search", "郑六") == []  # a deputy who signed nothing
    assert "路灯" in cli("proposal", "search", "陈五").stdout


def test_deputy_show_lists_proposals_led_and_cosigned(town):
    cli = town
    a = submit(cli, "建议甲", "--cosigners", "王二", lead="丁一")
    b = submit(cli, "建议乙", "--cosigners", "丁一", lead="邓三")
    record = cli.json("deputy", "show", "丁一")
    assert [(p["code"], p["role"], p["status"]) for p in record["proposals"]] == [(a, "lead", "submitted"),
                                                                                  (b, "cosigner", "submitted")]
    text = cli("deputy", "show", "丁一").stdout
    assert "领衔和附议" in text and "附议" in text and "建议乙" in text
    assert [r["code"] for r in cli.json("proposal", "list", "--deputy", "王二")] == [a]


# --- the aggregate SQL against a plain reference, on random histories ---------------------------------

from datetime import date as _date, timedelta as _td  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402

_step = st.tuples(st.integers(0, 5),                      # how far the proposal got
                  st.lists(st.integers(1, 120), min_size=5, max_size=5),  # gaps between the steps (days)
                  st.sampled_from("ABCD"), st.sampled_from(["satisfied", "basic", "unsatisfied"]),
                  st.booleans())


def _reference(props: list[dict], as_of: str) -> dict:
    def on(x):
        return x is not None and x <= as_of

    rec = len(props)
    replied = [p for p in props if p["rounds"] and on(p["rounds"][0]["replied_on"])]
    on_time = [p for p in replied if p["rounds"][0]["replied_on"] <= p["rounds"][0]["due_on"]]
    late = [p for p in props if p["rounds"] and p["rounds"][0]["started_on"] <= as_of and p not in replied
            and p["rounds"][0]["due_on"] < as_of and not on(p["closed_on"])]
    fb = []
    impl = 0
    overdue = 0
    for p in props:
        given_fb = [r["feedback"] for r in p["rounds"] if on(r["feedback_on"])]
        if given_fb:
            fb.append(given_fb[-1])
        results = [r["result"] for r in p["rounds"] if on(r["replied_on"])]
        if results and results[-1] in "AB":
            impl += 1
        active = [r for r in p["rounds"] if r["started_on"] <= as_of]
        if active and not on(active[-1]["replied_on"]) and active[-1]["due_on"] < as_of and not on(p["closed_on"]):
            overdue += 1
    rate = lambda n, d: None if d == 0 else n / d  # noqa: E731
    return {"received": rec, "motions": 0, "suggestions": rec, "motions_on_agenda": 0, "motions_as_suggestions": 0,
            "assigned": sum(on(p["assigned_on"]) for p in props), "replied": len(replied),
            "closed": sum(on(p["closed_on"]) for p in props), "overdue": overdue,
            "reply_rate": rate(len(replied), rec), "on_time_rate": rate(len(on_time), len(replied) + len(late)),
            "satisfaction_rate": rate(sum(f in ("satisfied", "basic") for f in fb), len(fb)),
            "implementation_rate": rate(impl, len(replied))}


@pytest.mark.slow  # property
@settings(max_examples=15)
@given(st.lists(_step, min_size=0, max_size=6), st.integers(0, 500))
def test_figures_sql_agrees_with_a_plain_count(tmp_path_factory, histories, as_of_offset):
    from rdtool.services.proposals import proposals as svc
    from rdtool.services.proposals import handling as proposal_handling
    from rdtool.services.proposals import views as proposal_views
    from rdtool.store.opening import open_store
    from tests.helpers import Cli

    path = tmp_path_factory.mktemp("fig") / "f.db"
    cli = Cli(path)
    cli("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05", "--term-end", "2021-12-31")
    cli("deputy", "add", "丁一", "--gender", "男", "--level", "镇", "--term", "3")
    store = open_store(path)
    start = _date(2017, 2, 1)
    for i, (reach, gaps, result, opinion, second) in enumerate(histories):
        day = start + _td(days=i)
        code = svc.submit(store, {"kind": "suggestion", "title": f"建议{i}", "lead": "丁一",
                                  "submitted_on": day.isoformat()})["code"]
        steps = [("assign", lambda d: proposal_handling.assign(store, code, "镇卫生院", d)),
                 ("reply", lambda d: proposal_handling.reply(store, code, d, result, None)),
                 ("feedback", lambda d: proposal_handling.feedback(store, code, opinion, d)),
                 ("reply2", lambda d: proposal_handling.reply(store, code, d, "A" if second else "D", None)),
                 ("close", lambda d: proposal_handling.close(store, code, d, "测试"))]
        for n, (name, act) in enumerate(steps[:reach]):
            day += _td(days=gaps[n])
            if name == "reply2" and opinion != "unsatisfied":
                continue
            act(day.isoformat())
    as_of = (start + _td(days=as_of_offset)).isoformat()
    props = [proposal_views.show(store, r["code"]) for r in store.query("SELECT code FROM proposals")]
    assert proposal_views.figures(store, "2017-01-01", "2017-12-31", as_of) == _reference(props, as_of)
    store.close()


def test_submit_help_names_the_body_as_content_not_a_meeting_kind(cli):
    """`--body` is a proposal's 内容 here; vote list's --body (会议类别) shares the option name, not its placeholder."""
    shown = cli("proposal", "submit", "-h").stdout
    assert "--body <内容>" in shown and "<会议类别>" not in shown
