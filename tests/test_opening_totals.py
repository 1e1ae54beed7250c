"""Issue 23: a township adopting rdtool mid-term enters the paper years' totals once; they are part of the term's
figures (docs/figures.md, 录入前结转) and shown as carried over; a calendar year cannot split them."""

from __future__ import annotations

import json
import re

from tests.helpers import ROOT, Cli, add_deputy

TOTALS = ("--until", "2024-06-30", "--presidium-meetings", "20", "--congress-sessions", "4", "--decisions", "30",
          "--appointments", "6", "--suggestions", "85", "--replied", "80", "--with-feedback", "75",
          "--satisfied", "70", "--activities", "40", "--training", "6")


def _town(tmp_path) -> Cli:
    cli = Cli(tmp_path / "t.db")
    cli("init", "--town", "河南镇", "--term", "18", "--term-start", "2021-12-28", "--term-end", "2026-12-27")
    for n in ("高志远", "李秀英", "王建军"):
        add_deputy(cli, n, "--elected-on", "2021-11-20", term=18)
    # what was entered record by record from adoption on
    cli("meeting", "add", "--kind", "主席团", "--date", "2024-07-10", "--number", "21")
    cli("proposal", "submit", "关于修缮便民桥的建议", "--lead", "高志远", "--date", "2024-07-15")
    cli("activity", "add", "视察美丽乡村建设", "--kind", "视察", "--date", "2024-08-02", "-p", "高志远、李秀英")
    return cli


def _report(cli: Cli, *args) -> dict:
    return json.loads(cli("report", *args, "--as-of", "2025-01-10", "--format", "json").stdout)


def test_opening_totals_enter_the_terms_figures_and_say_so(tmp_path):
    cli = _town(tmp_path)
    before = _report(cli, "term", "--term", "18")
    assert "carried_over" not in before
    out = cli("term", "opening", "18", *TOTALS, "--notes", "据2022—2024年工作台账").stdout
    assert out.startswith("已录入第18届录入前结转") and "opening_totals" not in out
    after = _report(cli, "term", "--term", "18")
    c = after["carried_over"]
    assert c["until"] == "2024-06-30" and c["presidium_meetings"] == 20
    # each total enters the figures docs/figures.md names, added to what the records give
    assert after["presidium"]["meetings"] == before["presidium"]["meetings"] + 20
    assert after["presidium"]["decisions_passed"] == before["presidium"]["decisions_passed"] + 30
    assert after["presidium"]["appointments"] == before["presidium"]["appointments"] + 6
    assert after["congress"]["sessions"] == before["congress"]["sessions"] + 4
    assert after["proposals"]["suggestions"] == before["proposals"]["suggestions"] + 85
    assert after["proposals"]["replied"] == before["proposals"]["replied"] + 80
    assert after["proposals"]["satisfaction_rate"] == 70 / 75  # the record has no feedback yet
    assert after["activities"]["total"] == before["activities"]["total"] + 46
    assert after["activities"]["training"] == before["activities"]["training"] + 6
    # the documented keys, exactly
    text = (ROOT / "docs" / "figures.md").read_text(encoding="utf-8").split("## 数据库里的视图")[0]
    documented = set(re.findall(r"^\| `carried_over\.([a-z_]+)` \|", text, flags=re.M))
    assert documented == set(c)
    # shown as carried over in the report people read
    text = cli("report", "term", "--term", "18", "--as-of", "2025-01-10").stdout
    assert "录入前结转" in text and "2024年6月30日以前纸面记录的合计" in text and "主席团会议20次" in text
    # a calendar year cannot split them: 2024's figures are those of its records
    assert "carried_over" not in _report(cli, "annual", "--year", "2024")
    assert _report(cli, "annual", "--year", "2024")["presidium"]["meetings"] == 1


def test_opening_totals_are_corrected_item_by_item_checked_and_undone(tmp_path):
    cli = _town(tmp_path)
    cli("term", "opening", "18", *TOTALS)
    out = cli("term", "opening", "18", "--satisfied", "72", "--reason", "台账核对").stdout
    assert "满意或基本满意 70 → 72" in out
    assert cli.json("term", "opening", "18")["satisfied"] == 72
    r = cli.fails("term", "opening", "18", "--replied", "90")
    assert "已答复" in r.stderr and "90" in r.stderr and "85" in r.stderr
    r = cli.fails("term", "opening", "18", "--until", "2027-01-01")
    assert "不在第18届" in r.stderr
    cli.fails("term", "opening", "19", "--until", "2024-06-30", "--suggestions", "3", code=1)
    cli("undo", "--yes")
    assert cli.json("term", "opening", "18")["satisfied"] == 70
    # records entered inside the span the totals count: said (they would be counted twice)
    r = cli("meeting", "add", "--kind", "主席团", "--date", "2024-05-10", "--number", "20")
    r = cli("term", "opening", "18", "--presidium-meetings", "19")
    assert "已逐条录入了主席团会议 1 次" in r.stderr


def test_the_calendar_checks_leave_the_paper_years_alone(tmp_path):
    cli = _town(tmp_path)

    def calendar() -> set[str]:
        from rdtool.cli.main import app

        result = cli.runner.invoke(app, ["--db", str(cli.db), "db", "check", "--as-of", "2025-01-10",
                                         "--format", "json"])
        return {y for f in json.loads(result.stdout) if f["check"].startswith(("congress_session",
                                                                                 "presidium_meetings"))
                for y in f["record"].split(",")}

    cli("meeting", "add", "--kind", "人代会", "--date", "2021-12-28")  # the term's first session, entered
    assert {"2022", "2023"} <= calendar()
    cli("term", "opening", "18", *TOTALS)
    assert not {"2022", "2023"} & calendar()
