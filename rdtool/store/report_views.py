"""The report's figures as SQL: one definition per section, run by the report and stored as views.

Each section (presidium, congress, deputies, proposals, activities …) is one SELECT over a relation
`report_periods(kind, year, term, date_from, date_to, as_of)`, one row per period. The same text is used
twice, so that the report and an analyst's query cannot disagree:

- the report runs it with `report_periods` given as a one-row CTE holding the command's period and
  `--as-of` day (`query(store, name, period)`);
- the database keeps it as a view (`report_presidium` …) over the view `report_periods`, which lists every
  calendar year from the first term's start to this year (kind 'year') and every term (kind 'term'), states
  judged as of today (docs/report.md; docs/figures.md says how to query them).

A helper relation (`report_deputy_counts`, the counts behind the deputies' shares) is a CTE of the section
that reads it and a view of its own; `report_meetings` (each meeting, its quorum, whether it was held and its
items) and `proposal_states` (each proposal's state today) are views for looking up the records behind a
figure. The views are rebuilt from this module whenever the database is migrated (rdtool.store.db, as it does
the change log's triggers), so a change here comes with a migration; `db check` reports views that differ.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from rdtool.store import label_views
from rdtool.store import proposals as proposals_sql
from rdtool.store.deputies import in_office

PERIOD = "p.kind AS kind, p.year AS year, p.term AS term, p.date_from AS date_from, p.date_to AS date_to, p.as_of AS as_of"
DAY = "min(p.date_to, p.as_of)"  # the day on which a period's states are judged (its end, or --as-of if earlier)
TRAINING_KINDS = "('training', 'study')"
CONGRESS_DECISION_KINDS = "('decision', 'report', 'budget')"
PARTY = "('cpc', 'cpc_probationary')"


def rate(n: str, base: str) -> str:
    """n / base as a fraction (REAL), NULL when the base is 0 — the same IEEE division as Python's n / base."""
    return f"CASE WHEN ({base}) = 0 THEN NULL ELSE 1.0 * ({n}) / ({base}) END"


def term_on(day: str) -> str:
    """The term in force on a day: the latest that started on or before it (rdtool.store.settings.term_on)."""
    return (f"(SELECT t.number FROM terms t WHERE t.start_date <= {day} AND (t.end_date IS NULL OR t.end_date >= "
            f"{day}) ORDER BY t.number DESC LIMIT 1)")


# --- periods ---------------------------------------------------------------------------------------------

PERIODS = f"""WITH RECURSIVE
today(as_of) AS (SELECT date('now', 'localtime')),
years(year) AS (
    SELECT CAST(substr(min(start_date), 1, 4) AS INTEGER) FROM terms
    UNION ALL
    SELECT year + 1 FROM years WHERE year < (
        SELECT max(CAST(substr(coalesce(max(t.end_date), today.as_of), 1, 4) AS INTEGER),
                   CAST(substr(today.as_of, 1, 4) AS INTEGER)) FROM terms t, today))
SELECT 'year' AS kind, y.year AS year,
       coalesce({term_on("printf('%04d-12-31', y.year)")}, {term_on("printf('%04d-01-01', y.year)")}) AS term,
       printf('%04d-01-01', y.year) AS date_from, printf('%04d-12-31', y.year) AS date_to, today.as_of AS as_of
FROM years y, today WHERE y.year IS NOT NULL
UNION ALL
SELECT 'term', NULL, t.number, t.start_date, coalesce(t.end_date, today.as_of), today.as_of FROM terms t, today"""


def period_cte(period, as_of: str) -> tuple[str, dict]:
    """`report_periods` as a one-row CTE for a rdtool.services.terms.periods.Period judged on `as_of`."""
    kind = {"annual": "year"}.get(period.kind, period.kind)
    return ("report_periods(kind, year, term, date_from, date_to, as_of) AS "
            "(SELECT :p_kind, :p_year, :p_term, :p_from, :p_to, :p_as_of)",
            {"p_kind": kind, "p_year": period.year, "p_term": period.term, "p_from": period.date_from,
             "p_to": period.date_to, "p_as_of": as_of})


# --- meetings: held, or without a quorum ------------------------------------------------------------------

