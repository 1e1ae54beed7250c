"""The term's legal calendar: how often the congress and the presidium meet, notice, the first session.

Pure functions of dates; each returns Chinese warnings (``[]`` when the records are lawful) or plain values.
The article is passed in from the province profile (``rdtool.rules.provinces``) where provinces differ.

- 组织法 (2022) 第十四条第一款: "地方各级人民代表大会会议每年至少举行一次。乡、民族乡、镇的人民代表大会
  会议一般每年举行两次。" 北京市乡、民族乡、镇人民代表大会组织条例 第五条第一款 is stricter: "每半年至少
  举行一次；每年的第一次会议，应当不迟于三月底前举行".
- Presidium meetings: 浙江省乡镇人民代表大会工作条例 第二十四条第一款 ("闭会期间，至少每三个月举行一次
  会议"), 河南省乡镇人民代表大会主席团工作条例 第五条第一款 ("闭会期间，主席团会议每三个月至少举行一次"),
  重庆市乡镇人民代表大会工作条例 第三十四条第一款 ("每个季度至少召开一次会议"). No national law sets it.
- Notice: 浙江 第二十条 ("举行会议七日前…通知代表…临时举行的…不受上述时间规定限制"), 重庆 第十一条
  ("会议举行的十日前，主席团将开会日期和建议议程通知代表").
- 组织法 第二十条: "每届第一次会议，在本届人民代表大会代表选举完成后的两个月内…召集" (also 浙江 第十五条,
  重庆 第九条, 北京 第五条第二款, 山东 第六条).
- Presidium size: 浙江 第八条第二款, 河南 第二条第三款, 重庆 第三十条第一款, 山东 第八条第二款, 北京 第十七条
  第二款 (see the profiles).

Months are counted as in ``rdtool.rules.deadlines.add_months`` (民法典 第二百零二条).
"""

from __future__ import annotations

from datetime import date

from rdtool.rules.deadlines import add_months

__all__ = [
    "presidium_request_problem",
    "quarter_of",
    "session_year_status",
    "half_year_findings",
    "presidium_gaps",
    "quarters_without",
    "notice_warning",
    "first_session_warning",
    "presidium_size_warning",
]


def quarter_of(d: date) -> tuple[int, int]:
    """(year, quarter 1–4) of a date."""
    return d.year, (d.month - 1) // 3 + 1


def session_year_status(sessions: int, regular: int) -> str | None:
    """How one calendar year's congress sessions stand against 组织法 (2022) 第十四条第一款.

    "每年至少举行一次" — ``sessions`` counts every session held, an extraordinary one too: none →
    ``'none'``. "乡、民族乡、镇的人民代表大会会议一般每年举行两次" — ``regular`` counts those not called
    extraordinarily (a 临时会议 is not one of the two): fewer than two → ``'fewer_than_two'``. Lawful → None.
    """
    if sessions == 0:
        return "none"
    if regular < 2:
        return "fewer_than_two"
    return None


def half_year_findings(year: int, session_days: list[date], article: str) -> list[str]:
    """北京: at least one session in each half-year, and the year's first session by 31 March.

    北京市乡、民族乡、镇人民代表大会组织条例 第五条第一款: "每半年至少举行一次；每年的第一次会议，应当不迟于
    三月底前举行". ``session_days``: the days of the sessions held (any kind; other years are ignored). A
    session on 31 March is in time. The caller passes only years that are over.
    """
    days = sorted(d for d in session_days if d.year == year)
    out = []
    first = [d for d in days if d.month <= 6]
    second = [d for d in days if d.month > 6]
    if not first:
        out.append(f"{year}年上半年没有举行人民代表大会会议；每半年至少举行一次（{article}）")
    elif first[0] > date(year, 3, 31):
        out.append(f"{year}年第一次人民代表大会会议于{first[0].isoformat()}举行，晚于三月底（{article}）")
    if not second:
        out.append(f"{year}年下半年没有举行人民代表大会会议；每半年至少举行一次（{article}）")
    return out


def presidium_gaps(days: list[date], until: date) -> list[tuple[date, date | None]]:
    """Intervals of more than three months without a meeting, for the 'three_months' rule (浙江, 河南).

    浙江省乡镇人民代表大会工作条例 第二十四条第一款 "至少每三个月举行一次", 河南省乡镇人民代表大会主席团工作条例
    第五条第一款 "每三个月至少举行一次": the next meeting is due within three months of the last (on the day
    three months later is in time). ``days``: the presidium's meetings (a congress session counts: the
    presidium meets to preside over it). The national 组织法 sets no frequency for presidium meetings.
    Returns ``(last, next)`` for each late interval, ``(last, None)`` when on ``until`` the three months
    since the last meeting are already over and none followed.
    """
    ordered = sorted(set(days))
    gaps: list[tuple[date, date | None]] = []
    for a, b in zip(ordered, ordered[1:]):
        if b > add_months(a, 3):
            gaps.append((a, b))
    if ordered and until > add_months(ordered[-1], 3):
        gaps.append((ordered[-1], None))
    return gaps


