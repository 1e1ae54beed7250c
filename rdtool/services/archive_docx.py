"""The performance archive as a Word document (.docx), for printing and reporting back to voters.

python-docx is imported only here, only when a .docx is asked for.
"""

from __future__ import annotations

import os
from pathlib import Path

from rdtool.errors import RdtoolError, UsageError
from rdtool.labels import label


def _table(doc, head: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = "" if text is None else str(text)


def write(archive: dict, path: Path) -> Path:
    """Write the archive to `path` (mode 0600) and return it."""
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise RdtoolError("未安装 python-docx，无法生成 .docx", "pip install python-docx") from None
    from rdtool.services.archive import figures, title_of

    if path.is_dir():
        raise UsageError(f"输出路径是一个目录：{path}")
    if not path.parent.exists():
        raise UsageError(f"输出目录不存在：{path.parent}")
    d = archive["deputy"]
    doc = docx.Document()
    doc.add_heading(title_of(archive), level=1)
    doc.add_paragraph(
        f"姓名：{d['name']}　代表层级：{label('level', d['level'])}　届次：第{d['term']}届　"
        f"选区：{d.get('constituency') or '—'}　期间：{archive['period']['from']} 至 {archive['period']['to']}")
    if d.get("workplace"):
        doc.add_paragraph(f"工作单位及职务：{d['workplace']}")
    doc.add_heading("履职情况", level=2)
    _table(doc, ["项目", "数量"], [[f["item"], f["value"]] for f in figures(archive)])
    if archive["proposals"]["items"]:
        doc.add_heading("议案、建议", level=2)
        _table(doc, ["编号", "提出日期", "身份", "标题", "办理结果", "代表意见"],
               [[p["code"], p["submitted_on"], "领衔" if p["role"] == "lead" else "附议", p["title"],
                 label("proposal_result", p["result"]), label("feedback", p["feedback"])]
                for p in archive["proposals"]["items"]])
    if archive["activities"]["items"]:
        doc.add_heading("代表活动与学习培训", level=2)
        _table(doc, ["编号", "日期", "类别", "活动", "对象"],
               [[a["code"], a["date"], label("activity_kind", a["kind"]), a["title"], a["subject"]]
                for a in archive["activities"]["items"]])
    doc.add_heading("履职积分", level=2)
    _table(doc, ["积分项", "次数/件数", "每次分值", "得分"],
           [[p["label"], p["count"], p["each"], p["points"]] for p in archive["points"]["parts"]])
    doc.add_heading("小结", level=2)
    doc.add_paragraph(archive["summary"])
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    doc.save(str(path))
    os.chmod(path, 0o600)
    return path
