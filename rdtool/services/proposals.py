"""Deputies' proposals (议案 and 建议、批评和意见): submit, assign, reply, feedback, close, figures.

Rules applied (rdtool.rules):
- a township motion needs five or more deputies' joint signature, lead included (组织法 第二十二条第二款);
  a motion belongs to a congress session;
- the answer is due three months after 交办, six when complex (代表法 2025 第五十一条第二款), or the
  province's limits from settings (`proposal_reply_months`, `proposal_complex_months`);
- after 不满意 the unit handles it again within one month of the feedback (settings
  `proposal_rehandle_months`; e.g. 浙江 第二十四条, 山东 第二十四条) — a new round, the old one kept.
"""

from __future__ import annotations

from datetime import date, timedelta

from rdtool import fields as F
from rdtool.dates import today
from rdtool.errors import FieldError, NotFound, RdtoolError, ValidationError
from rdtool.labels import FIELD_ZH, chinese_numeral, clean, label, parse_list
from rdtool.rules import deadlines
from rdtool.rules.deputies import MOTION_MIN_SIGNERS, motion_signers_ok
from rdtool.services.deputy_refs import parse_ref
from rdtool.store import proposals as sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store

FIGURE_KEYS = ("received", "motions", "suggestions", "assigned", "replied", "closed", "overdue", "reply_rate",
               "on_time_rate", "satisfaction_rate", "implementation_rate")
MOTION_RULE = f"组织法第二十二条第二款：乡镇人大代表{MOTION_MIN_SIGNERS}人以上联名（含领衔代表）方可提出议案"


def signer_list(raw: str) -> list[str]:
    """Co-signers as written in a cell: names separated by 、;；, — a clashing name may carry its id (王建国#25)."""
    out = []
    for item in parse_list(raw):
        parse_ref(item)
        out.append(item)
    return out


def prose(max_len: int):
    """Free text (titles, bodies, replies) kept as written: Chinese punctuation is not folded to ASCII."""
    def parse(raw: str) -> str:
        value = str(raw).strip()
        if "\x00" in value:
            raise FieldError("含有空字符（NUL），文件可能已损坏")
        if len(value) > max_len:
            raise FieldError(f"内容过长（{len(value)} 字，最多 {max_len} 字）")
        return value

    return parse


# The CSV contract's columns, in order (docs/csv.md, kind proposals).
FIELDS: list[F.Field] = [
    F.Field("kind", F.enum("proposal_kind"), required=True),
    F.Field("title", prose(200), required=True),
    F.Field("submitted_on", F.DATE, required=True),
    F.Field("lead", F.name, required=True),
    F.Field("code", F.text(40)),
    F.Field("body", prose(F.MAX_TEXT)),
    F.Field("category", F.text(30)),
    F.Field("meeting", F.text(40)),
    F.Field("cosigners", signer_list),
    F.Field("unit", F.text(100)),
    F.Field("assigned_on", F.DATE),
    F.Field("due_on", F.DATE),
    F.Field("complex", F.BOOL),
    F.Field("replied_on", F.DATE),
    F.Field("result", F.enum("proposal_result")),
    F.Field("reply", prose(F.MAX_TEXT)),
    F.Field("feedback", F.enum("feedback")),
    F.Field("feedback_on", F.DATE),
    F.Field("closed_on", F.DATE),
]
# Accepted beyond the contract: the lead's id where two deputies share the name, and the two reasons.
EXTRA: list[F.Field] = [
    F.Field("deputy_id", F.integer(1)),
    F.Field("due_reason", prose(200)),
    F.Field("close_reason", prose(200)),
]


def _d(text: str) -> date:
    return date.fromisoformat(text)


# --- deadlines --------------------------------------------------------------------------------------

def limits(store: Store) -> dict:
    s = settings_sql.all_settings(store)
    return {"months": int(s["proposal_reply_months"]), "complex_months": int(s["proposal_complex_months"]),
            "rehandle_months": int(s["proposal_rehandle_months"])}


def reply_due(store_or_limits, assigned_on: str, complex_: bool) -> str:
    lim = store_or_limits if isinstance(store_or_limits, dict) else limits(store_or_limits)
    return deadlines.reply_due(_d(assigned_on), bool(complex_), lim["months"], lim["complex_months"]).isoformat()


def rehandle_due(lim: dict, feedback_on: str) -> str:
    return deadlines.rehandle_due(_d(feedback_on), lim["rehandle_months"]).isoformat()


# --- codes ------------------------------------------------------------------------------------------

class Codes:
    """Allocates codes: 三届一次-001 per congress session, 2026-001 per year between sessions."""

    def __init__(self, store: Store):
        self.store = store
        self.next: dict[str, int] = {}
        self.taken: set[str] = set()

    def prefix(self, meeting: dict | None, term: int | None, submitted_on: str) -> str:
        if meeting is not None and meeting["kind"] == "congress" and term is not None:
            n = sql.session_ordinal(self.store, meeting, term)
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

def _resolve_signer(index, item: str, term: int | None, deputy_id: int | None = None) -> int:
    name, ident = parse_ref(item)
    if ident is not None:
        return index.resolve(name or None, term, ident)
    return index.resolve(name, term, deputy_id, level="township")


def build(store: Store, v: dict, index, codes: Codes, lim: dict) -> tuple[dict, list[int], list[dict], list]:
    """Check one proposal's values; returns (record, cosigner ids, rounds, problems).

    `problems` are (field, value, message); nothing is written here.
    """
    problems: list[tuple[str, str, str]] = []
    meeting = None
    if v.get("meeting"):
        meeting = sql.meeting_by_code(store, v["meeting"])
        if meeting is None:
            problems.append(("meeting", v["meeting"], "没有这个会议编号（先导入或登记会议，如 C3-1）"))
        elif meeting["kind"] != "congress":
            problems.append(("meeting", v["meeting"], "议案和建议应在人民代表大会会议期间提出；这不是人代会"))
    if v["kind"] == "motion" and not v.get("meeting"):
        problems.append(("meeting", "", "议案必须在人民代表大会会议期间提出，请填写会议编号"))
    term = None
    if meeting is not None:
        term = meeting["term"] or settings_sql.term_on(store, meeting["date"])
    if term is None:
        term = settings_sql.term_on(store, v["submitted_on"])
    if term is None:
        problems.append(("submitted_on", v["submitted_on"], "这一天不在任何一届的任期内（先用 rdtool term add 建立届次）"))
    lead_id = None
    try:
        lead_id = _resolve_signer(index, v["lead"], term, v.get("deputy_id"))
    except FieldError as exc:
        problems.append(("lead", v["lead"], str(exc)))
    cosigner_ids: list[int] = []
    for item in v.get("cosigners") or []:
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
        if did is not None and not index.in_office(did, v["submitted_on"]):
            problems.append((who, index.by_id[did]["name"], f"{v['submitted_on']} 时已不在任，不能提出或附议"))
    if v["kind"] == "motion" and lead_id is not None and not motion_signers_ok(1 + len(cosigner_ids)):
        problems.append(("cosigners", "、".join(v.get("cosigners") or []) or "（无）",
                         f"议案只有 {1 + len(cosigner_ids)} 名代表联名，不足{MOTION_MIN_SIGNERS}人（{MOTION_RULE}）"))
    if meeting is not None and v["submitted_on"] < meeting["date"]:
        problems.append(("submitted_on", v["submitted_on"], f"早于会议 {meeting['code']} 的日期 {meeting['date']}"))

    # dates of the handling, in order
    order = [("submitted_on", "提出"), ("assigned_on", "交办"), ("replied_on", "答复"), ("feedback_on", "反馈")]
    last = None
    for key, zh in order:
        if v.get(key):
            if last and v[key] < v[last[0]]:
                problems.append((key, v[key], f"{zh}日期早于{last[1]}日期 {v[last[0]]}"))
            last = (key, zh)
    if v.get("closed_on") and v["closed_on"] < v["submitted_on"]:
        problems.append(("closed_on", v["closed_on"], "办结日期早于提出日期"))
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
        if v.get(have) and not v.get(need):
            problems.append((have, str(v[have]), message))
    if v.get("due_on") and v.get("assigned_on") and v["due_on"] < v["assigned_on"]:
        problems.append(("due_on", v["due_on"], "办理期限早于交办日期"))

    code = v.get("code")
    if problems:
        return {}, [], [], problems
    if code:
        try:
            codes.claim(code)
        except FieldError as exc:
            problems.append(("code", code, str(exc)))
            return {}, [], [], problems
    else:
        code = codes.allocate(codes.prefix(meeting, term, v["submitted_on"]))

    record = {k: v.get(k) for k in ("kind", "title", "body", "category", "submitted_on", "unit", "assigned_on",
                                    "replied_on", "result", "reply", "feedback", "feedback_on", "closed_on",
                                    "close_reason")}
    record.update(code=code, meeting_id=meeting["id"] if meeting else None, lead_id=lead_id,
                  complex=int(bool(v.get("complex"))), round=1, due_on=None, due_reason=v.get("due_reason"))
    rounds: list[dict] = []
    if v.get("assigned_on"):
        computed = reply_due(lim, v["assigned_on"], v.get("complex"))
        reopened = v.get("feedback") == "unsatisfied" and not v.get("closed_on")
        first_due = computed if reopened else (v.get("due_on") or computed)
        first = {"unit": v.get("unit"), "started_on": v["assigned_on"], "due_on": first_due,
                 "due_reason": None if reopened else v.get("due_reason"), "replied_on": v.get("replied_on"),
                 "result": v.get("result"), "reply": v.get("reply"), "feedback": v.get("feedback"),
                 "feedback_on": v.get("feedback_on")}
        rounds.append(first)
        record["due_on"] = first_due
        if reopened:
            second_due = v.get("due_on") or rehandle_due(lim, v["feedback_on"])
            rounds.append({"unit": v.get("unit"), "started_on": v["feedback_on"], "due_on": second_due,
                           "due_reason": v.get("due_reason") or "代表不满意，再次办理"})
            record.update(due_on=second_due, due_reason=rounds[-1]["due_reason"], round=2)
    return record, cosigner_ids, rounds, problems


