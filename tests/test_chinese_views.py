"""The records in Chinese for the county's tools (issue 25): views named in Chinese with Chinese column names and
values (女, 中共党员), which Datasette lists and facets on; the English tables keep the codes."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3

import pytest

from rdtool.labels import ENUMS
from rdtool.record_names import BOOL_COLUMNS, COLUMN_ENUMS
from rdtool.store import label_views


def _rows(db, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def test_every_coded_column_shows_its_labels_and_every_view_its_records(sample):
    for table, view in label_views.NAMES.items():
        shown = label_views.columns(table)
        has_void = any(r[1] == "voided_at" for r in _rows(sample.db, f'PRAGMA table_info("{table}")'))
        kept = _rows(sample.db, f'SELECT count(*) FROM "{table}"' + (" WHERE voided_at IS NULL" if has_void else ""))
        assert _rows(sample.db, f'SELECT count(*) FROM "{view}"') == kept, view
        assert "id_number" not in shown and "phone" not in shown
        for column, zh in shown.items():
            values = {v for (v,) in _rows(sample.db, f'SELECT DISTINCT "{zh}" FROM "{view}"')} - {None}
            enum = COLUMN_ENUMS.get(f"{table}.{column}")
            if enum:
                labels = {label for label, _ in ENUMS[enum].values()}
                assert values <= labels, (view, zh, values - labels)
            elif column in BOOL_COLUMNS:
                assert values <= {"是", "否"}, (view, zh, values)
    women = _rows(sample.db, "SELECT count(*) FROM deputies WHERE gender = 'female' AND voided_at IS NULL")
    assert _rows(sample.db, "SELECT count(*) FROM 代表 WHERE 性别 = '女'") == women != [(0,)]
    assert _rows(sample.db, "SELECT DISTINCT 政治面貌 FROM 代表 WHERE 政治面貌 = '中共党员'") == [("中共党员",)]
    assert _rows(sample.db, "SELECT count(*) FROM 代表 WHERE 性别 IN ('female', 'male')") == [(0,)]


def test_a_voided_record_leaves_the_view_and_a_reference_shows_a_name(sample):
    lead = sample.json("proposal", "list")[0]
    sample("db", "void", "建议", lead["code"], "--reason", "重复录入")
    assert _rows(sample.db, "SELECT count(*) FROM 议案和建议 WHERE 编号 = ?", lead["code"]) == [(0,)]
    other = sample.json("proposal", "list")[0]
    assert _rows(sample.db, "SELECT 领衔代表 FROM 议案和建议 WHERE 编号 = ?", other["code"]) == [(other["lead"],)]


def test_a_view_out_of_date_is_found_and_rebuilt_by_db_views(sample):
    conn = sqlite3.connect(sample.db)
    conn.execute("DROP VIEW 代表")
    conn.execute("CREATE VIEW 代表 AS SELECT name FROM deputies")
    conn.commit()
    conn.close()
    assert not next(v for v in sample.json("db", "views") if v["name"] == "代表")["current"]
    sample("db", "views", "--rebuild")
    assert next(v for v in sample.json("db", "views") if v["name"] == "代表")["current"]
    assert _rows(sample.db, "SELECT DISTINCT 性别 FROM 代表 ORDER BY 1") == [("女",), ("男",)]


def test_datasette_lists_the_chinese_views_and_facets_on_chinese_values(sample, tmp_path):
    pytest.importorskip("datasette")
    from datasette.app import Datasette
    from datasette.utils import tilde_encode

    town_db = tmp_path / "三川镇.db"
    shutil.copy(sample.db, town_db)
    sample("--db", town_db, "db", "datasette-metadata", "-o", tmp_path / "metadata.json")
    metadata = json.loads((tmp_path / "metadata.json").read_text("utf-8"))
    tables = metadata["databases"]["三川镇"]["tables"]
    assert tables["deputies"]["hidden"] and not tables["代表"].get("hidden") and tables["代表"]["title"] == "代表（中文）"
    ds = Datasette([str(town_db)], metadata=metadata)

    async def get(path: str, **params) -> dict:
        response = await ds.client.get(f"/{tilde_encode('三川镇')}/{tilde_encode(path)}.json", params=params)
        assert response.status_code == 200, response.text
        return response.json()

    page = asyncio.run(get("代表", _facet="性别", _size="1"))
    facet = {r["value"]: r["count"] for r in page["facet_results"]["性别"]["results"]}
    counts = dict(_rows(town_db, "SELECT CASE gender WHEN 'female' THEN '女' ELSE '男' END, count(*) FROM deputies "
                                 "WHERE voided_at IS NULL GROUP BY gender"))
    assert facet == counts and set(facet) == {"女", "男"}
    party = {r["value"] for r in page["facet_results"]["政治面貌"]["results"]}
    assert "中共党员" in party and "cpc" not in party
    found = asyncio.run(get("议案和建议", _search="养老", _shape="array"))
    assert found and all("养老" in r["标题"] + (r["内容"] or "") for r in found)
    assert {r["办理结果"] for r in found} <= {label for label, _ in ENUMS["proposal_result"].values()} | {None}
    home = asyncio.run(ds.client.get("/"))
    assert "中文视图" in home.text
