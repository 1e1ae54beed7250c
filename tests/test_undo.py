"""`rdtool undo`: after each kind of write command, `undo --yes` returns every record table to exactly what it
held before (compared without the change log); it walks back, refuses when a later command changed the same
records, and never undoes an undo."""

from __future__ import annotations

import re
import sqlite3

import pytest

from rdtool.store import changelog
from tests.helpers import Cli, write_csv

NAMES = ["王建国", "李明", "张伟", "刘海燕", "陈红", "周强", "郑美玲", "孙丽", "吴敏", "赵刚"]


@pytest.fixture(scope="module")
def _base(tmp_path_factory):
    path = tmp_path_factory.mktemp("undo") / "base.db"
    cli = Cli(path)
    cli("init", "--town", "青石镇", "--term", "5", "--term-start", "2022-01-01", "--term-end", "2026-12-31")
    for i, n in enumerate(NAMES):
        cli("deputy", "add", n, "--gender", "女" if i % 2 else "男", "--level", "镇", "--term", "5")
    for n in NAMES[:7]:
        cli("deputy", "role", n, "成员", "--from", "2022-01-02")
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-03-05")
    cli("meeting", "add", "--kind", "主席团", "--date", "2025-04-05")
    cli("meeting", "add", "--kind", "人代会", "--date", "2025-03-25")
    cli("meeting", "roll", "P5-01")
    cli("meeting", "roll", "P5-02")
    cli("meeting", "roll", "C5-1", "--absent", "赵刚")
    cli("vote", "add", "P5-01", "关于甲的决定", "--kind", "重大事项", "--yes", "4", "--no", "2")
    cli("election", "add", "C5-1", "--post", "副镇长", "--seats", "1", "-c", "孙丽=7", "-c", "吴敏=2")
    cli("appointment", "add", "钱芳", "--position", "镇财政所所长", "--action", "任命", "--meeting", "P5-01")
    cli("activity", "add", "视察", "--kind", "视察", "--date", "2025-05-01", "-p", "王建国、李明")
    cli("proposal", "submit", "关于修桥的建议", "--lead", "王建国", "--cosigners", "李明", "--meeting", "C5-1",
        "--date", "2025-03-25")
    cli("proposal", "submit", "关于修路的建议", "--lead", "张伟", "--meeting", "C5-1", "--date", "2025-03-25")
    cli("proposal", "assign", "五届一次-002", "--unit", "城建办", "--date", "2025-04-01")
    cli("proposal", "reply", "五届一次-002", "--result", "A", "--text", "已修", "--date", "2025-05-01")
    cli("term", "add", "6", "--start", "2027-01-01")
    cli("general-election", "plan", "6", "--level", "镇", "--election-day", "2026-11-15")
    cli("general-election", "constituency", "6", "第一选区", "--seats", "1", "--voters", "1000")
    for n in ("甲一", "乙二"):
        cli("general-election", "candidate", "6", n, "--constituency", "第一选区", "--gender", "男",
            "--nominated-by", "中共青石镇委员会", "--final")
    return path


@pytest.fixture
def base(_base, tmp_path) -> Cli:
    path = tmp_path / "t.db"
    src, dst = sqlite3.connect(_base), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return Cli(path)


