"""SQL for proposals (议案/建议), their co-signers, handling rounds and the full-text index.

The `proposals` row holds the latest state (what the CSV contract exports); `proposal_rounds` keeps every
handling round (round 1 from 交办, one more for each 不满意 → 再次办理), so that states can be judged on any
`--as-of` day. Every query ignores voided proposals.
"""

from __future__ import annotations

from rdtool.store.db import Store

COLUMNS = ("code", "kind", "title", "body", "category", "submitted_on", "meeting_id", "lead_id", "unit",
           "assigned_on", "due_on", "due_reason", "complex", "replied_on", "result", "reply", "feedback",
           "feedback_on", "closed_on", "close_reason", "round")
ROUND_COLUMNS = ("unit", "started_on", "due_on", "due_reason", "replied_on", "result", "reply", "feedback",
                 "feedback_on")

# The state of the latest round (the proposals row), for lists and `show`.
STATUS = """CASE WHEN p.closed_on IS NOT NULL THEN 'closed'
     WHEN p.assigned_on IS NULL THEN 'submitted'
     WHEN p.feedback = 'unsatisfied' THEN 'rehandling'
     WHEN p.replied_on IS NULL THEN 'assigned'
     WHEN p.feedback IS NULL THEN 'replied'
     ELSE 'fed_back' END"""

_SELECT = f"""SELECT p.*, {STATUS} AS status, d.name AS lead, m.code AS meeting,
       (SELECT group_concat(name, '、') FROM (SELECT c.name FROM proposal_cosigners pc
            JOIN deputies c ON c.id = pc.deputy_id WHERE pc.proposal_id = p.id AND c.voided_at IS NULL
            ORDER BY pc.rowid)) AS cosigners,
       (SELECT count(*) FROM proposal_cosigners pc JOIN deputies c ON c.id = pc.deputy_id
        WHERE pc.proposal_id = p.id AND c.voided_at IS NULL) AS cosigner_count
FROM proposals p JOIN deputies d ON d.id = p.lead_id LEFT JOIN meetings m ON m.id = p.meeting_id"""


# --- meetings (read-only lookups; meetings are written by the meetings kind) ---------------------------

def meeting_by_code(store: Store, code: str) -> dict | None:
    return store.one("SELECT id, code, kind, date, end_date, term FROM meetings WHERE code = ? AND voided_at IS NULL",
                     (code,))


def meeting_by_id(store: Store, meeting_id: int) -> dict | None:
    return store.one("SELECT id, code, kind, date, end_date, term FROM meetings WHERE id = ?", (meeting_id,))


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


def same_proposal(store: Store, title: str, lead_name: str, submitted_on: str) -> str | None:
    """The code of a proposal with the same title, lead name and date (a second import of the same row)."""
    return store.scalar("SELECT p.code FROM proposals p JOIN deputies d ON d.id = p.lead_id "
                        "WHERE p.submitted_on = ? AND p.title = ? AND d.name = ? AND p.voided_at IS NULL",
                        (submitted_on, title, lead_name.partition("#")[0]))


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


def update(store: Store, proposal_id: int, values: dict) -> None:
    store.update("proposals", proposal_id, values)


# --- reads -----------------------------------------------------------------------------------------

def get(store: Store, code: str) -> dict | None:
    return store.one(f"{_SELECT} WHERE p.voided_at IS NULL AND (p.code = ? OR CAST(p.id AS TEXT) = ?)",
                     (code, code.lstrip("#")))


def rounds(store: Store, proposal_id: int) -> list[dict]:
    return store.query("SELECT * FROM proposal_rounds WHERE proposal_id = ? ORDER BY round", (proposal_id,))


def cosigners(store: Store, proposal_id: int) -> list[dict]:
    return store.query("SELECT d.id, d.name, d.term FROM proposal_cosigners pc JOIN deputies d ON d.id = pc.deputy_id "
                       "WHERE pc.proposal_id = ? AND d.voided_at IS NULL ORDER BY pc.rowid", (proposal_id,))


