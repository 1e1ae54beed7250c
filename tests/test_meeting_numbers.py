"""Issue 23: a meeting's number is a fact the secretary states; the others follow it; codes come from it.

A township adopting rdtool two and a half years into its 18th term (fictional 河南镇): she starts at the fifth
session, then enters the earlier ones she has papers for.
"""

from __future__ import annotations

import json
import sqlite3

from tests.helpers import Cli, add_deputy, write_csv


def _town(tmp_path, name: str = "t") -> Cli:
    cli = Cli(tmp_path / f"{name}.db")
    cli("init", "--town", "河南镇", "--term", "18", "--term-start", "2021-12-28", "--term-end", "2026-12-27")
    return cli


def _codes(cli: Cli, kind: str = "人代会") -> list[tuple[str, str]]:
    return [(m["code"], m["title"]) for m in cli.json("meeting", "list", "--kind", kind)]


def test_stated_numbers_stay_put_and_unstated_ones_follow(tmp_path):
    cli = _town(tmp_path)
    cli("meeting", "add", "--kind", "人代会", "--date", "2024-06-20", "--number", "5")
    # the term's first session, on the term's start date, entered afterwards without a number: the first
    assert "C18-1" in cli("meeting", "add", "--kind", "人代会", "--date", "2021-12-28").stdout
    cli("meeting", "add", "--kind", "人代会", "--date", "2024-01-10", "--number", "4")
    out = cli("meeting", "add", "--kind", "人代会", "--date", "2024-12-30").stdout
    assert "C18-6" in out and "第六次会议" in out  # the next after the fifth
    assert [c for c, _ in _codes(cli)] == ["C18-1", "C18-4", "C18-5", "C18-6"]
    assert _codes(cli)[1][1] == "河南镇第十八届人民代表大会第四次会议"
    # a correction of a number holds against the next add
    cli("meeting", "edit", "C18-6", "--number", "9")
    cli("meeting", "add", "--kind", "人代会", "--date", "2025-06-20")
    assert [c for c, _ in _codes(cli)] == ["C18-1", "C18-4", "C18-5", "C18-9", "C18-10"]
    # a session entered between two derived ones moves only derived numbers
    cli("meeting", "edit", "C18-9", "--date", "2025-01-03")
    cli("meeting", "add", "--kind", "人代会", "--date", "2025-03-01")
    assert [c for c, _ in _codes(cli)] == ["C18-1", "C18-4", "C18-5", "C18-9", "C18-10", "C18-11"]


def test_gaps_are_shown_as_notes_and_contradictions_refused(tmp_path):
    cli = _town(tmp_path)
    cli("meeting", "add", "--kind", "人代会", "--date", "2021-12-28")
    cli("meeting", "add", "--kind", "人代会", "--date", "2024-06-20", "--number", "5")
    out = cli("meeting", "list").stdout
    assert "第2至4次没有记录" in out and "C18-5 写明为第5次" in out
    found = json.loads(cli("db", "check", "--format", "json").stdout)
    gaps = [f for f in found if f["check"] == "meeting_number_gap"]
    assert len(gaps) == 1 and gaps[0]["severity"] == "note" and gaps[0]["record"] == "C18-5"
    cli("db", "check", "--strict", expect=1 if any(f["severity"] != "note" for f in found) else 0)
    # a stated number lower than one dated before it is refused, naming both; nothing written
    r = cli.fails("meeting", "add", "--kind", "人代会", "--date", "2024-08-01", "--number", "3")
    assert "第3次" in r.stderr and "C18-5" in r.stderr and "2024-06-20" in r.stderr
    # a derived number moves with its date; a stated one moved before a higher one is refused
    assert "C18-6" in cli("meeting", "edit", "C18-1", "--date", "2024-07-01").stdout
    cli("meeting", "edit", "C18-6", "--date", "2021-12-28")
    cli("meeting", "add", "--kind", "人代会", "--date", "2024-12-01", "--number", "7")
    r = cli.fails("meeting", "edit", "C18-7", "--date", "2024-03-01")
    assert "C18-5" in r.stderr
    # entered between two consecutive numbers without its own: added, its number left open and said so
    cli("meeting", "add", "--kind", "人代会", "--date", "2024-09-01")  # the sixth
    r = cli("meeting", "add", "--kind", "人代会", "--date", "2024-10-01")
    assert "C18-2024-10-01" in r.stdout and "不能确定是第几次" in r.stderr and "--number" in r.stderr
    assert cli.json("meeting", "show", "C18-2024-10-01")["seq"] is None
    found = json.loads(cli("db", "check", "--format", "json").stdout)
    assert [f["record"] for f in found if f["check"] == "meeting_number_unknown"] == ["C18-2024-10-01"]
    # its neighbours stated around it, it stays open until she states its own number
    cli("meeting", "edit", "C18-6", "--number", "6")
    cli("meeting", "edit", "C18-7", "--date", "2024-12-02")
    assert [c for c, _ in _codes(cli)][-3:] == ["C18-6", "C18-2024-10-01", "C18-7"]


