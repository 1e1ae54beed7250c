"""Shared counting helpers for congress and direct elections (internal)."""

from __future__ import annotations

from dataclasses import dataclass

from rdtool.rules.majority import ImpossibleCounts


@dataclass(frozen=True)
class CandidateResult:
    """One candidate's line in a round: votes, whether the threshold was reached, and status.

    ``status`` is one of ``'elected'`` (当选), ``'tie'`` (票数相等，须再次投票),
    ``'not_elected'`` (未当选) or ``'void'`` (本轮选举无效，未计).
    """

    name: str
    votes: int
    qualified: bool  # reached the legal threshold (过半数, or 1/3 in a 另行选举 of deputies)
    status: str


STATUS_LABELS = {
    "elected": "当选",
    "tie": "票数相等，须再次投票",
    "not_elected": "未当选",
    "void": "本轮无效",
}


def check_int(label: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ImpossibleCounts(f"{label}必须是整数，收到：{value!r}")
    if value < 0:
        raise ImpossibleCounts(f"{label}不能为负数：{value}")
    return value


def check_ballots(
    seats: int,
    votes: dict[str, int],
    ballots_returned: int,
    ballots_invalid: int,
) -> int:
    """Validate seats, vote counts and ballots; return the number of valid ballots."""
    check_int("应选名额", seats)
    if seats < 1:
        raise ImpossibleCounts(f"应选名额至少为1名，收到：{seats}")
    check_int("收回选票数", ballots_returned)
    check_int("无效票数", ballots_invalid)
    if ballots_invalid > ballots_returned:
        raise ImpossibleCounts(f"无效票{ballots_invalid}张，多于收回选票{ballots_returned}张")
    valid = ballots_returned - ballots_invalid
    for name, v in votes.items():
        if not isinstance(name, str) or not name.strip():
            raise ImpossibleCounts(f"候选人姓名不能为空：{name!r}")
        check_int(f"{name}的得票数", v)
        if v > valid:
            raise ImpossibleCounts(f"{name}得{v}票，多于有效选票{valid}张")
    total = sum(votes.values())
    if total > valid * seats:
        raise ImpossibleCounts(
            f"各候选人得票合计{total}票，多于有效选票{valid}张×应选名额{seats}名={valid * seats}票"
        )
    return valid


def select(seats: int, qualified: list[tuple[str, int]]) -> tuple[list[str], list[str], int]:
    """From the candidates who reached the threshold, pick winners by most votes.

    Returns ``(elected, tie, tie_seats)``: when more qualify than there are seats the most
    votes win; candidates tied at the margin for the last seat(s) are returned in ``tie`` with
    the number of seats they contend for (``tie_seats``) — never a silent pick.
    """
    ordered = sorted(qualified, key=lambda nv: -nv[1])  # stable: input order among equals
    if len(ordered) <= seats:
        return [n for n, _ in ordered], [], 0
    cutoff = ordered[seats - 1][1]
    above = [n for n, v in ordered if v > cutoff]
    at = [n for n, v in ordered if v == cutoff]
    if len(above) + len(at) <= seats:
        return above + at, [], 0
    return above, at, seats - len(above)


def statuses(
    votes: dict[str, int], qualified: set[str], elected: list[str], tie: list[str], void: bool
) -> list[CandidateResult]:
    out = []
    for name, v in sorted(votes.items(), key=lambda nv: -nv[1]):
        if void:
            status = "void"
        elif name in elected:
            status = "elected"
        elif name in tie:
            status = "tie"
        else:
            status = "not_elected"
        out.append(CandidateResult(name=name, votes=v, qualified=name in qualified and not void, status=status))
    return out


def join_names(names: list[str]) -> str:
    return "、".join(names)
