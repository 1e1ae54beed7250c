"""The `meetings`, `attendance` and `items` import/export kinds (docs/csv.md)."""

from __future__ import annotations

from typing import Iterator

from rdtool import fields as F
from rdtool.errors import RdtoolError
from rdtool.io.kinds import Kind, Row, RowError, RowErrors
from rdtool.services.meetings import bulk as meetings_bulk
from rdtool.services.meetings import meetings as meetings_svc
from rdtool.services.meetings import quorum as meeting_quorum
from rdtool.services.meetings import recompute
from rdtool.services.meetings import votes as votes_svc
from rdtool.store import deputies as deputies_sql
from rdtool.store import meetings as sql
from rdtool.store import items as items_sql
from rdtool.store.db import Store


def _message(exc: RdtoolError) -> str:
    problems = getattr(exc, "problems", None)
    return exc.message + ("；".join(p.strip() for p in problems) if problems else "")


# ---------------------------------------------------------------- meetings

def check_meetings(store: Store, rows: list[Row]) -> list[RowError]:
    errors, seen = [], {}
    for row in rows:
        v = row.values
        code = v.get("code")
        if code and code in seen:
            errors.append(RowError(row.number, "code", code, f"与第{seen[code]}行重复"))
        if code:
            seen.setdefault(code, row.number)
        if code and sql.code_taken(store, code):
            errors.append(RowError(row.number, "code", code, "该编号的会议已经存在"))
        v2 = dict(v)
        if v2.get("term") is None:
            from rdtool.store import settings as settings_sql

            v2["term"] = settings_sql.term_on(store, v["date"])
            if v2["term"] is None:
                errors.append(RowError(row.number, "date", v["date"], "不在任何一届之内，请填写届次"))
                continue
        errors.extend(RowError(row.number, f, str(val), m) for f, val, m in meetings_svc.check_meeting(store, v2))
    return errors


def write_meetings(store: Store, rows: list[Row]) -> int:
    """All rows at once, each group numbered once (meetings_svc.insert_many: linear in any row order); then each
    meeting's roster and quorum."""
    def where(row: Row) -> tuple[str, str]:
        return ("ordinal", str(row.values["ordinal"])) if row.values.get("ordinal") else \
            ("code", row.values.get("code") or "")

    parsed = []
    for row in rows:
        values = dict(row.values)
        parsed.append((row.number, values, values.pop("ordinal", None)))
    ids, refused = meetings_bulk.insert_many(store, parsed)
    by_number = {row.number: row for row in rows}
    errors = [RowError(number, *where(by_number[number]), _message(exc)) for number, exc in refused]
    for row in ([] if errors else rows):
        try:
            meeting_id = ids[row.number]
            if row.values.get("present") is not None and row.values.get("entitled") is None:
                m = sql.meeting_by_id(store, meeting_id)
                sql.update_meeting(store, meeting_id, {"roster": meeting_quorum.roster_size(store, m)})
            meeting_quorum.refresh_quorum(store, sql.meeting_by_id(store, meeting_id))
        except RdtoolError as exc:
            errors.append(RowError(row.number, *where(row), _message(exc)))
    if errors:
        raise RowErrors(sorted(errors, key=lambda e: e.row))
    return len(rows)


def export_meetings(store: Store, show_private: bool = False) -> Iterator[dict]:
    for m in sql.meetings(store, stream=True):
        row = {k: m[k] for k in ("code", "kind", "date", "title", "end_date", "location", "term", "present",
                                 "entitled", "notes", "notified_on", "requesters")}
        row["extraordinary"] = bool(m["extraordinary"])
        row["ordinal"] = m["seq"] if m["seq_stated"] else None  # a number she stated (issue 23)
        yield row


# Other headers registers use (issue 15; docs/import.md): data, next to each kind.
MEETING_ALIASES = {"ordinal": ("第几次", "会议次序", "次数"), "code": ("会议编号",), "title": ("会议名称", "名称"), "date": ("会议日期", "召开日期", "开会日期"),
                   "location": ("会议地点",), "kind": ("会议类别", "会议类型")}
# 次序: the meeting's number as printed on its documents (本届第几次), stated like `meeting add --number`.
MEETING_EXTRA = [F.Field("ordinal", F.integer(1))]
# 编号 may be left out, as with `meeting add`: generated from the number (a paper register has none; issue 23).
MEETINGS = Kind("meetings", "会议", [f if f.name != "code" else F.Field("code", F.text(30)) for f in meetings_svc.FIELDS], write_meetings, export_meetings, check=check_meetings,
                aliases=MEETING_ALIASES, extra=MEETING_EXTRA)


