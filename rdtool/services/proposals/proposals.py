"""Deputies' proposals (议案 and 建议、批评和意见): submission (checked, then written) and one proposal read back.

Beside it: handling (交办, 答复, 代表意见, 办结: rdtool.services.proposals.handling), a motion's decision and outcome
(motions), corrections (edits), lists, reminders, search and the report's figures (views).

Rules applied (rdtool.rules):
- a township motion needs five or more deputies' joint signature, lead included (组织法 第二十二条第二款);
  a motion belongs to a congress session;
- the answer is due three months after 交办, six when complex (代表法 2025 第五十一条第二款), or the
  province's limits from settings (`proposal_reply_months`, `proposal_complex_months`);
- after 不满意 the unit handles it again within one month of the feedback (settings
  `proposal_rehandle_months`; e.g. 浙江 第二十四条, 山东 第二十四条) — a new round, the old one kept.
"""

from __future__ import annotations

from datetime import date

from rdtool import fields as F
from rdtool.errors import FieldError, ValidationError
from rdtool.labels import chinese_numeral, label, parse_list
from rdtool.rules import deadlines
from rdtool.rules.deputies import MOTION_MIN_SIGNERS, motion_date_problem, motion_signer_count, motion_signers_ok
from rdtool.services.deputies.refs import deputy_ref, parse_ref
from rdtool.store import proposals as sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store

MOTION_RULE = f"组织法第二十二条第二款：乡镇人大代表{MOTION_MIN_SIGNERS}人以上联名（含领衔代表）方可提出议案"


def signer_list(raw: str) -> list[str]:
    """Co-signers as written in a cell: names separated by 、;；, — a clashing name may carry its id (王建国#25)."""
    out = []
    for item in parse_list(raw):
        parse_ref(item)
        out.append(item)
    return out


# The CSV contract's columns, in order (docs/csv.md, kind proposals).
FIELDS: list[F.Field] = [
    F.Field("kind", F.enum("proposal_kind"), required=True),
    F.Field("title", F.text(200, as_written=True), required=True),
    F.Field("submitted_on", F.DATE, required=True),
    F.Field("lead", deputy_ref, required=True),
    F.Field("code", F.text(40)),
    F.Field("body", F.text(F.MAX_TEXT, as_written=True)),
    F.Field("category", F.text(30)),
    F.Field("meeting", F.text(40)),
    F.Field("cosigners", signer_list),
    F.Field("unit", F.text(100)),
    F.Field("assigned_on", F.DATE),
    F.Field("due_on", F.DATE),
    F.Field("complex", F.BOOL),
    F.Field("replied_on", F.DATE),
    F.Field("result", F.enum("proposal_result")),
    F.Field("reply", F.text(F.MAX_TEXT, as_written=True)),
    F.Field("feedback", F.enum("feedback")),
    F.Field("feedback_on", F.DATE),
    F.Field("closed_on", F.DATE),
    # (CHANGES.md “Figures a secretary can sign”) a motion's disposition by the presidium and the congress's outcome (组织法 第二十二条第二款、第三款)
    F.Field("disposition", F.enum("motion_disposition")),
    F.Field("decided_on", F.DATE),
    F.Field("decision_meeting", F.text(40)),
    F.Field("outcome", F.enum("motion_outcome")),
    F.Field("outcome_on", F.DATE),
    F.Field("outcome_meeting", F.text(40)),
]
MOTION_FIELDS = ("disposition", "decided_on", "decision_meeting", "outcome", "outcome_on", "outcome_meeting")
# Accepted beyond the contract: the lead's id where two deputies share the name, and the two reasons.
EXTRA: list[F.Field] = [
    F.Field("deputy_id", F.integer(1)),
    F.Field("due_reason", F.text(200, as_written=True)),
    F.Field("close_reason", F.text(200, as_written=True)),
]


def as_date(text: str) -> date:
    return date.fromisoformat(text)


# --- deadlines --------------------------------------------------------------------------------------

def limits(store: Store) -> dict:
    """The deadlines (months) of the province profile in force, or the settings overriding them."""
    from rdtool.services.terms.province import in_force

    return in_force(store).limits()


