"""Files for spreadsheets and scripts (issue 16): Chinese labels under --headers zh that import back, typed xlsx,
JSON booleans, CR/LF cells quoted."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from rdtool.services.transfer import registry as kinds
from rdtool.services.admin.demo import SAMPLE_ORDER
from rdtool.store.opening import open_store
from tests.helpers import Cli, add_deputy


def _fresh(tmp_path, name: str) -> Cli:
    path = tmp_path / name
    open_store(path, create=True).close()
    return Cli(path)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])  # (tsv is csv with tabs: test_safety_export, below)
def test_every_kind_round_trips_through_chinese_labels(sample, tmp_path, fmt):
    assert set(SAMPLE_ORDER) == set(kinds.KINDS)  # (a kind added later joins this test through the demo order)
    files = {}
    for kind in SAMPLE_ORDER:
        path = tmp_path / f"{kind}.{fmt}"
        sample("export", kind, "--format", fmt, "--headers", "zh", "--show-id", "-o", path)
        files[kind] = path
    zh = files["deputies"]
    if fmt != "xlsx":
        text = zh.read_text("utf-8")
        assert "性别" in text and "女" in text and "female" not in text and "中共党员" in text and ",cpc," not in text
    copy = _fresh(tmp_path, "copy.db")
    for kind, path in files.items():
        copy("import", kind, path)
    for kind in SAMPLE_ORDER:
        assert copy("export", kind, "--show-id").stdout == sample("export", kind, "--show-id").stdout, kind


def test_booleans_are_json_booleans_and_one_csv_form(sample):
    deputies = sample.json("export", "deputies")
    assert {type(d["re_elected"]) for d in deputies} <= {bool, type(None)} and any(d["re_elected"] for d in deputies)
    listed = sample.json("deputy", "list", "--term", "3")
    assert {type(d["re_elected"]) for d in listed} <= {bool, type(None)}
    jsonl = [json.loads(line) for line in sample("export", "meetings", "--format", "jsonl").stdout.splitlines()]
    assert {type(m["extraordinary"]) for m in jsonl} == {bool} and isinstance(jsonl[0]["term"], int)
    exported = list(csv.DictReader(io.StringIO(sample("export", "deputies").stdout)))
    listed = list(csv.DictReader(io.StringIO(sample("deputy", "list", "--term", "3", "--format", "csv").stdout)))
    assert {d["re_elected"] for d in exported} == {d["re_elected"] for d in listed} == {"true", "false"}
    zh = list(csv.DictReader(io.StringIO(sample("deputy", "list", "--term", "3", "--format", "csv",
                                                "--headers", "zh").stdout)))
    assert {d["是否连任"] for d in zh} == {"是", "否"} and {d["性别"] for d in zh} == {"男", "女"}
    assert isinstance(sample.json("proposal", "show", "三届一次-001")["complex"], bool)
    archive = sample.json("deputy", "archive", "王桂芳", "--term", "3")
    assert {type(m["extraordinary"]) for m in archive["meetings"]} == {bool}


def test_list_commands_give_chinese_labels_under_zh(sample):
    rows = list(csv.DictReader(io.StringIO(sample("meeting", "list", "--format", "csv", "--headers", "zh").stdout)))
    assert {r["类别"] for r in rows} == {"主席团会议", "人民代表大会会议"}
    rows = list(csv.DictReader(io.StringIO(sample("vote", "list", "--format", "tsv", "--headers", "zh").stdout),
                               delimiter="\t"))
    assert "通过" in {r["表决结果"] for r in rows} and "congress" not in {r["会议类别"] for r in rows}
    rows = list(csv.DictReader(io.StringIO(sample("deputy", "flags", "--year", "2019", "--format", "csv",
                                                  "--headers", "zh").stdout)))
    assert rows and all(not r["提醒"].isascii() for r in rows)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_cell_holding_cr_or_lf_is_quoted(cli, fmt):
    add_deputy(cli, "王五")
    cli("activity", "add", "视察\r=cmd|' /C calc'!A0", "--kind", "视察", "--date", "2019-04-18",
        "--participants", "王五", "--subject", "道路\n桥梁")
    for args in (["activity", "list"], ["export", "activities"]):
        out = cli(*args, "--format", fmt).stdout
        rows = list(csv.reader(io.StringIO(out, newline=""), delimiter="," if fmt == "csv" else "\t"))
        assert len(rows) == 2, out  # the header and one activity: no row starts inside the title
        assert "视察\r=cmd|' /C calc'!A0" in rows[1]


def test_xlsx_is_for_people(sample, tmp_path):
    path = tmp_path / "代表.xlsx"
    sample("export", "deputies", "--format", "xlsx", "--show-id", "-o", path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet.title == "代表名册"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    head = [c.value for c in sheet[1]]
    assert all(c.font.b for c in sheet[1])
    col = {name: i for i, name in enumerate(head)}
    first = [c for c in sheet[2]]
    assert first[col["birth_date"]].is_date and first[col["birth_date"]].number_format == "yyyy-mm-dd"
    assert first[col["term"]].data_type == "n" and first[col["term"]].value == 3
    assert first[col["id_number"]].data_type == "s" and len(first[col["id_number"]].value) == 18
    assert first[col["phone"]].data_type == "s"
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    letter = openpyxl.utils.get_column_letter
    assert widths[letter(col["workplace"] + 1)] > widths[letter(col["gender"] + 1)]
    assert widths[letter(col["id_number"] + 1)] >= 18
    meetings = tmp_path / "会议.xlsx"
    sample("export", "meetings", "--format", "xlsx", "--headers", "zh", "-o", meetings)
    sheet = openpyxl.load_workbook(meetings).active
    assert sheet.title == "会议" and sheet["A1"].value == "编号"
    title_col = [c.value for c in sheet[1]].index("标题") + 1
    assert sheet.column_dimensions[letter(title_col)].width >= 2 * len("三川镇第三届人民代表大会第一次会议")


def test_xlsx_has_no_formula_guard_and_no_formulas(cli, tmp_path):
    add_deputy(cli, "王五", "--workplace", "=HYPERLINK(\"http://x\")")
    path = tmp_path / "d.xlsx"
    cli("export", "deputies", "--format", "xlsx", "-o", path)
    sheet = openpyxl.load_workbook(path).active
    head = [c.value for c in sheet[1]]
    cell = sheet.cell(2, head.index("workplace") + 1)
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"
    other = Cli(tmp_path / "o.db")
    other("init", "--town", "三川镇", "--term", "3", "--term-start", "2017-01-05")
    other("import", "deputies", path)
    assert other.json("deputy", "show", "王五")["workplace"] == "=HYPERLINK(\"http://x\")"


# Arguments for the commands that need some; a command with --format that is missing here fails the test below.
CSV_WRITERS = {
    "config": [], "term list": [], "term opening": ["3"], "deputy list": [], "deputy show": ["王桂芳"], "deputy composition": ["--term", "3"],
    "deputy archive": ["王桂芳", "--term", "3"], "deputy scores": ["--term", "3"], "deputy flags": ["--year", "2019"],
    "meeting list": [], "meeting show": ["C3-1"], "vote list": [], "vote show": ["P3-08#3"], "election list": [],
    "election show": ["1"], "appointment list": [], "appointment show": ["1"], "general-election show": ["3"],
    "general-election constituencies": ["3"], "general-election candidates": ["3"],
    "general-election results": ["3"], "general-election deputies": ["3"], "general-election summary": ["3"],
    "general-election appeals": ["3"],
    "activity list": [], "activity show": ["A3-001"], "supervision": ["--year", "2019"], "proposal list": [],
    "proposal show": ["三届一次-001"], "proposal due": ["--as-of", "2026-10-01"],
    "proposal overdue": ["--as-of", "2026-12-01"], "proposal search": ["便民桥"], "proposal stats": ["--term", "3"],
    "export": ["deputies"], "report term": ["--term", "3"], "report annual": ["--year", "2019"],
    "report range": ["--from", "2019-01-01", "--to", "2019-06-30"], "report rollup": ["{db}", "--year", "2019"],
    "db info": [], "db backups": [], "db log": ["-n", "3"], "db check": [], "db views": [], "undo": ["--list"],
    "by-election list": [], "by-election vacancies": [], "post list": [], "province": [],
    "deputy suspensions": [], "election nominations": [], "general-election proxies": ["3"], "inquiry list": [],
}
# (a result records a count: its --format prints the round it recorded; the sample holds no by-election to show)
# (report template writes a template, docx, md or text: no rows to give as CSV)
# (the sample holds no inquiry to show)
SKIP = {"general-election result", "by-election result", "by-election show", "report template", "inquiry show"}


def test_every_csv_writer_takes_bom_and_chinese_headers(sample):
    from tests.test_output_options import _commands

    writers = sorted(path for path, c in _commands() if any(p.name == "fmt" for p in c.params))
    missing = [w for w in writers if w not in CSV_WRITERS and w not in SKIP]
    assert not missing, f"add the arguments of {missing} to CSV_WRITERS"
    sample("db", "backup")
    for path, args in CSV_WRITERS.items():
        argv = [*path.split(), *[a.format(db=sample.db) for a in args]]
        out = sample(*argv, "--format", "csv", "--bom", "--headers", "zh").stdout
        assert out.startswith("\ufeff"), (path, out[:80])
        head = next(csv.reader(io.StringIO(out[1:])))
        english = [h for h in head if h.isascii() and h != "ID"]
        assert not english, (path, english)
        plain = sample(*argv, "--format", "tsv").stdout
        assert not plain.startswith("\ufeff") and plain.split("\n", 1)[0].isascii() and "\t" in plain, path


def _print_setup(path):
    sheet = openpyxl.load_workbook(path).active
    widths = [d.width for d in sheet.column_dimensions.values() if d.width]
    return sheet, widths


def test_every_xlsx_prints_with_its_header_on_each_page_one_page_wide(sample, tmp_path):
    """issue 25: the 210-deputy roster printed on 20 pages with a header row on two of them."""
    from tests.helpers import write_csv

    files = []
    for kind in ("deputies", "meetings", "proposals"):
        files.append(tmp_path / f"{kind}.xlsx")
        sample("export", kind, "--format", "xlsx", "--headers", "zh", "-o", files[-1])
    roster = write_csv(tmp_path / "a.csv", "姓名,性别,身份证号码\n甲,男,110101198003020028\n乙,男,2\n")
    files.append(tmp_path / "错误.xlsx")
    sample.fails("import", "deputies", roster, "--errors", files[-1])
    orientations = set()
    for path in files:
        sheet, widths = _print_setup(path)
        assert sheet.print_title_rows == "$1:$1", path.name             # the header row on every page
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, path.name
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0), path.name
        assert sheet.page_setup.paperSize == 9
        wide = sum(widths) > 95
        assert sheet.page_setup.orientation == ("landscape" if wide else "portrait"), (path.name, sum(widths))
        orientations.add(sheet.page_setup.orientation)
    assert "landscape" in orientations  # the roster is wider than a portrait page


def test_a_csv_for_people_keeps_id_numbers_and_phones_whole_in_excel(sample, tmp_path):
    """issue 25: opened by double-click, 510101195808217316 became 5.10101E+17. For people (--headers zh) the
    digits are written ="…" (text in Excel, WPS and Calc); machine CSV is as before; import reads either."""
    people = sample("export", "deputies", "--format", "csv", "--headers", "zh", "--bom", "--show-id").stdout
    machine = sample("export", "deputies", "--format", "csv", "--show-id").stdout
    rows = list(csv.DictReader(io.StringIO(people.lstrip("\ufeff"))))
    ids = [r["身份证号"] for r in rows if r["身份证号"]]
    assert ids and not any(i.isdigit() for i in ids)  # no bare digits left for Excel to make a number of
    assert any(i.startswith('="') and i.endswith('"') and i[2:-1].isdigit() for i in ids)
    phones = [r["联系电话"] for r in rows if r["联系电话"]]
    assert phones and not any(p.isdigit() for p in phones)
    plain = list(csv.DictReader(io.StringIO(machine)))
    assert all(not r["id_number"].startswith("=") for r in plain)
    assert {i[2:-1] if i.startswith('="') else i for i in ids} == {r["id_number"] for r in plain if r["id_number"]}
    masked = sample("export", "deputies", "--format", "csv", "--headers", "zh").stdout
    assert '="' not in masked or all("*" not in line for line in masked.splitlines() if '="' in line)
    # (read back to the same records: test_every_kind_round_trips_through_chinese_labels imports these files)


def test_the_errors_csv_keeps_id_numbers_and_phones_whole_in_excel(cli, tmp_path):
    """issue 25: the --errors CSV of a failed import is a CSV for people too: its ID and phone cells are written
    ="…" (the columns the import took for them, and any cell of 15 digits or more), and the corrected file imports
    the digits."""
    roster = tmp_path / "名册.csv"
    roster.write_text("姓名,性别,代表层级,届次,联系电话,身份证号,备用证件号\n"
                      "陈红梅,女,镇,3,05718888888,110101198003020028,110101198003020028\n"
                      "谢锋,男性,镇,3,13800001111,,\n", encoding="utf-8-sig")
    errors = tmp_path / "错误.csv"
    cli.fails("import", "deputies", roster, "--errors", errors, "--ignore-extra")
    with open(errors, encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    assert table[0]["身份证号"] == '="110101198003020028"' == table[0]["备用证件号"]
    assert table[0]["联系电话"] == '="05718888888"' and table[1]["联系电话"] == '="13800001111"'
    assert table[1]["错误"] and not table[0]["错误"] and table[0]["姓名"] == "陈红梅"
    fixed = errors.read_text("utf-8-sig").replace("男性", "男")
    errors.write_text(fixed, encoding="utf-8-sig")
    cli("import", "deputies", errors, "--ignore-extra")
    people = {d["name"]: d for d in cli.json("deputy", "list", "--show-id", "--show-phone")}
    assert people["陈红梅"]["id_number"] == "110101198003020028" and people["陈红梅"]["phone"] == "05718888888"
    assert people["谢锋"]["phone"] == "13800001111"
