"""Composite views of the performance archive (履职档案), built from the one renderer."""

from __future__ import annotations

import sys
from typing import TextIO

from rdtool.services.deputies.archive import figures, title_of
from rdtool.render import Column, render_json, render_record, render_rows

PROFILE = [Column("name", "姓名"), Column("levels", "代表层级"), Column("term", "届次"),
           Column("constituency", "选区"), Column("workplace", "工作单位及职务"), Column("party", "政治面貌", enum="party"),
           Column("presidium_role", "主席团职务", enum="presidium_role"), Column("status", "状态", enum="deputy_status"),
           Column("period", "期间")]
FIGURE_COLS = [Column("item", "项目"), Column("value", "数量")]
MEETING_COLS = [Column("code", "编号"), Column("date", "日期"), Column("kind", "会议", enum="meeting_kind"),
                Column("title", "名称"), Column("status", "出席情况", enum="attendance_record")]
PROPOSAL_COLS = [Column("code", "编号"), Column("submitted_on", "提出日期"), Column("kind", "类别", enum="proposal_kind"),
                 Column("role_zh", "身份"), Column("title", "标题"), Column("unit", "承办单位"),
                 Column("result", "办理结果", enum="proposal_result"), Column("feedback", "代表意见", enum="feedback")]
ACTIVITY_COLS = [Column("code", "编号"), Column("date", "日期"), Column("kind", "类别", enum="activity_kind"),
                 Column("level", "层级", enum="activity_level"), Column("title", "活动"), Column("subject", "对象")]
POINT_COLS = [Column("label", "积分项"), Column("count", "次数/件数"), Column("each", "每次分值"), Column("points", "得分")]

FLAT_KEYS = ["deputy_id", "name", "level", "term", "period_from", "period_to", "congress_meetings", "congress_present",
             "congress_leave", "congress_absent", "congress_unrecorded", "presidium_meetings", "presidium_present", "presidium_leave",
             "presidium_absent", "unexcused_absences", "proposals_led", "proposals_cosigned", "activities",
             "training", "points"]


FLAT_ZH = {"period_from": "开始日期", "period_to": "结束日期", "congress_meetings": "人代会（应出席）",
           "congress_present": "出席人代会", "congress_leave": "人代会请假", "congress_absent": "人代会缺席",
           "congress_unrecorded": "人代会未记录",
           "presidium_meetings": "主席团会议（应出席）", "presidium_present": "出席主席团会议",
           "presidium_leave": "主席团会议请假", "presidium_absent": "主席团会议缺席",
           "unexcused_absences": "未经批准缺席人代会", "proposals_led": "领衔议案建议", "proposals_cosigned": "附议议案建议",
           "activities": "代表活动", "training": "学习培训", "points": "履职积分"}


def flat(archive: dict) -> dict:
    d, c, pr = archive["deputy"], archive["congress"], archive["presidium"]
    return {"deputy_id": d["id"], "name": d["name"], "level": d["level"], "term": d["term"],
            "period_from": archive["period"]["from"], "period_to": archive["period"]["to"],
            "congress_meetings": c["meetings"],
            "congress_present": c["present"], "congress_leave": c["leave"], "congress_absent": c["absent"],
            "congress_unrecorded": c["unrecorded"],
            "presidium_meetings": pr["meetings"], "presidium_present": pr["present"], "presidium_leave": pr["leave"],
            "presidium_absent": pr["absent"], "unexcused_absences": archive["unexcused_absences"],
            "proposals_led": archive["proposals"]["led"], "proposals_cosigned": archive["proposals"]["cosigned"],
            "activities": archive["activities"]["activities"], "training": archive["activities"]["training"],
            "points": archive["points"]["total"]}


def levels_text(archive: dict) -> str:
    """The person's mandates in the archive: 镇(乡)人大代表、县人大代表 (one person, both levels)."""
    from rdtool.labels import label

    mandates = archive["deputy"].get("mandates") or [{"level": archive["deputy"]["level"]}]
    return "、".join(dict.fromkeys(label("level", m["level"]) for m in mandates))


def render_archive(archive: dict, fmt: str, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        render_json(archive, out)
        return
    if fmt in ("csv", "tsv", "jsonl"):
        render_rows([flat(archive)], [Column(k, FLAT_ZH.get(k, ""), enum="level" if k == "level" else None)
                                for k in FLAT_KEYS], fmt, out)
        return
    md = fmt == "md"
    if md:
        out.write(f"# {title_of(archive)}\n\n")
    profile = {**archive["deputy"], "period": f"{archive['period']['from']} 至 {archive['period']['to']}",
               "levels": levels_text(archive)}
    render_record(profile, PROFILE, fmt, out, title=None if md else title_of(archive))
    sections = [
        ("履职情况", figures(archive), FIGURE_COLS),
        ("会议出席", archive["meetings"], MEETING_COLS),
        ("议案、建议", [{**p, "role_zh": "领衔" if p["role"] == "lead" else "附议"} for p in archive["proposals"]["items"]],
         PROPOSAL_COLS),
        ("代表活动与学习培训", archive["activities"]["items"], ACTIVITY_COLS),
        ("履职积分", archive["points"]["parts"], POINT_COLS),
    ]
    for heading, rows, cols in sections:
        out.write("\n")
        if not rows:
            out.write(f"{'## ' if md else ''}{heading}：无\n")
            continue
        if md:
            out.write(f"## {heading}\n\n")
        render_rows(rows, cols, fmt, out, title=None if md else heading)
    out.write("\n## 小结\n\n" if md else "\n")
    if md:
        out.write(archive["summary"] + "\n")
    else:
        from rdtool.tables import write_prose

        write_prose(out, archive["summary"])  # on a terminal, lines that fit
