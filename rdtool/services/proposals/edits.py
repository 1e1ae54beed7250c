"""Correcting a proposal (CHANGES.md “Corrections”): its own fields, the lead and co-signers, the unit (a reassignment), the due
date, each round's reply and feedback, and a withdrawal — through rdtool.services.kernel.corrections (reason kept,
before → after printed).

The checks are submission's own (rdtool.services.proposals.proposals.build: a motion needs five signers, 组织法 第二十二条
第二款; signers in office; dates in order). A round's answer and feedback are corrected in place; changing a
不满意 opens or closes the re-handling round it implies (代表法 2025 第五十一条; the provinces' one-month
re-handling), and the proposals row keeps mirroring the latest round.
"""

from __future__ import annotations

from rdtool import fields as F
from rdtool.errors import RdtoolError, ValidationError
from rdtool.services.kernel import corrections
from rdtool.services.proposals.proposals import FIELDS, Codes, _raise, build, get, limits, rehandle_due, reply_due, session_closed
from rdtool.store import proposals as sql
from rdtool.store.db import Store

# What `proposal edit` corrects (one line per field). The proposal's own fields:
OWN = ("kind", "title", "body", "category", "submitted_on", "meeting", "lead", "cosigners", "complex", "code")
# … a handling round's (`--round N`, default the latest):
ROUND = ("unit", "assigned_on", "due_on", "replied_on", "result", "reply", "feedback", "feedback_on")
# … and the closing:
EXTRA = [F.Field("due_reason", F.text(200)), F.Field("close_reason", F.text(200))]
_FIELDS = {f.name: f for f in FIELDS + EXTRA}


def _signer(row: dict) -> str:
    return f"{row['name']}#{row['id']}"


def edit(store: Store, code: str, raw: dict, *, round_no: int | None = None, add: list[str] = (),
         remove: list[str] = (), reason: str | None = None) -> dict:
    """Correct any field of a proposal; see the module."""
    from rdtool.services.deputies.refs import DeputyIndex, parse_ref

    p = get(store, code)
    fields = [_FIELDS[k] for k in raw if k in _FIELDS]
    values, errors = F.parse_fields(fields, raw)
    errors += [(k, "", "必填，不能清空") for k in values if _FIELDS[k].required and values[k] is None]
    if errors:
        _raise(errors)
    rounds = sql.rounds(store, p["id"])
    cosigners = [_signer(r) for r in sql.cosigners(store, p["id"])]
    if "cosigners" in values:
        cosigners = list(values["cosigners"] or [])
    index = DeputyIndex(store)
    names = {i: _signer(r) for i, r in index.by_id.items()}
    for item in add:
        cosigners.append(item)
    for item in remove:
        name, ident = parse_ref(item)
        keep = [c for c in cosigners if parse_ref(c)[0] != name or (ident is not None and parse_ref(c)[1] != ident)]
        if len(keep) == len(cosigners):
            raise ValidationError(f"“{item}”不是 {p['code']} 的附议代表")
        cosigners = keep
    lead = values.get("lead") or names.get(p["lead_id"])
    own = {"kind": p["kind"], "title": p["title"], "body": p["body"], "category": p["category"],
           "submitted_on": p["submitted_on"], "meeting": p["meeting"], "lead": lead, "cosigners": cosigners,
           "complex": bool(p["complex"]), "unit": p["unit"], "assigned_on": p["assigned_on"],
           "closed_on": p["closed_on"]}
    own.update({k: v for k, v in values.items() if k in OWN and k not in ("lead", "cosigners", "code")})
    if "assigned_on" in values and (round_no or 1) == 1:
        own["assigned_on"] = values["assigned_on"]
    if "closed_on" in values:
        own["closed_on"] = values["closed_on"]
    if "unit" in values and (round_no or len(rounds)) == len(rounds):
        own["unit"] = values["unit"]
    record, cosigner_ids, _, problems = build(store, own, index, Codes(store), limits(store))
    new_code = values.get("code")
    if new_code and new_code != p["code"] and sql.code_exists(store, new_code):
        problems.append(("code", new_code, "编号已被使用"))
    if problems:
        _raise(problems)
    changes = {k: record[k] for k in ("kind", "title", "body", "category", "submitted_on", "meeting_id", "lead_id",
                                      "complex", "closed_on") if record[k] != p.get(k)}
    if new_code and new_code != p["code"]:
        changes["code"] = new_code
    if changes.get("closed_on", p["closed_on"]) is None:
        changes["close_reason"] = None  # reopened (a withdrawal or closing entered in error)
    elif "close_reason" in values:
        changes["close_reason"] = values["close_reason"]
    with corrections.write(store, reason, subject=("proposals", p["id"])) as report:
        sql.update(store, p["id"], {k: v for k, v in changes.items() if v != p.get(k)})
        old_ids = [r["id"] for r in sql.cosigners(store, p["id"])]
        for gone in [i for i in old_ids if i not in cosigner_ids]:
            sql.remove_cosigner(store, p["id"], gone)
        sql.add_cosigners(store, p["id"], [i for i in cosigner_ids if i not in old_ids])
        _rounds(store, {**p, **changes}, rounds, values, round_no)
    return {"code": changes.get("code", p["code"]), "report": report}


