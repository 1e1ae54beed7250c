"""SQL for proposals (议案/建议), their co-signers, handling rounds and the full-text index.

The `proposals` row holds the latest state (what the CSV contract exports); `proposal_rounds` keeps every
handling round (round 1 from 交办, one more for each 不满意 → 再次办理), so that states can be judged on any
`--as-of` day. Every query ignores voided proposals.
"""

from __future__ import annotations

from typing import Iterator

from rdtool.store.db import Store
from rdtool.store.where import Where

COLUMNS = ("code", "kind", "title", "body", "category", "submitted_on", "meeting_id", "lead_id", "unit",
           "assigned_on", "due_on", "due_reason", "complex", "replied_on", "result", "reply", "feedback",
           "feedback_on", "closed_on", "close_reason", "round", "disposition", "decided_on", "decision_meeting_id",
           "outcome", "outcome_on", "outcome_meeting_id")
ROUND_COLUMNS = ("unit", "started_on", "due_on", "due_reason", "replied_on", "result", "reply", "feedback",
                 "feedback_on")

# --- the state of a proposal on a day: the one definition every view uses ----------------------------------
#
# Motions (议案) first go to the presidium (组织法 第二十二条第二款): pending_decision until it decides, then
# on_agenda (→ adopted / rejected by the congress, or withdrawn before the vote, 第三款), not_on_agenda, or
# as_suggestion — handled from then on as a suggestion. Suggestions: submitted (not assigned), assigned, rehandling (after 不满意), overdue (the round in
# force is unanswered past its due date), replied, fed_back, closed. Judged on a day (`--as-of`): a record dated
# after it is not yet known. Single-round proposals (most) read only the proposals row, which then equals round 1.

def _in_round(q: str, col: str, round_expr: str) -> str:
    return f"(SELECT r.{col} FROM proposal_rounds r WHERE r.proposal_id = {q}.id AND r.round = {round_expr})"


def _latest(q: str, col: str, dated: str, d: str) -> str:
    """`col` of the latest round whose `dated` column is on or before d."""
    single = f"CASE WHEN {q}.{dated} <= {d} THEN {q}.{col} END"
    rounds = (f"(SELECT r.{col} FROM proposal_rounds r WHERE r.proposal_id = {q}.id AND r.{dated} <= {d} "
              f"ORDER BY r.round DESC LIMIT 1)")
    return f"(CASE WHEN {q}.round = 1 THEN {single} ELSE {rounds} END)"


def facts(q: str = "p", d: str = ":as_of") -> dict[str, str]:
    """SQL expressions about proposal row `q` on day `d` (docs/figures.md)."""
    single = f"{q}.round = 1"
    act = f"(SELECT max(r.round) FROM proposal_rounds r WHERE r.proposal_id = {q}.id AND r.started_on <= {d})"

    def cur(col: str) -> str:  # in the round in force on d
        return f"(CASE WHEN {single} THEN {q}.{col} ELSE {_in_round(q, col, act)} END)"

    started = f"(CASE WHEN {single} THEN coalesce({q}.assigned_on <= {d}, 0) ELSE {act} IS NOT NULL END)"
    cur_round = f"(CASE WHEN {single} THEN 1 ELSE {act} END)"
    first_replied = f"(CASE WHEN {single} THEN {q}.replied_on ELSE {_in_round(q, 'replied_on', '1')} END)"
    first_due = f"(CASE WHEN {single} THEN {q}.due_on ELSE {_in_round(q, 'due_on', '1')} END)"
    open_on = f"({q}.closed_on IS NULL OR {q}.closed_on > {d})"
    decided = f"coalesce({q}.decided_on <= {d}, 0)"
    state = f"""(CASE WHEN {q}.closed_on <= {d} THEN 'closed'
     WHEN {q}.kind = 'motion' AND ({q}.disposition IS NULL OR NOT {decided}) THEN 'pending_decision'
     WHEN {q}.kind = 'motion' AND {q}.disposition = 'not_on_agenda' THEN 'not_on_agenda'
     WHEN {q}.kind = 'motion' AND {q}.disposition = 'on_agenda' THEN
          CASE WHEN {q}.outcome_on <= {d} THEN CASE {q}.outcome WHEN 'passed' THEN 'adopted'
                                                         WHEN 'failed' THEN 'rejected' ELSE 'withdrawn' END
               ELSE 'on_agenda' END
     WHEN NOT {started} THEN 'submitted'
     WHEN {cur('replied_on')} IS NULL OR {cur('replied_on')} > {d} THEN
          CASE WHEN {cur('due_on')} < {d} THEN 'overdue' WHEN {cur_round} > 1 THEN 'rehandling' ELSE 'assigned' END
     WHEN {cur('feedback')} IS NOT NULL AND {cur('feedback_on')} <= {d} THEN 'fed_back'
     ELSE 'replied' END)"""
    return {
        "state": state,
        # handled by units: suggestions, and motions the presidium decided to handle as suggestions
        "in_cohort": f"({q}.kind = 'suggestion' OR ({q}.disposition = 'as_suggestion' AND {decided}))",
        "first_replied": first_replied,
        "first_due": first_due,
        # the first round unanswered on d and past its due date (the proposal not closed)
        "first_late": f"({q}.assigned_on <= {d} AND ({first_replied} IS NULL OR {first_replied} > {d}) "
                      f"AND {first_due} < {d} AND {open_on})",
        "feedback": _latest(q, "feedback", "feedback_on", d),
        "result": _latest(q, "result", "replied_on", d),
        "due_on": cur("due_on"),
        "round": cur_round,
    }


