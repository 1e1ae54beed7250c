"""SQL for the general election of deputies (换届选举): plans, constituencies, candidates, rounds, votes.

Every query ignores voided rows (``voided_at IS NOT NULL``).
"""

from __future__ import annotations

from rdtool.store.db import Store

PLAN_COLUMNS = ("term", "level", "election_day", "mobilisation_on", "registration_on", "candidates_on",
                "final_list_on", "credentials_on", "population", "notes")
CANDIDATE_COLUMNS = ("name", "gender", "birth_date", "ethnicity", "party", "education", "occupation", "workplace",
                     "nominated_by", "nominators", "final")


def election(store: Store, term: int, level: str) -> dict | None:
    """The general election of a term and level (not its by-elections)."""
    return store.one("SELECT * FROM general_elections WHERE term = ? AND level = ? AND kind = 'general' "
                     "AND voided_at IS NULL", (term, level))


def elections(store: Store, term: int | None = None) -> list[dict]:
    """General elections (by-elections are ``by_elections``)."""
    if term is None:
        return store.query("SELECT * FROM general_elections WHERE kind = 'general' AND voided_at IS NULL "
                           "ORDER BY term, level DESC")
    return store.query("SELECT * FROM general_elections WHERE term = ? AND kind = 'general' AND voided_at IS NULL "
                       "ORDER BY level DESC", (term,))


def insert_election(store: Store, values: dict) -> int:
    return store.insert("general_elections", {k: values.get(k) for k in PLAN_COLUMNS})


# By-elections (补选, 选举法 art. 57): a general_elections row of kind 'by_election' with one constituency.

def by_elections(store: Store, term: int | None = None) -> list[dict]:
    sql = ("SELECT e.*, k.id AS constituency_id, k.name AS constituency, k.seats, k.voters FROM general_elections e "
           "JOIN ge_constituencies k ON k.election_id = e.id AND k.voided_at IS NULL "
           "WHERE e.kind = 'by_election' AND e.voided_at IS NULL")
    if term is None:
        return store.query(sql + " ORDER BY e.election_day, e.id")
    return store.query(sql + " AND e.term = ? ORDER BY e.election_day, e.id", (term,))


def by_election(store: Store, code: str) -> dict | None:
    return next((b for b in by_elections(store) if b["code"] == code), None)


def insert_by_election(store: Store, values: dict) -> int:
    record = {k: values.get(k) for k in PLAN_COLUMNS}
    record.update(kind="by_election", code=values["code"])
    return store.insert("general_elections", record)


def by_election_codes(store: Store, term: int) -> list[str]:
    return [r["code"] for r in store.query("SELECT code FROM general_elections WHERE kind = 'by_election' AND term = ?",
                                           (term,))]


def update_election(store: Store, election_id: int, changes: dict) -> None:
    store.update("general_elections", election_id, changes)


def constituencies(store: Store, election_id: int) -> list[dict]:
    return store.query("SELECT * FROM ge_constituencies WHERE election_id = ? AND voided_at IS NULL ORDER BY id",
                       (election_id,))


def constituency(store: Store, election_id: int, name: str) -> dict | None:
    return store.one("SELECT * FROM ge_constituencies WHERE election_id = ? AND name = ? AND voided_at IS NULL",
                     (election_id, name))


def insert_constituency(store: Store, election_id: int, name: str, seats: int, voters: int,
                        notes: str | None = None) -> int:
    return store.insert("ge_constituencies", {"election_id": election_id, "name": name, "seats": seats,
                                              "voters": voters, "notes": notes})


def candidates(store: Store, constituency_id: int) -> list[dict]:
    return store.query("SELECT * FROM ge_candidates WHERE constituency_id = ? AND voided_at IS NULL ORDER BY id",
                       (constituency_id,))


def election_candidates(store: Store, election_id: int) -> list[dict]:
    """Every candidate of an election with the constituency's name."""
    return store.query(
        "SELECT c.*, k.name AS constituency, k.id AS constituency_id FROM ge_candidates c "
        "JOIN ge_constituencies k ON k.id = c.constituency_id "
        "WHERE k.election_id = ? AND c.voided_at IS NULL AND k.voided_at IS NULL ORDER BY k.id, c.id",
        (election_id,))


def insert_candidate(store: Store, constituency_id: int, values: dict) -> int:
    record = {k: values.get(k) for k in CANDIDATE_COLUMNS}
    record["final"] = int(bool(record.get("final")))
    record["constituency_id"] = constituency_id
    return store.insert("ge_candidates", record)


def rounds(store: Store, constituency_id: int) -> list[dict]:
    return store.query("SELECT * FROM ge_rounds WHERE constituency_id = ? AND voided_at IS NULL ORDER BY round",
                       (constituency_id,))


