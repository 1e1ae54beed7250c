"""The layout every .docx rdtool writes shares: a government work document (GB/T 9704 conventions).

Title in 方正小标宋简体 二号, headings in 黑体 (Word's Heading styles, so the navigation pane and a table of
contents work) two characters in, body in 仿宋_GB2312 三号 — the Normal style, so what she types is the same — on
a grid of 22 lines × 28 characters (docGrid linePitch 579, charSpace −849), A4 with 37/35/28/26 mm margins; the page
number "— 1 —" in 宋体 四号 below the text block, on the outside edge (odd pages right, even pages left, one
character in from the edge); table header rows repeat on every page; numbers right-aligned; fonts that stock
Windows lacks declare the one it has (仿宋_GB2312 → 仿宋, 方正小标宋简体 → 宋体); document properties in Chinese
(title, the presidium as author, zh-CN, created now); Western text is en-US and East Asian text zh-CN (so
"30.5%" is never broken across lines), the theme's East Asian language zh-CN. Files are written with mode 0600.
python-docx is imported only here, only when used.
"""

from __future__ import annotations

import re
from typing import BinaryIO

TITLE_FONT, HEADING_FONT, BODY_FONT, PAGE_NUMBER_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312", "宋体"
# font -> the font stock Windows has in its place (declared in the document's font table)
FALLBACKS = {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei", "宋体": "SimSun"}
HEADING_SIZES = {1: 16, 2: 14}  # 三号, 四号
_NUMBER = re.compile(r"-?\d+(\.\d+)?%?")


def new_document(title: str = "", author: str = ""):
    """An A4 document with the margins, styles, page numbers, font fallbacks and properties above."""
    import docx
    from docx.shared import Mm

    document = docx.Document()
    for section in document.sections:
        section.page_height, section.page_width = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(35 - 7 - 5)  # the page number's line 7 mm below the text block
    _language(document)
    _grid(document)
    _normal_style(document.styles["Normal"])
    for level, size in HEADING_SIZES.items():
        _heading_style(document.styles[f"Heading {level}"], size)
    _page_numbers(document)
    _font_fallbacks(document)
    _properties(document, title, author)
    return document


def _language(document) -> None:
    """Western runs en-US, East Asian runs zh-CN (in the defaults and the theme's font language): Word and
    LibreOffice break lines by it, and a Western number marked zh-CN is broken after its digits."""
    from docx.oxml.ns import qn

    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    size = rpr.find(qn("w:sz"))
    if size is None:
        size = rpr.makeelement(qn("w:sz"), {})
        rpr.append(size)
    size.set(qn("w:val"), "32")  # 三号: the grid's character pitch is counted from the default size
    settings = document.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is None:
        theme = settings.makeelement(qn("w:themeFontLang"), {})
        settings.append(theme)
    theme.set(qn("w:val"), "en-US")
    theme.set(qn("w:eastAsia"), "zh-CN")


# GB/T 9704: 22 lines of 28 characters of 三号 on the 225 × 156 mm text block. A line is 579 twips (28.95 pt:
# 22 of them fill 225 mm; 29 pt would leave room for 21). 28 characters of 16 pt are 158 mm, 2 mm more than the
# block: each character advances 0.25 pt less (w:spacing −5 in the Normal style, what Word calls 紧缩 0.25 磅), so
# 28 fit in Word, WPS and LibreOffice alike. (A compressed character grid, docGrid linesAndChars charSpace −849,
# gives 28 in Word but 14 in LibreOffice, which puts a character wider than its cell into two cells.)
LINE_PITCH, CHAR_TIGHTEN = 579, -5  # twips; twentieths of a point


def line():
    from docx.shared import Twips

    return Twips(LINE_PITCH)


def _grid(document) -> None:
    from docx.oxml.ns import qn

    for section in document.sections:
        sect = section._sectPr
        grid = sect.find(qn("w:docGrid"))
        if grid is None:
            grid = sect.makeelement(qn("w:docGrid"), {})
            sect.append(grid)
        grid.attrib.pop(qn("w:charSpace"), None)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_PITCH))


def _normal_style(style) -> None:
    """仿宋_GB2312 三号 on the 22-line grid, 28 to a line: a paragraph she types reads like the text around it."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name, style.font.size = BODY_FONT, Pt(16)
    rpr = style.element.get_or_add_rPr()
    _east_asian(rpr, BODY_FONT)
    spacing = rpr.makeelement(qn("w:spacing"), {qn("w:val"): str(CHAR_TIGHTEN)})
    rpr.append(spacing)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), line()


def _heading_style(style, size: float) -> None:
    from docx.shared import Pt, RGBColor

    style.font.name, style.font.size, style.font.bold = HEADING_FONT, Pt(size), False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _east_asian(style.element.get_or_add_rPr(), HEADING_FONT)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), line()
    fmt.first_line_indent = Pt(2 * (size + CHAR_TIGHTEN / 20))  # two characters in, as the body (GB/T 9704)
    fmt.keep_with_next = True


def _page_numbers(document) -> None:
    """"— 1 —": odd pages at the right, even pages at the left, one character (四号, 14 pt) in from the edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document.settings.odd_and_even_pages_header_footer = True
    for section in document.sections:
        for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            p.alignment = align
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                p.paragraph_format.right_indent = Pt(14)
            else:
                p.paragraph_format.left_indent = Pt(14)
            _font(p.add_run("— "), PAGE_NUMBER_FONT, 14)
            _page_field(p)
            _font(p.add_run(" —"), PAGE_NUMBER_FONT, 14)