def reply_due(store_or_limits, assigned_on: str, complex_: bool, session_closed: str | None = None) -> str:
    """The first round's due date: from 交办, or from the session's close where the province counts so (山东)."""
    lim = store_or_limits if isinstance(store_or_limits, dict) else limits(store_or_limits)
    start = deadlines.reply_start(as_date(assigned_on), as_date(session_closed) if session_closed else None,
                                  lim.get("reply_from", "assigned"))
    return deadlines.reply_due(start, bool(complex_), lim["months"], lim["complex_months"]).isoformat()


def session_closed(store: Store, meeting_id: int | None) -> str | None:
    """The last day of the congress session a proposal was made at (None: made in recess)."""
    m = sql.meeting_by_id(store, meeting_id) if meeting_id else None
    if m is None or m["kind"] != "congress":
        return None
    return m["end_date"] or m["date"]


def rehandle_due(lim: dict, feedback_on: str) -> str:
    return deadlines.rehandle_due(as_date(feedback_on), lim["rehandle_months"]).isoformat()


# --- codes ------------------------------------------------------------------------------------------

class Codes:
    """Allocates codes: 三届一次-001 per congress session, 2026-001 per year between sessions."""

    def __init__(self, store: Store):
        self.store = store
        self.next: dict[str, int] = {}
        self.taken: set[str] = set()

    def prefix(self, meeting: dict | None, term: int | None, submitted_on: str) -> str:
        if meeting is not None and meeting["kind"] == "congress" and term is not None:
            n = meeting.get("seq") or sql.session_ordinal(self.store, meeting, term)  # its number (issue 23)
            return f"{chinese_numeral(term)}届{chinese_numeral(n)}次"
        return submitted_on[:4]

    def allocate(self, prefix: str) -> str:
        n = self.next.get(prefix)
        if n is None:
            n = sql.max_serial(self.store, prefix) + 1
        while True:
            code = f"{prefix}-{n:03d}"
            n += 1
            if code not in self.taken and not sql.code_exists(self.store, code):
                break
        self.next[prefix] = n
        self.taken.add(code)
        return code

    def claim(self, code: str) -> None:
        if code in self.taken or sql.code_exists(self.store, code):
            raise FieldError(f"编号“{code}”已被使用")
        self.taken.add(code)


# --- building a proposal (shared by `proposal submit` and the import) --------------------------------

def _session_example(store: Store) -> str:
    """A congress session of her own records (C18-5、十八届五次), else the first of the current term."""
    last = sql.last_session(store)
    if last is not None:
        return f"{last['code']}、{chinese_numeral(last['term'])}届{chinese_numeral(last['seq'])}次" \
            if last["term"] and last["seq"] else last["code"]
    return f"C{settings_sql.last_term(store) or 1}-1"


def _resolve_signer(index, item: str, term: int | None, deputy_id: int | None = None) -> int:
    name, ident = parse_ref(item)
    if ident is not None:
        return index.resolve(name or None, term, ident, level="township")
    return index.resolve(name, term, deputy_id, level="township")


