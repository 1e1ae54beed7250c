"""Issue 15: the rosters a township already keeps, imported as they are.

Title rows, 序号, aliases, merged 选区 cells, month-only birth dates, padded and look-alike names and a
制表人 row, as .xlsx, .xls (a committed fixture LibreOffice wrote from the generated .xlsx) and a .docx
table; every error of a file in one run and an --errors file that imports once corrected; numbers Excel
broke; --term/--level for the columns a roster does not have.
"""

from __future__ import annotations

import csv
import datetime
import sqlite3

import openpyxl
import pytest

from tests.helpers import ROOT, Cli, add_deputy, write_csv
from tests.roster_files import STORED, write_docx, write_xlsx

FIXTURE_XLS = ROOT / "tests" / "fixtures" / "roster.xls"


@pytest.fixture
def town(tmp_path) -> Cli:
    """青石镇, fifth term (current), as a secretary starts: nothing but the term."""
    cli = Cli(tmp_path / "q.db")
    cli("init", "--town", "青石镇", "--county", "示例县", "--term", "5", "--term-start", "2021-12-01")
    return cli


def _stored(cli: Cli) -> list[tuple]:
    rows = cli.json("deputy", "list", "--sort", "id", "--show-phone")
    assert all(r["term"] == 5 and r["level"] == "township" for r in rows)
    return [(r["name"], r["gender"], r["birth_date"], r["party"], r["education"], r["constituency"], r["phone"])
            for r in rows]


def test_messy_xlsx_roster_imports_with_the_right_values(town, tmp_path):
    path = write_xlsx(tmp_path / "代表名册.xlsx")
    out = town("import", "deputies", path, "--dry-run", "-v").stderr
    assert "列名在第4行" in out and "第11行" in out and "检查通过" in out and "共 5 行" in out
    town("import", "deputies", path)
    assert _stored(town) == STORED
    assert town.json("deputy", "show", "金志强")["ethnicity"] == "回族"   # typed with U+F90A 金


def test_xls_roster_fixture(town):
    town("import", "deputies", FIXTURE_XLS)
    assert _stored(town) == STORED


def test_docx_roster_table_and_table_option(town, tmp_path):
    town("import", "deputies", write_docx(tmp_path / "名册.docx"))
    assert _stored(town) == STORED
    other = tmp_path / "两个表格.docx"
    write_docx(other, extra_table_first=True)
    r = town.fails("import", "deputies", other, "--dry-run")  # the first table is not the roster
    assert "第1行" in r.stderr or "缺少" in r.stderr
    assert "检查通过" not in r.stderr
    town.fails("import", "deputies", other, "--table", "3", code=2)
    town.fails("import", "deputies", other, "--table", "2")  # everyone is already there: duplicates


def test_term_and_level_options_fill_missing_columns_and_the_file_wins(town, tmp_path):
    town("term", "add", "6", "--start", "2026-12-01")
    path = write_csv(tmp_path / "a.csv", "姓名,性别\n周敏,女\n")
    town("import", "deputies", path, "--term", "5", "--level", "县")
    row = town.json("deputy", "list", "--term", "5", "--level", "县")[0]
    assert (row["name"], row["level"], row["term"]) == ("周敏", "county", 5)
    path = write_csv(tmp_path / "b.csv", "姓名,性别,届次,代表层级\n孙倩,女,5,镇\n")
    town("import", "deputies", path, "--term", "6", "--level", "县")
    row = town.json("deputy", "show", "孙倩")
    assert (row["term"], row["level"]) == (5, "township")
    assert "--level" in town.fails("import", "deputies", path, "--level", "省", code=2).stderr


