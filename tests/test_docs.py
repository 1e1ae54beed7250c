"""docs/ is generated from the code where the code is the source (issue 16), and nothing points outside the
repository."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from rdtool import docsgen
from rdtool.cli.main import app
from tests.helpers import ROOT


def test_generated_docs_match_the_code():
    stale = docsgen.outdated()
    assert not stale, (f"{', '.join(str(p.relative_to(ROOT)) for p in stale)} out of date: "
                       f"run {docsgen.COMMAND} and commit docs/")


def test_every_generated_part_is_used_and_every_file_is_linked():
    text = {p.name: p.read_text("utf-8") for p in (ROOT / "docs").glob("*.md")}
    used = {name for t in text.values() for name in re.findall(r"<!-- generated: ([\w-]+) -->", t)}
    assert used == set(docsgen.PARTS)
    index = text["README.md"]
    assert all(name in index for name in text if name != "README.md")
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "docs/README.md" in readme and "docs/csv.md" in readme


def test_the_generator_picks_up_what_is_added(monkeypatch):
    from rdtool.io import table as importer
    from rdtool.services.transfer import registry as kinds

    monkeypatch.setitem(kinds.KINDS, "extra_terms", "rdtool.services.terms.terms:KIND")
    real = importer.accepted_headers

    def with_alias(kind):
        return {**real(kind), "届别": "number"} if kind.name == "terms" else real(kind)

    monkeypatch.setattr(importer, "accepted_headers", with_alias)
    text = docsgen.csv_kinds()
    assert "### extra_terms（届次）" in text
    assert re.search(r"\| `number` \| 届次 \| 是 \| 整数 \|[^\n]*\| 届别 \|", text)


def test_docs_cite_what_the_code_says():
    commands = (ROOT / "docs" / "commands.md").read_text("utf-8")
    assert "### rdtool report term" in commands and "--headers <en|zh>" in commands
    rules = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert "组织法 第十四条第四款" in rules and "`majority.quorum`" in rules
    assert "代表法 第六十二条第三项" in rules
    schema = (ROOT / "docs" / "schema.md").read_text("utf-8")
    assert "### `deputies` 代表（表）" in schema and "`id_number` | 身份证号" in schema
    csv_doc = (ROOT / "docs" / "csv.md").read_text("utf-8")
    assert "| `gender` | 性别 | 是 | 代码 | `male` 男 · `female` 女 |" in csv_doc
    assert "xlsx 工作表名：代表名册" in csv_doc


def test_root_help_and_report_help_point_to_the_docs():
    out = CliRunner().invoke(app, ["--help"]).output
    assert "docs/commands.md" in out and "docs/csv.md" in out
    out = CliRunner().invoke(app, ["report", "--help"]).output
    assert "docs/report.md" in out and "DESIGN" not in out


def test_nothing_points_outside_the_repository():
    files = [*ROOT.glob("rdtool/**/*.py"), ROOT / "README.md", *ROOT.glob("docs/*.md")]
    for path in files:
        text = path.read_text("utf-8")
        assert "DESIGN.md" not in text, path
        assert "/work/" not in text and "shared/laws" not in text, path
