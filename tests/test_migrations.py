"""Migrations are frozen files, numbered in the order they apply (rdtool.store.migrations, docs/architecture.md)."""

import ast
import importlib
import re
from pathlib import Path

from rdtool.store import migrations

FOLDER = Path(migrations.__file__).parent


def test_every_file_is_listed_once_numbered_in_order_with_its_recorded_name():
    files = sorted(p.stem for p in FOLDER.glob("[0-9]*.py"))
    assert [f for f, _ in migrations.ORDER] == files  # listed in number order, none left out
    numbers = [int(f[:4]) for f in files]  # 0001, 0002 … no clash; a gap while the numbers assigned to the
    assert numbers[0] == 1 and all(a < b for a, b in zip(numbers, numbers[1:]))  # round's issues land
    names = [n for _, n in migrations.ORDER]
    assert len(set(names)) == len(names)
    for file, name in migrations.ORDER:
        assert re.fullmatch(r"\d{4}_[a-z0-9_]+", file)
        assert importlib.import_module(f"rdtool.store.migrations.{file}").NAME == name


def test_a_migration_imports_nothing_of_the_services():
    """Frozen as it shipped: its result must not change when a service does (imports inside functions too)."""
    for path in FOLDER.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert not name.startswith(("rdtool.services", "rdtool.cli", "rdtool.reports", "rdtool.io")), \
                    (path.name, name)
