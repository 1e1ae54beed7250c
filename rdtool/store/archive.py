"""Read-only SQL for the performance archive (履职档案), scores, flags and supervision.

Aggregates attendance, meetings, proposals, proposal_cosigners and activities for one
deputy (deputy_id given) or for all deputies (deputy_id None), over a date range
[date_from, date_to]. Voided records are ignored everywhere.
"""

from __future__ import annotations

from rdtool.store.db import Store
from rdtool.store.where import Where


def _who(column: str, deputy_id: int | None, params: dict) -> str:
    if deputy_id is None:
        return ""
    params["deputy_id"] = deputy_id
    return f" AND {column} = :deputy_id"


def attendance_counts(store: Store, date_from: str, date_to: str, deputy_id: int | None = None) -> list[dict]:
    """(deputy_id, kind, status, n): roll-call entries at meetings dated in the range."""
    params = {"f": date_from, "t": date_to}
    return store.query(
        "SELECT a.deputy_id, m.kind, a.status, count(*) AS n FROM attendance a "
        "JOIN meetings m ON m.id = a.meeting_id "
        "WHERE m.voided_at IS NULL AND m.date BETWEEN :f AND :t" + _who("a.deputy_id", deputy_id, params)
        + " GROUP BY a.deputy_id, m.kind, a.status", params)


def attendance_detail(store: Store, deputy_id: int, date_from: str, date_to: str) -> list[dict]:
    return store.query(
        "SELECT m.code, m.kind, m.extraordinary, m.date, m.title, a.status FROM attendance a "
        "JOIN meetings m ON m.id = a.meeting_id "
        "WHERE m.voided_at IS NULL AND m.date BETWEEN :f AND :t AND a.deputy_id = :d ORDER BY m.date, m.code",
        {"f": date_from, "t": date_to, "d": deputy_id})


def congress_due(store: Store, deputy_id: int, date_from: str, date_to: str) -> list[dict]:
    """The congress sessions in the range a township deputy was due at — every session of the deputy's term held
    while in office (elected on or before it, not yet ended: store.deputies.in_office) — with the roll-call
    status, NULL where no roll call recorded the deputy."""
    from rdtool.store.deputies import in_office

    return store.query(
        "SELECT m.code, m.kind, m.extraordinary, m.date, m.title, a.status FROM deputies d "
        "JOIN meetings m ON m.kind = 'congress' AND m.term = d.term AND m.voided_at IS NULL "
        "LEFT JOIN attendance a ON a.meeting_id = m.id AND a.deputy_id = d.id "
        f"WHERE d.id = :d AND d.level = 'township' AND m.date BETWEEN :f AND :t AND {in_office('m.date')} "
        "AND (d.elected_on IS NULL OR d.elected_on <= m.date) ORDER BY m.date, m.code",
        {"f": date_from, "t": date_to, "d": deputy_id})


def uncalled_presidium(store: Store, term: int, date_from: str, date_to: str) -> list[dict]:
    """The term's presidium meetings in the range recorded without a roll call (a bare count, or nothing)."""
    return store.query(
        "SELECT m.code, m.kind, m.extraordinary, m.date, m.title FROM meetings m WHERE m.kind = 'presidium' "
        "AND m.term = ? AND m.voided_at IS NULL AND m.date BETWEEN ? AND ? "
        "AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id) ORDER BY m.date, m.code",
        (term, date_from, date_to))


def proposal_counts(store: Store, date_from: str, date_to: str, deputy_id: int | None = None) -> list[dict]:
    """(deputy_id, role lead|cosign, n): proposals submitted in the range."""
    params = {"f": date_from, "t": date_to}
    led = ("SELECT p.lead_id AS deputy_id, 'lead' AS role, count(*) AS n FROM proposals p "
           "WHERE p.voided_at IS NULL AND p.submitted_on BETWEEN :f AND :t" + _who("p.lead_id", deputy_id, params)
           + " GROUP BY p.lead_id")
    cosigned = ("SELECT c.deputy_id, 'cosign' AS role, count(*) AS n FROM proposal_cosigners c "
                "JOIN proposals p ON p.id = c.proposal_id "
                "WHERE p.voided_at IS NULL AND p.submitted_on BETWEEN :f AND :t"
                + _who("c.deputy_id", deputy_id, params) + " GROUP BY c.deputy_id")
    return store.query(f"{led} UNION ALL {cosigned}", params)


