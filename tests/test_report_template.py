"""The work report from her template (issue 25): the default document reads like the seed; her narrative survives
a re-run with new figures (docx and md); fields are documented; bad templates are clear errors; GB/T 9704 layout."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn

from tests.helpers import dump

AS_OF = "2026-11-28"
SECTIONS = ["一、加强党的领导", "二、正确行使重大事项决定权", "三、积极做好人大监督工作", "四、做好代表选举和人民代表大会会议工作",
            "五、进一步加强代表工作", "六、加强主席团自身建设", "七、存在的问题和建议"]


def texts(path) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs if p.text.strip()]


def term_docx(sample, path, *extra):
    sample("report", "term", "--term", "3", "--as-of", AS_OF, "--format", "docx", "-o", path, *extra)
    return path


def test_the_default_document_reads_like_the_seed(sample, tmp_path):
    fig = sample.json("report", "term", "--term", "3", "--as-of", AS_OF)
    lines = texts(term_docx(sample, tmp_path / "r.docx"))
    assert lines[0] == "三川镇第三届人民代表大会主席团工作报告"
    assert lines[1].startswith("第三届人民代表大会第一次会议以来，镇人大主席团") and lines[1].endswith("请予审议。")
    headings = [t for t in lines if t in SECTIONS]
    assert headings == SECTIONS
    body = "\n".join(lines)
    p, c = fig["presidium"], fig["congress"]
    assert f"召开主席团会议{p['meetings']}次，研究决定重要事项{p['decisions']}项" in body
    assert f"召开人民代表大会会议{c['sessions']}次（其中临时会议{c['extraordinary']}次）" in body
    assert f"开展镇人大代表活动{fig['activities']['township']}次" in body
    # her narrative's places are marked, in yellow
    marked = [p for p in docx.Document(tmp_path / "r.docx").paragraphs if p.text.startswith("【请在此撰写")]
    assert len(marked) == 3 and all(r.font.highlight_color is not None for p in marked for r in p.runs)
    # 落款: the presidium and the term's last day (not the day it was printed); GB/T 9704: the date four characters
    # in from the right margin, the presidium centred over it (both centred on one tab stop)
    end = lines.index("附表") if "附表" in lines else len(lines)
    assert lines[end - 2:end] == ["\t三川镇人民代表大会主席团", "\t2021年12月31日"]
    signed = [p for p in docx.Document(tmp_path / "r.docx").paragraphs if p.text.startswith("\t")][-2:]
    stops = [[(t.alignment, round(t.position.pt, 1)) for t in p.paragraph_format.tab_stops] for p in signed]
    centre = 156 / 25.4 * 72 - 4 * 15.75 - (3 + 8 / 2) * 15.75 / 2  # 2021年12月31日: 3 characters, 8 digits
    assert stops[0] == stops[1] == [(WD_TAB_ALIGNMENT.CENTER, round(centre, 1))]
    # the checks are db check's, not the report's
    assert "需要关注的事项" not in body and "[提醒]" not in body


def test_date_and_checks_when_asked(sample, tmp_path):
    path = term_docx(sample, tmp_path / "r.docx", "--date", "2022-01-06", "--checks")
    lines = texts(path)
    assert "\t2022年1月6日" in lines and "\t2021年12月31日" not in lines[-40:]
    checks = sample.json("report", "term", "--term", "3", "--as-of", AS_OF)["checks"]
    assert checks and "需要关注的事项" in lines
    assert any(t.startswith("【提醒】") or t.startswith("【错误】") for t in lines)
    sample.fails("report", "term", "--term", "3", "--format", "docx", "-o", tmp_path / "x.docx", "--date", "明天",
                 code=1)
    assert not (tmp_path / "x.docx").exists()


def _replace_paragraph(document, startswith: str, new: str) -> None:
    """Her edit in Word: a paragraph's text replaced (one run, as Word writes it)."""
    p = next(p for p in document.paragraphs if p.text.startswith(startswith))
    for r in p.runs[1:]:
        r._r.getparent().remove(r._r)
    p.runs[0].text = new
    p.runs[0].font.highlight_color = None


