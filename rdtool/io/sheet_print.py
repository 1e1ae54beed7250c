"""Every sheet rdtool writes prints as a person expects: A4, the header row repeated on each page, fitted to the
page's width (as many pages down as it needs), landscape when the columns are wider than a portrait page, narrow
margins (a wide roster is shrunk less), the sheet's name at the head of each page and 第 N 页，共 M 页 at its foot
(a printed page of a roster says what it is and where it belongs)."""

from __future__ import annotations

PORTRAIT_WIDTH = 95  # column-width units (characters of the default font) an A4 portrait page holds


def for_printing(sheet, widths: list[float], title_rows: str = "1:1") -> None:
    """Set up `sheet` (a write-only sheet too) for printing; `widths` are its columns' widths."""
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.print_title_rows = title_rows
    setup = sheet.page_setup
    setup.paperSize = "9"  # A4
    setup.orientation = "landscape" if sum(widths) > PORTRAIT_WIDTH else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0  # one page wide, as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.gridLines = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.75, bottom=0.75, header=0.3, footer=0.3)  # inches
    sheet.oddHeader.center.text = "&A"  # the sheet's name
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
