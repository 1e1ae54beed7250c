"""The one WHERE-clause builder of the lists and filters: conditions ANDed, every value bound as a named parameter.

    where = Where("m.voided_at IS NULL")
    where.equals("m.term", term)          # only when term is not None
    where.year("m.date", year)
    store.query(f"SELECT … FROM meetings m {where.sql} ORDER BY …", where.params)

A condition is SQL with `?` for its values (`where.add("a.date >= ?", day)`); each `?` becomes a parameter of
its own name (`:_w0`, `:_w1` …), so conditions and the named parameters of the rest of the query (`:day`,
`:as_of`, given to `Where(…, day=day)`) mix freely. Write no literal `?` in a condition.
"""

from __future__ import annotations

from typing import Any, Iterable

# A date within a term (its first day up to its last, or on without end); the term's number twice.
TERM_DATES = ("{column} BETWEEN (SELECT start_date FROM terms WHERE number = ?) "
              "AND coalesce((SELECT end_date FROM terms WHERE number = ?), '9999-12-31')")


class Where:
    def __init__(self, *conditions: str, **params: Any):
        self.conditions: list[str] = list(conditions)
        if any(name.startswith("_w") for name in params):
            raise ValueError("parameter names starting _w are the builder's own")
        self.params: dict[str, Any] = dict(params)
        self._n = 0

    def add(self, condition: str, *values: Any) -> Where:
        """`condition`, each `?` in it bound to the next of `values`."""
        parts = condition.split("?")
        if len(parts) - 1 != len(values):
            raise ValueError(f"{len(parts) - 1} placeholders, {len(values)} values: {condition}")
        text = parts[0]
        for value, rest in zip(values, parts[1:]):
            name = f"_w{self._n}"
            self._n += 1
            self.params[name] = value
            text += f":{name}{rest}"
        self.conditions.append(text)
        return self

    def when(self, given: Any, condition: str, *values: Any) -> Where:
        """`condition` only when `given` is not None; its values default to `given` itself."""
        if given is not None:
            self.add(condition, *(values or (given,)))
        return self

    def equals(self, column: str, value: Any) -> Where:
        return self.when(value, f"{column} = ?")

    def one_of(self, column: str, values: Iterable[Any] | None) -> Where:
        """`column IN (…)` when `values` is not None."""
        if values is not None:
            values = list(values)
            self.add(f"{column} IN ({', '.join('?' for _ in values)})", *values)
        return self

    def contains(self, column: str, text: str | None) -> Where:
        """`column LIKE %text%` when `text` is not None."""
        return self.when(text, f"{column} LIKE ?", f"%{text}%")

    def year(self, column: str, year: int | None) -> Where:
        """A date column in the calendar year `year`."""
        return self.when(year, f"substr({column}, 1, 4) = ?", f"{year:04d}" if year is not None else None)

    def in_term(self, column: str, term: int | None) -> Where:
        """A date column within term `term`'s dates."""
        return self.when(term, TERM_DATES.format(column=column), term, term)

    @property
    def clause(self) -> str:
        """The conditions ANDed (`1` when there are none)."""
        return " AND ".join(self.conditions) or "1"

    @property
    def sql(self) -> str:
        """`WHERE …`, or nothing when there are no conditions."""
        return f"WHERE {self.clause}" if self.conditions else ""