def write_built(store: Store, record: dict, cosigner_ids: list[int], rounds: list[dict]) -> int:
    pid = sql.insert(store, record)
    sql.add_cosigners(store, pid, cosigner_ids)
    for n, r in enumerate(rounds, start=1):
        sql.add_round(store, pid, n, r)
    return pid


def _raise(problems: list, what: str = "建议/议案信息有误：") -> None:
    raise ValidationError(what, problems=[f"{f}（{FIELD_ZH.get(f, f)}）" + (f"“{val}”" if val else "") + f"：{m}"
                                          for f, val, m in problems])


def submit(store: Store, raw: dict) -> dict:
    """Register a proposal (议案 or 建议) as submitted; returns {id, code}."""
    from rdtool.services.deputy_refs import DeputyIndex

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
    return {"id": pid, "code": record["code"], "signers": 1 + len(cos)}


# --- the lifecycle ----------------------------------------------------------------------------------

def get(store: Store, code: str) -> dict:
    row = sql.get(store, clean(code))
    if row is None:
        raise NotFound(f"没有编号为“{code}”的建议或议案", "用 rdtool proposal list 查看编号")
    return row


def _current_round(store: Store, p: dict) -> dict | None:
    rows = sql.rounds(store, p["id"])
    return rows[-1] if rows else None


