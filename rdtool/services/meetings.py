"""Meetings (主席团会议、人民代表大会会议、其他会议), their roll calls and their quorum.

The "present" figure of a meeting is the number of `present` rows of its roll call when
there is one, else `meetings.present` (old records). The entitled base ("全体") is
`meetings.entitled` when given explicitly, else the roster snapshot `meetings.roster`
taken when the roll call (or bare count) is recorded: a congress → township deputies of
the term in office on the meeting date; a presidium meeting → presidium members in office
that day (组织法 第十四条第四款、第二十五条; the presidium's rule and article from the province profile).
"""

from __future__ import annotations

from rdtool import fields as F
from rdtool.errors import NotFound, ValidationError
from rdtool.labels import FIELD_ZH, chinese_numeral, clean, record_id
from rdtool.store import deputies as dsql
from rdtool.store import meetings as sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store

FIELDS: list[F.Field] = [
    F.Field("code", F.text(30), required=True),
    F.Field("kind", F.enum("meeting_kind"), required=True),
    F.Field("date", F.DATE, required=True),
    F.Field("title", F.text(200)),
    F.Field("end_date", F.DATE),
    F.Field("location", F.text(100)),
    F.Field("term", F.integer(1)),
    F.Field("extraordinary", F.BOOL),
    F.Field("present", F.integer(0)),
    F.Field("entitled", F.integer(1)),
    F.Field("notes", F.text(2000)),
    F.Field("notified_on", F.DATE),       # deputies notified (浙江 第二十条 seven days, 重庆 第十一条 ten)
    F.Field("requesters", F.integer(1)),  # an extraordinary session proposed by N deputies (组织法 第十四条第三款)
]
EDITABLE = ("title", "date", "end_date", "location", "extraordinary", "present", "entitled", "notes", "notified_on",
            "requesters")


def _zh(field: str) -> str:
    return FIELD_ZH.get(field, field)


def problems_text(errors) -> list[str]:
    return [f"{f}（{_zh(f)}）" + (f"“{v}”" if v not in (None, "") else "") + f"：{m}" for f, v, m in errors]


# ---------------------------------------------------------------- codes and titles

def code_prefix(kind: str) -> str:
    return {"presidium": "P", "congress": "C"}.get(kind, "O")


def make_code(term: int, kind: str, seq: int) -> str:
    """P{term}-{seq:02d} (presidium), C{term}-{seq} (congress), O{term}-{seq:02d} (other)."""
    return f"{code_prefix(kind)}{term}-{seq}" if kind == "congress" else f"{code_prefix(kind)}{term}-{seq:02d}"


def make_title(town: str, term: int, kind: str, seq: int) -> str:
    """三川镇第三届人民代表大会第一次会议 · 三川镇第三届人大主席团第二十一次会议 (Chinese ordinals)."""
    t, n = chinese_numeral(term), chinese_numeral(seq)
    if kind == "congress":
        return f"{town}第{t}届人民代表大会第{n}次会议"
    if kind == "presidium":
        return f"{town}第{t}届人大主席团第{n}次会议"
    return f"{town}第{t}届人大其他会议（第{n}次）"


# ---------------------------------------------------------------- lookups and figures

def get(store: Store, ref: str) -> dict:
    """A meeting by code (or by id)."""
    text = clean(ref)
    row = sql.meeting_by_code(store, text)
    if row is None and record_id(text.lstrip("#")) is not None:
        row = sql.meeting_by_id(store, record_id(text.lstrip("#")))
    if row is None:
        raise NotFound(f"没有编号为“{text}”的会议", "用 rdtool meeting list 查看会议编号")
    return row


def presidium_rule(store: Store) -> tuple[str, str]:
    """(quorum rule, citation) of presidium meetings under the province profile in force."""
    from rdtool.services.province import in_force

    p = in_force(store)
    return p.presidium_quorum, p.presidium_article


def figures(meeting: dict) -> dict:
    """present / entitled of a meeting and where they come from."""
    if meeting.get("roll_rows"):
        present, present_src = meeting["roll_present"], "roll"
    else:
        present, present_src = meeting.get("present"), ("count" if meeting.get("present") is not None else None)
    if meeting.get("entitled") is not None:
        entitled, entitled_src = meeting["entitled"], "explicit"
    else:
        entitled, entitled_src = meeting.get("roster"), ("roster" if meeting.get("roster") is not None else None)
    return {"present": present, "entitled": entitled, "present_source": present_src,
            "entitled_source": entitled_src}


