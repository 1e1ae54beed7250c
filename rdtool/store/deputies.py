"""SQL for deputies and presidium memberships."""

from __future__ import annotations

import json
from typing import Iterator

from rdtool.store.db import Store
from rdtool.store.where import Where

COLUMNS = ("name", "gender", "birth_date", "ethnicity", "party", "education", "occupation", "workplace", "level",
           "constituency", "term", "elected_on", "re_elected", "phone", "id_number", "status", "status_date",
           "status_reason", "notes")
# A deputies row is one mandate (level, term, constituency, elected on, re-elected, status); `person_id` groups the
# mandates of one person (the id of the person's first mandate row). The person's own fields are the same on every
# mandate row of the person: written through `update_person`, compared by `db check` (docs/schema.md).
PERSON = ("name", "gender", "birth_date", "ethnicity", "party", "education", "occupation", "workplace", "phone",
          "id_number")

def in_office(day: str = ":day", d: str = "d") -> str:
    """A deputy is in office on `day` when not voided, elected by then (a by-election's winner is not a deputy
    before its day; no date means from the term's start) and not ended on or before that day."""
    return (f"({d}.voided_at IS NULL AND ({d}.elected_on IS NULL OR {d}.elected_on <= {day}) "
            f"AND ({d}.status = 'active' OR {d}.status_date > {day}))")


IN_OFFICE = in_office()
# Entitled at a meeting on :day (its 全体 base): in office when the day began — a deputy whose resignation a
# session accepts that day was one of the deputies it opened with.
ENTITLED = ("(d.voided_at IS NULL AND (d.elected_on IS NULL OR d.elected_on <= :day) "
            "AND (d.status = 'active' OR d.status_date >= :day))")

# Names borne by two or more people of one term (name, term, n): where a file must add the deputy's id (one
# person's two mandates are one name: the context's level picks the mandate).
SHARED_NAMES = ("SELECT name, term, count(DISTINCT person_id) AS n FROM deputies WHERE voided_at IS NULL "
                "GROUP BY name, term HAVING count(DISTINCT person_id) > 1")

_ROLE_ON = """(SELECT p.role FROM presidium_members p WHERE p.deputy_id = d.id
               AND (p.from_date IS NULL OR p.from_date <= :day) AND (p.to_date IS NULL OR p.to_date >= :day)
               ORDER BY p.id DESC LIMIT 1)"""


def shared_names(store: Store) -> set[tuple[str, int]]:
    """{(name, term)} for every name shared by several deputies of a term (exports write 姓名#ID for these)."""
    return {(r["name"], r["term"]) for r in store.query(SHARED_NAMES)}


def insert(store: Store, values: dict) -> int:
    """A mandate row; `person_id` in values adds it to that person, else it is a person of its own (its own id,
    written with the row so that the change log has one entry; the schema's trigger deputies_person_of_its_own
    does the same for a row inserted by other tools)."""
    row = {k: values.get(k) for k in COLUMNS if k in values}
    if values.get("person_id"):
        return store.insert("deputies", {**row, "person_id": values["person_id"]})
    new_id = store.scalar("SELECT coalesce(max(id), 0) + 1 FROM deputies")  # inside the write transaction
    return store.insert("deputies", {"id": new_id, **row, "person_id": new_id})


def insert_people(store: Store, records: list[dict]) -> None:
    """Mandate rows each a person of its own, written as insert() writes one (ids counted on from the largest),
    in one executemany per run of rows with the same columns (an import's rows)."""
    from operator import itemgetter

    next_id = store.scalar("SELECT coalesce(max(id), 0) + 1 FROM deputies")  # inside the write transaction
    cols: tuple = ()
    batch: list[tuple] = []
    shapes: dict[tuple, tuple] = {}  # a record's keys → its columns and their getter (an import's rows share one)
    for record in records:
        keys = tuple(record)
        if keys not in shapes:
            these = tuple(k for k in COLUMNS if k in record)
            shapes[keys] = (these, itemgetter(*these) if len(these) > 1 else lambda r, k=these: tuple(r[c] for c in k))
        these, get = shapes[keys]
        if these != cols:
            _insert_rows(store, cols, batch)
            cols, batch = these, []
        batch.append((next_id, *get(record), next_id))
        next_id += 1
    _insert_rows(store, cols, batch)


