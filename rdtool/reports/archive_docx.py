"""The performance archive as a Word document (.docx), for printing and reporting back to voters.

Same layout as the reports (rdtool.reports.docx_layout); python-docx is imported only when used.
"""

from __future__ import annotations

from typing import BinaryIO

from rdtool.labels import chinese_date, chinese_numeral, label
from rdtool.reports import docx_layout as layout


def period_text(period: dict) -> str:
    """第三届（2017年1月5日至2021年12月31日）, 2019年, or 2019年3月1日至2019年6月30日: for a printed page."""
    span = f"{chinese_date(period['from'])}至{chinese_date(period['to'])}"
    if period.get("year"):
        return f"{period['year']}年"
    if period.get("term"):
        return f"第{chinese_numeral(period['term'])}届（{span}）"
    return span


def write(archive: dict, out: BinaryIO, town: str = "") -> None:
    """Write the archive into `out` (a handle rdtool.output_file.open_binary gave). The printed title names
    the deputy without the database's id (the id is for telling same-name deputies apart on the command line)."""
    from rdtool.services.deputies.archive import figures, summary_text

    d = archive["deputy"]
    heading = f"代表履职档案：{d['name']}"
    doc = layout.new_document(f"{heading}（{period_text(archive['period'])}）", f"{town}人大主席团" if town else "")
    layout.title(doc, heading)
    layout.paragraph(doc, period_text(archive["period"]), size=14, center=True)
    layout.paragraph(
        doc, f"姓名：{d['name']}　代表层级：{'、'.join(dict.fromkeys(label('level', m['level']) for m in d.get('mandates') or [d]))}　届次：第{chinese_numeral(d['term'])}届　"
        f"选区：{d.get('constituency') or '—'}")
    if d.get("workplace"):
        layout.paragraph(doc, f"工作单位及职务：{d['workplace']}")
    layout.heading(doc, "履职情况")
    layout.table(doc, ["项目", "数量"], [[f["item"], f["value"]] for f in figures(archive)])
    if archive["proposals"]["items"]:
        layout.heading(doc, "议案、建议")
        layout.table(doc, ["编号", "提出日期", "身份", "标题", "办理结果", "代表意见"],
                     [[p["code"], chinese_date(p["submitted_on"]), "领衔" if p["role"] == "lead" else "附议", p["title"],
                       label("proposal_result", p["result"]), label("feedback", p["feedback"])]
                      for p in archive["proposals"]["items"]])
    if archive["activities"]["items"]:
        layout.heading(doc, "代表活动与学习培训")
        layout.table(doc, ["编号", "日期", "类别", "活动", "对象"],
                     [[a["code"], chinese_date(a["date"]), label("activity_kind", a["kind"]), a["title"], a["subject"]]
                      for a in archive["activities"]["items"]])
    layout.heading(doc, "履职积分")
    layout.table(doc, ["积分项", "次数/件数", "每次分值", "得分"],
                 [[p["label"], p["count"], p["each"], p["points"]] for p in archive["points"]["parts"]])
    layout.heading(doc, "小结")
    layout.paragraph(doc, summary_text(archive, period_text(archive["period"])), indent=True)  # dates as 年月日
    layout.save(doc, out)
