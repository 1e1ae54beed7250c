"""Metadata for opening the database in Datasette: Chinese titles for tables and columns, the proposals' search
box, useful facets, internal tables hidden, and ID and phone numbers masked.

`rdtool db datasette-metadata > metadata.json; datasette 三川镇.db -m metadata.json`. It is generated from the
database itself rather than shipped as a file, because Datasette keys a database's metadata by its file name
(三川镇.db → "三川镇") and because tables added by later versions appear without a new file.

Each table's title is its Chinese name, its description the Chinese name of each column. Datasette has no
setting that hides a column; the `datasette-mask-columns` plugin (configured here) returns
NULL for the masked columns in every query, so a county analyst never sees a full 身份证号 or 电话. Without
that plugin installed Datasette ignores the setting: install it beside Datasette (docs/datasette.md).
"""

from __future__ import annotations

from rdtool.fields import PRIVATE_FIELDS
from rdtool.labels import TABLE_ZH, column_zh
from rdtool.store import label_views
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store, schema

MASK_PLUGIN = "datasette-mask-columns"
HIDDEN = ("_sqlite_migrations", "change_log", "commands")  # internal: the history is read with `rdtool db log`
# the log keeps whole records before and after each change, ID and phone numbers included
MASKED_ELSEWHERE = {"change_log": ["before", "after"]}
LABEL_COLUMNS = {"deputies": "name", "meetings": "title", "items": "title", "proposals": "title",
                 "activities": "title", "election_contests": "post", "general_elections": "election_day",
                 "ge_constituencies": "name", "ge_candidates": "name", "appointments": "person", "terms": "number"}
FACETS = {"deputies": ["term", "level", "gender", "party", "status"], "meetings": ["term", "kind"],
          "items": ["kind", "result"], "proposals": ["kind", "unit", "result", "feedback"],
          "activities": ["kind", "level"], "appointments": ["action"]}
# the index Datasette's search box and `sqlite-utils search` use: one- and two-character words too (migration
# 0020_short_word_search says how); rdtool's own search uses the trigram index proposals_fts
FTS = {"proposals": "proposals_ngram_fts"}


def mask_plugin_installed() -> bool:
    """Whether datasette-mask-columns is importable here (where rdtool runs; Datasette usually runs in the same
    Python when installed as docs/datasette.md says)."""
    import importlib.util

    return importlib.util.find_spec("datasette_mask_columns") is not None


def masking_note() -> str:
    """The home page's word on 身份证号 and 电话: masked only where the plugin that masks them is present."""
    if mask_plugin_installed():
        return "身份证号、电话由 datasette-mask-columns 插件屏蔽。"
    return ("注意：没有安装 datasette-mask-columns 插件，身份证号、电话会完整显示；"
            "请先 pip install datasette-mask-columns（见 docs/datasette.md）。")


def metadata(store: Store) -> dict:
    town = settings_sql.get(store, "town") or ""
    tables: dict[str, dict] = {}
    masked: dict[str, list[str]] = {}
    objects = schema(store)
    present = {o["name"] for o in objects}
    for o in objects:
        name = o["name"]
        columns = [c["name"] for c in o["columns"]]
        entry: dict = {}
        if name in TABLE_ZH:
            entry["title"] = f"{TABLE_ZH[name]}（{name}）"
        # The columns' Chinese names in one line above the rows (Datasette's own "columns" setting lists them
        # one per line, which pushes a deputy table's rows below the first screen).
        described = [f"{c} {column_zh(c, name)}" for c in columns if column_zh(c, name)]
        if described:
            entry["description"] = "列：" + " · ".join(described)
            # and Datasette's per-column metadata: each column's Chinese name beside it
            entry["columns"] = {c: column_zh(c, name) for c in columns if column_zh(c, name)}
        if LABEL_COLUMNS.get(name) in columns:
            entry["label_column"] = LABEL_COLUMNS[name]
        facets = [f for f in FACETS.get(name, []) if f in columns]
        if facets:
            entry["facets"] = facets
        if FTS.get(name) in present:
            entry.update({"fts_table": FTS[name], "fts_pk": "id"})
        if name in HIDDEN or o["type"] == "virtual" or label_views.view_of(name):
            entry["hidden"] = True  # internal, or shown in Chinese by its view (below)
        if name in label_views.NAMES.values():
            entry.update(_chinese_view(name))
        private = [c for c in columns if c in PRIVATE_FIELDS] + MASKED_ELSEWHERE.get(name, [])
        if private:
            masked[name] = private
        tables[name] = entry
    title = f"{town}人大主席团工作记录" if town else "人大主席团工作记录"
    return {
        "title": title,
        "description": ("rdtool 数据库。请看中文视图（代表、会议、议案和建议、代表活动……）：列名和值都是中文，不含已作废的"
                        "记录。英文原表（deputies 等，存英文代码如 female、cpc）列在“隐藏的表”中，供程序和 SQL 使用。"
                        + masking_note()),
        "databases": {store.path.stem: {"title": title, "tables": tables, "plugins": {MASK_PLUGIN: masked}}},
    }


def _chinese_view(view: str) -> dict:
    """A Chinese view's metadata: its title, its table's facets and search box under the view's column names."""
    table = next(t for t, v in label_views.NAMES.items() if v == view)
    shown = label_views.columns(table)
    entry: dict = {"title": f"{view}（中文）", "description": f"{view}：中文列名和值（英文原表 {table}），不含已作废的记录。"}
    facets = [shown[f] for f in FACETS.get(table, []) if f in shown]
    if facets:
        entry["facets"] = facets
    if table in FTS and "id" in shown:
        entry.update({"fts_table": FTS[table], "fts_pk": shown["id"]})
    return entry
