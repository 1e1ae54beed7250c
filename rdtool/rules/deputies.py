"""Rules about township deputies: motions, absences, extraordinary sessions, the term.

- 组织法 (2022) 第九条: "地方各级人民代表大会每届任期五年。"
- 组织法 第十四条第三款: 乡镇人大主席团认为必要，或者经过五分之一以上代表提议，可以临时召集本级人民
  代表大会会议.
- 组织法 第二十二条第二款: 乡、民族乡、镇的人民代表大会代表五人以上联名，可以…提出…议案.
- 选举法 (2020) 第四条: "中华人民共和国年满十八周岁的公民…都有选举权和被选举权" — ages are 周岁 (completed
  years), counted on election day (北京市区、乡、民族乡、镇人民代表大会代表选举实施细则 第二十九条第四款, 上海市区和乡镇
  人民代表大会代表直接选举实施细则 第十九条第二款: "以…选举日为标准").
- 代表法 (2025年修正) 第六十二条第三项 (2015年修正 第四十九条第三项, same words): 未经批准两次不出席
  本级人民代表大会会议的, 代表资格终止.
"""

from __future__ import annotations

from rdtool.rules import ImpossibleCounts

__all__ = [
    "TERM_YEARS",
    "MOTION_MIN_SIGNERS",
    "ABSENCES_ENDING_MANDATE",
    "motion_signers_ok",
    "motion_signer_count",
    "motion_date_problem",
    "mandate_ends_for_absence",
    "extraordinary_session_request_ok",
    "term_length_warning",
    "AGE_BANDS",
    "age_on",
    "ELECTION_AGE",
    "under_age_problem",
    "age_band",
    "births_agree",
]

TERM_YEARS = 5
"""组织法 (2022) 第九条 "地方各级人民代表大会每届任期五年"; 代表法 (2025) 第二条第三款."""

MOTION_MIN_SIGNERS = 5
"""组织法 (2022) 第二十二条第二款: 乡镇人大代表五人以上联名 (lead + co-signers)."""

ABSENCES_ENDING_MANDATE = 2
"""代表法 (2025) 第六十二条第三项: 未经批准两次不出席."""


def term_length_warning(start: str, next_start: str) -> str | None:
    """A warning when a term ran more than five years (and the two months its successor's first session may take).

    组织法 (2022) 第九条 "地方各级人民代表大会每届任期五年"; 代表法 (2025) 第二条第三款: "每届任期五年，从每届本级人民
    代表大会举行第一次会议开始，到下届本级人民代表大会举行第一次会议为止". The next term's first session is held
    within two months of its election (组织法 第二十条), so a term may run a little past five years; rdtool warns when
    the next term begins more than five years and two months after this one began (``next_start`` the next
    term's start, or this term's recorded end). A warning, not a refusal: the term lasts until the next first
    session, whenever that was.
    """
    from datetime import date

    from rdtool.rules.deadlines import add_months

    limit = add_months(date.fromisoformat(start), 12 * TERM_YEARS + 2).isoformat()
    if next_start <= limit:
        return None
    return (f"本届自{start}开始，到{next_start}才由下一届接替，超过五年（组织法第九条“每届任期五年”；"
            f"代表法第二条第三款）；请核对届次的起止日期")


def _nonneg(label: str, n: int) -> int:
    if not isinstance(n, int) or isinstance(n, bool):
        raise ImpossibleCounts(f"{label}必须是整数，收到：{n!r}")
    if n < 0:
        raise ImpossibleCounts(f"{label}不能为负数：{n}")
    return n


def motion_signers_ok(n: int) -> bool:
    """True when a township motion (议案) has enough signers: five or more, lead included.

    组织法 (2022) 第二十二条第二款: "乡、民族乡、镇的人民代表大会代表五人以上联名，可以向本级人民代表大会
    提出属于本级人民代表大会职权范围内的议案" — 以上 includes five; the lead deputy (领衔代表) counts
    with the co-signers (附议代表). Raises ``ImpossibleCounts`` for a negative count.
    """
    return _nonneg("联名代表人数", n) >= MOTION_MIN_SIGNERS


def motion_signer_count(levels: list[str]) -> int:
    """How many of a motion's signers count towards the five: township deputies only.

    组织法 (2022) 第二十二条第二款: "乡、民族乡、镇的人民代表大会代表五人以上联名" — the signers are deputies
    of the township congress the motion goes to; a county deputy (``'county'``) who signs does not count.
    ``levels`` holds each signer's level (lead included), one entry per signer.
    """
    return sum(1 for level in levels if level == "township")


