"""Build a demonstration database from the bundled sample data (三川镇, third term)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from rdtool.errors import RdtoolError
from rdtool.services.transfer import registry
from rdtool.services.transfer.importer import run_import
from rdtool.store import settings as sql
from rdtool.store.db import Store, table_exists
from rdtool.store.opening import open_store

# Import order: every file refers only to records of the files before it.
SAMPLE_ORDER = ["terms", "deputies", "meetings", "attendance", "items", "elections", "appointments", "proposals",
                "activities"]
# The 2016 general election that elected the third term (after deputies, which it links to)
SAMPLE_ORDER += ["ge_plan", "ge_constituencies", "ge_candidates"]
DEMO_TERM = 3
# what to try next, on the demo's records (rdtool demo prints them; tests/test_demo.py runs each)
NEXT_STEPS = ["deputy list --term 3", "deputy composition --term 3 --level 县", "meeting show P3-08",
              "proposal overdue", "deputy archive 梁晓峰 --term 3",
              "report annual --year 2019 --format md", "export deputies --format xlsx --headers zh -o 代表名单.xlsx"]


def sample_dir() -> Path:
    """sample_data/ in a checkout, or rdtool/sample_data inside an installed wheel."""
    here = Path(__file__).resolve().parents[3]  # rdtool/services/admin/demo.py -> the rdtool package's parent
    for candidate in (here / "rdtool" / "sample_data", here / "sample_data"):
        if (candidate / "deputies.csv").exists():
            return candidate
    raise RdtoolError("找不到示例数据目录 sample_data", "请重新安装 rdtool")


def demo_path(db: str | None) -> Path:
    if db:
        path = Path(db).expanduser()
        if path.exists():
            _refuse_unless_demo(path)
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        return path
    return Path(tempfile.mkdtemp(prefix="rdtool-demo-")) / "demo.db"


def _refuse_unless_demo(path: Path) -> None:
    try:
        store = open_store(path, migrate=False)
        is_demo = sql.get(store, "demo") if table_exists(store, "settings") else None
        store.close()
    except RdtoolError:
        is_demo = None
    if not is_demo:
        raise RdtoolError(f"{path} 已存在且不是 rdtool 演示库，不会覆盖",
                          "换一个路径，或不加 --db 让 rdtool 新建一个临时演示库")


def build(db: str | None) -> tuple[Store, list[tuple[str, int]]]:
    """A fresh database holding every sample file whose kind this version supports, and (what each file is, in
    Chinese; rows written)."""
    path = demo_path(db)
    store = open_store(path, create=True)
    folder = sample_dir()
    with store.transaction():
        sql.put(store, "town", "三川镇")
        sql.put(store, "county", "示例县")
        sql.put(store, "demo", True)
    loaded = []
    for name in SAMPLE_ORDER:
        file = folder / f"{name}.csv"
        if name in registry.KINDS and file.exists():
            result = run_import(store, registry.get(name), file)
            loaded.append((registry.get(name).zh, result.written))
    last_term = sql.last_term(store)
    with store.transaction():
        sql.put(store, "current_term", last_term)
    return store, loaded