def build(store: Store, values: dict, index, codes: Codes, lim: dict) -> tuple[dict, list[int], list[dict], list]:
    """Check one proposal's values; returns (record, cosigner ids, rounds, problems).

    `problems` are (field, value, message); nothing is written here.
    """
    problems: list[tuple[str, str, str]] = []
    meeting = None
    if values.get("meeting"):
        meeting = sql.meeting_by_code(store, values["meeting"])
        if meeting is None:
            problems.append(("meeting", values["meeting"], f"没有这个会议（先导入或登记会议；人代会写编号或名称，如 "
                                                      f"{_session_example(store)}）"))
        elif meeting["kind"] != "congress":
            problems.append(("meeting", values["meeting"], "议案和建议应在人民代表大会会议期间提出；这不是人代会"))
    if values["kind"] == "motion" and not values.get("meeting"):
        problems.append(("meeting", "", "议案必须在人民代表大会会议期间提出，请填写会议编号"))
    term = None
    if meeting is not None:
        term = meeting["term"] or settings_sql.term_on(store, meeting["date"])
    if term is None:
        term = settings_sql.term_on(store, values["submitted_on"])
    if term is None:
        problems.append(("submitted_on", values["submitted_on"], "这一天不在任何一届的任期内（先用 rdtool term add 建立届次）"))
    lead_id = None
    try:
        lead_id = _resolve_signer(index, values["lead"], term, values.get("deputy_id"))
    except FieldError as exc:
        problems.append(("lead", values["lead"], str(exc)))
    cosigner_ids: list[int] = []
    for item in values.get("cosigners") or []:
        try:
            cid = _resolve_signer(index, item, term)
        except FieldError as exc:
            problems.append(("cosigners", item, str(exc)))
            continue
        if cid == lead_id:
            problems.append(("cosigners", item, "领衔代表不必重复列为附议代表"))
        elif cid in cosigner_ids:
            problems.append(("cosigners", item, "附议代表重复"))
        else:
            cosigner_ids.append(cid)
    for who, did in [("lead", lead_id)] + [("cosigners", c) for c in cosigner_ids]:
        if did is not None and not index.in_office(did, values["submitted_on"]):
            problems.append((who, index.by_id[did]["name"], f"{values['submitted_on']} 时已不在任，不能提出或附议"))
    _check_suspended(store, [("lead", lead_id)] + [("cosigners", c) for c in cosigner_ids], index, values, problems)
    if values["kind"] == "motion" and lead_id is not None:
        _check_signers(index, [lead_id] + cosigner_ids, values, problems)
    if meeting is not None and values["submitted_on"] < meeting["date"]:
        _check_early(store, meeting, values, problems)

    motion_values = _motion(store, values, problems)

    # dates of the handling, in order
    order = [("submitted_on", "提出"), ("decided_on", "主席团决定"), ("assigned_on", "交办"), ("replied_on", "答复"),
             ("feedback_on", "反馈")]
    last = None
    for key, zh in order:
        if values.get(key):
            if last and values[key] < values[last[0]]:
                problems.append((key, values[key], f"{zh}日期早于{last[1]}日期 {values[last[0]]}"))
            last = (key, zh)
    if values.get("closed_on") and values["closed_on"] < values["submitted_on"]:
        problems.append(("closed_on", values["closed_on"], "办结日期早于提出日期"))
    needs = [("unit", "assigned_on", "填写了承办单位，但没有交办日期"),
             ("assigned_on", "unit", "有交办日期，但没有承办单位"),
             ("replied_on", "assigned_on", "有答复日期，但没有交办日期"),
             ("result", "replied_on", "有办理结果，但没有答复日期"),
             ("reply", "replied_on", "有答复内容，但没有答复日期"),
             ("feedback", "replied_on", "有代表意见，但没有答复日期"),
             ("feedback", "feedback_on", "有代表意见，但没有反馈日期"),
             ("feedback_on", "feedback", "有反馈日期，但没有代表意见"),
             ("due_on", "assigned_on", "有办理期限，但没有交办日期")]
    for have, need, message in needs:
        if values.get(have) and not values.get(need):
            problems.append((have, str(values[have]), message))
    if values.get("due_on") and values.get("assigned_on") and values["due_on"] < values["assigned_on"]:
        problems.append(("due_on", values["due_on"], "办理期限早于交办日期"))

    code = values.get("code")
    if problems:
        return {}, [], [], problems
    if code:
        try:
            codes.claim(code)
        except FieldError as exc:
            problems.append(("code", code, str(exc)))
            return {}, [], [], problems
    else:
        code = codes.allocate(codes.prefix(meeting, term, values["submitted_on"]))

    record = {k: values.get(k) for k in ("kind", "title", "body", "category", "submitted_on", "unit", "assigned_on",
                                    "replied_on", "result", "reply", "feedback", "feedback_on", "closed_on",
                                    "close_reason")}
    record.update(motion_values)
    record.update(code=code, meeting_id=meeting["id"] if meeting else None, lead_id=lead_id,
                  complex=int(bool(values.get("complex"))), round=1, due_on=None, due_reason=values.get("due_reason"))
    rounds: list[dict] = []
    if values.get("assigned_on"):
        closed = (meeting["end_date"] or meeting["date"]) if meeting is not None and meeting["kind"] == "congress" else None
        computed = reply_due(lim, values["assigned_on"], values.get("complex"), closed)
        reopened = values.get("feedback") == "unsatisfied" and not values.get("closed_on")
        first_due = computed if reopened else (values.get("due_on") or computed)
        first = {"unit": values.get("unit"), "started_on": values["assigned_on"], "due_on": first_due,
                 "due_reason": None if reopened else values.get("due_reason"), "replied_on": values.get("replied_on"),
                 "result": values.get("result"), "reply": values.get("reply"), "feedback": values.get("feedback"),
                 "feedback_on": values.get("feedback_on")}
        rounds.append(first)
        record["due_on"] = first_due
        if reopened:
            second_due = values.get("due_on") or rehandle_due(lim, values["feedback_on"])
            rounds.append({"unit": values.get("unit"), "started_on": values["feedback_on"], "due_on": second_due,
                           "due_reason": values.get("due_reason") or "代表不满意，再次办理"})
            record.update(due_on=second_due, due_reason=rounds[-1]["due_reason"], round=2)
    return record, cosigner_ids, rounds, problems