def _rounds(store: Store, proposal: dict, rounds: list[dict], values: dict, round_no: int | None) -> None:
    """Apply the round fields to round `round_no` (default the latest), then mirror the latest into the row."""
    wanted = {k: values[k] for k in ROUND + ("due_reason",) if k in values}
    if not wanted and "complex" not in values:
        return
    if not rounds:
        if wanted.get("assigned_on") or wanted.get("unit"):
            raise RdtoolError(f"{proposal['code']} 尚未交办", f"交办请用 rdtool proposal assign {proposal['code']} --unit … --date …")
        raise RdtoolError(f"{proposal['code']} 尚未交办，没有办理情况可更正")
    n = round_no or (1 if not wanted else len(rounds))
    if not 1 <= n <= len(rounds):
        raise ValidationError(f"{proposal['code']} 只有{len(rounds)}轮办理，没有第{n}轮")
    r = dict(rounds[n - 1])
    lim = limits(store)
    if "assigned_on" in wanted:
        if n != 1:
            raise ValidationError("交办日期是第1轮的开始日期；请用 --round 1")
        r["started_on"] = wanted.pop("assigned_on")
    r.update(wanted)
    restarted = r["started_on"] != rounds[n - 1]["started_on"] or "complex" in values
    closed = session_closed(store, proposal.get("meeting_id"))
    if n == 1 and restarted and "due_on" not in wanted and not r.get("due_reason"):
        r["due_on"] = reply_due(lim, r["started_on"], proposal["complex"], closed)  # the due date follows 交办 and 复杂
    if r.get("due_on") and "due_on" in wanted and wanted["due_on"] != rounds[n - 1]["due_on"] and not r.get("due_reason"):
        raise ValidationError("改变办理期限时须写明理由（--due-reason）", f"按设置计算的期限是 "
                              f"{reply_due(lim, r['started_on'], proposal['complex'], closed) if n == 1 else rounds[n - 1]['due_on']}")
    if r.get("replied_on") is None:
        r.update(result=None, reply=None, feedback=None, feedback_on=None)
    _check_round(proposal, r, rounds[n - 2] if n > 1 else None)
    sql.update_round(store, proposal["id"], n, {k: r.get(k) for k in sql.ROUND_COLUMNS})
    was, now = rounds[n - 1].get("feedback"), r.get("feedback")
    later = rounds[n:]
    if was == "unsatisfied" and now != "unsatisfied" and later:
        if any(x["replied_on"] for x in later):
            raise ValidationError(f"第{n + 1}轮已经答复，不能把第{n}轮的代表意见改为满意",
                                  f"先更正第{n + 1}轮（--round {n + 1} --replied-on \"\"）")
        for x in reversed(later):
            sql.delete_round(store, proposal["id"], x["round"])
    elif now == "unsatisfied" and (was != "unsatisfied" or r.get("feedback_on") != rounds[n - 1].get("feedback_on")):
        if later and later[0]["replied_on"]:
            raise ValidationError(f"第{n + 1}轮已经答复，不能改动引起它的第{n}轮代表意见")
        new = {"unit": r.get("unit"), "started_on": r["feedback_on"], "due_on": rehandle_due(lim, r["feedback_on"]),
               "due_reason": "代表不满意，再次办理"}
        if later:
            sql.update_round(store, proposal["id"], n + 1, new)
        else:
            sql.add_round(store, proposal["id"], n + 1, new)
    mirror(store, proposal["id"])


def _check_round(proposal: dict, proposal_round: dict, previous: dict | None) -> None:
    problems = []
    if proposal_round.get("started_on") and proposal_round["started_on"] < proposal["submitted_on"]:
        problems.append(("assigned_on", proposal_round["started_on"], f"早于提出日期 {proposal['submitted_on']}"))
    if proposal_round.get("replied_on") and proposal_round["replied_on"] < proposal_round["started_on"]:
        problems.append(("replied_on", proposal_round["replied_on"], f"早于本轮开始日期 {proposal_round['started_on']}"))
    if proposal_round.get("feedback") and not proposal_round.get("feedback_on"):
        problems.append(("feedback_on", "", "有代表意见，但没有反馈日期"))
    if (proposal_round.get("feedback_on") and proposal_round.get("replied_on")
            and proposal_round["feedback_on"] < proposal_round["replied_on"]):
        problems.append(("feedback_on", proposal_round["feedback_on"], f"早于答复日期 {proposal_round['replied_on']}"))
    if proposal_round.get("feedback") and not proposal_round.get("replied_on"):
        problems.append(("feedback", proposal_round["feedback"], "本轮尚未答复，不能有代表意见"))
    if (proposal_round.get("due_on") and proposal_round.get("started_on")
            and proposal_round["due_on"] < proposal_round["started_on"]):
        problems.append(("due_on", proposal_round["due_on"], "办理期限早于本轮开始日期"))
    if not proposal_round.get("unit"):
        problems.append(("unit", "", "承办单位不能为空"))
    if problems:
        _raise(problems)


def mirror(store: Store, proposal_id: int) -> None:
    """The proposals row holds the latest round's state (what lists and the CSV contract show)."""
    rounds = sql.rounds(store, proposal_id)
    if not rounds:
        return
    last = rounds[-1]
    answered = last if last["replied_on"] or len(rounds) == 1 else rounds[-2]
    sql.update(store, proposal_id, {
        "unit": last["unit"], "assigned_on": rounds[0]["started_on"], "due_on": last["due_on"],
        "due_reason": last["due_reason"], "round": last["round"], "replied_on": answered["replied_on"],
        "result": answered["result"], "reply": answered["reply"], "feedback": answered["feedback"],
        "feedback_on": answered["feedback_on"]})


def withdraw(store: Store, code: str, on: str, why: str | None = None) -> dict:
    """A deputy withdraws the proposal (撤回): it is closed with the reason; `proposal edit --closed-on ""`
    takes a withdrawal entered in error back."""
    from rdtool.services.proposals import handling as proposal_handling

    p = get(store, code)
    with corrections.write(store, why, subject=("proposals", p["id"]), verb="已撤回") as report:
        proposal_handling.close(store, p["code"], on, f"代表撤回：{why}" if why else "代表撤回")
    return {"code": p["code"], "report": report}
