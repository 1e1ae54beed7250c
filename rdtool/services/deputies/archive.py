"""The deputy's performance archive (代表履职档案), the points ranking (履职积分) and the flags to act on.

A record belongs to the period by its date: meetings by the meeting date, proposals by the
date submitted, activities by their date. The period is a calendar year, a term, or (for one
deputy's archive, by default) the deputy's own term.

Unexcused absence (未经请假缺席) is an attendance entry `absent`; `leave` is excused. 代表法
(2025) 第六十二条第三项: two unexcused absences from congress sessions end the mandate
(rdtool.rules.deputies.mandate_ends_for_absence), which the flags point out.
"""

from __future__ import annotations

import json

from rdtool.dates import today
from rdtool.labels import label
from rdtool.rules.deputies import mandate_ends_for_absence
from rdtool.store import suspensions as suspensions_sql
from rdtool.services.terms.periods import period_from_options
from rdtool.settings import POINTS_DEFAULTS
from rdtool.store import archive as sql
from rdtool.store import settings as settings_sql
from rdtool.store.db import Store

TRAINING_KINDS = ("training", "study")
MEETING_KINDS = ("congress", "presidium", "other")
STATUSES = ("present", "leave", "absent")

POINT_ITEMS = [  # (scheme key, count key, Chinese label, sign)
    ("congress_present", "congress_present", "出席人代会", 1),
    ("presidium_present", "presidium_present", "出席主席团会议", 1),
    ("proposal_lead", "proposal_lead", "领衔议案、建议", 1),
    ("proposal_cosign", "proposal_cosign", "附议议案、建议", 1),
    ("activity", "activities", "参加代表活动", 1),
    ("training", "training", "参加学习培训", 1),
    ("absent_deduct", "absent", "未请假缺席（扣分）", -1),
]


def points_scheme(store: Store) -> dict:
    """The scheme in settings (JSON text), with defaults for keys it lacks."""
    raw = settings_sql.get(store, "points_scheme")
    stored = json.loads(raw) if isinstance(raw, str) else (raw or {})
    return {**POINTS_DEFAULTS, **{k: v for k, v in stored.items() if k in POINTS_DEFAULTS}}


def period(store: Store, year: int | None = None, term: int | None = None, default_term: int | None = None,
           as_of: str | None = None) -> dict:
    """{from, to, year, term, label} for --year, --term, or the default term (rdtool.services.terms.periods rules)."""
    per = period_from_options(store, year, term, as_of=as_of or today(), default_term=default_term)
    return {"from": per.date_from, "to": per.date_to, "year": per.year,
            "term": per.term if per.kind == "term" else None, "label": per.span_label()}


def _empty_counts() -> dict:
    counts = {f"{k}_{s}": 0 for k in MEETING_KINDS for s in STATUSES}
    counts.update({"absent": 0, "proposal_lead": 0, "proposal_cosign": 0, "activities": 0, "training": 0,
                   "activities_total": 0, "by_kind": {}})
    return counts


def tally(store: Store, date_from: str, date_to: str, deputy_id: int | None = None) -> dict[int, dict]:
    """deputy id -> counts of attendance, proposals and activities in the range."""
    out: dict[int, dict] = {}

    def of(d: int) -> dict:
        if d not in out:
            out[d] = _empty_counts()
        return out[d]

    for r in sql.attendance_counts(store, date_from, date_to, deputy_id):
        c = of(r["deputy_id"])
        key = f"{r['kind'] if r['kind'] in MEETING_KINDS else 'other'}_{r['status']}"
        c[key] = c.get(key, 0) + r["n"]
        if r["status"] == "absent":
            c["absent"] += r["n"]
    for r in sql.proposal_counts(store, date_from, date_to, deputy_id):
        of(r["deputy_id"])["proposal_" + r["role"]] += r["n"]
    for r in sql.activity_counts(store, date_from, date_to, deputy_id):
        c = of(r["deputy_id"])
        c["by_kind"][r["kind"]] = c["by_kind"].get(r["kind"], 0) + r["n"]
        c["activities_total"] += r["n"]
        c["training" if r["kind"] in TRAINING_KINDS else "activities"] += r["n"]
    return out


def _summed(parts: list[dict]) -> dict:
    """The counts of a person's mandates added up (one person, a township and a county deputy)."""
    total = _empty_counts()
    for c in parts:
        for k, v in c.items():
            if k == "by_kind":
                for kind, n in v.items():
                    total["by_kind"][kind] = total["by_kind"].get(kind, 0) + n
            else:
                total[k] = total.get(k, 0) + v
    return total


