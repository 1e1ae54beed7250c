"""Quorums and majorities (组织法 第十四条第四款、第二十五条; 浙江 第二十四条; 河南 第五条)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rdtool.rules.majority import (
    ImpossibleCounts,
    QuorumCheck,
    VoteOutcome,
    at_least_two_thirds,
    decide_vote,
    min_more_than_half,
    min_two_thirds,
    more_than_half,
    quorum,
)


@pytest.mark.parametrize("base,expected", [(1, 1), (2, 2), (9, 5), (10, 6), (82, 42), (0, 1)])
def test_min_more_than_half(base, expected):
    assert min_more_than_half(base) == expected


@pytest.mark.parametrize("base,expected", [(1, 1), (3, 2), (9, 6), (10, 7), (82, 55), (0, 0)])
def test_min_two_thirds(base, expected):
    assert min_two_thirds(base) == expected


def test_exactly_half_is_not_a_majority():
    assert not more_than_half(5, 10)
    assert more_than_half(6, 10)
    assert not more_than_half(41, 82)
    assert more_than_half(42, 82)
    assert not more_than_half(4, 9)
    assert more_than_half(5, 9)


def test_two_thirds_inclusive():
    assert at_least_two_thirds(6, 9)  # exactly 2/3
    assert not at_least_two_thirds(5, 9)
    assert at_least_two_thirds(7, 10)
    assert not at_least_two_thirds(6, 10)
    assert at_least_two_thirds(55, 82)
    assert not at_least_two_thirds(54, 82)


def test_min_helpers_reject_negative():
    with pytest.raises(ImpossibleCounts):
        min_more_than_half(-1)
    with pytest.raises(ImpossibleCounts):
        min_two_thirds(-1)


# --- congress -----------------------------------------------------------------------------


def test_congress_exactly_half_of_all_fails_even_if_most_present_agree():
    out = decide_vote("congress", entitled=82, present=70, yes=41, no=5)
    assert isinstance(out, VoteOutcome)
    assert out.result == "failed"
    assert out.required_yes == 42
    assert out.required_present == 55
    assert out.rule == "congress_two_thirds_quorum_all_majority"
    assert "第十四条第四款" in out.article and "第二十五条" in out.article
    assert out.explanation == "赞成41票，未超过全体代表82人的半数（至少42票），未通过"


def test_congress_half_plus_one_passes():
    out = decide_vote("congress", entitled=82, present=70, yes=42)
    assert out.result == "passed"
    assert out.explanation == "赞成42票，超过全体代表82人的半数（至少42票），通过"


def test_congress_exactly_two_thirds_present_is_quorum():
    out = decide_vote("congress", entitled=82, present=55, yes=50)
    assert out.result == "passed"
    out = decide_vote("congress", entitled=9, present=6, yes=5)
    assert out.result == "passed"


def test_congress_one_short_of_two_thirds_is_no_quorum():
    out = decide_vote("congress", entitled=82, present=54, yes=54)
    assert out.result == "no_quorum"
    assert out.explanation == "出席54人，不足全体代表82人的三分之二（至少55人），不足法定人数，不能表决"
    assert decide_vote("congress", entitled=9, present=5, yes=5).result == "no_quorum"
    assert decide_vote("congress", entitled=10, present=6, yes=6).result == "no_quorum"
    assert decide_vote("congress", entitled=10, present=7, yes=6).result == "passed"


def test_congress_even_base_10():
    assert decide_vote("congress", 10, 10, 5, 5).result == "failed"
    assert decide_vote("congress", 10, 10, 6, 4).result == "passed"


# --- presidium ----------------------------------------------------------------------------


def test_presidium_two_majorities_odd_base():
    out = decide_vote("presidium", entitled=9, present=9, yes=7, no=2)
    assert out.result == "passed"
    assert out.rule == "presidium_two_majorities"
    assert "法律未规定" in out.article and "浙江" not in out.article  # no province given: the national default
    zj = decide_vote("presidium", 9, 9, 7, presidium_article="《浙江省乡镇人民代表大会工作条例》第二十四条第二款、第三款")
    assert zj.article == "《浙江省乡镇人民代表大会工作条例》第二十四条第二款、第三款" and zj.result == "passed"
    assert out.explanation == "赞成7票，超过主席团全体成员9人的半数（至少5票），通过"
    assert decide_vote("presidium", 9, 5, 5).result == "passed"  # quorum 5, yes 5 of all 9
    assert decide_vote("presidium", 9, 8, 4, 4).result == "failed"


def test_presidium_majority_is_of_all_members_not_present():
    # 5 present of 9: quorum met; 4 yes is a majority of those present but not of all members.
    out = decide_vote("presidium", entitled=9, present=5, yes=4, no=1)
    assert out.result == "failed"


def test_presidium_quorum_more_than_half():
    out = decide_vote("presidium", entitled=9, present=4, yes=4)
    assert out.result == "no_quorum"
    assert out.required_present == 5
    assert "未超过主席团全体成员9人的半数（至少5人）" in out.explanation
    assert decide_vote("presidium", 10, 5, 5).result == "no_quorum"  # exactly half present
    assert decide_vote("presidium", 10, 6, 6).result == "passed"
    assert decide_vote("presidium", 10, 6, 5).result == "failed"  # exactly half of all


def test_presidium_two_thirds_profile():
    out = decide_vote("presidium", entitled=9, present=5, yes=5, presidium_quorum="two_thirds")
    assert out.result == "no_quorum"
    assert out.rule == "presidium_two_thirds_quorum_all_majority"
    assert out.required_present == 6
    out = decide_vote("presidium", entitled=9, present=6, yes=5, presidium_quorum="two_thirds")
    assert out.result == "passed"


# --- other --------------------------------------------------------------------------------


def test_other_majority_of_present():
    out = decide_vote("other", entitled=20, present=11, yes=6)
    assert out.result == "passed"
    assert out.rule == "other_present_majority"
    assert out.required_yes == 6
    assert decide_vote("other", 20, 12, 6).result == "failed"  # exactly half of present
    assert decide_vote("other", 20, 10, 10).result == "no_quorum"  # exactly half present


# --- quorum() -----------------------------------------------------------------------------


def test_quorum_check_fields():
    q = quorum("congress", 82, 55)
    assert isinstance(q, QuorumCheck)
    assert (q.met, q.required, q.margin) == (True, 55, 0)
    assert q.rule == "congress_two_thirds_quorum"
    q = quorum("congress", 82, 54)
    assert (q.met, q.margin) == (False, -1)
    q = quorum("presidium", 10, 5)
    assert (q.met, q.required, q.margin, q.rule) == (False, 6, -1, "presidium_half_quorum")
    q = quorum("presidium", 10, 7, presidium_quorum="two_thirds")
    assert (q.met, q.required, q.rule) == (True, 7, "presidium_two_thirds_quorum")
    assert quorum("other", 10, 6).met


# --- impossible counts --------------------------------------------------------------------


@pytest.mark.parametrize(
    "args,fragment",
    [
        (dict(entitled=9, present=10, yes=5), "出席人数10人多于应到人数9人"),
        (dict(entitled=0, present=0, yes=0), "应到人数必须大于0"),
        (dict(entitled=9, present=9, yes=-1), "赞成票不能为负数"),
        (dict(entitled=9, present=-1, yes=0), "出席人数不能为负数"),
        (dict(entitled=9, present=8, yes=5, no=3, abstain=1), "多于出席人数8人"),
        (dict(entitled=9, present=8, yes=5, not_voting=4), "未按表决器4"),
    ],
)
def test_impossible_counts(args, fragment):
    with pytest.raises(ImpossibleCounts) as exc:
        decide_vote("presidium", **args)
    assert fragment in str(exc.value)
    assert isinstance(exc.value, ValueError)


def test_unknown_body_or_profile():
    with pytest.raises(ValueError):
        decide_vote("committee", 9, 9, 5)
    with pytest.raises(ValueError):
        decide_vote("presidium", 9, 9, 5, presidium_quorum="three_quarters")


# --- properties ---------------------------------------------------------------------------


@st.composite
def vote_counts(draw):
    entitled = draw(st.integers(min_value=1, max_value=200))
    present = draw(st.integers(min_value=0, max_value=entitled))
    yes = draw(st.integers(min_value=0, max_value=present))
    no = draw(st.integers(min_value=0, max_value=present - yes))
    return entitled, present, yes, no


@settings(max_examples=200)
@given(vote_counts(), st.sampled_from(["congress", "presidium"]))
def test_never_passes_without_majority_of_all(counts, body):
    entitled, present, yes, no = counts
    out = decide_vote(body, entitled, present, yes, no)
    if yes * 2 <= entitled:
        assert out.result != "passed"
    if out.result == "passed":
        assert yes >= out.required_yes and present >= out.required_present


@settings(max_examples=200)
@given(vote_counts())
def test_congress_result_matches_integer_rule(counts):
    entitled, present, yes, no = counts
    out = decide_vote("congress", entitled, present, yes, no)
    if 3 * present < 2 * entitled:
        assert out.result == "no_quorum"
    elif 2 * yes > entitled:
        assert out.result == "passed"
    else:
        assert out.result == "failed"


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10_000))
def test_thresholds_are_minimal(base):
    h = min_more_than_half(base)
    assert more_than_half(h, base) and not more_than_half(h - 1, base)
    t = min_two_thirds(base)
    assert at_least_two_thirds(t, base) and (t == 0 or not at_least_two_thirds(t - 1, base))
