"""Round 4's new commands tried as the secretary would (reviewer pass): each finding fixed at its cause, tested
through the real CLI on a real database."""

from __future__ import annotations

from tests.test_law_fourth_pass import TEN, roster
from tests.test_law_third_pass import init


def test_a_suspension_starting_before_one_already_recorded_is_refused(tmp_path):
    """代表法 第六十一条: one suspension at a time. A new, open suspension dated before a recorded one would cover
    it (two open suspensions, and resume would end only one of them)."""
    cli = init(tmp_path)
    roster(cli, TEN[:2])
    cli("deputy", "suspend", "甲一", "--ground", "羁押", "--date", "2022-03-01")
    out = cli.fails("deputy", "suspend", "甲一", "--ground", "羁押", "--date", "2022-02-01")
    assert "2022-03-01" in out.stderr and "重叠" in out.stderr
    cli("deputy", "resume", "甲一", "--date", "2022-04-01")
    cli.fails("deputy", "suspend", "甲一", "--ground", "服刑", "--date", "2022-03-31")  # inside the first
    cli("deputy", "suspend", "甲一", "--ground", "服刑", "--date", "2022-04-01")  # the day he resumed
    assert [s["started_on"] for s in cli.json("deputy", "suspensions")] == ["2022-03-01", "2022-04-01"]
