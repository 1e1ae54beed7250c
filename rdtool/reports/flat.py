"""The report as data for scripts: one row per figure (`section,key,label,value`), in csv, tsv or jsonl.

The rows are the JSON report's figures (docs/report.md) flattened: `section` is the JSON object holding the
figure ("" for a top-level value such as `as_of`), `key` its key inside it (a nested key is dotted:
`by_kind.training`), `label` its Chinese name, `value` the same value as in JSON. Rates are fractions in
[0, 1] (under `--headers zh` the percentage a person reads); the `checks` list is not a figure and is left out.
"""

from __future__ import annotations

from typing import Any, Iterator

from rdtool.labels import label

# (section, key) -> Chinese label; a figure added to the report contract gets its label here.
LABELS: dict[tuple[str, str], str] = {
    ("", "town"): "乡镇", ("", "as_of"): "统计日",
    ("period", "from"): "开始日期", ("period", "to"): "结束日期", ("period", "term"): "届次",
    ("presidium", "meetings"): "主席团会议（次）",
    ("presidium", "meetings_without_quorum"): "不足法定人数的主席团会议（次）",
    ("presidium", "decisions"): "研究决定重要事项（项）",
    ("presidium", "decisions_passed"): "其中通过（项）",
    ("presidium", "appointments"): "任免政府机关组成人员（人次）",
    ("congress", "sessions"): "人民代表大会会议（次）",
    ("congress", "sessions_without_quorum"): "不足法定人数的人民代表大会会议（次）",
    ("congress", "extraordinary"): "其中临时会议（次）",
    ("congress", "decisions"): "审议并决定重大事项（项）",
    ("congress", "elected"): "选举产生人大、政府组成人员（人次）",
    ("deputies", "township"): "镇人大代表（人）",
    ("deputies", "county"): "县人大代表（人）",
    ("deputies", "active_township"): "在任镇人大代表（人）",
    ("deputies", "active_county"): "在任县人大代表（人）",
    ("deputies", "party_share"): "党员比例",
    ("deputies", "women_share"): "妇女代表比例",
    ("deputies", "re_elected_share"): "连任代表比例",
    ("deputies", "presidium_members"): "主席团成员（人）",
    ("deputies", "presidium_party_share"): "主席团成员中党员比例",
    ("deputies", "minority_share"): "少数民族代表比例",
    ("deputies", "township_by_elected"): "其中补选的镇人大代表（人）",
    ("deputies", "county_by_elected"): "其中补选的县人大代表（人）",
    ("proposals", "received"): "收到议案、建议（件）",
    ("proposals", "motions"): "议案（件）",
    ("proposals", "suggestions"): "建议、批评和意见（条）",
    ("proposals", "motions_on_agenda"): "列入会议议程的议案（件）",
    ("proposals", "motions_as_suggestions"): "作为建议办理的议案（件）",
    ("proposals", "assigned"): "已交办",
    ("proposals", "replied"): "已答复",
    ("proposals", "closed"): "已办结",
    ("proposals", "overdue"): "逾期未答复",
    ("proposals", "reply_rate"): "答复率",
    ("proposals", "on_time_rate"): "按期答复率",
    ("proposals", "satisfaction_rate"): "满意率",
    ("proposals", "implementation_rate"): "解决落实率（A+B）",
    ("activities", "total"): "活动总数（次）",
    ("activities", "township"): "镇人大代表活动（次）",
    ("activities", "county"): "县人大代表活动（次）",
    ("activities", "training"): "学习培训（次）",
    # issue 23: the opening totals the figures include (only when the period covers them)
    ("carried_over", "term"): "录入前结转：届次", ("carried_over", "until"): "录入前结转：截止日期",
    **{("carried_over", k): f"其中录入前结转：{v}" for k, v in {
        "presidium_meetings": "主席团会议（次）", "congress_sessions": "人代会会议（次）",
        "decisions": "主席团决定事项（件）", "appointments": "任免（人次）", "suggestions": "代表建议（件）",
        "replied": "已答复（件）", "with_feedback": "有代表意见（件）", "satisfied": "满意或基本满意（件）",
        "activities": "代表活动（次）", "training": "学习培训（次）"}.items()},
}
NOT_FIGURES = ("checks",)


def is_rate(key: str) -> bool:
    return key.endswith(("_share", "_rate"))


def label_of(section: str, key: str) -> str:
    if (section, key) in LABELS:
        return LABELS[(section, key)]
    if section == "activities" and key.startswith("by_kind."):
        return f"其中{label('activity_kind', key.split('.', 1)[1])}（次）"
    return ""


def flat_rows(report_json: dict) -> Iterator[dict[str, Any]]:
    """Each figure of the JSON report as {section, key, label, value}, in the JSON's order."""
    for name, value in report_json.items():
        if name in NOT_FIGURES:
            continue
        if isinstance(value, dict):
            yield from _section(name, value)
        else:
            yield _row("", name, value)


def _section(section: str, figures: dict, prefix: str = "") -> Iterator[dict[str, Any]]:
    for key, value in figures.items():
        if isinstance(value, dict):
            yield from _section(section, value, f"{prefix}{key}.")
        else:
            yield _row(section, prefix + key, value)


def _row(section: str, key: str, value: Any) -> dict[str, Any]:
    return {"section": section, "key": key, "label": label_of(section, key), "value": value,
            "kind": "rate" if is_rate(key) else "int" if isinstance(value, int) else "text"}


def value_text(row: dict, zh: bool) -> Any:
    """The value cell of a CSV/TSV row: the JSON value, a rate as a percentage under zh."""
    from rdtool.render import Column
    from rdtool.cells import human

    if zh and row["kind"] == "rate":
        return human(Column("value", kind="rate"), row["value"])
    return row["value"]
