"""Candidates for the township congress's elections: nominations (组织法 第二十六条) and the 预选 (第二十七条第一款).

A nomination is the presidium's or ten or more deputies' (township deputies in office and not suspended, 代表法
第六十一条) for the 主席、副主席、乡长/镇长、副乡长/副镇长; neither may name more candidates than the seats, nor may
a deputy co-nominate more than the seats for one post (第二十六条第三款) — such a nomination is refused. When the
candidates nominated for a post exceed the 差额 (principal one more than the seats, vice up to three more, or the
选举办法's own number), a 预选 sets the formal list by votes (第二十七条第一款): `election primary` records its votes and
says who is on the list; a tie across the last place is said, not decided.
"""

from __future__ import annotations

from rdtool.dates import utc_now
from rdtool.errors import ValidationError
from rdtool.parse import clean
from rdtool.rules import congress_nominations as law
from rdtool.services.elections.elections import post_kind
from rdtool.store import nominations as sql
from rdtool.store.db import Store

OFFICE_KINDS = ("principal", "vice")


def _meeting(store: Store, ref: str) -> dict:
    from rdtool.services.meetings import meetings as meetings_svc

    m = meetings_svc.get(store, ref)
    if m["kind"] != "congress":
        raise ValidationError(f"会议 {m['code']} 不是人代会；候选人由人代会主席团或代表联合提名（组织法第二十六条）")
    return m


def nominate(store: Store, meeting_ref: str, post: str, seats: int, by: str, nominees: list[str],
             signers: list[str], day: str | None, notes: str | None = None) -> dict:
    """Record one nomination; refuses what 组织法 第二十六条 does not allow. Returns it with the post's summary."""
    post = clean(post)
    kind = post_kind(post)
    if not nominees:
        raise ValidationError("没有写候选人", "用 --candidate 写提名的候选人，可重复")
    if len(set(nominees)) != len(nominees):
        raise ValidationError("同一候选人被重复列出")
    problem = law.nominees_problem(by, len(nominees), seats)
    if problem:
        raise ValidationError(problem)
    with store.transaction():
        m = _meeting(store, meeting_ref)
        day = day or m["date"]
        _same_seats(sql.of_post(store, m["id"], post), post, seats)
        signer_ids: list[int] = []
        if by == "deputies":
            from rdtool.services.deputies.suspensions import refuse_suspended_signers, signers_who_count

            rows, counted, why = signers_who_count(store, m["term"], signers, day)
            refuse_suspended_signers(store, rows, day, "联名提名候选人", "--signers")
            if kind in OFFICE_KINDS and not law.nominators_ok(counted):
                raise ValidationError(
                    f"代表联合提名{post}候选人须十人以上书面联名，本件只有 {counted} 名本级代表联名（组织法第二十六条第二款）"
                    + (f"；{'、'.join(why)}，不计入" if why else ""), "用 --signers 写全部联名代表")
            signer_ids = [d["id"] for d in rows]
            before = sql.of_post(store, m["id"], post)
            per = {}
            for d in rows:  # the candidates he co-nominated: each person once, however many nominations name him
                named = {x for n in before if any(s["id"] == d["id"] for s in n["signers"]) for x in n["nominees"]}
                per[d["name"]] = len(named | set(nominees))
            problems = law.per_deputy_problems(per, seats)
            if problems:
                raise ValidationError("联合提名超过应选名额：", problems=problems)
        elif signers:
            raise ValidationError("主席团提名不写联名代表（--signers 只用于代表联合提名）")
        else:
            before = sql.of_post(store, m["id"], post)
            earlier = next((n for n in before if n["nominated_by"] == "presidium"), None)
            if earlier:
                raise ValidationError(f"主席团已提名{post}的候选人（提名 ID {earlier['id']}）",
                                      f"更正请先作废原提名：rdtool db void 提名 {earlier['id']} --reason 原因，再重新提名")
        sql.insert(store, {"meeting_id": m["id"], "post": post, "seats": seats, "nominated_by": by,
                           "submitted_on": day, "notes": notes}, nominees, signer_ids)
        notes_out = _suspended_nominees(store, m["term"], nominees, day, post)
    return {**summary(store, m, post), "notes": notes_out}


