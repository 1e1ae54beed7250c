"""Appointments (任免): 任命 / 免职 / 接受辞职 decided by the presidium (or the congress), with the
date of each procedural step. An appointee takes the constitutional oath (宪法宣誓) — 全国人大常委会
关于实行宪法宣誓制度的决定 (2018) — and the steps missing are listed by `appointment list --incomplete`.

Facts entered once (CHANGES.md “One fact entered once”):

- an appointment linked to a meeting's personnel vote takes its 讨论 and 表决 from that vote (the meeting's
  date, unless typed); a vote that failed (or a meeting without its quorum) means the appointment did not
  take effect: it is said so and no step is missing;
- office-holders elected by the congress (action ``elect``: 主席、副主席、镇长、副镇长…) are made by
  `rdtool.services.elections.outcomes` from the election result; only their 宪法宣誓 and 公告 are entered here
  (the provincial 宪法宣誓 rules, `rdtool.rules.congress_offices.oath_article`).
"""

from __future__ import annotations

from typing import Iterator

from rdtool import fields as F
from rdtool.errors import ValidationError
from rdtool.io.kinds import Kind, Row, RowError, RowErrors
from rdtool.labels import FIELD_ZH, clean, label
from rdtool.services.meetings import meetings as meetings_svc
from rdtool.store import meetings as sql
from rdtool.store import appointments as appointments_sql
from rdtool.store import items as items_sql
from rdtool.store.db import Store

STEP_FIELDS = ("party_decision_on", "nomination_on", "application_on", "discussion_on", "vote_on", "oath_on",
               "statement_on", "announced_on")
FIELDS: list[F.Field] = [
    F.Field("person", F.name, required=True),
    F.Field("position", F.text(100), required=True),
    F.Field("action", F.enum("appointment_action"), required=True),
    F.Field("meeting", F.text(30)),
    F.Field("decided_on", F.DATE),
    *[F.Field(s, F.DATE) for s in STEP_FIELDS],
    F.Field("notes", F.text(2000)),
]
FIELD_NAMES = [f.name for f in FIELDS]


def phrase(action: str, person: str, position: str) -> str:
    """The decision as an official document words it: 任命刘志华为青石镇财政所所长; 免去刘志华青石镇财政所所长职务;
    接受刘志华辞去青石镇财政所所长职务; 选举刘志华为镇长 (an office-holder elected by the congress)."""
    if action == "remove":
        return f"免去{person}{position}职务"
    if action == "accept_resignation":
        return f"接受{person}辞去{position}职务"
    if action == "elect":
        return f"选举{person}为{position}"
    return f"任命{person}为{position}"


# The steps each action requires (docs/csv.md lists the step columns).
REQUIRED_STEPS = {
    "appoint": ("party_decision_on", "nomination_on", "discussion_on", "vote_on", "oath_on", "statement_on",
                "announced_on"),
    "remove": ("party_decision_on", "discussion_on", "vote_on", "announced_on"),
    "accept_resignation": ("party_decision_on", "application_on", "discussion_on", "vote_on", "announced_on"),
    "elect": ("oath_on", "announced_on"),
}
VOTE_STEPS = ("discussion_on", "vote_on")  # filled by the linked personnel vote
ELECTED_FIXED = ("person", "position", "action", "meeting", "decided_on")  # set by the election result
STEP_ZH = {"party_decision_on": "党委决定", "nomination_on": "提请", "application_on": "本人申请",
           "discussion_on": "讨论", "vote_on": "表决", "oath_on": "宪法宣誓", "statement_on": "表态发言",
           "announced_on": "公告"}


def missing_steps(row: dict) -> list[str]:
    if row.get("in_effect") is False:
        return []
    return [s for s in REQUIRED_STEPS.get(row["action"], ()) if not row.get(s)]


def with_vote(row: dict) -> dict:
    """The record as it stands once its personnel vote is taken into account (see the module docstring)."""
    row = dict(row)
    result = row.get("vote_result")
    row["in_effect"] = None if result is None else result == "passed"
    if result is not None:
        for s in VOTE_STEPS:
            if not row.get(s):
                row[s] = row["vote_date"]
    row["missing"] = missing_steps(row)
    if row["in_effect"] is False:
        why = "会议不足法定人数，表决无效" if result == "no_quorum" else "表决未通过"
        row["effect_text"] = (f"{row['vote_item']}{why}，{label('appointment_action', row['action'])}不生效")
        row["missing_text"] = f"—（{why}，不生效）"
    else:
        row["effect_text"] = ""
        row["missing_text"] = "、".join(STEP_ZH[s] for s in row["missing"])
    return row