def select(store: Store, *, status: str | None = None, unit: str | None = None, deputy_id: int | None = None,
           kind: str | None = None, meeting_id: int | None = None, term: int | None = None,
           year: int | None = None, category: str | None = None, overdue_on: str | None = None) -> list[dict]:
    """Proposals matching the filters (ANDed), oldest first."""
    where = ["p.voided_at IS NULL"]
    params: dict = {}
    if status is not None:
        where.append(f"({STATUS}) = :status")
        params["status"] = status
    if unit is not None:
        where.append("p.unit LIKE :unit")
        params["unit"] = f"%{unit}%"
    if category is not None:
        where.append("p.category = :category")
        params["category"] = category
    if deputy_id is not None:
        where.append("(p.lead_id = :deputy OR EXISTS (SELECT 1 FROM proposal_cosigners pc "
                     "WHERE pc.proposal_id = p.id AND pc.deputy_id = :deputy))")
        params["deputy"] = deputy_id
    if kind is not None:
        where.append("p.kind = :kind")
        params["kind"] = kind
    if meeting_id is not None:
        where.append("p.meeting_id = :meeting")
        params["meeting"] = meeting_id
    if term is not None:
        where.append("p.submitted_on BETWEEN (SELECT start_date FROM terms WHERE number = :term) "
                     "AND coalesce((SELECT end_date FROM terms WHERE number = :term), '9999-12-31')")
        params["term"] = term
    if year is not None:
        where.append("substr(p.submitted_on, 1, 4) = :year")
        params["year"] = f"{year:04d}"
    if overdue_on is not None:
        where.append(f"p.id IN (SELECT proposal_id FROM ({_PENDING}) WHERE due_on < :as_of)")
        params["as_of"] = overdue_on
    return store.query(f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY p.submitted_on, p.id", params)


def by_deputy(store: Store, deputy_id: int) -> list[dict]:
    """Proposals a deputy led or co-signed, with the role."""
    return store.query(
        f"SELECT p.code, p.kind, p.title, p.submitted_on, p.unit, {STATUS} AS status, 'lead' AS role, '领衔' AS role_zh "
        "FROM proposals p WHERE p.lead_id = :d AND p.voided_at IS NULL "
        f"UNION ALL SELECT p.code, p.kind, p.title, p.submitted_on, p.unit, {STATUS}, 'cosigner', '附议' "
        "FROM proposals p JOIN proposal_cosigners pc ON pc.proposal_id = p.id "
        "WHERE pc.deputy_id = :d AND p.voided_at IS NULL ORDER BY 4, 1", {"d": deputy_id})


# The round in force on :as_of for each proposal that is assigned, not replied in that round and not
# closed by then — what needs chasing. (Rounds start on 交办 or on the 不满意 feedback.)
# The round in force on :as_of (the latest one started by then), unanswered on that day, of a proposal not
# closed. Driven by the index on replied_on: unanswered rounds are few, whatever the history's length.
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
        f"coalesce(pe.unit, p.unit) AS unit, pe.started_on, pe.due_on "
        f"FROM ({_PENDING}) pe JOIN proposals p ON p.id = pe.proposal_id JOIN deputies d ON d.id = p.lead_id "
        "WHERE pe.due_on < :before ORDER BY unit, pe.due_on, p.code", {"as_of": as_of, "before": due_before})


def search_fts(store: Store, query: str, limit: int) -> list[dict]:
    """Trigram FTS5 (queries of 3+ characters), best match first, with a snippet."""
    return store.query(
        f"SELECT p.id, p.code, p.kind, p.title, p.submitted_on, {STATUS} AS status, "
        "snippet(proposals_fts, -1, '【', '】', '…', 16) AS snippet, bm25(proposals_fts, 5.0, 1.0) AS score "
        "FROM proposals_fts JOIN proposals p ON p.id = proposals_fts.rowid "
        "WHERE proposals_fts MATCH :q AND p.voided_at IS NULL ORDER BY score, p.submitted_on DESC LIMIT :limit",
        {"q": query, "limit": limit})


def search_like(store: Store, words: list[str], limit: int) -> list[dict]:
    """LIKE for 1–2 character words (the trigram index cannot), ranked: title hits first, then hit count."""
    where, score, params = [], [], {"limit": limit}
    for i, w in enumerate(words):
        params[f"w{i}"] = f"%{w}%"
        params[f"r{i}"] = w
        where.append(f"(p.title LIKE :w{i} OR coalesce(p.body, '') LIKE :w{i})")
        score.append(f"(p.title LIKE :w{i}) * 5 + (length(coalesce(p.body, '')) - "
                     f"length(replace(coalesce(p.body, ''), :r{i}, ''))) / length(:r{i})")
    return store.query(
        f"SELECT p.id, p.code, p.kind, p.title, p.body, p.submitted_on, {STATUS} AS status, "
        f"{' + '.join(score)} AS score FROM proposals p "
        f"WHERE p.voided_at IS NULL AND {' AND '.join(where)} ORDER BY score DESC, p.submitted_on DESC LIMIT :limit",
        params)


def export_rows(store: Store) -> list[dict]:
    return store.query(f"{_SELECT} WHERE p.voided_at IS NULL ORDER BY p.id")


# --- the figures (docs/report.md, docs/figures.md), one aggregate query -----------------------

_GROUPS = {None: "NULL", "unit": "unit", "category": "category"}
_COUNTS = ("received", "motions", "suggestions", "assigned", "replied", "closed", "overdue", "on_time",
           "with_feedback", "satisfied", "implemented")