def test_her_word_template_keeps_her_narrative_and_takes_new_figures(sample, tmp_path):
    template = tmp_path / "模板.docx"
    sample("report", "template", "-o", template)
    document = docx.Document(template)
    narrative = "镇党委把人大工作纳入党委工作全局，每年至少听取1次人大主席团工作汇报。"
    _replace_paragraph(document, "【请在此撰写党的领导", narrative)
    _replace_paragraph(document, "五、进一步加强代表工作", "五、切实加强代表工作")
    document.add_paragraph("她加在最后的一段话。")
    document.save(template)

    def render(name: str):
        out = tmp_path / name
        sample("report", "annual", "--year", "2019", "--as-of", AS_OF, "--format", "docx",
               "--template", template, "-o", out)
        return "\n".join(texts(out))

    before = sample.json("report", "annual", "--year", "2019", "--as-of", AS_OF)["presidium"]["meetings"]
    first = render("一.docx")
    assert narrative in first and "五、切实加强代表工作" in first and "她加在最后的一段话。" in first
    assert f"召开主席团会议{before}次" in first and "{{" not in first and "{%" not in first
    sample("meeting", "add", "--kind", "主席团", "--date", "2019-05-08", "--present", "9", "--entitled", "9")
    after = sample.json("report", "annual", "--year", "2019", "--as-of", AS_OF)["presidium"]["meetings"]
    assert after == before + 1
    second = render("二.docx")
    assert narrative in second and "她加在最后的一段话。" in second
    assert f"召开主席团会议{after}次" in second and f"召开主席团会议{before}次" not in second
    assert "三川镇人大主席团2019年工作报告" in second and "2019年12月31日" in second


def test_markdown_template_works_the_same_way(sample, tmp_path):
    template = tmp_path / "模板.md"
    sample("report", "template", "--format", "md", "-o", template)
    source = template.read_text("utf-8")
    assert "{{ text.meetings }}" in source
    template.write_text(source.replace("【请在此撰写存在的问题和建议。】", "一是镇人大人员编制不足。"), "utf-8")
    md = sample("report", "term", "--term", "3", "--as-of", AS_OF, "--format", "md", "--template", template).stdout
    assert "一是镇人大人员编制不足。" in md and "【请在此撰写存在的问题和建议。】" not in md
    fig = sample.json("report", "term", "--term", "3", "--as-of", AS_OF)
    assert f"召开主席团会议{fig['presidium']['meetings']}次" in md
    # numbers right-aligned in md tables; the dimension written once per group
    assert "| 维度 | 类别 | 人数 | 比例 |\n|---|---|---:|---:|" in md
    assert md.count("| 性别 |") == 1
    text = sample("report", "term", "--term", "3", "--as-of", AS_OF, "--format", "text").stdout
    assert text.startswith("三川镇第三届人民代表大会主席团工作报告") and "二、正确行使重大事项决定权" in text


def test_every_field_is_documented_and_resolves(sample, tmp_path):
    """docs/report.md lists FIELDS (generated); every name there is in the context and every context name there."""
    from pathlib import Path

    from rdtool.reports.template_fields import FIELDS, SECTIONS

    ctx_names = set()
    md = sample("report", "term", "--term", "3", "--as-of", AS_OF, "--format", "md", "--template",
                _template_of_all(tmp_path, FIELDS)).stdout
    for line in md.splitlines():
        name, _, value = line.partition("=")
        ctx_names.add(name)
        assert value not in ("", "None") or name in ("county", "checks"), name
    documented = {n for n, _ in FIELDS if " " not in n and n != "pct"}
    assert documented <= ctx_names
    doc = (Path(__file__).parent.parent / "docs" / "report.md").read_text("utf-8")
    assert all(f"`{{{{ {n} }}}}`" in doc for n in documented)
    assert all(s in "presidium congress deputies proposals activities" for s in SECTIONS)


def _template_of_all(folder, fields):
    lines = [f"{n}={{{{ {n} }}}}" for n, _ in fields if " " not in n and n != "pct"]
    lines.append("pct={{ deputies.party_share|pct }}")
    path = folder / "all.md"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.mark.parametrize("content, expect", [
    ("{{ presidum.meetings }}", "字段 presidum 不存在"),
    ("{{ presidium.meeting }}", "字段 meeting 不存在"),
    ("{% if checks %}没有结束", "字段标记有误"),
])
def test_a_bad_text_template_is_a_clear_error_and_writes_nothing(sample, tmp_path, content, expect):
    template = tmp_path / "bad.md"
    template.write_text(content, "utf-8")
    failed = sample.fails("report", "term", "--term", "3", "--format", "md", "--template", template,
                          "-o", tmp_path / "out.md")
    assert expect in failed.stderr and "docs/report.md" in failed.stderr and "Traceback" not in failed.stderr
    assert not (tmp_path / "out.md").exists()


def test_a_bad_word_template_is_a_clear_error_and_writes_nothing(sample, tmp_path):
    template = tmp_path / "模板.docx"
    sample("report", "template", "-o", template)
    document = docx.Document(template)
    document.add_paragraph("{{ deputies.womens_share }}")
    document.save(template)
    out = tmp_path / "out.docx"
    failed = sample.fails("report", "term", "--term", "3", "--format", "docx", "--template", template, "-o", out)
    assert "womens_share 不存在" in failed.stderr and not out.exists()
    (tmp_path / "not.docx").write_text("not a document", "utf-8")
    failed = sample.fails("report", "term", "--term", "3", "--format", "docx", "--template", tmp_path / "not.docx",
                          "-o", out)
    assert "不是 Word 文档" in failed.stderr and not out.exists()
    failed = sample.fails("report", "term", "--term", "3", "--format", "json", "--template", template, code=2)
    assert "--template" in failed.stderr


