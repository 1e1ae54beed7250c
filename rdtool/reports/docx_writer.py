"""The report as a .docx in the layout of a government work document (GB/T 9704 conventions).

Title in 方正小标宋简体 二号, headings in 黑体 三号, body in 仿宋_GB2312 三号 with fixed 29 pt line
spacing, A4 with 37/35/28/26 mm margins. python-docx is imported only here.
"""

from __future__ import annotations

import os
from pathlib import Path

from rdtool.labels import chinese_numeral
from rdtool.render import human
from rdtool.reports.build import Report
from rdtool.reports.writers import SEVERITY_ZH, table_columns

TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"


def _font(run, name: str, size_pt: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str, font: str, size: float, bold: bool = False, center: bool = False, indent: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(29)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(text), font, size, bold)
    return p


def write_docx(report: Report, path: Path) -> None:
    import docx
    from docx.shared import Mm

    document = docx.Document()
    for section in document.sections:
        section.page_height, section.page_width = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    _paragraph(document, report.title, TITLE_FONT, 22, center=True)
    _paragraph(document, f"（{report.period.date_from} 至 {report.period.date_to}，统计日 {report.figures['as_of']}）",
               BODY_FONT, 14, center=True)
    for i, (heading, text) in enumerate(report.paragraphs, 1):
        _paragraph(document, f"{chinese_numeral(i)}、{heading}", HEADING_FONT, 16)
        _paragraph(document, text, BODY_FONT, 16, indent=True)
    for title, rows, spec in report.tables:
        _paragraph(document, title, HEADING_FONT, 14)
        cols = table_columns(spec)
        table = document.add_table(rows=1, cols=len(cols))
        table.style = "Table Grid"
        for cell, col in zip(table.rows[0].cells, cols):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(col.zh), HEADING_FONT, 12)
        for row in rows:
            cells = table.add_row().cells
            for cell, col in zip(cells, cols):
                _font(cell.paragraphs[0].add_run(human(col, row.get(col.key))), BODY_FONT, 12)
    if report.checks:
        _paragraph(document, "需要关注的事项", HEADING_FONT, 16)
        for c in report.checks:
            _paragraph(document, f"[{SEVERITY_ZH.get(c['severity'], c['severity'])}] {c['message']}", BODY_FONT, 14)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    document.save(str(path))
    os.chmod(path, 0o600)
