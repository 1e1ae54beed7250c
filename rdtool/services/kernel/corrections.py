"""One mechanism for every write that can change what is derived (CHANGES.md “Corrections”): edit with a reason → recompute
what depends on it → report what changed.

    with corrections.write(store, reason, subject=("deputies", 17)) as report:
        …the group's own writes…
    report.lines()  # ['已更正 徐晓峰：工作单位及职务 三川村 → 三川镇政府', '随之重新计算：C5-5 应到 40→39；C5-5#4 未通过→通过']

Inside one transaction: the reason is kept with the command's entry in the change log (`commands.reason`); after
the group's writes, the domains' recomputations bring what is derived back in line (each registers itself with
`register`; rdtool.services.RECOMPUTATIONS lists them in the order they run: a congress election's outcomes, then
every meeting whose roster the writes may change, rdtool.services.meetings.recompute); the report reads the
writes from the change log (rdtool.services.kernel.describe), so a group never lists its own changes: what it
wrote is what is said. The kernel imports no domain.
"""

from __future__ import annotations

import contextlib
import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from rdtool.labels import clean
from rdtool.services.kernel import describe
from rdtool.store import changelog
from rdtool.store.db import Store

REASON_MAX = 500


class Report:
    """What one command changed: the record corrected, other records it wrote, what was recomputed."""

    def __init__(self, subject: tuple[str, int | str] | None = None, verb: str = "已更正", show: Iterable[str] = ()):
        self.subject = subject
        self.verb = verb
        self.show = frozenset(show)      # private fields shown in full (--show-id, --show-phone): else masked
        self.corrected: list[str] = []   # the subject's changes
        self.also: list[str] = []        # other records the command wrote
        self.derived: list[str] = []     # recomputed: 'C5-5 应到 40→39；C5-5#4 未通过→通过'
        self.warnings: list[str] = []    # records the recomputation could not bring in line (db check lists them)
        self.strict: set[int] = set()    # meetings the command corrects directly: an impossible count refuses it
        self.subject_text = ""

    @property
    def changed(self) -> bool:
        return bool(self.corrected or self.also or self.derived)

    def lines(self) -> list[str]:
        out = []
        if self.corrected:
            out.append(f"{self.verb} {self.subject_text}：{'；'.join(self.corrected)}")
        out += [f"  {line}" for line in self.also]
        if self.derived:
            out.append("随之重新计算：" + self.derived[0])
            out += [f"  {line}" for line in self.derived[1:]]
        out += [f"注意：{w}" for w in self.warnings]
        return out

    def as_dict(self) -> dict:
        return {"corrected": self.corrected, "also": self.also, "derived": self.derived, "warnings": self.warnings}


@dataclass
class Pass:
    """One pass of the recomputations over the log entries start < id <= end (`own`: entries the previous pass
    wrote itself). A recomputation that writes moves `end` on (`extend`) so that the next one sees its writes."""

    store: Store
    report: Report
    start: int
    end: int
    own: bool = False
    also: list[str] = field(default_factory=list)   # records written as a consequence (said after the command's own)

    def extend(self) -> None:
        self.end = changelog.last_id(self.store.conn)


@dataclass(frozen=True)
class Recomputation:
    """What a domain recomputes after every write. `run` returns True when it found something to bring in line
    (the passes go on, at most three, while one does); `digest` (before and after) and `derived` say what changed
    in the report's 随之重新计算 lines (`derived(store, before, after, start)`: the command's log entries are those
    after `start`, read by the recomputation as it needs them — a bulk import's are never held at once)."""

    run: Callable[[Pass], bool]
    digest: Callable[[Store], Any] | None = None
    derived: Callable[[Store, Any, Any, int], list[str]] | None = None


_REGISTERED: dict[str, Recomputation] = {}


def register(module: str, recomputation: Recomputation) -> None:
    """Called by a domain module (named in rdtool.services.RECOMPUTATIONS) when it is imported."""
    _REGISTERED[module] = recomputation


def recomputations() -> list[Recomputation]:
    """The domains' recomputations in the order they run (their modules imported on the first write)."""
    from rdtool import services

    for module in services.RECOMPUTATIONS:
        if module not in _REGISTERED:
            importlib.import_module(module)
    return [_REGISTERED[module] for module in services.RECOMPUTATIONS]


def check_reason(reason: str | None) -> str | None:
    from rdtool.errors import ValidationError

    text = clean(reason) if reason is not None else ""
    if len(text) > REASON_MAX:
        raise ValidationError(f"--reason 过长（{len(text)} 字，最多 {REASON_MAX} 字）")
    return text or None


@contextlib.contextmanager
def write(store: Store, reason: str | None = None, subject: tuple[str, int | str] | None = None,
          verb: str = "已更正", show: Iterable[str] = (), describe_writes: bool = True) -> Iterator[Report]:
    """One transaction: the caller's writes, then the recomputation; the report is filled when it ends.

    `describe_writes=False` (an import, which says how many rows it wrote, not each record): the report's
    `corrected` and `also` lines of the command's own writes are not made — the log entries of 100,000 rows are
    then never read back into memory (the import's memory bound, rdtool.settings.IMPORT_LIMITS).

    Nested inside another correction (an import calling a group's function), it adds nothing: the outer one
    recomputes and reports."""
    report = Report(subject, verb, show)
    if store._depth:
        with store.transaction():
            yield report
        return
    store.reason = check_reason(reason)
    try:
        with store.transaction():
            steps = recomputations()
            before = [step.digest(store) if step.digest else None for step in steps]
            start = changelog.last_id(store.conn)
            yield report
            typed = changelog.last_id(store.conn)
            # a recount can change more (congress winners → presidium roles → the presidium meetings after)
            p = Pass(store, report, start, typed)
            for _ in range(3):
                found = False
                for step in steps:
                    found = step.run(p) or found
                if not found:
                    break
                p.start, p.own = p.end, True
                p.extend()
            for step, was in zip(steps, before):
                if step.derived:
                    report.derived += step.derived(store, was, step.digest(store) if step.digest else None, start)
            if describe_writes:
                _describe(store, report, changelog.entries_between(store, start, typed))
            report.also += p.also
    finally:
        store.reason = None


def _describe(store: Store, report: Report, entries: list[dict]) -> None:
    subject_key = (report.subject[0], str(report.subject[1])) if report.subject else None
    mine = [e for e in entries if (e["table_name"], e["row_id"]) == subject_key]
    others = [e for e in entries if (e["table_name"], e["row_id"]) != subject_key]
    if report.subject:
        row = changelog.find_record(store, report.subject[0], report.subject[1])
        report.subject_text = describe.record_ref(store, report.subject[0], row or {"id": report.subject[1]})
        for line in describe.entry_lines(store, mine, derived=False, show=report.show):
            report.corrected.append(line.split("：", 1)[1] if "：" in line else line)
    report.also = describe.entry_lines(store, others, derived=False, skip={"attendance"}, show=report.show)
