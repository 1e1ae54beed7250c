"""What `db check` finds about the file itself: its schema against rdtool's, and the change log's sealed chain.

Findings use the shape of rdtool.services.admin.checks.Finding. A table, column, index, view or trigger the schema
lacks is an error (`schema_incomplete`); missing or stale change-log triggers are an error too
(`change_log_triggers`) even when opening the file has just rebuilt them, because writes made while they were
missing went unlogged. A break in the chain (rdtool.store.changelog.chain_break: an entry deleted or altered
after it was sealed) is an error naming the first broken entry; entries other programs wrote since rdtool's
last write are a note (the next rdtool write seals them).
"""

from __future__ import annotations

from rdtool.services.admin.checks import Finding
from rdtool.store import changelog, schema_check
from rdtool.store.db import Store


def _finding(check: str, severity: str, table: str, record: str, message: str) -> Finding:
    return {"check": check, "severity": severity, "table": table, "record": record, "message": message}


def schema_findings(store: Store) -> list[Finding]:
    found: list[Finding] = []
    for p in store.repaired:
        found.append(_finding("change_log_triggers", "error", p.table, "",
                              f"{p.message}；本次打开时已重建，缺失期间其他程序的修改没有记入修改记录"))
    for p in schema_check.problems(store.conn):
        check = "change_log_triggers" if p.kind == "log_trigger" else "schema_incomplete"
        hint = "" if p.repairable else "；请用 rdtool db restore 从备份恢复"
        found.append(_finding(check, "error", p.table, p.name if p.kind != "table" else "", p.message + hint))
    return found


def chain_findings(store: Store) -> list[Finding]:
    if not changelog.has_commands(store.conn):
        return []
    found: list[Finding] = []
    broken = changelog.chain_break(store.conn)
    if broken is not None:
        where = f"（命令 #{broken['command']}）" if broken.get("command") else ""
        found.append(_finding("change_log_chain", "error", changelog.CHANGE_LOG, str(broken["entry"] or ""),
                              f"修改记录的封存链在第 {broken['entry']} 条断开{where}：{broken['problem']}；"
                              "修改记录被其他程序删除或改动过"))
    waiting = changelog.unsealed(store.conn)
    if waiting:
        found.append(_finding("change_log_unsealed", "note", changelog.CHANGE_LOG, "",
                              f"有 {waiting} 条修改记录由其他程序（sqlite3、sqlite-utils、Datasette 等）写入，"
                              "尚未封存；rdtool 下次写入时会一并封存"))
    return found