def proposal_detail(store: Store, deputy_id: int, date_from: str, date_to: str) -> list[dict]:
    """The deputy's proposals (led or co-signed) with their outcomes."""
    return store.query(
        "SELECT p.code, p.kind, p.title, p.submitted_on, p.unit, p.replied_on, p.result, p.feedback, p.closed_on, "
        "CASE WHEN p.lead_id = :d THEN 'lead' ELSE 'cosign' END AS role, "
        "(SELECT name FROM deputies WHERE id = p.lead_id) AS lead "
        "FROM proposals p WHERE p.voided_at IS NULL AND p.submitted_on BETWEEN :f AND :t "
        "AND (p.lead_id = :d OR EXISTS (SELECT 1 FROM proposal_cosigners c WHERE c.proposal_id = p.id "
        "AND c.deputy_id = :d)) ORDER BY p.submitted_on, p.code",
        {"f": date_from, "t": date_to, "d": deputy_id})


def activity_counts(store: Store, date_from: str, date_to: str, deputy_id: int | None = None) -> list[dict]:
    """(deputy_id, kind, n): activities dated in the range the deputy took part in."""
    params = {"f": date_from, "t": date_to}
    return store.query(
        "SELECT x.deputy_id, a.kind, count(*) AS n FROM activity_participants x "
        "JOIN activities a ON a.id = x.activity_id "
        "WHERE a.voided_at IS NULL AND a.date BETWEEN :f AND :t" + _who("x.deputy_id", deputy_id, params)
        + " GROUP BY x.deputy_id, a.kind", params)


def activity_detail(store: Store, deputy_id: int, date_from: str, date_to: str) -> list[dict]:
    return store.query(
        "SELECT a.code, a.kind, a.level, a.date, a.title, a.subject, a.location FROM activity_participants x "
        "JOIN activities a ON a.id = x.activity_id "
        "WHERE a.voided_at IS NULL AND a.date BETWEEN :f AND :t AND x.deputy_id = :d ORDER BY a.date, a.code",
        {"f": date_from, "t": date_to, "d": deputy_id})


def deputies_serving(store: Store, date_from: str, date_to: str, term: int | None = None) -> list[dict]:
    """Deputies of a term overlapping the range who were in office on some day of it (elected by its last day:
    a deputy by-elected later is not one of the year's)."""
    where = Where("d.voided_at IS NULL", "t.start_date <= :t", "coalesce(t.end_date, '9999-12-31') >= :f",
                  "(d.status = 'active' OR d.status_date > :f)", "(d.elected_on IS NULL OR d.elected_on <= :t)",
                  f=date_from, t=date_to).equals("d.term", term)
    return store.query("SELECT d.id, d.person_id, d.name, d.level, d.term, d.constituency, d.status, d.status_date "
                       f"FROM deputies d JOIN terms t ON t.number = d.term {where.sql} ORDER BY d.id", where.params)


def county_activities(store: Store, date_from: str, date_to: str) -> list[dict]:
    """County-deputy activities (level county or both, not training/study) in the range, with participants (their
    mandate ids) and the people they are (`persons`: a person with two mandates may be recorded by either)."""
    rows = store.query(
        "SELECT a.id, a.code, a.date, a.title FROM activities a WHERE a.voided_at IS NULL "
        "AND a.level IN ('county', 'both') AND a.kind NOT IN ('training', 'study') "
        "AND a.date BETWEEN :f AND :t ORDER BY a.date, a.code", {"f": date_from, "t": date_to})
    for r in rows:
        found = store.query("SELECT x.deputy_id, d.person_id FROM activity_participants x "
                            "JOIN deputies d ON d.id = x.deputy_id WHERE x.activity_id = ?", (r["id"],))
        r["participants"] = {x["deputy_id"] for x in found}
        r["persons"] = {x["person_id"] for x in found}
    return rows


def report_items(store: Store, date_from: str, date_to: str) -> list[dict]:
    """Agenda items of kind report (the reports heard and reviewed) at meetings dated in the range."""
    return store.query(
        "SELECT i.title, i.subject, i.seq, m.code AS meeting, m.kind AS meeting_kind, m.date, m.title AS meeting_title "
        "FROM items i JOIN meetings m ON m.id = i.meeting_id "
        "WHERE i.voided_at IS NULL AND m.voided_at IS NULL AND i.kind = 'report' "
        "AND m.date BETWEEN :f AND :t ORDER BY m.date, m.code, i.seq", {"f": date_from, "t": date_to})