STATUS = facts("p", ":as_of")["state"]


def states_view() -> str:
    """One row per proposal with its state today (the view `proposal_states`)."""
    f = facts("p", "t.day")
    return (f"SELECT p.id, p.code, p.kind, p.title, p.submitted_on, p.unit, {f['round']} AS round, "
            f"{f['due_on']} AS due_on, {f['state']} AS state, t.day AS as_of "
            f"FROM proposals p, (SELECT date('now', 'localtime') AS day) t WHERE p.voided_at IS NULL")


_SELECT = f"""SELECT p.*, {STATUS} AS status, d.name AS lead, m.code AS meeting, dm.code AS decision_meeting,
       vm.code AS outcome_meeting,
       (SELECT group_concat(name, '、') FROM (SELECT c.name FROM proposal_cosigners pc
            JOIN deputies c ON c.id = pc.deputy_id WHERE pc.proposal_id = p.id AND c.voided_at IS NULL
            ORDER BY pc.rowid)) AS cosigners,
       (SELECT count(*) FROM proposal_cosigners pc JOIN deputies c ON c.id = pc.deputy_id
        WHERE pc.proposal_id = p.id AND c.voided_at IS NULL) AS cosigner_count
FROM proposals p JOIN deputies d ON d.id = p.lead_id LEFT JOIN meetings m ON m.id = p.meeting_id
     LEFT JOIN meetings dm ON dm.id = p.decision_meeting_id LEFT JOIN meetings vm ON vm.id = p.outcome_meeting_id"""


# --- meetings (read-only lookups; meetings are written by the meetings kind) ---------------------------

def meeting_by_code(store: Store, code: str) -> dict | None:
    """A live meeting by code (C18-4) or printed name (十八届四次, 第十八届人民代表大会第四次会议)."""
    found = store.one("SELECT id, code, kind, date, end_date, term, seq FROM meetings WHERE code = ? "
                      "AND voided_at IS NULL", (code,))
    if found is None:
        from rdtool.store.meetings import meeting_by_name

        named = meeting_by_name(store, code)
        found = meeting_by_id(store, named["id"]) if named else None
    return found


def last_session(store: Store) -> dict | None:
    return store.one("SELECT code, term, seq FROM meetings WHERE kind = 'congress' AND voided_at IS NULL "
                     "ORDER BY date DESC, id DESC LIMIT 1")


def meeting_by_id(store: Store, meeting_id: int) -> dict | None:
    return store.one("SELECT id, code, kind, date, end_date, term, seq FROM meetings WHERE id = ?", (meeting_id,))


def previous_session_end(store: Store, meeting: dict) -> str | None:
    """The last day of the congress session held before `meeting` (None when there is none)."""
    row = store.one("SELECT max(coalesce(end_date, date)) AS d FROM meetings WHERE kind = 'congress' "
                    "AND voided_at IS NULL AND date < ? AND id != ?", (meeting["date"], meeting["id"]))
    return row["d"] if row else None


