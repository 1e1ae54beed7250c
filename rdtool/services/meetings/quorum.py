"""Who is entitled at a meeting (its roster on the day) and whether it had its quorum (rdtool.rules.majority.quorum:
组织法 第十四条第四款 for a congress, the presidium rule of the province profile in force)."""

from __future__ import annotations

from rdtool.store import deputies as deputies_sql
from rdtool.store import meetings as sql
from rdtool.store.db import Store


def presidium_rule(store: Store) -> tuple[str, str]:
    """(quorum rule, citation) of presidium meetings under the province profile in force."""
    from rdtool.services.terms.province import in_force

    p = in_force(store)
    return p.presidium_quorum, p.presidium_article


def figures(meeting: dict) -> dict:
    """present / entitled of a meeting and where they come from."""
    if meeting.get("roll_rows"):
        present, present_src = meeting["roll_present"], "roll"
    else:
        present, present_src = meeting.get("present"), ("count" if meeting.get("present") is not None else None)
    if meeting.get("entitled") is not None:
        entitled, entitled_src = meeting["entitled"], "explicit"
    else:
        entitled, entitled_src = meeting.get("roster"), ("roster" if meeting.get("roster") is not None else None)
    return {"present": present, "entitled": entitled, "present_source": present_src,
            "entitled_source": entitled_src}


def roster(store: Store, meeting: dict) -> list[dict]:
    """Who is entitled on the meeting date: presidium members (presidium meeting), else township deputies."""
    if meeting["term"] is None:
        return []
    if meeting["kind"] == "presidium":
        rows = deputies_sql.presidium_on(store, meeting["term"], meeting["date"])
    else:
        rows = deputies_sql.entitled(store, meeting["term"], "township", meeting["date"])
    return sorted(rows, key=lambda r: r["id"])


def roster_size(store: Store, meeting: dict) -> int:
    if meeting["term"] is None:
        return 0
    if meeting["kind"] == "presidium":
        return len(deputies_sql.presidium_on(store, meeting["term"], meeting["date"]))
    return deputies_sql.count_in_office(store, meeting["term"], "township", meeting["date"])


def quorum_of(store: Store, meeting: dict, rule: tuple[str, str] | None = None):
    """QuorumCheck of a meeting, or None when its figures are not known."""
    from rdtool.rules.majority import ImpossibleCounts, quorum

    f = figures(meeting)
    if f["present"] is None or not f["entitled"]:
        return None
    try:
        return quorum(meeting["kind"], f["entitled"], f["present"], *(rule or presidium_rule(store)))
    except ImpossibleCounts:
        return None


def refresh_quorum(store: Store, meeting: dict) -> None:
    """Store whether the meeting met its quorum (rdtool.rules.majority.quorum: 组织法 第十四条第四款 for a congress,
    the presidium rule of the province profile in force) — 1, 0, or NULL when its figures are not known. The report
    counts the meetings held by it (a meeting without a quorum could not be held); stored like an item's result, and
    recomputed with the results whenever the roll call, the counts or the roster change (recompute.results)."""
    q = quorum_of(store, meeting)
    value = None if q is None else int(q.met)
    if meeting.get("quorum_met") != value:
        sql.update_meeting(store, meeting["id"], {"quorum_met": value})
