"""Writing a meeting's records — the meeting itself, its roll call, its agenda items, its elections — and
showing them. Every correction goes through rdtool.services.kernel.corrections (reason kept, derived records
recomputed, a before → after report), so this module sits above meetings, votes and elections, which it uses.
"""

from __future__ import annotations

from rdtool import fields as F
from rdtool.errors import ValidationError
from rdtool.labels import clean, clean_name, label
from rdtool.services.kernel import corrections
from rdtool.services.elections import elections as elections_svc
from rdtool.services.meetings import meetings as meetings_svc
from rdtool.services.meetings import quorum as meeting_quorum
from rdtool.services.meetings import votes as votes_svc
from rdtool.store import meetings as sql
from rdtool.store import contests as contests_sql
from rdtool.store import items as items_sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store


# ---------------------------------------------------------------- meetings

def add(store: Store, raw: dict, number: int | None = None) -> dict:
    """A new meeting; `number` (--number) starts the numbering where the township's own records are."""
    fields = [f if f.name != "code" else F.Field("code", F.text(30)) for f in meetings_svc.FIELDS]
    values, errors = F.parse_fields(fields, raw)
    if errors:
        raise ValidationError("会议信息有误：", problems=meetings_svc.problems_text(errors))
    with corrections.write(store, verb="已增加") as report:
        v = meetings_svc.prepare(store, values, number)
        meeting_id = meetings_svc.insert(store, v)
        report.subject = ("meetings", meeting_id)
    m = sql.meeting_by_id(store, meeting_id)
    same_day = [o for o in sql.meetings(store, kind=m["kind"], term=m["term"])
                if o["date"] == m["date"] and o["id"] != meeting_id and m["kind"] != "other"]
    if m["seq"] is None:  # entered between two stated numbers without its own (issue 23)
        report.warnings.append(meetings_svc.unsure_text(m))
    if same_day:  # allowed (two meetings may be held on a day), but more often the same one typed twice
        report.warnings.append(f"{m['date']} 已有{'、'.join(o['code'] for o in same_day)}（{same_day[0]['title']}）；"
                               f"如是重复录入，可用 rdtool undo 撤销这一条")
    return {"meeting": m, "report": report}


def edit(store: Store, ref: str, raw: dict, *, number: int | None = None, reason: str | None = None) -> dict:
    """Correct a meeting: any field, its code, its number (`--number`: this meeting is number N, stated, and the
    derived numbers after it follow, codes and generated titles with them); what depends on it is recomputed."""
    current = meetings_svc.get(store, ref)
    fields = [f for f in meetings_svc.FIELDS if f.name in raw and (f.name in meetings_svc.EDITABLE or f.name == "code")]
    values, errors = F.parse_fields(fields, raw)
    for f in fields:
        if f.required and values.get(f.name) is None:
            errors.append((f.name, "", "必填，不能清空"))
    if errors:
        raise ValidationError("会议信息有误：", problems=meetings_svc.problems_text(errors))
    if values.get("present") is not None and current["roll_rows"]:
        raise ValidationError(f"会议 {current['code']} 已有点名记录，出席人数由点名得出",
                              hint=f"用 rdtool meeting roll {current['code']} 重新点名")
    merged = {**current, **values}
    errors = meetings_svc.check_meeting(store, merged)
    if merged["kind"] != "congress" and merged["kind"] != current["kind"]:
        if contests_sql.contests(store, meeting_id=current["id"]):
            errors.append(("kind", label("meeting_kind", merged["kind"]), "这次会议有选举记录，选举只在人代会上进行"))
        if items_sql.proposals_at(store, current["id"]):
            errors.append(("kind", label("meeting_kind", merged["kind"]), "有议案或建议登记在这次人代会上"))
    code = values.pop("code", None)
    stated = meetings_svc.code_number(code or "", merged["term"], merged["kind"]) if code else None
    if number is not None and stated is not None and stated != number:
        errors.append(("code", code, f"表示第{stated}次，与 --number {number} 不一致"))
    if code and code != current["code"] and sql.code_taken(store, code):
        errors.append(("code", code, "编号已被其他会议使用（含已作废的）"))
    if errors:
        raise ValidationError("会议信息有误：", problems=meetings_svc.problems_text(errors))
    number = number if number is not None else stated
    changes = {k: (int(bool(v)) if k == "extraordinary" else v) for k, v in values.items() if v != current.get(k)}
    town = settings_sql.get(store, "town") or ""
    generated = (current["code"] == meetings_svc.make_code(current["term"], current["kind"], current["seq"] or 0),
                 current["title"] == meetings_svc.make_title(town, current["term"], current["kind"], current["seq"] or 0))
    if code and code != current["code"]:
        changes["code"] = code
        generated = (stated is not None, generated[1])
    if "title" in changes:
        generated = (generated[0], False)
    with corrections.write(store, reason, subject=("meetings", current["id"])) as report:
        report.strict.add(current["id"])
        sql.update_meeting(store, current["id"], changes)
        old_group, new_group = (current["term"], current["kind"]), (merged["term"], merged["kind"])
        if number is not None:  # a number she states stays put (issue 23)
            sql.update_meeting(store, current["id"], {"seq": number, "seq_stated": 1})
        if new_group != old_group:
            meetings_svc.renumber(store, *old_group)
        meetings_svc.renumber(store, *new_group, {current["id"]: generated},
                      was={current["id"]: (current["term"], current["seq"])})
        if "date" in changes or "end_date" in changes:  # what was done at it is dated by it (issue 23)
            from rdtool.services.meetings import dates as meeting_dates

            report.warnings += meeting_dates.carry(store, current, sql.meeting_by_id(store, current["id"]))
    return {"meeting": sql.meeting_by_id(store, current["id"]), "report": report}


