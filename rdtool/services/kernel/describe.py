"""Records and their changes in words: what a correction printed, what `undo` shows it will revert.

Every change-log entry (table, before, after) reads as one Chinese line naming the record as its list shows it
and each changed field by its Chinese name: "徐晓峰：工作单位及职务 三川村 → 三川镇政府". Values are shown as a person
reads them (labels for codes, 是/否, the code or name a foreign key points at).
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable

from rdtool.labels import FIELD_ZH, label
from rdtool.store import refs as sql
from rdtool.store.db import Store

# table -> what its records are called
KIND_ZH = {
    "deputies": "代表", "presidium_members": "主席团职务", "meetings": "会议", "attendance": "点名记录",
    "items": "表决事项", "election_contests": "选举", "candidates": "候选人", "appointments": "任免记录",
    "proposals": "议案或建议", "proposal_cosigners": "附议代表", "proposal_rounds": "办理轮次",
    "activities": "活动", "activity_participants": "活动参加人员", "terms": "届次", "settings": "设置",
    "general_elections": "换届选举", "ge_constituencies": "选区", "ge_candidates": "换届选举候选人",
    "ge_rounds": "投票轮次", "ge_votes": "得票", "meeting_numbering": "会议编号起点",
    "opening_totals": "录入前结转",
    "mandate_ends": "代表资格终止记录", "post_ends": "职务终止记录", "ge_appeals": "选民名单申诉",
    "suspensions": "暂停执行代表职务记录", "inquiries": "质询案", "inquiry_signers": "质询案联名代表",
    "nominations": "候选人提名", "nominees": "提名的候选人", "nomination_signers": "联合提名的代表",
    "primaries": "预选得票", "ge_proxies": "委托投票",
}

# (table, column) -> enum of its codes; a column alone applies to every table
_ENUM = {
    "gender": "gender", "party": "party", "education": "education", "occupation": "occupation",
    ("deputies", "level"): "level", ("deputies", "status"): "deputy_status", "role": "presidium_role",
    ("meetings", "kind"): "meeting_kind", ("items", "kind"): "item_kind", "method": "vote_method",
    ("items", "result"): "vote_result", ("items", "rule"): "vote_rule",
    ("general_elections", "kind"): "ge_kind", ("attendance", "status"): "attendance",
    ("election_contests", "outcome"): "election_outcome", "action": "appointment_action",
    ("proposals", "kind"): "proposal_kind", ("proposals", "result"): "proposal_result",
    ("proposal_rounds", "result"): "proposal_result", "feedback": "feedback",
    ("activities", "kind"): "activity_kind", ("activities", "level"): "activity_level",
    ("ge_votes", "status"): "ge_outcome", ("general_elections", "level"): "level",
    ("meeting_numbering", "kind"): "meeting_kind",
    ("suspensions", "ground"): "suspension_ground", "answer_method": "inquiry_answer", "nominated_by": "nominated_by",
    "reanswer_method": "inquiry_answer",
}
_BOOL = {"quorum_met", "seq_stated", "extraordinary", "re_elected", "elected", "complex", "final", "by_election", "revote",
         "valid", "void", "confirmed", "lead", "unsatisfied"}
# column -> the table its id points at
_FK = {"decision_meeting_id": "meetings", "outcome_meeting_id": "meetings", "meeting_id": "meetings", "deputy_id": "deputies", "lead_id": "deputies", "item_id": "items",
       "contest_id": "election_contests", "proposal_id": "proposals", "activity_id": "activities",
       "constituency_id": "ge_constituencies", "candidate_id": "ge_candidates", "round_id": "ge_rounds",
       "election_id": "general_elections", "reported_meeting_id": "meetings", "inquiry_id": "inquiries",
       "nomination_id": "nominations"}
_ZH = {
    "roster": "当日名单人数", "seq": "次序", "seq_stated": "次序是否写明", "status_reason": "状态原因", "voided_at": "作废时间",
    "void_reason": "作废原因", "lead_id": "领衔代表", "meeting_id": "会议", "deputy_id": "代表", "contest_id": "选举",
    "elected_on": "当选日期", "by_election": "是否补选", "role": "主席团职务", "from_date": "起始日期",
    "to_date": "终止日期", "revote": "另行选举", "valid": "选举有效", "void": "本轮无效", "shortfall": "尚缺名额",
    "tie_seats": "票数相等名额", "vacant": "暂缺名额", "explanation": "计票说明", "value": "值", "key": "设置项",
    "proposal_id": "议案或建议", "activity_id": "活动", "item_id": "表决事项", "candidate_id": "候选人",
    "round_id": "投票轮次", "constituency_id": "选区", "election_id": "换届选举",
    "decision_meeting_id": "决定的会议", "outcome_meeting_id": "审议结果的会议",
    "first": "起始次序", "number": "届次", "end_date": "结束日期", "start_date": "开始日期",
    ("items", "result"): "表决结果", ("proposals", "result"): "办理结果", ("proposal_rounds", "result"): "办理结果",
    ("election_contests", "outcome"): "选举结果", ("attendance", "status"): "出席情况",
    ("deputies", "status"): "状态", ("ge_votes", "status"): "结果", ("meetings", "term"): "届次",
    ("items", "seq"): "序号", ("ge_votes", "votes"): "票数",
    **{("opening_totals", k): v for k, v in {
        "until": "截止日期", "presidium_meetings": "主席团会议次数", "congress_sessions": "人代会会议次数",
        "decisions": "主席团决定事项", "appointments": "任免人次", "suggestions": "代表建议件数",
        "replied": "已答复", "with_feedback": "有代表意见", "satisfied": "满意或基本满意", "activities": "代表活动次数",
        "training": "学习培训次数", "term": "届次"}.items()},
}
# computed from other records (shown as "随之重新计算" by corrections, not as typed changes)
DERIVED = {("items", "result"), ("items", "rule"), ("meetings", "roster"), ("candidates", "elected"),
           ("candidates", "elected_on"), ("election_contests", "outcome"), ("ge_votes", "status"),
           *(("ge_rounds", c) for c in ("valid", "void", "shortfall", "tie_seats", "vacant", "explanation"))}
_HIDDEN = {"id", "rule", "hash"}


def field_zh(table: str, column: str) -> str:
    from rdtool.record_names import COLUMN_ZH

    return (_ZH.get((table, column)) or _ZH.get(column) or FIELD_ZH.get(column)
            or COLUMN_ZH.get(f"{table}.{column}") or COLUMN_ZH.get(column, column))


def _short(text: str, width: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[:width - 1] + "…"


def private(column: str) -> str | None:
    """'id_number' or 'phone' for a column holding one (masked unless shown), else None."""
    return "id_number" if "id_number" in column else "phone" if "phone" in column else None


def value_text(store: Store, table: str, column: str, value: Any, show: Iterable[str] = (),
               setting: str | None = None) -> str:
    """A stored value as a person reads it; an ID or phone number masked unless its field is in `show`; a
    setting's value in the words of the `setting` it is (two_thirds → 三分之二以上)."""
    if value is None or value == "":
        return "空"
    kind = private(column)
    if kind is not None and kind not in show:
        from rdtool.fields import mask_id, mask_phone

        return (mask_id if kind == "id_number" else mask_phone)(str(value))
    enum = _ENUM.get((table, column)) or _ENUM.get(column)
    if enum:
        return label(enum, value)
    if column in _BOOL:
        return "是" if value else "否"
    if column in _FK:
        return sql.name_of(store, _FK[column], value) or f"#{value}"
    if table == "settings" and column == "key":
        from rdtool.settings import name_zh

        return name_zh(str(value))
    if table == "settings" and column == "value":
        from rdtool.settings import stored_zh

        return _short(stored_zh(setting or "", value))
    return _short(str(value))