# Each meeting's quorum is stored with it (meetings.quorum_met, computed by rdtool.rules.majority.quorum —
# congress: two thirds present, 组织法 第十四条第四款; presidium: more than half, 浙江 条例 第二十四条, 河南 条例
# 第五条, or the province's rule — whenever its roll call, counts or roster change). Held: quorum met, or not
# known (no attendance recorded); a meeting recorded without a quorum could not be held and is not counted.
HELD = "coalesce(m.quorum_met, 1)"
MEETINGS = f"""SELECT m.id, m.code, m.kind, m.date, m.term, m.extraordinary, m.quorum_met, {HELD} AS held,
       (SELECT count(*) FROM items i WHERE i.meeting_id = m.id AND i.voided_at IS NULL
            AND i.kind = 'decision') AS decisions,
       (SELECT count(*) FROM items i WHERE i.meeting_id = m.id AND i.voided_at IS NULL
            AND i.kind = 'decision' AND i.result = 'passed') AS decisions_passed,
       (SELECT count(*) FROM items i WHERE i.meeting_id = m.id AND i.voided_at IS NULL
            AND i.kind IN {CONGRESS_DECISION_KINDS}) AS congress_decisions
FROM meetings m WHERE m.voided_at IS NULL AND m.kind IN ('presidium', 'congress')"""


def _meetings_of(kind: str) -> str:
    return (f"FROM meetings m WHERE m.kind = '{kind}' AND m.date BETWEEN p.date_from AND p.date_to "
            f"AND m.voided_at IS NULL")


def _items_of(kind: str, item_kinds: str) -> str:
    return (f"FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE m.kind = '{kind}' "
            f"AND m.date BETWEEN p.date_from AND p.date_to AND m.voided_at IS NULL AND i.voided_at IS NULL "
            f"AND i.kind IN {item_kinds} AND {HELD}")


PRESIDIUM = f"""SELECT {PERIOD},
    (SELECT count(*) {_meetings_of('presidium')} AND {HELD}) AS meetings,
    (SELECT count(*) {_meetings_of('presidium')} AND m.quorum_met = 0) AS meetings_without_quorum,
    (SELECT count(*) {_items_of('presidium', "('decision')")}) AS decisions,
    (SELECT count(*) {_items_of('presidium', "('decision')")} AND i.result = 'passed') AS decisions_passed,
    (SELECT count(*) FROM appointments a LEFT JOIN meetings am ON am.id = a.meeting_id
     WHERE coalesce(a.decided_on, am.date) BETWEEN p.date_from AND p.date_to AND a.voided_at IS NULL
       AND (am.id IS NULL OR am.voided_at IS NULL) AND a.action != 'elect'
       AND NOT EXISTS (SELECT 1 FROM items ai WHERE ai.id = a.item_id AND ai.voided_at IS NULL
                       AND ai.result IN ('failed', 'no_quorum'))) AS appointments
FROM report_periods p"""
# appointments: 任免人次 — the presidium's (and congress's) decisions, not office-holders elected by the congress
# (counted in `elected`), nor a decision whose personnel vote failed (it did not take effect)

CONGRESS = f"""SELECT {PERIOD},
    (SELECT count(*) {_meetings_of('congress')} AND {HELD}) AS sessions,
    (SELECT count(*) {_meetings_of('congress')} AND m.quorum_met = 0) AS sessions_without_quorum,
    (SELECT count(*) {_meetings_of('congress')} AND {HELD} AND m.extraordinary = 1) AS extraordinary,
    (SELECT count(*) {_items_of('congress', CONGRESS_DECISION_KINDS)}) AS decisions,
    (SELECT count(*) FROM candidates c JOIN election_contests e ON e.id = c.contest_id
     JOIN meetings em ON em.id = e.meeting_id WHERE em.kind = 'congress' AND em.date BETWEEN p.date_from AND p.date_to
       AND c.elected = 1 AND e.voided_at IS NULL AND em.voided_at IS NULL) AS elected
FROM report_periods p"""


# --- deputies ---------------------------------------------------------------------------------------------

# A mandate counts in a period's `township`/`county` once its holder was elected on or before the day the period is
# judged on (its end, or --as-of if earlier): a deputy by-elected later never changes a past figure (issue 23).
ELECTED_BY = f"d.voided_at IS NULL AND (d.elected_on IS NULL OR d.elected_on <= {DAY})"
# By-elected (补选): elected after the term began — the general election's deputies are elected before it.
BY_ELECTED = ("d.elected_on > (SELECT t.start_date FROM terms t WHERE t.number = d.term)")


def _deputies(level: str, condition: str = "1", office: bool = True) -> str:
    active = f" AND {in_office(DAY)}" if office else f" AND {ELECTED_BY}"
    return (f"(SELECT count(*) FROM deputies d WHERE d.term = p.term AND d.level = '{level}'{active} "
            f"AND {condition})")