def _not_closed(p: dict) -> None:
    if p["closed_on"]:
        raise RdtoolError(f"{p['code']} 已于 {p['closed_on']} 办结，不能再修改办理情况")


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
        if on < p["submitted_on"]:
            raise ValidationError(f"交办日期 {on} 早于提出日期 {p['submitted_on']}")
        computed = reply_due(store, on, complex_)
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
    return {**p, **values}


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
    late = deadlines.days_overdue(_d(rnd["due_on"]), _d(on), _d(on))
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


# --- reading ----------------------------------------------------------------------------------------

def listing(store: Store, *, status: str | None = None, unit: str | None = None, deputy: str | None = None,
            kind: str | None = None, meeting: str | None = None, term: int | None = None, year: int | None = None,
            category: str | None = None, overdue: bool = False, as_of: str | None = None) -> list[dict]:
    deputy_id = None
    if deputy is not None:
        from rdtool.services.deputies import resolve

        deputy_id = resolve(store, deputy)["id"]
    meeting_id = None
    if meeting is not None:
        m = sql.meeting_by_code(store, clean(meeting))
        if m is None:
            raise NotFound(f"没有编号为“{meeting}”的会议")
        meeting_id = m["id"]
    return sql.select(store, status=status, unit=unit, deputy_id=deputy_id, kind=kind, meeting_id=meeting_id,
                      term=term, year=year, category=category,
                      overdue_on=(as_of or today()) if overdue else None)


def show(store: Store, code: str, as_of: str | None = None) -> dict:
    """One proposal with co-signers, every handling round and a dated timeline."""
    p = get(store, code)
    day = as_of or today()
    p["cosigner_list"] = sql.cosigners(store, p["id"])
    p["rounds"] = sql.rounds(store, p["id"])
    timeline = [{"date": p["submitted_on"], "event": "提出",
                 "detail": f"{p['lead']}领衔" + (f"，{p['cosigner_count']}名代表附议" if p["cosigner_count"] else "")
                 + (f"（{p['meeting']}）" if p["meeting"] else "")}]
    for r in p["rounds"]:
        if r["round"] == 1:
            timeline.append({"date": r["started_on"], "event": "交办",
                             "detail": f"{r['unit']}，期限 {r['due_on']}" + (f"（{r['due_reason']}）" if r["due_reason"] else "")})
        else:
            timeline.append({"date": r["started_on"], "event": f"第{r['round']}轮办理",
                             "detail": f"{r['unit'] or ''}，期限 {r['due_on']}（{r['due_reason'] or ''}）"})
        if r["replied_on"]:
            late = deadlines.days_overdue(_d(r["due_on"]), _d(r["replied_on"]), _d(r["replied_on"]))
            timeline.append({"date": r["replied_on"], "event": "答复",
                             "detail": f"{r['result'] or ''} {label('proposal_result', r['result'])}"
                                       + (f"，逾期 {late} 天" if late else "，按期")})
        if r["feedback"]:
            timeline.append({"date": r["feedback_on"], "event": "代表反馈", "detail": label("feedback", r["feedback"])})
    if p["closed_on"]:
        timeline.append({"date": p["closed_on"], "event": "办结", "detail": p["close_reason"] or ""})
    p["timeline"] = timeline
    cur = p["rounds"][-1] if p["rounds"] else None
    p["days_late"] = None
    if cur and not cur["replied_on"] and not p["closed_on"]:
        p["days_late"] = deadlines.days_overdue(_d(cur["due_on"]), None, _d(day))
    return p


def for_deputy(store: Store, deputy_id: int) -> list[dict]:
    return sql.by_deputy(store, deputy_id)


def chase(store: Store, as_of: str | None = None, within_days: int | None = None) -> list[dict]:
    """Open rounds overdue on `as_of` (or, with `within_days`, also due within that many days), by unit."""
    day = as_of or today()
    before = (_d(day) + timedelta(days=within_days + 1)).isoformat() if within_days is not None else day
    rows = sql.pending(store, day, before)
    for r in rows:
        r["days_late"] = deadlines.days_overdue(_d(r["due_on"]), None, _d(day))
        r["days_left"] = (_d(r["due_on"]) - _d(day)).days
        r["overdue"] = r["days_late"] > 0
    return rows