def record_ref(store: Store, table: str, row: dict) -> str:
    """How a list shows the record: 徐晓峰, P5-22, P5-22#3, 三届一次-001, 'P5-22 点名 郑美玲' …"""
    def name(t: str, i: Any) -> str:
        return sql.name_of(store, t, i) or f"#{i}"

    if table == "deputies":
        return row.get("name") or name(table, row.get("id"))
    if table in ("meetings", "proposals", "activities"):
        return row.get("code") or name(table, row.get("id"))
    if table == "items":
        return f"{name('meetings', row.get('meeting_id'))}#{row.get('seq')}"
    if table == "attendance":
        return f"{name('meetings', row.get('meeting_id'))} {name('deputies', row.get('deputy_id'))}"
    if table == "presidium_members":
        return f"{name('deputies', row.get('deputy_id'))} {label('presidium_role', row.get('role'))}"
    if table == "candidates":
        return f"{name('election_contests', row.get('contest_id'))} 候选人{row.get('name')}"
    if table == "proposal_cosigners":
        return f"{name('proposals', row.get('proposal_id'))} 附议 {name('deputies', row.get('deputy_id'))}"
    if table == "proposal_rounds":
        return f"{name('proposals', row.get('proposal_id'))} 第{row.get('round')}轮办理"
    if table == "activity_participants":
        return f"{name('activities', row.get('activity_id'))} 参加人员 {name('deputies', row.get('deputy_id'))}"
    if table == "terms":
        return f"第{row.get('number')}届"
    if table == "settings":
        from rdtool.settings import name_zh

        return name_zh(str(row.get("key")))
    if table == "ge_votes":
        return f"{name('ge_rounds', row.get('round_id'))} {name('ge_candidates', row.get('candidate_id'))}得票"
    if table == "opening_totals":
        return f"第{row.get('term')}届录入前结转"
    if table == "mandate_ends":
        return name("deputies", row.get("deputy_id"))
    if table == "post_ends":
        return f"{row.get('person')}（{row.get('post')}）"
    if table == "meeting_numbering":
        return f"第{row.get('term')}届{label('meeting_kind', row.get('kind'))}（从第{row.get('first')}次起）"
    if table == "election_contests":
        return f"{name('meetings', row.get('meeting_id'))} {row.get('post')}选举（第{row.get('round')}轮）"
    if table == "appointments":
        return f"{row.get('person')}（{row.get('position')}）"
    if table == "ge_rounds":
        return f"{name('ge_constituencies', row.get('constituency_id'))}第{row.get('round')}轮投票"
    if table == "suspensions":
        return f"{name('deputies', row.get('deputy_id'))}暂停执行代表职务（自{row.get('started_on')}）"
    if table in ("inquiry_signers", "nomination_signers"):
        parent = name(*(("inquiries", row.get("inquiry_id")) if table == "inquiry_signers" else
                        ("nominations", row.get("nomination_id"))))
        return f"{parent} 联名代表 {name('deputies', row.get('deputy_id'))}"
    if table == "nominees":
        return f"{name('nominations', row.get('nomination_id'))} 候选人 {row.get('name')}"
    if table == "primaries":
        return f"{name('meetings', row.get('meeting_id'))} {row.get('post')}预选 {row.get('name')}"
    if table == "ge_proxies":
        return f"{row.get('principal')}委托{row.get('proxy')}代为投票"
    if table == "inquiries":
        return str(row.get("code"))
    if row.get("name"):
        return str(row["name"])
    return f"{KIND_ZH.get(table, table)} #{row.get('id', '?')}"


