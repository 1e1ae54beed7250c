"""How a deputy's mandate, or a chair's or town head's post, ends: resignation, recall, announcement.

Sources:

- 选举法 (2020) 第五十条第一款: "对于县级的人民代表大会代表，原选区选民五十人以上联名，对于乡级的人民
  代表大会代表，原选区选民三十人以上联名，可以向县级的人民代表大会常务委员会书面提出罢免要求。"
- 第五十二条: 罢免代表采用无记名的表决方式. 第五十三条第一款: "罢免县级和乡级的人民代表大会代表，须经
  原选区过半数的选民通过。" — more than half of the constituency's voters, not of those voting.
- 第五十四条第二款: a chair's or vice-chair's mandate recalled → the post is revoked too, 由主席团予以公告.
- 第五十五条第二款: "乡级的人民代表大会代表可以向本级人民代表大会书面提出辞职…乡级的人民代表大会接受
  辞职，须经人民代表大会过半数的代表通过。接受辞职的，应当予以公告。" (县级 deputies resign to the
  county standing committee.)
- 第五十六条第二款: a chair or vice-chair whose resignation as deputy is accepted leaves the post, 由主席团
  予以公告.
- 代表法 (2025) 第六十二条: the cases in which a mandate ends; 第六十三条第二款: "乡、民族乡、镇的人民代表
  大会代表资格的终止，由代表资格审查委员会报本级人民代表大会，由本级人民代表大会予以公告。"
- 组织法 (2022) 第三十一条第二款: at a session, "主席团或者五分之一以上代表联名，可以提出对人民代表大会
  主席、副主席，乡长、副乡长，镇长、副镇长的罢免案，由主席团提请大会审议"; 第三十二条第二款: they may
  resign to the congress, "由大会决定是否接受辞职"; the congress decides by a majority of all deputies
  (第二十五条). Likewise 重庆 第二十六条、第二十七条, 北京 第二十七条、第二十八条, 山东 第二十一条、第二十二条.
"""

from __future__ import annotations

from rdtool.rules._counting import check_int
from rdtool.rules.majority import ImpossibleCounts

__all__ = [
    "RECALL_PETITIONERS",
    "TOWNSHIP_POSTS",
    "recall_petition_problem",
    "recall_vote_problem",
    "congress_decision_problem",
    "announcement_problem",
    "post_recall_motion_problem",
    "is_township_post",
    "township_post_of",
    "resignation_body_problem",
]

RECALL_PETITIONERS = {"township": 30, "county": 50}
"""选举法 (2020) 第五十条第一款: 乡级 30, 县级 50 of the constituency's voters (以上 includes the figure)."""

TOWNSHIP_POSTS = ("主席", "副主席", "乡长", "副乡长", "镇长", "副镇长")
"""The posts the township congress elects and may recall (组织法 第三十一条第二款)."""

ART_PETITION = "选举法第五十条第一款"
ART_RECALL = "选举法第五十三条第一款"
ART_RESIGN = "选举法第五十五条第二款"
ART_ANNOUNCE = "代表法第六十三条第二款"
ART_POST_RECALL = "组织法第三十一条第二款"
ART_RESIGN_POST = "组织法第三十二条第二款"


def recall_petition_problem(petitioners: int, level: str) -> str | None:
    """Why a recall request cannot stand (too few voters signed), or None. 选举法 第五十条第一款.

    A township deputy needs 30 or more of the constituency's voters, a county deputy 50 or more.
    Raises ``ImpossibleCounts`` for a negative count, ``ValueError`` for an unknown level.
    """
    check_int("联名要求罢免的选民人数", petitioners)
    if level not in RECALL_PETITIONERS:
        raise ValueError(f"未知的代表层级：{level!r}")
    need = RECALL_PETITIONERS[level]
    if petitioners >= need:
        return None
    what = "乡级" if level == "township" else "县级"
    return f"原选区选民{petitioners}人联名，不足{need}人；罢免{what}人大代表须原选区选民{need}人以上联名提出（{ART_PETITION}）"


def recall_vote_problem(yes: int, voters: int) -> str | None:
    """Why a recall vote did not pass, or None when it did. 选举法 第五十三条第一款.

    "须经原选区过半数的选民通过": more than half of **all** the constituency's voters (``2*yes > voters``),
    not of those who voted; exactly half is not enough. Raises ``ImpossibleCounts`` for negative
    figures, ``voters <= 0`` or more votes than voters.
    """
    check_int("同意罢免的票数", yes)
    check_int("原选区选民总数", voters)
    if voters <= 0:
        raise ImpossibleCounts(f"原选区选民总数必须大于0，收到：{voters}")
    if yes > voters:
        raise ImpossibleCounts(f"同意罢免{yes}票，多于原选区选民{voters}人")
    if 2 * yes > voters:
        return None
    return (f"同意罢免{yes}票，未超过原选区选民{voters}人的半数（至少{voters // 2 + 1}票），罢免未获通过，"
            f"代表资格不终止（{ART_RECALL}）")