def _insert_rows(store: Store, cols: tuple, rows: list[tuple]) -> None:
    if rows:
        store.conn.executemany(f"INSERT INTO deputies (id, {', '.join(cols)}, person_id) "
                               f"VALUES ({', '.join('?' * (len(cols) + 2))})", rows)


def live_identities(store: Store, term: int) -> list[tuple]:
    """(name, id_number) of every live mandate of a term (what insert_checked's identity_exists compares)."""
    return store.conn.execute("SELECT name, id_number FROM deputies WHERE term = ? AND voided_at IS NULL",
                              (term,)).fetchall()


def pick_mandate(rows: list[dict], level: str | None) -> dict | None:
    """The mandate meant among `rows` of one name (or id): None when they are two or more people; of one person,
    the mandate of `level`, else the township one, else the first."""
    if not rows or len({r.get("person_id") or r["id"] for r in rows}) > 1:
        return None
    for want in (level, "township"):
        found = [r for r in rows if r["level"] == want]
        if found:
            return found[0]
    return rows[0]


def mandates_of(store: Store, person_id: int) -> list[dict]:
    """Every mandate row of a person (voided ones too), oldest first."""
    return store.query("SELECT * FROM deputies WHERE person_id = ? ORDER BY id", (person_id,))


def regroup_person(store: Store, deleted_id: int) -> None:
    """After the mandate row `deleted_id` is deleted: the rows that named it as their person name the first of
    them instead."""
    store.execute("UPDATE deputies SET person_id = (SELECT min(id) FROM deputies WHERE person_id = :gone) "
                  "WHERE person_id = :gone", {"gone": deleted_id})


def update_person(store: Store, person_id: int, changes: dict) -> None:
    """The person's own fields, on every mandate row of the person."""
    if changes:
        sets = ", ".join(f"{k} = ?" for k in changes)
        store.execute(f"UPDATE deputies SET {sets} WHERE person_id = ?", [*changes.values(), person_id])


def person_rows(store: Store) -> list[dict]:
    """Every live mandate row of a person who holds two or more, with the person's own fields (db check compares
    them: rdtool.services.deputies.people.checks)."""
    return store.query(f"SELECT id, person_id, level, term, {', '.join(PERSON)} FROM deputies d "
                       "WHERE voided_at IS NULL AND (SELECT count(*) FROM deputies o WHERE o.person_id = d.person_id "
                       "AND o.voided_at IS NULL) > 1 ORDER BY person_id, id")


def unjoined_pairs(store: Store) -> list[dict]:
    """Two live rows of one term, one name and agreeing birth dates (or one of them without: the way one person got
    in twice before mandates were kept apart), or one 身份证号, at different levels, that are two people on record
    (`deputy merge` joins them). Two joins, each through an index (deputies_name; an automatic one on 身份证号),
    not one join of every two rows of a term on either condition (1.1 million pairs for a county's 1,500 a term)."""
    pair = ("SELECT a.id, a.name, a.term, a.level, b.id AS other_id, b.name AS other_name, b.level AS other_level "
            "FROM deputies a "
            "JOIN deputies b ON {on} AND b.term = a.term AND b.id > a.id AND b.person_id != a.person_id "
            "AND b.level != a.level WHERE a.voided_at IS NULL AND b.voided_at IS NULL")
    same_name = ("b.name = a.name AND (a.birth_date IS NULL OR b.birth_date IS NULL "
                 "OR substr(a.birth_date, 1, 7) = substr(b.birth_date, 1, 7))")
    same_number = "a.id_number IS NOT NULL AND b.id_number = a.id_number"
    return store.query(f"{pair.format(on=same_name)} UNION {pair.format(on=same_number)} ORDER BY 1, 5")