def _check_suspended(store: Store, signers: list, index, v: dict, problems: list) -> None:
    """A deputy whose duties are suspended (代表法 第六十一条) neither proposes nor signs."""
    from rdtool.services.deputies import suspensions

    ids = [did for _, did in signers if did is not None]
    barred = suspensions.suspended_ids(store, ids, v["submitted_on"]) if ids else set()
    for who, did in signers:
        if did in barred:
            problems.append((who, index.by_id[did]["name"],
                             f"{v['submitted_on']} 时暂停执行代表职务（代表法第六十一条），不能提出或附议"))


def _check_signers(index, signer_ids: list[int], values: dict, problems: list) -> None:
    """Five or more township deputies (组织法 第二十二条第二款); a county deputy's signature does not count."""
    levels = [index.by_id[i]["level"] for i in signer_ids]
    n = motion_signer_count(levels)
    if motion_signers_ok(n):
        return
    others = [index.by_id[i]["name"] for i in signer_ids if index.by_id[i]["level"] != "township"]
    extra = f"；{'、'.join(others)}不是本级（乡镇）人大代表，不计入联名人数" if others else ""
    problems.append(("cosigners", "、".join(values.get("cosigners") or []) or "（无）",
                     f"议案只有 {n} 名乡镇人大代表联名，不足{MOTION_MIN_SIGNERS}人{extra}（{MOTION_RULE}）"))


def _check_early(store: Store, meeting: dict, values: dict, problems: list) -> None:
    """Submitted before the session: a suggestion never; a motion where the province allows it (山东、重庆)."""
    from rdtool.services.terms.province import in_force

    setting = in_force(store).profile.motions_before
    before_allowed = values["kind"] == "motion" and bool(setting.value)
    previous = sql.previous_session_end(store, meeting) if before_allowed else None
    problem = motion_date_problem(values["submitted_on"], meeting["date"], before_allowed, previous)
    if problem == "before":
        why = f"（{setting.article}）" if values["kind"] == "motion" else ""
        problems.append(("submitted_on", values["submitted_on"], f"早于会议 {meeting['code']} 的日期 {meeting['date']}{why}"))
    elif problem == "before_previous":
        problems.append(("submitted_on", values["submitted_on"], f"不晚于上一次人代会的闭会日 {previous}，不是为会议 "
                         f"{meeting['code']} 提出的议案（{setting.article}）"))


