"""Handling a proposal (办理): 交办, 答复, 代表意见 and 办结, each round kept.

The due date is three months after 交办, six when complex (代表法 2025 第五十一条第二款), or the province's limits
from settings; after 不满意 the unit handles it again within one month of the feedback (settings
`proposal_rehandle_months`; e.g. 浙江 第二十四条, 山东 第二十四条) — a new round, the old one kept.
"""

from __future__ import annotations

from rdtool.errors import RdtoolError, ValidationError
from rdtool.labels import clean, label
from rdtool.rules import deadlines
from rdtool.services.proposals.proposals import as_date, get, limits, rehandle_due, reply_due, session_closed
from rdtool.store import proposals as sql
from rdtool.store.db import Store


# --- the lifecycle ----------------------------------------------------------------------------------

def _current_round(store: Store, proposal: dict) -> dict | None:
    rows = sql.rounds(store, proposal["id"])
    return rows[-1] if rows else None


def _not_closed(proposal: dict) -> None:
    if proposal["closed_on"]:
        raise RdtoolError(f"{proposal['code']} 已于 {proposal['closed_on']} 办结，不能再修改办理情况")


def assign(store: Store, code: str, unit: str, on: str, complex_: bool = False, due: str | None = None,
           reason: str | None = None) -> dict:
    """交办: the handling unit and date; the due date follows from settings unless overridden with a reason."""
    unit = clean(unit)
    if not unit:
        raise ValidationError("承办单位不能为空")
    with store.transaction():
        p = get(store, code)
        _not_closed(p)
        if p["assigned_on"]:
            raise RdtoolError(f"{p['code']} 已于 {p['assigned_on']} 交办给 {p['unit']}",
                              "如需更正请先作废该记录后重新登记（交办记录不可改写）")
        if p["kind"] == "motion" and p["disposition"] != "as_suggestion":
            raise RdtoolError(f"{p['code']} 是议案：由主席团决定是否列入大会议程（组织法第二十二条第二款），"
                              "决定作为建议办理的才交承办单位",
                              f"rdtool proposal decide {p['code']} 作为建议办理 --unit 承办单位 --date 日期")
        if on < (p["decided_on"] or p["submitted_on"]):
            what = "主席团决定日期" if p["decided_on"] else "提出日期"
            raise ValidationError(f"交办日期 {on} 早于{what} {p['decided_on'] or p['submitted_on']}")
        computed = reply_due(store, on, complex_, session_closed(store, p.get("meeting_id")))
        if due is not None:
            if not reason:
                raise ValidationError("用 --due 改变办理期限时必须用 --reason 说明理由",
                                      f"按设置计算的期限是 {computed}")
            if due < on:
                raise ValidationError(f"办理期限 {due} 早于交办日期 {on}")
        due_on = due or computed
        values = {"unit": unit, "assigned_on": on, "due_on": due_on, "due_reason": reason if due else None,
                  "complex": int(complex_)}
        sql.update(store, p["id"], values)
        sql.add_round(store, p["id"], 1, {"unit": unit, "started_on": on, "due_on": due_on,
                                          "due_reason": values["due_reason"]})
    from rdtool.services.admin.law_checks import assign_warning

    late = assign_warning(store, p, on)
    return {**p, **values, "warnings": [late] if late else []}


def reply(store: Store, code: str, on: str, result: str, text: str | None) -> dict:
    """答复: date, result class A/B/C/D and the reply, for the round being handled."""
    with store.transaction():
        p = get(store, code)
        _not_closed(p)
        rnd = _current_round(store, p)
        if rnd is None:
            raise RdtoolError(f"{p['code']} 尚未交办，不能答复", f"先运行 rdtool proposal assign {p['code']} --unit 承办单位 --date 日期")
        if rnd["replied_on"]:
            raise RdtoolError(f"{p['code']} 第{rnd['round']}轮已于 {rnd['replied_on']} 答复",
                              "代表不满意的，先登记反馈（proposal feedback … 不满意），再办理新一轮")
        if on < rnd["started_on"]:
            raise ValidationError(f"答复日期 {on} 早于本轮开始日期 {rnd['started_on']}")
        values = {"replied_on": on, "result": result, "reply": text}
        sql.update_round(store, p["id"], rnd["round"], values)
        sql.update(store, p["id"], {**values, "feedback": None, "feedback_on": None})
    late = deadlines.days_overdue(as_date(rnd["due_on"]), as_date(on), as_date(on))
    return {**p, **values, "round": rnd["round"], "due_on": rnd["due_on"], "days_late": late}


def feedback(store: Store, code: str, opinion: str, on: str) -> dict:
    """代表意见: 满意/基本满意/不满意; 不满意 opens a new round due `proposal_rehandle_months` later."""
    with store.transaction():
        p = get(store, code)
        _not_closed(p)
        rnd = _current_round(store, p)
        if rnd is None or not rnd["replied_on"]:
            raise RdtoolError(f"{p['code']} 本轮尚未答复，不能登记代表意见")
        if rnd["feedback"]:
            raise RdtoolError(f"{p['code']} 第{rnd['round']}轮已于 {rnd['feedback_on']} 登记代表意见"
                              f"“{label('feedback', rnd['feedback'])}”")
        if on < rnd["replied_on"]:
            raise ValidationError(f"反馈日期 {on} 早于答复日期 {rnd['replied_on']}")
        sql.update_round(store, p["id"], rnd["round"], {"feedback": opinion, "feedback_on": on})
        values = {"feedback": opinion, "feedback_on": on}
        new_round = None
        if opinion == "unsatisfied":
            lim = limits(store)
            new_round = {"unit": p["unit"], "started_on": on, "due_on": rehandle_due(lim, on),
                         "due_reason": "代表不满意，再次办理"}
            sql.add_round(store, p["id"], rnd["round"] + 1, new_round)
            values.update(due_on=new_round["due_on"], due_reason=new_round["due_reason"], round=rnd["round"] + 1)
        sql.update(store, p["id"], values)
    return {**p, **values, "new_round": new_round}


def close(store: Store, code: str, on: str, reason: str | None) -> dict:
    """办结: once answered and fed back (满意/基本满意); otherwise only explicitly, with a reason."""
    with store.transaction():
        p = get(store, code)
        _not_closed(p)
        if p["status"] != "fed_back" and not reason:
            raise RdtoolError(f"{p['code']} 目前为“{label('proposal_status', p['status'])}”，尚未答复并经代表反馈，不能直接办结",
                              "确需办结（如代表撤回、已合并办理）请加 --reason 说明理由")
        latest = max(x for x in (p["submitted_on"], p["assigned_on"], p["replied_on"], p["feedback_on"]) if x)
        if on < latest:
            raise ValidationError(f"办结日期 {on} 早于该件最后一次办理记录的日期 {latest}")
        sql.update(store, p["id"], {"closed_on": on, "close_reason": reason})
    return {**p, "closed_on": on, "close_reason": reason}
