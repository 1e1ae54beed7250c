"""`db check` findings for the rules (CHANGES.md “The law, third pass”) that earlier versions did not apply when a record was entered.

- a township post's resignation accepted by a body that may not accept it (组织法 第三十二条第二款;
  重庆市乡镇人民代表大会工作条例 第三十二条第十项), recorded with ``appointment add --action 接受辞职``;
- a deputy under eighteen on the day elected, a candidate under eighteen on election day (选举法 第四条);
- township deputies' credentials confirmed after the term's first session (选举法 第四十七条第二款);
- an oath later than 北京 (30 days, 宣誓组织办法 第十三条) or 重庆 (before the session closes, 宪法宣誓实施办法
  第九条第一款) say it normally is;
- a suggestion made in recess assigned later than 上海 (seven working days, 规定 第十一条) or 山东 (five days,
  办理工作条例 第十条) say;
- a term that ran more than five years (组织法 第九条, with 第二十条's two months for the next first session);
- a chair or vice-chair (in 重庆、浙江、河南 any presidium member) who holds a government post (组织法 第十八条第二款;
  重庆 第三十条第三款, 浙江 第三十八条, 河南 第二条第四款).
"""

from __future__ import annotations

from rdtool.rules.mandates import township_post_of
from rdtool.store import law_checks as sql
from rdtool.store.db import Store


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    findings: list[dict] = []
    findings += _resignations(store, as_of, date_from, date_to)
    findings += _ages(store, as_of, date_from, date_to)
    findings += _credentials(store, as_of, date_from, date_to)
    findings += _oaths(store, as_of, date_from, date_to)
    findings += _assignments(store, as_of, date_from, date_to)
    findings += [f for f in term_lengths(store) if _in_period(f.pop("day"), as_of, date_from, date_to)]
    findings += [f for f in incompatible(store, as_of) if _in_period(f.pop("day"), as_of, date_from, date_to)]
    return findings


def credentials_warning(store: Store, election: dict, on: str) -> str | None:
    """A township general election's credentials confirmed after the term's first session (选举法 第四十七条第二款)."""
    from rdtool.rules.direct_elections import credentials_late_problem

    if election.get("kind", "general") != "general" or election.get("level") != "township":
        return None
    return credentials_late_problem(on, sql.first_session_on(store, election["term"]))


def _credentials(store: Store, as_of: str, date_from, date_to) -> list[dict]:
    out = []
    for r in sql.confirmations(store):
        if not _in_period(r["confirmed_on"], as_of, date_from, date_to):
            continue
        problem = credentials_warning(store, {"kind": "general", "level": "township", "term": r["term"]},
                                      r["confirmed_on"])
        if problem:
            out.append({"check": "credentials_after_first_session", "severity": "warning", "table": "general_elections",
                        "record": str(r["election_id"]), "message": f"第{r['term']}届换届选举{r['n']}名当选代表"
                        f"（{r['names']}）：{problem}"})
    return out


