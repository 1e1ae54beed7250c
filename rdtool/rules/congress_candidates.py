"""Who may stand in an election by the township congress: contest sizes, 另行选举 lists, seats.

Sources (cited by law and article; docs/rules.md lists every rule):

- 组织法 (2022) 第二十七条第一款: 乡镇人大主席、人民政府正职 "候选人数可以多一人，进行差额选举；如果提名
  的候选人只有一人，也可以等额选举"; 副主席、人民政府副职 "候选人数应比应选人数多一人至三人"; if
  more are nominated than the 选举办法's 差额数, a 预选 decides the formal list.
- 组织法 第二十九条第二款: "另行选举时，可以根据在第一次投票时得票多少的顺序确定候选人，也可以依照本法
  规定的程序另行提名、确定候选人"; 第三款: 另行选举 of 副主席 and vice heads again follows 第二十七条第一款's
  差额. (选举法 第四十五条第四款 — "根据在第一次投票时得票多少的顺序，按照本法第三十一条规定的差额比例，
  确定候选人名单。如果只选一人，候选人应为二人" — is the rule for the direct election of deputies; the
  congress's own elections follow 组织法 第二十九条.)
- 组织法 第十八条第一款: "乡、民族乡、镇的人民代表大会设主席，并可以设副主席一人至二人"。
- 组织法 第三十条: 补选 — candidates may exceed or equal the seats.
"""

from __future__ import annotations

from rdtool.rules._counting import check_int, join_names
from rdtool.rules.majority import ImpossibleCounts

__all__ = [
    "POST_KINDS",
    "NotAllowed",
    "MAX_VICE_CHAIRS",
    "contest_size_warnings",
    "check_additional_round",
    "check_seats",
    "ranking_notes",
]

POST_KINDS = ("principal", "vice", "member")
MAX_VICE_CHAIRS = 2  # 组织法 第十八条第一款: 副主席一人至二人

ART_CONTEST = "《地方各级人民代表大会和地方各级人民政府组织法》（2022）第二十七条第一款"
ART_ADDITIONAL = "《地方各级人民代表大会和地方各级人民政府组织法》（2022）第二十九条第二款、第三款"
ART_VICE_CHAIRS = "《地方各级人民代表大会和地方各级人民政府组织法》（2022）第十八条第一款"


class NotAllowed(ValueError):
    """A round the law does not allow as entered (a re-vote naming someone who was not tied, an 另行选举 for
    more seats than are missing, three vice-chairs, a further round after the seats are filled).
    The message is Chinese."""


def check_seats(office: str | None, seats: int, limit: int = MAX_VICE_CHAIRS) -> None:
    """A 副主席 contest elects one or two: ``seats > limit`` raises ``NotAllowed``.

    组织法 (2022) 第十八条第一款: "乡、民族乡、镇的人民代表大会设主席，并可以设副主席一人至二人。"
    ``office`` is the post's office code (``'vice_chair'`` is checked; other posts have no cap here).
    ``limit`` is the law's two unless a province's profile says otherwise.
    """
    check_int("应选名额", seats)
    if office == "vice_chair" and seats > limit:
        raise NotAllowed(f"副主席设一人至{'二' if limit == 2 else limit}人，应选名额不能为{seats}名（{ART_VICE_CHAIRS}）")


