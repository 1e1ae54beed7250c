"""The docx report and archive as Word reads them (issue 16): page numbers, repeated header rows, Heading
styles, document properties, Chinese dates, right-aligned numbers, font fallbacks."""

from __future__ import annotations

import zipfile
from datetime import datetime, timedelta, timezone

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn


@pytest.fixture(scope="module")
def documents(_sample_db, tmp_path_factory):
    """The term report and an archive, written once for this module (from a copy of the sample database)."""
    import sqlite3

    from tests.helpers import Cli

    folder = tmp_path_factory.mktemp("docx")
    src, dst = sqlite3.connect(_sample_db), sqlite3.connect(folder / "sample.db")
    src.backup(dst)
    src.close()
    dst.close()
    sample = Cli(folder / "sample.db")
    report, archive = folder / "report.docx", folder / "archive.docx"
    sample("report", "term", "--term", "3", "--as-of", "2022-01-01", "--format", "docx", "-o", report)
    sample("deputy", "archive", "王桂芳", "--term", "3", "--format", "docx", "-o", archive)
    return report, archive


def test_page_numbers_on_the_outside_edge(documents):
    for path in documents:
        document = docx.Document(path)
        assert document.settings.odd_and_even_pages_header_footer
        section = document.sections[0]
        for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            p = footer.paragraphs[0]
            assert p.alignment == align
            xml = p._p.xml
            assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
            assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
            assert p.text.startswith("— ") and p.text.endswith(" —")


def test_tables_repeat_their_header_row_and_right_align_numbers(documents):
    for path in documents:
        document = docx.Document(path)
        assert document.tables
        for table in document.tables:
            assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
            assert all(r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None for r in table.rows[1:])
        numbers = [c for t in document.tables for r in t.rows[1:] for c in r.cells if c.text.isdigit()]
        assert numbers and all(c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in numbers)
        words = [c for t in document.tables for r in t.rows[1:] for c in r.cells
                 if c.text and not c.text[0].isdigit()]
        assert words and all(c.paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT for c in words)


def test_headings_use_heading_styles(documents):
    report, archive = documents
    styles = [(p.style.name, p.text) for p in docx.Document(report).paragraphs]
    h1 = [t for s, t in styles if s == "Heading 1"]
    assert h1[:3] == ["一、加强党的领导", "二、正确行使重大事项决定权", "三、积极做好人大监督工作"]
    assert "履职情况" in [p.text for p in docx.Document(archive).paragraphs if p.style.name == "Heading 1"]
    h = docx.Document(report).styles["Heading 1"]
    assert h.font.name == "黑体" and h.font.color.rgb == docx.shared.RGBColor(0, 0, 0)


def test_document_properties(documents):
    report, archive = documents
    for path, title in ((report, "三川镇第三届人民代表大会主席团工作报告"), (archive, "代表履职档案：王桂芳（第三届")):
        props = docx.Document(path).core_properties
        assert props.title.startswith(title)
        assert props.author == "三川镇人大主席团" and props.language == "zh-CN"
        created = props.created.replace(tzinfo=timezone.utc)
        assert abs(datetime.now(timezone.utc) - created) < timedelta(minutes=5)
        assert "python-docx" not in (props.comments + props.last_modified_by + props.author)
        styles = zipfile.ZipFile(path).read("word/styles.xml").decode()
        assert '<w:lang w:val="en-US" w:eastAsia="zh-CN"' in styles.split("</w:docDefaults>")[0]


def test_chinese_dates_and_the_archive_title(documents):
    report, archive = documents
    lines = [p.text for p in docx.Document(report).paragraphs if p.text]
    assert lines[0] == "三川镇第三届人民代表大会主席团工作报告"
    assert "统计日" not in " ".join(lines) and "2022年1月1日" not in " ".join(lines)  # printed later, not dated so
    lines = [p.text for p in docx.Document(archive).paragraphs]
    assert lines[0] == "代表履职档案：王桂芳" and "ID" not in lines[0]
    assert lines[1] == "第三届（2017年1月5日至2021年12月31日）"
    assert "届次：第三届" in lines[2] and "第3届" not in " ".join(lines[:3])  # (the summary is the service's)


def test_fonts_declare_what_stock_windows_has(documents):
    for path in documents:
        fonts = zipfile.ZipFile(path).read("word/fontTable.xml").decode()
        assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
        assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in fonts
