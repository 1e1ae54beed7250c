"""One- and two-character Chinese words in the county's tools (issue 25): `sqlite-utils search` and Datasette's
search box find what `rdtool proposal search` finds (migration 0020_short_word_search says how)."""

from __future__ import annotations

import asyncio
import json
import random
import shutil
import sqlite3
import subprocess
import sys

import pytest
import sqlite_utils

from rdtool.store.opening import open_store


def _rdtool_codes(cli, words: str) -> list[str]:
    return sorted(r["code"] for r in cli.json("proposal", "search", words, "--limit", "10000"))


def _words(db: sqlite_utils.Database, seed: int) -> list[str]:
    """The usual words, and 1-, 2- and 3-character pieces of titles and bodies picked at random (seeded), none of
    them a deputy's name (rdtool searches people by name) nor with punctuation in it."""
    rnd = random.Random(seed)
    texts = [r["title"] + "。" + (r["body"] or "") for r in db.query("SELECT title, body FROM proposals")]
    names = {r["name"] for r in db.query("SELECT name FROM deputies")}
    words = ["养老", "桥", "养", "路", "便民桥", "农村互助养老服务点"]
    while len(words) < 30:
        text = rnd.choice(texts)
        n = rnd.choice((1, 2, 2, 3))
        i = rnd.randrange(len(text) - n)
        word = text[i:i + n]
        if not any(c in "，。、；：（）“”《》 " for c in word) and word not in names and word not in words:
            words.append(word)
    return words


def test_sqlite_utils_and_datasettes_query_find_what_rdtool_finds(sample):
    """Raw words (`sqlite-utils search`) and each word quoted as a phrase (Datasette's search box: its escape_fts
    is sqlite-utils' quote_fts) find exactly the proposals `rdtool proposal search` finds."""
    db = sqlite_utils.Database(sample.db)
    for word in _words(db, seed=25):
        expected = _rdtool_codes(sample, word)
        assert sorted(r["code"] for r in db["proposals"].search(word)) == expected, word
        assert sorted(r["code"] for r in db["proposals"].search(word, quote=True)) == expected, word
    assert _rdtool_codes(sample, "养老") and _rdtool_codes(sample, "桥")  # the words do find something
    both = sorted(r["code"] for r in db["proposals"].search("养老 双河", quote=True))  # two words: both occur
    assert both == _rdtool_codes(sample, "养老 双河") and len(both) == 1


