"""The database as sqlite-utils and Datasette see it (issue 16): full-text search they detect, and a Datasette
metadata file with Chinese labels that masks ID and phone numbers."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys

import sqlite_utils

from rdtool.store import label_views
from rdtool.store.db import schema
from rdtool.store.opening import open_store
from rdtool.labels import column_zh


def test_sqlite_utils_search_finds_a_proposal(sample):
    db = sqlite_utils.Database(sample.db)
    assert db["proposals"].detect_fts() == "proposals_ngram_fts"
    out = subprocess.run([sys.executable, "-m", "sqlite_utils", "search", str(sample.db), "proposals", "便民桥",
                          "--csv", "-c", "title"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    titles = out.stdout.splitlines()[1:]
    assert "关于修缮新华村便民桥的建议" in titles and all("便民桥" in t for t in titles)


def test_the_index_follows_writes(cli, tmp_path):
    for name in ("丁一", "王二"):
        cli("deputy", "add", name, "--gender", "男", "--level", "镇", "--term", "3")
    cli("proposal", "submit", "关于修缮新华村便民桥的建议", "--lead", "丁一", "--date", "2017-01-06")
    db = sqlite_utils.Database(cli.db)
    assert [r["title"] for r in db["proposals"].search("便民桥")] == ["关于修缮新华村便民桥的建议"]
    db["proposals"].update(cli.json("proposal", "list")[0]["id"], {"title": "关于修缮新华村石拱桥的建议"})
    assert list(db["proposals"].search("便民桥")) == []
    assert [r["title"] for r in db["proposals"].search("石拱桥")] == ["关于修缮新华村石拱桥的建议"]


def test_an_older_database_is_upgraded_to_the_detectable_index(sample, tmp_path):
    """A database from before m1601 (the index declared content='proposals') searches the same afterwards."""
    old = tmp_path / "old.db"
    shutil.copy(sample.db, old)
    conn = sqlite3.connect(old)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name IN ('m1601_fts_detectable', 'm2501_short_word_search')")
    for trigger in ("insert", "delete", "update"):  # and the short-word index of m2501, which came later
        conn.execute(f"DROP TRIGGER proposals_ngram_fts_{trigger}")
    conn.execute("DROP TABLE proposals_ngram_fts")
    conn.execute("DROP TABLE proposals_fts")
    conn.execute("CREATE VIRTUAL TABLE proposals_fts USING fts5(title, body, content='proposals', "
                 "content_rowid='id', tokenize='trigram')")
    conn.execute("INSERT INTO proposals_fts (proposals_fts) VALUES ('rebuild')")
    conn.commit()
    conn.close()
    assert sqlite_utils.Database(old)["proposals"].detect_fts() is None
    open_store(old).close()
    assert sqlite_utils.Database(old)["proposals"].detect_fts() == "proposals_ngram_fts"
    assert len(list(sqlite_utils.Database(old)["proposals"].search("便民桥"))) == \
        len(list(sqlite_utils.Database(sample.db)["proposals"].search("便民桥"))) > 0


def test_datasette_metadata(sample, tmp_path):
    town_db = tmp_path / "三川镇.db"
    shutil.copy(sample.db, town_db)
    path = tmp_path / "metadata.json"
    sample("--db", town_db, "db", "datasette-metadata", "-o", path)
    data = json.loads(path.read_text("utf-8"))
    assert list(data["databases"]) == ["三川镇"]  # Datasette's name for 三川镇.db
    database = data["databases"]["三川镇"]
    masked = database["plugins"]["datasette-mask-columns"]
    assert set(masked["deputies"]) == {"id_number", "phone"} and set(masked["change_log"]) == {"before", "after"}
    tables = database["tables"]
    store = open_store(town_db, readonly=True)
    objects = schema(store)
    store.close()
    for o in objects:
        entry = tables[o["name"]]
        assert "（" in entry["title"], o["name"]  # every table has its Chinese name
        if o["name"] in label_views.NAMES.values():
            continue  # a Chinese view: its columns are named in Chinese
        unlabelled = [c["name"] for c in o["columns"] if not column_zh(c["name"], o["name"])]
        assert not unlabelled, (o["name"], unlabelled)
    assert "id_number 身份证号" in tables["deputies"]["description"] and tables["deputies"]["label_column"] == "name"
    assert tables["proposals"]["fts_table"] == "proposals_ngram_fts"
    assert tables["change_log"]["hidden"] and tables["_sqlite_migrations"]["hidden"]
    printed = json.loads(sample("--db", town_db, "db", "datasette-metadata").stdout)
    assert printed == data
    # issue 25: per-column Chinese names; the log's action is 操作, not 任免类别; the masking claim only where true
    assert tables["deputies"]["columns"]["id_number"] == "身份证号" and tables["deputies"]["columns"]["gender"]
    assert tables["change_log"]["columns"]["action"].startswith("操作")
    import importlib.util

    present = importlib.util.find_spec("datasette_mask_columns") is not None
    assert ("已屏蔽" in data["description"] or "插件屏蔽" in data["description"]) == present
    assert present or "会完整显示" in data["description"]
