"""The report as a .docx filled from a Word template (docxtpl: Jinja fields in a document she edits in Word/WPS).

`default_template()` is the document `rdtool report template -o 模板.docx` writes and a report without
--template uses: the seed's work report — title, opening, the seven sections in the seed's order and wording (the
records fill 二 to 五; 一, 六, 七 are marked for her narrative), 落款 with the presidium's name and the date, then
the appended tables (附表) from a new page. Everything is laid out by rdtool.reports.docx_layout (GB/T 9704).
Her edits — narrative, wording, layout — are kept by a re-run: only the {{ fields }} are filled anew.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from rdtool.errors import RdtoolError
from rdtool.reports import docx_layout as layout
from rdtool.reports.text_templates import NARRATIVE, OPENING, OUTLINE

# (key, [(header, cell, width in mm, numeric)]); a composition row is inside a loop over its dimension's group
TABLES = [
    ("composition", [("维度", "{% vm %}{{ g.dimension }}", 30, False), ("类别", "{{ r.label }}", 66, False),
                     ("人数", "{{ r.count }}", 28, True), ("比例", "{{ r.share }}", 32, True)]),
    # 会议: 19 characters a line (三川镇第三届人大主席团第二十一次会议 is 18); 日期: 2017年12月14日
    ("meetings", [("日期", "{{ r.date }}", 42, False), ("会议", "{{ r.title }}", 86, False),
                  ("议题", "{{ r.topics }}", 14, True), ("通过", "{{ r.passed }}", 14, True)]),
    ("proposals_by_unit", [("承办单位", "{{ r.unit }}", 52, False), ("件数", "{{ r.handled }}", 20, True),
                           ("已答复", "{{ r.replied }}", 22, True), ("按期答复率", "{{ r.on_time_rate }}", 32, True),
                           ("满意率", "{{ r.satisfaction_rate }}", 30, True)]),
]


def default_template():
    """The default report template as a python-docx Document."""
    doc = layout.new_document("工作报告模板", "")
    layout.title(doc, "{{ title }}")
    layout.paragraph(doc, "")
    layout.paragraph(doc, OPENING, indent=True)
    for heading, paragraphs in OUTLINE:
        layout.heading(doc, heading)
        for text in paragraphs:
            p = layout.paragraph(doc, text, indent=True)
            if text.startswith(NARRATIVE[:3]):
                _highlight(p)
    p.paragraph_format.keep_with_next = True  # the 落款 never stands alone on the last page
    layout.paragraph(doc, "").paragraph_format.keep_with_next = True
    _signature(doc, "{{ presidium_name }}").paragraph_format.keep_with_next = True
    _signature(doc, "{{ date }}")
    _checks(doc)
    _appendix(doc)
    return doc


def _highlight(p) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    for run in p.runs:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


# GB/T 9704 7.3.5.1: 成文日期右空四字, the 署名 centred over the date. Both are centred on one tab stop: where a
# date of 7 characters' width (2021年12月31日: 3 characters and 8 half-width digits) centres when it ends four
# characters (of 15.75 pt on the grid) before the right margin of the 156 mm text block.
SIGNATURE_CENTRE_PT = 156 / 25.4 * 72 - 4 * 15.75 - 7 * 15.75 / 2


def _signature(doc, text: str):
    """A line of the 落款 (the presidium, the date), centred on SIGNATURE_CENTRE_PT."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Pt

    p = layout.paragraph(doc, "\t" + text)
    p.paragraph_format.tab_stops.add_tab_stop(Pt(SIGNATURE_CENTRE_PT), WD_TAB_ALIGNMENT.CENTER)
    return p


def _checks(doc) -> None:
    layout.paragraph(doc, "{%p if checks %}")
    layout.heading(doc, "需要关注的事项")
    layout.paragraph(doc, "{%p for c in checks %}")
    layout.paragraph(doc, "【{{ c.severity }}】{{ c.message }}", indent=True)
    layout.paragraph(doc, "{%p endfor %}")
    layout.paragraph(doc, "{%p endif %}")