def by_person(counts: dict[int, dict], people: list[dict]) -> dict[int, dict]:
    """person id -> the counts of all their mandates among `people` (rows with id and person_id)."""
    mandates: dict[int, list[int]] = {}
    for p in people:
        mandates.setdefault(p.get("person_id") or p["id"], []).append(p["id"])
    return {person: _summed([counts[i] for i in ids if i in counts]) for person, ids in mandates.items()}


def score(counts: dict, scheme: dict) -> tuple[float, list[dict]]:
    """(total points, the parts) for one deputy's counts under a scheme."""
    parts = []
    total = 0
    for key, count_key, zh, sign in POINT_ITEMS:
        n = counts.get(count_key, 0)
        each = scheme.get(key, 0)
        pts = sign * n * each
        total += pts
        parts.append({"item": key, "label": zh, "count": n, "each": each, "points": pts})
    return _num(total), parts


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 2)


def _presidium_uncalled(store: Store, who: dict, date_from: str, date_to: str) -> list[dict]:
    """Presidium meetings in the period without a roll call (a bare count) at which the deputy was a member."""
    from rdtool.store import deputies as deputies_sql

    return [m for m in sql.uncalled_presidium(store, who["term"], date_from, date_to)
            if any(r["id"] == who["id"] for r in deputies_sql.presidium_on(store, who["term"], m["date"]))]


def _meeting_block(counts: dict, kind: str) -> dict:
    block = {s: counts[f"{kind}_{s}"] for s in STATUSES}
    block["meetings"] = sum(block.values())
    return block


def archive(store: Store, ref: str, year: int | None = None, term: int | None = None) -> dict:
    """One deputy's performance archive for a year, a term, or (default) the deputy's term."""
    from rdtool.services.deputies import deputies as deputies_svc
    from rdtool.store import deputies as deputies_sql

    who = deputies_svc.resolve(store, ref, term)
    per = period(store, year, term, default_term=who["term"])
    day = min(per["to"], today())
    full = deputies_sql.get(store, who["id"], day) or who
    # the person's archive: every mandate of theirs in the term (a township and a county deputy at once); the
    # period is the term of the mandate named, or the year (docs/figures.md “One person, two mandates”)
    mine = [m for m in deputies_sql.mandates_of(store, who["person_id"] or who["id"])
            if not m["voided_at"] and (m["term"] == who["term"] or year is not None)]
    counts = _summed([tally(store, per["from"], per["to"], m["id"]).get(m["id"], _empty_counts()) for m in mine])
    scheme = points_scheme(store)
    total, parts = score(counts, scheme)
    proposals, activities, meetings = [], [], []
    for m in mine:
        proposals += sql.proposal_detail(store, m["id"], per["from"], per["to"])
        activities += sql.activity_detail(store, m["id"], per["from"], per["to"])
        meetings += sql.attendance_detail(store, m["id"], per["from"], per["to"])
    proposals.sort(key=lambda p: (p["submitted_on"] or "", p["code"] or ""))
    activities.sort(key=lambda a: (a["date"], a["code"]))
    by_result: dict[str, int] = {}
    for p in proposals:
        if p["role"] == "lead" and p["result"]:
            by_result[p["result"]] = by_result.get(p["result"], 0) + 1
    congress = {**_meeting_block(counts, "congress"), "unrecorded": 0}
    township = [m for m in mine if m["level"] == "township"]
    if township:
        # every session during the deputy's tenure is one they were due at; one without a roll call is 未记录
        due = [r for m in township for r in sql.congress_due(store, m["id"], per["from"], per["to"])]
        congress = {s: sum(r["status"] == s for r in due) for s in STATUSES}
        congress.update(meetings=len(due), unrecorded=sum(r["status"] is None for r in due))
        meetings = sorted(meetings + [{**r, "status": "unrecorded"} for r in due if r["status"] is None],
                          key=lambda r: (r["date"], r["code"]))
    # a presidium meeting recorded with a bare count (`meeting roll --count`) was due for every member that day: it
    # is 应出席 and 未记录, as a congress session without a roll call is (issue 23)
    presidium = {**_meeting_block(counts, "presidium"), "unrecorded": 0}
    for m in (m for mandate in mine for m in _presidium_uncalled(store, mandate, per["from"], per["to"])):
        presidium["meetings"] += 1
        presidium["unrecorded"] += 1
        meetings.append({**m, "status": "unrecorded"})
    meetings.sort(key=lambda r: (r["date"], r["code"]))
    meetings = [{**m, "extraordinary": bool(m["extraordinary"])} for m in meetings]  # (a JSON boolean)
    data = {
        "deputy": {"id": who["id"], "name": who["name"], "gender": full.get("gender"), "level": who["level"],
                   "term": who["term"], "constituency": who.get("constituency"),
                   "workplace": full.get("workplace"), "party": full.get("party"),
                   "presidium_role": full.get("presidium_role"), "status": who["status"],
                   "status_date": who.get("status_date"),
                   "mandates": [{"id": m["id"], "level": m["level"], "term": m["term"], "status": m["status"]}
                                for m in mine]},
        "period": {k: per[k] for k in ("from", "to", "year", "term", "label")},
        "congress": congress,
        "presidium": presidium,
        "other_meetings": _meeting_block(counts, "other"),
        "unexcused_absences": counts["absent"],
        "proposals": {"led": counts["proposal_lead"], "cosigned": counts["proposal_cosign"],
                      "motions_led": sum(1 for p in proposals if p["role"] == "lead" and p["kind"] == "motion"),
                      "suggestions_led": sum(1 for p in proposals if p["role"] == "lead" and p["kind"] == "suggestion"),
                      "led_by_result": by_result,
                      "items": proposals},
        "activities": {"total": counts["activities_total"], "activities": counts["activities"],
                       "training": counts["training"], "by_kind": counts["by_kind"], "items": activities},
        "meetings": meetings,
        "points": {"total": total, "parts": parts, "scheme": scheme},
    }
    data["summary"] = summary_text(data)
    return data