def session_ordinal(store: Store, meeting: dict, term: int) -> int:
    """The session's number among the congress sessions of its term, by date (extraordinary ones included)."""
    return store.scalar(
        "SELECT count(*) FROM meetings m WHERE m.kind = 'congress' AND m.voided_at IS NULL "
        "AND coalesce(m.term, (SELECT max(t.number) FROM terms t WHERE t.start_date <= m.date)) = ? "
        "AND (m.date < ? OR (m.date = ? AND m.id <= ?))",
        (term, meeting["date"], meeting["date"], meeting["id"]))


# --- codes -----------------------------------------------------------------------------------------

def code_exists(store: Store, code: str) -> bool:
    return store.scalar("SELECT 1 FROM proposals WHERE code = ?", (code,)) is not None


def same_lead_title_date(store: Store, title: str, lead_id: int, submitted_on: str, but: int) -> str | None:
    """The code of another live proposal with the same title, lead and date (the same one typed twice)."""
    return store.scalar("SELECT code FROM proposals WHERE title = ? AND lead_id = ? AND submitted_on = ? "
                        "AND id != ? AND voided_at IS NULL ORDER BY id LIMIT 1", (title, lead_id, submitted_on, but))


def max_serial(store: Store, prefix: str) -> int:
    """The highest NNN among codes `prefix-NNN` (voided ones included: codes are never reused)."""
    rows = store.query("SELECT code FROM proposals WHERE code LIKE ? ESCAPE '\\'",
                       (prefix.replace("%", "\\%").replace("_", "\\_") + "-%",))
    serials = [int(r["code"][len(prefix) + 1:]) for r in rows if r["code"][len(prefix) + 1:].isascii() and r["code"][len(prefix) + 1:].isdigit()]
    return max(serials, default=0)


# --- writes ----------------------------------------------------------------------------------------

def insert(store: Store, values: dict) -> int:
    return store.insert("proposals", {k: values[k] for k in COLUMNS if k in values})


def add_cosigners(store: Store, proposal_id: int, deputy_ids: list[int]) -> None:
    store.conn.executemany("INSERT INTO proposal_cosigners (proposal_id, deputy_id) VALUES (?, ?)",
                           [(proposal_id, d) for d in deputy_ids])


def add_round(store: Store, proposal_id: int, number: int, values: dict) -> None:
    store.insert("proposal_rounds", {"proposal_id": proposal_id, "round": number,
                                     **{k: values.get(k) for k in ROUND_COLUMNS}})


def update_round(store: Store, proposal_id: int, number: int, values: dict) -> None:
    sets = ", ".join(f"{k} = ?" for k in values)
    store.execute(f"UPDATE proposal_rounds SET {sets} WHERE proposal_id = ? AND round = ?",
                  [*values.values(), proposal_id, number])


def remove_cosigner(store: Store, proposal_id: int, deputy_id: int) -> None:
    store.execute("DELETE FROM proposal_cosigners WHERE proposal_id = ? AND deputy_id = ?", (proposal_id, deputy_id))


def delete_round(store: Store, proposal_id: int, number: int) -> None:
    """A re-handling round opened by a 不满意 that is corrected away (it has no answer)."""
    store.execute("DELETE FROM proposal_rounds WHERE proposal_id = ? AND round = ?", (proposal_id, number))


def update(store: Store, proposal_id: int, values: dict) -> None:
    store.update("proposals", proposal_id, values)


# --- reads (states judged on :as_of) -----------------------------------------------------------------

def get(store: Store, code: str, as_of: str) -> dict | None:
    return store.one(f"{_SELECT} WHERE p.voided_at IS NULL AND (p.code = :code OR CAST(p.id AS TEXT) = :id)",
                     {"code": code, "id": code.lstrip("#"), "as_of": as_of})


def rounds(store: Store, proposal_id: int) -> list[dict]:
    return store.query("SELECT * FROM proposal_rounds WHERE proposal_id = ? ORDER BY round", (proposal_id,))


