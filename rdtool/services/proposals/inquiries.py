"""质询案 (inquiries) lodged at a township congress session: 组织法 (2022) 第二十四条, 北京 组织条例 第十二条.

Lodged in writing by ten or more deputies (北京: one fifth where there are forty or fewer) while the congress is
sitting, naming the organ questioned (质询对象), the question and its content; the presidium decides how it is
answered (at a presidium meeting or a plenary meeting, or in writing) and it is answered at the session (北京, 重庆:
a complicated one may be answered later on the presidium's decision). The signers who count are deputies of the
township congress in office and not suspended (代表法 第六十一条) on the day. Too few signers, a day outside the
session, or a meeting that is not a congress session is refused; an answer outside the session is recorded with a
warning, and `db check` lists it (``inquiry_problem``) with inquiries left unanswered after the session.
"""

from __future__ import annotations

from typing import Iterator

from rdtool import fields as F
from rdtool.errors import ValidationError
from rdtool.labels import label
from rdtool.rules import inquiries as law
from rdtool.store import inquiries as sql
from rdtool.store.db import Store

FIELDS: list[F.Field] = [
    F.Field("target", F.text(100), required=True),
    F.Field("title", F.text(200), required=True),
    F.Field("body", F.text(5000, as_written=True)),
    F.Field("notes", F.text(500)),
]


def _province(store: Store) -> str:
    from rdtool.services.terms.province import in_force

    return in_force(store).code


def submit(store: Store, meeting_ref: str, lead: str, others: list[str], day: str | None, raw: dict) -> dict:
    """Record an inquiry; refuses one the law does not allow (see the module docstring)."""
    from rdtool.services.meetings import meetings as meetings_svc

    values, errors = F.parse_fields(FIELDS, raw)
    if errors:
        raise ValidationError("质询案信息有误：", problems=[f"{f}“{v}”：{m}" for f, v, m in errors])
    with store.transaction():
        m = meetings_svc.get(store, meeting_ref)
        if m["kind"] != "congress":
            raise ValidationError(f"会议 {m['code']} 不是人代会；质询案在人代会举行会议的时候提出（组织法第二十四条第一款）")
        day = day or m["date"]
        problem = law.date_problem(day, m["date"], m.get("end_date"))
        if problem:
            raise ValidationError(problem, "--date 写提出的日期，须在会期之内")
        from rdtool.services.deputies.suspensions import refuse_suspended_signers, signers_who_count

        rows, counted, why = signers_who_count(store, m["term"], [lead] + others, day)
        refuse_suspended_signers(store, rows, day, "联名提出质询案", "--lead/--signers")
        ids = [(d["id"], i == 0) for i, d in enumerate(rows)]
        total = meetings_svc.roster_size(store, m)
        province = _province(store)
        if not law.signers_ok(counted, total, province):
            need = law.min_signers(total, province)
            raise ValidationError(
                f"质询案只有 {counted} 名代表联名，不足{need}人（{law.signer_article(total, province)}；"
                f"本届代表{total}人）" + (f"；{'、'.join(why)}，不计入联名人数" if why else ""),
                "补足联名代表，或核对代表名单")
        code = f"{m['code']}-Q{sql.count_for_meeting(store, m['id']) + 1}"
        sql.insert(store, {**values, "code": code, "meeting_id": m["id"], "submitted_on": day}, ids)
    record = show(store, code)
    return {**record, "not_counted": why, "counted": counted, "required": law.min_signers(total, province)}


def get(store: Store, code: str) -> dict:
    from rdtool.errors import NotFound
    from rdtool.services.kernel.refs import suggestion

    row = sql.by_code(store, code.strip().upper())
    if row is None:
        hint = suggestion(code, sql.codes(store))
        raise NotFound(f"没有编号为“{code}”的质询案", f"{hint}（用 inquiry list 查看）" if hint else "用 inquiry list 查看质询案编号")
    return row


def answer(store: Store, code: str, method: str, answered_on: str, answered_by: str | None,
           text: str | None) -> dict:
    """Record the answer (组织法 第二十四条第二款、第三款); returns the record with a warning when it is late."""
    with store.transaction():
        q = get(store, code)
        if answered_on < q["submitted_on"]:
            raise ValidationError(f"答复日期{answered_on}早于质询案提出的日期{q['submitted_on']}")
        # A second answer corrects the first: what she leaves out (the signer, the text) stays as recorded.
        changes = {"answer_method": method, "answered_on": answered_on, "answered_by": answered_by, "answer": text}
        sql.update(store, q["id"], {k: v for k, v in changes.items() if v is not None})
    record = show(store, q["code"])
    return {**record, "warnings": problems(store, record)}