def records(db) -> dict:
    """Every record table's rows, exactly (the change log and the command entries left out)."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        for table in changelog.logged_tables(conn):
            out[table] = conn.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2').fetchall()
        return out
    finally:
        conn.close()


COMMANDS = [
    ("deputy", "add", "冯军", "--gender", "男", "--level", "镇", "--term", "5"),
    ("deputy", "edit", "李明", "--workplace", "三川村", "--reason", "补录"),
    ("deputy", "end", "郑美玲", "--status", "辞职", "--date", "2025-03-01"),
    ("deputy", "role", "吴敏", "成员", "--from", "2025-01-01"),
    ("meeting", "add", "--kind", "主席团", "--date", "2025-02-01"),
    ("meeting", "edit", "P5-01", "--number", "19"),
    ("meeting", "edit", "P5-02", "--date", "2025-03-01"),
    ("meeting", "roll", "P5-01", "--absent", "李明"),
    ("vote", "add", "P5-02", "关于乙的决定", "--kind", "重大事项"),
    ("vote", "edit", "P5-01#1", "--meeting", "P5-02"),
    ("election", "add", "C5-1", "--post", "镇长", "--seats", "1", "-c", "周强=8"),
    ("election", "edit", "1", "-c", "孙丽=6"),
    ("appointment", "add", "冯丽", "--position", "镇司法所所长", "--action", "任命", "--decided-on", "2025-04-01"),
    ("appointment", "edit", "2", "--oath-on", "2025-03-06"),
    ("activity", "add", "培训", "--kind", "培训", "--date", "2025-06-01", "-p", "张伟"),
    ("activity", "edit", "A5-001", "--add", "张伟", "--remove", "李明"),
    ("proposal", "submit", "关于路灯的建议", "--lead", "陈红", "--date", "2025-06-01"),
    ("proposal", "edit", "五届一次-001", "--title", "关于修缮便民桥的建议", "--add-cosigner", "张伟"),
    ("proposal", "assign", "五届一次-001", "--unit", "交通办", "--date", "2025-04-01"),
    ("proposal", "feedback", "五届一次-002", "不满意", "--date", "2025-05-10"),
    ("proposal", "withdraw", "五届一次-001", "--date", "2025-04-01"),
    ("term", "add", "7", "--start", "2032-01-01"),
    ("term", "edit", "5", "--end", "2026-12-30"),
    ("config", "presidium_quorum", "two_thirds"),
    ("db", "void", "会议", "P5-01", "--reason", "重复录入"),
    ("db", "delete", "表决", "P5-01#1", "--yes"),
    ("general-election", "result", "6", "--constituency", "第一选区", "--issued", "800", "--returned", "800",
     "--vote", "甲一=500", "--vote", "乙二=290"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:2]) + f" {i}" for i, a in enumerate(COMMANDS)])
def test_undo_after_each_kind_of_write_command_restores_every_record_table(base, args):
    before = records(base.db)
    base(*args)
    assert records(base.db) != before, "the command should have written something"
    out = base("undo", "--yes").stdout
    assert "已撤销" in out
    assert records(base.db) == before


def test_undo_of_an_import(base, tmp_path):
    before = records(base.db)
    csv = write_csv(tmp_path / "d.csv", "name,gender,level,term\n冯一,男,镇,5\n冯二,女,镇,5\n")
    out = base("import", "deputies", csv, "-v").stderr  # (on a terminal or with -v, like its confirmation)
    assert "随之重新计算：P5-01 应到" not in out  # new township deputies are not presidium members
    assert "C5-1 应到 10→12" in out
    base("undo", "--yes")
    assert records(base.db) == before


def test_undo_shows_what_it_reverts_and_asks(base):
    base("deputy", "end", "郑美玲", "--status", "辞职", "--date", "2025-03-01")
    out = base("undo", "--dry-run").stdout
    assert "rdtool deputy end 郑美玲 --status 辞职 --date 2025-03-01" in out
    assert "郑美玲：状态 辞职 → 在任" in out and "P5-01：当日名单人数 6 → 7" in out
    assert "恢复点名记录 P5-01 郑美玲" in out
    before = records(base.db)
    base("undo", expect=2)  # no terminal, no --yes: refused, nothing written
    assert records(base.db) == before


def test_undo_walks_back_and_never_undoes_an_undo(base):
    start = records(base.db)
    base("deputy", "edit", "李明", "--workplace", "甲村")
    middle = records(base.db)
    base("deputy", "edit", "张伟", "--workplace", "乙村")
    base("undo", "--yes")
    assert records(base.db) == middle
    base("undo", "--yes")  # the undo itself is skipped: the edit before it is undone
    assert records(base.db) == start
    listing = base.json("undo", "--list")
    assert [r["state"] for r in listing[:4]] == ["撤销操作", "撤销操作", "已撤销（#%d）" % listing[1]["id"],
                                                  "已撤销（#%d）" % listing[0]["id"]]
    r = base.fails("undo", str(listing[0]["id"]), "--yes")
    assert "本身是撤销操作" in r.stderr and "deputy edit" in r.stderr


def test_undo_refuses_when_a_later_command_changed_the_same_record(base):
    base("deputy", "edit", "李明", "--workplace", "甲村")
    first = base.json("undo", "--list")[0]["id"]
    base("deputy", "edit", "李明", "--phone", "13812345678")
    r = base.fails("undo", str(first), "--yes")
    assert "代表 李明 在此之后被第" in r.stderr and "deputy edit" in r.stderr and "138****5678" in r.stderr
    # undone in order, both go
    base("undo", "--yes")
    base("undo", "--yes")
    assert base.json("deputy", "show", "李明")["workplace"] is None


def test_undo_refuses_a_record_changed_by_another_program(base):
    base("deputy", "edit", "李明", "--workplace", "甲村")
    conn = sqlite3.connect(base.db)
    conn.execute("UPDATE deputies SET workplace = '乙村' WHERE name = '李明'")
    conn.commit()
    r = base.fails("undo", "--yes")
    assert "其他程序" in r.stderr


def test_a_write_committed_between_the_preview_and_the_undo_is_a_conflict_not_reverted(base):
    """The interleaving is made, not raced: the moment undo's connection starts its write transaction, another
    rdtool process commits an edit of the same record. The check must see it (it runs inside the transaction)."""
    from rdtool.errors import RdtoolError
    from rdtool.services.admin import undo as svc
    from rdtool.store.opening import open_store
    from tests.helpers import run

    base("meeting", "edit", "P5-01", "--notes", "甲")
    target = base.json("undo", "--list")[0]["id"]
    store = open_store(base.db)
    fired = []

    def between(statement: str) -> None:
        if statement.startswith("BEGIN IMMEDIATE") and not fired:
            fired.append(run(["--db", base.db, "meeting", "edit", "P5-01", "--notes", "乙"]))

    store.conn.set_trace_callback(between)
    try:
        assert svc.plan(store, target)["conflict"] is None  # what the preview saw
        with pytest.raises(RdtoolError) as exc:
            svc.apply(store, target)
    finally:
        store.conn.set_trace_callback(None)
        store.close()
    assert fired and fired[0].returncode == 0, fired and fired[0].stderr
    assert "在此之后被第" in str(exc.value) and "meeting edit P5-01" in str(exc.value)
    assert base.json("meeting", "show", "P5-01")["notes"] == "乙"  # the other write stands


def test_ids_and_phones_in_corrections_and_undo_are_masked_unless_asked_for(base):
    old_id, new_id, old_phone, new_phone = "510000195808217388", "110101198003020028", "17000002424", "13912345678"
    base("deputy", "edit", "李明", "--id-number", old_id, "--phone", old_phone)
    out = base("deputy", "edit", "李明", "--id-number", new_id, "--phone", new_phone).stdout
    assert "身份证号 5100**********7388 → 1101**********0028" in out and "联系电话 170****2424 → 139****5678" in out
    shown = [base("undo", "--dry-run").stdout, base("undo", "--dry-run", "--format", "json").stdout]
    for text in shown:
        assert "1101**********0028" in text and "139****5678" in text
    for text in [out, *shown]:
        assert not {old_id, new_id, old_phone, new_phone} & set(re.findall(r"\d{11,18}", text)), text
    assert new_id in base("undo", "--dry-run", "--show-id").stdout
    done = base("undo", "--yes").stdout
    assert "1101**********0028 → 5100**********7388" in done and old_id not in done
    out = base("deputy", "edit", "李明", "--phone", new_phone, "--show-phone").stdout
    assert f"联系电话 {old_phone} → {new_phone}" in out


def _big_import(base, tmp_path, n: int) -> None:
    """n new deputies (fictional names) and a new congress meeting's roll call of them."""
    base("meeting", "add", "--kind", "人代会", "--date", "2025-06-01")
    people = [f"冯{a}{b}" for a in "甲乙丙丁戊己庚辛壬癸" for b in "一二三四五六七八九十"][:n]
    base("import", "deputies", write_csv(tmp_path / "d.csv", "name,gender,level,term\n" + "".join(
        f"{p},{'男' if i % 2 else '女'},镇,5\n" for i, p in enumerate(people))))
    base("import", "attendance", write_csv(tmp_path / "a.csv", "meeting,deputy,status\n" + "".join(
        f"C5-2,{p},{'请假' if i % 3 == 0 else '出席'}\n" for i, p in enumerate(people))))


