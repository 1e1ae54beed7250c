"""A chair, vice-chair, town head or deputy head leaving the post by the congress's decision (``rdtool post``).

- Recall (罢免): at a session, on the motion of the presidium or of one fifth or more of the deputies
  (组织法 2022 第三十一条第二款), decided by a majority of all deputies (第二十五条).
- Resignation (辞职): to the congress, which decides whether to accept it (第三十二条第二款).

The decision is a congress vote recorded with ``rdtool vote add``; ``rdtool.rules.mandates`` judges it. A
chair or vice-chair leaves the presidium on the day of the vote (主席、副主席为主席团的成员, 第十九条): the
presidium role ends through ``rdtool.services.deputies.records.set_presidium_role`` (the presidium meetings after
it are recomputed, rdtool.services.kernel.corrections).
"""

from __future__ import annotations

from typing import Iterator

from rdtool.errors import NotFound, ValidationError
from rdtool.labels import clean, clean_name, label
from rdtool.rules import mandates as law
from rdtool.services.deputies import deputies as deputies_svc
from rdtool.store import deputies as deputies_sql
from rdtool.store import mandates as sql
from rdtool.store import meetings as meetings_sql
from rdtool.store.db import Store

ROLE_OF = {"主席": "chair", "副主席": "vice_chair"}
ART_RESIGN_POST = "组织法第三十二条第二款"


def end(store: Store, person: str, post: str, action: str, vote_ref: str, *, motion_by: str | None = None,
        movers: int | None = None, announced_on: str | None = None, notes: str | None = None,
        term: int | None = None) -> dict:
    """Record a recall (``action='recalled'``) or accepted resignation (``'resigned'``) of a township post."""
    from rdtool.services.meetings import votes

    post = clean(post)
    if not law.is_township_post(post):
        raise ValidationError(f"“{post}”不是本级人民代表大会选举的主席、副主席、乡长、副乡长、镇长、副镇长"
                              f"（{law.ART_POST_RECALL}、{ART_RESIGN_POST}）", "代表职务的辞职、罢免用 rdtool deputy end")
    item = votes.get(store, vote_ref)
    m = meetings_sql.meeting_by_id(store, item["meeting_id"])
    problem = decision_problem(store, post, action, m, item["result"])
    if problem:
        raise ValidationError(f"{m['code']}#{item['seq']}“{item['title']}”：{problem}")
    if action == "recalled":
        if motion_by is None:
            raise ValidationError("请用 --motion-by 写明罢免案由主席团提出，还是由代表联名提出（组织法第三十一条第二款）")
        try:
            problem = law.post_recall_motion_problem(motion_by, movers, deputies_sql.count_in_office(
                store, m["term"], "township", m["date"]))
        except law.ImpossibleCounts as exc:
            raise ValidationError(f"联名人数不可能成立：{exc}") from None
        if problem:
            raise ValidationError(f"罢免案不能成立：{problem}")
    elif motion_by is not None or movers is not None:
        raise ValidationError("--motion-by、--movers 只用于罢免")
    problem = law.announcement_problem(m["date"], announced_on)
    if problem:
        raise ValidationError(problem)
    from rdtool.services.kernel import corrections
    from rdtool.services.deputies import records as deputy_records

    deputy = _deputy(store, person, post, term or m["term"])
    with corrections.write(store, verb="已记录") as report:
        role_ended = None
        if deputy is not None and post in ROLE_OF:
            current = deputies_sql.get(store, deputy["id"], m["date"])
            if current and current["presidium_role"] == ROLE_OF[post]:
                deputy_records.set_presidium_role(store, str(deputy["id"]), None, m["date"])
                role_ended = post
        row_id = sql.insert_post_end(store, {
            "person": deputy["name"] if deputy else clean_name(person), "deputy_id": deputy["id"] if deputy else None,
            "post": post, "action": action, "item_id": item["id"], "motion_by": motion_by, "movers": movers,
            "announced_on": announced_on, "notes": notes})
    return {"id": row_id, "person": deputy["name"] if deputy else clean_name(person), "post": post, "action": action,
            "date": m["date"], "meeting": m["code"], "role_ended": role_ended, "report": report}


def resignation_rule(store: Store, post: str | None, meeting: dict | None) -> str | None:
    """Who may accept a resignation from `post` at `meeting` (组织法 第三十二条第二款; 重庆 第三十二条第十项)."""
    from rdtool.services.terms.province import in_force

    setting = in_force(store).profile.presidium_resignation
    kind = meeting["kind"] if meeting else None
    in_session = bool(meeting) and meetings_sql.in_congress_session(store, meeting["date"])
    return law.resignation_body_problem(post, kind, in_session, bool(setting.value), setting.article)


def decision_problem(store: Store, post: str, action: str, meeting: dict, result: str | None) -> str | None:
    """Why this vote cannot be the recall or the acceptance of the resignation, or None."""
    if action == "recalled":
        return law.congress_decision_problem(meeting["kind"], result, "罢免", law.ART_POST_RECALL)
    problem = resignation_rule(store, law.township_post_of(post), meeting)
    if problem:
        return problem
    if meeting["kind"] == "presidium":  # 重庆: the presidium's decision, by its own majority
        if result is None:
            return "这项表决还没有票数，不能作为接受辞职的决定"
        return None if result == "passed" else "主席团的这项表决未通过，不能接受辞职"
    return law.congress_decision_problem(meeting["kind"], result, "接受辞职", ART_RESIGN_POST)


def _deputy(store: Store, person: str, post: str, term: int | None) -> dict | None:
    """The deputy holding the post (a 主席 or 副主席 must be one: 组织法 第十八条 "从代表中选出")."""
    try:
        return deputies_svc.resolve(store, person, term)
    except NotFound:
        if post in ROLE_OF:
            raise ValidationError(f"没有名为“{person}”的代表；{post}由本级人民代表大会从代表中选出（组织法第十八条）",
                                  "检查姓名，或用代表的 ID") from None
        return None


def listing(store: Store) -> list[dict]:
    return [{**r, "vote": f"{r['meeting_code']}#{r['item_seq']}", "date": r["meeting_date"]}
            for r in sql.post_ends(store)]


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> Iterator[dict]:
    """Recorded recalls or resignations of posts whose vote no longer stands."""
    for r in sql.post_ends(store):
        if r["meeting_date"] > as_of:
            continue
        meeting = {"kind": r["meeting_kind"], "date": r["meeting_date"]}
        problem = decision_problem(store, r["post"], r["action"], meeting, r["item_result"])
        if problem:
            yield {"check": "post_end_vote_invalid", "severity": "error", "table": "post_ends",
                   "record": str(r["id"]), "message": f"{r['person']}{label('post_end_action', r['action'])}"
                   f"{r['post']}（{r['meeting_code']}#{r['item_seq']}）：{problem}"}