def reanswer(store: Store, code: str, unsatisfied: list[str] | None, requested_on: str | None, method: str | None,
             answered_on: str | None, answered_by: str | None, text: str | None) -> dict:
    """Record that half or more of the signers are unsatisfied and ask for a second answer, and (or later) that
    answer (代表法 第二十条第五款); refuses what the article does not allow. Returns the record with notes."""
    if (method is None) != (answered_on is None):
        raise ValidationError("再作答复须同时写 --method 和 --date", "只记录不满意的代表和要求时，两者都不写")
    with store.transaction():
        q = get(store, code)
        signers = sql.signers(store, q["id"])
        lodged = [s for s in signers if s["level"] == "township"]  # 提出质询案的代表: the deputies who count
        if unsatisfied is None:
            if q["reanswer_requested_on"] is None:
                raise ValidationError("尚未记录对答复不满意的代表", "用 --unsatisfied 写对答复不满意的联名代表")
            chosen = {s["deputy_id"] for s in signers if s["unsatisfied"]}
        else:
            chosen = {_signer(lodged, ref, q["code"])["deputy_id"] for ref in unsatisfied}
        requested_on = requested_on or q["reanswer_requested_on"] or answered_on
        if requested_on is None:
            raise ValidationError("没有写要求再作答复的日期", "用 --requested-on 写代表提出要求的日期")
        problem = law.reanswer_problem(len(chosen), len(lodged), q["answered_on"], requested_on, answered_on)
        if problem:
            raise ValidationError(f"质询案 {q['code']}：{problem}")
        sql.set_unsatisfied(store, q["id"], chosen)
        changes = {"reanswer_requested_on": requested_on, "reanswer_method": method, "reanswered_on": answered_on,
                   "reanswered_by": answered_by, "reanswer": text}
        sql.update(store, q["id"], {k: v for k, v in changes.items() if v is not None})
    record = show(store, q["code"])
    province = _province(store)
    notes = [f"经主席团决定，由受质询机关再作答复（{law.AGAIN_BY_PRESIDIUM[province]}）"] \
        if province in law.AGAIN_BY_PRESIDIUM else []
    return {**record, "unsatisfied": len(chosen), "lodged": len(lodged), "notes": notes}


def _signer(signers: list[dict], ref: str, code: str) -> dict:
    """The signer ``ref`` names (a name, or 姓名#ID among namesakes)."""
    from rdtool.errors import FieldError
    from rdtool.services.deputies.refs import parse_ref
    from rdtool.services.kernel.refs import suggestion

    try:
        name, ident = parse_ref(ref)
    except FieldError as exc:
        raise ValidationError(str(exc)) from None
    found = [s for s in signers if (ident is None or s["deputy_id"] == ident) and (not name or s["name"] == name)]
    if not found:
        hint = suggestion(ref, [s["name"] for s in signers])
        raise ValidationError(f"“{ref}”不是提出质询案 {code} 的本级代表（联名代表：{'、'.join(s['name'] for s in signers)}）",
                              hint or "用 inquiry show 查看联名代表")
    if len(found) > 1:
        raise ValidationError(f"联名代表中有{len(found)}人名为“{ref}”：" + "、".join(f"ID {s['deputy_id']}" for s in found),
                              "请写成 姓名#ID")
    return found[0]


def problems(store: Store, q: dict, as_of: str | None = None) -> list[str]:
    """The answer outside the session, or none yet after the session; a second answer asked for and not recorded
    (the same findings as `db check`)."""
    if q["answered_on"]:
        p = law.answer_problem(q["answered_on"], q["answer_method"], q["meeting_date"], q["meeting_end"],
                               _province(store))
        out = [p] if p else []
        if q.get("reanswer_requested_on") and not q.get("reanswered_on"):
            out.append(f"代表于{q['reanswer_requested_on']}对答复不满意、要求再作答复，尚未记录再作答复"
                       f"（{law.ART_AGAIN}；inquiry reanswer）")
        return out
    end = q["meeting_end"] or q["meeting_date"]
    if as_of is not None and as_of > end:
        return [f"质询案 {q['code']} 尚未记录答复；质询案由受质询机关在会议期间答复（组织法第二十四条第二款、第三款）"]
    return []


def _row(q: dict) -> dict:
    return {**q, "answer_method_zh": label("inquiry_answer", q["answer_method"]) if q["answer_method"] else "",
            "reanswer_method_zh": label("inquiry_answer", q["reanswer_method"]) if q.get("reanswer_method") else ""}


def show(store: Store, code: str) -> dict:
    q = get(store, code)
    return {**_row(q), "signer_list": sql.signers(store, q["id"])}


def listing(store: Store, meeting_ref: str | None = None, term: int | None = None) -> list[dict]:
    from rdtool.dates import today
    from rdtool.services.meetings import meetings as meetings_svc

    meeting_id = meetings_svc.get(store, meeting_ref)["id"] if meeting_ref else None
    day = today()
    return [{**_row(q), "problems": "；".join(problems(store, q, day))} for q in sql.listing(store, meeting_id, term)]


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict]:
    for q in sql.listing(store):
        if q["submitted_on"] > as_of or (date_from and q["submitted_on"] < date_from) or \
                (date_to and q["submitted_on"] > date_to):
            continue
        for p in problems(store, q, as_of):
            yield {"check": "inquiry_problem", "severity": "warning", "table": "inquiries", "record": q["code"],
                   "message": f"质询案 {q['code']}（{q['title']}）：{p}"}
