"""Migration m1301_figures, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m1301_figures"

M1301_FIGURES = """
ALTER TABLE meetings ADD COLUMN quorum_met INTEGER;        -- computed by rdtool.rules.majority.quorum, never typed
                                                           -- in: 1 met, 0 not (the meeting could not be held),
                                                           -- NULL figures not known
ALTER TABLE items ADD COLUMN subject TEXT;                 -- 议题 of a report item (supervision prose); derived from
                                                           -- the title when NULL (rdtool.services.activities.supervision)
ALTER TABLE proposals ADD COLUMN disposition TEXT;         -- motions: on_agenda | not_on_agenda | as_suggestion
ALTER TABLE proposals ADD COLUMN decided_on TEXT;          -- the presidium's decision (组织法 第二十二条第二款)
ALTER TABLE proposals ADD COLUMN decision_meeting_id INTEGER REFERENCES meetings(id);
ALTER TABLE proposals ADD COLUMN outcome TEXT;             -- motions on the agenda: passed | failed | withdrawn
ALTER TABLE proposals ADD COLUMN outcome_on TEXT;          -- (组织法 第二十二条第三款: withdrawn before the vote)
ALTER TABLE proposals ADD COLUMN outcome_meeting_id INTEGER REFERENCES meetings(id);
CREATE INDEX meetings_without_quorum ON meetings(date) WHERE quorum_met = 0;
DROP INDEX IF EXISTS proposals_figures;
CREATE INDEX proposals_figures_1301 ON proposals(submitted_on, voided_at, round, kind, disposition, decided_on, unit,
                                                 category, assigned_on, due_on, replied_on, closed_on, feedback_on,
                                                 feedback, result, outcome, outcome_on);
"""


def migrate(db) -> None:
    """Motion disposition (组织法 第二十二条第二款), item subjects, the report's SQL views (rdtool.store.report_views).

    Stored values are brought to the new definitions, each change written to the change log: each meeting's
    quorum is computed from its figures (as rdtool.services.meetings.meetings.refresh_quorum does); a motion already
    handed to a unit was handled as a suggestion (disposition as_suggestion, decided on its assignment date);
    民族 is stored by its full name (汉 → 汉族), a blank as NULL (未填).
    """
    from rdtool.ethnicity import SPELLINGS
    from rdtool.store import changelog

    run_sql(db, M1301_FIGURES)
    conn = db.conn
    logging = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (changelog.CHANGE_LOG,)).fetchone()
    tables = ("proposals", "deputies", "ge_candidates", "meetings")
    if logging:  # the log's triggers are off while migrating: put them on these tables for the data changes
        for table in tables:
            for sql in changelog.trigger_sql(conn, table):
                conn.execute(sql)
    conn.execute("UPDATE proposals SET disposition = 'as_suggestion', decided_on = assigned_on "
                 "WHERE kind = 'motion' AND assigned_on IS NOT NULL AND disposition IS NULL")
    _quorums(conn)
    for table in ("deputies", "ge_candidates"):
        conn.execute(f"UPDATE {table} SET ethnicity = NULL WHERE trim(ethnicity) = ''")
        conn.executemany(f"UPDATE {table} SET ethnicity = ? WHERE ethnicity = ?",
                         [(full, short) for short, full in SPELLINGS.items() if short != full])
    if logging:
        changelog.uninstall(conn)


def _quorums(conn) -> None:
    """Each meeting's quorum as rdtool.services.meetings.meetings.refresh_quorum computed it when this migration
    shipped (the province profile's presidium rule included), frozen here so that the migration's result never
    changes with the services: present = the roll call's present rows when there is a roll call, else the
    stored count; entitled = the stored figure, else the roster snapshot; NULL when either is unknown or they
    are impossible (present > entitled). 组织法 第十四条第四款 for a congress (two thirds or more present);
    more than half for a presidium (or two thirds under the presidium_quorum rule) and for other meetings."""
    two_thirds = _presidium_rule(conn) == "two_thirds"
    rows = conn.execute(
        "SELECT m.id, m.kind, m.present, m.entitled, m.roster, m.quorum_met, "
        "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) AS roll_rows, "
        "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'present') AS roll_present "
        "FROM meetings m WHERE m.voided_at IS NULL ORDER BY m.id").fetchall()
    for meeting_id, kind, present, entitled, roster, stored, roll_rows, roll_present in rows:
        if roll_rows:
            present = roll_present
        if entitled is None:
            entitled = roster
        if present is None or not entitled or present < 0 or entitled < 0 or present > entitled:
            value = None
        elif kind == "congress" or (kind == "presidium" and two_thirds):
            value = int(3 * present >= 2 * entitled)
        else:
            value = int(2 * present > entitled)
        if stored != value:
            conn.execute("UPDATE meetings SET quorum_met = ? WHERE id = ?", (value, meeting_id))


def _presidium_rule(conn) -> str:
    """more_than_half | two_thirds: the presidium_quorum setting, else the rule of the province set (the
    profiles of rdtool.rules.provinces, the law's data), else more than half."""
    import json

    from rdtool.errors import RdtoolError
    from rdtool.rules.provinces import NATIONAL, PROFILES, province_code

    stored = dict(conn.execute("SELECT key, value FROM settings WHERE key IN ('province', 'presidium_quorum')"))
    if stored.get("presidium_quorum") is not None:
        try:
            rule = json.loads(stored["presidium_quorum"])
        except ValueError:
            rule = None
        if rule not in ("more_than_half", "two_thirds"):
            raise RdtoolError("设置项 presidium_quorum 的值不是有效的 JSON（settings 表，可能由其他程序写入）",
                              "用 rdtool config presidium_quorum 新值 重新设置")
        return rule
    try:
        raw = json.loads(stored["province"]) if stored.get("province") is not None else None
    except ValueError:
        raw = stored["province"]
    code = province_code(str(raw)) if raw else None
    return str(PROFILES.get(code or "national", NATIONAL).presidium_quorum.value)