def _resolve(store: Store, values: dict) -> tuple[dict, list[tuple[str, str, str]]]:
    """Fill meeting_id, item_id and decided_on; (values, problems)."""
    values = dict(values)
    problems = []
    m = None
    if values.get("meeting"):
        m = sql.meeting_by_code(store, clean(values["meeting"]))
        if m is None:
            problems.append(("meeting", values["meeting"], "没有这个编号的会议"))
    if m is not None:
        values["meeting_id"] = m["id"]
        if not values.get("decided_on"):
            values["decided_on"] = m["date"]
        items = [i for i in items_sql.items_of(store, m["id"]) if i["kind"] == "personnel" and values["person"] in i["title"]]
        if len(items) == 1 and values.get("action") != "elect":
            values["item_id"] = items[0]["id"]
    if not values.get("decided_on") and not problems:
        problems.append(("decided_on", "", "没有会议时必须填写决定日期"))
    for s in STEP_FIELDS:
        if (values.get(s) and values.get("party_decision_on") and s != "application_on"
                and values[s] < values["party_decision_on"]):
            problems.append((s, values[s], f"早于党委决定日期 {values['party_decision_on']}"))
    if values.get("oath_on") and values.get("decided_on") and values["oath_on"] < values["decided_on"]:
        when = "当选" if values.get("action") == "elect" else "任命"
        problems.append(("oath_on", values["oath_on"], f"宪法宣誓应在{when}（{values['decided_on']}）之后"))
    if values.get("announced_on") and values.get("decided_on") and values["announced_on"] < values["decided_on"]:
        problems.append(("announced_on", values["announced_on"], f"公告早于决定日期 {values['decided_on']}"))
    if values.get("action") == "accept_resignation":
        from rdtool.rules.mandates import township_post_of
        from rdtool.services.elections.post_ends import resignation_rule

        problem = resignation_rule(store, township_post_of(values.get("position") or ""), m)
        if problem and not (m is None and values.get("meeting")):
            problems.append(("meeting" if m else "decided_on", values.get("meeting") or values.get("decided_on") or "",
                             problem))
    if values.get("action") not in ("appoint", "elect"):
        for s in ("oath_on", "statement_on"):
            if values.get(s):
                problems.append((s, values[s], f"{label('appointment_action', values['action'])}没有{STEP_ZH[s]}这一步"))
    return values, problems


def _not_typed(action: str | None) -> None:
    if action == "elect":
        raise ValidationError("选举产生的职务由选举结果生成，不能手工添加",
                              "先用 rdtool election add 记录选举；当选人的宪法宣誓、公告日期用 rdtool appointment edit ID 补记")


def add(store: Store, raw: dict) -> dict:
    values, errors = F.parse_fields(FIELDS, raw)
    if errors:
        raise ValidationError("任免信息有误：", problems=meetings_svc.problems_text(errors))
    _not_typed(values.get("action"))
    with store.transaction():
        v, problems = _resolve(store, values)
        if problems:
            raise ValidationError("任免信息有误：", problems=meetings_svc.problems_text(problems))
        new_id = appointments_sql.insert_appointment(store, v)
    return show(store, new_id)


def get(store: Store, ref: str | int) -> dict:
    from rdtool.services.kernel import refs

    return appointments_sql.appointment(store, refs.resolve(store, "appointment", str(ref)).id)


def edit(store: Store, ref: str, raw: dict, reason: str | None = None) -> dict:
    """Correct any field of an appointment — each step's date, the meeting — with the change printed."""
    from rdtool.services.kernel import corrections

    current = get(store, ref)
    fields = [f for f in FIELDS if f.name in raw]
    values, errors = F.parse_fields(fields, raw)
    if errors:
        raise ValidationError("任免信息有误：", problems=meetings_svc.problems_text(errors))
    if current["action"] == "elect":
        fixed = sorted(k for k in values if k in ELECTED_FIXED and values[k] != current.get(k))
        if fixed:
            raise ValidationError(f"任免记录 {current['id']} 由选举结果生成，{'、'.join(FIELD_ZH.get(k, k) for k in fixed)}"
                                  "不能在这里更改", "请更正选举记录（rdtool election edit）；这里只补记宣誓、表态发言、公告日期和备注")
    else:
        _not_typed(values.get("action"))
    merged = {k: current.get(k) for k in FIELD_NAMES}
    merged.update(values)
    if "meeting" in values and values["meeting"] is None:
        merged.update(meeting_id=None, item_id=None)
    with corrections.write(store, reason, subject=("appointments", current["id"])) as report:
        v, problems = _resolve(store, merged)
        if problems:
            raise ValidationError("任免信息有误：", problems=meetings_svc.problems_text(problems))
        columns = [c for c in appointments_sql.APPOINTMENT_COLUMNS if c in v]
        changes = {c: v[c] for c in columns if v[c] != current.get(c)}
        appointments_sql.update_appointment(store, current["id"], changes)
    return {"record": show(store, current["id"]), "changed": sorted(changes), "report": report}