def roster(store: Store, meeting: dict) -> list[dict]:
    """Who is entitled on the meeting date: presidium members (presidium meeting), else township deputies."""
    if meeting["term"] is None:
        return []
    if meeting["kind"] == "presidium":
        rows = dsql.presidium_on(store, meeting["term"], meeting["date"])
    else:
        rows = dsql.select(store, meeting["date"], term=meeting["term"], level="township", in_office=True)
    return sorted(rows, key=lambda r: r["id"])


def roster_size(store: Store, meeting: dict) -> int:
    if meeting["kind"] == "presidium":
        return len(dsql.presidium_on(store, meeting["term"], meeting["date"]))
    return dsql.count_in_office(store, meeting["term"], "township", meeting["date"])


def quorum_of(store: Store, meeting: dict):
    """QuorumCheck of a meeting, or None when its figures are not known."""
    from rdtool.rules.majority import ImpossibleCounts, quorum

    f = figures(meeting)
    if f["present"] is None or not f["entitled"]:
        return None
    try:
        return quorum(meeting["kind"], f["entitled"], f["present"], *presidium_rule(store))
    except ImpossibleCounts:
        return None


def refresh_quorum(store: Store, meeting: dict) -> None:
    """Store whether the meeting met its quorum (rdtool.rules.majority.quorum: 组织法 第十四条第四款 for a congress,
    the presidium rule of the province profile in force) — 1, 0, or NULL when its figures are not known. The report counts the
    meetings held by it (a meeting without a quorum could not be held); stored like an item's result, and
    recomputed with the results whenever the roll call, the counts or the roster change (votes.recompute_meeting)."""
    q = quorum_of(store, meeting)
    value = None if q is None else int(q.met)
    if meeting.get("quorum_met") != value:
        sql.update_meeting(store, meeting["id"], {"quorum_met": value})


# ---------------------------------------------------------------- add / edit

def _check_meeting(store: Store, v: dict) -> list[tuple[str, str, str]]:
    errors = []
    if v.get("extraordinary") and v.get("kind") != "congress":
        errors.append(("extraordinary", "是", "只有人民代表大会会议可以是临时会议（组织法第十四条第三款）"))
    if v.get("end_date") and v.get("date") and v["end_date"] < v["date"]:
        errors.append(("end_date", v["end_date"], f"结束日期早于开始日期 {v['date']}"))
    if v.get("present") is not None and v.get("entitled") is not None and v["present"] > v["entitled"]:
        errors.append(("present", str(v["present"]), f"出席人数多于应到人数{v['entitled']}人"))
    from rdtool.services.term_calendar import meeting_problems

    errors += meeting_problems(store, v)
    term_no = v.get("term")
    if term_no is not None:
        t = settings_sql.term(store, term_no)
        if t is None:
            errors.append(("term", str(term_no), f"第{term_no}届尚未建立（先用 rdtool term add 建立）"))
        elif v.get("date") and (v["date"] < t["start_date"] or (t["end_date"] and v["date"] > t["end_date"])):
            errors.append(("date", v["date"], f"不在第{term_no}届（{t['start_date']} 至 {t['end_date'] or '—'}）之内"))
    return errors


def prepare(store: Store, v: dict) -> dict:
    """Fill term, seq, code and title of a parsed meeting; raise ValidationError when wrong."""
    v = dict(v)
    if v.get("term") is None and v.get("date"):
        v["term"] = settings_sql.term_on(store, v["date"])
        if v["term"] is None:
            raise ValidationError(f"日期 {v['date']} 不在任何一届之内，无法确定届次", "用 --term 指定届次，或先建立该届")
    errors = _check_meeting(store, v)
    if errors:
        raise ValidationError("会议信息有误：", problems=problems_text(errors))
    v["extraordinary"] = int(bool(v.get("extraordinary")))
    seq = sql.count_before(store, v["term"], v["kind"], v["date"]) + 1
    if not v.get("code"):
        code, n = make_code(v["term"], v["kind"], seq), seq
        while sql.code_taken(store, code):
            n += 1
            code = make_code(v["term"], v["kind"], n)
        v["code"] = code
    elif sql.code_taken(store, v["code"]):
        raise ValidationError(f"会议编号“{v['code']}”已经存在", "换一个编号，或不写编号让 rdtool 自动编号")
    if not v.get("title"):
        v["title"] = make_title(settings_sql.get(store, "town") or "", v["term"], v["kind"], seq)
    return v


def insert(store: Store, v: dict) -> int:
    meeting_id = sql.insert_meeting(store, v)
    renumber(store, v["term"], v["kind"])
    return meeting_id


def renumber(store: Store, term: int | None, kind: str) -> None:
    """Number the term's meetings of a kind by date; a generated title follows its meeting's new number
    (a back-dated 第二次会议 moves the old one to 第三次). Codes never change: scripts refer to them."""
    town = settings_sql.get(store, "town") or ""
    for m in sql.renumber(store, term, kind):
        if m["seq"] is not None and m["title"] == make_title(town, term, kind, m["seq"]):
            store.update("meetings", m["id"], {"title": make_title(town, term, kind, m["new_seq"])})