def field_changes(store: Store, table: str, before: dict, after: dict, derived: bool = True,
                  show: Iterable[str] = ()) -> list[str]:
    """['工作单位及职务 三川村 → 三川镇政府', …] for the columns that differ (IDs and phones masked unless in `show`)."""
    out = []
    for column, new in after.items():
        old = before.get(column)
        if old == new or column in _HIDDEN or (not derived and (table, column) in DERIVED):
            continue
        key = after.get("key") or before.get("key") if table == "settings" else None
        was, now = (value_text(store, table, column, old, show, key), value_text(store, table, column, new, show, key))
        if was == now and column in _FK:  # two records of one name (a person's two mandates): say which
            was, now = f"{was}#{old}", f"{now}#{new}"
        out.append(f"{field_zh(table, column)} {was} → {now}")
    return out


def _load(text: str | None) -> dict | None:
    return json.loads(text) if text else None


# link tables: (parent id column, parent table, person id column, what the people are)
LINKS = {"activity_participants": ("activity_id", "activities", "deputy_id", "参加人员"),
         "proposal_cosigners": ("proposal_id", "proposals", "deputy_id", "附议代表")}


def _link_lines(store: Store, entries: list[dict], invert: bool) -> list[str]:
    """'A3-001 参加人员：增加 张三、李四；去掉 王五' for the rows added to and removed from link tables."""
    states: dict[tuple, list[bool]] = {}  # (table, parent, person) -> [there before, there after]
    for e in entries:
        parent_col, _, person_col, _ = LINKS[e["table_name"]]
        row = _load(e["after"] if e["action"] == "insert" else e["before"])
        key = (e["table_name"], row[parent_col], row[person_col])
        states.setdefault(key, [e["action"] == "delete", False])[1] = e["action"] == "insert"
    groups: dict[tuple[str, object], dict[str, list[str]]] = {}
    for (table, parent, person), (was, now) in states.items():
        if was == now:
            continue
        g = groups.setdefault((table, parent), {"增加": [], "去掉": []})
        g["增加" if now != invert else "去掉"].append(sql.name_of(store, "deputies", person) or f"#{person}")
    lines = []
    for (table, parent), g in groups.items():
        parent_col, parent_table, _, what = LINKS[table]
        parts = [f"{verb} {'、'.join(names)}" for verb, names in g.items() if names]
        lines.append(f"{sql.name_of(store, parent_table, parent) or f'#{parent}'} {what}：{'；'.join(parts)}")
    return lines