def cosigners(store: Store, proposal_id: int) -> list[dict]:
    return store.query("SELECT d.id, d.name, d.term FROM proposal_cosigners pc JOIN deputies d ON d.id = pc.deputy_id "
                       "WHERE pc.proposal_id = ? AND d.voided_at IS NULL ORDER BY pc.rowid", (proposal_id,))


def select(store: Store, as_of: str, *, status: str | None = None, unit: str | None = None,
           deputy_id: int | None = None, kind: str | None = None, meeting_id: int | None = None,
           term: int | None = None, year: int | None = None, category: str | None = None,
           stream: bool = False) -> list[dict] | Iterator[dict]:
    """Proposals matching the filters (ANDed), oldest first, each with its state on `as_of` (`stream`: as read)."""
    where = Where("p.voided_at IS NULL", as_of=as_of)
    where.when(status, f"({STATUS}) = ?").contains("p.unit", unit).equals("p.category", category)
    # any mandate of the person (one person, a township and a county deputy: docs/figures.md)
    person = "SELECT o.id FROM deputies o WHERE o.person_id = (SELECT person_id FROM deputies WHERE id = ?)"
    where.when(deputy_id, f"p.id IN ({_OF_DEPUTIES.format(ids=person)})", deputy_id, deputy_id)
    where.equals("p.kind", kind).equals("p.meeting_id", meeting_id)
    where.in_term("p.submitted_on", term).year("p.submitted_on", year)
    return (store.iter if stream else store.query)(f"{_SELECT} {where.sql} ORDER BY p.submitted_on, p.id",
                                                   where.params)


# The proposals a set of deputies led or co-signed.
_OF_DEPUTIES = ("SELECT x.id FROM proposals x WHERE x.lead_id IN ({ids}) "
                "UNION SELECT pc.proposal_id FROM proposal_cosigners pc WHERE pc.deputy_id IN ({ids})")


def by_deputy(store: Store, deputy_id: int, as_of: str) -> list[dict]:
    """Proposals a deputy led or co-signed, with the role."""
    return store.query(
        f"SELECT p.code, p.kind, p.title, p.submitted_on, p.unit, {STATUS} AS status, 'lead' AS role, '领衔' AS role_zh "
        "FROM proposals p WHERE p.lead_id = :d AND p.voided_at IS NULL "
        f"UNION ALL SELECT p.code, p.kind, p.title, p.submitted_on, p.unit, {STATUS}, 'cosigner', '附议' "
        "FROM proposals p JOIN proposal_cosigners pc ON pc.proposal_id = p.id "
        "WHERE pc.deputy_id = :d AND p.voided_at IS NULL ORDER BY 4, 1", {"d": deputy_id, "as_of": as_of})


# The round in force on :as_of (the latest one started by then), unanswered on that day, of a proposal not
# closed — what needs chasing. Driven by the index on replied_on: unanswered rounds are few, whatever the
# history's length. Each row carries the proposal's state (overdue when the round is past its due date).
_PENDING = """SELECT a.proposal_id, a.round, a.unit, a.started_on, a.due_on
  FROM proposal_rounds a JOIN proposals q ON q.id = a.proposal_id
  WHERE (a.replied_on IS NULL OR a.replied_on > :as_of) AND a.started_on <= :as_of
    AND a.round = (SELECT max(b.round) FROM proposal_rounds b WHERE b.proposal_id = a.proposal_id
                   AND b.started_on <= :as_of)
    AND q.voided_at IS NULL AND (q.closed_on IS NULL OR q.closed_on > :as_of)"""


def pending(store: Store, as_of: str, due_before: str) -> list[dict]:
    """Open rounds on `as_of` whose due date is before `due_before`, by unit then due date."""
    return store.query(
        f"SELECT p.id, p.code, p.kind, p.title, p.submitted_on, d.name AS lead, pe.round, "
        f"coalesce(pe.unit, p.unit) AS unit, pe.started_on, pe.due_on, {STATUS} AS status "
        f"FROM ({_PENDING}) pe JOIN proposals p ON p.id = pe.proposal_id JOIN deputies d ON d.id = p.lead_id "
        "WHERE pe.due_on < :before ORDER BY unit, pe.due_on, p.code", {"as_of": as_of, "before": due_before})