def add(store: Store, raw: dict) -> dict:
    fields = [f if f.name != "code" else F.Field("code", F.text(30)) for f in FIELDS]
    values, errors = F.parse_fields(fields, raw)
    if errors:
        raise ValidationError("会议信息有误：", problems=problems_text(errors))
    with store.transaction():
        v = prepare(store, values)
        insert(store, v)
        if v.get("present") is not None and v.get("entitled") is None:
            m = sql.meeting_by_code(store, v["code"])
            sql.update_meeting(store, m["id"], {"roster": roster_size(store, m)})
        refresh_quorum(store, sql.meeting_by_code(store, v["code"]))
    return get(store, v["code"])


def edit(store: Store, ref: str, raw: dict) -> dict:
    from rdtool.services import votes

    current = get(store, ref)
    fields = [f for f in FIELDS if f.name in raw and f.name in EDITABLE]
    values, errors = F.parse_fields(fields, raw)
    if errors:
        raise ValidationError("会议信息有误：", problems=problems_text(errors))
    if "present" in values and current["roll_rows"]:
        raise ValidationError(f"会议 {current['code']} 已有点名记录，出席人数由点名得出",
                              hint=f"用 rdtool meeting roll {current['code']} 重新点名")
    merged = {**current, **values}
    errors = _check_meeting(store, merged)
    if errors:
        raise ValidationError("会议信息有误：", problems=problems_text(errors))
    changes = {k: (int(bool(v)) if k == "extraordinary" else v) for k, v in values.items() if v != current.get(k)}
    with store.transaction():
        sql.update_meeting(store, current["id"], changes)
        if "date" in changes:
            renumber(store, current["term"], current["kind"])
            m = sql.meeting_by_id(store, current["id"])
            if m["roll_rows"]:
                _check_roll_in_office(store, m)
            if m["roster"] is not None:
                sql.update_meeting(store, m["id"], {"roster": roster_size(store, m)})
        if "present" in changes and merged.get("roster") is None:
            m = sql.meeting_by_id(store, current["id"])
            sql.update_meeting(store, m["id"], {"roster": roster_size(store, m)})
        m = sql.meeting_by_id(store, current["id"])
        _check_figures(m)
        votes.recompute_meeting(store, m)
    return {"meeting": get(store, current["code"]), "changed": sorted(changes)}


def _check_figures(m: dict) -> None:
    f = figures(m)
    if f["present"] is not None and f["entitled"] is not None and f["present"] > f["entitled"]:
        raise ValidationError(f"会议 {m['code']}：出席{f['present']}人，多于应到{f['entitled']}人")


def _check_roll_in_office(store: Store, m: dict) -> None:
    ids = {r["id"] for r in roster(store, m)}
    bad = [a for a in sql.attendance(store, m["id"]) if a["deputy_id"] not in ids]
    if bad:
        raise ValidationError(f"会议 {m['code']} 改为 {m['date']} 后，点名中有人当日不在应到名单中："
                              + "、".join(f"{a['name']}（ID {a['deputy_id']}）" for a in bad))


# ---------------------------------------------------------------- roll call

def _pick(members: list[dict], ref: str, code: str) -> dict:
    text = clean(ref).lstrip("#")
    if record_id(text) is not None:
        found = [r for r in members if r["id"] == record_id(text)]
    else:
        found = [r for r in members if r["name"] == text.replace(" ", "")]
    if not found:
        raise ValidationError(f"“{ref}”不在会议 {code} 的应到名单中（当日在任的代表或主席团成员）",
                              "检查姓名，或用 ID 指定；用 rdtool meeting show 查看会议日期")
    if len(found) > 1:
        raise ValidationError(f"应到名单中有{len(found)}人名为“{ref}”："
                              + "、".join(f"ID {r['id']}" for r in found), "请改用 ID 指定")
    return found[0]


