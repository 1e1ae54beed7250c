"""The `rdtool` command (and `python -m rdtool`): a Tab press is answered here when it can be, before typer or the
command tree is imported (rdtool.cli.quick_complete); everything else is rdtool.cli.main."""

from __future__ import annotations

import os


def main() -> None:
    if os.environ.get("_RDTOOL_COMPLETE"):
        from rdtool.cli import quick_complete

        quick_complete.run()  # exits when it answered
    from rdtool.cli.main import main as run_command

    run_command()
