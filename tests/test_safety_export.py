"""The streamed CSV export (Kind.export_sql) writes exactly what the generic path writes, in constant memory."""

from __future__ import annotations

import io
import sqlite3

import pytest

from rdtool.services.transfer import registry as kinds
from rdtool.io.exporter import export_kind
from rdtool.render import render_rows
from rdtool.store.opening import open_store


@pytest.mark.parametrize("fmt,headers,bom", [("csv", "en", False), ("tsv", "zh", True)])
def test_streamed_export_equals_generic(sample, fmt, headers, bom, tmp_path):
    conn = sqlite3.connect(sample.db)
    # a meeting code that would run as a formula, and a same-name pair in a roll call
    ids = [r[0] for r in conn.execute("SELECT DISTINCT meeting_id FROM attendance ORDER BY 1 LIMIT 7")]
    odd = ["=SUM(A1)", 'P,"q"', "R\nS", "T\tU", "-1", "@x", "\rZ"]
    for meeting_id, code in zip(ids, odd):
        conn.execute("UPDATE meetings SET code = ? WHERE id = ?", (code, meeting_id))
    conn.commit()
    conn.close()
    store = open_store(sample.db)
    for name in [n for n in kinds.KINDS if kinds.get(n).export_sql is not None]:
        kind = kinds.get(name)
        generic = io.StringIO()
        expected = render_rows(kind.export(store, False), kind.export_columns(), fmt, generic,
                               headers=headers, bom=bom)
        out = tmp_path / f"{name}.{fmt}"
        n = export_kind(store, kind, fmt, out, headers=headers, bom=bom)
        assert out.read_bytes().decode("utf-8") == generic.getvalue(), name
        assert n == expected > 0
    assert "'=" in (tmp_path / f"attendance.{fmt}").read_text(encoding="utf-8")
    store.close()
