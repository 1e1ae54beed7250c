"""Import and export of deputies: encodings, Chinese headers, all-or-nothing, round trips, xlsx."""

from __future__ import annotations

import os

import openpyxl

from tests.helpers import add_deputy, dump, write_csv

HEADER_ZH = "姓名,性别,出生日期,民族,政治面貌,文化程度,代表构成,代表层级,选区,届次,当选日期,是否连任,身份证号,主席团职务\n"
ROWS_ZH = (
    "陈红梅,女,1980年3月2日,汉族,中共党员,本科,党政领导干部,镇,第一选区,3,2016/11/15,是,110101198003020028,主席\n"
    "郑国强,男,1975.1.5,回族,群众,初中,农民,镇(乡)人大代表,第二选区,3,20161115,否,,成员\n"
    "邓小平安,男,1968-07-01,汉族,预备党员,高中,工人,县,县第一选区,3,2016-11-15,1,,\n"
)


def test_gb18030_with_chinese_headers_and_mixed_dates(cli, tmp_path):
    path = write_csv(tmp_path / "代表.csv", HEADER_ZH + ROWS_ZH, "gb18030")
    result = cli("import", "deputies", path)
    assert result.stdout == "" and result.stderr == ""  # not on a terminal: a success prints nothing
    rows = {r["name"]: r for r in cli.json("deputy", "list", "--show-id")}
    assert rows["陈红梅"]["birth_date"] == "1980-03-02" and rows["陈红梅"]["presidium_role"] == "chair"
    assert rows["郑国强"]["birth_date"] == "1975-01-05" and rows["郑国强"]["ethnicity"] == "回族"
    assert rows["邓小平安"]["level"] == "county" and rows["邓小平安"]["party"] == "cpc_probationary"
    assert rows["陈红梅"]["id_number"] == "110101198003020028"


def test_utf8_bom_and_utf16_are_read(cli, tmp_path):
    write_csv(tmp_path / "a.csv", "\ufeff" + HEADER_ZH + ROWS_ZH.splitlines(True)[0], "utf-8")
    write_csv(tmp_path / "b.txt", (HEADER_ZH + ROWS_ZH.splitlines(True)[1]).replace(",", "\t"), "utf-16")
    cli("import", "deputies", tmp_path / "a.csv")
    cli("import", "deputies", tmp_path / "b.txt")
    assert len(cli.json("deputy", "list")) == 2


def test_one_bad_row_writes_nothing_and_all_errors_are_named(cli, tmp_path):
    bad = ROWS_ZH.replace("1975.1.5", "1975-02-30").replace("县,县第一选区", "省,县第一选区")
    path = write_csv(tmp_path / "bad.csv", HEADER_ZH + bad)
    result = cli.fails("import", "deputies", path)
    err = result.stderr
    assert "bad.csv" in err and "2 处错误" in err
    assert "第3行" in err and "1975-02-30" in err and "出生日期" in err
    assert "第4行" in err and "“省”" in err and "代表层级" in err


def test_dry_run_validates_without_writing(cli, tmp_path, db):
    path = write_csv(tmp_path / "ok.csv", HEADER_ZH + ROWS_ZH)
    before = dump(db)
    assert "检查通过" in cli("import", "deputies", path, "--dry-run", "-v").stderr
    assert dump(db) == before


def test_missing_required_and_unknown_columns(cli, tmp_path):
    r = cli.fails("import", "deputies", write_csv(tmp_path / "m.csv", "姓名,届次\n王五,3\n"))
    assert "性别" in r.stderr and "代表层级" not in r.stderr  # the level defaults to township (issue 15)
    r = cli.fails("import", "deputies", write_csv(tmp_path / "u.csv", "name,gender,level,term,爱好\n王五,男,镇,3,钓鱼\n"))
    assert "爱好" in r.stderr and "--ignore-extra" in r.stderr
    cli("import", "deputies", tmp_path / "u.csv", "--ignore-extra")