def test_voiding_a_meeting_leaves_stated_numbers_alone(tmp_path):
    cli = _town(tmp_path)
    cli("meeting", "add", "--kind", "主席团", "--date", "2024-06-01", "--number", "30")
    cli("meeting", "add", "--kind", "主席团", "--date", "2024-07-01")
    cli("meeting", "add", "--kind", "主席团", "--date", "2024-08-01", "--number", "40")
    cli("meeting", "add", "--kind", "主席团", "--date", "2024-09-01")
    cli("db", "void", "会议", "P18-30", "--reason", "重复录入")
    codes = [m["code"] for m in cli.json("meeting", "list")]
    assert codes == ["P18-01", "P18-40", "P18-41"]  # the derived one follows; the stated 40 stays
    cli("undo", "--yes")
    assert [m["code"] for m in cli.json("meeting", "list")] == ["P18-30", "P18-31", "P18-40", "P18-41"]


def test_codes_of_proposals_come_from_the_sessions_number(tmp_path):
    cli = _town(tmp_path)
    add_deputy(cli, "高志远", "--elected-on", "2021-11-20", term=18)
    cli("meeting", "add", "--kind", "人代会", "--date", "2024-06-20", "--number", "5")
    out = cli("proposal", "submit", "关于修缮便民桥的建议", "--lead", "高志远", "--meeting", "C18-5",
              "--date", "2024-06-20").stdout
    assert "十八届五次-001" in out
    # the printed name names the session too
    out = cli("proposal", "submit", "关于村道硬化的建议", "--lead", "高志远", "--meeting", "十八届五次",
              "--date", "2024-06-20").stdout
    assert "十八届五次-002" in out
    assert cli.json("meeting", "show", "第十八届人民代表大会第五次会议")["code"] == "C18-5"
    # the number corrected: the codes rdtool gave follow, and say so
    out = cli("meeting", "edit", "C18-5", "--number", "6").stdout
    assert "十八届五次-001 → 十八届六次-001" in out
    assert sorted(p["code"] for p in cli.json("proposal", "list")) == ["十八届六次-001", "十八届六次-002"]
    cli("undo", "--yes")
    assert sorted(p["code"] for p in cli.json("proposal", "list")) == ["十八届五次-001", "十八届五次-002"]
    r = cli.fails("proposal", "submit", "关于路灯的建议", "--lead", "高志远", "--meeting", "十八届九次",
                  "--date", "2024-06-20")
    assert "十八届九次" in r.stderr


def test_the_import_takes_stated_numbers_and_printed_names(tmp_path):
    cli = _town(tmp_path)
    add_deputy(cli, "高志远", "--elected-on", "2021-11-20", term=18)
    f = write_csv(tmp_path / "m.csv", "会议类别,日期,次序\n人代会,2024-12-30,\n人代会,2024-06-20,5\n"
                                     "人代会,2021-12-28,\n")
    cli("import", "meetings", f)
    assert [c for c, _ in _codes(cli)] == ["C18-1", "C18-5", "C18-6"]
    exported = tmp_path / "out.csv"
    cli("export", "meetings", "-o", exported)
    text = exported.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].endswith("ordinal") and ",5" in text  # the stated number goes out with it
    # the meeting column of other files takes the printed name
    items = write_csv(tmp_path / "i.csv", "会议,议题,类别\n十八届五次,镇人民政府工作报告,工作报告审议\n")
    cli("import", "items", items)
    assert [v["ref"] for v in cli.json("vote", "list")] == ["C18-5#1"]