def _motion(store: Store, values: dict, problems: list) -> dict:
    """A row's motion columns checked (组织法 第二十二条第二款、第三款), as stored values. A motion with a handling unit
    and no disposition was handled as a suggestion (files written before these columns): it is taken as
    作为建议办理, decided on its assignment date."""
    given = [k for k in MOTION_FIELDS if values.get(k)]
    if values["kind"] != "motion":
        for k in given:
            problems.append((k, str(values[k]), "只有议案才有主席团决定和大会审议结果；建议、批评和意见直接交办"))
        return {}
    disposition, decided_on = values.get("disposition"), values.get("decided_on")
    if not disposition and (values.get("unit") or values.get("assigned_on")) and not decided_on:
        disposition, decided_on = "as_suggestion", values.get("assigned_on")
    out: dict = {"disposition": disposition, "decided_on": decided_on}
    for key, kinds in (("decision_meeting", ("presidium", "congress")), ("outcome_meeting", ("congress",))):
        if values.get(key):
            m = sql.meeting_by_code(store, values[key])
            if m is None:
                problems.append((key, values[key], "没有这个会议编号"))
            elif m["kind"] not in kinds:
                problems.append((key, values[key], "应为" + "或".join(label("meeting_kind", k) for k in kinds)))
            else:
                out[f"{key}_id"] = m["id"]
                date_key = "decided_on" if key == "decision_meeting" else "outcome_on"
                if not (values.get(date_key) or out.get(date_key)):
                    out[date_key] = m["date"]
    if disposition and not out["decided_on"]:
        problems.append(("decided_on", "", "有议案处理方式，但没有决定日期（或决定会议）"))
    if out["decided_on"] and not disposition:
        problems.append(("decided_on", out["decided_on"], "有决定日期，但没有议案处理方式"))
    if disposition and disposition != "as_suggestion":
        for k in ("unit", "assigned_on"):
            if values.get(k):
                problems.append((k, str(values[k]), f"“{label('motion_disposition', disposition)}”的议案不交承办单位"))
    if values.get("outcome"):
        out.update(outcome=values["outcome"], outcome_on=values.get("outcome_on") or out.get("outcome_on"))
        if disposition != "on_agenda":
            problems.append(("outcome", values["outcome"], "只有列入大会议程的议案才有大会审议结果"))
        if not out["outcome_on"]:
            problems.append(("outcome_on", "", "有大会审议结果，但没有结果日期（或审议会议）"))
        elif out["decided_on"] and out["outcome_on"] < out["decided_on"]:
            problems.append(("outcome_on", out["outcome_on"], f"早于主席团决定日期 {out['decided_on']}"))
    elif values.get("outcome_on"):
        problems.append(("outcome_on", values["outcome_on"], "有结果日期，但没有大会审议结果"))
    values["decided_on"] = out["decided_on"]  # (the dates' order is checked with the others)
    return {k: val for k, val in out.items() if val is not None}


def write_built(store: Store, record: dict, cosigner_ids: list[int], rounds: list[dict]) -> int:
    pid = sql.insert(store, record)
    sql.add_cosigners(store, pid, cosigner_ids)
    for n, r in enumerate(rounds, start=1):
        sql.add_round(store, pid, n, r)
    return pid


def _raise(problems: list, what: str = "建议/议案信息有误：") -> None:
    from rdtool.labels import problem_line

    raise ValidationError(what, problems=[problem_line(f, val, m) for f, val, m in problems])


def submit(store: Store, raw: dict) -> dict:
    """Register a proposal (议案 or 建议) as submitted; returns {id, code}."""
    from rdtool.services.deputies.refs import DeputyIndex

    fields = [f for f in FIELDS if f.name in ("kind", "title", "submitted_on", "lead", "code", "body", "category",
                                              "meeting", "cosigners")]
    values, errors = F.parse_fields(fields, raw)
    if errors:
        _raise(errors)
    with store.transaction():
        record, cos, rounds, problems = build(store, values, DeputyIndex(store), Codes(store), limits(store))
        if problems:
            _raise(problems)
        pid = write_built(store, record, cos, rounds)
    return {"id": pid, "code": record["code"], "signers": 1 + len(cos),
            "warnings": likely_duplicate(store, record, pid)}


def likely_duplicate(store: Store, record: dict, pid: int, how: str = "录入") -> list[str]:
    """A warning naming the earlier proposal with the same title, lead and date: allowed (submit and import alike,
    docs/csv.md), but more often one typed or imported twice (issue 23)."""
    same = sql.same_lead_title_date(store, record["title"], record["lead_id"], record["submitted_on"], pid)
    if not same:
        return []
    undo = "撤销这一条" if how == "录入" else "撤销这次导入"
    return [f"已有同一领衔代表同日提出的同名{label('proposal_kind', record['kind'])} {same}"
            f"（{record['title']}，{record['submitted_on']}）：如是重复{how}，可用 rdtool undo {undo}"]


def get(store: Store, code: str, as_of: str | None = None) -> dict:
    """A proposal by code (三届一次-001) or id, its state judged on `as_of` (default today); a code not found
    suggests the nearest."""
    from rdtool.dates import today
    from rdtool.services.kernel import refs

    return sql.get(store, f"#{refs.resolve(store, 'proposal', code).id}", as_of or today())