def roll_call(store: Store, ref: str, *, absent: list[str] = (), leave: list[str] = (),
              count: int | None = None, entitled: int | None = None) -> dict:
    """Record a roll call: everyone on the roster present except the absent and those on leave —
    or, for old records, a bare present count. Takes the roster snapshot and recomputes the votes."""
    from rdtool.services import votes

    m = get(store, ref)
    if m["term"] is None:
        raise ValidationError(f"会议 {m['code']} 没有届次，无法确定应到名单")
    with store.transaction():
        sql.clear_attendance(store, m["id"])
        members = roster(store, m)
        changes: dict = {"roster": len(members)}
        if entitled is not None:
            changes["entitled"] = entitled
        if count is not None:
            if absent or leave:
                raise ValidationError("--count（只记出席人数）不能与 --absent/--leave 同时使用")
            changes["present"] = count
        else:
            if not members:
                raise ValidationError(f"会议 {m['code']}（{m['date']}）的应到名单为空",
                                      "先导入代表名单或主席团成员；旧记录可用 --count 只记出席人数")
            status = {r["id"]: "present" for r in members}
            for names, st in ((absent, "absent"), (leave, "leave")):
                for n in names:
                    r = _pick(members, n, m["code"])
                    if status[r["id"]] != "present":
                        raise ValidationError(f"“{n}”被重复列出")
                    status[r["id"]] = st
            for deputy_id, st in status.items():
                sql.add_attendance(store, m["id"], deputy_id, st)
            changes["present"] = None
        sql.update_meeting(store, m["id"], changes)
        m = sql.meeting_by_id(store, m["id"])
        _check_figures(m)
        votes.recompute_meeting(store, m)
    return get(store, m["code"])


# ---------------------------------------------------------------- views

def listing(store: Store, *, kind: str | None = None, term: int | None = None, year: int | None = None) -> list[dict]:
    rows = sql.meetings(store, kind=kind, term=term, year=year)
    for r in rows:
        f = figures(r)
        r.update(present=f["present"], entitled=f["entitled"])
        r["extraordinary"] = bool(r["extraordinary"])
        q = quorum_of(store, r)
        r["quorum_met"] = None if q is None else q.met
    return rows


def show(store: Store, ref: str) -> dict:
    from rdtool.services import votes

    m = get(store, ref)
    f = figures(m)
    q = quorum_of(store, m)
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
        record["quorum_text"] = f"{q.explanation}（{margin}；依据{q.article}）"
    record["items"] = votes.rows_for(store, votes.sql_items(store, meeting_id=m["id"]))
    record["elections"] = []
    for c in sql.contests(store, meeting_id=m["id"]):
        elected = [x["name"] for x in sorted(sql.candidates(store, c["id"]), key=lambda x: -(x["votes"] or 0))
                   if x["elected"]]
        record["elections"].append({"id": c["id"], "post": c["post"], "round": c["round"], "seats": c["seats"],
                                    "outcome": c["outcome"], "elected": elected})
    return record


def attendance_history(store: Store, deputy_id: int) -> dict:
    """A deputy's roll-call record, and the 代表法 art. 62 flag (two unexcused congress absences in a term)."""
    rows = sql.deputy_attendance(store, deputy_id)
    for r in rows:
        r["extraordinary"] = bool(r["extraordinary"])
    summary = {s: sum(1 for r in rows if r["status"] == s) for s in ("present", "absent", "leave")}
    by_term: dict = {}
    for r in rows:
        if r["kind"] == "congress" and r["status"] == "absent":
            by_term.setdefault(r["term"], []).append(r["code"])
    flagged = {t: codes for t, codes in by_term.items() if len(codes) >= 2}
    text = ""
    if flagged:
        text = "；".join(f"第{t}届未经批准两次不出席本级人民代表大会会议（{'、'.join(c)}），代表资格终止"
                        f"（代表法第六十二条第三项）" for t, c in flagged.items())
    return {"rows": rows, "summary": summary, "art62": bool(flagged), "art62_text": text}


# ---------------------------------------------------------------- checks

def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """No-quorum meetings and 代表法 art. 62 (two unexcused absences from congress sessions)."""
    from rdtool.rules.majority import ImpossibleCounts, quorum

    findings = []
    rule = presidium_rule(store)
    for m in sql.without_quorum(store, date_from or "", min(as_of, date_to or as_of)):
        f = figures(m)
        try:
            q = quorum(m["kind"], f["entitled"], f["present"], *rule)
        except (ImpossibleCounts, TypeError):
            continue  # the stored flag disagrees with the figures: the vote checks report it
        if not q.met:
            what = "人民代表大会会议" if m["kind"] == "congress" else "主席团会议"
            findings.append({"check": "meeting_no_quorum", "severity": "error", "table": "meetings",
                             "record": m["code"], "message": f"{what} {m['code']}（{m['date']}）{q.explanation}"
                                                             f"（{q.article}）；会议不能举行，不计入会议次数和决定事项"})
    for r in sql.congress_absences(store):
        if r["n"] >= 2:
            findings.append({"check": "deputy_absent_twice", "severity": "warning", "table": "deputies",
                             "record": str(r["deputy_id"]),
                             "message": f"{r['name']}（ID {r['deputy_id']}）第{r['term']}届未经批准两次不出席"
                                        f"人民代表大会会议（{r['codes']}），代表资格应当终止（代表法第六十二条）"})
    return findings

