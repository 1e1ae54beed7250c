"""Meetings (主席团会议、人民代表大会会议、其他会议), their roll calls and their quorum.

The "present" figure of a meeting is the number of `present` rows of its roll call when
there is one, else `meetings.present` (old records). The entitled base ("全体") is
`meetings.entitled` when given explicitly, else the roster snapshot `meetings.roster`
taken when the roll call (or bare count) is recorded: a congress → township deputies of
the term in office on the meeting date; a presidium meeting → presidium members in office
that day (组织法 第十四条第四款、第二十五条; the presidium's rule and article from the province profile).
"""

from __future__ import annotations

from typing import Iterable, Iterator

from rdtool import fields as F
from rdtool.errors import ValidationError
from rdtool.labels import FIELD_ZH, chinese_numeral, label
from rdtool.store import meetings as sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store
# The roster on the day, the figures and the quorum are in quorum.py; their names stay importable from here too
# (callers written before the move, and code in flight, reach them as meetings_svc.roster …).
from rdtool.services.meetings.quorum import figures, presidium_rule
from rdtool.services.meetings.quorum import quorum_of as quorum_of, refresh_quorum as refresh_quorum
from rdtool.services.meetings.quorum import roster as roster, roster_size as roster_size
from rdtool.services.meetings.codes import code_prefix, make_code, make_title

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
    from rdtool.labels import problem_line

    return [problem_line(f, v, m) for f, v, m in errors]


# ---------------------------------------------------------------- lookups (who is entitled and the quorum: quorum.py)

def get(store: Store, ref: str) -> dict:
    """A meeting by code (or by id); a code not found suggests the nearest ones."""
    from rdtool.services.kernel import refs

    return sql.meeting_by_id(store, refs.resolve(store, "meeting", ref).id)


def check_meeting(store: Store, values: dict) -> list[tuple[str, str, str]]:
    errors = []
    if values.get("extraordinary") and values.get("kind") != "congress":
        errors.append(("extraordinary", "是", "只有人民代表大会会议可以是临时会议（组织法第十四条第三款）"))
    if values.get("end_date") and values.get("date") and values["end_date"] < values["date"]:
        errors.append(("end_date", values["end_date"], f"结束日期早于开始日期 {values['date']}"))
    if (values.get("present") is not None and values.get("entitled") is not None
            and values["present"] > values["entitled"]):
        errors.append(("present", str(values["present"]), f"出席人数多于应到人数{values['entitled']}人"))
    from rdtool.services.terms.calendar import meeting_problems

    errors += meeting_problems(store, values)
    term_no = values.get("term")
    if term_no is not None:
        t = settings_sql.term(store, term_no)
        if t is None:
            errors.append(("term", str(term_no), f"第{term_no}届尚未建立（先用 rdtool term add 建立）"))
        elif values.get("date") and (values["date"] < t["start_date"]
                                     or (t["end_date"] and values["date"] > t["end_date"])):
            errors.append(("date", values["date"], f"不在第{term_no}届（{t['start_date']} 至 {t['end_date'] or '—'}）之内"))
    return errors


# ---------------------------------------------------------------- numbering (issues 11 and 23)
#
# A meeting's number (本届第几次) is printed on its own documents: a fact the secretary states (`--number`, a code
# in rdtool's form such as C18-5, the import's 次序 column), kept in `seq` with `seq_stated` = 1 and never moved by
# a later add, a date correction or a void. A meeting whose number she did not state takes the next after the one
# before it (by date) of its kind in the term, or 1 when there is none. Gaps (sessions held on paper, never
# entered) are allowed and shown (`meeting list`, `db check`); two meetings of a kind with the same number, or
# stated numbers out of date order, are refused. A generated code and title (C18-5, ……第五次会议) follow the
# number; a code or title typed by hand stays as typed.

def _order(rows: list[dict]) -> list[dict]:
    """Date order; on one day, stated numbers in their order, then the rest as entered."""
    return sorted(rows, key=lambda m: (m["date"], m["seq"] if m.get("seq_stated") else 10 ** 9, m["id"]))