def _appendix(doc) -> None:
    """附表 from a new page, each table under its centred caption; absent tables leave nothing behind."""
    layout.paragraph(doc, "{%p if tables.composition.rows or tables.meetings.rows or tables.proposals_by_unit.rows %}")
    head = layout.heading(doc, "附表")
    head.paragraph_format.page_break_before = True
    layout.paragraph(doc, "{%p endif %}")
    for key, columns in TABLES:
        layout.paragraph(doc, f"{{%p if tables.{key}.rows %}}")
        layout.caption(doc, f"{{{{ tables.{key}.caption }}}}")
        if key == "composition":
            loops = ["{%tr for g in tables.composition.groups %}", "{%tr for r in g.rows %}"]
        else:
            loops = [f"{{%tr for r in tables.{key}.rows %}}"]
        _loop_table(doc, columns, loops, together=key == "composition")
        layout.paragraph(doc, "{%p endif %}")


def _loop_table(doc, columns, loops: list[str], together: bool = False) -> None:
    """A table: header row (repeated on each page), the loops' tag rows, one data row, the closing tag rows;
    `together`: kept on one page (the composition, whose 维度 would otherwise be cut from its last rows)."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    grid = doc.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    grid.autofit = False
    grid.alignment = 1  # centred on the page
    for column, (_, _, width, _) in zip(grid.columns, columns):
        column.width = Mm(width)
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, (head, _, width, _) in zip(grid.rows[0].cells, columns):
        cell.width = Mm(width)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].paragraph_format.keep_with_next = True  # never alone at the foot of a page
        layout.cell_text(cell, head, layout.HEADING_FONT)

    def tag_row(tag: str) -> None:
        row = grid.add_row()
        layout._font(row.cells[0].paragraphs[0].add_run(tag), layout.BODY_FONT, 12)

    for tag in loops:
        tag_row(tag)
    row = grid.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell, (_, text, width, numeric) in zip(row.cells, columns):
        cell.width = Mm(width)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        if numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        layout.cell_text(cell, text, layout.BODY_FONT)
        cell.paragraphs[0].paragraph_format.keep_with_next = together or None
    for _ in loops:
        tag_row("{%tr endfor %}")


def write_template(out: BinaryIO) -> None:
    layout.save(default_template(), out)


def render(ctx: dict, template: Path | None, out: BinaryIO) -> None:
    """Fill `template` (default: default_template()) with the fields `ctx` and save the document into `out`
    (a handle rdtool.output_file.open_binary gave)."""
    import jinja2
    from docxtpl import DocxTemplate

    from rdtool.reports.text_templates import environment, template_error

    where = template.name if template else "默认模板"
    tpl = DocxTemplate(_open(template) if template else _default_stream())
    try:
        tpl.render(ctx, environment(), autoescape=True)
    except (jinja2.TemplateSyntaxError, jinja2.UndefinedError) as exc:
        raise template_error(exc, where if where.endswith(".docx") else where + ".docx") from None
    layout.stamp_properties(tpl.docx, ctx["title"], f"{ctx['town']}人大主席团")
    tpl.save(out)


def _default_stream():
    stream = io.BytesIO()
    default_template().save(stream)
    stream.seek(0)
    return stream


def _open(template: Path):
    """Her template's bytes; a file that is not a Word document is a clear error, nothing written."""
    import zipfile

    try:
        data = template.read_bytes()
    except FileNotFoundError:
        raise RdtoolError(f"模板文件不存在：{template}", "用 rdtool report template -o 模板.docx 生成一个") from None
    except OSError as exc:
        raise RdtoolError(f"无法读取模板文件 {template}（{exc.strerror}）") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            z.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise RdtoolError(f"模板文件 {template} 不是 Word 文档（.docx）",
                          "在 Word 或 WPS 中“另存为”Word 文档（*.docx）后再试；.doc、.wps 格式不能用") from None
    return io.BytesIO(data)
