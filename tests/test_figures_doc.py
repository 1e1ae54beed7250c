"""docs/figures.md defines exactly the report's JSON keys (it is hand-written; nothing regenerates it)."""

from __future__ import annotations

import re

from tests.helpers import ROOT


def _documented() -> set[str]:
    text = (ROOT / "docs" / "figures.md").read_text(encoding="utf-8")
    keys_part = text.split("## 数据库里的视图")[0]
    return set(re.findall(r"^\| `([a-z_]+(?:\.[a-z_]+)?)` \|", keys_part, flags=re.M))


def _report_keys(fig: dict) -> set[str]:
    out = set()
    for key, value in fig.items():
        if isinstance(value, dict):
            out.update(f"{key}.{k}" for k in value)
        else:
            out.add(key)
    return out


def test_the_figures_doc_defines_every_report_key_and_no_other(sample):
    for args in (("term", "--term", "3"), ("annual", "--year", "2019"), ("range", "--from", "2019-01-01",
                                                                         "--to", "2019-06-30")):
        fig = sample.json("report", *args, "--as-of", "2026-11-28")
        # carried_over (录入前结转) is there only when the period covers a term's opening totals (issue 23;
        # tests/test_opening_totals.py checks its keys)
        assert {k for k in _documented() if not k.startswith("carried_over.")} == _report_keys(fig), args


def test_the_figures_doc_names_every_view():
    from rdtool.store import label_views
    from rdtool.store.report_views import all_views

    text = (ROOT / "docs" / "figures.md").read_text(encoding="utf-8")
    views = set(re.findall(r"^\| `([a-z_]+)` \| ", text.split("## 数据库里的视图")[1], flags=re.M))
    # (the Chinese views, one per table, are docs/datasette.md's)
    assert views == {name for name, _ in all_views()} - set(label_views.NAMES.values())


def test_the_figures_doc_lists_each_views_columns(sample):
    import sqlite3

    text = (ROOT / "docs" / "figures.md").read_text(encoding="utf-8").split("## 数据库里的视图")[1]
    period = ["kind", "year", "term", "date_from", "date_to", "as_of"]
    conn = sqlite3.connect(sample.db)
    for name, cell in re.findall(r"^\| `([a-z_]+)` \| [^|]+ \| `([^`]+)`", text, flags=re.M):
        actual = [r[1] for r in conn.execute(f"PRAGMA table_info({name})")]
        if actual[:6] == period and name != "report_periods":
            actual = actual[6:]
        assert cell.split(", ") == actual, name
    conn.close()