def test_month_only_birth_dates_and_ages_at_month_precision(town, tmp_path):
    lines = "姓名,性别,出生年月,届次\n甲,男,1979.08,5\n乙,女,1979年8月,5\n丙,男,197908,5\n丁,女,1979-8,5\n"
    town("import", "deputies", write_csv(tmp_path / "m.csv", lines))
    births = {r["name"]: r["birth_date"] for r in town.json("deputy", "list")}
    assert set(births.values()) == {"1979-08"}
    # 2021-07-31: 41; from the first day of August 1979's 42nd birthday month on: 42
    town("term", "add", "4", "--start", "2016-12-01", "--end", "2021-07-31")
    town("import", "deputies", write_csv(tmp_path / "n.csv", "姓名,性别,出生年月,届次\n戊,男,1979.08,4\n"))
    assert town.json("deputy", "show", "戊")["age"] == 41
    r = town.fails("import", "deputies", write_csv(tmp_path / "x.csv", "姓名,性别,出生年月\n己,男,1979.1\n"))
    assert "1月还是10月" in r.stderr


def test_ten_faults_in_one_run_and_the_errors_file_imports_once_corrected(town, tmp_path):
    add_deputy(town, "钱多多", "--birth-date", "1970-01-01", term=5)
    head = "序号,姓名,性别,出生年月,政治面貌,文化程度,联系电话,身份证号码,状态,届次\n"
    rows = [
        "1,赵一,男性,1970.01,群众,初中,,,,5",                         # 1 gender
        "2,钱二,男,1970.13,群众,初中,,,,5",                           # 2 month 13
        "3,孙三,男,1970.02,团员,初中,,,,5",                           # 3 party
        "4,李四,男,1970.03,群众,扫盲,,,,5",                           # 4 education
        "5,周五,男,1970.04,群众,初中,5718888888,,,5",                 # 5 phone lost its 0
        "6,吴六,男,1970.05,群众,初中,138****5678,,,5",                # 6 masked phone
        "7,郑七,男,1970.06,群众,初中,,3.32527E+17,,5",                # 7 ID in a number cell
        "8,王八,男,1970.07,群众,初中,,,辞职,5",                       # 8 resigned without a date
        "9,冯九,男,1970.08,群众,初中,,,,5",
        "10,冯九,男,1970.08,群众,初中,,,,5",                          # 9 duplicate within the file
        "11,钱多多,男,1970-01-01,群众,初中,,,,5",                     # 10 duplicate of the database
        "12,陈十一,男,1970.09,群众,初中,,,,9",                        # 11 no such term
        "13,褚十二,男,1970.10,群众,初中,13800001234,,,5",             # fine
    ]
    path = write_csv(tmp_path / "十处错误.csv", head + "\n".join(rows) + "\n", "gb18030")
    errors_file = tmp_path / "错误.csv"
    r = town.fails("import", "deputies", path, "--dry-run", "--errors", errors_file)
    assert "11 处错误（11 行）" in r.stderr
    for row in range(2, 14):
        assert f"第{row}行" in r.stderr, row
    assert "第14行" not in r.stderr
    assert "Excel/WPS 当作数字保存" in r.stderr and "脱敏" in r.stderr and "第9届尚未建立" in r.stderr
    assert "与第10行重复" in r.stderr and "第5届已有代表“钱多多”" in r.stderr
    with open(errors_file, encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0] == head.strip().split(",") + ["错误"]
    assert len(table) == 1 + len(rows)
    assert sum(1 for t in table[1:] if t[-1]) == 11 and not table[-1][-1]
    fixes = {"男性": "男", "1970.13": "1970.12", "团员": "群众", "扫盲": "小学", "5718888888": "05718888888",
             "138****5678": "", "3.32527E+17": "", ",辞职,": ",,"}
    fixed = []
    for t in table[1:]:
        if t[1] == "冯九" and t[0] == "10" or t[1] == "钱多多":
            continue
        line = ",".join(t)
        for old, new in fixes.items():
            line = line.replace(old, new)
        fixed.append(line.split(",")[:-1] + [line.split(",")[-1]])
        if fixed[-1][9] == "9":
            fixed[-1][9] = "5"
    corrected = tmp_path / "改正.csv"
    with open(corrected, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([table[0]] + fixed)
    out = town("import", "deputies", corrected, "-v").stderr
    assert "已导入 11 条" in out
    assert len(town.json("deputy", "list")) == 12


def test_errors_file_as_xlsx_keeps_ids_as_text(town, tmp_path):
    path = write_csv(tmp_path / "a.csv", "姓名,性别,身份证号码\n甲,男,110101198003020028\n乙,男,2\n")
    out = tmp_path / "错误.xlsx"
    town.fails("import", "deputies", path, "--errors", out)
    sheet = openpyxl.load_workbook(out).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == ["姓名", "性别", "身份证号码", "错误"]
    assert rows[1][2] == "110101198003020028" and sheet["C2"].number_format == "@"   # gender 男 vs the ID's 女
    assert "18位" in rows[2][3]
    town.fails("import", "deputies", path, "--errors", path, code=2)       # never the file being imported
    town.fails("import", "deputies", path, "--errors", town.db, code=2)    # nor the database
    town.fails("import", "deputies", path, "--errors", tmp_path / "x.txt", code=2)


def test_errors_file_as_xlsx_stores_text_that_looks_like_a_formula_as_text(town, tmp_path):
    """Any row, not only those with errors, and the header too: `=1+2` is text her office program shows as typed,
    never a formula it computes (and saves as 3)."""
    import zipfile

    path = write_csv(tmp_path / "a.csv", '姓名,性别,单位及职务,=A1\n甲,男,=1+2,x\n乙,男性,"=HYPERLINK(""http://x"",""y"")",y\n')
    out = tmp_path / "错误.xlsx"
    town.fails("import", "deputies", path, "--errors", out, "--ignore-extra")
    with zipfile.ZipFile(out) as book:
        sheet_xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    sheet = openpyxl.load_workbook(out).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][3] == "=A1" and rows[1][2] == "=1+2" and rows[2][2] == '=HYPERLINK("http://x","y")'
    assert all(c.data_type == "s" for r in sheet.iter_rows() for c in r if c.value)


