"""The period report as a .docx (layout in reports.docx_layout)."""

from __future__ import annotations

from pathlib import Path

from rdtool.labels import chinese_date, chinese_numeral
from rdtool.render import human
from rdtool.reports import docx_layout as layout
from rdtool.reports.build import Report
from rdtool.reports.writers import SEVERITY_ZH, table_columns


def write_docx(report: Report, path: Path) -> None:
    doc = layout.new_document(report.title, f"{report.town}人大主席团")
    layout.title(doc, report.title)
    layout.paragraph(doc, f"（{chinese_date(report.period.date_from)}至{chinese_date(report.period.date_to)}，"
                          f"统计日{chinese_date(report.figures['as_of'])}）", size=14, center=True)
    for i, (head, text) in enumerate(report.paragraphs, 1):
        layout.heading(doc, f"{chinese_numeral(i)}、{head}")
        layout.paragraph(doc, text, indent=True)
    if report.tables:
        layout.heading(doc, "附表")
    for name, rows, spec in report.tables:
        cols = table_columns(spec)
        layout.heading(doc, name, level=2)
        layout.table(doc, [c.zh for c in cols], [[human(c, r.get(c.key)) for c in cols] for r in rows])
    if report.checks:
        layout.heading(doc, "需要关注的事项")
        for c in report.checks:
            layout.paragraph(doc, f"[{SEVERITY_ZH.get(c['severity'], c['severity'])}] {c['message']}", size=14)
    layout.save(doc, path)
