"""What an import/export kind is: its fields, how its rows are written and exported, a row's values and errors.

The kinds themselves live with the services (rdtool.services.transfer.registry names them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import MutableMapping
from typing import Any, Callable, Iterator, NamedTuple

from rdtool.fields import Field


class Values(MutableMapping):
    """A row's parsed values in little memory: a tuple in field order and a shared index (a dict per row
    costs about 1 KB; 100,000 rows must stay well under the import's memory bound). Keys a kind adds while
    checking (meeting_id, deputy_id …) go to a small dict of their own."""

    __slots__ = ("_index", "_values", "_more")

    def __init__(self, index: dict[str, int], values: tuple, more: dict | None = None):
        self._index, self._values, self._more = index, values, more

    def __getitem__(self, key: str) -> Any:
        i = self._index.get(key)
        if i is not None:
            return self._values[i]
        if self._more is not None and key in self._more:
            return self._more[key]
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        # (Mapping's get goes through __getitem__ and a KeyError: an import calls this millions of times)
        i = self._index.get(key)
        if i is not None:
            return self._values[i]
        return self._more.get(key, default) if self._more is not None else default

    def __contains__(self, key: object) -> bool:
        return key in self._index or (self._more is not None and key in self._more)

    def as_dict(self) -> dict[str, Any]:
        """A dict of the row (what dict(values) gives, without a call per key)."""
        out = {key: self._values[i] for key, i in self._index.items()}
        if self._more:
            out.update(self._more)
        return out

    def __setitem__(self, key: str, value: Any) -> None:
        i = self._index.get(key)
        if i is not None:
            values = list(self._values)
            values[i] = value
            self._values = tuple(values)
        else:
            if self._more is None:
                self._more = {}
            self._more[key] = value

    def __delitem__(self, key: str) -> None:
        raise TypeError("a row's fields cannot be removed")

    def __iter__(self) -> Iterator[str]:
        yield from self._index
        if self._more:
            yield from self._more

    def __len__(self) -> int:
        return len(self._index) + (len(self._more) if self._more else 0)

    def __repr__(self) -> str:
        return f"Values({dict(self)!r})"


class Written(NamedTuple):
    """What a kind's write did beyond the count: lines saying what it decided about rows (one person on two rows,
    说明), and likely mistakes it wrote all the same (a row like a record already there, 注意)."""
    count: int
    said: list[str] = []
    warnings: list[str] = []


@dataclass(slots=True)
class Row:
    number: int                  # as a spreadsheet shows it
    values: Any = field(default_factory=dict)   # field name -> parsed value (Values, from the importer)


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
    # (store, rows) -> records written (an int or a Written); raises RowErrors
    write: Callable[[Any, list[Row]], Any]
    export: Callable[..., Iterator[dict]]        # (store, show_private) -> rows keyed by field name
    extra: list[Field] = field(default_factory=list)   # accepted columns beyond the contract
    check: Callable[[Any, list[Row]], list[RowError]] | None = None  # cross-row and database checks
    export_fields: list[str] | None = None       # columns written by export (default: fields + extra)
    # Optional fast path for CSV/TSV: (store, show_private) -> one SELECT giving `columns` in order, values
    # exactly as `export` yields them. The exporter streams it straight to the file (formula cells neutralised).
    export_sql: Callable[[Any, bool], str] | None = None
    # Other headers rosters use for a field (出生年月 for birth_date …): data, so that the documentation
    # can be generated from it (docs/import.md). Compared as table.header_key gives them.
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()                 # headers skipped without --ignore-extra (besides 序号, 错误)
    # (store) -> values for fields a file may leave out (a roster has no 届次 or 代表层级 column);
    # `import --term/--level` override them, a column in the file wins over both.
    defaults: Callable[[Any], dict[str, str]] | None = None
    sheet: str = ""                              # the xlsx sheet's name (default: zh)

    @property
    def columns(self) -> list[str]:
        return self.export_fields or [f.name for f in self.fields + self.extra]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields + self.extra if f.name == name), None)

    def export_columns(self) -> list:
        """The renderer's columns for the export: each field's enum and type (bool, int, date) from its parser."""
        from rdtool.render import Column

        out = []
        for name in self.columns:
            f = self.field(name)
            kind = f.type if f is not None and f.type in ("int", "bool", "date") else "text"
            out.append(Column(name, enum=f.enum if f is not None else None, kind=kind))
        return out

    @property
    def sheet_name(self) -> str:
        """A valid sheet name (≤ 31 characters, none of : \\ / ? * [ ])."""
        name = self.sheet or self.zh
        return "".join(c for c in name if c not in ':\\/?*[]')[:31] or self.name


class RowErrors(Exception):
    """Raised by a kind's check or write with every problem found."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors
