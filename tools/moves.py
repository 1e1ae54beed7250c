"""Rewrite imports after the issue-27 moves (docs/architecture.md, "Where things moved").

Run it once on a branch that merged the moves, over the files you changed:

    python tools/moves.py $(git diff --name-only main... -- '*.py')

It rewrites module references (``from rdtool.services import meetings``, ``rdtool.services.meetings.x``,
``"rdtool.cli.deputy:app"``) to the new places; a name that moved under another name keeps its local name
(``from rdtool.services.proposals import edits as proposal_edits``). Running it twice on a file is harmless.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SERVICES = {
    "corrections": "kernel.corrections", "recompute": "meetings.recompute", "refs": "kernel.refs",
    "describe": "kernel.describe",
    "deputies": "deputies.deputies", "deputy_records": "deputies.records", "deputy_refs": "deputies.refs",
    "mandates": "deputies.mandates", "archive": "deputies.archive",
    "meetings": "meetings.meetings", "votes": "meetings.votes", "meeting_records": "meetings.records",
    "elections": "elections.elections", "election_outcomes": "elections.outcomes",
    "appointments": "elections.appointments", "post_ends": "elections.post_ends",
    "by_elections": "elections.by_elections",
    "general_election": "general_election.general_election", "general_election_edits": "general_election.edits",
    "general_election_results": "general_election.results",
    "proposals": "proposals.proposals", "proposal_edits": "proposals.edits", "proposal_handling": "proposals.handling",
    "proposal_motions": "proposals.motions", "proposal_views": "proposals.views",
    "activities": "activities.activities", "supervision": "activities.supervision",
    "terms": "terms.terms", "province": "terms.province", "term_calendar": "terms.calendar",
    "periods": "terms.periods",
    "deputies_io": "transfer.deputies_io", "meetings_io": "transfer.meetings_io",
    "elections_io": "transfer.elections_io", "general_election_io": "transfer.general_election_io",
    "proposals_io": "transfer.proposals_io", "activities_io": "transfer.activities_io",
    "admin": "admin.admin", "checks": "admin.checks", "integrity": "admin.integrity", "undo": "admin.undo",
    "datasette": "admin.datasette", "demo": "admin.demo", "stored_values": "admin.stored_values",
    "safety": "admin.safety", "law_checks": "admin.law_checks",
}
# full old module -> full new module
MODULES = {f"rdtool.services.{old}": f"rdtool.services.{new}" for old, new in SERVICES.items()}
MODULES.update({
    "rdtool.services.kernel.recompute": "rdtool.services.meetings.recompute",
    "rdtool.store.paths": "rdtool.paths",
    "rdtool.services.archive_docx": "rdtool.reports.archive_docx",
    "rdtool.io.importer": "rdtool.services.transfer.importer",
})
CLI = ["deputy", "meeting", "vote", "election", "appointment", "post", "general_election", "by_election",
       "activity", "supervision", "proposal", "report", "demo"]
MODULES.update({f"rdtool.cli.{c}": f"rdtool.cli.commands.{c}" for c in CLI})
MODULES.update({"rdtool.cli.admin": "rdtool.cli.commands.db", "rdtool.cli.transfer": "rdtool.cli.commands.import_"})
# the admin and transfer apps that went to modules of their own
APPS = {"rdtool.cli.admin:init_app": "rdtool.cli.commands.init:init_app",
        "rdtool.cli.admin:config_app": "rdtool.cli.commands.config:config_app",
        "rdtool.cli.admin:province_app": "rdtool.cli.commands.province:province_app",
        "rdtool.cli.admin:term_app": "rdtool.cli.commands.term:term_app",
        "rdtool.cli.admin:undo_app": "rdtool.cli.commands.undo:undo_app",
        "rdtool.cli.transfer:export_app": "rdtool.cli.commands.export:export_app"}

# names that moved to another module: (old module, name) -> new module
NAME_MOVES = {
    ("rdtool.store.db", "open_store"): "rdtool.store.opening",
    ("rdtool.store.db", "OPENED"): "rdtool.store.opening",
    ("rdtool.store.db", "applied_migrations"): "rdtool.store.schema_check",
    ("rdtool.store.db", "MIGRATION_SET"): "rdtool.store.schema_check",
    ("rdtool.store.schema", "MIGRATIONS"): "rdtool.store.migrations",
    ("rdtool.services.admin.safety", "utc_now"): "rdtool.dates",
    ("rdtool.io.kinds", "KINDS"): "rdtool.services.transfer.registry",
    ("rdtool.io.kinds", "get"): "rdtool.services.transfer.registry",
    ("rdtool.services.kernel.corrections", "refresh_all"): "rdtool.services.meetings.recompute",
}

_names = sorted(MODULES, key=len, reverse=True)
DOTTED = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in _names) + r")(?![\w])")
FROM = re.compile(r"^(?P<indent>[ \t]*)from (?P<pkg>rdtool(?:\.\w+)*) import (?P<names>[^()#\n]+?)(?P<tail>[ \t]*(#.*)?)$",
                  re.M)


def _from(m: re.Match) -> str:
    pkg, indent = m["pkg"], m["indent"]
    parts = [p.strip() for p in m["names"].split(",") if p.strip()]
    if not any(f"{pkg}.{p.split(' as ')[0].strip()}" in MODULES or (pkg, p.split(' as ')[0].strip()) in NAME_MOVES
               for p in parts):
        return m[0]
    lines, keep = [], []
    for p in parts:
        name, _, alias = (x.strip() for x in p.partition(" as "))
        if (pkg, name) in NAME_MOVES:
            lines.append(f"{indent}from {NAME_MOVES[pkg, name]} import {name}" + (f" as {alias}" if alias else ""))
            continue
        target = MODULES.get(f"{pkg}.{name}")
        if target is None:
            keep.append(p)
            continue
        new_pkg, _, new_name = target.rpartition(".")
        local = alias or name
        lines.append(f"{indent}from {new_pkg} import {new_name}" + (f" as {local}" if local != new_name else ""))
    if keep:
        lines.insert(0, f"{indent}from {pkg} import {', '.join(keep)}")
    lines[0] += m["tail"] or ""
    return "\n".join(lines)


# a package that has an old module's name: what follows it when a reference is already the new one
_PACKAGES = {}
for _new in MODULES.values():
    _pkg, _, _mod = _new.rpartition(".")
    _PACKAGES.setdefault(_pkg, set()).add(_mod)
_NEW_TAIL = {pkg: re.compile(r"(\.| import )(" + "|".join(mods) + r")\b") for pkg, mods in _PACKAGES.items()}


def _dotted(m: re.Match) -> str:
    tail = _NEW_TAIL.get(m[1])
    if tail is not None and tail.match(m.string, m.end()):
        return m[0]  # already rewritten
    return MODULES[m[1]]


def rewrite(text: str) -> str:
    for old, new in APPS.items():
        text = text.replace(old, new)
    text = DOTTED.sub(_dotted, text)
    text = text.replace("from rdtool.store import schema\n", "from rdtool.store import migrations as schema\n")
    return FROM.sub(_from, text)


def main(paths: list[str]) -> None:
    for path in paths:
        p = Path(path)
        if not p.is_file():
            continue
        old = p.read_text(encoding="utf-8")
        new = rewrite(old)
        if new != old:
            p.write_text(new, encoding="utf-8")
            print("rewrote", path)


if __name__ == "__main__":
    main(sys.argv[1:])
