"""The rows `rdtool.services.admin.law_checks` looks at (CHANGES.md “The law, third pass”)."""

from __future__ import annotations

from rdtool.store.db import Store


def accepted_resignations(store: Store) -> list[dict]:
    """Appointment records of action 接受辞职, not voided, with their meeting's kind and date."""
    return store.query("SELECT a.id, a.person, a.position, a.decided_on, m.code AS meeting_code, m.kind AS meeting_kind, "
                       "m.date AS meeting_date FROM appointments a LEFT JOIN meetings m ON m.id = a.meeting_id "
                       "AND m.voided_at IS NULL WHERE a.voided_at IS NULL AND a.action = 'accept_resignation' "
                       "ORDER BY a.decided_on, a.id")


def deputies_with_births(store: Store) -> list[dict]:
    """Deputies not voided whose birth date and election date are both known."""
    return store.query("SELECT id, name, term, level, birth_date, elected_on FROM deputies WHERE voided_at IS NULL "
                       "AND birth_date IS NOT NULL AND birth_date != '' AND elected_on IS NOT NULL ORDER BY id")


def candidates_with_births(store: Store) -> list[dict]:
    """Candidates of general elections and by-elections with a birth date, and their election's day and code."""
    return store.query(
        "SELECT c.id, c.name, c.birth_date, e.election_day, e.term, e.kind, e.code, k.name AS constituency "
        "FROM ge_candidates c JOIN ge_constituencies k ON k.id = c.constituency_id AND k.voided_at IS NULL "
        "JOIN general_elections e ON e.id = k.election_id AND e.voided_at IS NULL "
        "WHERE c.voided_at IS NULL AND c.birth_date IS NOT NULL AND c.birth_date != '' ORDER BY c.id")


def first_session_on(store: Store, term: int) -> str | None:
    """The opening day of the term's first congress session on record."""
    row = store.one("SELECT min(date) AS d FROM meetings WHERE kind = 'congress' AND term = ? AND voided_at IS NULL",
                    (term,))
    return row["d"] if row else None


def confirmations(store: Store) -> list[dict]:
    """Township general elections' confirmed winners, grouped by election and day (credentials)."""
    return store.query(
        "SELECT e.id AS election_id, e.term, c.confirmed_on, count(*) AS n, group_concat(c.name, '、') AS names "
        "FROM ge_candidates c JOIN ge_constituencies k ON k.id = c.constituency_id AND k.voided_at IS NULL "
        "JOIN general_elections e ON e.id = k.election_id AND e.voided_at IS NULL "
        "WHERE c.voided_at IS NULL AND c.confirmed = 1 AND c.confirmed_on IS NOT NULL AND e.kind = 'general' "
        "AND e.level = 'township' GROUP BY e.id, c.confirmed_on ORDER BY e.id, c.confirmed_on")


def office_holders(store: Store) -> list[dict]:
    """Appointment records (elected or appointed) not voided, with the deputy they name (by id, else by name)."""
    return store.query(
        "SELECT a.id, a.person, a.position, a.action, a.decided_on, a.deputy_id FROM appointments a "
        "WHERE a.voided_at IS NULL AND a.action IN ('elect', 'appoint') AND a.decided_on IS NOT NULL ORDER BY a.id")


def post_end_days(store: Store) -> list[dict]:
    """Recorded recalls and accepted resignations of posts, with the day of the vote."""
    return store.query("SELECT p.person, p.deputy_id, p.post, m.date AS day FROM post_ends p "
                       "JOIN items i ON i.id = p.item_id JOIN meetings m ON m.id = i.meeting_id "
                       "WHERE p.voided_at IS NULL")


def roles_with_names(store: Store) -> list[dict]:
    """Presidium role rows of deputies not voided, with the deputy's name and term."""
    return store.query("SELECT r.deputy_id, r.role, r.from_date, r.to_date, d.name, d.term FROM presidium_members r "
                       "JOIN deputies d ON d.id = r.deputy_id AND d.voided_at IS NULL ORDER BY r.id")


def terms(store: Store) -> list[dict]:
    return store.query("SELECT number, start_date, end_date FROM terms ORDER BY number")


def oaths(store: Store) -> list[dict]:
    """Appointment records with an oath date, and the closing day of the meeting they were decided at."""
    return store.query(
        "SELECT a.id, a.person, a.position, a.action, a.decided_on, a.oath_on, m.kind AS meeting_kind, "
        "coalesce(m.end_date, m.date) AS meeting_closed FROM appointments a "
        "LEFT JOIN meetings m ON m.id = a.meeting_id AND m.voided_at IS NULL "
        "WHERE a.voided_at IS NULL AND a.oath_on IS NOT NULL AND a.decided_on IS NOT NULL ORDER BY a.id")


def recess_suggestions(store: Store) -> list[dict]:
    """Suggestions made in recess (no session) and assigned, not voided."""
    return store.query("SELECT id, code, kind, submitted_on, assigned_on, meeting_id FROM proposals "
                       "WHERE voided_at IS NULL AND kind = 'suggestion' AND meeting_id IS NULL "
                       "AND assigned_on IS NOT NULL ORDER BY id")