def twice_in_activities(store: Store, ids: list[int]) -> list[dict]:
    """(activity, its level, the mandate, its level) where two of the mandates `ids` took part in one activity (a
    person entered twice, both names listed): what joining them into one person would count twice."""
    marks = ", ".join("?" for _ in ids)
    return store.query(f"SELECT x.activity_id, a.code, a.level, x.deputy_id, d.level AS mandate_level "
                       f"FROM activity_participants x JOIN activities a ON a.id = x.activity_id "
                       f"JOIN deputies d ON d.id = x.deputy_id WHERE x.deputy_id IN ({marks}) AND x.activity_id IN "
                       f"(SELECT activity_id FROM activity_participants WHERE deputy_id IN ({marks}) "
                       f"GROUP BY activity_id HAVING count(*) > 1) ORDER BY x.activity_id, x.deputy_id", [*ids, *ids])


def cosigned_own(store: Store, ids: list[int]) -> list[dict]:
    """(proposal, co-signing mandate) where one of the mandates `ids` leads and another co-signs."""
    marks = ", ".join("?" for _ in ids)
    return store.query(f"SELECT c.proposal_id, p.code, c.deputy_id FROM proposal_cosigners c JOIN proposals p "
                       f"ON p.id = c.proposal_id WHERE c.deputy_id IN ({marks}) AND p.lead_id IN ({marks}) "
                       f"ORDER BY c.proposal_id", [*ids, *ids])


def drop_participant(store: Store, activity_id: int, deputy_id: int) -> None:
    store.execute("DELETE FROM activity_participants WHERE activity_id = ? AND deputy_id = ?", (activity_id, deputy_id))


def drop_cosigner(store: Store, proposal_id: int, deputy_id: int) -> None:
    store.execute("DELETE FROM proposal_cosigners WHERE proposal_id = ? AND deputy_id = ?", (proposal_id, deputy_id))


def set_person(store: Store, deputy_id: int, person_id: int) -> None:
    store.update("deputies", deputy_id, {"person_id": person_id})


def update(store: Store, deputy_id: int, changes: dict) -> None:
    store.update("deputies", deputy_id, changes)


def get(store: Store, deputy_id: int, day: str) -> dict | None:
    return store.one(f"SELECT d.*, {_ROLE_ON} AS presidium_role FROM deputies d WHERE d.id = :id",
                     {"id": deputy_id, "day": day})


def by_id(store: Store, deputy_id: int) -> dict | None:
    """The deputy row with this id (a voided one too: `deputy show 17` still finds it)."""
    return store.one("SELECT * FROM deputies WHERE id = ?", (deputy_id,))


def exists(store: Store, deputy_id: int) -> bool:
    """A deputy with this id that is not voided."""
    return store.scalar("SELECT count(*) FROM deputies WHERE id = ? AND voided_at IS NULL", (deputy_id,)) > 0


def index_rows(store: Store) -> list[dict]:
    """Every deputy not voided, with what name resolution needs (rdtool.services.deputies.refs.DeputyIndex)."""
    return store.query("SELECT id, person_id, name, term, level, status, status_date, constituency, birth_date, "
                       "elected_on "
                       "FROM deputies WHERE voided_at IS NULL ORDER BY id")


def by_name(store: Store, name: str, term: int | None = None) -> list[dict]:
    where = Where().equals("name", name).add("voided_at IS NULL").equals("term", term)
    return store.query(f"SELECT * FROM deputies {where.sql} ORDER BY id", where.params)


