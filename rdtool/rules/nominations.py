"""Nomination of deputy candidates in a constituency (选举法 2020 第三十条第三款).

"各政党、各人民团体联合或者单独推荐的代表候选人的人数，每一选民或者代表参加联名推荐的代表候选人的人数，
均不得超过本选区或者选举单位应选代表的名额。" (Likewise 山东省县乡两级人民代表大会选举实施细则
第三十二条第二款.) rdtool records the party or organisation that nominated each candidate, so the
first half is checked: a party (or organisation) may nominate, alone or jointly, at most as many
candidates as the constituency has seats. The second half (each voter's joint nominations) would need
the list of the voters who signed, which is not recorded.
"""

from __future__ import annotations

import re

from rdtool.rules._counting import check_int
from rdtool.rules.majority import ImpossibleCounts

__all__ = ["ART_NOMINATION_LIMIT", "nominating_bodies", "nomination_limit_warnings"]

ART_NOMINATION_LIMIT = "选举法第三十条第三款"
_SEPARATORS = re.compile(r"[、，,；;/]+")


def nominating_bodies(nominated_by: str | None) -> list[str]:
    """The parties or organisations named in a nomination ('中共三川镇委员会、三川镇妇女联合会' → both).

    A joint nomination (联合推荐, the names separated by 、，；/) counts against each of them. Blank (a
    voters' joint nomination) → [].
    """
    if not nominated_by or not nominated_by.strip():
        return []
    return list(dict.fromkeys(p.strip() for p in _SEPARATORS.split(nominated_by) if p.strip()))


def nomination_limit_warnings(seats: int, nominations: list[str | None]) -> list[str]:
    """A Chinese warning for each party or organisation nominating more candidates than ``seats``.

    选举法 (2020) 第三十条第三款: the candidates a party or organisation nominates, alone or jointly,
    "不得超过本选区…应选代表的名额" — equal to the seats is lawful, one more is not (a party nominating
    two candidates for a one-seat constituency is flagged). ``nominations`` holds each candidate's
    ``nominated_by`` (None or blank for voters' nominations, which are not counted here). Raises
    ``ImpossibleCounts`` for ``seats < 1``.
    """
    check_int("应选名额", seats)
    if seats < 1:
        raise ImpossibleCounts(f"应选名额至少为1名，收到：{seats}")
    counts: dict[str, int] = {}
    for text in nominations:
        for body in nominating_bodies(text):
            counts[body] = counts.get(body, 0) + 1
    return [f"{body}推荐代表候选人{n}人，超过本选区应选代表名额{seats}名；各政党、各人民团体联合或者单独推荐的"
            f"代表候选人的人数不得超过应选代表的名额（{ART_NOMINATION_LIMIT}）"
            for body, n in counts.items() if n > seats]
