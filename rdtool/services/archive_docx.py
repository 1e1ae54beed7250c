"""The performance archive as a Word document (.docx), for printing and reporting back to voters.

Same layout as the reports (rdtool.reports.docx_layout); python-docx is imported only when used.
"""

from __future__ import annotations

from pathlib import Path

from rdtool.labels import label
from rdtool.reports import docx_layout as layout

def write(archive: dict, path: Path) -> Path:
    """Write the archive to `path` (a temporary file of rdtool.output_file) and return it."""
    from rdtool.services.archive import figures, title_of

    d = archive["deputy"]
    doc = layout.new_document()
    layout.title(doc, title_of(archive))
    layout.paragraph(
        doc, f"姓名：{d['name']}　代表层级：{label('level', d['level'])}　届次：第{d['term']}届　"
        f"选区：{d.get('constituency') or '—'}　期间：{archive['period']['from']} 至 {archive['period']['to']}")
    if d.get("workplace"):
        layout.paragraph(doc, f"工作单位及职务：{d['workplace']}")
    layout.heading(doc, "履职情况")
    layout.table(doc, ["项目", "数量"], [[f["item"], f["value"]] for f in figures(archive)])
    if archive["proposals"]["items"]:
        layout.heading(doc, "议案、建议")
        layout.table(doc, ["编号", "提出日期", "身份", "标题", "办理结果", "代表意见"],
                     [[p["code"], p["submitted_on"], "领衔" if p["role"] == "lead" else "附议", p["title"],
                       label("proposal_result", p["result"]), label("feedback", p["feedback"])]
                      for p in archive["proposals"]["items"]])
    if archive["activities"]["items"]:
        layout.heading(doc, "代表活动与学习培训")
        layout.table(doc, ["编号", "日期", "类别", "活动", "对象"],
                     [[a["code"], a["date"], label("activity_kind", a["kind"]), a["title"], a["subject"]]
                      for a in archive["activities"]["items"]])
    layout.heading(doc, "履职积分")
    layout.table(doc, ["积分项", "次数/件数", "每次分值", "得分"],
                 [[p["label"], p["count"], p["each"], p["points"]] for p in archive["points"]["parts"]])
    layout.heading(doc, "小结")
    layout.paragraph(doc, archive["summary"], indent=True)
    return layout.save(doc, path)
