"""The layer contract (docs/architecture.md): each module imports only its own layer and the layers below it —
every import, at the top of a module and inside functions alike; the services' kernel imports no domain."""

from __future__ import annotations

import ast
from pathlib import Path

import rdtool

PACKAGE = Path(rdtool.__file__).parent

# bottom to top; a module is in the first layer whose prefix names it (longest prefix wins)
LAYERS = {
    "rules": ["rdtool.rules"],
    "base": [f"rdtool.{m}" for m in ("errors", "dates", "labels", "record_names", "fields", "settings", "ethnicity",
                                      "collation", "streams", "terminal", "cells", "tables", "render", "pager", "output_file",
                                      "paths", "formula", "notices", "parse")] + ["rdtool"],  # (the package itself: its version)
    "store": ["rdtool.store"],
    "io": ["rdtool.io"],
    "kernel": ["rdtool.services.kernel", "rdtool.services"],  # (the package itself names the domains as text)
    "domains": [f"rdtool.services.{d.name}" for d in (PACKAGE / "services").iterdir()
                if d.is_dir() and d.name not in ("kernel", "__pycache__")],
    "reports": ["rdtool.reports"],
    "cli": ["rdtool.cli", "rdtool.docsgen", "rdtool.__main__"],
}
RANK = {name: i for i, name in enumerate(LAYERS)}


def layer_of(module: str) -> str:
    best = max(((prefix, name) for name, prefixes in LAYERS.items() for prefix in prefixes
                if module == prefix or (prefix != "rdtool" and module.startswith(prefix + "."))),
               key=lambda pn: len(pn[0]), default=None)
    assert best is not None, f"{module} belongs to no layer: add it to LAYERS and to docs/architecture.md"
    return best[1]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    rel = Path(*name.split("."))
    return (PACKAGE.parent / rel).with_suffix(".py").exists() or (PACKAGE.parent / rel / "__init__.py").exists()


def imports(source: str, module: str, package: bool = False) -> list[tuple[int, str]]:
    """(line, module) of every rdtool import in a module's source, wherever it is."""
    out = []
    package_name = module if package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package_name.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
            for a in node.names:  # `from rdtool.store import changelog` imports rdtool.store.changelog
                out.append((node.lineno, f"{base}.{a.name}" if is_module(f"{base}.{a.name}") else base))
    return [(line, name) for line, name in out if name == "rdtool" or name.startswith("rdtool.")]


def violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = module_name(path)
        mine = layer_of(here)
        for line, target in imports(path.read_text("utf-8"), here, path.name == "__init__.py"):
            theirs = layer_of(target)
            if RANK[theirs] > RANK[mine]:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({mine}) imports {target} ({theirs})")
    return found


def test_each_layer_imports_only_the_layers_below_it():
    assert violations() == []


def test_the_contract_sees_imports_inside_functions_and_relative_ones():
    """The checker itself: a function-level import and a relative one are both found, and placed in layers."""
    source = "import os\ndef f():\n    from rdtool.cli import main\n    from ..services.kernel import refs\n"
    found = imports(source, "rdtool.store.probe")
    assert found == [(3, "rdtool.cli.main"), (4, "rdtool.services.kernel.refs")]
    assert [layer_of(t) for _, t in found] == ["cli", "kernel"]
    assert layer_of("rdtool.services.meetings.votes") == "domains" and layer_of("rdtool") == "base"
