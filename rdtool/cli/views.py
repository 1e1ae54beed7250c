"""Composite views built from the one renderer: a report-like object shown as several tables."""

from __future__ import annotations

import sys

from rdtool.labels import label
from rdtool.render import Column, bar, render_json, render_rows
from rdtool.tables import is_terminal

_DIM_ZH = {"gender": "性别", "party": "政治面貌", "occupation": "代表构成", "education": "文化程度",
           "ethnicity": "民族", "age_band": "年龄", "re_elected": "连任"}


def render_composition(data: dict, fmt: str) -> None:
    """代表结构 as tables (with bars on a terminal), or the whole object as JSON."""
    if fmt == "json":
        render_json(data)
        return
    show_bars = fmt == "table" and is_terminal(sys.stdout)
    rows = []
    for dim, entries in data["dimensions"].items():
        for e in entries:
            rows.append({"dimension": dim, "dimension_zh": _DIM_ZH[dim], "code": e["code"], "label": e["label"],
                         "count": e["count"], "share": e["share"], "bar": bar(e["share"]) if show_bars else ""})
    targets = [{**t, "met_mark": "" if t["met"] is None else ("✓" if t["met"] else "✗"),
                "bar": bar(t["share"]) if show_bars else ""} for t in data["targets"]]
    if fmt in ("csv", "tsv", "jsonl"):
        render_rows(rows, [Column("dimension", "维度"), Column("code", "代码"), Column("label", "类别"),
                           Column("count", "人数"), Column("share", "比例", kind="rate")], fmt)
        return
    title = (f"第{data['term']}届{label('level', data['level'])}结构（{data['as_of']}在任 {data['total']} 人）")
    cols = [Column("dimension_zh", "维度"), Column("label", "类别"), Column("count", "人数"),
            Column("share", "比例", kind="rate")]
    if show_bars:
        cols.append(Column("bar", "比例图"))
    render_rows(rows, cols, fmt, title=title)
    tcols = [Column("label", "目标"), Column("count", "人数"), Column("base", "基数"),
             Column("share", "实际", kind="rate"), Column("target_text", "目标值"), Column("met_mark", "达标")]
    if show_bars:
        tcols.append(Column("bar", "比例图"))
    sys.stdout.write("\n")
    render_rows(targets, tcols, fmt, title="结构目标")
