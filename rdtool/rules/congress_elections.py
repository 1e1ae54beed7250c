"""Elections held by the township congress: 主席、副主席、乡镇长、副乡镇长、主席团成员.

Sources (cited by law and article; docs/rules.md lists every rule):

- 组织法 (2022) 第二十五条: "地方各级人民代表大会进行选举和通过决议，以全体代表的过半数通过。"
- 组织法 第二十七条第一款: 乡镇人大主席、人民政府正职 "候选人数可以多一人，进行差额选举；如果提名
  的候选人只有一人，也可以等额选举"; 副主席、人民政府副职 "候选人数应比应选人数多一人至三人"; if
  more are nominated than the 选举办法's 差额数, a 预选 decides the formal list.
- 组织法 第二十九条第一款: more winners with 过半数 than seats → 以得票多的当选; 票数相等不能确定当选人
  → 就票数相等的人再次投票. 第二款: fewer than seats → 不足的名额另行选举 (this session or the next).
  第三款: 另行选举 of vice posts again follows 第二十七条第一款's 差额.
- 组织法 第三十条: 补选 — candidates may exceed or equal the seats.
- Ballots: 选举法 (2020) 第四十四条 ("每次选举所投的票数，多于投票人数的无效…每一选票所选的人数，
  多于规定应选代表人数的作废"). 选举法 governs the election of deputies; 组织法 says nothing about
  ballots for the congress's own elections, and the township regulations repeat the same rule for
  them: 重庆市乡镇人民代表大会工作条例 第二十四条第二款、第三款 ("每次选举所收回的选票数…多于发出的
  选票数的选举无效"), 北京市乡、民族乡、镇人民代表大会组织条例 第二十五条第二款、第三款.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdtool.rules._counting import (
    STATUS_LABELS,
    CandidateResult,
    check_ballots,
    check_int,
    join_names,
    select,
    statuses,
)
from rdtool.rules.majority import ImpossibleCounts, at_least_two_thirds, min_more_than_half, min_two_thirds

__all__ = [
    "POST_KINDS",
    "CandidateResult",
    "RoundResult",
    "contest_size_warnings",
    "count_round",
    "tie_revote",
    "ballot_is_valid",
    "ImpossibleCounts",
]

POST_KINDS = ("principal", "vice", "member")

ART_CONTEST = "《地方各级人民代表大会和地方各级人民政府组织法》（2022）第二十七条第一款"
ART_COUNT = "《地方各级人民代表大会和地方各级人民政府组织法》（2022）第二十五条、第二十九条"
ART_BALLOTS = (
    "《全国人民代表大会和地方各级人民代表大会选举法》（2020）第四十四条；"
    "《重庆市乡镇人民代表大会工作条例》第二十四条"
)


def contest_size_warnings(post_kind: str, seats: int, candidates: int, by_election: bool = False) -> list[str]:
    """Warnings (Chinese) when the number of candidates does not fit the law; ``[]`` when it does.

    组织法 (2022) 第二十七条第一款:

    - ``'principal'`` (乡镇人大主席、乡长/镇长): "候选人数可以多一人，进行差额选举；如果提名的候选人
      只有一人，也可以等额选举". So with one seat, 1 candidate (等额) or 2 (差额) are both fine;
      3 or more draw a warning (more than one extra; the 选举办法 must reduce the list, by 预选
      if needed). A principal post has one seat: ``seats != 1`` draws a warning.
    - ``'vice'`` (副主席、副乡长/副镇长): "候选人数应比应选人数多一人至三人" — candidates − seats
      must be 1, 2 or 3. Fewer → not a 差额 election; more → a 预选 must set the formal list
      (第二十七条第一款 last sentence). The same 差额 applies to an 另行选举 of vice posts
      (第二十九条第三款). (组织法 第十八条 allows 副主席一人至二人; that cap is not checked here
      because ``'vice'`` also covers 副乡镇长.)
    - ``'member'`` (主席团成员, 组织法 第十九条): no law cited here sets a candidate ratio for the
      presidium, so there is no legal warning; only the arithmetic one below.

    ``by_election=True`` (补选, 组织法 第三十条: "候选人数可以多于应选人数，也可以同应选人数相等")
    lifts the ratio rules for every kind.

    For every kind, fewer candidates than seats draws a warning (the seats cannot all be filled;
    arithmetic, not a legal rule). Raises ``ImpossibleCounts`` for ``seats < 1`` or negative
    ``candidates``; ``ValueError`` for an unknown ``post_kind``.
    """
    if post_kind not in POST_KINDS:
        raise ValueError(f"未知的职务类别：{post_kind!r}（应为 principal、vice 或 member）")
    check_int("应选名额", seats)
    check_int("候选人数", candidates)
    if seats < 1:
        raise ImpossibleCounts(f"应选名额至少为1名，收到：{seats}")

    warnings: list[str] = []
    if candidates < seats:
        warnings.append(f"候选人{candidates}人，少于应选名额{seats}名，无法选满")
    if by_election:
        return warnings
    extra = candidates - seats
    if post_kind == "principal":
        if seats != 1:
            warnings.append(f"主席、乡镇长为正职，应选名额应为1名，收到{seats}名（{ART_CONTEST}）")
        if extra > 1:
            warnings.append(
                f"正职候选人{candidates}人，比应选名额多{extra}人；正职候选人数可以比应选人数多一人进行差额选举，"
                f"提名只有一人时也可以等额选举，超出的应按选举办法确定正式候选人（{ART_CONTEST}）"
            )
    elif post_kind == "vice":
        if extra == 0:
            warnings.append(
                f"副职候选人{candidates}人，未多于应选名额{seats}名；副职应差额选举，"
                f"候选人数应比应选人数多一人至三人（{ART_CONTEST}）"
            )
        elif extra > 3:
            warnings.append(
                f"副职候选人{candidates}人，比应选名额多{extra}人，超过三人；应当进行预选，"
                f"按选举办法规定的差额数确定正式候选人名单（{ART_CONTEST}）"
            )
    return warnings


def ballot_is_valid(marked: int, seats: int) -> bool:
    """A ballot naming more people than there are seats is invalid (作废); equal or fewer is valid.

    选举法 (2020) 第四十四条第二款: "每一选票所选的人数，多于规定应选代表人数的作废，等于或者少于规定
    应选代表人数的有效。" For the congress's own elections the same rule is in 重庆市乡镇人民代表大会
    工作条例 第二十四条第三款 and 北京市乡、民族乡、镇人民代表大会组织条例 第二十五条第三款.
    Raises ``ImpossibleCounts`` for negative ``marked`` or ``seats < 1``.
    """
    check_int("选票所选人数", marked)
    check_int("应选名额", seats)
    if seats < 1:
        raise ImpossibleCounts(f"应选名额至少为1名，收到：{seats}")
    return marked <= seats


@dataclass(frozen=True)
class RoundResult:
    """One round of an election by the township congress.

    ``elected``: winners, most votes first. ``tie``: candidates tied at the margin who must be
    voted on again for ``tie_seats`` seat(s) (组织法 第二十九条第一款). ``shortfall``: seats
    neither filled nor tied, to be filled by 另行选举 (第二十九条第二款); when ``void`` it is all
    seats and the round must be held again. ``candidates``: each candidate's line, most votes first.
    """

    void: bool
    elected: list[str]
    tie: list[str]
    shortfall: int
    explanation: str
    seats: int = 0
    tie_seats: int = 0
    all_deputies: int = 0
    required_votes: int = 0  # more than half of all deputies
    valid_ballots: int = 0
    candidates: list[CandidateResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    article: str = ART_COUNT

    @property
    def status(self) -> dict[str, str]:
        """Candidate name → status code (``elected``/``tie``/``not_elected``/``void``)."""
        return {c.name: c.status for c in self.candidates}


def count_round(
    seats: int,
    votes: dict[str, int],
    all_deputies: int,
    ballots_issued: int,
    ballots_returned: int,
    ballots_invalid: int = 0,
) -> RoundResult:
    """Count one round of an election by the township congress (主席、副主席、乡镇长、副乡镇长、主席团成员).

    - Void when more ballots are returned than issued (选举法 2020 第四十四条第一款; 重庆市乡镇人民代表
      大会工作条例 第二十四条第二款: "收回的选票数…多于发出的选票数的选举无效") — nobody is elected and
      the round must be held again.
    - A candidate is elected only with more than half of **all** deputies' votes, not of the ballots
      (组织法 2022 第二十五条 "以全体代表的过半数通过"; 第二十九条 "获得过半数选票").
    - More such candidates than seats → the most votes win; a tie at the margin for the last
      seat(s) is reported in ``tie`` for a re-vote among the tied (第二十九条第一款), never picked.
    - Fewer than seats → ``shortfall`` seats go to 另行选举 (第二十九条第二款).

    ``votes`` maps candidate (or written-in person, 组织法 第二十八条) to votes on valid ballots.
    ``all_deputies`` is the roster of deputies in office on the day. A warning (not a void) is
    added when fewer than two thirds of all deputies took ballots (组织法 第十四条第四款).

    Raises ``ImpossibleCounts`` for negative figures, ``seats < 1``, ``all_deputies <= 0``,
    more ballots issued than deputies, more invalid than returned ballots, one candidate with
    more votes than valid ballots, or more votes in all than valid ballots × seats.
    """
    check_int("全体代表人数", all_deputies)
    if all_deputies <= 0:
        raise ImpossibleCounts(f"全体代表人数必须大于0，收到：{all_deputies}")
    check_int("发出选票数", ballots_issued)
    if ballots_issued > all_deputies:
        raise ImpossibleCounts(f"发出选票{ballots_issued}张，多于全体代表{all_deputies}人")
    valid = check_ballots(seats, votes, ballots_returned, ballots_invalid)
    required = min_more_than_half(all_deputies)

    warnings: list[str] = []
    if not at_least_two_thirds(ballots_issued, all_deputies):
        warnings.append(
            f"发出选票{ballots_issued}张，不足全体代表{all_deputies}人的三分之二（至少{min_two_thirds(all_deputies)}人），"
            f"请核对会议是否达到法定人数（组织法第十四条第四款）"
        )

    head = (
        f"全体代表{all_deputies}人，当选须得票超过半数（至少{required}票）；"
        f"发出选票{ballots_issued}张，收回{ballots_returned}张，无效{ballots_invalid}张，有效{valid}张。"
    )
    if ballots_returned > ballots_issued:
        return RoundResult(
            void=True,
            elected=[],
            tie=[],
            shortfall=seats,
            explanation=head
            + f"收回选票{ballots_returned}张，多于发出选票{ballots_issued}张，本次选举无效，应重新投票。",
            seats=seats,
            all_deputies=all_deputies,
            required_votes=required,
            valid_ballots=valid,
            candidates=statuses(votes, set(), [], [], void=True),
            warnings=warnings,
            article=ART_BALLOTS,
        )

    qualified = [(n, v) for n, v in votes.items() if 2 * v > all_deputies]
    elected, tie, tie_seats = select(seats, qualified)
    shortfall = seats - len(elected) - tie_seats
    lines = statuses(votes, {n for n, _ in qualified}, elected, tie, void=False)

    parts = [head]
    for c in lines:
        why = "超过" if c.qualified else "未超过"
        label = STATUS_LABELS[c.status]
        if c.qualified and c.status == "not_elected":
            label = "得票少于当选人，未当选"
        parts.append(f"{c.name}得{c.votes}票，{why}全体代表半数，{label}；")
    summary = f"应选{seats}名，当选{len(elected)}名"
    if elected:
        summary += f"（{join_names(elected)}）"
    if tie:
        summary += f"；{join_names(tie)}均得{votes[tie[0]]}票，票数相等，须就此{len(tie)}人再次投票决定{tie_seats}个名额"
    if shortfall:
        summary += f"；尚缺{shortfall}名，不足的名额另行选举（组织法第二十九条第二款）"
    parts.append(summary + "。")
    return RoundResult(
        void=False,
        elected=elected,
        tie=tie,
        shortfall=shortfall,
        explanation="".join(parts),
        seats=seats,
        tie_seats=tie_seats,
        all_deputies=all_deputies,
        required_votes=required,
        valid_ballots=valid,
        candidates=lines,
        warnings=warnings,
    )


def tie_revote(seats: int, votes: dict[str, int]) -> tuple[list[str], list[str]]:
    """The re-vote among candidates tied at the margin: 以得票多的当选.

    组织法 (2022) 第二十九条第一款 (and 选举法 第四十五条第三款 for deputies): "如遇票数相等不能
    确定当选人时，应当就票数相等的人再次投票，以得票多的当选。" The tied already had the required
    majority, so only the ranking counts. Returns ``(elected, still_tied)``; a new tie is returned,
    never broken. Raises ``ImpossibleCounts`` for ``seats < 1`` or negative votes.
    """
    check_int("再次投票的名额", seats)
    if seats < 1:
        raise ImpossibleCounts(f"再次投票的名额至少为1名，收到：{seats}")
    for name, v in votes.items():
        check_int(f"{name}的得票数", v)
    elected, tie, _ = select(seats, list(votes.items()))
    return elected, tie
