"""Options declared once (docs/architecture.md, "an option"): no `typer.Option(…)` or `typer.Argument(…)` is written
out twice in rdtool's CLI — one that two commands take alike is a name in `cli/options.py` (or at the top of the one
command module that repeats it), so its flag, default and help cannot drift apart."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import rdtool

CLI = Path(rdtool.__file__).parent / "cli"


def test_no_option_is_declared_twice():
    seen: dict[str, list[str]] = defaultdict(list)
    for path in sorted(CLI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("Option", "Argument") and getattr(node.func.value, "id", "") == "typer"):
                seen[ast.unparse(node)].append(f"{path.relative_to(CLI).as_posix()}:{node.lineno}")
    twice = {text: places for text, places in seen.items() if len(places) > 1}
    assert twice == {}, "declare these once (cli/options.py) and use the name: " + repr(twice)