def select(store: Store, day: str, *, term: int | None = None, level: str | None = None,
           status: str | None = None, party: str | None = None, occupation: str | None = None,
           presidium: bool = False, in_office: bool = False, name: str | None = None) -> list[dict]:
    """Deputies with their presidium role on `day`; filters are ANDed."""
    where = Where("d.voided_at IS NULL", day=day)
    where.equals("d.term", term).equals("d.level", level).equals("d.occupation", occupation)
    where.one_of("d.party", party.split(",") if party is not None else None).equals("d.status", status)
    if in_office:
        where.add(IN_OFFICE)
    if presidium:
        where.add(f"{_ROLE_ON} IS NOT NULL")
    where.contains("d.name", name)
    return store.query(f"SELECT d.*, {_ROLE_ON} AS presidium_role FROM deputies d {where.sql}", where.params)


def identity_exists(store: Store, name: str, term: int, birth_date: str | None, id_number: str | None) -> dict | None:
    """An existing mandate of the same person in the same term (a duplicate, or the person's other level)."""
    if id_number:
        row = store.one("SELECT * FROM deputies WHERE id_number = ? AND term = ? AND voided_at IS NULL ORDER BY id",
                        (id_number, term))
        if row:
            return row
    # the same birth, or a month (1979-08) and a day in it (rdtool.rules.deputies.births_agree)
    return store.one("SELECT * FROM deputies WHERE name = :name AND term = :term AND voided_at IS NULL "
                     "AND (coalesce(birth_date, '') = coalesce(:birth, '') OR (length(birth_date) != length(:birth) "
                     "AND substr(birth_date, 1, 7) = substr(:birth, 1, 7))) ORDER BY id",
                     {"name": name, "term": term, "birth": birth_date})


def add_membership(store: Store, deputy_id: int, role: str, from_date: str | None) -> None:
    store.insert("presidium_members", {"deputy_id": deputy_id, "role": role, "from_date": from_date})


def end_memberships(store: Store, deputy_id: int, to_date: str) -> None:
    store.execute("UPDATE presidium_members SET to_date = ? WHERE deputy_id = ? AND to_date IS NULL",
                  (to_date, deputy_id))


def all_memberships(store: Store) -> list[dict]:
    """Every presidium role row (typed by hand or made by an election), oldest first."""
    return store.query("SELECT * FROM presidium_members ORDER BY id")


def insert_membership(store: Store, values: dict) -> int:
    return store.insert("presidium_members", values)


def update_membership(store: Store, membership_id: int, changes: dict) -> None:
    store.update("presidium_members", membership_id, changes)


def delete_membership(store: Store, membership_id: int) -> None:
    store.execute("DELETE FROM presidium_members WHERE id = ?", (membership_id,))


def mandate_ends(store: Store) -> dict[int, str]:
    """deputy id → the day the mandate ended, for deputies no longer in office."""
    rows = store.query("SELECT id, status_date FROM deputies WHERE status != 'active' AND status_date IS NOT NULL")
    return {r["id"]: r["status_date"] for r in rows}


def memberships(store: Store, deputy_id: int) -> list[dict]:
    return store.query("SELECT id, role, from_date, to_date FROM presidium_members WHERE deputy_id = ? ORDER BY id",
                       (deputy_id,))


def move_membership_ends(store: Store, deputy_id: int, old_day: str, new_day: str | None) -> None:
    """Memberships that ended with a departure on `old_day` end on `new_day` instead (None: reopened)."""
    store.execute("UPDATE presidium_members SET to_date = ? WHERE deputy_id = ? AND to_date = ?",
                  (new_day, deputy_id, old_day))


def presidium_on(store: Store, term: int, day: str) -> list[dict]:
    """Presidium members in office on a day (the entitled base of a presidium meeting)."""
    return store.query(f"SELECT d.*, {_ROLE_ON} AS presidium_role FROM deputies d "
                       f"WHERE d.term = :term AND {ENTITLED} AND {_ROLE_ON} IS NOT NULL",
                       {"term": term, "day": day})


def entitled(store: Store, term: int, level: str, day: str) -> list[dict]:
    """Deputies of a term and level entitled at a meeting on a day (the entitled base of a congress)."""
    return store.query(f"SELECT d.* FROM deputies d WHERE d.term = :term AND d.level = :level AND {ENTITLED}",
                       {"term": term, "level": level, "day": day})