def congress_decision_problem(meeting_kind: str, result: str | None, what: str, article: str) -> str | None:
    """Why a vote cannot be the congress's acceptance (or recall) decision, or None when it is.

    The township congress decides by a majority of all deputies at a session with its quorum
    (选举法 第五十五条第二款 "须经人民代表大会过半数的代表通过"; 组织法 第二十五条、第十四条第四款) — what
    ``rdtool.rules.majority.decide_vote('congress', …)`` computes as ``'passed'``. ``what`` names the
    decision in the message ("接受辞职", "罢免").
    """
    if meeting_kind != "congress":
        return f"{what}须由本级人民代表大会会议表决决定，这项表决不在人民代表大会会议上（{article}）"
    if result is None:
        return f"这项表决还没有票数，不能作为{what}的决定"
    if result != "passed":
        return f"这项表决未以全体代表的过半数通过（{'不足法定人数' if result == 'no_quorum' else '未通过'}），不能{what}（{article}）"
    return None


def announcement_problem(ended_on: str, announced_on: str | None) -> str | None:
    """An announcement dated before the end it announces is impossible (代表法 第六十三条第二款)."""
    if announced_on and announced_on < ended_on:
        return f"公告日期 {announced_on} 早于代表资格终止的日期 {ended_on}"
    return None


def is_township_post(post: str) -> bool:
    """True for 主席、副主席、乡长、副乡长、镇长、副镇长 (组织法 第三十一条第二款、第三十二条第二款)."""
    return post.strip() in TOWNSHIP_POSTS


def post_recall_motion_problem(motion_by: str, movers: int | None, all_deputies: int) -> str | None:
    """Why a recall motion against a chair, vice-chair or town head cannot stand, or None.

    组织法 (2022) 第三十一条第二款: "主席团或者五分之一以上代表联名" — the presidium's motion needs no count;
    deputies' needs ``5*movers >= all_deputies`` (exactly one fifth suffices). Raises
    ``ImpossibleCounts`` for negative figures or more movers than deputies; ``ValueError`` for an
    unknown ``motion_by``.
    """
    if motion_by == "presidium":
        return None
    if motion_by != "deputies":
        raise ValueError(f"未知的罢免案提出方：{motion_by!r}（应为 presidium 或 deputies）")
    if movers is None:
        return f"代表联名提出的罢免案须写明联名代表人数（{ART_POST_RECALL}：五分之一以上代表联名）"
    check_int("联名代表人数", movers)
    check_int("全体代表人数", all_deputies)
    if movers > all_deputies:
        raise ImpossibleCounts(f"联名代表{movers}人，多于全体代表{all_deputies}人")
    if 5 * movers >= all_deputies:
        return None
    return (f"联名代表{movers}人，不足全体代表{all_deputies}人的五分之一（至少{(all_deputies + 4) // 5}人）"
            f"（{ART_POST_RECALL}）")


_PEOPLES_CONGRESS = ("人大", "人民代表大会")


def township_post_of(position: str) -> str | None:
    """The congress-elected post a position names (三川镇副镇长 → 副镇长, 镇人大主席 → 主席), or None.

    The posts of 组织法 第三十一条第二款、第三十二条第二款. 主席 and 副主席 count only as the congress's own
    (the bare word, or with 人大/人民代表大会 in the position): 镇总工会主席 is not one.
    """
    text = position.strip()
    for post in sorted(TOWNSHIP_POSTS, key=len, reverse=True):
        if not text.endswith(post):
            continue
        if post in ("主席", "副主席") and text != post and not any(w in text for w in _PEOPLES_CONGRESS):
            return None
        return post
    return None


def resignation_body_problem(post: str | None, meeting_kind: str | None, in_session: bool,
                             presidium_may_accept: bool, presidium_article: str = "") -> str | None:
    """Why a resignation from ``post`` cannot be accepted by this body, or None when it can.

    组织法 (2022) 第三十二条第二款: "乡、民族乡、镇的人民代表大会主席、副主席，乡长、副乡长，镇长、副镇长，可以
    向本级人民代表大会提出辞职，由大会决定是否接受辞职" — the congress (``meeting_kind`` ``'congress'``). Where
    the province lets the presidium accept it in recess (``presidium_may_accept``: 重庆市乡镇人民代表大会工作条例
    第三十二条第十项 "可以接受…主席团个别成员和…人民政府个别领导人员的辞职…主席团决定接受辞职后，报本级人民代表
    大会确认"), a presidium meeting not held during a congress session (``in_session`` False) may too. A post
    the congress does not elect (``post`` None: a 站所 head the presidium appoints) is not governed here.
    """
    if post is None or meeting_kind == "congress":
        return None
    if meeting_kind == "presidium" and presidium_may_accept:
        if not in_session:
            return None
        return (f"人民代表大会举行会议期间，{post}的辞职由大会决定是否接受；主席团只在闭会期间可以接受辞职"
                f"（{presidium_article}）")
    body = "主席团" if meeting_kind == "presidium" else ("没有会议" if meeting_kind is None else "这次会议")
    return f"{post}的辞职由本级人民代表大会决定是否接受，不能由{body}接受（{ART_RESIGN_POST}）"
