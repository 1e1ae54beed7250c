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
from rdtool.errors import ValidationError
from rdtool.labels import FIELD_ZH, chinese_numeral, label
from rdtool.store import deputies as deputies_sql
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
# What `meeting edit` corrects (one line per field; code and number through the numbering below).
EDITABLE = ("kind", "date", "title", "end_date", "location", "term", "extraordinary", "present", "entitled", "notes",
            "notified_on", "requesters")


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


def code_number(code: str, term: int | None, kind: str) -> int | None:
    """The number a code in rdtool's own form states: P5-19 → 19 (None for any other code)."""
    import re

    m = re.fullmatch(rf"{code_prefix(kind)}{term}-(\d+)", code or "", re.IGNORECASE)
    return int(m.group(1)) if m and term is not None and 0 < int(m.group(1)) < 10000 else None


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
    """A meeting by code (or by id); a code not found suggests the nearest ones."""
    from rdtool.services.kernel import refs

    return sql.meeting_by_id(store, refs.resolve(store, "meeting", ref).id)


def presidium_rule(store: Store) -> tuple[str, str]:
    """(quorum rule, citation) of presidium meetings under the province profile in force."""
    from rdtool.services.terms.province import in_force

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
        rows = deputies_sql.presidium_on(store, meeting["term"], meeting["date"])
    else:
        rows = deputies_sql.entitled(store, meeting["term"], "township", meeting["date"])
    return sorted(rows, key=lambda r: r["id"])


def roster_size(store: Store, meeting: dict) -> int:
    if meeting["term"] is None:
        return 0
    if meeting["kind"] == "presidium":
        return len(deputies_sql.presidium_on(store, meeting["term"], meeting["date"]))
    return deputies_sql.count_in_office(store, meeting["term"], "township", meeting["date"])


def quorum_of(store: Store, meeting: dict, rule: tuple[str, str] | None = None):
    """QuorumCheck of a meeting, or None when its figures are not known."""
    from rdtool.rules.majority import ImpossibleCounts, quorum

    f = figures(meeting)
    if f["present"] is None or not f["entitled"]:
        return None
    try:
        return quorum(meeting["kind"], f["entitled"], f["present"], *(rule or presidium_rule(store)))
    except ImpossibleCounts:
        return None




def refresh_quorum(store: Store, meeting: dict) -> None:
    """Store whether the meeting met its quorum (rdtool.rules.majority.quorum: 组织法 第十四条第四款 for a congress,
    the presidium rule of the province profile in force) — 1, 0, or NULL when its figures are not known. The report
    counts the meetings held by it (a meeting without a quorum could not be held); stored like an item's result, and
    recomputed with the results whenever the roll call, the counts or the roster change (recompute.results)."""
    q = quorum_of(store, meeting)
    value = None if q is None else int(q.met)
    if meeting.get("quorum_met") != value:
        sql.update_meeting(store, meeting["id"], {"quorum_met": value})


def check_meeting(store: Store, v: dict) -> list[tuple[str, str, str]]:
    errors = []
    if v.get("extraordinary") and v.get("kind") != "congress":
        errors.append(("extraordinary", "是", "只有人民代表大会会议可以是临时会议（组织法第十四条第三款）"))
    if v.get("end_date") and v.get("date") and v["end_date"] < v["date"]:
        errors.append(("end_date", v["end_date"], f"结束日期早于开始日期 {v['date']}"))
    if v.get("present") is not None and v.get("entitled") is not None and v["present"] > v["entitled"]:
        errors.append(("present", str(v["present"]), f"出席人数多于应到人数{v['entitled']}人"))
    from rdtool.services.terms.calendar import meeting_problems

    errors += meeting_problems(store, v)
    term_no = v.get("term")
    if term_no is not None:
        t = settings_sql.term(store, term_no)
        if t is None:
            errors.append(("term", str(term_no), f"第{term_no}届尚未建立（先用 rdtool term add 建立）"))
        elif v.get("date") and (v["date"] < t["start_date"] or (t["end_date"] and v["date"] > t["end_date"])):
            errors.append(("date", v["date"], f"不在第{term_no}届（{t['start_date']} 至 {t['end_date'] or '—'}）之内"))
    return errors