def test_undo_of_large_imports_restores_exactly_and_counts_what_it_does_not_describe(base, tmp_path):
    before = records(base.db)
    _big_import(base, tmp_path, 100)
    base("meeting", "roll", "P5-02", "--absent", "李明")  # a later command on other records: no conflict
    after_roll = records(base.db)
    base("undo", "--yes")
    preview = base.json("undo", "--dry-run")  # the attendance import: every line in JSON, counted in the table
    assert len(preview["changes"]) == preview["change_count"] >= 100
    table = base("undo", "--dry-run").stdout
    assert f"……还有 {preview['change_count'] - 30} 条" in table
    assert sum(line.startswith("  删除点名记录 C5-2 冯") for line in table.splitlines()) == 30 - sum(
        not c.startswith("删除点名记录 C5-2 冯") for c in preview["changes"][:30])
    for _ in range(3):  # the attendance import, the deputies import, the meeting
        base("undo", "--yes")
    assert records(base.db) == before
    assert after_roll != before


def test_undo_refuses_a_roll_call_row_changed_by_another_program(base, tmp_path):
    """A record with a two-column key (meeting, deputy) is found through its key: the change is seen."""
    _big_import(base, tmp_path, 20)
    conn = sqlite3.connect(base.db)
    conn.execute("UPDATE attendance SET status = 'absent' WHERE deputy_id = (SELECT id FROM deputies WHERE name = "
                 "'冯甲五') AND meeting_id = (SELECT id FROM meetings WHERE code = 'C5-2')")
    conn.commit()
    conn.close()
    r = base.fails("undo", "--yes")
    assert "点名记录 C5-2 冯甲五 在此之后被其他程序修改过" in r.stderr