def quarters_without(days: list[date], first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Calendar quarters from ``first`` to ``last`` (inclusive, (year, q)) with no meeting: 重庆市乡镇人民代表大会工作条例
    第三十四条第一款.

    "主席团每个季度至少召开一次会议" — each calendar quarter needs one meeting (a congress session counts,
    as in ``presidium_gaps``).
    """
    held = {quarter_of(d) for d in days}
    out = []
    y, q = first
    while (y, q) <= last:
        if (y, q) not in held:
            out.append((y, q))
        y, q = (y, q + 1) if q < 4 else (y + 1, 1)
    return out


def notice_warning(session_day: date, notified_on: date | None, days: int | None, article: str) -> str | None:
    """A warning when deputies were notified fewer than ``days`` days before the session; None if in time.

    浙江 第二十条 "举行会议七日前" and 重庆 第十一条 "会议举行的十日前" are read as "N日以前": notified on or
    before ``session_day − days`` (notified on 1 March for an 8 March session is exactly seven days and
    in time). No rule (``days`` None) or no notice date recorded → None. The caller leaves out the
    extraordinary sessions where the province exempts them (浙江).
    """
    if days is None or notified_on is None:
        return None
    gap = (session_day - notified_on).days
    if gap >= days:
        return None
    if gap < 0:
        return f"通知代表的日期{notified_on.isoformat()}晚于会议日期{session_day.isoformat()}（应在会议举行{days}日前通知，{article}）"
    return f"会议举行{gap}日前才通知代表，不足{days}日（{article}）"


def first_session_warning(election_done: date, first_session: date | None, as_of: date, article: str,
                          months: int = 2) -> str | None:
    """组织法 第二十条: the term's first session within two months of the election's completion.

    The deadline is ``election_done`` plus ``months`` (the day two months later is still in time). A
    first session after it, or none recorded when ``as_of`` is past it, draws a warning; else None.
    """
    deadline = add_months(election_done, months)
    if first_session is not None:
        if first_session > deadline:
            return (f"本届第一次会议于{first_session.isoformat()}举行，晚于代表选举完成（{election_done.isoformat()}）"
                    f"后{months}个月（{deadline.isoformat()}）（{article}）")
        return None
    if as_of > deadline:
        return (f"代表选举已于{election_done.isoformat()}完成，已过{months}个月（{deadline.isoformat()}），"
                f"记录中还没有本届第一次会议（{article}）")
    return None


def presidium_size_warning(size, members: int, article: str, deputies: int | None = None,
                           population: int | None = None) -> str | None:
    """A warning when the presidium's membership is outside the province's range; None when inside.

    ``size`` is the profile's ``PresidiumSize`` (None: no rule). Up to ``size.high`` is lawful; up to
    ``size.extended`` only where the text's condition holds: checked when it is a count rdtool knows
    (山东 第八条第二款 "代表人数在九十人以上", 重庆 第三十条第一款 "九万人以上"), else the warning names the
    condition for the secretary to confirm (浙江 "经济比较发达或者人口较多的乡镇", 河南 "人口特别多的乡镇").
    """
    if size is None or members == 0:
        return None
    if members < size.low:
        return f"主席团成员{members}人，少于{size.low}人（{article}：{size.low}至{size.high}人）"
    if members <= size.high:
        return None
    top = size.extended or size.high
    if members > top:
        return f"主席团成员{members}人，超过{top}人（{article}）"
    known = {"deputies": deputies, "population": population}.get(size.extended_by or "")
    if size.extended_by and known is not None:
        if known >= (size.extended_at or 0):
            return None
        what = "代表" if size.extended_by == "deputies" else "人口"
        return (f"主席团成员{members}人，超过{size.high}人；{size.extended_when}方可至{top}人，本乡镇{what}{known}人"
                f"（{article}）")
    return f"主席团成员{members}人，超过{size.high}人；{size.extended_when}方可至{top}人，请核对（{article}）"


def presidium_request_problem(requesters: int, members: int, minimum: int | None, article: str = "") -> str | None:
    """Why ``requesters`` presidium members' proposal cannot call an extraordinary presidium meeting, or None.

    河南省乡镇人民代表大会主席团工作条例 第五条第一款: "主席团会议每三个月至少举行一次；经主席团成员三人以上联名提议，
    可以临时召集" — three or more members (以上 includes three; ``minimum`` 3). The other texts set no such route
    (``minimum`` None): the presidium is called by its chair, and a number of proposers means nothing there.
    ``members``: the presidium members in office that day (0: not recorded, the count alone is judged).
    """
    if minimum is None:
        return "本省规定没有主席团成员联名提议临时召集主席团会议的程序（河南省乡镇人民代表大会主席团工作条例第五条第一款才有）"
    if requesters < 0 or (members and requesters > members):
        return f"提议的主席团成员{requesters}人，多于主席团成员{members}人"
    if requesters < minimum:
        return f"主席团成员{requesters}人联名提议，不足{minimum}人（{article}）"
    return None
