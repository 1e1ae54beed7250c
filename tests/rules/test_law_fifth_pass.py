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
