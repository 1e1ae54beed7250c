"""Report writers: text and markdown from their templates (rdtool.reports.text_templates), JSON and flat rows."""

from __future__ import annotations

import sys
from typing import TextIO

from pathlib import Path

from rdtool.render import Column, render_json, render_rows
from rdtool.tables import write_prose
from rdtool.reports.build import Report
from rdtool.reports.template_fields import RENAMED, context


def write_json(report: Report, out: TextIO | None = None) -> None:
    render_json(report.as_json(), out)


SECTION_ZH = {"period": "期间", "presidium": "主席团", "congress": "人民代表大会", "deputies": "代表",
              "proposals": "议案和建议", "activities": "代表活动"}  # 部分 under --headers zh: no codes
FLAT_COLUMNS = [Column("section", "部分"), Column("key", "键"), Column("label", "项目"), Column("value", "数值")]


def write_flat(report: Report, out: TextIO | None = None, fmt: str = "csv") -> None:
    """One row per figure (section,key,label,value) for scripts: rdtool.reports.flat."""
    from rdtool.render import output_options
    from rdtool.reports.flat import flat_rows, value_text

    zh = output_options().headers == "zh" and fmt != "jsonl"
    rows = ({**r, "value": value_text(r, zh), "section": SECTION_ZH.get(r["section"], r["section"]) if zh
             else r["section"]} for r in flat_rows(report.as_json()))
    render_rows(rows, FLAT_COLUMNS, fmt, out)


def write_text(report: Report, out: TextIO | None = None, template: Path | None = None, date: str | None = None,
               checks: bool = False) -> None:
    """The report from the text template (default: the seed's sections); on a terminal each paragraph is broken
    to its width (never inside a number) and each table fitted to it (rdtool.render), else written as it is."""
    from rdtool.tables import is_terminal

    out = out or sys.stdout
    ctx = context(report, date, checks)
    terminal = is_terminal(out)
    if terminal:  # a table becomes one marker line, printed below by render_rows to fit the terminal
        for key, table in ctx["tables"].items():
            table["text"] = f"\0{key}\0" if table["rows"] else ""
    specs = {key: spec for key, _, _, spec in report.tables}
    for line in _render(ctx, "text", template).splitlines():
        if terminal and line.startswith("\0") and line.strip("\0") in specs:
            key = line.strip("\0")
            cols = [Column(k, zh, kind="int" if kind == "int" else "text") for k, zh, kind in
                    [(RENAMED.get(k, k), zh, kind) for k, zh, kind in specs[key]]]
            render_rows(ctx["tables"][key]["rows"], cols, "table", out)
        elif terminal and line.strip():
            write_prose(out, line)
        else:
            out.write(line + "\n")


def write_markdown(report: Report, out: TextIO | None = None, template: Path | None = None,
                   date: str | None = None, checks: bool = False) -> None:
    """The report from the markdown template (numbers right-aligned in its tables)."""
    (out or sys.stdout).write(_render(context(report, date, checks), "md", template))


def _render(ctx: dict, fmt: str, template: Path | None) -> str:
    from rdtool.reports import text_templates as tt

    if template is None:
        return tt.render(tt.default_template(fmt), ctx)
    return tt.render(tt.read_template(template), ctx, template.name)