def search(store: Store, words: str, limit: int = 20) -> list[dict]:
    """Full-text search of titles and bodies; trigram FTS5 for words of 3+ characters, LIKE for shorter."""
    terms = [w for w in clean(words).split() if w]
    if not terms:
        raise ValidationError("请给出要查找的词")
    if all(len(t) >= 3 for t in terms):
        query = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        rows = sql.search_fts(store, query, limit)
        for r in rows:
            r["score"] = round(-r["score"], 4)
        return rows
    rows = sql.search_like(store, terms, limit)
    for r in rows:
        r["snippet"] = _snippet(r["title"], r.pop("body") or "", terms)
    return rows


def _snippet(title: str, body: str, terms: list[str], width: int = 16) -> str:
    for text in (body, title):
        for t in terms:
            i = text.find(t)
            if i >= 0:
                start, end = max(0, i - width), min(len(text), i + len(t) + width)
                return (("…" if start else "") + text[start:i] + f"【{t}】" + text[i + len(t):end]
                        + ("…" if end < len(text) else ""))
    return title


# --- the figures (used by `proposal stats` and by the term/annual report) ----------------------------

def _rate(n: int, base: int) -> float | None:
    return None if base == 0 else n / base


def _shape(row: dict) -> dict:
    out = {k: int(row[k]) for k in ("received", "motions", "suggestions", "assigned", "replied", "closed", "overdue")}
    out["reply_rate"] = _rate(row["replied"], row["received"])
    out["on_time_rate"] = _rate(row["on_time"], row["replied"])
    out["satisfaction_rate"] = _rate(row["satisfied"], row["with_feedback"])
    out["implementation_rate"] = _rate(row["implemented"], row["replied"])
    return out


def figures(store: Store, date_from: str, date_to: str, as_of: str, group_by: str | None = None):
    """The report contract's `proposals` figures for proposals submitted in [date_from, date_to].

    States are judged on `as_of` (docs/report.md; how each figure is counted: docs/figures.md): assigned/replied/closed by their
    dates; overdue = assigned, not replied (in the round in force) and due before `as_of`; reply_rate =
    replied/received; on_time_rate = replied by the due date/replied; satisfaction_rate = (满意+基本满意)/with
    feedback (the latest feedback); implementation_rate = (A+B)/replied. Rates are None when the
    denominator is 0. With group_by 'unit' or 'category': a list of such dicts, each with that key.
    """
    if group_by not in (None, "unit", "category"):
        raise ValueError(group_by)
    rows = sql.figures(store, date_from, date_to, as_of, group_by)
    if group_by is None:
        if not rows:
            return _shape({k: 0 for k in ("received", "motions", "suggestions", "assigned", "replied", "closed",
                                          "overdue", "on_time", "with_feedback", "satisfied", "implemented")})
        return _shape(rows[0])
    return [{group_by: r["grp"], **_shape(r)} for r in rows]


# --- domain checks -----------------------------------------------------------------------------------

def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """Proposals overdue on `as_of` (of those submitted in the period, when one is given): unit and days late."""
    findings = []
    for r in chase(store, as_of):
        if not (date_from or "") <= r["submitted_on"] <= (date_to or "9999"):
            continue
        rnd = f"（第{r['round']}轮再次办理）" if r["round"] > 1 else ""
        findings.append({"check": "proposal_overdue", "severity": "warning", "table": "proposals", "record": r["code"],
                         "message": f"{label('proposal_kind', r['kind'])}{r['code']}“{r['title']}”{rnd}承办单位"
                                    f"{r['unit'] or '（未填）'}，期限 {r['due_on']}，已逾期 {r['days_late']} 天"})
    return findings
