"""What `rdtool deputy list --format json` does once per process, kept from coming back (issue 28: start-up).

Each test runs the real entry point in a child process and looks at what it imported and how it left the garbage
collector; no timing (benchmarks/bench_startup.py measures it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.helpers import ROOT

# printed by the child as it exits: what was imported, and the collector's state
_REPORT = ("import atexit, gc, json, sys\n"
           "atexit.register(lambda: print(json.dumps({'modules': sorted(sys.modules), 'enabled': gc.isenabled(), "
           "'frozen': gc.get_freeze_count()}), file=sys.stderr))\n")


def _child(code: str, *args: str) -> tuple[subprocess.CompletedProcess, dict]:
    out = subprocess.run([sys.executable, "-c", _REPORT + code, *args], capture_output=True, text=True,
                         encoding="utf-8", cwd=ROOT, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return out, json.loads(out.stderr.strip().splitlines()[-1])


def test_a_json_list_imports_no_table_writer_import_machinery_or_vote_rules(sample):
    out, seen = _child("from rdtool.cli.entry import main\nmain()",
                       "--db", str(sample.db), "deputy", "list", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == sample.json("deputy", "list")  # the same list as in-process
    modules = set(seen["modules"])
    # tables for people (rich, tabulate, rdtool.tables' layout), the import kinds, the vote rules, settings' table
    unwanted = {"rich", "tabulate", "rdtool.tables", "rdtool.terminal", "rdtool.io.kinds", "rdtool.rules.majority",
                "dataclasses", "rdtool.settings", "sqlite_utils"}
    assert not modules & unwanted, sorted(modules & unwanted)


def test_start_up_objects_are_frozen_and_the_collector_is_back_on_for_the_command(sample):
    """The collector is off while rdtool starts (rdtool.cli.entry); the command itself runs with it on, and the
    start-up objects frozen (never walked again, at exit neither)."""
    out, seen = _child("from rdtool.cli.entry import main\nmain()",
                       "--db", str(sample.db), "deputy", "list", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert seen["enabled"] and seen["frozen"] > 1000, {k: seen[k] for k in ("enabled", "frozen")}


def test_a_command_run_in_process_leaves_the_collector_alone(sample):
    import gc

    frozen = gc.get_freeze_count()
    sample("deputy", "list", "--format", "json")
    assert gc.isenabled() and gc.get_freeze_count() == frozen