def _suspended_nominees(store: Store, term: int, nominees: list[str], day: str, post: str) -> list[str]:
    """A note for each candidate who is a deputy of the term whose duties are suspended on ``day`` (the texts are
    silent on nominating him: recorded, and said; rdtool.rules.suspensions.nominee_note)."""
    from rdtool.rules.suspensions import nominee_note, suspended_on
    from rdtool.store import refs as refs_sql
    from rdtool.store import suspensions as suspensions_sql

    out = []
    for name in nominees:
        ids = [d["id"] for d in refs_sql.deputies_named(store, name, term) if d["level"] == "township"]
        periods = suspensions_sql.periods(store, ids) if ids else {}
        for spans in periods.values():
            if suspended_on(spans, day):
                start = max(s for s, _ in spans if s <= day)
                out.append(nominee_note(name, start, post_kind(post) in OFFICE_KINDS and "主席" in post))
    return out


def _same_seats(recorded: list[dict], post: str, seats: int) -> None:
    """One post has one number of seats at a session: a nomination (or 预选) giving another is refused."""
    if recorded and recorded[-1]["seats"] != seats:
        raise ValidationError(f"{post}的应选名额已按{recorded[-1]['seats']}名记录（提名 ID {recorded[-1]['id']}），"
                              f"本件写的是{seats}名", "核对 --seats；原提名录错的，先作废：rdtool db void 提名 ID --reason 原因")


def summary(store: Store, meeting: dict, post: str) -> dict:
    """The post's nominations, the distinct candidates, whether a 预选 is needed, and its formal list if held."""
    noms = sql.of_post(store, meeting["id"], post)
    names: list[str] = []
    for n in noms:
        names += [x for x in n["nominees"] if x not in names]
    seats = noms[-1]["seats"] if noms else None
    prim = sql.primary(store, meeting["id"], post)
    kind = post_kind(post)
    needed = bool(seats) and law.primary_needed(kind or "member", seats, len(names),
                                                prim[0]["margin"] if prim else None)
    return {"meeting": meeting["code"], "post": post, "seats": seats or (prim[0]["seats"] if prim else None),
            "nominations": noms, "candidates": names, "primary_needed": needed,
            "primary": prim, "formal": [p["name"] for p in prim if p["formal"] == 1],
            "tied": [p["name"] for p in prim if p["formal"] is None]}


def primary(store: Store, meeting_ref: str, post: str, seats: int, margin: int, votes: list[tuple[str, int]],
            day: str | None) -> dict:
    """Record a 预选's votes and set the formal list (组织法 第二十七条第一款). Refuses a margin outside the law and,
    where nominations are recorded, a name not nominated."""
    post = clean(post)
    kind = post_kind(post) or "member"
    names = [n for n, _ in votes]
    if len(set(names)) != len(names):
        raise ValidationError("同一候选人被重复列出")
    with store.transaction():
        m = _meeting(store, meeting_ref)
        _same_seats(sql.of_post(store, m["id"], post), post, seats)
        nominated = summary(store, m, post)["candidates"]
        problem = law.margin_problem(kind, seats, margin, len(nominated or names))
        if problem:
            raise ValidationError(problem, "--margin 写选举办法规定的差额数")
        stray = [n for n in names if nominated and n not in nominated]
        if stray:
            raise ValidationError(f"{'、'.join(stray)}不在{post}的提名名单中（已提名：{'、'.join(nominated)}）",
                                  "预选在提名的候选人中进行；先用 election nominate 记录提名")
        missing = [n for n in nominated if n not in names]
        if missing:
            raise ValidationError(f"提名的候选人{'、'.join(missing)}没有预选得票", "每名提名的候选人写一个 --candidate 姓名=得票（0 票也写）")
        formal, tied = law.formal_list(dict(votes), seats, margin)
        rows = [{"seats": seats, "margin": margin, "held_on": day or m["date"], "name": n, "votes": v,
                 "formal": 1 if n in formal else (None if n in tied else 0)} for n, v in votes]
        sql.replace_primary(store, m["id"], post, rows, utc_now())
    out = summary(store, m, post)
    notes = []
    if not law.primary_needed(kind, seats, len(names), margin):
        notes.append(f"提名{len(names)}人，未超过应选{seats}名加差额{margin}名，依组织法第二十七条第一款不必预选")
    if tied:
        notes.append(f"{'、'.join(tied)}预选得票相等，争最后{seats + margin - len(formal)}个名额，正式候选人名单不能按得票"
                     f"确定；由主席团决定（如再次预选）")
    return {**out, "notes": notes}


