"""The import/export kinds. Each kind lives with its entity's service and is loaded only when used."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from rdtool.errors import UsageError
from rdtool.fields import Field


@dataclass
class Row:
    number: int                  # as a spreadsheet shows it (header is row 1)
    raw: dict[str, str]          # field name -> cell text
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    value: str
    message: str


@dataclass
class Kind:
    name: str
    zh: str
    fields: list[Field]                          # the CSV contract's columns, in order
    write: Callable[[Any, list[Row]], int]       # (store, rows) -> records written; raises RowErrors
    export: Callable[..., Iterator[dict]]        # (store, show_private) -> rows keyed by field name
    extra: list[Field] = field(default_factory=list)   # accepted columns beyond the contract
    check: Callable[[Any, list[Row]], list[RowError]] | None = None  # cross-row and database checks
    export_fields: list[str] | None = None       # columns written by export (default: fields + extra)
    # Optional fast path for CSV/TSV: (store, show_private) -> one SELECT giving `columns` in order, values
    # exactly as `export` yields them. The exporter streams it straight to the file (formula cells neutralised).
    export_sql: Callable[[Any, bool], str] | None = None

    @property
    def columns(self) -> list[str]:
        return self.export_fields or [f.name for f in self.fields + self.extra]


# kind -> "module:attribute"; modules are imported only for the kind asked for.
KINDS: dict[str, str] = {
    "terms": "rdtool.services.terms:KIND",
    "deputies": "rdtool.services.deputies_io:KIND",
    "meetings": "rdtool.services.meetings_io:MEETINGS",
    "attendance": "rdtool.services.meetings_io:ATTENDANCE",
    "items": "rdtool.services.meetings_io:ITEMS",
    "elections": "rdtool.services.elections_io:KIND",
    "appointments": "rdtool.services.appointments:KIND",
    "ge_plan": "rdtool.services.general_election_io:PLAN_KIND",
    "ge_constituencies": "rdtool.services.general_election_io:CONSTITUENCIES_KIND",
    "ge_candidates": "rdtool.services.general_election_io:CANDIDATES_KIND",
    "activities": "rdtool.services.activities_io:KIND",
    "proposals": "rdtool.services.proposals_io:KIND",
}


def get(name: str) -> Kind:
    target = KINDS.get(name)
    if target is None:
        raise UsageError(f"不支持的类型“{name}”，可用：{'、'.join(KINDS)}")
    module, attr = target.split(":")
    return getattr(importlib.import_module(module), attr)


class RowErrors(Exception):
    """Raised by a kind's check or write with every problem found."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors
