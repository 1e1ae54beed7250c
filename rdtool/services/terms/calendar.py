"""The term's legal calendar in `db check` and the reports' 需要关注的事项.

Judged from the records under the province profile in force (``rdtool.services.terms.province``); every
figure is decided by ``rdtool.rules.term_calendar``:

- congress sessions at least once a year and normally twice (组织法 第十四条第一款; 北京: every half
  year, the first by 31 March);
- presidium meetings every three months (浙江 第二十四条, 河南 第五条) or each quarter (重庆 第三十四条),
  where the province says so;
- notice before a session where the province sets one (浙江 第二十条 seven days, 重庆 第十一条 ten);
- the term's first session within two months of the election (组织法 第二十条);
- an extraordinary session on deputies' proposal needs one fifth of them (组织法 第十四条第三款);
- the presidium's size where the province sets a range.

The records decide what is checked: calendar years from the first recorded meeting (that year too when
its first meeting is by 31 March, so that a secretary who starts mid-year is not told her first year
lacked sessions she never entered) up to the last year over on the check day; only meetings that were
held count (a session without its quorum was not held).
"""

from __future__ import annotations

from datetime import date, timedelta

from rdtool.store import deputies as deputies_sql
from rdtool.store import general_election as general_election_sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _finding(check: str, table: str, record: str, message: str, severity: str = "warning") -> dict:
    return {"check": check, "severity": severity, "table": table, "record": record, "message": message}


def notice_of(store: Store, meeting: dict) -> str | None:
    """The notice warning of one congress session under the profile (None when in time or not judged)."""
    from rdtool.rules.term_calendar import notice_warning
    from rdtool.services.terms.province import in_force

    p = in_force(store).profile
    if meeting["kind"] != "congress" or (meeting.get("extraordinary") and not p.notice_extraordinary):
        return None
    w = notice_warning(_d(meeting["date"]), _d(meeting.get("notified_on")), p.notice_days.value, p.notice_days.article)
    return f"{meeting['code']}（{meeting['date']}）{w}" if w else None


def _held(store: Store) -> list[dict]:
    """Meetings held (quorum met, or no figures recorded), oldest first; a date another program broke is left
    to the stored-value check (`rdtool db check` lists it)."""
    from rdtool.store import meetings as meetings_sql

    def dated(meeting: dict) -> bool:
        try:
            _d(meeting["date"])
            _d(meeting.get("notified_on"))
        except (TypeError, ValueError):
            return False
        return True

    return [m for m in meetings_sql.held(store) if dated(m)]


def _years(first: date, as_of: date, date_from: date | None, date_to: date | None) -> range:
    start = first.year if first <= date(first.year, 3, 31) else first.year + 1
    end = as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1
    if date_from:
        start = max(start, date_from.year)
    if date_to:
        end = min(end, date_to.year)
    return range(start, end + 1)


def _sessions(profile, sessions: list[dict], years: range) -> list[dict]:
    from rdtool.rules.term_calendar import half_year_findings, session_year_status

    out = []
    article = profile.sessions.article
    if profile.sessions.value == "half_year":
        days = [_d(m["date"]) for m in sessions]
        for y in years:
            for w in half_year_findings(y, days, article):
                out.append(_finding("congress_sessions_half_year", "meetings", str(y), w))
        return out
    status: dict[str, list[int]] = {"none": [], "fewer_than_two": []}
    for y in years:
        mine = [m for m in sessions if m["date"][:4] == str(y)]
        code = session_year_status(len(mine), sum(1 for m in mine if not m["extraordinary"]))
        if code:
            status[code].append(y)

    def years_text(ys: list[int]) -> str:
        return _runs(ys, lambda y: y + 1, lambda y: f"{y}年")

    if status["none"]:
        out.append(_finding("congress_session_yearly", "meetings", ",".join(map(str, status["none"])),
                            f"{years_text(status['none'])}记录中没有举行人民代表大会会议；人民代表大会会议每年至少举行一次"
                            f"（{article}）"))
    if status["fewer_than_two"]:
        out.append(_finding("congress_sessions_twice", "meetings", ",".join(map(str, status["fewer_than_two"])),
                            f"{years_text(status['fewer_than_two'])}举行的人民代表大会会议（不含临时会议）每年不足两次；"
                            f"乡镇人民代表大会会议一般每年举行两次（{article}）"))
    return out


