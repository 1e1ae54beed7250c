"""Migration m1401_congress_election_results, as it shipped: applied once to a database, in the order of rdtool.store.migrations.ORDER.

Never edit it: a database already migrated would differ from a new one. Change the schema with a new file."""

from __future__ import annotations

from rdtool.store.migrations._sql import run_sql

NAME = "m1401_congress_election_results"


def migrate(db) -> None:
    """What a congress election's winners become, and appointments fed by their vote.

    - ``presidium_members.candidate_id``: the election result (candidates row) a presidium role comes from
      (组织法 第十八条、第十九条); NULL for a role typed by hand. ``ended_by_contest``: the election contest
      that ended a role (a chair succeeded, a presidium replaced by the next session's); deliberately not a
      foreign key, so that deleting a contest can never delete a role typed by hand.
    - ``appointments.candidate_id``: an office-holder record (action ``elect``) made from an election
      result, whose oath (宪法宣誓) and announcement are tracked like an appointment's steps.
    - Appointments linked to a meeting but not yet to its personnel vote are linked when exactly one
      personnel item of that meeting names the person (as `appointment add` does).
    """
    run_sql(db, """
ALTER TABLE presidium_members ADD COLUMN candidate_id INTEGER REFERENCES candidates(id);
ALTER TABLE presidium_members ADD COLUMN ended_by_contest INTEGER;
ALTER TABLE appointments ADD COLUMN candidate_id INTEGER REFERENCES candidates(id);
CREATE INDEX presidium_members_candidate ON presidium_members(candidate_id);
CREATE INDEX appointments_candidate ON appointments(candidate_id);
UPDATE appointments SET item_id = (
    SELECT min(i.id) FROM items i WHERE i.meeting_id = appointments.meeting_id AND i.kind = 'personnel'
    AND i.voided_at IS NULL AND instr(i.title, appointments.person) > 0)
WHERE item_id IS NULL AND meeting_id IS NOT NULL AND (
    SELECT count(*) FROM items i WHERE i.meeting_id = appointments.meeting_id AND i.kind = 'personnel'
    AND i.voided_at IS NULL AND instr(i.title, appointments.person) > 0) = 1;
""")
