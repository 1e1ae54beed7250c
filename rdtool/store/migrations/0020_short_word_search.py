"""Migration m2501_short_word_search, as it shipped: applied once to a database, in the order of
rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file.

Datasette's search box and `sqlite-utils search` find one- and two-character Chinese words (养老, 桥).

Both send the words she types to the table's one FTS index as they are: Datasette quotes each as a phrase
(`"养老"`), sqlite-utils passes them raw. No tokenizer built into SQLite splits Chinese into characters: the
default unicode61 keeps a run of Chinese as one token (养老 does not match 农村互助养老服务点), and the
trigram tokenizer behind `rdtool proposal search` matches nothing shorter than three characters. So the new
index `proposals_ngram_fts` (unicode61) is given, as its text, every substring of up to NGRAM characters of a
title or body — within a run between spaces and common punctuation, which the tokenizer would split on
anyway: 养老服务 becomes 养 养老 养老服 养老服务 老 老服 老服务 服 服务 务. A word she types is then one token of that text
exactly when it occurs in the title or body: the same substring search as `rdtool proposal search`, for words
of 1 to NGRAM characters (a longer word is split by a space into shorter ones, all of which must occur).

The substrings are written by SQL triggers (a recursive CTE in a subquery), so every writer — rdtool, a
Datasette edit, sqlite-utils, the sqlite3 shell — keeps the index right; rdtool writes nothing of its own.
Voided proposals are left out of it, as out of every figure and of `rdtool proposal search`.

The index is declared `content=[proposals]`, the spelling by which sqlite-utils (`detect_fts`) and Datasette
find a table's index, so both use it unasked; the trigram index is re-declared `content='proposals'`, which
they do not detect (they take the first of several). Its rows are read from `proposals` (SELECT returns the
real title and body). A 'rebuild' (`sqlite-utils rebuild-fts`) would index the plain text instead: rdtool
never runs one, and docs/datasette.md says not to.
"""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m2501_short_word_search"

NGRAM = 24  # the longest word found as one token; a longer one is found when split by a space
# replaced by a space before cutting substrings: the tokenizer splits on them anyway, so this only keeps
# substrings that span them out of the index (fewer, shorter tokens); a separator missing here costs space, not hits
SEPARATORS = "，。、；：？！,.;:?!（）()“”‘’《》【】…—\t\r\n\u3000"


def _spaced(expr: str) -> str:
    """A SELECT of one column v: expr with every separator replaced by a space (at most 7 nested replace()
    per level: deeper nesting overflows SQLite's parser stack)."""
    select = None
    for k in range(0, len(SEPARATORS), 7):
        value = expr if select is None else "v"
        for c in SEPARATORS[k:k + 7]:
            literal = f"char({ord(c)})" if c in "\t\r\n\u3000" else f"'{c}'"
            value = f"replace({value}, {literal}, ' ')"
        select = f"SELECT {value} AS v" + (f" FROM ({select})" if select else "")
    return select


def ngrams(expr: str) -> str:
    """A scalar subquery: the substrings of up to NGRAM characters of the text `expr` (NULL for NULL or ''),
    space-separated, in order of position then length. At each position i the run from i (cut at the first
    space, at most NGRAM long) gives its prefixes."""
    prefixes = " || ".join(["substr(w, 1, 1)"] + [
        f"CASE WHEN length(w) >= {n} THEN ' ' || substr(w, 1, {n}) ELSE '' END" for n in range(2, NGRAM + 1)])
    run = f"substr(x, i, {NGRAM})"
    return (f"(SELECT group_concat({prefixes}, ' ') FROM (WITH RECURSIVE "
            f"at(i, len, x) AS (SELECT 1, length(v), v FROM ({_spaced(expr)}) "
            f"UNION ALL SELECT i + 1, len, x FROM at WHERE i < len) "
            f"SELECT i, substr({run}, 1, instr({run} || ' ', ' ') - 1) AS w FROM at ORDER BY i) WHERE w <> '')")


def _row(ref: str) -> str:
    return f"{ref}.id, {ngrams(f'{ref}.title')}, {ngrams(f'{ref}.body')}"


M2501 = f"""
DROP TRIGGER IF EXISTS proposals_fts_insert;
DROP TRIGGER IF EXISTS proposals_fts_delete;
DROP TRIGGER IF EXISTS proposals_fts_update;
DROP TABLE IF EXISTS proposals_fts;
CREATE VIRTUAL TABLE proposals_fts USING fts5(title, body, content='proposals', content_rowid='id',
                                              tokenize='trigram');
CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN
    INSERT INTO proposals_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN
    INSERT INTO proposals_fts (proposals_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER proposals_fts_update AFTER UPDATE OF title, body ON proposals BEGIN
    INSERT INTO proposals_fts (proposals_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO proposals_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
INSERT INTO proposals_fts (proposals_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE proposals_ngram_fts USING fts5(title, body, content=[proposals], content_rowid=[id],
                                                    tokenize='unicode61');
CREATE TRIGGER proposals_ngram_fts_insert AFTER INSERT ON proposals WHEN new.voided_at IS NULL BEGIN
    INSERT INTO proposals_ngram_fts (rowid, title, body) VALUES ({_row('new')});
END;
CREATE TRIGGER proposals_ngram_fts_delete AFTER DELETE ON proposals WHEN old.voided_at IS NULL BEGIN
    INSERT INTO proposals_ngram_fts (proposals_ngram_fts, rowid, title, body) VALUES ('delete', {_row('old')});
END;
CREATE TRIGGER proposals_ngram_fts_update AFTER UPDATE OF title, body, voided_at ON proposals BEGIN
    INSERT INTO proposals_ngram_fts (proposals_ngram_fts, rowid, title, body)
    SELECT 'delete', {_row('old')} WHERE old.voided_at IS NULL;
    INSERT INTO proposals_ngram_fts (rowid, title, body) SELECT {_row('new')} WHERE new.voided_at IS NULL;
END;
INSERT INTO proposals_ngram_fts (rowid, title, body)
SELECT {_row('p')} FROM proposals p WHERE p.voided_at IS NULL;
"""


def migrate(db) -> None:
    run_sql(db, M2501)
