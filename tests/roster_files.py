"""Rosters as a township keeps them (issue 15), generated for the tests: a merged title row, a unit/date row,
a blank row, 序号, header aliases, 选区 merged over several rows, month-only birth dates, padded names, a
制表人 row — as .xlsx (openpyxl), as a .docx table (python-docx); the .xls twin is a committed fixture.
"""

from __future__ import annotations

from pathlib import Path

TITLE = "青石镇第五届人民代表大会代表名册"
HEADER = ["序号", "姓  名", "性别", "民族", "出生年月", "政治面貌", "文化程度", "工作单位及职务", "选区", "手机", "身份证号码"]
# (name as typed, gender, ethnicity, birth as typed, party, education, workplace, constituency, phone, id)
PEOPLE = [
    ("王　芳", "女", "汉族", "1979.08", "中共党员", "大学", "青石村党支部书记", "第一选区", "13800001111", ""),
    ("李建国", "男", "汉族", "1968年3月", "群众", "高中", "青石村村民", "第一选区", "", ""),
    ("\uf90a志强", "男", "回族", "197512", "中共党员", "大专", "青石镇中心小学校长", "第一选区", "", ""),
    ("赵丽", "女", "汉族", "1985-6", "中共党员", "本科", "镇卫生院医生", "第二选区", "05718888888", ""),
    ("陈红梅", "女", "汉族", "1980-03-02", "中共党员", "本科", "镇人民政府", "第二选区", "", "110101198003020028"),
]
# What they must become.
STORED = [
    ("王芳", "female", "1979-08", "cpc", "bachelor", "第一选区", "13800001111"),
    ("李建国", "male", "1968-03", "masses", "senior", "第一选区", None),
    ("金志强", "male", "1975-12", "cpc", "college", "第一选区", None),
    ("赵丽", "female", "1985-06", "cpc", "bachelor", "第二选区", "05718888888"),
    ("陈红梅", "female", "1980-03-02", "cpc", "bachelor", "第二选区", None),
]
FOOTER = ["制表人：张三", "", "", "", "", "", "填表日期：2021年12月"]


def roster_rows() -> list[list]:
    """The sheet as a secretary sees it (row 1 is the title). 选区 is written only in its first row."""
    rows: list[list] = [[TITLE], ["填报单位：青石镇人大主席团", "", "", "", "", "", "", "", "截至2021年12月"], []]
    rows.append(HEADER)
    last = None
    for i, p in enumerate(PEOPLE, 1):
        name, gender, eth, birth, party, edu, work, const, phone, idn = p
        rows.append([i, name, gender, eth, birth, party, edu, work, const if const != last else None, phone, idn])
        last = const
    rows.append([])
    rows.append(FOOTER)
    return rows


def merged_ranges() -> list[str]:
    """The title across the table; each 选区 cell over its rows (data starts in row 5)."""
    ranges = ["A1:K1"]
    start = 5
    for const in ("第一选区", "第二选区"):
        n = sum(1 for p in PEOPLE if p[7] == const)
        ranges.append(f"I{start}:I{start + n - 1}")
        start += n
    return ranges


def write_xlsx(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "代表名册"
    for row in roster_rows():
        sheet.append(row)
    for cells in merged_ranges():
        sheet.merge_cells(cells)
    for row in sheet.iter_rows(min_row=5, max_row=4 + len(PEOPLE)):
        for cell in row:
            if cell.column in (10, 11):
                cell.number_format = "@"
    book.save(path)
    return path


def write_docx(path: Path, extra_table_first: bool = False) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    if extra_table_first:
        t = document.add_table(rows=1, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "单位", "青石镇人大主席团"
    rows = [r for r in roster_rows()[3:] if r]
    table = document.add_table(rows=len(rows), cols=len(HEADER))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None and value != "" and c < len(HEADER):
                table.cell(r, c).text = str(value)
    first = 1
    for const in ("第一选区", "第二选区"):
        n = sum(1 for p in PEOPLE if p[7] == const)
        table.cell(first, 8).merge(table.cell(first + n - 1, 8))
        first += n
    table.cell(len(rows) - 1, 0).merge(table.cell(len(rows) - 1, 5))
    document.add_paragraph("制表人：张三")
    document.save(path)
    return path