def test_errors_file_replaces_an_existing_file_only_with_force(town, tmp_path):
    path = write_csv(tmp_path / "a.csv", "姓名,性别\n甲,男性\n")
    out = tmp_path / "错误.csv"
    out.write_text("secretary's own notes", encoding="utf-8")
    r = town.fails("import", "deputies", path, "--errors", out, code=2)
    assert "--force" in r.stderr and "男性" not in r.stderr            # refused before reading the roster
    assert out.read_text(encoding="utf-8") == "secretary's own notes"
    town.fails("import", "deputies", path, "--errors", out, "--force")
    assert "男性" in out.read_text(encoding="utf-8-sig")


def test_id_in_a_number_cell_and_a_phone_without_its_zero_in_xlsx(town, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "性别", "身份证号码", "手机"])
    sheet.append(["甲", "男", 332527197901011000, 5718888888])
    sheet.append(["乙", "女", None, 13800001234])
    book.save(tmp_path / "n.xlsx")
    r = town.fails("import", "deputies", tmp_path / "n.xlsx")
    assert "第2行 身份证号码(C列)" in r.stderr and "后几位已经丢失" in r.stderr
    assert "开头的 0 已经丢失（原号码应是 057****8888）" in r.stderr
    assert "第3行" not in r.stderr      # a mobile number in a number cell is whole


def test_xlsx_date_cells_month_format_and_merged_cells(town, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["代表名册"])
    sheet.append(["姓名", "性别", "出生年月", "选区"])
    sheet.append(["甲", "男", datetime.datetime(1979, 8, 1), "第三选区"])
    sheet.append(["乙", "女", datetime.datetime(1980, 2, 29), None])
    sheet["C3"].number_format = 'yyyy"年"m"月"'
    sheet.merge_cells("D3:D4")
    book.save(tmp_path / "d.xlsx")
    town("import", "deputies", tmp_path / "d.xlsx")
    rows = {r["name"]: r for r in town.json("deputy", "list")}
    assert rows["甲"]["birth_date"] == "1979-08" and rows["乙"]["birth_date"] == "1980-02-29"
    assert rows["乙"]["constituency"] == "第三选区"


def test_html_saved_as_xls_and_word_97_are_named(town, tmp_path):
    fake = tmp_path / "名册.xls"
    fake.write_text("<html><table><tr><td>姓名</td></tr></table></html>", encoding="utf-8")
    assert "网页" in town.fails("import", "deputies", fake).stderr
    doc = tmp_path / "名册.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert ".docx" in town.fails("import", "deputies", doc).stderr