def _presidium(profile, held: list[dict], until: date, date_from: date | None) -> list[dict]:
    from rdtool.rules.term_calendar import presidium_gaps, quarter_of, quarters_without

    rule, article = profile.presidium_meetings.value, profile.presidium_meetings.article
    days = [_d(m["date"]) for m in held if m["kind"] in ("presidium", "congress")]
    if rule is None or not days:
        return []
    out = []
    if rule == "three_months":
        for a, b in presidium_gaps(days, until):
            if date_from and (b or until) < date_from:
                continue
            if b is None:
                text = f"自{a.isoformat()}以来已超过三个月没有召开主席团会议"
            else:
                text = f"{a.isoformat()}至{b.isoformat()}之间超过三个月没有召开主席团会议"
            out.append(_finding("presidium_meetings_three_months", "meetings", a.isoformat(),
                                f"{text}；闭会期间主席团至少每三个月举行一次会议（{article}）"))
        return out
    y, q = quarter_of(until)
    last = (y, q - 1) if q > 1 else (y - 1, 4)
    if until.month in (3, 6, 9, 12) and until == _quarter_end(y, q):
        last = (y, q)
    first = quarter_of(min(days))
    if date_from:
        first = max(first, quarter_of(date_from))
    missing = quarters_without(days, first, last)
    if missing:
        names = _runs(missing, lambda yq: (yq[0], yq[1] + 1) if yq[1] < 4 else (yq[0] + 1, 1),
                      lambda yq: f"{yq[0]}年第{'一二三四'[yq[1] - 1]}季度")
        out.append(_finding("presidium_meetings_quarterly", "meetings", "", f"{names}没有召开主席团会议；"
                            f"主席团每个季度至少召开一次会议（{article}）"))
    return out


def _runs(items: list, following, name) -> str:
    """'2022年至2025年、2027年': consecutive items (``following(x)`` is the next) shown as one run."""
    runs: list[list] = []
    for x in items:
        if runs and following(runs[-1][-1]) == x:
            runs[-1].append(x)
        else:
            runs.append([x])
    return "、".join(name(r[0]) if len(r) == 1 else f"{name(r[0])}至{name(r[-1])}" for r in runs)


def _quarter_end(y: int, q: int) -> date:
    import calendar

    month = 3 * q
    return date(y, month, calendar.monthrange(y, month)[1])


def _first_sessions(store: Store, profile, held: list[dict], as_of: date, date_from: date | None,
                    date_to: date | None) -> list[dict]:
    from rdtool.rules.deadlines import add_months
    from rdtool.rules.term_calendar import first_session_warning

    out = []
    for e in general_election_sql.elections(store):
        if e["level"] != "township":
            continue
        rounds = [r["held_on"] for r in general_election_sql.election_rounds(store, e["id"]) if r["valid"] and r["held_on"]]
        done = _d(max([e["election_day"], *rounds]))
        firsts = [m for m in held if m["kind"] == "congress" and m["term"] == e["term"]]
        first = _d(firsts[0]["date"]) if firsts else None
        when = first or add_months(done, profile.first_session.value)
        if (date_from and when < date_from) or (date_to and when > date_to):
            continue
        w = first_session_warning(done, first, as_of, profile.first_session.article, profile.first_session.value)
        if w:
            out.append(_finding("first_session_late", "general_elections", str(e["term"]), f"第{e['term']}届：{w}"))
    return out


def request_problem(store: Store, requesters: int, term: int, day: str) -> str | None:
    """Why N deputies' proposal cannot call an extraordinary session on ``day`` (under one fifth), or None.

    组织法 第十四条第三款 "经过五分之一以上代表提议"; the base is the township deputies in office that day
    (none recorded: not judged).
    """
    from rdtool.rules.deputies import extraordinary_session_request_ok
    from rdtool.rules.majority import ImpossibleCounts

    roster = deputies_sql.count_in_office(store, term, "township", day)
    try:
        if roster == 0 or extraordinary_session_request_ok(requesters, roster):
            return None
    except ImpossibleCounts as exc:
        return str(exc)
    return f"提议代表{requesters}人，不足全体代表{roster}人的五分之一（至少{(roster + 4) // 5}人）"


def presidium_request(store: Store, meeting: dict) -> str | None:
    """An extraordinary presidium meeting proposed by members: enough of them (河南 第五条第一款), or why not."""
    from rdtool.rules.term_calendar import presidium_request_problem
    from rdtool.services.terms.province import in_force

    setting = in_force(store).profile.presidium_request
    members = len(deputies_sql.presidium_on(store, meeting["term"], meeting["date"])) if meeting.get("term") is not None and meeting.get("date") else 0
    return presidium_request_problem(meeting["requesters"], members, setting.value, setting.article)