def _page_field(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def part(tag: str, **attrs: str):
        run = paragraph.add_run()
        _font(run, PAGE_NUMBER_FONT, 14)
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        run._r.append(el)
        return el

    part("w:fldChar", **{"w:fldCharType": "begin"})
    instr = part("w:instrText", **{"xml:space": "preserve"})
    instr.text = " PAGE "
    part("w:fldChar", **{"w:fldCharType": "separate"})
    number = paragraph.add_run("1")
    _font(number, PAGE_NUMBER_FONT, 14)
    part("w:fldChar", **{"w:fldCharType": "end"})


def _font_fallbacks(document) -> None:
    """Each font with the one Word and WPS use where it is missing (w:altName), GB2312 character set."""
    from lxml import etree

    part = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    w = root.nsmap["w"]
    for name, alt in FALLBACKS.items():
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": alt})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "modern" if "黑" in name or "仿" in name else "roman"})
        etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def stamp_properties(document, title: str, author: str) -> None:
    """The document's properties as a file she hands in: its title, the presidium as author, created now."""
    _properties(document, title, author)


def _properties(document, title: str, author: str) -> None:
    from rdtool.dates import utc_moment

    now = utc_moment().replace(tzinfo=None, microsecond=0)  # (python-docx writes it as UTC)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.language, props.comments, props.keywords, props.subject = "zh-CN", "", "", ""
    props.created = props.modified = now
    props.revision = 1


def _east_asian(rpr, name: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), name)  # without it Word shows Chinese in the default East Asian font


def _font(run, name: str, size_pt: float, bold: bool = False) -> None:
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    _east_asian(run._element.get_or_add_rPr(), name)


def paragraph(doc, text: str, font: str = BODY_FONT, size: float = 16, bold: bool = False, center: bool = False,
              indent: bool = False, style: str | None = None):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph(style=style)
    fmt = p.paragraph_format
    fmt.line_spacing = line()
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(2 * (size + CHAR_TIGHTEN / 20))
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(text), font, size, bold)
    return p


def title(doc, text: str):
    return paragraph(doc, text, TITLE_FONT, 22, center=True)


def heading(doc, text: str, level: int = 1):
    """A heading in Word's Heading 1/2 style (黑体 三号/四号)."""
    return paragraph(doc, text, HEADING_FONT, HEADING_SIZES[level], style=f"Heading {level}")


TEXT_WIDTH_MM = 210 - 28 - 26
KEEP_WHOLE_ROWS = 12  # a table of up to this many rows is kept on one page
TABLE_LINE_PT = 16  # a table's lines (小四 text), points
SMALL_TABLE_PT = 10.5  # 五号: the text of a table of five or more columns


def is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text))


def caption(doc, text: str):
    """A table's caption: 黑体, centred above it (GB/T 9704), kept on the page of the table's first row."""
    from docx.shared import Pt

    p = paragraph(doc, text, HEADING_FONT, 16, center=True)
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_before = Pt(16)  # a line apart from the table above it
    return p


def text_em(text: str) -> float:
    """How wide a text prints, in ems of its size: a Chinese character 1, a digit or Latin letter about 0.65
    (the fallback fonts' digits are wider than half), and a quarter em where Chinese meets Western text (the space
    Word and LibreOffice put between them)."""
    import unicodedata

    wide = [unicodedata.east_asian_width(ch) in "WF" for ch in text]
    return sum(1 if w else 0.65 for w in wide) + 0.25 * sum(a != b for a, b in zip(wide, wide[1:]))


