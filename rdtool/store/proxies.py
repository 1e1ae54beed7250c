"""Votes by proxy (委托投票, 选举法 第四十二条) in a general election (rdtool.services.general_election.proxies)."""

from __future__ import annotations

from rdtool.store.db import Store

COLUMNS = ("election_id", "constituency_id", "principal", "proxy", "approved_on", "notes")


def insert(store: Store, values: dict) -> int:
    return store.insert("ge_proxies", {k: values.get(k) for k in COLUMNS})


def of_election(store: Store, election_id: int) -> list[dict]:
    return store.query("SELECT p.*, c.name AS constituency FROM ge_proxies p "
                       "LEFT JOIN ge_constituencies c ON c.id = p.constituency_id "
                       "WHERE p.voided_at IS NULL AND p.election_id = ? ORDER BY p.id", (election_id,))


def listing(store: Store, term: int | None = None) -> list[dict]:
    sql = ("SELECT p.*, c.name AS constituency, e.term, e.level, e.election_day FROM ge_proxies p "
           "JOIN general_elections e ON e.id = p.election_id AND e.voided_at IS NULL "
           "LEFT JOIN ge_constituencies c ON c.id = p.constituency_id WHERE p.voided_at IS NULL")
    if term is None:
        return store.query(sql + " ORDER BY e.term, p.id")
    return store.query(sql + " AND e.term = ? ORDER BY p.id", (term,))