def meeting_problems(store: Store, values: dict) -> list[tuple[str, str, str]]:
    """(field, value, message) for a meeting's notice date and proposers (used by ``meetings`` on add and edit)."""
    errors = []
    if values.get("notified_on") and values.get("date") and values["notified_on"] > values["date"]:
        errors.append(("notified_on", values["notified_on"], f"通知代表的日期晚于会议日期 {values['date']}"))
    if values.get("requesters") is None:
        return errors
    if values.get("kind") == "presidium":  # called on members' proposal (河南 第五条第一款 "临时召集")
        problem = presidium_request(store, values)
        if problem:
            errors.append(("requesters", str(values["requesters"]), problem))
        return errors
    if not (values.get("extraordinary") and values.get("kind") == "congress"):
        errors.append(("requesters", str(values["requesters"]),
                       "提议代表人数只用于经代表提议临时召集的人代会（组织法第十四条第三款），请同时写明临时会议"))
    elif values.get("term") is not None and values.get("date"):
        problem = request_problem(store, values["requesters"], values["term"], values["date"])
        if problem:
            errors.append(("requesters", str(values["requesters"]), f"{problem}，不能据此临时召集人代会（组织法第十四条"
                                                               "第三款）；主席团认为必要而召集的，不填提议人数"))
    return errors


def _extraordinary(store: Store, profile, sessions: list[dict]) -> list[dict]:
    out = []
    for m in sessions:
        if not m["extraordinary"] or m.get("requesters") is None or m["term"] is None:
            continue
        problem = request_problem(store, m["requesters"], m["term"], m["date"])
        if problem:
            out.append(_finding("extraordinary_session_request", "meetings", m["code"],
                                f"临时会议 {m['code']}（{m['date']}）：{problem}，不能据此临时召集（{profile.extraordinary.article}）"))
    return out


def _presidium_requests(store: Store, meetings: list[dict]) -> list[dict]:
    out = []
    for m in meetings:
        if m.get("requesters") is None:
            continue
        problem = presidium_request(store, m)
        if problem:
            out.append(_finding("presidium_meeting_request", "meetings", m["code"],
                                f"临时主席团会议 {m['code']}（{m['date']}）：{problem}"))
    return out


def _presidium_size(store: Store, profile, day: date) -> list[dict]:
    from rdtool.rules.term_calendar import presidium_size_warning

    term = settings_sql.term_on(store, day.isoformat())
    if term is None or profile.presidium_size.value is None:
        return []
    members = len(deputies_sql.presidium_on(store, term, day.isoformat()))
    deputies = deputies_sql.count_in_office(store, term, "township", day.isoformat())
    w = presidium_size_warning(profile.presidium_size.value, members, profile.presidium_size.article, deputies=deputies,
                               population=settings_sql.get(store, "population"))
    return [_finding("presidium_size", "presidium_members", str(term), f"第{term}届{day.isoformat()}：{w}")] if w else []


def _paper_until(store: Store) -> date | None:
    """The last day covered by opening totals of meetings (rdtool.services.terms.opening_totals), if any."""
    from rdtool.store import opening_totals as opening_totals_sql

    try:
        rows = [r for r in opening_totals_sql.all_rows(store) if r["presidium_meetings"] or r["congress_sessions"]]
    except Exception:  # noqa: BLE001 — an old file opened read-only before its migration has no such table
        return None
    return max((_d(r["until"]) for r in rows), default=None)


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """Calendar findings on ``as_of`` (with a period, about the years, meetings and sessions in it)."""
    from rdtool.services.terms.province import in_force

    p = in_force(store).profile
    held = _held(store)
    today, start, end = _d(as_of), _d(date_from), _d(date_to)
    until = min(today, end) if end else today
    in_period = [m for m in held if (not start or m["date"] >= date_from) and m["date"] <= until.isoformat()]
    sessions = [m for m in held if m["kind"] == "congress"]
    findings = []
    paper = _paper_until(store)  # the span of a term's opening totals: held on paper, not entered (issue 23)
    if held:
        years = [y for y in _years(_d(held[0]["date"]), today, start, end) if not paper or date(y, 12, 31) > paper]
        findings += _sessions(p, sessions, years)
        after = max(start, paper + timedelta(days=1)) if start and paper else (start or (
            paper + timedelta(days=1) if paper else None))
        findings += [f for f in _presidium(p, [m for m in held if m["date"] <= until.isoformat()], until, after)
                     if not paper or f["record"] > paper.isoformat()]
    for m in in_period:
        w = notice_of(store, m)
        if w:
            findings.append(_finding("session_notice_late", "meetings", m["code"], w))
    findings += _extraordinary(store, p, [m for m in in_period if m["kind"] == "congress"])
    findings += _presidium_requests(store, [m for m in in_period if m["kind"] == "presidium"])
    findings += _first_sessions(store, p, held, today, start, end)
    findings += _presidium_size(store, p, until)
    return findings
