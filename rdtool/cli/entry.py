"""The `rdtool` command (and `python -m rdtool`): a Tab press is answered here when it can be, before typer or the
command tree is imported (rdtool.cli.quick_complete); everything else is rdtool.cli.main.

Start-up runs without the cyclic garbage collector. What it allocates — modules, classes, typer's command tree,
the parsed command line: about 18,000 objects, of which a few hundred are garbage — lives until the process
ends, yet each collection walked it again, and the full collection Python runs as it exits walked all of it:
a quarter of `rdtool deputy list --format json`'s CPU time (benchmarks/README.md). When the command's own code
begins (`started`, from rdtool.cli.usage.RdContext.invoke) those objects are frozen (gc.freeze: no collection
visits them again) and the collector runs as before for everything the command does, so a long import or
report frees its garbage exactly as it did.
"""

from __future__ import annotations

import gc
import os

_DEFERRED = False  # the collector was turned off by main() and is not yet back on


def main() -> None:
    global _DEFERRED

    if gc.isenabled():
        gc.disable()
        _DEFERRED = True
    if os.environ.get("_RDTOOL_COMPLETE"):
        from rdtool.cli import quick_complete

        quick_complete.run()  # exits when it answered
    from rdtool.cli.main import main as run_command

    run_command()


def started() -> None:
    """The command's callback is about to run: what start-up allocated is frozen, the collector is back on.
    (Only after main() turned it off: a command run in-process by tests or a script leaves gc alone.)"""
    global _DEFERRED

    if _DEFERRED:
        _DEFERRED = False
        gc.freeze()
        gc.enable()
