"""Issue 26, what the fourth pass left: each new rule's boundaries, as pure functions."""

from __future__ import annotations

from rdtool.rules import suspensions as sus


def test_a_suspended_deputy_neither_attends_nor_signs():
    assert sus.may_sign(False) and not sus.may_sign(True)
    assert sus.may_attend(False) and not sus.may_attend(True)


def test_a_suspended_nominee_is_noted_not_barred():
    note = sus.nominee_note("乙一", "2022-01-01", from_deputies=True)
    assert "法律没有规定暂停期间不得被提名" in note and "组织法第十八条第一款" in note and "代表法第六十一条" in note
    assert "第十八条" not in sus.nominee_note("乙一", "2022-01-01", from_deputies=False)


def test_half_or_more_of_the_signers_may_ask_for_a_second_answer():
    from rdtool.rules import inquiries as inq

    assert inq.reanswer_ok(5, 10) and not inq.reanswer_ok(4, 10)  # 半数以上: half included
    assert inq.reanswer_ok(6, 11) and not inq.reanswer_ok(5, 11)
    assert not inq.reanswer_ok(0, 0)
    assert "尚未记录答复" in inq.reanswer_problem(5, 10, None, "2022-01-11")
    assert "早于答复日期" in inq.reanswer_problem(5, 10, "2022-01-11", "2022-01-10")
    assert inq.reanswer_problem(5, 10, "2022-01-11", "2022-01-11") is None
    assert "至少5人" in inq.reanswer_problem(4, 10, "2022-01-11", "2022-01-11")
    assert "早于要求" in inq.reanswer_problem(5, 10, "2022-01-11", "2022-01-12", "2022-01-11")
    assert inq.reanswer_problem(5, 10, "2022-01-11", "2022-01-12", "2022-01-12") is None


def test_voters_told_apart_as_the_voter_list_does():
    from rdtool.rules.proxy_votes import namesake_problem, voter_parts

    assert voter_parts("王芳(三组)") == ("王芳", "三组") and voter_parts("王芳") == ("王芳", "")
    assert namesake_problem("王芳", []) is None and namesake_problem("王芳", ["王芳"]) is None
    assert "是哪一位" in namesake_problem("王芳", ["王芳(三组)"])
    assert namesake_problem("王芳(五组)", ["王芳(三组)"]) is None  # two notes: two voters
    assert "未加区分" in namesake_problem("王芳(五组)", ["王芳"])