# Most proposals have a single handling round, whose state is the proposals row itself: one aggregate
# over the proposals table. Only re-handled ones (round > 1) need the rounds' history.
_SINGLE_ROUND = """
SELECT {group} AS grp,
       count(*) AS received,
       coalesce(sum(kind = 'motion'), 0) AS motions,
       coalesce(sum(kind = 'suggestion'), 0) AS suggestions,
       coalesce(sum(assigned_on <= :d), 0) AS assigned,
       coalesce(sum(replied_on <= :d), 0) AS replied,
       coalesce(sum(closed_on <= :d), 0) AS closed,
       coalesce(sum(assigned_on <= :d AND due_on < :d AND (replied_on IS NULL OR replied_on > :d)
                    AND (closed_on IS NULL OR closed_on > :d)), 0) AS overdue,
       coalesce(sum(replied_on <= :d AND replied_on <= due_on), 0) AS on_time,
       coalesce(sum(feedback_on <= :d AND feedback IS NOT NULL), 0) AS with_feedback,
       coalesce(sum(feedback_on <= :d AND feedback IN ('satisfied', 'basic')), 0) AS satisfied,
       coalesce(sum(replied_on <= :d AND result IN ('A', 'B')), 0) AS implemented
FROM proposals WHERE voided_at IS NULL AND submitted_on BETWEEN :f AND :t AND round = 1 GROUP BY grp"""

_REHANDLED = """
WITH c AS (SELECT id, kind, unit, category, assigned_on, closed_on FROM proposals
           WHERE voided_at IS NULL AND submitted_on BETWEEN :f AND :t AND round > 1),
a AS (SELECT r.proposal_id,
             max(CASE WHEN r.round = 1 THEN r.replied_on END) AS first_replied,
             max(CASE WHEN r.round = 1 THEN r.due_on END) AS first_due,
             max(CASE WHEN r.replied_on <= :d THEN r.round END) AS reply_round,
             max(CASE WHEN r.feedback_on <= :d THEN r.round END) AS fb_round,
             max(CASE WHEN r.started_on <= :d THEN r.round END) AS act_round
      FROM c CROSS JOIN proposal_rounds r ON r.proposal_id = c.id GROUP BY r.proposal_id)
SELECT {group} AS grp,
       count(*) AS received,
       coalesce(sum(c.kind = 'motion'), 0) AS motions,
       coalesce(sum(c.kind = 'suggestion'), 0) AS suggestions,
       coalesce(sum(c.assigned_on <= :d), 0) AS assigned,
       coalesce(sum(a.first_replied <= :d), 0) AS replied,
       coalesce(sum(c.closed_on <= :d), 0) AS closed,
       coalesce(sum(act.due_on < :d AND (act.replied_on IS NULL OR act.replied_on > :d)
                    AND (c.closed_on IS NULL OR c.closed_on > :d)), 0) AS overdue,
       coalesce(sum(a.first_replied <= :d AND a.first_replied <= a.first_due), 0) AS on_time,
       coalesce(sum(fb.feedback IS NOT NULL), 0) AS with_feedback,
       coalesce(sum(fb.feedback IN ('satisfied', 'basic')), 0) AS satisfied,
       coalesce(sum(rp.result IN ('A', 'B')), 0) AS implemented
FROM c LEFT JOIN a ON a.proposal_id = c.id
       LEFT JOIN proposal_rounds rp ON rp.proposal_id = c.id AND rp.round = a.reply_round
       LEFT JOIN proposal_rounds fb ON fb.proposal_id = c.id AND fb.round = a.fb_round
       LEFT JOIN proposal_rounds act ON act.proposal_id = c.id AND act.round = a.act_round
GROUP BY grp"""


def figures(store: Store, date_from: str, date_to: str, as_of: str, group_by: str | None = None) -> list[dict]:
    """Counts for the cohort submitted in [date_from, date_to], states judged on `as_of`.

    received, motions, suggestions; assigned/closed: date on or before as_of; replied: first reply on or
    before as_of; on_time: the first reply on or before round 1's due date; overdue: the round in force on
    as_of is due before it, unanswered and the proposal not closed; feedback/satisfied: the latest feedback
    given by as_of; implemented: the latest reply by as_of is class A or B. Rows by group, largest first.
    """
    params = {"f": date_from, "t": date_to, "d": as_of}
    group = _GROUPS[group_by]
    merged: dict = {}
    for sql, column in ((_SINGLE_ROUND, group), (_REHANDLED, group if group == "NULL" else f"c.{group}")):
        for row in store.query(sql.format(group=column), params):
            into = merged.setdefault(row["grp"], {"grp": row["grp"], **{k: 0 for k in _COUNTS}})
            for k in _COUNTS:
                into[k] += row[k]
    return sorted(merged.values(), key=lambda r: (-r["received"], r["grp"] or ""))