KNOWN_ETHNICITY = "trim(coalesce(d.ethnicity, '')) <> ''"
MINORITY = f"{KNOWN_ETHNICITY} AND d.ethnicity NOT IN ('汉', '汉族')"  # 汉 is a roster's short form of 汉族
_PRESIDIUM_ON = f"""EXISTS (SELECT 1 FROM presidium_members pm WHERE pm.deputy_id = d.id
        AND (pm.from_date IS NULL OR pm.from_date <= {DAY}) AND (pm.to_date IS NULL OR pm.to_date >= {DAY}))"""

DEPUTY_COUNTS = f"""SELECT {PERIOD}, {DAY} AS state_day,
    {_deputies('township', office=False)} AS township,
    {_deputies('county', office=False)} AS county,
    {_deputies('township', BY_ELECTED, office=False)} AS township_by_elected,
    {_deputies('county', BY_ELECTED, office=False)} AS county_by_elected,
    {_deputies('township')} AS active_township,
    {_deputies('county')} AS active_county,
    {_deputies('township', f"d.party IN {PARTY}")} AS party,
    {_deputies('township', "d.gender = 'female'")} AS women,
    {_deputies('township', 'd.re_elected = 1')} AS re_elected,
    {_deputies('township', KNOWN_ETHNICITY)} AS ethnicity_known,
    {_deputies('township', MINORITY)} AS minority,
    {_deputies('county', f"d.party IN {PARTY}")} AS county_party,
    {_deputies('county', "d.gender = 'female'")} AS county_women,
    {_deputies('county', 'd.re_elected = 1')} AS county_re_elected,
    (SELECT count(*) FROM deputies d WHERE d.term = p.term AND {in_office(DAY)} AND {_PRESIDIUM_ON}) AS presidium_members,
    (SELECT count(*) FROM deputies d WHERE d.term = p.term AND {in_office(DAY)} AND {_PRESIDIUM_ON}
       AND d.party IN {PARTY}) AS presidium_party
FROM report_periods p"""

DEPUTIES = f"""SELECT c.*,
    {rate('c.party', 'c.active_township')} AS party_share,
    {rate('c.women', 'c.active_township')} AS women_share,
    {rate('c.re_elected', 'c.active_township')} AS re_elected_share,
    {rate('c.presidium_party', 'c.presidium_members')} AS presidium_party_share,
    {rate('c.minority', 'c.ethnicity_known')} AS minority_share
FROM report_deputy_counts c"""


# --- proposals --------------------------------------------------------------------------------------------

_PROPOSAL_COUNTS = ("received", "motions", "suggestions", "motions_on_agenda", "motions_as_suggestions",
                    "motions_not_on_agenda", "handled", "assigned", "replied", "closed", "overdue", "on_time",
                    "late_unanswered", "with_feedback", "satisfied", "implemented")


def _proposal_sums() -> dict[str, str]:
    """Each count of the proposals section as an aggregate over proposals `q` submitted in period `p`."""
    f = proposals_sql.facts("q", "p.as_of")
    cohort = f["in_cohort"]
    motion = "q.kind = 'motion' AND q.decided_on <= p.as_of AND q.disposition"
    conditions = {
        "motions": "q.kind = 'motion'",
        "suggestions": "q.kind = 'suggestion'",
        "motions_on_agenda": f"{motion} = 'on_agenda'",
        "motions_as_suggestions": f"{motion} = 'as_suggestion'",
        "motions_not_on_agenda": f"{motion} = 'not_on_agenda'",
        "handled": cohort,
        "assigned": f"{cohort} AND q.assigned_on <= p.as_of",
        "replied": f"{cohort} AND {f['first_replied']} <= p.as_of",
        "closed": f"{cohort} AND q.closed_on <= p.as_of",
        "overdue": f"{cohort} AND {f['state']} = 'overdue'",
        "on_time": f"{cohort} AND {f['first_replied']} <= p.as_of AND {f['first_replied']} <= {f['first_due']}",
        "late_unanswered": f"{cohort} AND {f['first_late']}",
        "with_feedback": f"{cohort} AND {f['feedback']} IS NOT NULL",
        "satisfied": f"{cohort} AND {f['feedback']} IN ('satisfied', 'basic')",
        "implemented": f"{cohort} AND {f['result']} IN ('A', 'B')",
    }
    return {"received": "count(q.id)", **{k: f"coalesce(sum({c}), 0)" for k, c in conditions.items()}}


_IN_PERIOD = "q.submitted_on BETWEEN p.date_from AND p.date_to AND q.voided_at IS NULL"

# One pass over the period's proposals (an index-only scan for single-round ones): the counts travel as one
# JSON object per period, so that no sorter is needed to group them.
PROPOSAL_TOTALS = f"""SELECT {PERIOD}, (SELECT json_object({", ".join(f"'{k}', {v}" for k, v in _proposal_sums().items())})
    FROM proposals q WHERE {_IN_PERIOD}) AS counts
FROM report_periods p"""