# --- names ---------------------------------------------------------------------------------------------------

def test_padded_and_look_alike_names_are_one_person(town, tmp_path):
    town("deputy", "add", "金\u200b志强", "--gender", "男", "--level", "镇", "--term", "5")
    assert town.json("deputy", "show", "金志强")["name"] == "金志强"
    assert town.json("deputy", "show", "\uf90a志强")["name"] == "金志强"
    assert town.json("deputy", "show", "金 志 强\ufe0f")["name"] == "金志强"
    assert [r["name"] for r in town.json("deputy", "list", "--name", "志\u00ad强")] == ["金志强"]
    path = write_csv(tmp_path / "p.csv", "姓名,性别\n王　芳,女\n王芳,女\n")
    assert "与第2行重复" in town.fails("import", "deputies", path).stderr


def test_stored_names_are_normalised_by_the_migration(town):
    conn = sqlite3.connect(town.db)
    conn.execute("INSERT INTO deputies (name, gender, level, term, status) "
                 "VALUES ('\uf90a志\u200b强', 'male', 'township', 5, 'active')")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm1501_normalise_names'")
    conn.commit()
    conn.close()
    assert town.json("deputy", "show", "金志强")["name"] == "金志强"


# --- one encoding -----------------------------------------------------------------------------------------

def test_mixed_encoding_csv_is_refused_naming_the_line(town, tmp_path):
    head = "姓名,性别\n".encode()
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(head + "王一,男\n".encode() + "张二,男\n".encode("gbk") + "李三,女\n".encode())
    r = town.fails("import", "deputies", mixed)
    assert "第3行是 GBK 编码" in r.stderr and "UTF-8" in r.stderr
    other = tmp_path / "other.csv"
    other.write_bytes("姓名,性别\n王一,男\n张二,男\n".encode("gbk") + "李三,女\n".encode())
    assert "第4行是 UTF-8 编码" in town.fails("import", "deputies", other).stderr
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + head + "张二,男\n".encode("gbk"))
    assert "第2行不是 UTF-8" in town.fails("import", "deputies", bom).stderr


def test_a_birth_month_and_a_day_in_it_are_one_person(town, tmp_path):
    town("deputy", "add", "周敏", "--gender", "女", "--level", "镇", "--term", "5", "--birth-date", "1979-08-15")
    lines = "姓名,性别,出生年月\n周敏,女,1979.08\n吴刚,男,1970-01-02\n吴刚,男,1970.01\n吴刚,男,1970-01-03\n"
    r = town.fails("import", "deputies", write_csv(tmp_path / "a.csv", lines))
    assert "2 处错误" in r.stderr and "第2行" in r.stderr and "第5届已有代表“周敏”" in r.stderr
    assert "第4行" in r.stderr and "与第3行重复" in r.stderr and "第5行" not in r.stderr


def test_an_xls_may_be_half_the_file_size_limit(town, tmp_path):
    town("config", "import_max_file_mb", "1")
    big = tmp_path / "大.xls"
    big.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * (600 * 1024))
    assert "另存为”.xlsx" in town.fails("import", "deputies", big).stderr
    damaged = tmp_path / "坏.xls"
    damaged.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    assert "无法作为 .xls 打开" in town.fails("import", "deputies", damaged).stderr


def test_a_wide_roster_with_more_unknown_columns_than_known(town, tmp_path):
    lines = ("代表名册\n姓名,性别,籍贯,身高,爱好,座右铭,特长\n甲,男,某地,170,读书,无,无\n")
    r = town.fails("import", "deputies", write_csv(tmp_path / "w.csv", lines))
    assert "第2行（列名行）" in r.stderr and "籍贯" in r.stderr and "--ignore-extra" in r.stderr
    out = town("import", "deputies", tmp_path / "w.csv", "--ignore-extra", "-v").stderr
    assert "未导入的列：籍贯、身高、爱好、座右铭、特长" in out
