"""Elections held by the township congress: 主席、副主席、乡镇长、副乡镇长、主席团成员.

Sources (cited by law and article; docs/rules.md lists every rule):

- 组织法 (2022) 第二十五条: "地方各级人民代表大会进行选举和通过决议，以全体代表的过半数通过。"
- 组织法 第二十九条第一款: more winners with 过半数 than seats → 以得票多的当选; 票数相等不能确定当选人
  → 就票数相等的人再次投票，以得票多的当选. 第二款: fewer than seats → 不足的名额另行选举 (this session or
  the next). Who may stand (第二十七条's 差额, the 另行选举 list, 副主席 one or two) is in
  `rdtool.rules.congress_candidates`.
- 组织法 第十四条第四款: a session needs two thirds or more of the deputies present ("始得举行"); a session
  without that quorum cannot elect.
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
from rdtool.rules.congress_candidates import NotAllowed
from rdtool.rules.majority import (
    ImpossibleCounts,
    at_least_two_thirds,
    min_more_than_half,
    min_two_thirds,
    quorum,
)

__all__ = [
    "STAGES",
    "CandidateResult",
    "RoundResult",
    "NotAllowed",
    "count_round",
    "count_revote",
    "next_stage",
    "tie_revote",
    "ballot_is_valid",
    "ImpossibleCounts",
]

ART_COUNT = "《地方各级人民代表大会和地方各级人民政府组织法》（2022）第二十五条、第二十九条"
ART_QUORUM = "《地方各级人民代表大会和地方各级人民政府组织法》（2022）第十四条第四款"
ART_REVOTE = "《地方各级人民代表大会和地方各级人民政府组织法》（2022）第二十九条第一款"

# The kinds of round (stage) a contest can be, each decided by the round before it (see next_stage).
STAGES = ("first", "revote", "additional")
ART_BALLOTS = (
    "《全国人民代表大会和地方各级人民代表大会选举法》（2020）第四十四条；"
    "《重庆市乡镇人民代表大会工作条例》第二十四条"
)


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
    required_votes: int | None = 0  # more than half of all deputies; None in a re-vote (no threshold)
    valid_ballots: int = 0
    candidates: list[CandidateResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    article: str = ART_COUNT
    no_quorum: bool = False  # the session lacked its quorum (组织法 第十四条第四款): no election
    stage: str = "first"  # one of STAGES

    @property
    def status(self) -> dict[str, str]:
        """Candidate name → status code (``elected``/``tie``/``not_elected``/``void``)."""
        return {c.name: c.status for c in self.candidates}


def _prepare(
    seats: int,
    votes: dict[str, int],
    all_deputies: int,
    ballots_issued: int,
    ballots_returned: int,
    ballots_invalid: int,
    present: int | None,
    majority: bool = True,
) -> tuple[int, int, str, list[str], str | None, str]:
    """Check the figures common to every round; ``(valid, required, head, warnings, blocked, block_text)``.

    ``blocked`` is ``'no_quorum'`` (组织法 第十四条第四款), ``'void'`` (选举法 第四十四条第一款) or None.
    """
    check_int("全体代表人数", all_deputies)
    if all_deputies <= 0:
        raise ImpossibleCounts(f"全体代表人数必须大于0，收到：{all_deputies}")
    check_int("发出选票数", ballots_issued)
    if ballots_issued > all_deputies:
        raise ImpossibleCounts(f"发出选票{ballots_issued}张，多于全体代表{all_deputies}人")
    if present is not None:
        check_int("出席代表人数", present)
        if present > all_deputies:
            raise ImpossibleCounts(f"出席代表{present}人，多于全体代表{all_deputies}人")
        if ballots_issued > present:
            raise ImpossibleCounts(f"发出选票{ballots_issued}张，多于出席代表{present}人")
    valid = check_ballots(seats, votes, ballots_returned, ballots_invalid)
    required = min_more_than_half(all_deputies)
    head = (
        f"全体代表{all_deputies}人" + (f"，当选须得票超过半数（至少{required}票）" if majority else "") + "；"
        f"发出选票{ballots_issued}张，收回{ballots_returned}张，无效{ballots_invalid}张，有效{valid}张。"
    )
    warnings: list[str] = []
    if present is not None and not at_least_two_thirds(present, all_deputies):
        q = quorum("congress", all_deputies, present)
        return valid, required, head, warnings, "no_quorum", (
            f"{q.explanation}；会议不能举行，不能进行选举（{ART_QUORUM}）。")
    if present is None and not at_least_two_thirds(ballots_issued, all_deputies):
        warnings.append(
            f"发出选票{ballots_issued}张，不足全体代表{all_deputies}人的三分之二（至少{min_two_thirds(all_deputies)}人），"
            f"请核对会议是否达到法定人数（组织法第十四条第四款）"
        )
    if ballots_returned > ballots_issued:
        return valid, required, head, warnings, "void", (
            f"收回选票{ballots_returned}张，多于发出选票{ballots_issued}张，本次选举无效，应重新投票。")
    return valid, required, head, warnings, None, ""


def _blocked(seats, votes, all_deputies, required, valid, head, warnings, blocked, text, stage) -> RoundResult:
    return RoundResult(
        void=True,
        elected=[],
        tie=[],
        shortfall=seats,
        explanation=(text if blocked == "no_quorum" else head + text),
        seats=seats,
        all_deputies=all_deputies,
        required_votes=required,
        valid_ballots=valid,
        candidates=statuses(votes, set(), [], [], void=True),
        warnings=warnings,
        article=ART_QUORUM if blocked == "no_quorum" else ART_BALLOTS,
        no_quorum=blocked == "no_quorum",
        stage=stage,
    )


def count_round(
    seats: int,
    votes: dict[str, int],
    all_deputies: int,
    ballots_issued: int,
    ballots_returned: int,
    ballots_invalid: int = 0,
    present: int | None = None,
    stage: str = "first",
) -> RoundResult:
    """Count one round of an election by the township congress (主席、副主席、乡镇长、副乡镇长、主席团成员).

    - No quorum when ``present`` (deputies present at the session, when known) is under two thirds of all
      deputies (组织法 2022 第十四条第四款 "有三分之二以上的代表出席，始得举行"): nobody is elected,
      ``no_quorum`` is set and the explanation says 不足法定人数，不能表决. With ``present`` unknown, fewer
      ballots issued than two thirds only draws a warning.
    - Void when more ballots are returned than issued (选举法 2020 第四十四条第一款; 重庆市乡镇人民代表
      大会工作条例 第二十四条第二款: "收回的选票数…多于发出的选票数的选举无效") — nobody is elected and
      the round must be held again.
    - A candidate is elected only with more than half of **all** deputies' votes, not of the ballots
      (组织法 2022 第二十五条 "以全体代表的过半数通过"; 第二十九条 "获得过半数选票").
    - More such candidates than seats → the most votes win; a tie at the margin for the last
      seat(s) is reported in ``tie`` for a re-vote among the tied (第二十九条第一款, see `count_revote`),
      never picked.
    - Fewer than seats → ``shortfall`` seats go to 另行选举 (第二十九条第二款), counted by this same
      function with ``stage='additional'`` (the congress's 另行选举 still needs 过半数 of all deputies).

    ``votes`` maps candidate (or written-in person, 组织法 第二十八条) to votes on valid ballots.
    ``all_deputies`` is the roster of deputies in office on the day. ``stage`` is one of ``STAGES``
    (``'revote'`` is counted by `count_revote`).

    Raises ``ImpossibleCounts`` for negative figures, ``seats < 1``, ``all_deputies <= 0``,
    more ballots issued than deputies (or than deputies present), more present than deputies, more
    invalid than returned ballots, one candidate with more votes than valid ballots, or more votes in
    all than valid ballots × seats.
    """
    if stage not in STAGES or stage == "revote":
        raise ValueError(f"count_round 的轮次类别应为 first 或 additional，收到：{stage!r}")
    valid, required, head, warnings, blocked, text = _prepare(
        seats, votes, all_deputies, ballots_issued, ballots_returned, ballots_invalid, present)
    if blocked:
        return _blocked(seats, votes, all_deputies, required, valid, head, warnings, blocked, text, stage)

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
        stage=stage,
    )


def count_revote(
    seats: int,
    votes: dict[str, int],
    tied: list[str],
    all_deputies: int,
    ballots_issued: int,
    ballots_returned: int,
    ballots_invalid: int = 0,
    present: int | None = None,
) -> RoundResult:
    """Count the re-vote among candidates tied at the margin: 以得票多的当选.

    组织法 (2022) 第二十九条第一款 (选举法 第四十五条第三款 says the same for deputies): "如遇票数相等
    不能确定当选人时，应当就票数相等的人再次投票，以得票多的当选。" The tied already had more than half
    of all deputies' votes, so the re-vote needs no majority: the most votes win the ``seats`` left
    (`tie_revote`); a new tie is reported in ``tie`` for one more re-vote, never broken.

    The ballot lists exactly the tied: a name not in ``tied``, or a tied name left out, raises
    ``NotAllowed``. The quorum and ballot rules are those of `count_round` (组织法 第十四条第四款;
    选举法 第四十四条). Raises ``ImpossibleCounts`` for impossible figures.
    """
    tied_set, names = set(tied), set(votes)
    if len(tied_set) <= seats:
        raise NotAllowed(f"再次投票的名额{seats}个，票数相等的只有{len(tied_set)}人，无须再次投票（{ART_REVOTE}）")
    extra, missing = sorted(names - tied_set), sorted(tied_set - names)
    if extra or missing:
        problem = []
        if extra:
            problem.append(f"{join_names(extra)}不在票数相等的人之中")
        if missing:
            problem.append(f"缺少{join_names(missing)}")
        raise NotAllowed(f"再次投票只能就票数相等的{join_names(list(tied))}进行：{'；'.join(problem)}（{ART_REVOTE}）")
    valid, required, head, warnings, blocked, text = _prepare(
        seats, votes, all_deputies, ballots_issued, ballots_returned, ballots_invalid, present, majority=False)
    if blocked:
        return _blocked(seats, votes, all_deputies, required, valid, head, warnings, blocked, text, "revote")
    elected, still_tied = tie_revote(seats, votes)
    tie_seats = seats - len(elected) if still_tied else 0
    lines = statuses(votes, tied_set, elected, still_tied, void=False)
    parts = [head, f"就票数相等的{join_names(list(tied))}再次投票决定{seats}个名额，以得票多的当选（{ART_REVOTE}）："]
    parts.append("；".join(f"{c.name}得{c.votes}票，{STATUS_LABELS[c.status]}" for c in lines) + "。")
    if still_tied:
        parts.append(f"{join_names(still_tied)}仍票数相等，须再次投票决定{tie_seats}个名额。")
    return RoundResult(
        void=False,
        elected=elected,
        tie=still_tied,
        shortfall=0,
        explanation="".join(parts),
        seats=seats,
        tie_seats=tie_seats,
        all_deputies=all_deputies,
        required_votes=None,
        valid_ballots=valid,
        candidates=lines,
        warnings=warnings,
        article=ART_REVOTE,
        stage="revote",
    )


def next_stage(previous_outcome: str | None, by_election: bool = False) -> str:
    """What a round is, from the outcome of the round before it for the same post at the same session.

    - none → ``'first'``;
    - ``'tie'`` → ``'revote'`` (组织法 第二十九条第一款: 就票数相等的人再次投票);
    - ``'shortfall'`` → ``'additional'`` (第二十九条第二款: 不足的名额另行选举);
    - ``'filled'`` → ``NotAllowed`` (every seat is filled), unless ``by_election`` (补选, 第三十条), which is
      a new ``'first'`` round.

    A void round (``'void'``, ``'no_quorum'``) is held again as the same kind of round: the caller passes the
    outcome of the last round that was not void; a void outcome here raises ``ValueError``.
    """
    if previous_outcome is None:
        return "first"
    if previous_outcome == "tie":
        return "revote"
    if previous_outcome == "shortfall":
        return "additional"
    if previous_outcome == "filled":
        if by_election:
            return "first"
        raise NotAllowed("前一轮已选满应选名额，不能再选")
    raise ValueError(f"未知的选举结果：{previous_outcome!r}")


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