def test_undo_reverts_deleted_and_changed_rows_of_a_composite_key(base, tmp_path):
    _big_import(base, tmp_path, 30)
    before = records(base.db)
    base("deputy", "end", "冯甲二", "--status", "辞职", "--date", "2025-03-01")  # its roll call at C5-2 goes
    assert records(base.db) != before
    base("undo", "--yes")
    assert records(base.db) == before


def test_undo_preview_counts_records_written_once_and_several_times_alike(base, tmp_path):
    """An import writes its roll-call rows once each and its meeting several times: the preview's count past its
    30 lines is the same in the table as in JSON (which describes every line), whichever way each table is read."""
    _big_import(base, tmp_path, 60)
    conn = sqlite3.connect(base.db)
    twice = conn.execute("SELECT count(*) - count(DISTINCT table_name || '/' || row_id) FROM change_log "
                         "WHERE command_id = (SELECT max(id) FROM commands)").fetchone()[0]
    conn.close()
    assert twice > 0  # (both kinds of table in one command)
    preview = base.json("undo", "--dry-run")
    assert len(preview["changes"]) == preview["change_count"] > 30
    table = base("undo", "--dry-run").stdout
    assert f"将恢复{preview['records']}条记录" in table
    assert f"……还有 {preview['change_count'] - 30} 条" in table
    shown = [line[2:] for line in table.splitlines() if line.startswith("  ") and "……" not in line]
    assert shown == preview["changes"][:30]


def test_a_confirmed_undo_refused_for_a_conflict_writes_nothing(base):
    """`undo --yes` leaves the check to the write transaction: the refusal still names the record, and nothing is
    written."""
    base("deputy", "edit", "李明", "--workplace", "甲村")
    base("deputy", "edit", "李明", "--phone", "13912345678")
    conn = sqlite3.connect(base.db)
    conn.execute("UPDATE deputies SET workplace = '乙村' WHERE name = '李明'")
    conn.commit()
    conn.close()
    r = base.fails("undo", "--yes")  # (exit 1, the file exactly as it was)
    assert "李明 在此之后被其他程序修改过" in r.stderr
