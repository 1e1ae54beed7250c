"""Nominating candidates for the township congress's elections, and the 预选 (primary) when too many are nominated.

- 组织法 (2022) 第二十六条第一款: 乡镇人大主席、副主席、乡长、副乡长、镇长、副镇长的人选 "由本级人民代表大会主席团或者
  代表依照本法规定联合提名".
- 第二十六条第二款: "乡、民族乡、镇的人民代表大会代表十人以上书面联名，可以提出本级人民代表大会主席、副主席，人民政府
  领导人员的候选人" — ten or more deputies of that congress (a county deputy does not count, nor a deputy whose duties
  are suspended, 代表法 第六十一条).
- 第二十六条第三款: "主席团提名的候选人人数，每一代表与其他代表联合提名的候选人人数，均不得超过应选名额" — the
  presidium's list, and all the candidates each deputy has co-nominated for a post, at most the seats.
- 第二十七条第一款: the 差额 — a principal post (主席, 乡长/镇长) one more candidate than seats (or one only); a vice post
  (副主席, 副乡长/副镇长) one to three more, the 选举办法 setting the number; "如果提名的候选人数超过选举办法规定的差额数，
  由主席团提交代表酝酿、讨论后，进行预选，根据在预选中得票多少的顺序，按照选举办法规定的差额数，确定正式候选人名单".

The 选举办法's 差额数 is what the congress adopted; rdtool asks for it (``margin``), and checks it against the law's
range (``margin_problem``). Without it, the law's largest margin is used to decide whether a 预选 is needed.
"""

from __future__ import annotations

from rdtool.rules._counting import check_int

__all__ = ["MIN_DEPUTY_NOMINATORS", "MARGINS", "nominators_ok", "nominees_problem", "per_deputy_problems",
           "margin_problem", "primary_needed", "formal_list"]

MIN_DEPUTY_NOMINATORS = 10
"""组织法 (2022) 第二十六条第二款: 乡镇人大代表十人以上书面联名."""

MARGINS = {"principal": (0, 1), "vice": (1, 3)}
"""组织法 (2022) 第二十七条第一款: the 差额数 the law allows (lowest, highest): principal 多一人 (or 等额 with one
nominee); vice 多一人至三人."""

ART_NOMINATE = "组织法第二十六条第二款"
ART_SEATS = "组织法第二十六条第三款"
ART_PRIMARY = "组织法第二十七条第一款"


def nominators_ok(township_signers: int) -> bool:
    """True when a deputies' joint nomination has ten or more signers (组织法 第二十六条第二款; 以上 includes ten).

    ``township_signers`` counts deputies of the township congress whose duties are not suspended."""
    return check_int("联名代表人数", township_signers) >= MIN_DEPUTY_NOMINATORS


def nominees_problem(by: str, nominees: int, seats: int) -> str | None:
    """A nomination naming more candidates than the seats (组织法 第二十六条第三款), or None.

    ``by`` is ``'presidium'`` or ``'deputies'``; the limit is the same for both."""
    check_int("提名人数", nominees)
    check_int("应选名额", seats)
    if nominees <= seats:
        return None
    who = "主席团提名" if by == "presidium" else "代表联合提名"
    return f"{who}的候选人{nominees}人，超过应选名额{seats}名；提名的候选人人数不得超过应选名额（{ART_SEATS}）"


def per_deputy_problems(co_nominated: dict[str, int], seats: int) -> list[str]:
    """Deputies who have co-nominated more candidates for one post than its seats (组织法 第二十六条第三款).

    ``co_nominated`` maps a deputy's name to the number of candidates of all the joint nominations they signed for
    the post, each person once (候选人人数 counts persons: one candidate named in two nominations he signed is one);
    one line each for those above ``seats``."""
    check_int("应选名额", seats)
    return [f"{name}联合提名的候选人共{n}人，超过应选名额{seats}名（{ART_SEATS}“每一代表与其他代表联合提名的候选人人数”"
            f"不得超过应选名额）" for name, n in co_nominated.items() if n > seats]


def margin_problem(post_kind: str, seats: int, margin: int, nominated: int) -> str | None:
    """A 选举办法 差额数 outside 组织法 第二十七条第一款, or None.

    Principal: 0 (等额, only when one candidate was nominated) or 1; vice: 1 to 3. ``post_kind`` ``'member'``
    (主席团成员) has no legal margin: None."""
    check_int("差额数", margin)
    check_int("应选名额", seats)
    if post_kind not in MARGINS:
        return None
    low, high = MARGINS[post_kind]
    if post_kind == "principal" and margin == 0 and nominated > 1:
        return f"正职提名了{nominated}人，应差额选举，差额数为1（{ART_PRIMARY}）"
    if not low <= margin <= high:
        what = "正职候选人数可以多一人" if post_kind == "principal" else "副职候选人数应比应选人数多一人至三人"
        return f"差额数{margin}不符合{ART_PRIMARY}：{what}"
    return None


def primary_needed(post_kind: str, seats: int, nominated: int, margin: int | None = None) -> bool:
    """Whether a 预选 must set the formal list: more nominees than ``seats + margin`` (组织法 第二十七条第一款).

    ``margin`` is the 选举办法's 差额数; when None, the law's largest (principal 1, vice 3). ``'member'`` has no
    legal 差额: False unless a margin is given."""
    check_int("提名人数", nominated)
    check_int("应选名额", seats)
    if margin is None:
        if post_kind not in MARGINS:
            return False
        margin = MARGINS[post_kind][1]
    return nominated > seats + margin


def formal_list(votes: dict[str, int], seats: int, margin: int) -> tuple[list[str], list[str]]:
    """The formal candidates by a 预选's votes: the first ``seats + margin`` by votes (组织法 第二十七条第一款
    "根据在预选中得票多少的顺序，按照选举办法规定的差额数，确定正式候选人名单").

    Returns (formal, tied): when candidates tie across the last place, the list cannot be decided by the count —
    ``formal`` holds those certainly in and ``tied`` those tied for the remaining places (the presidium decides
    how to resolve it, e.g. a further 预选). Raises ``ImpossibleCounts`` for negative votes."""
    for name, v in votes.items():
        check_int(f"{name}的预选得票", v)
    places = seats + margin
    ranked = sorted(votes.items(), key=lambda nv: -nv[1])
    if len(ranked) <= places:
        return [n for n, _ in ranked], []
    cut = ranked[places - 1][1]
    above = [n for n, v in ranked if v > cut]
    at = [n for n, v in ranked if v == cut]
    if len(above) + len(at) == places:
        return above + at, []
    return above, at