# ---------------------------------------------------------------- roll call

def _pick(store: Store, members: list[dict], ref: str, code: str) -> dict:
    """The roster member `ref` names: a name, or 姓名#ID / an ID — of a person with two mandates, the one on this
    roster (a county mandate's ID names the same person's township mandate)."""
    from rdtool.errors import FieldError
    from rdtool.services.deputies.refs import parse_ref
    from rdtool.services.kernel.refs import suggestion
    from rdtool.store import deputies as deputies_sql

    text = clean(ref).lstrip("#")
    try:
        name, ident = parse_ref(text)
    except FieldError as exc:
        raise ValidationError(str(exc)) from None
    if ident is not None:
        mandate = deputies_sql.by_id(store, ident)
        if mandate is not None and name and mandate["name"] != name:
            raise ValidationError(f"ID {ident} 的代表是“{mandate['name']}”，不是“{name}”", "核对姓名和 ID")
        found = [r for r in members if mandate is not None and r["person_id"] == mandate["person_id"]]
    else:
        found = [r for r in members if r["name"] == clean_name(text)]
    if not found:
        hint = suggestion(text, [r["name"] for r in members])
        raise ValidationError(f"“{ref}”不在会议 {code} 的应到名单中（当日在任的代表或主席团成员）",
                              (hint or "") + f"检查姓名（同名的写 姓名#ID），或用 rdtool meeting show {code} "
                              "核对会议日期：应到名单是那一天在任的人")
    if len(found) > 1:
        raise ValidationError(f"应到名单中有{len(found)}人名为“{ref}”："
                              + "、".join(f"ID {r['id']}" for r in found), "请改用 ID 指定")
    return found[0]


def roll_call(store: Store, ref: str, *, absent: list[str] = (), leave: list[str] = (),
              count: int | None = None, entitled: int | None = None, reason: str | None = None) -> dict:
    """Record a roll call: everyone on the roster present except the absent and those on leave —
    or, for old records, a bare present count. Takes the roster snapshot; the votes follow."""
    m = meetings_svc.get(store, ref)
    if m["term"] is None:
        raise ValidationError(f"会议 {m['code']} 没有届次，无法确定应到名单")
    if count is not None and (absent or leave):
        raise ValidationError("--count（只记出席人数）不能与 --absent/--leave 同时使用")
    with corrections.write(store, reason, subject=("meetings", m["id"]), verb="点名") as report:
        report.strict.add(m["id"])
        members = meeting_quorum.roster(store, m)
        status = {r["id"]: "present" for r in members}
        barred: set[int] = set()
        if count is None:
            if not members:
                raise ValidationError(f"会议 {m['code']}（{m['date']}）的应到名单为空",
                                      "先导入代表名单或主席团成员；旧记录可用 --count 只记出席人数")
            for names, st in ((absent, "absent"), (leave, "leave")):
                for n in names:
                    r = _pick(store, members, n, m["code"])
                    if status[r["id"]] != "present":
                        raise ValidationError(f"“{n}”被重复列出")
                    status[r["id"]] = st
            barred = _suspended_present(store, status, m["date"])
        old = {a["deputy_id"]: a["status"] for a in sql.attendance(store, m["id"])}
        for deputy_id in old:
            if count is not None or deputy_id not in status:
                sql.delete_attendance(store, m["id"], deputy_id)
        if count is None:
            for deputy_id, st in status.items():
                if deputy_id not in old:
                    sql.add_attendance(store, m["id"], deputy_id, st)
                elif old[deputy_id] != st:
                    sql.set_attendance(store, m["id"], deputy_id, st)
        changes: dict = {"roster": len(members), "present": count}
        if entitled is not None:
            changes["entitled"] = entitled
        sql.update_meeting(store, m["id"], changes)
    return {"meeting": sql.meeting_by_id(store, m["id"]), "report": report,
            "suspended": [r["name"] for r in members if r["id"] in barred]}


def _suspended_present(store: Store, status: dict[int, str], day: str) -> set[int]:
    """Deputies whose duties are suspended on ``day`` (代表法 第六十一条) are recorded absent, not present: they
    count in 应到 but cannot attend (rdtool.rules.suspensions). Returns those changed."""
    from rdtool.rules.suspensions import may_attend
    from rdtool.services.deputies import suspensions

    barred = {i for i in suspensions.suspended_ids(store, list(status), day)
              if status[i] == "present" and not may_attend(True)}
    for i in barred:
        status[i] = "absent"
    return barred