def summary_text(archive: dict, period_label: str | None = None) -> str:
    """One paragraph for reporting back to the constituency (向原选区选民通报); `period_label` names the period as
    the printed page does (年月日), else its label."""
    d, c, p, act = archive["deputy"], archive["congress"], archive["proposals"], archive["activities"]
    levels = "、".join(label("level", m["level"]) for m in d.get("mandates") or [])
    both = f"（{levels}）" if len(d.get("mandates") or []) > 1 else ""
    parts = [f"{period_label or archive['period']['label']}，{d['name']}代表{both}"]
    if c["meetings"]:
        parts.append(f"出席镇人民代表大会会议{c['present']}次（应出席{c['meetings']}次，请假{c['leave']}次，"
                     f"缺席{c['absent']}次" + (f"，未记录{c['unrecorded']}次" if c["unrecorded"] else "") + "）")
    pr = archive["presidium"]
    if pr["meetings"]:
        parts.append(f"出席主席团会议{pr['present']}次（应出席{pr['meetings']}次"
                     + (f"，未记录{pr['unrecorded']}次" if pr.get("unrecorded") else "") + "）")
    parts.append(f"领衔提出议案、建议{p['led']}件，附议{p['cosigned']}件")
    parts.append(f"参加代表活动{act['activities']}次、学习培训{act['training']}次")
    parts.append(f"履职积分{archive['points']['total']}分")
    return "，".join(parts) + "。"


def scores(store: Store, year: int | None = None, term: int | None = None, level: str | None = None) -> dict:
    """The points of every deputy serving in the period, ranked (ties share a rank: 1, 1, 3)."""
    from rdtool import collation

    per = period(store, year, term)
    scheme = points_scheme(store)
    people = sql.deputies_serving(store, per["from"], per["to"], term)
    if level is not None:
        people = [p for p in people if p["level"] == level]
    # a person with two mandates: their whole record on each, and listed once when no level is asked for
    counts = by_person(tally(store, per["from"], per["to"]), sql.deputies_serving(store, per["from"], per["to"], term))
    seen: set[int] = set()
    rows = []
    for p in people:
        if p["person_id"] in seen:
            continue
        seen.add(p["person_id"])
        c = counts.get(p["person_id"], _empty_counts())
        total, _ = score(c, scheme)
        rows.append({"deputy_id": p["id"], "name": p["name"], "level": p["level"], "term": p["term"],
                     "congress_present": c["congress_present"], "presidium_present": c["presidium_present"],
                     "leave": sum(c[f"{k}_leave"] for k in MEETING_KINDS), "absent": c["absent"],
                     "proposal_lead": c["proposal_lead"], "proposal_cosign": c["proposal_cosign"],
                     "activities": c["activities"], "training": c["training"], "points": total})
    rows = collation.sort_names(rows, key=lambda r: r["name"])
    rows.sort(key=lambda r: -r["points"])
    rank, previous = 0, None
    for i, r in enumerate(rows, 1):
        if r["points"] != previous:
            rank, previous = i, r["points"]
        r["rank"] = rank
    return {"period": per, "scheme": scheme, "rows": rows}


FLAG_ZH = {"no_activity": "全年未参加代表活动", "unexcused_absence": "未经请假缺席会议",
           "missed_county_activities": "县人大代表未参加县代表活动"}


