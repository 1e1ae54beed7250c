"""Appeals against the voter list (选民名单申诉) of a general election (rdtool.services.general_election.appeals)."""

from __future__ import annotations

from rdtool.store.db import Store

COLUMNS = ("election_id", "person", "filed_on", "decided_on", "decision", "court_filed_on", "court_decided_on", "notes")


def insert(store: Store, values: dict) -> int:
    return store.insert("ge_appeals", {k: values.get(k) for k in COLUMNS})


def appeals(store: Store, election_id: int | None = None) -> list[dict]:
    """Appeals not voided, with their election's term, level, day and voter-list publication."""
    sql = ("SELECT a.*, e.term, e.level, e.election_day, e.registration_on FROM ge_appeals a "
           "JOIN general_elections e ON e.id = a.election_id AND e.voided_at IS NULL WHERE a.voided_at IS NULL")
    if election_id is None:
        return store.query(sql + " ORDER BY a.filed_on, a.id")
    return store.query(sql + " AND a.election_id = ? ORDER BY a.filed_on, a.id", (election_id,))
