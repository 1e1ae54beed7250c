"""Deputies (组织法 第九条、第十四条第三款、第二十二条第二款; 代表法 2025 第六十二条)."""

import pytest

from rdtool.rules.deputies import (
    MOTION_MIN_SIGNERS,
    TERM_YEARS,
    extraordinary_session_request_ok,
    mandate_ends_for_absence,
    motion_signers_ok,
)
from rdtool.rules.majority import ImpossibleCounts


def test_constants():
    assert TERM_YEARS == 5
    assert MOTION_MIN_SIGNERS == 5


def test_motion_signers():
    assert not motion_signers_ok(4)
    assert motion_signers_ok(5)
    assert motion_signers_ok(12)
    with pytest.raises(ImpossibleCounts):
        motion_signers_ok(-1)


def test_mandate_ends_after_two_unexcused_absences():
    assert not mandate_ends_for_absence(0)
    assert not mandate_ends_for_absence(1)
    assert mandate_ends_for_absence(2)
    assert mandate_ends_for_absence(3)
    with pytest.raises(ImpossibleCounts):
        mandate_ends_for_absence(-1)


@pytest.mark.parametrize(
    "requesters,all_deputies,ok",
    [(17, 82, True), (16, 82, False), (2, 10, True), (1, 10, False), (9, 45, True), (8, 45, False)],
)
def test_extraordinary_session_one_fifth(requesters, all_deputies, ok):
    assert extraordinary_session_request_ok(requesters, all_deputies) is ok


def test_extraordinary_session_impossible():
    with pytest.raises(ImpossibleCounts):
        extraordinary_session_request_ok(83, 82)
    with pytest.raises(ImpossibleCounts):
        extraordinary_session_request_ok(0, 0)
    with pytest.raises(ImpossibleCounts):
        extraordinary_session_request_ok(-1, 82)


# --- ages (选举法 第三条 周岁), at day and at month precision (issue 15) ---------------------------------------

@pytest.mark.parametrize("birth,day,age", [
    ("1990-08-15", "2025-08-14", 34),   # the day before the birthday
    ("1990-08-15", "2025-08-15", 35),   # the birthday itself
    ("1990-02-28", "2024-02-29", 34),   # (a leap day is after the 28th)
    ("1990-08", "2025-07-31", 34),      # month only: not yet in the birth month
    ("1990-08", "2025-08-01", 35),      # from the first day of the birth month
    ("1990-08", "2025-12-31", 35),
    (None, "2025-01-01", None),
])
def test_age_on(birth, day, age):
    from rdtool.rules.deputies import age_on

    assert age_on(birth, day) == age


def test_age_bands_at_their_edges():
    from rdtool.rules.deputies import age_band

    assert [age_band(a) for a in (35, 36, 45, 46, 55, 56, None)] == [
        "35岁及以下", "36–45岁", "36–45岁", "46–55岁", "46–55岁", "56岁及以上", ""]


def test_births_agree():
    from rdtool.rules.deputies import births_agree

    assert births_agree("1979-08", "1979-08-15") and births_agree("1979-08-15", "1979-08")
    assert births_agree("1979-08-15", "1979-08-15") and births_agree(None, None)
    assert not births_agree("1979-08-15", "1979-08-16") and not births_agree("1979-08", "1979-09-01")
    assert not births_agree("1979-08", None)