def rosters(store: Store, meeting_ids: list[int]) -> dict[int, set[int]]:
    """meeting id → ids of those entitled at it (presidium_on for a presidium meeting, else entitled township
    deputies), for many meetings in one query: the same conditions with the meeting's own date and term.
    (A presidium meeting's members are found from the memberships covering its date: a role is never NULL, so
    `_ROLE_ON IS NOT NULL` is that such a membership exists.)"""
    day = ENTITLED.replace(":day", "m.date")
    ids = "m.id IN (SELECT value FROM json_each(:ids))"
    out: dict[int, set[int]] = {i: set() for i in meeting_ids}
    for meeting_id, deputy_id in store.conn.execute(
            f"SELECT m.id, d.id FROM meetings m JOIN deputies d ON d.term = m.term AND d.level = 'township' "
            f"WHERE {ids} AND m.kind IS NOT 'presidium' AND {day} "
            f"UNION SELECT m.id, d.id FROM meetings m JOIN presidium_members p "
            f"ON (p.from_date IS NULL OR p.from_date <= m.date) AND (p.to_date IS NULL OR p.to_date >= m.date) "
            f"JOIN deputies d ON d.id = p.deputy_id AND d.term = m.term "
            f"WHERE {ids} AND m.kind = 'presidium' AND {day}",
            {"ids": json.dumps(meeting_ids)}):
        out[meeting_id].add(deputy_id)
    return out


def roster_sizes(store: Store) -> Iterator[dict]:
    """Each live meeting of a term, by date, with its stored figures and three counts that tell whether its roll call
    is its roster on its date (`db check`) without building either: `roster_n` who is entitled (as `rosters`),
    `roll_n` its roll-call rows, `matched` those of them who are entitled. The roll call is the roster exactly when
    the three are equal (a roll call names a deputy once: attendance's key)."""
    day = ENTITLED.replace(":day", "m.date")
    member = ("EXISTS (SELECT 1 FROM presidium_members p WHERE p.deputy_id = d.id "
              "AND (p.from_date IS NULL OR p.from_date <= m.date) AND (p.to_date IS NULL OR p.to_date >= m.date))")
    return store.iter(
        "SELECT m.id, m.code, m.kind, m.date, m.roster, m.entitled, "
        "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) AS roll_n, "
        "CASE WHEN m.kind IS NOT 'presidium' THEN (SELECT count(*) FROM deputies d WHERE d.term = m.term "
        f"AND d.level = 'township' AND {day}) ELSE (SELECT count(DISTINCT d.id) FROM presidium_members p "
        "JOIN deputies d ON d.id = p.deputy_id WHERE (p.from_date IS NULL OR p.from_date <= m.date) "
        f"AND (p.to_date IS NULL OR p.to_date >= m.date) AND d.term = m.term AND {day}) END AS roster_n, "
        "(SELECT count(*) FROM attendance a JOIN deputies d ON d.id = a.deputy_id WHERE a.meeting_id = m.id "
        f"AND d.term = m.term AND {day} AND CASE WHEN m.kind IS NOT 'presidium' THEN d.level = 'township' "
        f"ELSE {member} END) AS matched "
        "FROM meetings m WHERE m.voided_at IS NULL AND m.term IS NOT NULL ORDER BY m.date, m.kind, m.code")


def names(store: Store) -> dict[int, str]:
    """deputy id → name, of every deputy record."""
    return {i: n for i, n in store.conn.execute("SELECT id, name FROM deputies")}


def count_in_office(store: Store, term: int, level: str, day: str) -> int:
    """Deputies of a term and level in office on a day (the entitled base of a congress)."""
    return store.scalar(f"SELECT count(*) FROM deputies d WHERE d.term = :term AND d.level = :level AND {ENTITLED}",
                        {"term": term, "level": level, "day": day})
