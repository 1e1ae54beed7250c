"""Report writers: text (rich on a terminal, plain when piped), markdown and JSON, all via rdtool.render."""

from __future__ import annotations

import sys
from typing import TextIO

from rdtool.labels import chinese_numeral
from rdtool.render import Column, human, render_json, render_rows, write_markdown_table, write_prose
from rdtool.reports.build import Report

SEVERITY_ZH = {"error": "错误", "warning": "提醒", "note": "说明"}


def table_columns(spec: list[tuple[str, str, str]]) -> list[Column]:
    return [Column(key, zh, kind=kind) for key, zh, kind in spec]


def write_json(report: Report, out: TextIO | None = None) -> None:
    render_json(report.as_json(), out)


FLAT_COLUMNS = [Column("section", "部分"), Column("key", "键"), Column("label", "项目"), Column("value", "数值")]


def write_flat(report: Report, out: TextIO | None = None, fmt: str = "csv") -> None:
    """One row per figure (section,key,label,value) for scripts: rdtool.reports.flat."""
    from rdtool.render import output_options
    from rdtool.reports.flat import flat_rows, value_text

    zh = output_options().headers == "zh" and fmt != "jsonl"
    rows = ({**r, "value": value_text(r, zh)} for r in flat_rows(report.as_json()))
    render_rows(rows, FLAT_COLUMNS, fmt, out)


def write_text(report: Report, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    write_prose(out, report.title, bold=True)
    out.write("\n")
    for i, (heading, text) in enumerate(report.paragraphs, 1):
        write_prose(out, f"{chinese_numeral(i)}、{heading}", bold=True)
        write_prose(out, text, indent="    ")  # on a terminal: wrapped to its width, never inside a number
        out.write("\n")
    for title, rows, spec in report.tables:
        render_rows(rows, table_columns(spec), "table", out, title=title)
        out.write("\n")
    _write_checks(report, out, markdown=False)


def write_markdown(report: Report, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(f"# {report.title}\n\n")
    for i, (heading, text) in enumerate(report.paragraphs, 1):
        out.write(f"## {chinese_numeral(i)}、{heading}\n\n{text}\n\n")
    for title, rows, spec in report.tables:
        cols = table_columns(spec)
        write_markdown_table(out, [c.zh for c in cols], [[human(c, r.get(c.key)) for c in cols] for r in rows], title)
        out.write("\n")
    _write_checks(report, out, markdown=True)


def _write_checks(report: Report, out: TextIO, markdown: bool) -> None:
    if not report.checks:
        return
    out.write("## 需要关注的事项\n\n" if markdown else "需要关注的事项\n")
    for c in report.checks:
        line = f"- [{SEVERITY_ZH.get(c['severity'], c['severity'])}] {c['message']}"
        if markdown:
            out.write(line + "\n")
        else:
            write_prose(out, line, indent="")
    out.write("\n")
