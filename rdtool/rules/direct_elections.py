"""Direct election of township deputies (乡镇人大代表由选民直接选举, 组织法 第八条).

Source: 选举法 = 中华人民共和国全国人民代表大会和地方各级人民代表大会选举法 (2020年修正, 2020-10-17).

- 第十二条第一款第四项: 乡镇 quota — base 45, +1 per 1,500 inhabitants, at most 160; under 2,000
  inhabitants may be fewer than 45. 第二款: base + increase = total. 第三款: +5% by decision.
- 第二十五条第二款: each constituency elects one to three deputies.
- 第二十八条: the voter list is published 20 days or more before election day.
- 第三十条第二款: ten or more voters may jointly nominate a candidate.
- 第三十一条: contested elections; direct: candidates exceed seats by 1/3 to 1×; indirect: 1/5 to 1/2.
- 第三十二条第一款: candidate list 15 days, formal candidate list 7 days before election day.
- 第四十四条: more ballots cast than voters → void; a ballot naming more than the seats is invalid.
- 第四十五条: turnout more than half; more than half of 参加投票的选民's votes; ties; 另行选举 with
  the most votes but not less than one third of the ballots.

On "参加投票的选民" (art. 45): the law compares two counts — 投票人数 (the people who voted) and
所投的票数 (the ballots in the box) — 第四十三条、第四十四条. A voter takes a ballot on showing an
identity card or voter card (第三十七条), so the number of people who voted is the number of ballots
issued (发出选票数); rdtool uses ``ballots_issued`` as 参加投票的选民 for the turnout, the 过半数 and
the one-third base. In a valid round returned ≤ issued, so this base is never the more lenient one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rdtool.rules._counting import (
    STATUS_LABELS,
    CandidateResult,
    check_ballots,
    check_int,
    join_names,
    select,
    statuses,
)
from rdtool.rules.majority import ImpossibleCounts, min_more_than_half

__all__ = [
    "credentials_late_problem",
    "DirectResult",
    "CandidateResult",
    "direct_round",
    "contest_ratio_warning",
    "contest_ratio_bounds",
    "township_deputy_quota",
    "township_quota_may_be_smaller",
    "constituency_seats_ok",
    "voter_nomination_ok",
    "lead_time_warnings",
    "TOWNSHIP_QUOTA_BASE",
    "TOWNSHIP_QUOTA_PER",
    "TOWNSHIP_QUOTA_MAX",
    "VOTER_LIST_DAYS",
    "CANDIDATE_LIST_DAYS",
    "FINAL_CANDIDATE_LIST_DAYS",
    "MIN_NOMINATORS",
]

LAW = "《全国人民代表大会和地方各级人民代表大会选举法》（2020）"
ART_ROUND = LAW + "第四十四条、第四十五条"
ART_VACANT = "《上海市区和乡镇人民代表大会代表直接选举实施细则》第四十五条第三款；《山东省县乡两级人民代表大会选举实施细则》第四十九条第四款"

TOWNSHIP_QUOTA_BASE = 45
TOWNSHIP_QUOTA_PER = 1500
TOWNSHIP_QUOTA_MAX = 160
TOWNSHIP_QUOTA_SMALL_POPULATION = 2000
VOTER_LIST_DAYS = 20
CANDIDATE_LIST_DAYS = 15
FINAL_CANDIDATE_LIST_DAYS = 7
MIN_NOMINATORS = 10


@dataclass(frozen=True)
class DirectResult:
    """One round of a direct election in one constituency (选区).

    ``void``: more ballots returned than issued (第四十四条第一款). ``turnout_ok``: more than half
    of the registered voters voted (第四十五条第一款). ``valid`` = not void and turnout_ok; when not
    valid nobody is elected and the election is held again. ``elected``, ``tie``/``tie_seats``
    (re-vote among the tied, 第四十五条第三款), ``shortfall`` (seats unfilled: after a first round
    they go to 另行选举, 第四十五条第四款), ``vacant`` (seats still unfilled after an 另行选举 —
    left vacant, 暂缺; see ``direct_round``).
    """

    void: bool
    valid: bool
    turnout_ok: bool
    revote: bool
    elected: list[str]
    tie: list[str]
    tie_seats: int
    shortfall: int
    vacant: int
    explanation: str
    seats: int = 0
    registered_voters: int = 0
    voters_base: int = 0  # 参加投票的选民 = ballots issued
    required_turnout: int = 0
    required_votes: int = 0
    valid_ballots: int = 0
    candidates: list[CandidateResult] = field(default_factory=list)
    article: str = ART_ROUND

    @property
    def status(self) -> dict[str, str]:
        """Candidate name → status code (``elected``/``tie``/``not_elected``/``void``)."""
        return {c.name: c.status for c in self.candidates}


def direct_round(
    registered_voters: int,
    ballots_issued: int,
    ballots_returned: int,
    seats: int,
    votes: dict[str, int],
    ballots_invalid: int = 0,
    revote: bool = False,
    tie_revote: bool = False,
) -> DirectResult:
    """Count one round of the direct election of township deputies in one constituency.

    选举法 (2020):

    - 第四十四条第一款: "每次选举所投的票数，多于投票人数的无效" — returned > issued → ``void``.
    - 第四十五条第一款: "选区全体选民的过半数参加投票，选举有效。代表候选人获得参加投票的选民过半数的
      选票时，始得当选。" Turnout: ``2*ballots_issued > registered_voters`` (exactly half is not
      enough); a candidate needs ``2*votes > ballots_issued`` (参加投票的选民 = ballots issued, see
      the module docstring). The turnout rule applies to every round, 另行选举 included.
    - 第四十五条第三款: more qualified than seats → 以得票多的当选; tie at the margin → ``tie``
      (再次投票 among them), never a silent pick.
    - 第四十五条第四款: fewer than seats → ``shortfall`` seats go to 另行选举 (list by first-round
      ranking under 第三十一条's ratio; one seat → two candidates).
    - 第四十五条第五款 (``revote=True``): in the 另行选举 of 县级和乡级 deputies "代表候选人以得票多的
      当选，但是得票数不得少于选票的三分之一" — ``3*votes >= ballots_issued`` (exactly one third
      passes).
    - ``tie_revote=True``: the re-vote among candidates tied at the margin (第四十五条第三款 "应当就票数
      相等的候选人再次投票，以得票多的当选"). They had already reached the threshold, so only the ranking
      counts: the most votes win, whatever their share (B 300 of 600, C 250 → B elected); a new tie
      is reported again, never broken. The turnout and void rules still apply (第四十四条、第四十五条
      第一款: "每次选举"); ``revote`` tells which round's rule produced the tie and is only echoed.
    - Seats still unfilled after an 另行选举 are ``vacant`` (暂缺). 选举法 is silent on this; the
      provincial rules say so expressly: 上海市区和乡镇人民代表大会代表直接选举实施细则 第四十五条第三款
      ("如果仍选不足，暂作缺额处理"), 山东省县乡两级人民代表大会选举实施细则 第四十九条第四款
      ("代表名额可以暂时空缺").

    Raises ``ImpossibleCounts`` for negative figures, ``registered_voters <= 0``, ``seats < 1``,
    more ballots issued than registered voters, more invalid than returned ballots, one candidate
    with more votes than valid ballots, or more votes in all than valid ballots × seats.
    """
    check_int("选民总数", registered_voters)
    if registered_voters <= 0:
        raise ImpossibleCounts(f"选区选民总数必须大于0，收到：{registered_voters}")
    check_int("发出选票数", ballots_issued)
    if ballots_issued > registered_voters:
        raise ImpossibleCounts(f"发出选票{ballots_issued}张，多于选区选民总数{registered_voters}人")
    valid_ballots = check_ballots(seats, votes, ballots_returned, ballots_invalid)

    base = ballots_issued
    required_turnout = min_more_than_half(registered_voters)
    if tie_revote:
        required_votes = 0
        threshold_text = ""
    elif revote:
        required_votes = (base + 2) // 3  # ⌈base/3⌉
        threshold_text = "不少于选票的三分之一"
    else:
        required_votes = min_more_than_half(base)
        threshold_text = "超过参加投票选民的半数"
    void = ballots_returned > ballots_issued
    turnout_ok = 2 * ballots_issued > registered_voters
    valid = not void and turnout_ok
    kind = "再次投票" if tie_revote else ("另行选举" if revote else "选举")
    head = (
        f"选区选民{registered_voters}人，发出选票{ballots_issued}张，收回{ballots_returned}张，"
        f"无效{ballots_invalid}张，有效{valid_ballots}张。"
    )
    common = dict(
        seats=seats,
        registered_voters=registered_voters,
        voters_base=base,
        required_turnout=required_turnout,
        required_votes=required_votes,
        valid_ballots=valid_ballots,
    )

    if not valid:
        if void:
            why = f"收回选票{ballots_returned}张，多于发出选票{ballots_issued}张，本次{kind}无效（选举法第四十四条第一款）"
        else:
            why = (
                f"参加投票{ballots_issued}人，未超过选区全体选民{registered_voters}人的半数"
                f"（至少{required_turnout}人），本次{kind}无效（选举法第四十五条第一款）"
            )
        return DirectResult(
            void=void,
            valid=False,
            turnout_ok=turnout_ok,
            revote=revote,
            elected=[],
            tie=[],
            tie_seats=0,
            shortfall=seats,
            vacant=0,
            explanation=head + why + "，应重新投票。",
            candidates=statuses(votes, set(), [], [], void=True),
            **common,
        )

    if tie_revote:
        qualified = list(votes.items())
    elif revote:
        qualified = [(n, v) for n, v in votes.items() if 3 * v >= base]
    else:
        qualified = [(n, v) for n, v in votes.items() if 2 * v > base]
    elected, tie, tie_seats = select(seats, qualified)
    shortfall = seats - len(elected) - tie_seats
    vacant = shortfall if revote and not tie_revote else 0
    lines = statuses(votes, {n for n, _ in qualified}, elected, tie, void=False)

    if tie_revote:
        rule = "就票数相等的候选人再次投票，以得票多的当选（选举法第四十五条第三款）"
    else:
        rule = f"当选须得票{threshold_text}（至少{required_votes}票）"
    parts = [head, f"参加投票{ballots_issued}人，超过选民半数，{kind}有效；{rule}。"]
    for c in lines:
        label = STATUS_LABELS[c.status]
        if tie_revote:
            parts.append(f"{c.name}得{c.votes}票，{'得票少于当选人，未当选' if label == '未当选' else label}；")
            continue
        reach = "达到" if c.qualified else "未达到"
        if c.qualified and c.status == "not_elected":
            label = "得票少于当选人，未当选"
        parts.append(f"{c.name}得{c.votes}票，{reach}当选票数，{label}；")
    summary = f"应选{seats}名，当选{len(elected)}名"
    if elected:
        summary += f"（{join_names(elected)}）"
    if tie:
        summary += f"；{join_names(tie)}均得{votes[tie[0]]}票，票数相等，须就此{len(tie)}人再次投票决定{tie_seats}个名额"
    if shortfall and not revote:
        summary += f"；尚缺{shortfall}名，不足的名额另行选举（选举法第四十五条第四款）"
    if vacant:
        summary += f"；另行选举后仍缺{vacant}名，名额暂缺"
    parts.append(summary + "。")
    return DirectResult(
        void=False,
        valid=True,
        turnout_ok=True,
        revote=revote,
        elected=elected,
        tie=tie,
        tie_seats=tie_seats,
        shortfall=shortfall,
        vacant=vacant,
        explanation="".join(parts),
        candidates=lines,
        article=ART_ROUND + ("；暂缺：" + ART_VACANT if vacant else ""),
        **common,
    )


def contest_ratio_bounds(seats: int, direct: bool = True) -> tuple[int, int]:
    """The smallest and largest lawful number of candidates for ``seats`` (选举法 2020 第三十一条).

    Direct: seats + ⌈seats/3⌉ … 2·seats. Indirect: seats + ⌈seats/5⌉ … seats + ⌊seats/2⌋.
    For an indirect election of one seat the range is empty (low > high); see
    ``contest_ratio_warning``.
    """
    check_int("应选名额", seats)
    if seats < 1:
        raise ImpossibleCounts(f"应选名额至少为1名，收到：{seats}")
    if direct:
        return seats + (seats + 2) // 3, 2 * seats
    return seats + (seats + 4) // 5, seats + seats // 2


def contest_ratio_warning(seats: int, candidates: int, direct: bool = True) -> str | None:
    """A Chinese warning when the formal candidates do not fit the 差额 ratio; ``None`` when they do.

    选举法 (2020) 第三十一条: "代表候选人的人数应多于应选代表的名额" (第一款); "由选民直接选举人民代表
    大会代表的，代表候选人的人数应多于应选代表名额三分之一至一倍；由县级以上的地方各级人民代表大会选举上
    一级人民代表大会代表的，代表候选人的人数应多于应选代表名额五分之一至二分之一" (第二款).
    Both ends inclusive, integer arithmetic on the excess ``e = candidates - seats``:
    direct ``3*e >= seats and e <= seats``; indirect ``5*e >= seats and 2*e <= seats``.
    Examples (direct): 3 seats → 4 to 6 candidates; 2 seats → 3 or 4; 1 seat → 2 (the same
    "只选一人，候选人应为二人" as 第四十五条第四款). Over the top of the range 第三十二条 requires
    consultation or a 预选. An indirect election of a single seat has no lawful integer count
    (1/5 to 1/2 of one candidate); the warning says so. Raises ``ImpossibleCounts`` for
    ``seats < 1`` or negative ``candidates``.
    """
    check_int("候选人数", candidates)
    low, high = contest_ratio_bounds(seats, direct)
    extra = candidates - seats
    ratio = "三分之一至一倍" if direct else "五分之一至二分之一"
    mode = "直接选举" if direct else "间接选举"
    art = "选举法第三十一条第二款"
    if low > high:
        return (
            f"{mode}应选{seats}名时，候选人多于应选名额{ratio}没有整数解（应多{(seats + 4) // 5}人、"
            f"又不得多于{seats // 2}人）；候选人{candidates}人，请按选举办法确定（{art}）"
        )
    if candidates < low:
        return (
            f"候选人{candidates}人，比应选名额{seats}名多{extra}人，低于{mode}差额比例（应多于应选名额{ratio}，"
            f"即{low}至{high}人）（{art}）"
        )
    if candidates > high:
        return (
            f"候选人{candidates}人，比应选名额{seats}名多{extra}人，超过{mode}最高差额比例（应多于应选名额{ratio}，"
            f"即{low}至{high}人），应经讨论、协商或者预选确定正式候选人（{art}、第三十二条）"
        )
    return None


def township_deputy_quota(population: int) -> int:
    """The number of deputies of a township congress by population (代表总名额).

    选举法 (2020) 第十二条第一款第四项: "乡、民族乡、镇的代表名额基数为四十五名，每一千五百人可以增加一名
    代表；但是，代表总名额不得超过一百六十名；人口不足二千的，代表总名额可以少于四十五名。" 第二款: the
    base plus the increase by population is the total. So ``min(160, 45 + population // 1500)``
    (one more per full 1,500). Not modelled: under 2,000 inhabitants the county standing committee
    may set fewer than 45 (see ``township_quota_may_be_smaller``); 第十二条第三款 allows 5% more for
    townships with many minority residents or scattered settlement, by provincial decision; the
    county standing committee fixes the actual number (第十三条). Raises ``ImpossibleCounts`` for
    a negative population.
    """
    check_int("人口数", population)
    return min(TOWNSHIP_QUOTA_MAX, TOWNSHIP_QUOTA_BASE + population // TOWNSHIP_QUOTA_PER)


def township_quota_may_be_smaller(population: int) -> bool:
    """True when the quota may be below 45: 人口不足二千 (选举法 2020 第十二条第一款第四项)."""
    check_int("人口数", population)
    return population < TOWNSHIP_QUOTA_SMALL_POPULATION


def constituency_seats_ok(seats: int) -> bool:
    """A constituency elects one to three deputies (选举法 2020 第二十五条第二款:
    "选区的大小，按照每一选区选一名至三名代表划分。")."""
    return 1 <= seats <= 3


def voter_nomination_ok(nominators: int) -> bool:
    """Voters may nominate a candidate jointly when ten or more sign (选举法 2020 第三十条第二款:
    "选民或者代表，十人以上联名，也可以推荐代表候选人。" — 以上 includes ten)."""
    return nominators >= MIN_NOMINATORS


def lead_time_warnings(
    election_day: date,
    voter_list_published: date | None,
    final_candidates_published: date | None,
    candidates_published: date | None = None,
) -> list[str]:
    """Warnings (Chinese) when a list was published too late before election day; ``[]`` if on time.

    - Voter list: "选民名单应在选举日的二十日以前公布" (选举法 2020 第二十八条).
    - Candidate list after nominations (``candidates_published``, optional): "在选举日的十五日以前
      公布" (第三十二条第一款).
    - Formal candidate list: "正式代表候选人名单及代表候选人的基本情况应当在选举日的七日以前公布"
      (第三十二条第一款).

    "N日以前" is read as: published on or before election day − N days, i.e.
    ``(election_day - published).days >= N`` (published on 10-16 for a 11-05 election is exactly 20
    days and on time). A date not given (``None``) is not checked and draws no warning.
    """
    checks = (
        ("选民名单", voter_list_published, VOTER_LIST_DAYS, "选举法第二十八条"),
        ("代表候选人名单", candidates_published, CANDIDATE_LIST_DAYS, "选举法第三十二条第一款"),
        ("正式代表候选人名单", final_candidates_published, FINAL_CANDIDATE_LIST_DAYS, "选举法第三十二条第一款"),
    )
    warnings = []
    for label, published, days, art in checks:
        if published is None:
            continue
        gap = (election_day - published).days
        if gap < 0:
            warnings.append(
                f"{label}于{published.isoformat()}公布，晚于选举日{election_day.isoformat()}；"
                f"应在选举日的{days}日以前公布（{art}）"
            )
        elif gap < days:
            warnings.append(
                f"{label}于{published.isoformat()}公布，距选举日{election_day.isoformat()}仅{gap}天，"
                f"不足{days}日（{art}）"
            )
    return warnings


def credentials_late_problem(confirmed_on: str, first_session_on: str | None) -> str | None:
    """Why deputies' credentials confirmed on ``confirmed_on`` came too late, or None.

    选举法 (2020) 第四十七条第二款: "…乡、民族乡、镇的人民代表大会主席团根据代表资格审查委员会提出的报告，确认代表的
    资格或者确定代表的当选无效，在每届人民代表大会第一次会议前公布代表名单." A confirmation dated after the day the
    term's first session opened is late; one dated that day is accepted (the dates carry no hour: the list may be
    published before the session opens). None when the first session is not on record.
    """
    if first_session_on is None or confirmed_on <= first_session_on:
        return None
    return (f"代表资格确认于{confirmed_on}，晚于本届人民代表大会第一次会议（{first_session_on}）；应在第一次会议前"
            f"确认代表资格并公布代表名单（选举法第四十七条第二款）")