def test_the_sqlite_utils_command_finds_two_characters(sample):
    out = subprocess.run([sys.executable, "-m", "sqlite_utils", "search", str(sample.db), "proposals", "养老",
                          "--csv", "-c", "code"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert sorted(out.stdout.split()[1:]) == _rdtool_codes(sample, "养老") != []


def test_the_index_follows_every_writer(cli):
    """Triggers keep it: rdtool's writes, another program's, a void (left out, as rdtool leaves it out)."""
    cli("deputy", "add", "丁一", "--gender", "男", "--level", "镇", "--term", "3")
    cli("proposal", "submit", "关于修缮新华村便民桥的建议", "--lead", "丁一", "--date", "2017-01-06",
        "--body", "桥面破损，雨季通行困难。")
    cli("proposal", "submit", "关于建设互助养老点的建议", "--lead", "丁一", "--date", "2017-01-06")
    db = sqlite_utils.Database(cli.db)

    def found(word: str) -> list[str]:
        return sorted(r["title"] for r in db["proposals"].search(word, quote=True))

    assert found("桥") == found("雨季") == ["关于修缮新华村便民桥的建议"] and found("养老") == ["关于建设互助养老点的建议"]
    assert found("破损雨季") == [] == cli.json("proposal", "search", "破损雨季")  # not across punctuation
    bridge = next(p for p in cli.json("proposal", "list") if "桥" in p["title"])
    db["proposals"].update(bridge["id"], {"title": "关于修缮新华村石拱桥的建议", "body": None})
    assert found("便民") == found("雨季") == [] and found("石拱") == ["关于修缮新华村石拱桥的建议"]
    cli("proposal", "edit", bridge["code"], "--title", "关于修缮新华村木桥的建议", "--reason", "标题写错")
    assert found("石拱") == [] and found("木桥") == ["关于修缮新华村木桥的建议"]
    cli("db", "void", "建议", bridge["code"], "--reason", "重复录入")
    assert found("木桥") == [] == cli.json("proposal", "search", "木桥")
    assert found("养老") == ["关于建设互助养老点的建议"]
    with db.conn:
        for table in ("proposal_cosigners", "proposal_rounds", "proposals"):
            db.conn.execute(f"DELETE FROM {table}")
    assert found("养老") == [] and db.execute("SELECT count(*) FROM proposals_ngram_fts_docsize").fetchone()[0] == 0


def test_a_word_of_24_characters_is_one_token_and_a_longer_one_is_split_by_a_space(cli):
    cli("deputy", "add", "丁一", "--gender", "男", "--level", "镇", "--term", "3")
    title = "关于在松林村双河村河口村新华村建设农村互助养老服务点的建议"  # one run of 29 characters
    cli("proposal", "submit", title, "--lead", "丁一", "--date", "2017-01-06")
    db = sqlite_utils.Database(cli.db)
    assert len(list(db["proposals"].search(title[:24], quote=True))) == 1
    assert list(db["proposals"].search(title, quote=True)) == []
    assert len(list(db["proposals"].search(f"{title[:20]} {title[20:]}", quote=True))) == 1


def test_an_older_database_gets_the_index_on_upgrade(sample, tmp_path):
    """A database from before m2501 (its only index the trigram one, declared content=[proposals]) is upgraded:
    sqlite-utils then finds the short-word index and 2-character words."""
    old = tmp_path / "old.db"
    shutil.copy(sample.db, old)
    conn = sqlite3.connect(old)
    for trigger in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER proposals_ngram_fts_{trigger}")
    conn.execute("DROP TABLE proposals_ngram_fts")
    conn.execute("DROP TABLE proposals_fts")
    conn.execute("CREATE VIRTUAL TABLE proposals_fts USING fts5(title, body, content=[proposals], "
                 "content_rowid=[id], tokenize='trigram')")
    conn.execute("INSERT INTO proposals_fts (proposals_fts) VALUES ('rebuild')")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm2501_short_word_search'")
    conn.commit()
    conn.close()
    assert sqlite_utils.Database(old)["proposals"].detect_fts() == "proposals_fts"
    assert list(sqlite_utils.Database(old)["proposals"].search("养老")) == []  # the complaint
    open_store(old).close()
    upgraded = sqlite_utils.Database(old)
    assert upgraded["proposals"].detect_fts() == "proposals_ngram_fts"
    assert sorted(r["code"] for r in upgraded["proposals"].search("养老")) == _rdtool_codes(sample, "养老") != []
    assert _rdtool_codes(type(sample)(old), "便民桥") == _rdtool_codes(sample, "便民桥") != []  # rdtool's own still


def test_datasette_search_box_finds_two_characters(sample, tmp_path):
    """Datasette itself (in the test extras): ?_search=养老 on the proposals table, with rdtool's metadata."""
    pytest.importorskip("datasette")
    from datasette.app import Datasette
    from datasette.utils import tilde_encode

    town_db = tmp_path / "三川镇.db"
    shutil.copy(sample.db, town_db)
    sample("--db", town_db, "db", "datasette-metadata", "-o", tmp_path / "metadata.json")
    ds = Datasette([str(town_db)], metadata=json.loads((tmp_path / "metadata.json").read_text("utf-8")))

    async def search(word: str) -> list[str]:
        response = await ds.client.get(f"/{tilde_encode('三川镇')}/proposals.json",
                                       params={"_search": word, "_shape": "array", "_size": "max"})
        assert response.status_code == 200, response.text
        return sorted(r["code"] for r in response.json())

    for word in ("养老", "桥", "养", "便民桥"):
        assert asyncio.run(search(word)) == _rdtool_codes(sample, word) != [], word
