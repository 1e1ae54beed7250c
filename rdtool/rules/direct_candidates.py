"""Who may stand in a direct election's 另行选举 (选举法 2020 第四十五条第四款).

"获得过半数选票的当选代表的人数少于应选代表的名额时，不足的名额另行选举。另行选举时，根据在第一次投票时得票
多少的顺序，按照本法第三十一条规定的差额比例，确定候选人名单。如果只选一人，候选人应为二人。"

Unlike the congress's own elections (组织法 第二十九条第二款 also allows a new nomination, see
``rdtool.rules.congress_candidates.ranking_notes``), the list of a direct election is fixed by the law: the
first round's candidates not elected, in the order of their votes, as many as 第三十一条 allows. The election has
been held when it is recorded, so the problems are returned for `db check`, not raised.
"""

from __future__ import annotations

from rdtool.rules._counting import join_names
from rdtool.rules.direct_elections import LAW, contest_ratio_bounds

ART_LIST = LAW + "第四十五条第四款"


def additional_list_problems(seats: int, candidates: list[str], first_round: dict[str, int],
                             elected_before: list[str]) -> list[str]:
    """What is wrong with an 另行选举's list of ``candidates`` for ``seats``: its size (one seat → two candidates;
    else 第三十一条's 三分之一至一倍), anyone who was not a first-round candidate or was already elected, and anyone
    skipped who had more first-round votes than one listed. ``first_round`` maps its candidates to their votes."""
    problems = []
    low, high = (2, 2) if seats == 1 else contest_ratio_bounds(seats, direct=True)
    if not low <= len(candidates) <= high:
        want = "二人" if seats == 1 else f"{low}至{high}人"
        problems.append(f"另行选举应选{seats}名，候选人应为{want}，本轮{len(candidates)}人（{ART_LIST}）")
    won = set(elected_before)
    again = [n for n in candidates if n in won]
    if again:
        problems.append(f"{join_names(again)}已在第一次投票中当选，不能再作为另行选举的候选人（{ART_LIST}）")
    new = [n for n in candidates if n not in first_round and n not in won]
    if new:
        problems.append(f"{join_names(new)}不是第一次投票的候选人：另行选举的候选人按第一次投票得票多少的顺序确定"
                        f"（{ART_LIST}）")
    listed = [first_round[n] for n in candidates if n in first_round and n not in won]
    if listed:
        lowest = min(listed)
        skipped = sorted((n for n, v in first_round.items() if v > lowest and n not in won and n not in candidates),
                         key=lambda n: -first_round[n])
        if skipped:
            problems.append(f"另行选举未按第一次投票得票多少的顺序确定候选人：未列入得票更多的{join_names(skipped)}"
                            f"（{ART_LIST}）")
    return problems
