"""What the congress's elections make of their winners (组织法 第十八条、第十九条; the 宪法宣誓 rules)."""

import pytest

from rdtool.rules.congress_offices import (
    ART_OATH_NATIONAL,
    Election,
    Membership,
    duties,
    oath_article,
    replay_roles,
    vice_chairs_on,
)


def test_duties_of_each_office():
    assert duties("chair") == duties("chair") and duties("chair").presidium_role == "chair"
    assert duties("chair").needs_deputy and duties("chair").takes_oath and duties("chair").single
    assert duties("vice_chair").presidium_role == "vice_chair" and not duties("vice_chair").single
    assert duties("member").needs_deputy and not duties("member").takes_oath
    assert duties("head").takes_oath and not duties("head").needs_deputy and duties("head").presidium_role is None
    assert duties("vice_head").takes_oath and not duties("vice_head").needs_deputy
    assert duties(None) == duties(None) and not duties(None).takes_oath and duties(None).presidium_role is None
    with pytest.raises(ValueError):
        duties("mayor")


def test_oath_article_by_province():
    assert "山东省实施宪法宣誓制度办法" in oath_article("山东") == oath_article("山东省")
    assert "第九条" in oath_article("重庆市")
    assert oath_article("national") == oath_article(None) == oath_article("广东") == ART_OATH_NATIONAL


def held(roles, day):
    return {(m.deputy_id, m.role) for m in roles if m.held_on(day)}


def E(contest, day, office, winners, members=None, by_election=False):
    return Election(contest, day, office, by_election, [(100 * contest + d, d) for d in winners], members or {})


def test_winners_become_presidium_members_from_the_election_date():
    roles = replay_roles([], [E(1, "2017-01-06", "member", [1, 2, 3])], {})
    assert held(roles, "2017-01-06") == {(1, "member"), (2, "member"), (3, "member")}
    assert held(roles, "2017-01-05") == set()
    assert {m.candidate_id for m in roles} == {101, 102, 103}


def test_a_role_already_held_is_not_repeated():
    typed = [Membership(1, "member", "2016-11-15")]
    roles = replay_roles(typed, [E(1, "2017-01-06", "member", [1, 2])], {})
    assert len([m for m in roles if m.deputy_id == 1]) == 1


def test_chair_elected_presidium_member_stays_chair_and_member_elected_chair_moves_up():
    members = {1: 101, 2: 102}
    member, chair = E(1, "2017-01-06", "member", [1, 2], members), E(2, "2017-01-06", "chair", [1], members)
    roles = replay_roles([], [member, chair], {})
    assert held(roles, "2017-01-07") == {(1, "chair"), (2, "member")}
    first = [m for m in roles if m.deputy_id == 1 and m.role == "member"][0]
    assert first.to_date == "2017-01-06" and first.ended_by == 2
    # the other order: chair first, then the presidium — the chair is not made a plain member
    roles = replay_roles([], [chair, member], {})
    assert held(roles, "2017-01-07") == {(1, "chair"), (2, "member")}


def test_a_new_chair_ends_the_predecessor_who_stays_a_member_if_elected_one():
    typed = [Membership(1, "chair", "2016-11-15"), Membership(2, "member", "2016-11-15")]
    roles = replay_roles(typed, [E(5, "2019-01-09", "chair", [2], {1: 99})], {})
    assert held(roles, "2019-01-10") == {(1, "member"), (2, "chair")}
    assert roles[0].to_date == "2019-01-09" and roles[0].ended_by == 5
    roles = replay_roles(typed, [E(5, "2019-01-09", "chair", [2], by_election=True)], {})
    assert held(roles, "2019-01-10") == {(2, "chair")}


def test_a_session_elects_its_presidium_as_a_body():
    typed = [Membership(1, "chair", "2016-11-15"), Membership(2, "vice_chair", "2016-11-15"),
             Membership(3, "member", "2016-11-15"), Membership(4, "member", "2016-11-15")]
    session = {3: 13, 5: 15}
    roles = replay_roles(typed, [E(2, "2018-01-10", "member", [3, 5], session)], {})
    assert held(roles, "2018-01-11") == {(1, "chair"), (2, "vice_chair"), (3, "member"), (5, "member")}
    # a 补选 of one member adds without replacing
    roles = replay_roles(typed, [E(2, "2018-01-10", "member", [5], {5: 15}, by_election=True)], {})
    assert held(roles, "2018-01-11") == {(1, "chair"), (2, "vice_chair"), (3, "member"), (4, "member"), (5, "member")}


def test_the_replay_is_the_same_however_often_it_runs():
    typed = [Membership(1, "chair", "2016-11-15", id=1), Membership(2, "member", "2016-11-15", id=2)]
    events = [E(5, "2019-01-09", "chair", [2])]
    once = replay_roles(typed, events, {})
    again = replay_roles([m for m in once if m.candidate_id is None], events, {})
    assert [vars(m) for m in again] == [vars(m) for m in once]
    # with the election gone, the role it ended is held again
    assert held(replay_roles([m for m in once if m.candidate_id is None], [], {}), "2019-01-10") == {
        (1, "chair"), (2, "member")}


def test_the_end_of_a_mandate_ends_an_elected_role():
    roles = replay_roles([], [E(1, "2017-01-06", "member", [1, 2])], {2: "2018-05-01"})
    assert held(roles, "2018-06-01") == {(1, "member")}
    typed = [Membership(1, "chair", "2016-11-15", "2018-03-01", ended_by=7)]
    assert replay_roles(typed, [], {1: "2018-03-01"})[0].to_date == "2018-03-01"
    assert replay_roles(typed, [], {})[0].to_date is None


def test_typed_roles_must_be_typed():
    with pytest.raises(ValueError):
        replay_roles([Membership(1, "member", "2017-01-01", candidate_id=3)], [], {})


def test_vice_chairs_on():
    roles = [Membership(1, "vice_chair", "2017-01-06"), Membership(2, "vice_chair", "2017-01-06", "2018-01-10"),
             Membership(3, "vice_chair", "2018-01-10"), Membership(4, "member", "2017-01-06")]
    assert vice_chairs_on(roles, "2017-06-01") == [1, 2]
    assert vice_chairs_on(roles, "2018-01-10") == [1, 3]  # the day one ends and the next begins