def show(store: Store, appointment_id: int) -> dict:
    return with_vote(get(store, appointment_id))


def listing(store: Store, *, term: int | None = None, year: int | None = None,
            incomplete: bool = False) -> list[dict]:
    rows = [with_vote(r) for r in appointments_sql.appointments(store, term=term, year=year)]
    if incomplete:
        rows = [r for r in rows if r["missing"]]
    return rows


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """Appointees and elected office-holders without an oath (宪法宣誓), and records missing other steps."""
    from rdtool.rules.congress_offices import oath_article
    from rdtool.services.terms.province import in_force

    oath_elected = oath_article(in_force(store).profile.name)  # the province setting stores a profile code
    findings = []
    for r in listing(store):
        day = r["decided_on"] or ""
        if day > min(as_of, date_to or as_of) or day < (date_from or "") or not r["missing"]:
            continue
        no_oath = "oath_on" in r["missing"]
        findings.append({
            "check": "appointment_no_oath" if no_oath else "appointment_steps_missing",
            "severity": "warning", "table": "appointments", "record": str(r["id"]),
            "message": f"{phrase(r['action'], r['person'], r['position'])}（{r['decided_on']}）缺少：{r['missing_text']}"
                       + (("；人民代表大会选举产生的人员应进行宪法宣誓（" + oath_elected + "）" if r["action"] == "elect"
                           else "；任命人员应进行宪法宣誓（全国人大常委会关于实行宪法宣誓制度的决定）") if no_oath else "")})
    return findings


# ---------------------------------------------------------------- import/export kind `appointments`

def _elected(store: Store, values: dict) -> dict | None:
    """The office-holder record an `elect` row of a file gives the steps of (made by its election)."""
    return appointments_sql.office_record_for(store, values["person"], values["position"], values.get("meeting_id"))


NO_ELECTION = "没有对应的选举结果（同一会议、同一职务的当选人）；选举产生的职务由选举记录生成，请先导入 elections"


def check_rows(store: Store, rows: list[Row]) -> list[RowError]:
    errors = []
    seen: dict[tuple, int] = {}
    for row in rows:
        v, problems = _resolve(store, row.values)
        errors.extend(RowError(row.number, f, str(val or ""), m) for f, val, m in problems)
        if v["action"] == "elect" and not problems and _elected(store, v) is None:
            errors.append(RowError(row.number, "action", "elect", NO_ELECTION))
        key = (v["person"], v["position"], v["action"], v.get("decided_on"))
        if key in seen:
            errors.append(RowError(row.number, "person", v["person"], f"与第{seen[key]}行重复"))
        seen.setdefault(key, row.number)
    return errors


def write_rows(store: Store, rows: list[Row]) -> int:
    errors = []
    for row in rows:
        v, problems = _resolve(store, row.values)
        if problems:
            errors.extend(RowError(row.number, f, str(val or ""), m) for f, val, m in problems)
            continue
        if v["action"] == "elect":
            record = _elected(store, v)
            if record is None:
                errors.append(RowError(row.number, "action", "elect", NO_ELECTION))
                continue
            appointments_sql.update_appointment(store, record["id"], {k: v[k] for k in (*STEP_FIELDS, "notes") if v.get(k)})
            continue
        appointments_sql.insert_appointment(store, v)
    if errors:
        raise RowErrors(errors)
    return len(rows)


def export_rows(store: Store, show_private: bool = False) -> Iterator[dict]:
    """Each record with its steps as they stand (讨论、表决 from a linked personnel vote included)."""
    for r in appointments_sql.appointments(store):
        r = with_vote(r)
        yield {k: r.get(k) for k in FIELD_NAMES}


KIND = Kind("appointments", "任免", FIELDS, write_rows, export_rows, check=check_rows,
            aliases={"person": ("被任免人", "被任免人员"), "position": ("任免职务", "拟任职务"), "action": ("任免",)})