def numbering(rows: list[dict]) -> tuple[dict[int, int | None], list[str]]:
    """(meeting id → number, problems) of one group's live meetings: stated numbers as stated, the others the next
    after the previous one; a problem for every stated number not above the one before it. A meeting without a
    stated number whose next number is already stated by a later meeting (entered between the 10th and the 11th)
    has no number (None) until she states it (`unsure`)."""
    ordered = _order(rows)
    numbers, problems, previous = {}, [], None
    later_stated = _next_stated(ordered)
    for i, m in enumerate(ordered):
        if m.get("seq_stated") and m.get("seq"):
            n = m["seq"]
            if previous and n <= previous[0]:
                problems.append(f"会议 {m['code']}（{m['date']}）写明为第{n}次，但按日期在它之前的 {previous[1]}"
                                f"（{previous[2]}）已是第{previous[0]}次")
        else:
            n = previous[0] + 1 if previous else 1
            later = later_stated[i]
            if later is not None and n >= later:
                numbers[m["id"]] = None
                continue
        numbers[m["id"]] = n
        previous = (n, m["code"], m["date"])
    return numbers, problems


def _next_stated(ordered: list[dict]) -> list[int | None]:
    """For each meeting, the first number stated after it (None when none): one pass from the end, so that a group
    of thousands is numbered in linear time."""
    out: list[int | None] = [None] * len(ordered)
    later = None
    for i in range(len(ordered) - 1, -1, -1):
        out[i] = later
        if ordered[i].get("seq_stated") and ordered[i].get("seq"):
            later = ordered[i]["seq"]
    return out


def unsure_text(meeting: dict) -> str:
    return (f"会议 {meeting['code']}（{meeting['date']}）没有写明次序，按日期它前后的会议次序相连，不能确定是第几次；"
            f"用 rdtool meeting edit {meeting['code']} --number N 写明（需要时先更正前后会议的次序）")


def code_for(term: int, kind: str, seq: int | None, day: str) -> str:
    """make_code, or P18-2019-05-08 for a meeting whose number is not known."""
    return make_code(term, kind, seq) if seq else f"{code_prefix(kind)}{term}-{day}"


def title_for(town: str, term: int, kind: str, seq: int | None, day: str) -> str:
    if seq:
        return make_title(town, term, kind, seq)
    what = {"congress": "人民代表大会会议", "presidium": "人大主席团会议"}.get(kind, "人大其他会议")
    return f"{town}第{chinese_numeral(term)}届{what}（{day}，次序未定）"


def gaps(rows: list[dict]) -> list[tuple[int, int, dict]]:
    """(first missing, last missing, the meeting after the gap) of a group's numbering (its live meetings)."""
    out, previous = [], 0
    for m in sorted(rows, key=lambda m: (m["seq"] or 0, m["date"])):
        if m["seq"] and m["seq"] > previous + 1:
            out.append((previous + 1, m["seq"] - 1, m))
        previous = max(previous, m["seq"] or 0)
    return out


def gap_text(term: int | None, kind: str, gap: tuple[int, int, dict]) -> str:
    a, b, m = gap
    which = f"第{a}次" if a == b else f"第{a}至{b}次"
    return (f"第{chinese_numeral(term) if term else ''}届{label('meeting_kind', kind)}{which}没有记录（{m['code']} 写明为第{m['seq']}次）；"
            "录入前在纸面上举行的会议如此即可，漏录的可用 rdtool meeting add --number 补上")


def number_of(store: Store, term: int | None, kind: str, meeting: dict) -> int:
    """The number a meeting not yet stored takes among its group (its `seq` when stated)."""
    if meeting.get("seq_stated") and meeting.get("seq"):
        return meeting["seq"]
    rows = sql.group(store, term, kind) + [{**meeting, "id": 10 ** 12, "code": meeting.get("code") or ""}]
    return numbering(rows)[0][10 ** 12]


