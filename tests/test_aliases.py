"""One alias convention for rdtool's own modules (docs/architecture.md, Conventions): a store module as `sql` (the
module's own entity), its name, or `<name>_sql`; a service module as `svc`, its name, `<name>_svc` or
`<domain>_<name>` (`handling as proposal_handling`)."""

from __future__ import annotations

import ast
from pathlib import Path

import rdtool

PACKAGE = Path(rdtool.__file__).parent


def _is_module(dotted: str) -> bool:
    return PACKAGE.parent.joinpath(*dotted.split(".")).with_suffix(".py").exists()


def test_every_alias_of_a_store_or_service_module_follows_the_convention():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rdtool.")):
                continue
            for a in node.names:
                full = f"{node.module}.{a.name}"
                if a.asname is None or not _is_module(full):
                    continue
                if full.startswith("rdtool.store."):
                    ok = a.asname in ("sql", a.name, f"{a.name}_sql")
                elif full.startswith("rdtool.services."):
                    ok = a.asname in ("svc", a.name, f"{a.name}_svc") or a.asname.endswith(f"_{a.name}")
                else:
                    continue
                if not ok:
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {full} as {a.asname}")
    assert found == []