def test_duplicates_in_file_and_against_database(cli, tmp_path):
    row = "王五,男,1970-01-01,镇,3\n"
    r = cli.fails("import", "deputies", write_csv(tmp_path / "d.csv", "name,gender,birth_date,level,term\n" + row + row))
    assert "第3行" in r.stderr and "重复" in r.stderr
    add_deputy(cli, "王五", "--birth-date", "1970-01-01")
    r = cli.fails("import", "deputies", write_csv(tmp_path / "e.csv", "name,gender,birth_date,level,term\n" + row))
    assert "第2行" in r.stderr


def test_undecodable_file_and_bad_paths(cli, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"name,gender,level,term\n\xff\xfe\xfa\x80\x81,\xff,\xfe,3\n")
    assert "编码" in cli.fails("import", "deputies", path).stderr
    cli.fails("import", "deputies", tmp_path / "nope.csv", code=2)
    cli.fails("import", "deputies", tmp_path, code=2)
    cli.fails("import", "no_such_kind", path, code=2)


def _export_import(cli, tmp_path, fmt, *extra):
    out = tmp_path / f"deputies.{fmt}"
    cli("export", "deputies", "--format", fmt, "--output", out, "--show-id", *extra)
    assert os.stat(out).st_mode & 0o777 == 0o600
    return out


def test_round_trip_csv_xlsx_json(cli, tmp_path):
    from tests.helpers import Cli

    cli("import", "deputies", write_csv(tmp_path / "in.csv", HEADER_ZH + ROWS_ZH, "gb18030"))
    cli("deputy", "end", "郑国强", "--status", "辞职", "--date", "2019-05-01")
    original = cli.json("deputy", "list", "--show-id", "--sort", "id")
    for fmt, extra in (("csv", ("--bom", "--headers", "zh")), ("xlsx", ()), ("json", ()), ("jsonl", ()), ("tsv", ())):
        path = _export_import(cli, tmp_path, fmt, *extra)
        other = Cli(tmp_path / f"copy-{fmt}.db")
        other("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05", "--term-end", "2021-12-31")
        other("import", "deputies", path)
        copy = other.json("deputy", "list", "--show-id", "--sort", "id")
        assert copy == original, fmt


def test_export_masks_ids_by_default_and_masked_ids_do_not_import(cli, tmp_path):
    cli("import", "deputies", write_csv(tmp_path / "in.csv", HEADER_ZH + ROWS_ZH))
    text = cli("export", "deputies").stdout
    assert "110101198003020028" not in text and "1101**********0028" in text
    path = write_csv(tmp_path / "masked.csv", text.replace("陈红梅", "陈红"))
    assert "--show-id" in cli.fails("import", "deputies", path).stderr


def test_xlsx_import_with_date_cells(cli, tmp_path):
    import datetime

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "性别", "出生日期", "代表层级", "届次"])
    sheet.append(["王五", "男", datetime.datetime(1970, 1, 2), "镇", 3])
    book.save(tmp_path / "d.xlsx")
    cli("import", "deputies", tmp_path / "d.xlsx")
    assert cli.json("deputy", "show", "王五")["birth_date"] == "1970-01-02"


def test_formula_cells_are_neutralised_on_export(cli, tmp_path):
    add_deputy(cli, "王五", "--workplace", "=HYPERLINK(\"x\")")
    text = cli("export", "deputies").stdout
    assert "'=HYPERLINK" in text
    assert "'=HYPERLINK" in cli("deputy", "list", "--format", "csv").stdout


def test_neutralised_formula_round_trips(cli, tmp_path):
    from tests.helpers import Cli

    add_deputy(cli, "王五", "--workplace", "=SUM(A1)")
    path = tmp_path / "w.csv"
    cli("export", "deputies", "--output", path)
    other = Cli(tmp_path / "o.db")
    other("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
    other("import", "deputies", path)
    assert other.json("deputy", "show", "王五")["workplace"] == "=SUM(A1)"
