"""The layout every .docx rdtool writes shares: a government work document (GB/T 9704 conventions).

Title in 方正小标宋简体 二号, headings in 黑体, body in 仿宋_GB2312 三号 with fixed 29 pt line spacing, A4 with
37/35/28/26 mm margins; files written with mode 0600. python-docx is imported only here, only when used.
"""

from __future__ import annotations

from pathlib import Path

TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"


def new_document():
    import docx
    from docx.shared import Mm

    document = docx.Document()
    for section in document.sections:
        section.page_height, section.page_width = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    return document


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
    fonts.set(qn("w:eastAsia"), name)  # without it Word shows Chinese in the default East Asian font


def paragraph(doc, text: str, font: str = BODY_FONT, size: float = 16, bold: bool = False, center: bool = False,
              indent: bool = False):
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


def title(doc, text: str):
    return paragraph(doc, text, TITLE_FONT, 22, center=True)


def heading(doc, text: str, size: float = 16):
    return paragraph(doc, text, HEADING_FONT, size)


TEXT_WIDTH_MM = 210 - 28 - 26


def table(doc, head: list[str], rows: list[list[object]]) -> None:
    """A grid whose columns are as wide as their longest entry needs (a meeting's title, not its count)."""
    from docx.shared import Mm

    cells = [["" if v is None else str(v) for v in row] for row in rows]
    need = [max([len(h), *(len(r[i]) for r in cells)]) + 1 for i, h in enumerate(head)]
    widths = [Mm(max(14.0, TEXT_WIDTH_MM * n / sum(need))) for n in need]
    grid = doc.add_table(rows=1, cols=len(head))
    grid.style = "Table Grid"
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # the grid (what LibreOffice/WPS read) as well as each cell (what Word reads)
    for cell, text, width in zip(grid.rows[0].cells, head, widths, strict=True):
        cell.width = width
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, 12)
    for row in cells:
        for cell, value, width in zip(grid.add_row().cells, row, widths, strict=True):
            cell.width = width
            _font(cell.paragraphs[0].add_run(value), BODY_FONT, 12)


def save(doc, path: Path) -> Path:
    """Save to `path`: the temporary file rdtool.output_file made (mode 0600), renamed into place when complete."""
    doc.save(str(path))
    return path