def _proposal_rates(counts: str) -> str:
    return f"""SELECT c.*,
    {rate('c.replied', 'c.handled')} AS reply_rate,
    {rate('c.on_time', 'c.replied + c.late_unanswered')} AS on_time_rate,
    {rate('c.satisfied', 'c.with_feedback')} AS satisfaction_rate,
    {rate('c.implemented', 'c.replied')} AS implementation_rate
FROM ({counts}) c"""


PROPOSALS = _proposal_rates(
    "SELECT t.kind, t.year, t.term, t.date_from, t.date_to, t.as_of, "
    + ", ".join(f"json_extract(t.counts, '$.{k}') AS {k}" for k in _PROPOSAL_COUNTS)
    + " FROM report_proposal_totals t")


def _proposals_by(group: str) -> str:
    sums = ", ".join(f"{v} AS {k}" for k, v in _proposal_sums().items())
    return _proposal_rates(f"""SELECT {PERIOD}, q.{group} AS {group}, {sums}
FROM report_periods p JOIN proposals q ON {_IN_PERIOD}
GROUP BY p.kind, p.year, p.term, p.date_from, p.date_to, p.as_of, q.{group}""")


PROPOSALS_BY_UNIT = _proposals_by("unit")
PROPOSALS_BY_CATEGORY = _proposals_by("category")


# --- activities -------------------------------------------------------------------------------------------

_ACTIVITIES = "FROM activities a WHERE a.date BETWEEN p.date_from AND p.date_to AND a.voided_at IS NULL"
ACTIVITIES = f"""SELECT {PERIOD},
    (SELECT count(*) {_ACTIVITIES}) AS total,
    (SELECT count(*) {_ACTIVITIES} AND a.kind NOT IN {TRAINING_KINDS} AND a.level IN ('township', 'both')) AS township,
    (SELECT count(*) {_ACTIVITIES} AND a.kind NOT IN {TRAINING_KINDS} AND a.level IN ('county', 'both')) AS county,
    (SELECT count(*) {_ACTIVITIES} AND a.kind IN {TRAINING_KINDS}) AS training
FROM report_periods p"""
ACTIVITIES_BY_KIND = f"""SELECT {PERIOD}, a.kind AS activity_kind, count(*) AS n
FROM report_periods p JOIN activities a ON a.date BETWEEN p.date_from AND p.date_to AND a.voided_at IS NULL
GROUP BY p.kind, p.year, p.term, p.date_from, p.date_to, p.as_of, a.kind"""


# The report contract's keys per section, in order (docs/report.md; only ever gain keys).
CONTRACT_KEYS: dict[str, tuple[str, ...]] = {
    "presidium": ("meetings", "meetings_without_quorum", "decisions", "decisions_passed", "appointments"),
    "congress": ("sessions", "sessions_without_quorum", "extraordinary", "decisions", "elected"),
    "deputies": ("township", "county", "active_township", "active_county", "party_share", "women_share",
                 "re_elected_share", "presidium_members", "presidium_party_share", "minority_share",
                 "township_by_elected", "county_by_elected"),
    "proposals": ("received", "motions", "suggestions", "motions_on_agenda", "motions_as_suggestions", "assigned",
                  "replied", "closed", "overdue", "reply_rate", "on_time_rate", "satisfaction_rate",
                  "implementation_rate"),
    "activities": ("total", "township", "county", "training", "by_kind"),
}


# --- the definitions ---------------------------------------------------------------------------------------

class View(NamedTuple):
    name: str
    body: str
    helpers: tuple[str, ...] = ()    # helper views this one uses, inlined as CTEs (in order)
    materialized: bool = False       # as a CTE: computed once (read several times)


HELPERS = {
    "report_meetings": View("report_meetings", MEETINGS),
    "report_deputy_counts": View("report_deputy_counts", DEPUTY_COUNTS, materialized=True),
    "report_proposal_totals": View("report_proposal_totals", PROPOSAL_TOTALS, materialized=True),
}
SECTIONS = {
    "report_presidium": View("report_presidium", PRESIDIUM),
    "report_congress": View("report_congress", CONGRESS),
    "report_deputies": View("report_deputies", DEPUTIES, ("report_deputy_counts",)),
    "report_proposals": View("report_proposals", PROPOSALS, ("report_proposal_totals",)),
    "report_proposals_by_unit": View("report_proposals_by_unit", PROPOSALS_BY_UNIT),
    "report_activities": View("report_activities", ACTIVITIES),
    "report_activities_by_kind": View("report_activities_by_kind", ACTIVITIES_BY_KIND),
}
# Not a view: `proposal stats --by category` only.
EXTRA = {"report_proposals_by_category": View("report_proposals_by_category", PROPOSALS_BY_CATEGORY)}