def renumber(store: Store, term: int | None, kind: str, follow: dict[int, tuple[bool, bool]] | None = None,
             *, strict: bool = True, was: dict[int, tuple[int | None, int | None]] | None = None) -> None:
    """Give the group's derived numbers; a generated code and title follow the number (`follow` marks meetings
    whose code/title count as generated whatever they say now, e.g. one just moved from another kind). A code
    another meeting holds (or a voided one) is left as it is. `strict`: refuse numbers that contradict each
    other (ValidationError), else leave them for `db check`. Codes of proposals at a congress session follow its
    number (`was`: (term, number) a meeting had before this command, when the command changed them itself)."""
    town = settings_sql.get(store, "town") or ""
    follow = follow or {}
    rows = sql.group(store, term, kind)
    numbers, problems = numbering(rows)
    if problems and strict:
        raise ValidationError(problems[0], "用 --number 写明正确的次序（rdtool meeting edit 编号 --number N），"
                                           "或更正日期")
    wanted_codes: dict[int, str] = {}
    moved: list[tuple[int, int, int]] = []
    for m in rows:
        n = numbers[m["id"]]
        gen_code, gen_title = follow.get(m["id"], (False, False))
        changes = {}
        if m["seq"] != n:
            changes["seq"] = n
        if (gen_title or m["title"] == title_for(town, term, kind, m["seq"], m["date"])) \
                and m["title"] != title_for(town, term, kind, n, m["date"]):
            changes["title"] = title_for(town, term, kind, n, m["date"])
        if (gen_code or m["code"] == code_for(term, kind, m["seq"], m["date"])) \
                and m["code"] != code_for(term, kind, n, m["date"]):
            wanted_codes[m["id"]] = code_for(term, kind, n, m["date"])
        if changes:
            sql.update_meeting(store, m["id"], changes)
        old_term, old_seq = (was or {}).get(m["id"], (term, m["seq"]))
        if kind == "congress" and old_seq and n and old_term and (old_seq, old_term) != (n, term):
            moved.append((m["id"], session_prefix(old_term, old_seq), old_seq, n))
    _move_codes(store, wanted_codes)
    # proposal codes follow their session's number; moving up from the last, down from the first, so that no code
    # is held twice on the way
    for mid, prefix, old, new in sorted(moved, key=lambda x: -x[2] if x[3] > x[2] else x[2]):
        sql.recode_proposals(store, mid, prefix, session_prefix(term, new))


def session_prefix(term: int, seq: int) -> str:
    """十八届五次: the prefix of the codes of proposals registered at a congress session (十八届五次-001)."""
    return f"{chinese_numeral(term)}届{chinese_numeral(seq)}次"


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


def prepare(store: Store, values: dict, number: int | None = None) -> dict:
    """Fill term, number, code and title of a parsed meeting; raise ValidationError when wrong.

    The number is `number` (stated), else the one a code in rdtool's form states (P5-19), else the next after the
    meeting before it by date (derived)."""
    from rdtool.services.meetings.bulk import finish, stated

    values = stated(store, values, number)
    return finish(store, values, values["seq"] if values["seq_stated"] else number_of(store, values["term"],
                                                                                        values["kind"], values))


def insert(store: Store, values: dict) -> int:
    """Insert a prepared meeting and renumber its group (the derived numbers after it follow)."""
    meeting_id = sql.insert_meeting(store, values)
    renumber(store, values["term"], values["kind"], {meeting_id: values.get("_generated", (False, False))})
    settle_code(store, meeting_id, values["term"], values["kind"], values["seq"])
    return meeting_id


def settle_code(store: Store, meeting_id: int, term: int | None, kind: str, seq: int | None) -> None:
    """A meeting whose number's code is held by a voided or hand-coded meeting (its code ends in ~): the next free."""
    code = sql.meeting_by_id(store, meeting_id)["code"]
    if code.endswith("~") and seq:
        n = seq
        while sql.code_taken(store, make_code(term, kind, n)):
            n += 1
        sql.update_meeting(store, meeting_id, {"code": make_code(term, kind, n)})


# ---------------------------------------------------------------- views

def listing(store: Store, *, kind: str | None = None, term: int | None = None,
            year: int | None = None) -> "Listed":
    """The meetings with their figures and whether each met its quorum — the stored flag every write keeps
    (refresh_quorum; `db check` lists any that differ from the rules), as the report's views read it. As they are
    read, in date order from an index (a county's 40,000 are never held at once: the first screen comes at once)."""
    return Listed(_listed(sql.meetings(store, kind=kind, term=term, year=year, stream=True)))