def contest_size_warnings(post_kind: str, seats: int, candidates: int, by_election: bool = False,
                          additional: bool = False) -> list[str]:
    """Warnings (Chinese) when the number of candidates does not fit the law; ``[]`` when it does.

    组织法 (2022) 第二十七条第一款:

    - ``'principal'`` (乡镇人大主席、乡长/镇长): "候选人数可以多一人，进行差额选举；如果提名的候选人
      只有一人，也可以等额选举". So with one seat, 1 candidate (等额) or 2 (差额) are both fine;
      3 or more draw a warning (more than one extra; the 选举办法 must reduce the list, by 预选
      if needed). A principal post has one seat: ``seats != 1`` draws a warning.
    - ``'vice'`` (副主席、副乡长/副镇长): "候选人数应比应选人数多一人至三人" — candidates − seats
      must be 1, 2 or 3. Fewer → not a 差额 election; more → a 预选 must set the formal list
      (第二十七条第一款 last sentence). The same 差额 applies to an 另行选举 of vice posts
      (第二十九条第三款). (组织法 第十八条 allows 副主席一人至二人; that cap is `check_seats`,
      since ``'vice'`` also covers 副乡镇长.)
    - ``'member'`` (主席团成员, 组织法 第十九条): no law cited here sets a candidate ratio for the
      presidium, so there is no legal warning; only the arithmetic one below.

    ``by_election=True`` (补选, 组织法 第三十条: "候选人数可以多于应选人数，也可以同应选人数相等")
    lifts the ratio rules for every kind. ``additional=True`` (an 另行选举 after a shortfall) keeps them and
    cites 第二十九条第三款 for vice posts ("另行选举…副主席，人民政府副职领导人员时，依照本法第二十七条第一款
    的规定，确定差额数，进行差额选举"): a one-candidate 另行选举 of one 副镇长 is flagged. A principal post may
    still be uncontested in an 另行选举 (第二十七条第一款 "如果提名的候选人只有一人，也可以等额选举").

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
    vice_art = f"{ART_ADDITIONAL}、第二十七条第一款" if additional else ART_CONTEST
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
                f"副职候选人{candidates}人，未多于应选名额{seats}名；副职{'另行选举也' if additional else ''}应差额选举，"
                f"候选人数应比应选人数多一人至三人（{vice_art}）"
            )
        elif extra > 3:
            warnings.append(
                f"副职候选人{candidates}人，比应选名额多{extra}人，超过三人；应当进行预选，"
                f"按选举办法规定的差额数确定正式候选人名单（{vice_art}）"
            )
    return warnings


def check_additional_round(missing_seats: int, seats: int, candidates: list[str], elected_before: list[str]) -> None:
    """An 另行选举 fills only the seats still missing, among people not already elected.

    组织法 (2022) 第二十九条第二款: "获得过半数选票的当选人数少于应选名额时，不足的名额另行选举。"
    Raises ``NotAllowed`` when ``seats`` exceeds ``missing_seats`` or a candidate was elected in an
    earlier round (``elected_before``). Fewer seats than missing is allowed (the rest may be elected
    later, at this session or the next).
    """
    check_int("尚缺名额", missing_seats)
    check_int("应选名额", seats)
    if seats > missing_seats:
        raise NotAllowed(f"另行选举只选不足的名额：尚缺{missing_seats}名，本轮应选{seats}名（{ART_ADDITIONAL}）")
    again = [n for n in candidates if n in set(elected_before)]
    if again:
        raise NotAllowed(f"{join_names(again)}已在前一轮当选，不能再作为另行选举的候选人（{ART_ADDITIONAL}）")


def ranking_notes(candidates: list[str], first_round: dict[str, int], elected_before: list[str]) -> list[str]:
    """A note when an 另行选举's list skips a first-round candidate who had more votes than one listed.

    组织法 (2022) 第二十九条第二款 allows both ways: "可以根据在第一次投票时得票多少的顺序确定候选人，也可以
    依照本法规定的程序另行提名、确定候选人". So a list that skips the second-ranked is not unlawful for the
    congress's elections (选举法 第四十五条第四款's rank rule is for deputies); it is flagged so the secretary
    confirms the list was re-nominated. Candidates who were not in the first round are a re-nomination and
    draw no note. ``first_round`` maps first-round candidates to their votes.
    """
    won = set(elected_before)
    listed = [n for n in candidates if n in first_round]
    if not listed:
        return []
    lowest = min(first_round[n] for n in listed)
    skipped = sorted((n for n, v in first_round.items() if v > lowest and n not in won and n not in candidates),
                     key=lambda n: -first_round[n])
    if not skipped:
        return []
    ranking = "、".join(f"{n}{v}票" for n, v in sorted(first_round.items(), key=lambda nv: -nv[1]) if n not in won)
    return [f"另行选举的候选人未按第一次投票得票多少的顺序确定：第一次投票未当选者依次为{ranking}，"
            f"本轮未列入{join_names(skipped)}；组织法第二十九条第二款也允许依法另行提名、确定候选人，"
            f"如为另行提名可不理会本提示"]