def entry_lines(store: Store, entries: Iterable[dict], *, invert: bool = False, derived: bool = True,
                skip: set[str] = frozenset(), show: Iterable[str] = ()) -> list[str]:
    """One line per record the entries touched, oldest first; `invert` describes their undoing. ID and phone
    numbers are masked unless their field is in `show` ('id_number', 'phone': --show-id, --show-phone).

    Several entries on one record (an insert then two updates) read as one change from the first state to
    the last. Tables in `skip` are left out (a roll call's rows are summarised by its meeting).
    """
    by_record: dict[tuple[str, str], list] = {}
    entries = [e for e in entries if e["table_name"] not in skip]
    links = [e for e in entries if e["table_name"] in LINKS and e["action"] in ("insert", "delete")]
    linked = {id(e) for e in links}  # (by identity: comparing the dicts made this quadratic)
    for e in entries:
        if id(e) in linked:
            continue
        key = (e["table_name"], e["row_id"])
        first = by_record.get(key)
        before, after = _load(e["before"]), _load(e["after"])
        if first is None:
            by_record[key] = [before, after, e["action"]]
        else:
            first[1] = after
            if e["action"] == "void":
                first[2] = "void"
    lines = []
    for (table, _), (before, after, action) in by_record.items():
        line = _record_line(store, table, before, after, invert, derived, show=show)
        if line:
            lines.append(line)
    return lines + _link_lines(store, links, invert)


def _record_line(store: Store, table: str, before: dict | None, after: dict | None, invert: bool, derived: bool,
                 text: bool = True, show: Iterable[str] = ()) -> str | bool | None:
    """The line for one record's change (None when nothing a person reads changed); with text=False only
    whether there is one (no names looked up)."""
    if invert:
        before, after = after, before
    if before is None and after is None:
        return None
    kind = KIND_ZH.get(table, table)
    if before is None:
        return f"{'恢复' if invert else '新增'}{kind} {record_ref(store, table, after)}" if text else True
    if after is None:
        return f"删除{kind} {record_ref(store, table, before)}" if text else True
    if (before.get("voided_at") is None) != (after.get("voided_at") is None):
        if not text:
            return True
        verb = "作废" if after.get("voided_at") else "取消作废"
        reason = after.get("void_reason") if after.get("voided_at") else None
        return f"{verb}{kind} {record_ref(store, table, after)}" + (f"（{reason}）" if reason else "")
    if not text:
        return any(before.get(c) != v and c not in _HIDDEN and (derived or (table, c) not in DERIVED)
                   for c, v in after.items()) or None
    changes = field_changes(store, table, before, after, derived, show)
    return f"{record_ref(store, table, after)}：{'；'.join(changes)}" if changes else None


def record_lines(store: Store, records: Iterable[tuple], links: Iterable[dict], *, invert: bool = False,
                 limit: int | None = None, show: Iterable[str] = (),
                 rest: Callable[[Any], tuple[int, Iterable[tuple]]] | None = None) -> tuple[list[str], int]:
    """entry_lines for a stream: records are (table, first entry's before, last entry's after) as JSON text, in
    the order first touched (rdtool.store.changelog_undo.command_records); links the link tables' inserts and deletes.
    Returns the first `limit` lines (all when None) and how many there are in all: lines past the limit are
    counted, not written, so an import's 100,000 records are neither described nor held.

    `rest`: records then carry a fourth field, their position; once `limit` lines are written, rest(position of
    the last record read, 0 for none) gives how many records after it were added or removed and those after it
    that were changed (table, before, after): the records added or removed are counted without being read."""
    lines: list[str] = []
    count = 0
    position = 0
    for table, before, after, *where in records:
        wanted = limit is None or len(lines) < limit
        if not wanted and rest is not None:
            added_or_removed, changed = rest(position)
            count += added_or_removed + sum(1 for t, b, a in changed
                                            if _record_line(store, t, _load(b), _load(a), invert, True, text=False))
            return lines, count + _more_links(store, links, invert, lines, limit)
        position = where[0] if where else position
        if not wanted and (before is None) != (after is None):  # added or removed: a line, no need to read it
            count += 1
            continue
        line = _record_line(store, table, _load(before), _load(after), invert, True, text=wanted, show=show)
        if line:
            count += 1
            if wanted:
                lines.append(line)
    return lines, count + _more_links(store, links, invert, lines, limit)


def _more_links(store: Store, links: Iterable[dict], invert: bool, lines: list[str], limit: int | None) -> int:
    """Add the link tables' lines to `lines` (up to `limit`); returns how many there are."""
    more = _link_lines(store, list(links), invert)
    lines += more if limit is None else more[:max(0, limit - len(lines))]
    return len(more)