def _listed(rows: Iterator[dict]) -> Iterator[dict]:
    for r in rows:
        f = figures(r)
        r.update(present=f["present"], entitled=f["entitled"])
        r["extraordinary"] = bool(r["extraordinary"])
        r["quorum_met"] = None if r["quorum_met"] is None else bool(r["quorum_met"])
        yield r


class Listed:
    """A list's rows as they are read, remembering the numbering groups (term, kind) they belong to (gap_notes)."""

    def __init__(self, rows: Iterator[dict]):
        self._rows = rows
        self.groups: dict[tuple, None] = {}

    def __iter__(self) -> Iterator[dict]:
        for r in self._rows:
            if r["term"] is not None:
                self.groups.setdefault((r["term"], r["kind"]))
            yield r


def gap_notes(store: Store, groups: Iterable[tuple]) -> list[str]:
    """One line per gap in the numbering of the groups (term, kind) the listed meetings belong to."""
    out = []
    for term, kind in groups:
        out += [gap_text(term, kind, g) for g in gaps(sql.group(store, term, kind))]
    return out


def attendance_history(store: Store, deputy_id: int) -> dict:
    """A deputy's roll-call record, and the 代表法 art. 62 flag (two unexcused congress absences in a term)."""
    rows = sql.deputy_attendance(store, deputy_id)
    for r in rows:
        r["extraordinary"] = bool(r["extraordinary"])
    summary = {s: sum(1 for r in rows if r["status"] == s) for s in ("present", "absent", "leave")}
    by_term: dict = {}
    from rdtool.rules.suspensions import absence_counts_for_termination, suspended_on
    from rdtool.store import suspensions as suspensions_sql

    periods = suspensions_sql.periods(store, [deputy_id]).get(deputy_id, [])
    for r in rows:
        r["suspended"] = suspended_on(periods, r["date"])
        if r["kind"] == "congress" and r["status"] == "absent" and absence_counts_for_termination(r["suspended"]):
            by_term.setdefault(r["term"], []).append(r["code"])
    flagged = {t: codes for t, codes in by_term.items() if len(codes) >= 2}
    text = ""
    if flagged:
        text = "；".join(f"第{t}届未经批准两次不出席本级人民代表大会会议（{'、'.join(c)}），代表资格终止"
                        f"（代表法第六十二条第三项）" for t, c in flagged.items())
    return {"rows": rows, "summary": summary, "art62": bool(flagged), "art62_text": text}


# ---------------------------------------------------------------- checks

def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict]:
    """No-quorum meetings and 代表法 art. 62 (two unexcused absences from congress sessions)."""
    from rdtool.rules.majority import ImpossibleCounts, quorum

    rule = presidium_rule(store)
    for m in sql.without_quorum(store, date_from or "", min(as_of, date_to or as_of)):
        f = figures(m)
        try:
            q = quorum(m["kind"], f["entitled"], f["present"], *rule)
        except (ImpossibleCounts, TypeError):
            continue  # reported by the vote checks (impossible counts, or a stored flag that disagrees)
        if not q.met:  # a fact correctly recorded, not an error in the records (CHANGES.md “Corrections”)
            what = "人民代表大会会议" if m["kind"] == "congress" else "主席团会议"
            yield {"check": "meeting_no_quorum", "severity": "note", "table": "meetings",
                   "record": m["code"], "message": f"{what} {m['code']}（{m['date']}）{q.explanation}"
                                                   f"（{q.article}）；如实记录的事实：会议不能举行，"
                                                   "不计入会议次数和决定事项"}
    for r in sql.congress_absences(store):
        if r["n"] >= 2:
            yield {"check": "deputy_absent_twice", "severity": "warning", "table": "deputies",
                   "record": str(r["deputy_id"]),
                   "message": f"{r['name']}（ID {r['deputy_id']}）第{r['term']}届未经批准两次不出席"
                              f"人民代表大会会议（{r['codes']}），代表资格应当终止（代表法第六十二条）"}