def test_an_old_database_keeps_every_number(tmp_path, monkeypatch):
    """Numbers kept by the old scheme (one first number per group, the rest consecutive) migrate unchanged; the
    first is stated, so that entering an earlier meeting afterwards moves none of them."""
    from rdtool.store import migrations as schema

    path = tmp_path / "old.db"
    names = [n for n, _ in schema.MIGRATIONS]
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:names.index("m2351_meeting_stated_numbers")])
        Cli(path)("init", "--town", "河南镇", "--term", "18", "--term-start", "2021-12-28")
    import gc

    gc.collect()
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO meetings (code, kind, term, seq, date, title) VALUES (?, ?, 18, ?, ?, ?)",
                         [("P18-19", "presidium", 19, "2024-06-01", "河南镇第十八届人大主席团第十九次会议"),
                          ("P18-20", "presidium", 20, "2024-07-01", "河南镇第十八届人大主席团第二十次会议"),
                          ("C18-1", "congress", 1, "2024-01-10", "河南镇第十八届人民代表大会第一次会议")])
        conn.execute("INSERT INTO meeting_numbering (term, kind, first) VALUES (18, 'presidium', 19)")
    conn.close()
    cli = Cli(path)
    before = [(m["code"], m["seq"], m["title"]) for m in cli.json("meeting", "list")]
    assert before == [("C18-1", 1, "河南镇第十八届人民代表大会第一次会议"),
                      ("P18-19", 19, "河南镇第十八届人大主席团第十九次会议"),
                      ("P18-20", 20, "河南镇第十八届人大主席团第二十次会议")]
    cli("meeting", "add", "--kind", "主席团", "--date", "2024-03-01")
    assert [m["code"] for m in cli.json("meeting", "list", "--kind", "主席团")] == ["P18-01", "P18-19", "P18-20"]


def _numbered(cli: Cli) -> list[tuple]:
    return sorted((m["kind"], m["date"], m["seq"], m["code"], m["title"]) for m in cli.json("meeting", "list"))


def test_an_import_numbers_alike_in_any_row_order_and_logs_each_meeting_once(tmp_path):
    """One file of meetings — some numbers stated, the rest to follow, a back-dated one moving a stored meeting's
    number — imported in its order, shuffled, and reversed, into the same database: the same numbers, codes and
    titles as adding them one by one; each new meeting logged once (its insert), the same log in every order."""
    import random

    lines = ["会议类别,日期,次序"] + [
        f"{'人代会' if i % 4 == 0 else '主席团'},2023-{1 + i // 3:02d}-{5 + 9 * (i % 3):02d},{6 if i == 8 else ''}"
        for i in range(18)] + ["人代会,2022-02-01,"]  # (before the stored one: it moves from 1 to 2)
    shuffled = lines[1:]
    random.Random(28).shuffle(shuffled)
    results = []
    for name, rows in (("ordered", lines[1:]), ("shuffled", shuffled), ("reversed", lines[:0:-1])):
        cli = _town(tmp_path, name)
        cli("meeting", "add", "--kind", "人代会", "--date", "2022-03-01")
        stored = cli.json("meeting", "list")[0]["code"]
        cli("import", "meetings", write_csv(tmp_path / f"{name}.csv", "\n".join([lines[0], *rows]) + "\n"))
        results.append(_numbered(cli))
        conn = sqlite3.connect(cli.db)
        logged = conn.execute("SELECT action, count(*) FROM change_log WHERE table_name = 'meetings' AND command_id = "
                              "(SELECT max(id) FROM commands) GROUP BY action").fetchall()
        conn.close()
        # each new meeting inserted with its final number; updates only where a code passes from the stored meeting
        # (renumbered 1 → 2, then its code) to the back-dated one (inserted as C18-1~ while C18-1 was held)
        assert dict(logged) == {"insert": 19, "update": 3}, name
        assert stored == "C18-1" and "C18-2" in [m["code"] for m in cli.json("meeting", "list")]
    assert results[0] == results[1] == results[2]
    one_by_one = _town(tmp_path, "one_by_one")
    one_by_one("meeting", "add", "--kind", "人代会", "--date", "2022-03-01")
    for row in lines[1:]:
        kind, day, number = row.split(",")
        one_by_one("meeting", "add", "--kind", kind, "--date", day, *(["--number", number] if number else []))
    assert _numbered(one_by_one) == results[0]