def motion_date_problem(submitted: str, session_start: str, before_allowed: bool,
                        previous_end: str | None = None) -> str | None:
    """What is wrong with the day a motion was submitted to a congress session, or None.

    组织法 (2022) 第二十二条第二款: "乡、民族乡、镇的人民代表大会举行会议的时候，…代表五人以上联名，可以…
    提出…议案" — during the session. Where the province allows it (``before_allowed``: 山东省乡镇人民代表大会
    工作若干规定 第十四条第二款 "也可以在乡镇人民代表大会会议举行前提出"; 重庆市乡镇人民代表大会工作条例
    第十四条第四款 "应当在大会主席团作出召开…会议的决定之日起至代表议案截止时间之前提出"), a motion may also be
    submitted before the session opens, but not before the previous session closed (``previous_end``: it
    would then belong to that session). Dates are ISO strings; returns ``'before'`` or
    ``'before_previous'``.
    """
    if submitted >= session_start:
        return None
    if not before_allowed:
        return "before"
    if previous_end is not None and submitted <= previous_end:
        return "before_previous"
    return None


def mandate_ends_for_absence(unexcused_absences: int) -> bool:
    """True when a deputy's unexcused absences from congress sessions end the mandate.

    代表法 (2025年修正) 第六十二条第三项 (2015年修正 第四十九条第三项): "未经批准两次不出席本级人民
    代表大会会议的", 其代表资格终止. Two absences without approved leave (请假未获批准 or no leave), not
    necessarily consecutive, counted over the deputy's term. Absences with approved leave
    (attendance ``leave``) do not count. The same rule: 北京市乡、民族乡、镇人民代表大会组织条例
    第三十四条, 重庆市乡镇人民代表大会工作条例 第四十八条. Raises ``ImpossibleCounts`` for a negative
    count.
    """
    return _nonneg("未经批准缺席次数", unexcused_absences) >= ABSENCES_ENDING_MANDATE


def extraordinary_session_request_ok(requesters: int, all_deputies: int) -> bool:
    """True when enough deputies proposed an extraordinary congress session: one fifth or more.

    组织法 (2022) 第十四条第三款: "…乡、民族乡、镇的人民代表大会主席团认为必要，或者经过五分之一以上
    代表提议，可以临时召集本级人民代表大会会议。" ``5*requesters >= all_deputies`` (exactly one
    fifth suffices: 以上 includes the figure). The presidium may also call one on its own
    decision, which needs no count. Raises ``ImpossibleCounts`` for negative figures,
    ``all_deputies <= 0`` or more requesters than deputies.
    """
    _nonneg("提议代表人数", requesters)
    _nonneg("全体代表人数", all_deputies)
    if all_deputies <= 0:
        raise ImpossibleCounts(f"全体代表人数必须大于0，收到：{all_deputies}")
    if requesters > all_deputies:
        raise ImpossibleCounts(f"提议代表{requesters}人，多于全体代表{all_deputies}人")
    return 5 * requesters >= all_deputies


AGE_BANDS = (("35岁及以下", 0, 35), ("36–45岁", 36, 45), ("46–55岁", 46, 55), ("56岁及以上", 56, 200))
"""The age bands of the roster's composition (代表结构) and the report: (label, lowest, highest) in 周岁."""


def age_on(birth: str | None, day: str) -> int | None:
    """A person's age in 周岁 (completed years) on `day`, as 选举法 (2020) 第四条 counts "年满十八周岁".

    `birth` is an ISO date (1979-08-15: one more year on each birthday, the birthday itself included) or,
    as rosters record it, a month only (1979-08: at month precision one more year from the first day of
    the birth month — the birthday falls somewhere in that month). None when the birth date is unknown.
    """
    if not birth:
        return None
    y, m = int(birth[:4]), int(birth[5:7])
    dy, dm, dd = int(day[:4]), int(day[5:7]), int(day[8:10])
    if len(birth) == 7:
        return dy - y - (dm < m)
    return dy - y - ((dm, dd) < (m, int(birth[8:10])))


ELECTION_AGE = 18
"""选举法 (2020) 第四条: 年满十八周岁 (18 completed years) to vote and to stand."""


def under_age_problem(birth: str | None, election_day: str | None, who: str = "") -> str | None:
    """Why a person born on ``birth`` could not stand in (or be elected at) an election on ``election_day``, or None.

    选举法 (2020) 第四条: "中华人民共和国年满十八周岁的公民…都有选举权和被选举权"; the age is counted on election
    day (北京 选举实施细则 第二十九条第四款, 上海 直接选举实施细则 第十九条第二款). Eighteen on the day itself (the
    birthday) suffices. A birth recorded as a month only (2003-11) is given the benefit of the doubt: 18 from the
    first day of that month. None when either date is unknown.
    """
    if not birth or not election_day:
        return None
    age = age_on(birth, election_day)
    if age is None or age >= ELECTION_AGE:
        return None
    return f"{who}出生于{birth}，{election_day}时{age}周岁，未满十八周岁，没有被选举权（选举法第四条）"


def age_band(age: int | None) -> str:
    """The label of the band of AGE_BANDS an age falls in ('' when the age is unknown)."""
    if age is None:
        return ""
    return next(lab for lab, lo, hi in AGE_BANDS if lo <= age <= hi)


def births_agree(a: str | None, b: str | None) -> bool:
    """Whether two recorded births can be the same person's: equal, or a month (1979-08) and a day in it
    (1979-08-15) — a roster records the month, an ID card the day. Two unknown births agree."""
    if not a or not b:
        return not a and not b
    return a == b or (len(a) != len(b) and a[:7] == b[:7])
