"""Issue 26 (the law, third pass): each rule's boundaries, as pure functions."""

from __future__ import annotations

from datetime import date

from rdtool.rules.deadlines import reply_due, reply_start
from rdtool.rules.deputies import motion_date_problem, motion_signer_count, motion_signers_ok
from rdtool.rules.provinces import PROFILES


# --- 组织法 第二十二条第二款: township deputies only ------------------------------------------------------

def test_only_township_deputies_count_towards_a_motion():
    assert motion_signer_count(["township"] * 4 + ["county"]) == 4
    assert not motion_signers_ok(motion_signer_count(["township"] * 4 + ["county"]))
    assert motion_signers_ok(motion_signer_count(["township"] * 5 + ["county"]))
    assert motion_signer_count([]) == 0


# --- motions before the session: 山东 第十四条第二款, 重庆 第十四条第四款 ------------------------------------

def test_motion_before_the_session_only_where_the_province_allows_it():
    assert motion_date_problem("2024-01-10", "2024-01-10", False) is None  # the opening day
    assert motion_date_problem("2024-01-09", "2024-01-10", False) == "before"
    assert motion_date_problem("2024-01-07", "2024-01-10", True) is None
    assert motion_date_problem("2024-01-07", "2024-01-10", True, previous_end="2023-07-01") is None
    assert motion_date_problem("2023-07-02", "2024-01-10", True, previous_end="2023-07-01") is None  # day after
    assert motion_date_problem("2023-07-01", "2024-01-10", True, previous_end="2023-07-01") == "before_previous"


def test_profiles_that_allow_motions_before_the_session():
    allowed = {code for code, p in PROFILES.items() if p.motions_before.value}
    assert allowed == {"shandong", "chongqing"}
    assert "第十四条第二款" in PROFILES["shandong"].motions_before.article
    assert "第十四条第四款" in PROFILES["chongqing"].motions_before.article


# --- 山东 第十五条: from the session's closing day ---------------------------------------------------------

def test_reply_start_from_the_close_of_the_session_in_shandong():
    assigned, closed = date(2024, 1, 25), date(2024, 1, 12)
    assert reply_start(assigned, closed, "session_close") == closed
    assert reply_start(assigned, None, "session_close") == assigned  # made in recess: from 交办
    assert reply_start(assigned, closed, "assigned") == assigned
    assert reply_due(reply_start(assigned, closed, "session_close"), False, 2, 4) == date(2024, 3, 12)
    assert reply_due(reply_start(assigned, closed, "session_close"), True, 2, 4) == date(2024, 5, 12)
    assert PROFILES["shandong"].reply_from.value == "session_close"
    assert {p.reply_from.value for c, p in PROFILES.items() if c != "shandong"} == {"assigned"}


# --- accepting a resignation: 组织法 第三十二条第二款; 重庆 第三十二条第十项 ----------------------------------------

def test_township_post_of_a_position():
    from rdtool.rules.mandates import township_post_of

    assert township_post_of("三川镇副镇长") == "副镇长"
    assert township_post_of("镇长") == "镇长"
    assert township_post_of("镇人大主席") == "主席" and township_post_of("副主席") == "副主席"
    assert township_post_of("镇总工会主席") is None
    assert township_post_of("镇村镇建设办主任") is None


def test_who_may_accept_a_resignation():
    from rdtool.rules.mandates import resignation_body_problem as p

    assert p("副镇长", "congress", True, False) is None
    assert p(None, "presidium", False, False) is None  # not a post the congress elects
    assert "第三十二条第二款" in p("副镇长", "presidium", False, False)
    assert p("副镇长", "presidium", False, True, "重庆") is None  # in recess, where the province allows it
    assert "闭会期间" in p("副镇长", "presidium", True, True, "重庆")
    assert "没有会议" in p("镇长", None, False, True)


# --- 北京 by-election lead times: 细则 第六十一条、第六十三条 ---------------------------------------------------

def test_beijing_by_election_lead_times():
    from rdtool.rules.by_elections import by_election_lead_time_warnings as w

    day = date(2017, 9, 16)
    assert w("beijing", day, {"registration_on": date(2017, 9, 1)}) == []  # 15 days
    assert "第六十一条" in w("beijing", day, {"registration_on": date(2017, 9, 2)})[0]
    assert w("beijing", day, {"candidates_on": date(2017, 9, 11)}) == []  # 5 days
    assert "五日" not in w("beijing", day, {"candidates_on": date(2017, 9, 12)})[0]
    assert w("beijing", day, {"final_list_on": date(2017, 9, 13)}) == []  # 3 days
    assert "第六十三条" in w("beijing", day, {"final_list_on": date(2017, 9, 14)})[0]
    assert "晚于投票日" in w("beijing", day, {"final_list_on": date(2017, 9, 17)})[0]
    assert w("national", day, {"registration_on": date(2017, 9, 15)}) == []
    assert w("beijing", day, {"registration_on": None}) == []