# ---------------------------------------------------------------- agenda items

def edit_item(store: Store, ref: str, raw: dict, reason: str | None = None) -> dict:
    """Correct an agenda item or its counts, or move it to another meeting (`meeting`); its result follows."""
    current = votes_svc.get(store, ref)
    values = votes_svc.parse(raw, [f for f in votes_svc.FIELDS if f.name in raw and f.name in votes_svc.EDITABLE])
    for f in votes_svc.FIELDS:
        if f.name in raw and f.required and values.get(f.name) is None:
            raise ValidationError(f"{f.name}（{meetings_svc._zh(f.name)}）必填，不能清空")
    target = meetings_svc.get(store, values.pop("meeting")) if values.get("meeting") else None
    values.pop("meeting", None)
    if votes_svc.has_counts(values):
        values = votes_svc.fill_counts({**{k: current.get(k) for k in votes_svc.COUNTS}, **values})
    m = sql.meeting_by_id(store, current["meeting_id"])
    if target is not None and target["id"] != m["id"]:
        values["meeting_id"] = target["id"]
        if values.get("seq") is None:
            values["seq"] = items_sql.next_item_seq(store, target["id"])
        m = target
    seq = values.get("seq")
    if seq is not None and (seq != current["seq"] or m["id"] != current["meeting_id"]):
        if items_sql.item_by_seq(store, m["id"], seq):
            raise ValidationError(f"会议 {m['code']} 已有第{seq}项议程", "换一个序号（--seq），或不写序号排在最后")
    merged = {**current, **values}
    o = votes_svc.outcome(store, m, merged)
    changes = {k: v for k, v in values.items() if v != current.get(k)}
    changes.update(result=o.result if o else None, rule=o.rule if o else None)
    with corrections.write(store, reason, subject=("items", current["id"])) as report:
        items_sql.update_item(store, current["id"], changes)
        if "meeting_id" in changes:
            items_sql.move_item_appointments(store, current["id"], m["id"])
    return {"item": votes_svc.show(store, str(current["id"])), "report": report}


# ---------------------------------------------------------------- elections

def add_election(store: Store, meeting_ref: str, post: str, seats: int, cands: list, **kw) -> dict:
    """Record a congress election; what its winners change elsewhere (presidium roles and the presidium meetings
    after) is recomputed."""
    with corrections.write(store, verb="已记录") as report:
        record = elections_svc.add(store, meeting_ref, post, seats, cands, **kw)
    return {"record": record, "report": report}


def edit_election(store: Store, ref: str, reason: str | None = None, **kw) -> dict:
    """Correct a congress election (seats, ballots, votes); who is elected is counted again."""
    contest = elections_svc.get(store, ref)
    with corrections.write(store, reason, subject=("election_contests", contest["id"])) as report:
        elections_svc.edit(store, str(contest["id"]), **kw)
    return {"record": elections_svc.show(store, contest["id"]), "report": report}


# ---------------------------------------------------------------- views

def show(store: Store, ref: str) -> dict:
    m = meetings_svc.get(store, ref)
    f = meeting_quorum.figures(m)
    q = meeting_quorum.quorum_of(store, m)
    record = {k: m[k] for k in ("id", "code", "kind", "term", "seq", "date", "end_date", "title", "location",
                                "notes")}
    record["extraordinary"] = bool(m["extraordinary"])
    record.update(present=f["present"], entitled=f["entitled"], present_source=f["present_source"],
                  entitled_source=f["entitled_source"], roster=m["roster"])
    record["absent"] = m["roll_absent"] if m["roll_rows"] else None
    record["leave"] = m["roll_leave"] if m["roll_rows"] else None
    roll = sql.attendance(store, m["id"])
    record["absent_names"] = [a["name"] for a in roll if a["status"] == "absent"]
    record["leave_names"] = [a["name"] for a in roll if a["status"] == "leave"]
    if q is None:
        record["quorum"] = None
        record["quorum_text"] = "尚无出席人数或应到人数，无法判断是否达到法定人数（用 rdtool meeting roll 点名）"
    else:
        record["quorum"] = {"met": q.met, "required": q.required, "margin": q.margin, "rule": q.rule,
                            "article": q.article, "explanation": q.explanation}
        margin = f"多{q.margin}人" if q.margin > 0 else ("恰好达到" if q.margin == 0 else f"差{-q.margin}人")
        basis = q.article if q.article.startswith("法律未规定") else f"依据{q.article}"
        record["quorum_text"] = f"{q.explanation}（{margin}；{basis}）"
    record["items"] = votes_svc.rows_for(store, votes_svc.sql_items(store, meeting_id=m["id"]))
    record["elections"] = []
    for c in contests_sql.contests(store, meeting_id=m["id"]):
        elected = [x["name"] for x in sorted(contests_sql.candidates(store, c["id"]), key=lambda x: -(x["votes"] or 0))
                   if x["elected"]]
        record["elections"].append({"id": c["id"], "post": c["post"], "round": c["round"], "seats": c["seats"],
                                    "outcome": c["outcome"], "elected": elected})
    return record