def listing(store: Store, meeting_ref: str | None = None) -> list[dict]:
    from rdtool.services.meetings import meetings as meetings_svc

    meeting_id = meetings_svc.get(store, meeting_ref)["id"] if meeting_ref else None
    out = []
    for p in sql.posts(store, meeting_id):
        s = summary(store, {"id": p["meeting_id"], "code": p["meeting"]}, p["post"])
        out.append({"meeting": p["meeting"], "post": p["post"], "seats": s["seats"],
                    "presidium": "、".join(x for n in s["nominations"] if n["nominated_by"] == "presidium"
                                          for x in n["nominees"]),
                    "deputies": "；".join(f"{'、'.join(n['nominees'])}（{len(n['signers'])}人联名）"
                                         for n in s["nominations"] if n["nominated_by"] == "deputies"),
                    "candidates": len(s["candidates"]),
                    "primary_needed": s["primary_needed"],
                    "formal": "、".join(s["formal"]) + (f"（票数相等：{'、'.join(s['tied'])}）" if s["tied"] else "")})
    return out


def round_warnings(store: Store, meeting: dict, post: str, names: list[str]) -> list[str]:
    """A first round whose candidates are not those nominated (组织法 第二十六条), or not the formal list a 预选
    set (第二十七条第一款); ``[]`` when no nomination is recorded for the post."""
    s = summary(store, meeting, clean(post))
    if not s["nominations"] and not s["primary"]:
        return []
    if s["primary"]:
        if s["tied"]:
            return []
        extra = [n for n in names if n not in s["formal"]]
        left = [n for n in s["formal"] if n not in names]
        if extra or left:
            return [f"选举的候选人与预选确定的正式候选人名单（{'、'.join(s['formal'])}）不同"
                    + (f"：{'、'.join(extra)}不在名单中" if extra else "") + (f"；未列入{'、'.join(left)}" if left else "")
                    + "（组织法第二十七条第一款）"]
        return []
    out = []
    stray = [n for n in names if n not in s["candidates"]]
    if stray:
        out.append(f"{'、'.join(stray)}没有提名记录（主席团或代表十人以上联名提名，组织法第二十六条）")
    if s["primary_needed"]:
        out.append(f"{post}提名了{len(s['candidates'])}人，超过差额规定，应先预选确定正式候选人（组织法第二十七条第一款）")
    return out


def after_void(store: Store, nomination: dict, at: str) -> list[str]:
    """A nomination voided after the post's 预选 was entered: the 预选 is voided with it when it names a candidate no
    longer nominated (组织法 第二十七条第一款: the 预选 is held among the candidates nominated, so its formal list rests on
    the nominations); a 预选 whose candidates all remain nominated stands. Returns the line to say."""
    prim = sql.primary(store, nomination["meeting_id"], nomination["post"])
    if not prim:
        return []
    meeting = {"id": nomination["meeting_id"], "code": nomination.get("meeting_code", "")}
    still = summary(store, meeting, nomination["post"])["candidates"]
    gone = [p["name"] for p in prim if p["name"] not in still]
    if not gone:
        return []
    sql.void_primary(store, nomination["meeting_id"], nomination["post"], at, "所依据的提名已作废")
    return [f"{nomination['post']}的预选记录随之作废：{'、'.join(gone)}已不在提名名单中，预选在提名的候选人中进行"
            f"（组织法第二十七条第一款）；提名更正后用 election primary 重新录入预选结果"]
