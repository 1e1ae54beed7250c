"""Issue 23, first half: one person, two mandates; figures fixed by date.

The scenario of the issue, through the CLI: a fictional 河南 township (河南镇), 第十八届 from 2021-12-28, adopted
mid-term; 高志远 is the 人大主席, a township deputy and a county deputy of the term.
"""

from __future__ import annotations

import sqlite3

import pytest

from tests.helpers import Cli, dump, write_csv

TERM_START = "2021-12-28"
TOWNSHIP = ["王一", "王二", "王三", "王四", "王五"]


def rows(db, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def henan(tmp_path) -> Cli:
    """河南镇: 高志远 (township, chair) and five township deputies elected 2021-12-10; 李县 a county deputy."""
    cli = Cli(tmp_path / "henan.db")
    cli("init", "--town", "河南镇", "--county", "示例县", "--term", "18", "--term-start", TERM_START,
        "--province", "河南")
    cli("deputy", "add", "高志远", "--gender", "男", "--level", "镇", "--term", "18", "--birth-date", "1972.05",
        "--party", "党员", "--elected-on", "2021-12-10", "--presidium-role", "主席")
    for name in TOWNSHIP:
        cli("deputy", "add", name, "--gender", "女", "--level", "镇", "--term", "18", "--birth-date", "1980.01",
            "--elected-on", "2021-12-10")
    cli("deputy", "add", "李县", "--gender", "男", "--level", "县", "--term", "18", "--birth-date", "1975.01",
        "--elected-on", "2021-11-20")
    return cli


def county_mandate(cli: Cli) -> int:
    """高志远 as a county deputy too: the second `deputy add` joins the person; returns the county mandate's id."""
    r = cli("deputy", "add", "高志远", "--gender", "男", "--level", "县", "--term", "18", "--birth-date", "1972.05",
            "--elected-on", "2021-11-20", "--phone", "13812345678")
    assert "同一人又是县人大代表" in r.stdout and "ID 1" in r.stdout
    return int(r.stdout.split("（ID ")[1].split("）")[0])


# ---- one person, two mandates ------------------------------------------------------------------------------

def test_the_same_person_at_another_level_is_a_second_mandate_not_a_duplicate(henan):
    county = county_mandate(henan)
    (township_person, county_person), = [tuple(r) for r in [[p for (p,) in rows(
        henan.db, "SELECT person_id FROM deputies WHERE name = '高志远' ORDER BY level DESC")]]]
    assert township_person == county_person == 1
    # the person's own fields are one: the phone given with the county row is the township row's too
    assert rows(henan.db, "SELECT DISTINCT phone, birth_date, party FROM deputies WHERE name = '高志远'") == [
        ("13812345678", "1972-05", "cpc")]
    listed = henan.json("deputy", "list", "--name", "高志远")
    assert sorted((d["id"], d["level"]) for d in listed) == [(1, "township"), (county, "county")]
    # the same level again is a duplicate, refused, the database untouched
    r = henan.fails("deputy", "add", "高志远", "--gender", "男", "--level", "县", "--term", "18",
                    "--birth-date", "1972.05")
    assert "已有代表“高志远”" in r.stderr and f"ID {county}" in r.stderr
    # a personal field that disagrees is not silently taken: the person is one
    r = henan.fails("deputy", "add", "王一", "--gender", "男", "--level", "县", "--term", "18",
                    "--birth-date", "1980.01")
    assert "性别“男”" in r.stderr and "deputy edit 王一#2" in r.stderr


def test_a_roster_with_both_rows_imports_as_one_person_with_two_mandates(tmp_path):
    cli = Cli(tmp_path / "r.db")
    cli("init", "--town", "河南镇", "--term", "18", "--term-start", TERM_START)
    roster = write_csv(tmp_path / "名册.csv", "姓名,性别,出生年月,层级,届次,政治面貌\n"
                                              "高志远,男,1972.05,镇,18,中共党员\n"
                                              "高志远,男,1972.05,县,18,中共党员\n"
                                              "王一,女,1980.01,镇,18,群众\n")
    cli("import", "deputies", roster)
    assert rows(cli.db, "SELECT id, person_id, level FROM deputies ORDER BY id") == [
        (1, 1, "township"), (2, 1, "county"), (3, 3, "township")]
    # the same person twice at one level is still a duplicate row of the file
    twice = write_csv(tmp_path / "重复.csv", "姓名,性别,出生年月,层级,届次\n李四,男,1970.01,镇,18\n"
                                             "李四,男,1970.01,镇,18\n")
    r = cli.fails("import", "deputies", twice)
    assert "与第2行重复" in r.stderr


def test_a_roster_imported_a_batch_at_a_time_keeps_every_row_in_its_place(henan, tmp_path):
    """An import writes plainly new people a batch at a time (services.deputies.deputies.Batch) and every other row
    through the one-by-one check: the records are those of the rows in file order — ids, persons, roles — and one
    undo takes them all back."""
    def records():
        return rows(henan.db, "SELECT * FROM deputies ORDER BY id"), rows(henan.db, "SELECT * FROM presidium_members")

    before = records()
    roster = write_csv(tmp_path / "名册.csv", "name,gender,birth_date,level,term,presidium_role,id_number\n"
                                              "新一,女,1985-01,镇,18,,\n"
                                              "高志远,男,1972-05,县,18,,\n"            # the person on record (ID 1)
                                              "新二,男,1986-02,镇,18,,\n"
                                              "新二,男,1986-02,县,18,,\n"              # the row before: one person
                                              "王一,女,1990-03,镇,18,,\n"              # another 王一 (born 1990)
                                              "新三,女,1987-03,镇,18,副主席,\n"
                                              "新四,男,1980-03-02,县,18,,11010119800302001X\n"
                                              "新四,男,1980-03-02,镇,18,,11010119800302001X\n")  # the same ID: joined
    r = henan("import", "deputies", roster)
    assert "第3行" in r.stdout + r.stderr and "第5行" in r.stdout + r.stderr  # (the header is row 1)
    assert rows(henan.db, "SELECT id, person_id, name, level FROM deputies WHERE id > 7 ORDER BY id") == [
        (8, 8, "新一", "township"), (9, 1, "高志远", "county"), (10, 10, "新二", "township"),
        (11, 10, "新二", "county"), (12, 12, "王一", "township"), (13, 13, "新三", "township"),
        (14, 14, "新四", "county"), (15, 14, "新四", "township")]
    assert rows(henan.db, "SELECT deputy_id, role FROM presidium_members WHERE deputy_id > 7") == [(13, "vice_chair")]
    henan("undo", "--yes")
    assert records() == before


def test_names_and_ids_resolve_to_the_mandate_of_the_context(henan):
    county = county_mandate(henan)
    # a county activity counts the county mandate; a township one the township mandate; none given: inferred
    henan("activity", "add", "县代表视察", "--kind", "视察", "--date", "2024-05-10", "--level", "县",
          "-p", "高志远、李县")
    henan("activity", "add", "镇代表活动", "--kind", "视察", "--date", "2024-06-10", "-p", "高志远、王一")
    henan("activity", "add", "县代表调研", "--kind", "调研", "--date", "2024-07-10", "-p", "高志远#1、李县")
    took_part = rows(henan.db, "SELECT a.code, x.deputy_id FROM activity_participants x "
                               "JOIN activities a ON a.id = x.activity_id JOIN deputies d ON d.id = x.deputy_id "
                               "WHERE d.name = '高志远' ORDER BY a.code")
    assert took_part == [("A18-001", county), ("A18-002", 1), ("A18-003", county)]
    assert [a["level"] for a in henan.json("activity", "list")] == ["county", "township", "county"]
    # deputy flags: he missed no county activity, and has activities (as either mandate)
    flags = henan.json("deputy", "flags", "--year", "2024", "--as-of", "2024-12-31")
    assert not [f for f in flags if f["name"] == "高志远"]
    # a roll call at a township congress names the township mandate, whichever id is written
    henan("meeting", "add", "--kind", "人代会", "--date", "2024-03-01", "--number", "5")
    henan("meeting", "roll", "C18-5", "--absent", f"高志远#{county}", "--leave", "王一")
    assert rows(henan.db, "SELECT deputy_id FROM attendance WHERE status = 'absent'") == [(1,)]
    # a township motion's signers are township mandates: NAME#ID, an ID, #ID all work as the help says
    henan("proposal", "submit", "议案一", "--kind", "议案", "--lead", f"高志远#{county}",
          "--cosigners", "王一、王二、王三、王四", "--meeting", "C18-5", "--date", "2024-03-01")
    henan("proposal", "submit", "建议一", "--lead", "1", "--date", "2024-04-01")
    henan("proposal", "submit", "建议二", "--lead", f"#{county}", "--date", "2024-04-02")
    henan("proposal", "submit", "建议三", "--lead", "高志远", "--date", "2024-04-03")
    assert {lead for (lead,) in rows(henan.db, "SELECT lead_id FROM proposals")} == {1}
    # the composition of each level counts the mandate of that level, his age known in both
    for level, total, middle_aged in (("镇", 6, 1), ("县", 2, 2)):  # 高志远 52, 王* 44, 李县 49
        comp = henan.json("deputy", "composition", "--level", level, "--as-of", "2024-12-31")
        assert comp["total"] == total
        ages = {b["label"]: b["count"] for b in comp["dimensions"]["age_band"]}
        assert "未填" not in ages and ages["46–55岁"] == middle_aged


def test_an_ambiguous_name_in_a_file_is_explained_in_her_words(henan, tmp_path):
    henan("deputy", "add", "王一", "--gender", "女", "--level", "镇", "--term", "18", "--birth-date", "1990.03")
    path = write_csv(tmp_path / "活动.csv", "类别,标题,日期,参加人员\n视察,一次,2024-05-01,王一\n")
    r = henan.fails("import", "activities", path)
    assert "请写成 王一#ID" in r.stderr and "deputy_id" not in r.stderr
    write_csv(path, "类别,标题,日期,参加人员\n视察,一次,2024-05-01,王一#2\n")
    henan("import", "activities", path)


def test_editing_the_person_corrects_every_mandate_and_a_level_held_twice_is_refused(henan):
    county = county_mandate(henan)
    henan("deputy", "edit", f"高志远#{county}", "--workplace", "河南镇党委")
    assert rows(henan.db, "SELECT DISTINCT workplace FROM deputies WHERE person_id = 1") == [("河南镇党委",)]
    r = henan.fails("deputy", "edit", f"高志远#{county}", "--level", "镇")
    assert "已有这一层级的代表资格" in r.stderr


def test_an_old_database_migrates_without_loss(tmp_path, monkeypatch):
    """A database without m2301 (as the previous release left it) keeps every row and field; each row becomes a
    person of its own, and the same person added at another level afterwards joins the person."""
    from rdtool.store import migrations as schema

    path = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", [mg for mg in schema.MIGRATIONS if not mg[0].startswith("m2301")])
        old = Cli(path)
        old("init", "--town", "河南镇", "--term", "18", "--term-start", TERM_START)
    # rows as the previous release wrote them (its deputy add; this version's writes person_id)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO deputies (name, gender, birth_date, level, term, status) VALUES (?, ?, ?, ?, ?, ?)",
                         [("高志远", "male", "1972-05", "township", 18, "active"),
                          ("高志远", "male", None, "county", 18, "active"),  # the old workaround: no birth date
                          ("王一", "female", None, "township", 18, "active")])
    conn.close()
    before = rows(path, "SELECT * FROM deputies ORDER BY id")
    assert "person_id" not in [c for (_, c, *_) in rows(path, "PRAGMA table_info(deputies)")]
    cli = Cli(path)
    cli("deputy", "list")  # opening migrates
    after = rows(path, "SELECT * FROM deputies ORDER BY id")
    assert [r[:-1] for r in after] == before and [r[-1] for r in after] == [r[0] for r in before]
    assert rows(path, "SELECT name FROM _sqlite_migrations WHERE name LIKE 'm2301%'")
    cli("db", "check")
    cli("deputy", "add", "王一", "--gender", "女", "--level", "县", "--term", "18")
    assert rows(path, "SELECT id, person_id FROM deputies WHERE name = '王一'") == [(3, 3), (4, 3)]


