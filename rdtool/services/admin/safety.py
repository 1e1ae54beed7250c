"""Looking after the records: the change log shown, voiding, the rare true delete, and `db check`.

Records are corrected or voided, not deleted: a voided record keeps its row (and its
history in the change log) but leaves every list and figure. A true delete is offered
only for a record inserted within the last DELETE_WINDOW_MINUTES (a record typed in
twice a minute ago); the change log keeps what was deleted.
"""

from __future__ import annotations

import importlib
import json
from datetime import datetime, timedelta, timezone
from typing import Iterator

from rdtool.dates import utc_moment, utc_now
from rdtool.errors import NotFound, RdtoolError, UsageError, ValidationError
from rdtool.fields import mask_id, mask_phone
from rdtool.labels import record_id as typed_id
from rdtool.store import changelog
from rdtool.store.db import Store, foreign_key_violations, integrity_messages

DELETE_WINDOW_MINUTES = 10
_ACTION_ZH = {"insert": "新增", "update": "修改", "void": "作废", "delete": "删除"}


def _parse_utc(text: str) -> datetime:
    return datetime.strptime(text.rstrip("Z"), "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=timezone.utc)


def local_time(at: str) -> str:
    """A log time (UTC) as the local wall-clock time a person reads."""
    try:
        return _parse_utc(at).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return at


def parse_since(raw: str) -> str:
    """--since: a date (local midnight), a local date and time, or 30m / 2h / 7d ago -> a UTC bound."""
    import re

    from rdtool.errors import FieldError
    from rdtool.labels import clean, parse_date

    text = clean(raw)
    m = re.fullmatch(r"(\d+)\s*([mhd])", text.lower())
    if m:
        n, unit = int(m.group(1)), m.group(2)
        delta = {"m": timedelta(minutes=n), "h": timedelta(hours=n), "d": timedelta(days=n)}[unit]
        moment = utc_moment() - delta
    else:
        try:
            moment = datetime.fromisoformat(text.replace("/", "-")) if (":" in text) else None
        except ValueError:
            moment = None
        if moment is None:
            try:
                day = parse_date(text)
            except FieldError:
                raise ValidationError(f"--since：无法识别的时间“{raw}”",
                                      "写成日期（2024-03-01）、日期和时间（2024-03-01 14:30）或 30m、2h、7d") from None
            moment = datetime.fromisoformat(day)
        if moment.tzinfo is None:
            moment = moment.astimezone()  # a local time
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def mask(record: dict | None, show_private: bool) -> dict | None:
    if record is None or show_private:
        return record
    out = dict(record)
    for key, value in out.items():
        if isinstance(value, str) and value:
            if "id_number" in key:
                out[key] = mask_id(value)
            elif "phone" in key:
                out[key] = mask_phone(value)
    return out


def _fmt(value) -> str:
    if value is None:
        return "空"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def summary(action: str, before: dict | None, after: dict | None, names: dict[str, str] | None = None) -> str:
    """What changed, in one line: `workplace: 空 → 镇政府; phone: …` (fields `names`d, e.g. in Chinese)."""
    names = names or {}
    if action in ("update", "void") and before is not None and after is not None:
        parts = [f"{names.get(k, k)}: {_fmt(before.get(k))} → {_fmt(v)}" for k, v in after.items()
                 if before.get(k) != v]
        return "；".join(parts)
    record = after if after is not None else before or {}
    return "；".join(f"{names.get(k, k)}: {_fmt(v)}" for k, v in record.items() if v is not None and v != "")


def summary_zh(store: Store, table: str, action: str, before: dict | None, after: dict | None) -> str:
    """`summary` as she reads it: each field by its Chinese name, codes by their labels (男, 中共党员, 主席), a
    record pointed at by its name (describe.value_text); private values already masked (or shown) by `log`."""
    from rdtool.services.kernel.describe import field_zh, value_text

    key = (after or before or {}).get("key") if table == "settings" else None

    def text(column: str, value) -> str:
        return value_text(store, table, column, value, show=("id_number", "phone"), setting=key)

    if action in ("update", "void") and before is not None and after is not None:
        return "；".join(f"{field_zh(table, k)}: {text(k, before.get(k))} → {text(k, v)}" for k, v in after.items()
                        if before.get(k) != v)
    record = after if after is not None else before or {}
    return "；".join(f"{field_zh(table, k)}: {text(k, v)}" for k, v in record.items() if v is not None and v != "")


def log(store: Store, table: str | None = None, since: str | None = None, record: str | None = None,
        limit: int | None = 200, show_private: bool = False) -> list[dict]:
    """The change log as rows for the renderer; private values masked unless asked for. `table` may be named
    in Chinese (会议、设置), a setting by its Chinese name (建议答复期限)."""
    from rdtool.services.kernel.describe import KIND_ZH
    from rdtool.settings import name_zh, resolve_key

    table = log_table(store, table) if table else None
    if record and table == "settings":
        record = resolve_key(record)
    bound = parse_since(since) if since else None
    rows = []
    for e in changelog.entries(store, table, bound, record.lstrip("#") if record else None, limit):
        before = mask(json.loads(e["before"]) if e["before"] else None, show_private)
        after = mask(json.loads(e["after"]) if e["after"] else None, show_private)
        rows.append({"id": e["id"], "at": e["at"], "table": e["table_name"],
                     "record": e["row_id"], "table_zh": KIND_ZH.get(e["table_name"], e["table_name"]),
                     "record_zh": name_zh(e["row_id"]) if e["table_name"] == "settings" else e["row_id"],
                     "action": e["action"], "action_zh": _ACTION_ZH.get(e["action"], e["action"]),
                     "changes": summary(e["action"], before, after), "before": before, "after": after,
                     "changes_zh": summary_zh(store, e["table_name"], e["action"], before, after)})
    return rows


def log_table(store: Store, name: str) -> str:
    """The logged table a name means: its own (meetings), what its records are called (会议、代表、设置) or the
    table's Chinese name (代表活动)."""
    from rdtool.labels import clean
    from rdtool.record_names import TABLE_ZH
    from rdtool.services.kernel import refs
    from rdtool.services.kernel.describe import KIND_ZH

    tables = changelog.logged_tables(store.conn)
    text = clean(name)
    kind = refs.kind_of(text)
    for found in (text if text in tables else None, refs.KINDS[kind].table if kind else None,
                  *(t for t in tables if text in (KIND_ZH.get(t), TABLE_ZH.get(t)))):
        if found in tables:
            return found
    words = [KIND_ZH.get(t, TABLE_ZH.get(t, t)) for t in tables]
    near = refs.suggestion(text, words)
    raise NotFound(f"没有名为“{name}”的记录表",
                   f"{near + '；' if near else ''}可写：{'、'.join(words)}（或表名，如 meetings）")


# ---- voiding and deleting -------------------------------------------------------------------------------

def target(store: Store, first: str, second: str | None = None) -> tuple[str, str, str]:
    """(table, log key, reference as lists show it) of the record `db void` / `db delete` names: a reference
    with or without its kind (会议 P5-22, 表决 P5-22#3, P5-22#3, 代表 徐晓峰), or a table and its key."""
    from rdtool.services.kernel import refs

    tables = changelog.logged_tables(store.conn)
    if second is not None and first in tables and refs.kind_of(first) is None:
        row = _record(store, first, second)
        return first, str(row["_key"]), str(row["_key"])
    ref = refs.resolve_words(store, first, second, voided=True)
    return ref.table, str(ref.id), ref.text


def _record(store: Store, table: str, record_id: str) -> dict:
    tables = changelog.logged_tables(store.conn)
    if table not in tables or table == "settings":
        from rdtool.services.kernel.refs import kind_words

        raise UsageError(f"没有名为“{table}”的记录表或类别",
                         f"类别可用：{kind_words()}；也可写表名：{'、'.join(t for t in tables if t != 'settings')}")
    text = str(record_id).strip().lstrip("#")
    row = changelog.find_record(store, table, text)
    if row is None and typed_id(text) is not None:
        row = changelog.find_record(store, table, typed_id(text))
    if row is None:
        raise NotFound(f"{table} 中没有记录 {text}", f"用 rdtool db log --table {table} 查看记录编号")
    return row


def _renumber_after(store: Store, table: str, row: dict, voided: bool) -> None:
    """A meeting voided or deleted leaves its kind's numbering: the later ones close the gap (a voided one
    gives up its generated code for them)."""
    if table == "meetings" and row.get("kind"):
        from rdtool.services.meetings.meetings import release_code, renumber

        if voided:
            release_code(store, row)
        renumber(store, row.get("term"), row["kind"])


# What a void carries to the records that rest on the one voided: table -> "module:function(store, row, at)", which
# writes inside the void's transaction and returns the lines to say (注意).
VOID_CARRIES = {"nominations": "rdtool.services.elections.nominations:after_void"}


def void(store: Store, first: str, second: str | None, reason: str) -> dict:
    """Mark a record void (it stays, with the reason, in the table and the log; it leaves all figures)."""
    from rdtool.labels import clean
    from rdtool.services.kernel import corrections

    reason = clean(reason)
    if not reason:
        raise ValidationError("作废必须写明原因（--reason）")
    if len(reason) > 500:
        raise ValidationError(f"作废原因过长（{len(reason)} 字，最多 500 字）")
    if second is not None and first in changelog.logged_tables(store.conn) \
            and "voided_at" not in changelog.column_names(store, first):
        raise UsageError(f"{first} 的记录不能单独作废", "请作废它所属的记录（如会议、议案），或在所属命令中更正")
    table, key, shown = target(store, first, second)
    row = _record(store, table, key)
    if "voided_at" not in row:
        raise UsageError(f"{table} 的记录不能单独作废", "请作废它所属的记录（如会议、议案），或在所属命令中更正")
    if row["voided_at"]:
        raise RdtoolError(f"{shown} 已于 {local_time(row['voided_at'])} 作废（{row['void_reason']}）")
    with corrections.write(store, reason, subject=(table, key), verb="已作废") as report:
        at = utc_now()
        changelog.void_record(store, table, row["_key"], at, reason)
        _renumber_after(store, table, row, True)
        if table in VOID_CARRIES:
            module, attr = VOID_CARRIES[table].split(":")
            report.warnings += getattr(importlib.import_module(module), attr)(store, row, at)
    what = " ".join(str(row[k]) for k in ("date", "submitted_on", "title", "post", "name") if row.get(k))
    return {"table": table, "record": shown, "reason": reason, "report": report, "what": what}


def delete(store: Store, first: str, second: str | None = None,
           window_minutes: int = DELETE_WINDOW_MINUTES) -> dict:
    """Delete a record inserted within the last few minutes (with the records entered with it)."""
    from rdtool.services.kernel import corrections

    table, key, shown = target(store, first, second)
    row = _record(store, table, key)
    limit = utc_moment() - timedelta(minutes=window_minutes)

    def recent(t: str, k: str) -> bool:
        at = changelog.inserted_at(store, t, k)
        try:
            return at is not None and _parse_utc(at) >= limit
        except ValueError:
            return False

    if not recent(table, key):
        raise RdtoolError(f"{shown} 不是最近 {window_minutes} 分钟内新增的，不能删除",
                          f"历史记录只能更正或作废：rdtool db void {first if second else ''} {second or first} "
                          "--reason 原因；刚才的命令可用 rdtool undo 撤销".replace("  ", " "))
    deps = changelog.dependents(store, table, row)
    old = [f"{t} {k}" for t, k, _ in deps if not recent(t, k)]
    if old:
        raise RdtoolError(f"{shown} 已被其他记录引用：{'、'.join(old[:10])}，不能删除",
                          f"请改为作废：rdtool db void {second and first or ''} {second or first} --reason 原因"
                          .replace("  ", " "))
    from rdtool.services.kernel.describe import record_ref

    also = [record_ref(store, t, r) for t, _, r in deps]  # named as her lists name them, before they go
    with corrections.write(store, subject=None, verb="已删除") as report:
        for t, k, _ in deps:
            changelog.delete_record(store, t, k)
        changelog.delete_record(store, table, row["_key"])
        if table == "deputies":  # the person's other mandates, if any, keep one person (issue 23)
            from rdtool.store import deputies as deputies_sql

            deputies_sql.regroup_person(store, row["id"])
        _renumber_after(store, table, row, False)
    return {"table": table, "record": shown, "also": also, "report": report}


def describe(store: Store, first: str, second: str | None = None, show_private: bool = False) -> str:
    """One line naming a record, for a confirmation question."""
    from rdtool.services.kernel.describe import KIND_ZH, field_zh, value_text

    table, key, shown = target(store, first, second)
    row = _record(store, table, key)
    fields = mask({k: v for k, v in row.items() if k not in ("_key", "id")}, show_private)
    what = "；".join(f"{field_zh(table, k)} {value_text(store, table, k, v)}" for k, v in fields.items()
                    if v not in (None, ""))
    return f"{KIND_ZH.get(table, table)} {shown}：{what}"


# ---- checks -------------------------------------------------------------------------------------------------

def check(store: Store, as_of: str, domain: bool = True) -> list[dict]:
    """integrity_check, foreign_key_check, the schema and the change log's chain, then every registered domain
    check (the stored values against the field rules among them)."""
    return list(iter_check(store, as_of, domain))


def iter_check(store: Store, as_of: str, domain: bool = True) -> Iterator[dict]:
    """check's findings as each check gives them (`db check` prints them as they come: a file with 100,000
    findings is never held whole)."""
    import sqlite3

    from rdtool.services.admin import integrity

    broken = False  # the file itself or the schema: the domain checks would read garbage
    for msg in integrity_messages(store):
        if msg != "ok":
            broken = True
            yield {"check": "integrity", "severity": "error", "table": "", "record": "",
                   "message": f"数据库文件完整性检查失败：{msg}"}
    for r in foreign_key_violations(store):
        table, rowid, parent = r[0], r[1], r[2]
        yield {"check": "foreign_key", "severity": "error", "table": table, "record": str(rowid),
               "message": f"{table} 第 {rowid} 行引用的 {parent} 记录不存在"}
    schema = integrity.schema_findings(store)
    broken = broken or any(f["check"] == "schema_incomplete" for f in schema)
    yield from schema
    if not any(f["table"] in (changelog.CHANGE_LOG, changelog.COMMANDS) and f["check"] == "schema_incomplete"
               for f in schema):
        try:
            yield from integrity.chain_findings(store)
        except sqlite3.DatabaseError:
            pass  # an unreadable log is reported by integrity_check above
    from rdtool.store import report_views
    from rdtool.store.schema_check import applied_migrations

    if "m1301_figures" in applied_migrations(store.conn):
        for name in report_views.stale(store.conn):
            yield {"check": "report_views", "severity": "error", "table": name, "record": "",
                   "message": f"统计视图 {name} 缺失或与本版本 rdtool 的定义不一致，查询它得到的数字可能与报告不同；"
                              "用 rdtool db views --rebuild 重建"}
    if domain and not broken:
        from rdtool.services.admin import stored_values
        from rdtool.services.admin.checks import CHECKS, iter_all

        bad = False
        for f in stored_values.checks(store, as_of):
            bad = True
            yield dict(f)
        try:
            for f in iter_all(store, as_of, [t for t in CHECKS if "stored_values" not in t]):
                yield dict(f)
        except Exception:
            if not bad:
                raise
            yield {"check": "stored_value", "severity": "error", "table": "", "record": "",
                   "message": "因上述不符合规则的值，其余业务检查没有进行；更正后请再运行 rdtool db check"}


def failed(findings: list[dict], strict: bool = False) -> bool:
    """Errors fail; with --strict, warnings too. Notes (facts worth knowing) never do."""
    return any(f["severity"] == "error" or (strict and f["severity"] == "warning") for f in findings)
