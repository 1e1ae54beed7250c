"""No module of rdtool over about 450 lines (docs/architecture.md): one that grows past it is split by what it holds
(a command into a package, `cli/commands/general_election/`; a store module by entity, `store/items.py` …).
The limit has a margin over 450 so that a module near it can take a fix without a split in the same change."""

from __future__ import annotations

from pathlib import Path

import rdtool

PACKAGE = Path(rdtool.__file__).parent
LIMIT = 480


def test_every_module_is_under_the_limit():
    sizes = {path.relative_to(PACKAGE.parent).as_posix(): len(path.read_text("utf-8").splitlines())
             for path in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > LIMIT} == {}