def election_rounds(store: Store, election_id: int) -> list[dict]:
    return store.query(
        "SELECT r.*, k.name AS constituency FROM ge_rounds r JOIN ge_constituencies k ON k.id = r.constituency_id "
        "WHERE k.election_id = ? AND r.voided_at IS NULL AND k.voided_at IS NULL ORDER BY k.id, r.round",
        (election_id,))


def insert_round(store: Store, values: dict) -> int:
    return store.insert("ge_rounds", values)


def insert_vote(store: Store, round_id: int, candidate_id: int, votes: int, status: str) -> None:
    store.insert("ge_votes", {"round_id": round_id, "candidate_id": candidate_id, "votes": votes, "status": status})


def votes(store: Store, round_id: int) -> list[dict]:
    return store.query("SELECT v.*, c.name, c.deputy_id FROM ge_votes v JOIN ge_candidates c ON c.id = v.candidate_id "
                       "WHERE v.round_id = ? ORDER BY v.votes DESC, c.id", (round_id,))


def election_votes(store: Store, election_id: int) -> list[dict]:
    return store.query(
        "SELECT v.*, r.round, r.constituency_id FROM ge_votes v JOIN ge_rounds r ON r.id = v.round_id "
        "JOIN ge_constituencies k ON k.id = r.constituency_id "
        "WHERE k.election_id = ? AND r.voided_at IS NULL AND k.voided_at IS NULL", (election_id,))


def elected_ids(store: Store, election_id: int) -> set[int]:
    """Candidates elected in a valid, not voided round."""
    rows = store.query(
        "SELECT v.candidate_id FROM ge_votes v JOIN ge_rounds r ON r.id = v.round_id "
        "JOIN ge_constituencies k ON k.id = r.constituency_id "
        "WHERE k.election_id = ? AND r.voided_at IS NULL AND k.voided_at IS NULL AND v.status = 'elected'",
        (election_id,))
    return {r["candidate_id"] for r in rows}


def elected_held_on(store: Store, candidate_id: int) -> str | None:
    """The day of the (not voided) round that elected the candidate."""
    row = store.one("SELECT r.held_on FROM ge_votes v JOIN ge_rounds r ON r.id = v.round_id "
                    "WHERE v.candidate_id = ? AND v.status = 'elected' AND r.voided_at IS NULL", (candidate_id,))
    return row["held_on"] if row else None


def set_candidate(store: Store, candidate_id: int, values: dict) -> None:
    store.update("ge_candidates", candidate_id, values)


def deputy_by_identity(store: Store, term: int, level: str, name: str, birth_date: str | None) -> list[dict]:
    """Deputies of a term and level with this name (and birth date, when both are known)."""
    rows = store.query("SELECT * FROM deputies WHERE term = ? AND level = ? AND name = ? AND voided_at IS NULL "
                       "ORDER BY id", (term, level, name))
    if birth_date:
        rows = [r for r in rows if r["birth_date"] in (None, birth_date)]
    return rows


def previous_roster(store: Store, term: int, level: str) -> set[tuple[str, str | None]] | None:
    """(name, birth_date) of the previous term's deputies at this level; None when it has none on record."""
    rows = store.query("SELECT name, birth_date FROM deputies WHERE term = ? AND level = ? AND voided_at IS NULL",
                       (term - 1, level))
    if not rows:
        return None
    return {(r["name"], r["birth_date"]) for r in rows}


# ---- corrections (rdtool.services.general_election.edits) ---------------------------------------------------

def election_by_id(store: Store, election_id: int) -> dict | None:
    return store.one("SELECT * FROM general_elections WHERE id = ?", (election_id,))


def constituency_by_id(store: Store, constituency_id: int) -> dict | None:
    return store.one("SELECT * FROM ge_constituencies WHERE id = ?", (constituency_id,))


def update_constituency(store: Store, constituency_id: int, changes: dict) -> None:
    store.update("ge_constituencies", constituency_id, changes)


def round_by_id(store: Store, round_id: int) -> dict | None:
    return store.one("SELECT * FROM ge_rounds WHERE id = ?", (round_id,))


def update_round(store: Store, round_id: int, changes: dict) -> None:
    store.update("ge_rounds", round_id, changes)


def set_vote(store: Store, round_id: int, candidate_id: int, votes: int, status: str) -> None:
    store.execute("UPDATE ge_votes SET votes = ?, status = ? WHERE round_id = ? AND candidate_id = ?",
                  (votes, status, round_id, candidate_id))


def candidate_votes(store: Store, candidate_id: int) -> list[dict]:
    """The candidate's votes in rounds not voided."""
    return store.query("SELECT v.* FROM ge_votes v JOIN ge_rounds r ON r.id = v.round_id "
                       "WHERE v.candidate_id = ? AND r.voided_at IS NULL", (candidate_id,))
