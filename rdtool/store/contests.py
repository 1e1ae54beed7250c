"""SQL for election contests (人代会选举, one round of one post's election) and their candidates. Every query of
records ignores voided rows."""

from __future__ import annotations

from rdtool.store.db import Store
from rdtool.store.where import Where


def insert_contest(store: Store, values: dict) -> int:
    return store.insert("election_contests", values)


def contest(store: Store, contest_id: int) -> dict | None:
    return store.one("SELECT c.*, m.code AS meeting_code, m.date AS meeting_date, m.term, "
                     "coalesce(c.held_on, m.date) AS held_date "
                     "FROM election_contests c JOIN meetings m ON m.id = c.meeting_id "
                     "WHERE c.id = ? AND c.voided_at IS NULL", (contest_id,))


def contests(store: Store, *, meeting_id: int | None = None, term: int | None = None) -> list[dict]:
    where = Where("c.voided_at IS NULL", "m.voided_at IS NULL").equals("c.meeting_id", meeting_id).equals("m.term", term)
    return store.query("SELECT c.*, m.code AS meeting_code, m.date AS meeting_date, m.term, "
                       "coalesce(c.held_on, m.date) AS held_date "
                       f"FROM election_contests c JOIN meetings m ON m.id = c.meeting_id {where.sql} "
                       "ORDER BY m.date, m.code, c.id", where.params)


def contest_round(store: Store, meeting_id: int, post: str) -> int:
    return (store.scalar("SELECT max(round) FROM election_contests WHERE meeting_id = ? AND post = ? "
                         "AND voided_at IS NULL", (meeting_id, post)) or 0) + 1


def contest_exists(store: Store, meeting_id: int, post: str, round_: int) -> bool:
    return store.scalar("SELECT count(*) FROM election_contests WHERE meeting_id = ? AND post = ? AND round = ? "
                        "AND voided_at IS NULL", (meeting_id, post, round_)) > 0


def candidates(store: Store, contest_id: int) -> list[dict]:
    return store.query("SELECT * FROM candidates WHERE contest_id = ? ORDER BY id", (contest_id,))


def insert_candidate(store: Store, values: dict) -> int:
    return store.insert("candidates", values)


def set_candidate_elected(store: Store, candidate_id: int, elected: bool, elected_on: str | None) -> None:
    store.execute("UPDATE candidates SET elected = ?, elected_on = ? WHERE id = ?",
                  (int(elected), elected_on, candidate_id))


def set_candidate_votes(store: Store, candidate_id: int, votes: int) -> None:
    store.execute("UPDATE candidates SET votes = ? WHERE id = ?", (votes, candidate_id))


def outcomes(store: Store) -> list[dict]:
    """Every live contest's outcome and winners (what a correction compares before and after)."""
    return store.query("SELECT c.id, c.meeting_id, m.code || ' ' || c.post || '选举' AS label, c.outcome, "
                       "(SELECT group_concat(name, '、') FROM (SELECT x.name FROM candidates x WHERE x.contest_id = c.id "
                       "AND x.elected ORDER BY x.id)) AS winners FROM election_contests c "
                       "JOIN meetings m ON m.id = c.meeting_id WHERE c.voided_at IS NULL AND m.voided_at IS NULL")


def set_contest_outcome(store: Store, contest_id: int, outcome: str) -> None:
    store.execute("UPDATE election_contests SET outcome = ? WHERE id = ?", (outcome, contest_id))


def update_contest(store: Store, contest_id: int, changes: dict) -> None:
    store.update("election_contests", contest_id, changes)


def rounds_of_post(store: Store, meeting_id: int, post: str) -> list[dict]:
    """The rounds of one post's election at one session, in order (re-votes and 另行选举 are later rounds)."""
    return store.query("SELECT c.*, m.code AS meeting_code, m.date AS meeting_date, m.term, "
                     "coalesce(c.held_on, m.date) AS held_date "
                       "FROM election_contests c JOIN meetings m ON m.id = c.meeting_id "
                       "WHERE c.meeting_id = ? AND c.post = ? AND c.voided_at IS NULL ORDER BY c.round, c.id",
                       (meeting_id, post))


def winners(store: Store) -> list[dict]:
    """Every elected candidate of a contest that stands, in the order held (date, session, round, contest)."""
    return store.query("SELECT x.id AS candidate_id, x.name, x.deputy_id, c.id AS contest_id, c.post, c.round, "
                       "c.by_election, m.id AS meeting_id, coalesce(c.held_on, m.date) AS date, "
                       "m.code AS meeting_code FROM candidates x JOIN election_contests c ON c.id = x.contest_id "
                       "JOIN meetings m ON m.id = c.meeting_id "
                       "WHERE x.elected = 1 AND c.voided_at IS NULL AND m.voided_at IS NULL "
                       "ORDER BY coalesce(c.held_on, m.date), m.id, c.round, c.id, x.id")
