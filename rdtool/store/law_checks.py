"""The rows `rdtool.services.law_checks` looks at (issue 26)."""

from __future__ import annotations

from rdtool.store.db import Store


def accepted_resignations(store: Store) -> list[dict]:
    """Appointment records of action 接受辞职, not voided, with their meeting's kind and date."""
    return store.query("SELECT a.id, a.person, a.position, a.decided_on, m.code AS meeting_code, m.kind AS meeting_kind, "
                       "m.date AS meeting_date FROM appointments a LEFT JOIN meetings m ON m.id = a.meeting_id "
                       "AND m.voided_at IS NULL WHERE a.voided_at IS NULL AND a.action = 'accept_resignation' "
                       "ORDER BY a.decided_on, a.id")