def column_widths(head: list[str], cells: list[list[str]], size_pt: float = 12) -> list[float]:
    """Millimetres per column by printed width (a Chinese character twice a digit). When everything fits, each
    column gets what its longest entry needs and the spare is shared. Otherwise a column that should not wrap —
    a code, a date, a count (digits, at most 10 characters wide) or a word of up to 4 characters (领衔, 基本满意) —
    gets its whole need as long as each of the others (titles, results) keeps at least 4 characters a line; those
    share the rest in proportion to their need. When even that does not fit, from the narrowest need up, a column
    gets its need while that is no more than an equal share of the width left, and the rest share in proportion:
    a title is never squeezed to two characters a line."""
    em = size_pt * 25.4 / 72
    pad = 4.5  # the cell's left and right margins (LibreOffice: 1.9 mm each), and a little to spare, mm
    need = [max([text_em(h), *(text_em(r[i]) for r in cells)]) * em + pad for i, h in enumerate(head)]
    if sum(need) <= TEXT_WIDTH_MM:
        spare = TEXT_WIDTH_MM - sum(need)
        return [n + spare * n / sum(need) for n in need]
    digits = [any(ch.isdigit() for r in cells for ch in r[i]) for i in range(len(head))]
    whole = [n <= 4 * em + pad or (d and n <= 10 * em + pad) for n, d in zip(need, digits)]
    rest = [i for i, w in enumerate(whole) if not w]
    left = TEXT_WIDTH_MM - sum(n for n, w in zip(need, whole) if w)
    floor = [max(text_em(h) * em + pad, min(n, 4 * em + pad)) for h, n in zip(head, need)]
    if not rest or left < sum(floor[i] for i in rest):
        left, rest = TEXT_WIDTH_MM, sorted(range(len(need)), key=lambda i: need[i])
        while rest and need[rest[0]] <= left / len(rest):
            left -= need[rest.pop(0)]
        floor = [min(f, left / len(rest)) if rest else f for f in floor]
    widths = list(need)
    spare, extra = left - sum(floor[i] for i in rest), sum(need[i] - floor[i] for i in rest)
    for i in rest:  # each its floor, and the rest of the room in proportion to what it still lacks
        widths[i] = floor[i] + (spare * (need[i] - floor[i]) / extra if extra > 0 else 0)
    return widths


def table(doc, head: list[str], rows: list[list[object]], merge_first: bool = False) -> None:
    """A grid whose columns are as wide as their entries' display width needs; the header row repeats on every
    page the table crosses; numbers are right-aligned; with `merge_first`, a value repeated down the first column
    is written once in a merged cell (维度: 性别 over its rows)."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    cells = [["" if v is None else str(v) for v in row] for row in rows]
    size = 12 if len(head) <= 4 else SMALL_TABLE_PT  # 小四; 五号 for a table of many columns (titles get room)
    widths = [Mm(w) for w in column_widths(head, cells, size)]
    grid = doc.add_table(rows=1, cols=len(head))
    grid.style = "Table Grid"
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # the grid (what LibreOffice/WPS read) as well as each cell (what Word reads)
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeat on every page
    for cell, text, width in zip(grid.rows[0].cells, head, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].paragraph_format.keep_with_next = True  # never alone at the foot of a page
        cell_text(cell, text, HEADING_FONT, size)
    start = None
    whole = len(cells) <= KEEP_WHOLE_ROWS
    for i, row in enumerate(cells):
        new = grid.add_row()
        last = i == len(cells) - 1
        # a short table stays on one page (with its caption); a longer one keeps each merged group (性别: 男、女)
        # together, so that no row is left on a page without its 维度
        together = not last and (whole or (merge_first and cells[i + 1][0] == row[0]))
        new._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row is never split across pages
        for j, (cell, value, width) in enumerate(zip(new.cells, row, widths, strict=True)):
            cell.width = width
            if merge_first and j == 0 and i and value == cells[i - 1][0]:
                continue  # merged below
            if is_number(value):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            cell_text(cell, value, BODY_FONT, size)

        if merge_first:
            if i and row[0] == cells[i - 1][0]:
                start.merge(new.cells[0])
            else:
                start = new.cells[0]
                start.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        if together:  # every paragraph of the row, the merged cell's own included (Word reads the whole row)
            for p in new._tr.iter(qn("w:p")):
                _keep_with_next(p)


def cell_text(cell, text: str, font: str, size: float = 12) -> None:
    """A cell's text, 小四, on lines of its own size: the body's 22-line grid would make a 27-row table (the
    deputies' composition) two pages long, split inside a 维度."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fmt = cell.paragraphs[0].paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(TABLE_LINE_PT * size / 12)
    fmt.space_before = fmt.space_after = Pt(1.5)
    ppr = cell.paragraphs[0]._p.get_or_add_pPr()
    ppr.insert_element_before(ppr.makeelement(qn("w:snapToGrid"), {qn("w:val"): "0"}),
                              *[t for t in _PPR_AFTER_SNAP])  # off the page's line grid
    _font(cell.paragraphs[0].add_run(text), font, size)


# what follows w:snapToGrid in a paragraph's properties (the schema's order)
_PPR_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                   "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _keep_with_next(p) -> None:
    from docx.text.paragraph import Paragraph

    Paragraph(p, None).paragraph_format.keep_with_next = True


def save(doc, out: BinaryIO) -> None:
    """Save into `out`: a handle rdtool.output_file.open_binary gave (its temporary file, or a descriptor)."""
    doc.save(out)