def _ctes(view: View) -> list[str]:
    return [f"{h} AS {'MATERIALIZED ' if HELPERS[h].materialized else ''}({HELPERS[h].body})" for h in view.helpers]


def view_sql(view: View) -> str:
    ctes = _ctes(view)
    body = ("WITH " + ",\n".join(ctes) + "\n" + view.body) if ctes else view.body
    return f"CREATE VIEW {view.name} AS\n{body}"


def all_views() -> list[tuple[str, str]]:
    """(name, CREATE VIEW statement) for every view, in an order where each comes after what it reads."""
    out = [("report_periods", f"CREATE VIEW report_periods AS\n{PERIODS}")]
    out += [(v.name, view_sql(v)) for v in HELPERS.values()]
    out += [(v.name, view_sql(v)) for v in SECTIONS.values()]
    out.append(("proposal_states", f"CREATE VIEW proposal_states AS\n{proposals_sql.states_view()}"))
    return out + label_views.all_views()  # and the records in Chinese, for Datasette


# What each view holds (for `db views` and docs/figures.md).
DESCRIPTIONS = {
    "report_periods": "期间：每个自然年（kind=year）和每一届（kind=term），状态按今天判断",
    "report_meetings": "每次主席团会议、人代会：是否达到法定人数、是否计为召开、议程事项数",
    "report_deputy_counts": "代表人数及各比例的分子分母（按期间）",
    "report_presidium": "报告“主席团”部分（按期间）",
    "report_congress": "报告“人代会”部分（按期间）",
    "report_deputies": "报告“代表”部分（按期间）",
    "report_proposal_totals": "议案、建议各项计数（按期间，JSON）",
    "report_proposals": "报告“议案和建议”部分（按期间）",
    "report_proposals_by_unit": "议案和建议，按承办单位（按期间）",
    "report_activities": "报告“代表活动”部分（按期间）",
    "report_activities_by_kind": "代表活动，按类别（按期间）",
    "proposal_states": "每件议案、建议今天的状态（与 proposal list 相同）",
}
DESCRIPTIONS.update(label_views.descriptions())


def uninstall(conn: sqlite3.Connection) -> None:
    """Drop rdtool's views (never anyone else's)."""
    for name, _ in reversed(all_views()):
        conn.execute(f'DROP VIEW IF EXISTS "{name}"')


def install(conn: sqlite3.Connection) -> None:
    """Drop and create rdtool's views from the definitions here (after each migration; inside its transaction)."""
    uninstall(conn)
    for _, sql in all_views():
        conn.execute(sql)


def stale(conn: sqlite3.Connection) -> list[str]:
    """Views missing from the database or differing from the definitions here (for `db check`)."""
    have = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'").fetchall())
    return [name for name, sql in all_views() if have.get(name) != sql]


def query(store, name: str, period, as_of: str) -> list[dict]:
    """A section's rows for one period judged on `as_of` — the view's own SQL with the period as a CTE."""
    view = SECTIONS.get(name) or EXTRA[name]
    period_sql, params = period_cte(period, as_of)
    ctes = [period_sql] + _ctes(view)
    return store.query("WITH " + ",\n".join(ctes) + "\n" + view.body, params)


def one(store, name: str, period, as_of: str) -> dict:
    return query(store, name, period, as_of)[0]


def meetings_in(store, date_from: str, date_to: str) -> list[dict]:
    """Meetings of the period with their item counts and quorum (the report's meeting table)."""
    return store.query(
        "SELECT m.code, m.kind, m.date, m.title, m.extraordinary, m.quorum_met, "
        "(SELECT count(*) FROM items i WHERE i.meeting_id = m.id AND i.voided_at IS NULL) AS items, "
        "(SELECT count(*) FROM items i WHERE i.meeting_id = m.id AND i.voided_at IS NULL "
        " AND i.result IS NOT NULL) AS voted, "  # a report heard without a vote is not 'not passed' (issue 23)
        "(SELECT count(*) FROM items i WHERE i.meeting_id = m.id AND i.voided_at IS NULL "
        " AND i.result = 'passed') AS passed "
        "FROM meetings m WHERE m.date BETWEEN ? AND ? AND m.voided_at IS NULL AND m.kind IN ('presidium', 'congress') "
        "ORDER BY m.date, m.code", (date_from, date_to))