# ---- figures fixed by date ---------------------------------------------------------------------------------

def test_a_later_by_election_never_changes_a_past_figure(henan):
    args = ("report", "annual", "--year", "2024", "--as-of", "2025-01-10")
    before = henan.json(*args)
    assert before["deputies"]["township"] == 6 and before["deputies"]["township_by_elected"] == 0
    # 王五 resigns in 2025; 赵补 is by-elected on 2025-05-20 to the vacant seat
    henan("deputy", "end", "王五", "--status", "辞职", "--date", "2025-03-01")
    henan("deputy", "add", "赵补", "--gender", "男", "--level", "镇", "--term", "18", "--birth-date", "1985.06",
          "--elected-on", "2025-05-20")
    after = henan.json(*args)
    assert after["deputies"] == before["deputies"]
    assert henan(*args).stdout == henan(*args).stdout
    # the 2025 figure counts the people who served, and says so: 7 for 6 seats, one by-elected, 6 in office
    y2025 = henan.json("report", "annual", "--year", "2025", "--as-of", "2026-01-10")["deputies"]
    assert (y2025["township"], y2025["township_by_elected"], y2025["active_township"]) == (7, 1, 6)
    text = henan("report", "annual", "--year", "2025", "--as-of", "2026-01-10").stdout
    assert "先后共有镇人大代表7名（其中补选1名），2025年12月31日在任6名（离任1名）" in text
    # before the by-election's day, the person is not yet counted (a mid-2025 report)
    mid = henan.json("report", "range", "--from", "2025-01-01", "--to", "2025-04-30",
                     "--as-of", "2026-01-10")["deputies"]
    assert (mid["township"], mid["township_by_elected"], mid["active_township"]) == (6, 0, 5)


def test_a_person_with_two_mandates_counts_once_at_each_level(henan):
    county_mandate(henan)
    fig = henan.json("report", "annual", "--year", "2024", "--as-of", "2025-01-10")["deputies"]
    assert (fig["township"], fig["county"], fig["active_township"], fig["active_county"]) == (6, 2, 6, 2)
    before = dump(henan.db)
    henan.fails("deputy", "add", "高志远", "--gender", "男", "--level", "镇", "--term", "18",
                "--birth-date", "1972.05")
    assert dump(henan.db) == before
