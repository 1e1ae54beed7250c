"""A motion (议案) after it is submitted: the presidium's decision, then the congress's outcome.

- 组织法 (2022) 第二十二条第二款: a motion of five or more township deputies goes to the presidium, "由主席团决定是否
  列入大会议程" — `decide`: 列入议程 (on_agenda), 不列入议程 (not_on_agenda), or 作为建议办理 (as_suggestion);
- a motion not listed may be handled as a suggestion (重庆市乡镇人民代表大会工作条例 第十四条第二款: "未列入大会议程的
  应转为建议、批评和意见"): it then follows the suggestion workflow (交办 with its unit and deadline, 答复, 反馈 —
  代表法 2025 第五十一条), and the report counts it with the suggestions (docs/figures.md);
- 组织法 第二十二条第三款: a motion on the agenda may be withdrawn before the vote with the presidium's consent, which
  ends its deliberation — `outcome`: 通过 (passed), 未通过 (failed) or 撤回 (withdrawn), at a congress session.
"""

from __future__ import annotations

from rdtool.errors import NotFound, RdtoolError, ValidationError
from rdtool.labels import clean, label
from rdtool.services.proposals.proposals import get
from rdtool.store import proposals as sql
from rdtool.store.db import Store



def _meeting(store: Store, code: str, kinds: tuple[str, ...], what: str) -> dict:
    m = sql.meeting_by_code(store, clean(code))
    if m is None:
        raise NotFound(f"没有编号为“{code}”的会议", "用 rdtool meeting list 查看会议编号")
    if m["kind"] not in kinds:
        raise ValidationError(f"会议 {m['code']} 是{label('meeting_kind', m['kind'])}，{what}")
    return m


def _day(on: str | None, meeting: dict | None, default: str) -> str:
    """The date: given, else the meeting's (its first day, or `default` when that falls within the meeting's
    days); a given date must fall within them."""
    if meeting is None:
        return on or default
    last = meeting["end_date"] or meeting["date"]
    if on is not None and not meeting["date"] <= on <= last:
        raise ValidationError(f"日期 {on} 不在会议 {meeting['code']} 的会期（{meeting['date']} 至 {last}）之内")
    return on or (default if meeting["date"] <= default <= last else meeting["date"])


def decide(store: Store, code: str, disposition: str, on: str | None = None, meeting: str | None = None,
           unit: str | None = None, complex_: bool = False) -> dict:
    """The presidium's decision on a motion; with `unit` (作为建议办理 only), also its 交办 on the same day."""
    from rdtool.dates import today

    with store.transaction():
        p = get(store, code)
        if p["kind"] != "motion":
            raise RdtoolError(f"{p['code']} 是建议、批评和意见，不是议案：由主席团决定是否列入大会议程的只有议案",
                              f"建议直接交办：rdtool proposal assign {p['code']} --unit 承办单位")
        if p["disposition"]:
            raise RdtoolError(f"{p['code']} 已于 {p['decided_on']} 决定“{label('motion_disposition', p['disposition'])}”",
                              "如需更正请先作废该记录后重新登记（决定记录不可改写）")
        m = _meeting(store, meeting, ("presidium", "congress"), "主席团的决定应在主席团会议（或大会期间）作出") \
            if meeting else None
        day = _day(on, m, today())
        if day < p["submitted_on"]:
            raise ValidationError(f"决定日期 {day} 早于议案提出日期 {p['submitted_on']}")
        if unit and disposition != "as_suggestion":
            raise ValidationError(f"--unit 只用于“作为建议办理”的议案；“{label('motion_disposition', disposition)}”"
                                  "的议案不交承办单位")
        values = {"disposition": disposition, "decided_on": day, "decision_meeting_id": m["id"] if m else None}
        sql.update(store, p["id"], values)
        assigned = None
        if unit:
            from rdtool.services.proposals import handling as proposal_handling

            assigned = proposal_handling.assign(store, p["code"], unit, day, complex_)
    return {**p, **values, "decision_meeting": m["code"] if m else None, "assigned": assigned}


def outcome(store: Store, code: str, result: str, on: str | None = None, meeting: str | None = None) -> dict:
    """What the congress did with a motion on its agenda: passed, failed, or withdrawn before the vote."""
    with store.transaction():
        p = get(store, code)
        if p["kind"] != "motion" or p["disposition"] != "on_agenda":
            raise RdtoolError(f"{p['code']} 没有列入大会议程，没有大会审议结果",
                              f"先登记主席团的决定：rdtool proposal decide {p['code']} 列入议程")
        if p["outcome"]:
            raise RdtoolError(f"{p['code']} 已于 {p['outcome_on']} 登记大会结果“{label('motion_outcome', p['outcome'])}”",
                              "如需更正请先作废该记录后重新登记")
        session = meeting or p["meeting"]
        m = _meeting(store, session, ("congress",), "议案由人民代表大会会议审议") if session else None
        if m is None and on is None:
            raise ValidationError("请用 --meeting 给出审议该议案的人代会，或用 --date 给出日期")
        day = _day(on, m, p["decided_on"])
        if day < p["decided_on"]:
            raise ValidationError(f"结果日期 {day} 早于主席团决定列入议程的日期 {p['decided_on']}")
        values = {"outcome": result, "outcome_on": day, "outcome_meeting_id": m["id"] if m else None}
        sql.update(store, p["id"], values)
    return {**p, **values, "outcome_meeting": m["code"] if m else None}
