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