def flags(store: Store, year: int, as_of: str | None = None) -> list[dict]:
    """What the secretary acts on for a year: no activity, unexcused absence, county deputies missing county activities.

    Judged for deputies in office on the year's last day (or `as_of`, default today, if earlier).
    """
    from rdtool import collation

    per = period(store, year)
    day = min(per["to"], as_of or today())
    people = [p for p in sql.deputies_serving(store, per["from"], day)
              if p["status"] == "active" or (p["status_date"] or "") > day]
    counts = tally(store, per["from"], day)
    county_acts = sql.county_activities(store, per["from"], day)
    by_term: dict[int, dict[int, int]] = {}

    def term_absences(number: int) -> dict[int, int]:
        """deputy id -> unexcused absences from congress sessions since the term began (代表法 art. 62)."""
        if number not in by_term:
            row = settings_sql.term(store, number)
            # absences while his duties were suspended are the law's, not 未经批准 (rdtool.rules.suspensions)
            barred = suspensions_sql.absences_while_suspended(store, row["start_date"], day)
            by_term[number] = {d: c["congress_absent"] - barred.get(d, 0)
                               for d, c in tally(store, row["start_date"], day).items()}
        return by_term[number]

    took_part: dict[int, int] = {}  # person -> activities of any of their mandates (one person, two mandates)
    for p in people:
        took_part[p["person_id"]] = took_part.get(p["person_id"], 0) + \
            counts.get(p["id"], _empty_counts())["activities_total"]
    out = []
    for p in collation.sort_names(people, key=lambda r: r["name"]):
        c = counts.get(p["id"], _empty_counts())
        base = {"deputy_id": p["id"], "name": p["name"], "level": p["level"], "term": p["term"]}
        if took_part[p["person_id"]] == 0:
            out.append({**base, "flag": "no_activity", "count": 0,
                        "detail": f"{year}年未参加任何代表活动或学习培训"})
        if c["absent"]:
            detail = (f"{year}年未经请假缺席{c['absent']}次（人代会{c['congress_absent']}次、"
                      f"主席团会议{c['presidium_absent']}次）")
            in_term = term_absences(p["term"])
            if mandate_ends_for_absence(in_term.get(p["id"], 0)):
                detail += (f"；本届累计未经批准不出席人代会{in_term[p['id']]}次，"
                           "依代表法第六十二条第三项代表资格终止，请核实")
            out.append({**base, "flag": "unexcused_absence", "count": c["absent"], "detail": detail})
        if p["level"] == "county" and county_acts:
            due = [a for a in county_acts if a["date"] <= day]
            missed = [a for a in due if p["person_id"] not in a["persons"]]
            if missed:
                out.append({**base, "flag": "missed_county_activities", "count": len(missed),
                            "detail": f"{len(due)}次县代表活动缺{len(missed)}次："
                                      + "、".join(f"{a['code']} {a['title']}" for a in missed)})
    for f in out:
        f["flag_zh"] = FLAG_ZH[f["flag"]]
        f["level_zh"] = label("level", f["level"])
    order = list(FLAG_ZH)
    out.sort(key=lambda f: order.index(f["flag"]))
    return out


def figures(archive: dict) -> list[dict]:
    """The archive's headline figures as (item, value) rows."""
    c, pr, p, act = archive["congress"], archive["presidium"], archive["proposals"], archive["activities"]
    rows = [
        ("人代会：应出席", c["meetings"]), ("人代会：出席", c["present"]), ("人代会：请假", c["leave"]),
        ("人代会：缺席", c["absent"]),
    ]
    if c["unrecorded"]:
        rows.append(("人代会：未记录（未点名）", c["unrecorded"]))
    if pr["meetings"] or archive["deputy"].get("presidium_role"):
        rows += [("主席团会议：应出席", pr["meetings"]), ("主席团会议：出席", pr["present"]),
                 ("主席团会议：请假", pr["leave"]), ("主席团会议：缺席", pr["absent"])]
        if pr.get("unrecorded"):
            rows.append(("主席团会议：未记录（只记出席人数）", pr["unrecorded"]))
    rows += [("领衔议案、建议（件）", p["led"]), ("附议议案、建议（件）", p["cosigned"])]
    for code in ("A", "B", "C", "D"):
        if p["led_by_result"].get(code):
            rows.append((f"领衔件办理结果：{label('proposal_result', code)}", p["led_by_result"][code]))
    rows += [("参加代表活动（次）", act["activities"]), ("参加学习培训（次）", act["training"])]
    for kind, n in sorted(act["by_kind"].items()):
        rows.append((f"  其中{label('activity_kind', kind)}", n))
    rows.append(("履职积分", archive["points"]["total"]))
    return [{"item": k, "value": v} for k, v in rows]


def title_of(archive: dict) -> str:
    d = archive["deputy"]
    return f"代表履职档案：{d['name']}（ID {d['id']}）· {archive['period']['label']}"