# ---------------------------------------------------------------- attendance

def _deputy_ref(raw: str) -> str:
    from rdtool.services.deputies.refs import deputy_ref

    return deputy_ref(raw)


ATTENDANCE_FIELDS = [
    F.Field("meeting", F.text(30), required=True),
    F.Field("deputy", _deputy_ref, required=True),
    F.Field("status", F.enum("attendance"), required=True),
]
ATTENDANCE_EXTRA = [F.Field("deputy_id", F.integer(1))]


def _resolve_attendance(store: Store, rows: list[Row]) -> tuple[list[RowError], dict[int, dict]]:
    """Resolve meeting and deputy of every row (row.values gains meeting_id, deputy_id)."""
    from rdtool.errors import FieldError
    from rdtool.services.deputies.refs import DeputyIndex, parse_ref

    index = DeputyIndex(store)
    errors: list[RowError] = []
    meetings: dict[str, dict | None] = {}
    rosters: dict[int, set[int]] = {}
    seen: dict[tuple, int] = {}
    resolved: dict[tuple, int | FieldError] = {}
    for row in rows:
        v = row.values
        code = v["meeting"]
        if code not in meetings:
            meetings[code] = sql.meeting_by_code(store, code)
        m = meetings[code]
        if m is None:
            errors.append(RowError(row.number, "meeting", code, "没有这个编号的会议（先导入 meetings）"))
            continue
        # a roll-call file names each deputy once per meeting: each name is resolved once per term
        key = (v["deputy"], m["term"], v.get("deputy_id"))
        deputy_id = resolved.get(key)
        if deputy_id is None:
            try:
                name, ident = parse_ref(v["deputy"])
                deputy_id = index.resolve(name or None, term=m["term"], deputy_id=ident or v.get("deputy_id"),
                                          level="township")
            except FieldError as exc:
                deputy_id = exc
            resolved[key] = deputy_id
        if isinstance(deputy_id, FieldError):
            errors.append(RowError(row.number, "deputy", v["deputy"], str(deputy_id)))
            continue
        if m["id"] not in rosters:
            rosters[m["id"]] = _roster_ids(store, index, m)
            if m["roll_rows"]:
                errors.append(RowError(row.number, "meeting", code, "这次会议已有点名记录；要重新点名请用 rdtool meeting roll"))
        if deputy_id not in rosters[m["id"]]:
            who = "主席团成员" if m["kind"] == "presidium" else "在任的镇代表"
            errors.append(RowError(row.number, "deputy", v["deputy"],
                                   f"{m['date']} 不是{who}（ID {deputy_id}），不能出现在会议 {code} 的点名中"))
            continue
        key = (m["id"], deputy_id)
        if key in seen:
            errors.append(RowError(row.number, "deputy", v["deputy"], f"与第{seen[key]}行重复（同一会议同一代表）"))
            continue
        seen[key] = row.number
        v["meeting_id"], v["deputy_id"] = m["id"], deputy_id
    errors += _suspended_present(store, [r for r in rows if r.values.get("deputy_id") is not None], meetings)
    return errors, {m["id"]: m for m in meetings.values() if m}


def _suspended_present(store: Store, rows: list[Row], meetings: dict[str, dict | None]) -> list[RowError]:
    """A deputy whose duties are suspended on the meeting's day cannot be recorded present (代表法 第六十一条:
    attending is 执行代表职务, rdtool.rules.suspensions.may_attend): refused at entry, row by row."""
    from rdtool.rules.suspensions import ARTICLE, may_attend, suspended_on
    from rdtool.store import suspensions as suspensions_sql

    present = [r for r in rows if r.values["status"] == "present"]
    periods = suspensions_sql.periods(store, list({r.values["deputy_id"] for r in present})) if present else {}
    out = []
    for r in present:
        m = meetings[r.values["meeting"]]
        spans = periods.get(r.values["deputy_id"], [])
        if spans and not may_attend(suspended_on(spans, m["date"])):
            start = max(s for s, e in spans if s <= m["date"])
            out.append(RowError(r.number, "status", "present",
                                f"{r.values['deputy']}自{start}起暂停执行代表职务，会议 {r.values['meeting']}"
                                f"（{m['date']}）不能记为出席（{ARTICLE}）；请改为“缺席”（暂停期间的缺席不计入两次未经批准不出席），"
                                f"或先用 deputy resume 记录恢复的日期"))
    return out


