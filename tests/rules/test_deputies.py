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