# --- 选举法 第四条: eighteen on election day -------------------------------------------------------------------

def test_eighteen_on_election_day():
    from rdtool.rules.deputies import under_age_problem as p

    assert p("1998-11-15", "2016-11-15") is None  # the eighteenth birthday itself
    assert "17周岁" in p("1998-11-16", "2016-11-15")
    assert "第四条" in p("2010-03-01", "2021-11-20")
    assert p("1998-11", "2016-11-15") is None and p("1998-12", "2016-11-15") is not None  # a month only
    assert p(None, "2016-11-15") is None and p("2010-01-01", None) is None


# --- 选举法 第四十七条第二款: credentials before the first session ------------------------------------------------

def test_credentials_before_the_first_session():
    from rdtool.rules.direct_elections import credentials_late_problem as p

    assert p("2016-12-05", "2016-12-06") is None
    assert p("2016-12-06", "2016-12-06") is None  # that day, before the session opens
    assert "第四十七条第二款" in p("2016-12-07", "2016-12-06")
    assert p("2017-05-01", None) is None


# --- incompatible posts: 组织法 第十八条第二款; 重庆 第三十条第三款, 浙江 第三十八条, 河南 第二条第四款 -------------------

def test_incompatible_posts():
    from rdtool.rules.congress_offices import incompatible_post_problem as p

    assert "第十八条第二款" in p("chair", "镇长", False, "")
    assert "辞去副主席职务" in p("vice_chair", "副乡长", False, "")
    assert p("member", "副镇长", False, "") is None  # nationally only the chair and vice-chairs
    assert "浙江" in p("member", "副镇长", True, "浙江第三十八条")
    assert p("chair", "镇村镇建设办主任", True, "") is None and p(None, "镇长", True, "") is None
    assert {c for c, pr in PROFILES.items() if pr.incompatible.value == "members"} == {"zhejiang", "henan", "chongqing"}


def test_term_length():
    from rdtool.rules.deputies import term_length_warning as w

    assert w("2017-01-05", "2022-03-05") is None  # five years and two months
    assert "第九条" in w("2017-01-05", "2022-03-06")
    assert w("2017-01-05", "2021-12-20") is None


def test_oath_timing():
    from rdtool.rules.congress_offices import oath_timing_warning as w

    assert w("beijing", "appoint", "2017-01-06", "2017-02-05", None) is None  # 30 days
    assert "第十三条" in w("beijing", "appoint", "2017-01-06", "2017-02-06", None)
    assert w("chongqing", "elect", "2017-01-06", "2017-01-08", "2017-01-08") is None  # the closing day
    assert "第九条第一款" in w("chongqing", "elect", "2017-01-06", "2017-01-09", "2017-01-08")
    assert w("chongqing", "appoint", "2017-01-06", "2017-03-09", None) is None
    assert w("national", "elect", "2017-01-06", "2018-01-09", "2017-01-08") is None


# --- 交办 lead times: 上海 规定 第十一条 (seven working days), 山东 条例 第十条 (five days) --------------------------

def test_assign_lead_times():
    from rdtool.rules.deadlines import ASSIGN_LIMITS, assign_due

    # received Wednesday 2024-03-06: seven working days → Friday 2024-03-15 (weekend skipped)
    assert assign_due(date(2024, 3, 6), 7, True) == date(2024, 3, 15)
    # received Friday 2024-03-08: the day itself not counted → Tuesday 2024-03-19
    assert assign_due(date(2024, 3, 8), 7, True) == date(2024, 3, 19)
    # five days from Monday 2024-03-04 → Saturday 03-09 → ends Monday 03-11 (民法典 第二百零三条)
    assert assign_due(date(2024, 3, 4), 5, False) == date(2024, 3, 11)
    assert assign_due(date(2024, 3, 5), 5, False) == date(2024, 3, 11)  # Sunday → Monday
    assert assign_due(date(2024, 3, 6), 5, False) == date(2024, 3, 11)  # a Monday itself
    assert set(ASSIGN_LIMITS) == {"shanghai", "shandong"}


def test_henan_presidium_meeting_request():
    from rdtool.rules.term_calendar import presidium_request_problem as p

    assert p(3, 9, 3, "河南") is None
    assert "不足3人" in p(2, 9, 3, "河南")
    assert "多于" in p(10, 9, 3, "河南")
    assert p(3, 0, 3) is None  # the presidium not recorded: the count alone
    assert "河南" in p(5, 9, None)
    assert PROFILES["henan"].presidium_request.value == 3
    assert {c for c, pr in PROFILES.items() if pr.presidium_request.value} == {"henan"}