# ---------------------------------------------------------------- numbering (adoption mid-term, CHANGES.md “Corrections”)
#
# A term's meetings of one kind are numbered consecutively by date, from the number of the earliest one on
# record (1 unless the township's own numbering starts later: `meeting add --number 19` for a secretary who
# starts using rdtool at the 19th presidium meeting; stored in meeting_numbering). A generated code and title
# (P5-19, ……第十九次会议) follow the number; a code or title typed by hand stays as typed.

def first_number(store: Store, term: int | None, kind: str) -> int:
    return sql.first_number(store, term, kind) or 1


def expected_number(store: Store, term: int | None, kind: str, day: str) -> tuple[int, int]:
    """(the number a new meeting on `day` takes, the group's first number afterwards)."""
    first = first_number(store, term, kind)
    before = sql.count_before(store, term, kind, day)
    if before == 0 and sql.count_group(store, term, kind) and first > 1:
        return first - 1, first - 1  # dated before the earliest on record: the meeting just before it
    return first + before, first


def number_problem(store: Store, term: int | None, kind: str, day: str, wanted: int) -> str | None:
    """Why a new meeting on `day` cannot be number `wanted` (None when it can)."""
    if not sql.count_group(store, term, kind):
        return None
    expected, _ = expected_number(store, term, kind, day)
    if wanted == expected:
        return None
    return (f"按日期，{day} 的这次会议是第{term}届第{expected}次{label('meeting_kind', kind)}，不是第{wanted}次"
            f"（编号随日期连续）")


def set_first(store: Store, term: int | None, kind: str, first: int) -> None:
    sql.set_first_number(store, term, kind, first)


def renumber(store: Store, term: int | None, kind: str, follow: dict[int, tuple[bool, bool]] | None = None) -> None:
    """Number the group's meetings consecutively by date from its first number; a generated code and title
    follow the new number (`follow` marks meetings whose code/title count as generated whatever they say now,
    e.g. one just moved from another kind). A code another meeting holds (or a voided one) is left as it is."""
    town = settings_sql.get(store, "town") or ""
    follow = follow or {}
    first = first_number(store, term, kind)
    wanted_codes: dict[int, str] = {}
    for i, m in enumerate(sql.group(store, term, kind)):
        n = first + i
        gen_code, gen_title = follow.get(m["id"], (False, False))
        changes = {}
        if m["seq"] != n:
            changes["seq"] = n
        if (gen_title or (m["seq"] is not None and m["title"] == make_title(town, term, kind, m["seq"]))) \
                and m["title"] != make_title(town, term, kind, n):
            changes["title"] = make_title(town, term, kind, n)
        if (gen_code or (m["seq"] is not None and m["code"] == make_code(term, kind, m["seq"]))) \
                and m["code"] != make_code(term, kind, n):
            wanted_codes[m["id"]] = make_code(term, kind, n)
        if changes:
            sql.update_meeting(store, m["id"], changes)
    _move_codes(store, wanted_codes)


def _move_codes(store: Store, wanted: dict[int, str]) -> None:
    """Give meetings new codes without ever holding one code twice (the codes are unique). A code held by a
    meeting that keeps its own is not taken (that meeting keeps its code too, and so on down the line)."""
    while True:
        blocked = [i for i, c in wanted.items() if sql.code_held_elsewhere(store, c, set(wanted))]
        if not blocked:
            break
        for i in blocked:
            del wanted[i]
    while wanted:
        free = [i for i, c in wanted.items() if not sql.code_taken(store, c)]
        if not free:  # a cycle (meetings swapping numbers): park one on a temporary code
            i = next(iter(wanted))
            sql.update_meeting(store, i, {"code": f"{wanted[i]}~{i}"})
            continue
        for i in free:
            sql.update_meeting(store, i, {"code": wanted.pop(i)})


def release_code(store: Store, meeting: dict) -> None:
    """A voided meeting gives up a generated code, so that the meetings after it can follow their numbers."""
    if meeting["code"] == make_code(meeting["term"], meeting["kind"], meeting.get("seq") or 0):
        sql.update_meeting(store, meeting["id"], {"code": f"{meeting['code']}（作废#{meeting['id']}）"})