def _in_period(day: str | None, as_of: str, date_from: str | None, date_to: str | None) -> bool:
    return bool(day) and day <= as_of and (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


def _resignations(store: Store, as_of: str, date_from, date_to) -> list[dict]:
    from rdtool.services.elections.post_ends import resignation_rule

    out = []
    for r in sql.accepted_resignations(store):
        if not _in_period(r["decided_on"], as_of, date_from, date_to):
            continue
        meeting = {"kind": r["meeting_kind"], "date": r["meeting_date"]} if r["meeting_kind"] else None
        problem = resignation_rule(store, township_post_of(r["position"] or ""), meeting)
        if problem:
            where = r["meeting_code"] or r["decided_on"]
            out.append({"check": "resignation_wrong_body", "severity": "error", "table": "appointments",
                        "record": str(r["id"]), "message": f"任免记录 {r['id']}（{where}）接受{r['person']}辞去"
                        f"{r['position']}职务：{problem}"})
    return out


def _ages(store: Store, as_of: str, date_from, date_to) -> list[dict]:
    from rdtool.rules.deputies import under_age_problem

    out = []
    for d in sql.deputies_with_births(store):
        if not _in_period(d["elected_on"], as_of, date_from, date_to):
            continue
        problem = under_age_problem(d["birth_date"], d["elected_on"], "")
        if problem:
            out.append({"check": "under_age", "severity": "error", "table": "deputies", "record": str(d["id"]),
                        "message": f"第{d['term']}届代表{d['name']}（ID {d['id']}）{d['elected_on']}当选：{problem}"})
    for c in sql.candidates_with_births(store):
        if not _in_period(c["election_day"], as_of, date_from, date_to):
            continue
        problem = under_age_problem(c["birth_date"], c["election_day"], "")
        if problem:
            what = f"补选 {c['code']}" if c["kind"] == "by_election" else f"第{c['term']}届换届选举"
            out.append({"check": "under_age", "severity": "error", "table": "ge_candidates", "record": str(c["id"]),
                        "message": f"{what}（{c['constituency']}）的代表候选人{c['name']}：{problem}"})
    return out


def _overlap(a_from: str, a_to: str | None, b_from: str, b_to: str | None) -> bool:
    """Whether [a_from, a_to) and [b_from, b_to) share a day (None: still running)."""
    return (b_to is None or a_from < b_to) and (a_to is None or b_from < a_to)


def incompatible(store: Store, as_of: str, deputy_ids: set[int] | None = None) -> list[dict]:
    """Presidium roles held on or after the day their holder took a government post (and before it ended)."""
    from rdtool.rules.congress_offices import GOVERNMENT_POSTS, incompatible_post_problem
    from rdtool.rules.mandates import township_post_of
    from rdtool.services.terms.province import in_force

    setting = in_force(store).profile.incompatible
    members_too = setting.value == "members"
    ends = sql.post_end_days(store)
    roles = sql.roles_with_names(store)
    out = []
    for a in sql.office_holders(store):
        post = township_post_of(a["position"] or "")
        if post not in GOVERNMENT_POSTS or a["decided_on"] > as_of:
            continue
        ended = min((e["day"] for e in ends if e["post"] == post and e["day"] >= a["decided_on"]
                     and (e["deputy_id"] == a["deputy_id"] if a["deputy_id"] else e["person"] == a["person"])),
                    default=None)
        for r in roles:
            if deputy_ids is not None and r["deputy_id"] not in deputy_ids:
                continue
            if not (r["deputy_id"] == a["deputy_id"] if a["deputy_id"] else r["name"] == a["person"]):
                continue
            start = max(r["from_date"] or "", a["decided_on"])
            if not _overlap(r["from_date"] or "", r["to_date"], a["decided_on"], ended) or start > as_of:
                continue
            problem = incompatible_post_problem(r["role"], post, members_too, setting.article)
            if problem:
                out.append({"check": "incompatible_posts", "severity": "warning", "table": "presidium_members",
                            "record": str(r["deputy_id"]), "day": start,
                            "message": f"{r['name']}自{a['decided_on']}任{post}，{start}起仍在主席团任职：{problem}"})
    return out


def term_lengths(store: Store, number: int | None = None) -> list[dict]:
    """Terms that ran more than five years: to the next term's start, or to their own recorded end."""
    from datetime import date, timedelta

    from rdtool.rules.deputies import term_length_warning

    rows = sql.terms(store)
    out = []
    for t, nxt in zip(rows, rows[1:] + [None]):
        if nxt is not None and nxt["number"] == t["number"] + 1:
            until = nxt["start_date"]
        elif t["end_date"]:
            until = (date.fromisoformat(t["end_date"]) + timedelta(days=1)).isoformat()
        else:
            continue
        if number is not None and number not in (t["number"], t["number"] + 1):
            continue
        w = term_length_warning(t["start_date"], until)
        if w:
            out.append({"check": "term_too_long", "severity": "warning", "table": "terms", "record": str(t["number"]),
                        "day": t["start_date"], "message": f"第{t['number']}届：{w}"})
    return out


def _oaths(store: Store, as_of: str, date_from, date_to) -> list[dict]:
    from rdtool.rules.congress_offices import oath_timing_warning
    from rdtool.services.terms.province import in_force

    code = in_force(store).code
    if code not in ("beijing", "chongqing"):
        return []
    out = []
    for r in sql.oaths(store):
        if not _in_period(r["oath_on"], as_of, date_from, date_to):
            continue
        closed = r["meeting_closed"] if r["meeting_kind"] == "congress" else None
        w = oath_timing_warning(code, r["action"], r["decided_on"], r["oath_on"], closed)
        if w:
            out.append({"check": "oath_late", "severity": "warning", "table": "appointments", "record": str(r["id"]),
                        "message": f"{r['person']}（{r['position']}）：{w}"})
    return out


def assign_warning(store: Store, proposal: dict, assigned_on: str) -> str | None:
    """A suggestion made in recess assigned later than the province allows (上海 第十一条, 山东 第十条), or None."""
    from datetime import date

    from rdtool.rules.deadlines import ASSIGN_LIMITS, assign_due
    from rdtool.services.terms.province import in_force

    limit = ASSIGN_LIMITS.get(in_force(store).code)
    if limit is None or proposal.get("meeting_id") or proposal["kind"] != "suggestion":
        return None
    days, working, article = limit
    due = assign_due(date.fromisoformat(proposal["submitted_on"]), days, working).isoformat()
    if assigned_on <= due:
        return None
    return (f"{proposal['code']} 于{proposal['submitted_on']}在闭会期间提出，{assigned_on}才交办；应在收到之日起{days}个"
            f"{'工作日' if working else '日'}内（{due}前）交办（{article}）")


def _assignments(store: Store, as_of: str, date_from, date_to) -> list[dict]:
    out = []
    for p in sql.recess_suggestions(store):
        if not _in_period(p["assigned_on"], as_of, date_from, date_to):
            continue
        w = assign_warning(store, p, p["assigned_on"])
        if w:
            out.append({"check": "assignment_late", "severity": "warning", "table": "proposals", "record": p["code"],
                        "message": w})
    return out
