"""Deadlines for the handling of deputies' suggestions (代表建议、批评和意见).

- 代表法 (2025年修正) 第五十一条第二款: "并自交办之日起三个月内答复。涉及面广、处理难度大的建议、
  批评和意见，应当自交办之日起六个月内答复。" (代表法 2015年修正 第四十二条第一款, same words.)
- Provinces may set shorter limits for township deputies, e.g. 重庆市乡镇人民代表大会工作条例 第十六条
  (两个月内, 最迟不得超过四个月, from 交办), 山东省乡镇人民代表大会工作若干规定 第十五条 (两个月, 特殊
  情况至迟四个月 — counted from 大会闭会之日, not from 交办); hence the ``months`` parameters.
- Re-handling after an unsatisfied reply: 一个月内 — 浙江省人民代表大会代表建议、批评和意见办理的规定
  第二十四条, 山东省人民代表大会代表建议、批评和意见办理工作条例 第二十四条, 河南省人民代表大会代表
  建议、批评和意见办理办法 第二十二条第二款, 上海市人民代表大会关于代表建议、批评和意见的规定 第二十一条
  第二款; 北京市人民代表大会代表建议、批评和意见办理条例 第二十七条第四款 says 二个月.

Month arithmetic follows the general rule for periods counted in months (中华人民共和国民法典
第二百零二条: "按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的
最后一日。"): the due date is the same day of the month N months later, or that month's last day.
Holidays (民法典 第二百零三条) are not modelled.
"""

from __future__ import annotations

import calendar
from datetime import date

__all__ = [
    "REPLY_MONTHS",
    "REPLY_MONTHS_COMPLEX",
    "REHANDLE_MONTHS",
    "add_months",
    "reply_due",
    "reply_start",
    "rehandle_due",
    "days_overdue",
    "ASSIGN_LIMITS",
    "assign_due",
]

REPLY_MONTHS = 3
REPLY_MONTHS_COMPLEX = 6
REHANDLE_MONTHS = 1


def add_months(d: date, n: int) -> date:
    """``d`` plus ``n`` months (``n`` may be negative), clamped to the end of the target month.

    The corresponding day of the target month, or its last day when there is none (民法典
    第二百零二条): 2021-11-30 + 3 → 2022-02-28; 2023-08-31 + 6 → 2024-02-29;
    2024-01-31 + 1 → 2024-02-29.
    """
    if not isinstance(n, int) or isinstance(n, bool):
        raise ValueError(f"月数必须是整数，收到：{n!r}")
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise ValueError(f"日期超出范围：{d.isoformat()} 加 {n} 个月")
    month = month0 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def reply_due(assigned_on: date, complex: bool, months: int = REPLY_MONTHS, complex_months: int = REPLY_MONTHS_COMPLEX) -> date:
    """The last day for answering a suggestion assigned (交办) on ``assigned_on``.

    代表法 (2025年修正) 第五十一条第二款: "自交办之日起三个月内答复。涉及面广、处理难度大的建议、批评和
    意见，应当自交办之日起六个月内答复。" ``complex`` selects the six-month limit. Provinces may
    shorten both (e.g. 重庆市乡镇人民代表大会工作条例 第十六条: two months, at most four) — pass
    ``months``/``complex_months`` from the province profile. A reply on the due date is on time.
    """
    return add_months(assigned_on, complex_months if complex else months)


def reply_start(assigned_on: date, session_closed_on: date | None, reply_from: str = "assigned") -> date:
    """The day a suggestion's reply period starts: 交办之日, or the session's closing day where the province says so.

    代表法 (2025年修正) 第五十一条第二款 counts "自交办之日起" (``reply_from='assigned'``). 山东省乡镇人民代表大会
    工作若干规定 第十五条: "有关机关和组织应负责在大会闭会之日起两个月内…予以答复" (``'session_close'``) — for
    a suggestion made at the session (``session_closed_on`` its last day); one made in recess
    (``session_closed_on`` None) is not covered by that article and counts from 交办.
    """
    if reply_from == "session_close" and session_closed_on is not None:
        return session_closed_on
    return assigned_on


def rehandle_due(feedback_on: date, months: int = REHANDLE_MONTHS) -> date:
    """The last day for a new answer after the deputy said the reply was unsatisfactory.

    一个月内再次答复: 浙江省人民代表大会代表建议、批评和意见办理的规定 第二十四条 ("承办单位应当在一个月
    内重新书面答复代表"); 山东省人民代表大会代表建议、批评和意见办理工作条例 第二十四条 ("承办单位应当
    重新研究办理，并在一个月内再次答复代表"); also 河南 办理办法 第二十二条第二款, 上海 规定 第二十一条
    第二款. 北京 办理条例 第二十七条第四款 allows 二个月 (``months=2``). These are provincial rules
    for provincial deputies, which townships commonly follow; the national 代表法 sets no re-handling
    limit. The period runs from the day the unsatisfied feedback was given (``feedback_on``).
    """
    return add_months(feedback_on, months)


def days_overdue(due_on: date, replied_on: date | None, as_of: date) -> int:
    """Days past the due date, judged on ``as_of``; 0 when not late.

    A reply dated after ``as_of`` is not yet known on ``as_of`` (docs/report.md: states are judged as of
    ``--as-of``), so lateness is then counted up to ``as_of``. Replying on the due date is on time
    (the due date is the last day of the period — 代表法 2025 第五十一条第二款 "…内答复").
    """
    end = replied_on if replied_on is not None and replied_on <= as_of else as_of
    return max(0, (end - due_on).days)


ASSIGN_LIMITS: dict[str, tuple[int, bool, str]] = {
    "shanghai": (7, True, "《上海市人民代表大会关于代表建议、批评和意见的规定》第十一条第一款（依第二十八条参照）"),
    "shandong": (5, False, "《山东省人民代表大会代表建议、批评和意见办理工作条例》第十条第一款（依第三十二条参照）"),
}
"""Per province profile: (days, working days?, article) within which a suggestion made in recess is assigned."""


def assign_due(received: date, days: int, working: bool) -> date:
    """The last day for assigning (交办) a suggestion received in recess on ``received``.

    上海市人民代表大会关于代表建议、批评和意见的规定 第十一条第一款: "在收到之日起七个工作日内交办" (``working``: Monday to
    Friday count; public holidays are not modelled). 山东省人民代表大会代表建议、批评和意见办理工作条例 第十条第一款:
    "在接到之日起五日内…交承办单位办理". As 民法典 第二百零一条 counts a period in days, the day received is not
    counted; a calendar-day period whose last day is a Saturday or Sunday ends on the Monday (第二百零三条第一款).
    """
    from datetime import timedelta

    d = received
    if working:
        left = days
        while left:
            d += timedelta(days=1)
            if d.weekday() < 5:
                left -= 1
        return d
    d = received + timedelta(days=days)
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d