# ---- GB/T 9704 ---------------------------------------------------------------------------------------------

def test_gbt_9704_grid_styles_and_language(sample, tmp_path):
    path = term_docx(sample, tmp_path / "r.docx")
    document = docx.Document(path)
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 22 lines: 22 × 28.95 pt = 225 mm
    normal = document.styles["Normal"]
    assert normal.font.name == "仿宋_GB2312" and normal.font.size.pt == 16
    rpr = normal.element.rPr
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert rpr.find(qn("w:spacing")).get(qn("w:val")) == "-5"  # 28 characters of 16 pt fit 156 mm
    assert normal.paragraph_format.line_spacing.twips == 579
    settings = zipfile.ZipFile(path).read("word/settings.xml").decode()
    assert 'w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"' in settings
    h1 = document.styles["Heading 1"]
    assert h1.paragraph_format.first_line_indent.pt == pytest.approx(31.5)  # two characters in
    appendix = next(p for p in document.paragraphs if p.text == "附表")
    assert appendix.paragraph_format.page_break_before
    captions = [p for p in document.paragraphs if p.text.startswith("附表") and p.text != "附表"]
    assert [c.text[:3] for c in captions] == ["附表1", "附表2", "附表3"]
    assert all(c.alignment == WD_ALIGN_PARAGRAPH.CENTER for c in captions)


def test_appended_tables_merge_the_dimension_and_write_percent_as_the_text(sample, tmp_path):
    path = term_docx(sample, tmp_path / "r.docx")
    document = docx.Document(path)
    composition = document.tables[0]
    first_column = [r.cells[0].text for r in composition.rows[1:]]
    merged = [tc for tc in composition._tbl.iter(qn("w:vMerge"))]
    assert merged and first_column.count("性别") == len([r for r in composition.rows[1:]
                                                        if r.cells[1].text in ("男", "女")])  # one merged cell
    restarts = [m for m in merged if m.get(qn("w:val")) == "restart"]
    assert len(restarts) == len({t for t in first_column})
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "100%" in cells and not any(c.endswith(".0%") for c in cells)
    body = "\n".join(texts(path))
    assert "100%" in body and ".0%" not in body


def test_template_command_refuses_to_overwrite_and_changes_no_database(sample, tmp_path):
    before = dump(sample.db)
    target = tmp_path / "模板.docx"
    sample("report", "template", "-o", target)
    assert zipfile.is_zipfile(target)
    failed = sample("report", "template", "-o", target, expect=2)
    assert "--force" in failed.stderr
    sample("report", "template", "--format", "text", "-o", tmp_path / "模板.txt")
    assert "{{ text.supervision }}" in (tmp_path / "模板.txt").read_text("utf-8")
    assert dump(sample.db) == before


def test_the_archive_sizes_columns_by_printed_width_and_writes_dates_one_way(sample, tmp_path):
    from rdtool.reports.docx_layout import text_em

    path = tmp_path / "档案.docx"
    sample("deputy", "archive", "王桂芳", "--term", "3", "--format", "docx", "-o", path)
    document = docx.Document(path)
    body = "\n".join(p.text for p in document.paragraphs)
    assert "2017年1月5日至2021年12月31日" in body.split("小结")[-1] and "2017-01-05" not in body
    for table in document.tables:
        head = [c.text for c in table.rows[0].cells]
        size = 12 if len(head) <= 4 else 10.5  # (五号 in a table of five or more columns)
        for i, name in enumerate(head):
            if name in ("日期", "提出日期", "编号"):
                width_mm = table.columns[i].width.mm
                longest = max(text_em(r.cells[i].text) for r in table.rows)
                assert width_mm >= longest * size * 25.4 / 72 + 4 - 0.01, (name, width_mm)  # never wraps
                assert all("-" not in r.cells[i].text for r in table.rows[1:]) or name == "编号"


def test_report_csv_for_people_has_no_codes_in_its_section_column_and_md_right_aligns(sample):
    import csv
    import io

    zh = list(csv.DictReader(io.StringIO(sample("report", "term", "--term", "3", "--as-of", AS_OF, "--format", "csv",
                                                "--headers", "zh").stdout)))
    sections = {r["部分"] for r in zh}
    assert {"主席团", "人民代表大会", "代表", "议案和建议", "代表活动", "期间"} <= sections
    assert not sections & {"presidium", "congress", "deputies", "proposals", "activities", "period"}
    en = sample("report", "term", "--term", "3", "--as-of", AS_OF, "--format", "csv").stdout
    assert "\npresidium,meetings," in en  # machine CSV unchanged
    md = sample("meeting", "list", "--format", "md").stdout.splitlines()
    head = [h.strip() for h in md[0].strip("|").split("|")]
    align = md[1].strip("|").split("|")
    assert align[head.index("出席人数")] == "---:" and align[head.index("标题")] == "---"