def _roster_ids(store: Store, index, meeting: dict) -> set[int]:
    """Who may appear in the meeting's roll call: meeting_quorum.roster, from the loaded index for a congress meeting."""
    if meeting["kind"] == "presidium" or meeting["term"] is None:
        return {r["id"] for r in meeting_quorum.roster(store, meeting)}
    # the same rule as store.deputies.ENTITLED (not voided; elected by then; active, or ended on or after the day)
    return {r["id"] for r in index.by_id.values()
            if r["term"] == meeting["term"] and r["level"] == "township" and index.entitled(r["id"], meeting["date"])}


def check_attendance(store: Store, rows: list[Row]) -> list[RowError]:
    return _resolve_attendance(store, rows)[0]


def write_attendance(store: Store, rows: list[Row]) -> int:
    errors, touched = _resolve_attendance(store, rows)
    if errors:
        raise RowErrors(errors)
    sql.add_attendance_rows(store, [(r.values["meeting_id"], r.values["deputy_id"], r.values["status"])
                                    for r in rows])
    last_row: dict[int, int] = {}
    for row in rows:
        last_row[row.values["meeting_id"]] = row.number
    for meeting_id, m in touched.items():
        sql.update_meeting(store, meeting_id, {"roster": meeting_quorum.roster_size(store, m), "present": None})
        for problem, _ in recompute.results(store, sql.meeting_by_id(store, meeting_id)):
            errors.append(RowError(last_row[meeting_id], "meeting", m["code"], problem))
    if errors:
        raise RowErrors(errors)
    return len(rows)


def export_attendance(store: Store, show_private: bool = False) -> Iterator[dict]:
    shared = deputies_sql.shared_names(store)
    for r in sql.all_attendance(store):
        yield {"meeting": r["meeting"], "deputy": r["deputy"], "status": r["status"],
               "deputy_id": r["deputy_id"] if (r["deputy"], r["term"]) in shared else None}


def export_attendance_sql(store: Store, show_private: bool = False) -> str:
    return sql.export_attendance_sql()


ATTENDANCE = Kind("attendance", "出席记录", ATTENDANCE_FIELDS, write_attendance, export_attendance,
                  extra=ATTENDANCE_EXTRA, check=check_attendance, export_sql=export_attendance_sql,
                  aliases={"meeting": ("会议编号",), "deputy": ("代表姓名", "姓名"),
                           "status": ("出席情况", "出席状态", "到会情况")})


# ---------------------------------------------------------------- items

def check_items(store: Store, rows: list[Row]) -> list[RowError]:
    errors, seen = [], {}
    for row in rows:
        v = row.values
        m = sql.meeting_by_code(store, v["meeting"])
        if m is None:
            errors.append(RowError(row.number, "meeting", v["meeting"], "没有这个编号的会议（先导入 meetings）"))
            continue
        if v.get("seq") is not None:
            key = (v["meeting"], v["seq"])
            if key in seen:
                errors.append(RowError(row.number, "seq", str(v["seq"]), f"与第{seen[key]}行的序号重复"))
            seen.setdefault(key, row.number)
            if items_sql.item_by_seq(store, m["id"], v["seq"]):
                errors.append(RowError(row.number, "seq", str(v["seq"]), f"会议 {m['code']} 已有该序号的事项"))
        try:
            votes_svc.outcome(store, m, votes_svc.fill_counts(dict(v)))
        except RdtoolError as exc:
            errors.append(RowError(row.number, "yes", str(v.get("yes") if v.get("yes") is not None else ""),
                                   _message(exc)))
    return errors


def write_items(store: Store, rows: list[Row]) -> int:
    errors = []
    cache: dict[str, dict] = {}
    for row in rows:
        code = row.values["meeting"]
        m = cache.get(code) or sql.meeting_by_code(store, code)
        cache[code] = m
        try:
            votes_svc.insert_item(store, m, row.values)
        except RdtoolError as exc:
            errors.append(RowError(row.number, "meeting", code, _message(exc)))
    if errors:
        raise RowErrors(errors)
    return len(rows)


def export_items(store: Store, show_private: bool = False) -> Iterator[dict]:
    for r in items_sql.items(store, stream=True):
        yield {**r, "meeting": r["meeting_code"]}


ITEMS = Kind("items", "议程事项", votes_svc.FIELDS, write_items, export_items, check=check_items,
             aliases={"meeting": ("会议编号",), "title": ("议题", "事项", "议程事项"), "kind": ("事项类别",),
                      "yes": ("赞成票", "赞成票数"), "no": ("反对票", "反对票数"), "abstain": ("弃权票", "弃权票数")})