def prepare(store: Store, v: dict, number: int | None = None) -> dict:
    """Fill term, number, code and title of a parsed meeting; raise ValidationError when wrong.

    The number is `number`, else the one a code in rdtool's form states (P5-19), else the next by date."""
    v = dict(v)
    if v.get("term") is None and v.get("date"):
        v["term"] = settings_sql.term_on(store, v["date"])
        if v["term"] is None:
            raise ValidationError(f"日期 {v['date']} 不在任何一届之内，无法确定届次", "用 --term 指定届次，或先建立该届")
    errors = check_meeting(store, v)
    if errors:
        raise ValidationError("会议信息有误：", problems=problems_text(errors))
    v["extraordinary"] = int(bool(v.get("extraordinary")))
    stated = code_number(v.get("code") or "", v["term"], v["kind"])
    if number is not None and stated is not None and number != stated:
        raise ValidationError(f"编号 {v['code']} 表示第{stated}次，与 --number {number} 不一致",
                              "不写编号（按次序自动生成），或写一致的编号")
    number = number if number is not None else stated
    if v.get("code") and sql.code_taken(store, v["code"]):
        raise ValidationError(f"会议编号“{v['code']}”已经存在", "换一个编号，或不写编号让 rdtool 自动编号")
    seq, first = expected_number(store, v["term"], v["kind"], v["date"])
    if number is not None:
        problem = number_problem(store, v["term"], v["kind"], v["date"], number)
        if problem:
            raise ValidationError(problem, "如果已录入会议的次序不对，先用 rdtool meeting edit 编号 --number 正确的次序 更正")
        seq, first = number, (number if not sql.count_group(store, v["term"], v["kind"]) else first)
    v["seq"], v["_first"] = seq, first
    v["_generated"] = (not v.get("code") or v["code"] == make_code(v["term"], v["kind"], seq),
                       not v.get("title"))
    if not v.get("code"):  # (a code another meeting holds now is given when the group is renumbered)
        v["code"] = make_code(v["term"], v["kind"], seq)
        while sql.code_taken(store, v["code"]):
            v["code"] += "~"
    if not v.get("title"):
        v["title"] = make_title(settings_sql.get(store, "town") or "", v["term"], v["kind"], seq)
    return v


def insert(store: Store, v: dict) -> int:
    """Insert a prepared meeting and renumber its group (the later ones move up when it is back-dated)."""
    meeting_id = sql.insert_meeting(store, v)
    if v.get("_first", 1) != first_number(store, v["term"], v["kind"]):
        set_first(store, v["term"], v["kind"], v["_first"])
    renumber(store, v["term"], v["kind"], {meeting_id: v.get("_generated", (False, False))})
    code = sql.meeting_by_id(store, meeting_id)["code"]
    if code.endswith("~"):  # its number's code is held by a voided or hand-coded meeting: the next free one
        n = v["seq"]
        while sql.code_taken(store, make_code(v["term"], v["kind"], n)):
            n += 1
        sql.update_meeting(store, meeting_id, {"code": make_code(v["term"], v["kind"], n)})
    return meeting_id


# ---------------------------------------------------------------- views

def listing(store: Store, *, kind: str | None = None, term: int | None = None, year: int | None = None) -> list[dict]:
    """The meetings with their figures and whether each met its quorum — the stored flag every write keeps
    (refresh_quorum; `db check` lists any that differ from the rules), as the report's views read it."""
    rows = sql.meetings(store, kind=kind, term=term, year=year)
    for r in rows:
        f = figures(r)
        r.update(present=f["present"], entitled=f["entitled"])
        r["extraordinary"] = bool(r["extraordinary"])
        r["quorum_met"] = None if r["quorum_met"] is None else bool(r["quorum_met"])
    return rows


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
            continue  # reported by the vote checks (impossible counts, or a stored flag that disagrees)
        if not q.met:  # a fact correctly recorded, not an error in the records (CHANGES.md “Corrections”)
            what = "人民代表大会会议" if m["kind"] == "congress" else "主席团会议"
            findings.append({"check": "meeting_no_quorum", "severity": "note", "table": "meetings",
                             "record": m["code"], "message": f"{what} {m['code']}（{m['date']}）{q.explanation}"
                                                             f"（{q.article}）；如实记录的事实：会议不能举行，"
                                                             "不计入会议次数和决定事项"})
    for r in sql.congress_absences(store):
        if r["n"] >= 2:
            findings.append({"check": "deputy_absent_twice", "severity": "warning", "table": "deputies",
                             "record": str(r["deputy_id"]),
                             "message": f"{r['name']}（ID {r['deputy_id']}）第{r['term']}届未经批准两次不出席"
                                        f"人民代表大会会议（{r['codes']}），代表资格应当终止（代表法第六十二条）"})
    return findings