def deputy_ids_named(store: Store, names: list[str]) -> dict[str, list[int]]:
    """name -> ids of the deputies (not voided) bearing exactly that name, for the names that are someone's."""
    out: dict[str, list[int]] = {}
    for n in names:
        ids = [r["id"] for r in store.query("SELECT id FROM deputies WHERE name = ? AND voided_at IS NULL", (n,))]
        if ids:
            out[n] = ids
    return out


def _led_or_signed(where: Where, people: list[list[int]]) -> Where:
    """For each name searched, one of the deputies bearing it led or co-signed the proposal."""
    for ids in people:
        marks = ", ".join("?" for _ in ids)
        where.add(f"p.id IN ({_OF_DEPUTIES.format(ids=marks)})", *ids, *ids)
    return where


_SIGNERS = """d.name AS lead, (SELECT group_concat(c.name, '、') FROM proposal_cosigners pc
    JOIN deputies c ON c.id = pc.deputy_id WHERE pc.proposal_id = p.id AND c.voided_at IS NULL) AS cosigners"""


def search_fts(store: Store, query: str, people: list[list[int]], limit: int, as_of: str) -> list[dict]:
    """Trigram FTS5 (words of 3+ characters), best match first, with a snippet; `people`: for each name searched,
    the deputies bearing it — one of them must have led or co-signed the proposal."""
    where = _led_or_signed(Where("p.voided_at IS NULL", q=query, limit=limit, as_of=as_of), people)
    return store.query(
        f"SELECT p.id, p.code, p.kind, p.title, p.submitted_on, {STATUS} AS status, "
        "snippet(proposals_fts, -1, '【', '】', '…', 16) AS snippet, bm25(proposals_fts, 5.0, 1.0) AS score, "
        f"{_SIGNERS} FROM proposals_fts JOIN proposals p ON p.id = proposals_fts.rowid "
        f"JOIN deputies d ON d.id = p.lead_id WHERE proposals_fts MATCH :q AND {where.clause} "
        "ORDER BY score, p.submitted_on DESC LIMIT :limit", where.params)


def search_people(store: Store, people: list[list[int]], limit: int, as_of: str) -> list[dict]:
    """The proposals led or co-signed by one of each name's deputies, newest first."""
    where = _led_or_signed(Where("p.voided_at IS NULL", limit=limit, as_of=as_of), people)
    return store.query(
        f"SELECT p.id, p.code, p.kind, p.title, p.submitted_on, {STATUS} AS status, NULL AS snippet, 0 AS score, "
        f"{_SIGNERS} FROM proposals p JOIN deputies d ON d.id = p.lead_id "
        f"{where.sql} ORDER BY p.submitted_on DESC, p.id DESC LIMIT :limit", where.params)


def search_like(store: Store, words: list[str], people: list[list[int]], limit: int, as_of: str) -> list[dict]:
    """LIKE for 1–2 character words (the trigram index cannot), ranked: title hits first, then hit count."""
    where = Where("p.voided_at IS NULL", limit=limit, as_of=as_of,
                  **{f"w{i}": f"%{w}%" for i, w in enumerate(words)}, **{f"r{i}": w for i, w in enumerate(words)})
    score = []
    for i in range(len(words)):  # (the score reads the same parameters as the condition)
        where.add(f"(p.title LIKE :w{i} OR coalesce(p.body, '') LIKE :w{i})")
        score.append(f"(p.title LIKE :w{i}) * 5 + (length(coalesce(p.body, '')) - "
                     f"length(replace(coalesce(p.body, ''), :r{i}, ''))) / length(:r{i})")
    _led_or_signed(where, people)
    return store.query(
        f"SELECT p.id, p.code, p.kind, p.title, p.body, p.submitted_on, {STATUS} AS status, "
        f"{' + '.join(score) or '0'} AS score, {_SIGNERS} FROM proposals p JOIN deputies d ON d.id = p.lead_id "
        f"{where.sql} ORDER BY score DESC, p.submitted_on DESC LIMIT :limit", where.params)


def export_rows(store: Store, as_of: str) -> Iterator[dict]:
    """Every live proposal with its state, as read (an export streams)."""
    return store.iter(f"{_SELECT} WHERE p.voided_at IS NULL ORDER BY p.id", {"as_of": as_of})
