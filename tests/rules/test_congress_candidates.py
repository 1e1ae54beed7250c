"""Who may stand in a congress election (组织法 第十八条、第二十七条、第二十九条第二款和第三款、第三十条)."""

import pytest

from rdtool.rules.congress_candidates import (
    ImpossibleCounts,
    NotAllowed,
    check_additional_round,
    check_seats,
    contest_size_warnings,
    ranking_notes,
)

# --- contest sizes (组织法 第二十七条第一款) ------------------------------------------------


def test_principal_single_candidate_uncontested_ok():
    assert contest_size_warnings("principal", 1, 1) == []


def test_principal_one_extra_ok():
    assert contest_size_warnings("principal", 1, 2) == []


def test_principal_two_extra_warns():
    w = contest_size_warnings("principal", 1, 3)
    assert len(w) == 1 and "第二十七条第一款" in w[0]


def test_principal_no_candidate_and_more_seats_warn():
    assert any("少于应选名额" in m for m in contest_size_warnings("principal", 1, 0))
    assert any("应选名额应为1名" in m for m in contest_size_warnings("principal", 2, 3))


@pytest.mark.parametrize("seats,candidates,ok", [(4, 4, False), (4, 5, True), (4, 7, True), (4, 8, False), (1, 2, True), (2, 5, True), (2, 6, False)])
def test_vice_one_to_three_extra(seats, candidates, ok):
    assert (contest_size_warnings("vice", seats, candidates) == []) is ok


def test_vice_too_many_mentions_pre_election():
    assert "预选" in contest_size_warnings("vice", 4, 8)[0]


def test_member_has_no_legal_ratio():
    assert contest_size_warnings("member", 9, 9) == []
    assert contest_size_warnings("member", 9, 20) == []
    assert contest_size_warnings("member", 9, 8) != []  # arithmetic: cannot fill the seats


def test_by_election_may_be_uncontested():
    assert contest_size_warnings("vice", 1, 1, by_election=True) == []
    assert contest_size_warnings("principal", 1, 3, by_election=True) == []
    assert contest_size_warnings("vice", 2, 1, by_election=True) != []


def test_contest_size_bad_input():
    with pytest.raises(ValueError):
        contest_size_warnings("mayor", 1, 1)
    with pytest.raises(ImpossibleCounts):
        contest_size_warnings("vice", 0, 1)
    with pytest.raises(ImpossibleCounts):
        contest_size_warnings("vice", 1, -1)



# --- 副主席 one or two (组织法 第十八条第一款) ---------------------------------------------------------


def test_one_or_two_vice_chairs():
    check_seats("vice_chair", 1)
    check_seats("vice_chair", 2)
    with pytest.raises(NotAllowed, match="第十八条第一款"):
        check_seats("vice_chair", 3)


def test_the_cap_is_for_vice_chairs_only_and_a_parameter():
    check_seats("vice_head", 4)
    check_seats(None, 9)
    check_seats("vice_chair", 3, limit=3)
    with pytest.raises(NotAllowed):
        check_seats("vice_chair", 2, limit=1)


# --- 另行选举 (组织法 第二十九条第二款、第三款) --------------------------------------------------------


def test_additional_round_fills_only_the_missing_seats():
    check_additional_round(2, 2, ["甲", "乙", "丙"], ["丁"])
    check_additional_round(2, 1, ["甲", "乙"], [])  # fewer now, the rest later
    with pytest.raises(NotAllowed, match="尚缺1名，本轮应选2名"):
        check_additional_round(1, 2, ["甲", "乙", "丙"], [])


def test_additional_round_never_lists_someone_already_elected():
    with pytest.raises(NotAllowed, match="丁已在前一轮当选"):
        check_additional_round(1, 1, ["甲", "丁"], ["丁"])


def test_a_one_candidate_additional_round_of_a_vice_post_is_flagged():
    w = contest_size_warnings("vice", 1, 1, additional=True)
    assert len(w) == 1 and "第二十九条第二款、第三款" in w[0] and "另行选举也应差额选举" in w[0]
    assert contest_size_warnings("vice", 1, 2, additional=True) == []
    assert contest_size_warnings("vice", 1, 1) and "第二十九条" not in contest_size_warnings("vice", 1, 1)[0]


def test_a_one_candidate_additional_round_of_a_principal_post_is_lawful():
    assert contest_size_warnings("principal", 1, 1, additional=True) == []  # 第二十七条第一款: 等额 allowed


FIRST = {"甲": 60, "乙": 40, "丙": 38, "丁": 20}  # 甲 elected in the first round


def test_ranking_followed_draws_no_note():
    assert ranking_notes(["乙", "丙"], FIRST, ["甲"]) == []
    assert ranking_notes(["乙"], FIRST, ["甲"]) == []


def test_skipping_the_second_ranked_is_noted_not_refused():
    notes = ranking_notes(["乙", "丁"], FIRST, ["甲"])
    assert len(notes) == 1 and "未列入丙" in notes[0] and "另行提名" in notes[0] and "甲" not in notes[0].split("依次为")[1]
    assert "未列入乙" in ranking_notes(["丙"], FIRST, ["甲"])[0]


def test_a_renominated_list_draws_no_note():
    assert ranking_notes(["戊", "己"], FIRST, ["甲"]) == []  # nobody from the first round: 另行提名
    assert ranking_notes(["乙", "戊"], FIRST, ["甲"]) == []


def test_equal_first_round_votes_at_the_boundary():
    first = {"乙": 40, "丙": 40, "丁": 20}
    assert ranking_notes(["乙"], first, []) == []  # 丙 had as many, not more
    assert "未列入丙" in ranking_notes(["乙", "丁"], first, [])[0]
