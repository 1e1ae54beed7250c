"""How a deputy's mandate ends, as the law has it: the resignation and the vote that accepted it, the recall,
and the announcement (``rdtool deputy end``, ``rdtool deputy announce``).

The status, its date and reason stay on the deputy (``rdtool.services.deputies.records.end``); the procedure is one
``mandate_ends`` row beside it. Every figure is judged by ``rdtool.rules.mandates``:

- resignation of a township deputy: written, to the township congress, accepted by more than half of all
  deputies — the congress vote recorded with ``rdtool vote add`` (选举法 第五十五条第二款); a county deputy
  resigns to the county standing committee, which rdtool does not record;
- recall: 30 (county: 50) or more of the constituency's voters ask (第五十条), more than half of all its
  voters vote for it (第五十三条);
- a chair or vice-chair whose mandate ends leaves the post (presidium roles end with the mandate), announced
  by the presidium (第五十四条第二款、第五十六条第二款);
- the end of a township deputy's mandate is announced by the congress (代表法 2025 第六十三条第二款).
"""

from __future__ import annotations

from rdtool.errors import RdtoolError, ValidationError
from rdtool.labels import label
from rdtool.rules import mandates as law
from rdtool.services.deputies import deputies as deputies_svc
from rdtool.store import deputies as deputies_sql
from rdtool.store import mandates as sql
from rdtool.store import meetings as meetings_sql
from rdtool.store.db import Store

POST_ROLES = {"chair": "主席", "vice_chair": "副主席"}


def _accepting_vote(store: Store, ref: str) -> tuple[dict, dict]:
    from rdtool.services.meetings import votes

    item = votes.get(store, ref)
    return item, meetings_sql.meeting_by_id(store, item["meeting_id"])


def _check(store: Store, deputy: dict, status: str, on: str | None, procedure: dict) -> tuple[str, dict | None]:
    """The end date and the accepting item after checking the procedure; raises ValidationError when wrong."""
    resign = {k: procedure[k] for k in ("letter_on", "accepted_by") if procedure.get(k) is not None}
    recall = {k: procedure[k] for k in ("petitioners", "voters", "recall_yes") if procedure.get(k) is not None}
    if resign and status != "resigned":
        raise ValidationError("--letter-on、--accepted-by 只用于辞职（--status 辞职）")
    if recall and status != "recalled":
        raise ValidationError("--petitioners、--voters、--recall-votes 只用于罢免（--status 罢免）")
    item = None
    if procedure.get("accepted_by"):
        if deputy["level"] != "township":
            raise ValidationError(f"{deputy['name']}是县人大代表，辞职由县人大常委会接受，不在本级人代会表决"
                                  f"（{law.ART_RESIGN}）", "不写 --accepted-by")
        item, m = _accepting_vote(store, procedure["accepted_by"])
        problem = law.congress_decision_problem(m["kind"], item["result"], "接受辞职", law.ART_RESIGN)
        if problem:
            raise ValidationError(f"{m['code']}#{item['seq']}“{item['title']}”：{problem}")
        last = m["end_date"] or m["date"]
        on = on or m["date"]
        if not m["date"] <= on <= last:
            raise ValidationError(f"离任日期 {on} 不在接受辞职的会议 {m['code']}（{m['date']}"
                                  + (f" 至 {last}" if last != m["date"] else "") + "）期间",
                                  "辞职自人民代表大会接受之日起终止代表资格；不写 --date 即取会议日期")
        if procedure.get("letter_on") and procedure["letter_on"] > m["date"]:
            raise ValidationError(f"书面提出辞职的日期 {procedure['letter_on']} 晚于接受辞职的会议 {m['code']}（{m['date']}）")
    if on is None:
        raise ValidationError("请用 --date 写明离任日期（辞职可改用 --accepted-by 写明接受辞职的表决，日期取会议日期）")
    if procedure.get("letter_on") and procedure["letter_on"] > on:
        raise ValidationError(f"书面提出辞职的日期 {procedure['letter_on']} 晚于离任日期 {on}")
    if recall:
        if procedure.get("petitioners") is not None:
            problem = law.recall_petition_problem(procedure["petitioners"], deputy["level"])
            if problem:
                raise ValidationError(problem)
        if (procedure.get("voters") is None) != (procedure.get("recall_yes") is None):
            raise ValidationError("罢免的表决请同时写明原选区选民总数（--voters）和同意罢免的票数（--recall-votes）")
        if procedure.get("voters") is not None:
            try:
                problem = law.recall_vote_problem(procedure["recall_yes"], procedure["voters"])
            except law.ImpossibleCounts as exc:
                raise ValidationError(f"罢免的票数不可能成立：{exc}") from None
            if problem:
                raise ValidationError(problem, "罢免未通过的，代表继续任职，不要录入离任")
    for key in ("announced_on", "post_announced_on"):
        problem = law.announcement_problem(on, procedure.get(key))
        if problem:
            raise ValidationError(problem)
    return on, item


def _role_on(store: Store, deputy_id: int, day: str) -> str | None:
    row = deputies_sql.get(store, deputy_id, day)
    return row["presidium_role"] if row else None


def end(store: Store, ref: str, status: str, on: str | None, reason: str | None, term: int | None = None,
        **procedure) -> dict:
    """End a mandate with its procedure (see the module docstring); returns the deputy, the post ended, notes.

    ``procedure``: ``letter_on``, ``accepted_by`` (an item, e.g. ``C5-5#4``), ``petitioners``, ``voters``,
    ``recall_yes``, ``announced_on``, ``post_announced_on``, ``notes``.
    """
    from rdtool.services.kernel import corrections
    from rdtool.services.deputies import records as deputy_records

    d = deputies_svc.resolve(store, ref, term)
    with corrections.write(store, reason, subject=("deputies", d["id"]), verb="已登记离任") as report:
        on, item = _check(store, d, status, on, procedure)
        role = _role_on(store, d["id"], on) if d["status"] == "active" else None
        if procedure.get("post_announced_on") and role not in POST_ROLES:
            raise ValidationError(f"{d['name']}在 {on} 不是主席、副主席，没有职务终止的公告"
                                  f"（选举法第五十四条第二款、第五十六条第二款）")
        row = deputy_records.end(store, str(d["id"]), status, on, reason)
        values = {k: procedure.get(k) for k in ("letter_on", "petitioners", "voters", "recall_yes", "announced_on",
                                                "post_announced_on", "notes")}
        values["item_id"] = item["id"] if item else None
        if any(v is not None for v in values.values()):
            sql.insert_mandate_end(store, {"deputy_id": d["id"], **values})
    return {"deputy": row, "date": on, "post": POST_ROLES.get(role), "notes": notes_for(d, status, role, values),
            "report": report}


def notes_for(deputy: dict, status: str, role: str | None, values: dict) -> list[str]:
    """What the law still asks for after this end (shown by the CLI; the same findings as `db check`)."""
    out = []
    if deputy["level"] != "township":
        return out
    if status == "resigned" and values.get("item_id") is None:
        out.append(f"接受辞职须经人民代表大会过半数的代表通过（{law.ART_RESIGN}）；可用 --accepted-by 写明那次表决")
    if role in POST_ROLES and not values.get("post_announced_on"):
        out.append(f"{deputy['name']}的{POST_ROLES[role]}职务相应终止，由主席团予以公告（选举法第五十四条第二款、第五十六条"
                   f"第二款）；公告后用 rdtool deputy announce {deputy['name']} --post --date 日期 记录")
    if not values.get("announced_on"):
        out.append(f"代表资格的终止由本级人民代表大会予以公告（{law.ART_ANNOUNCE}）；公告后用 rdtool deputy announce "
                   f"{deputy['name']} --date 日期 记录")
    return out


def announce(store: Store, ref: str, on: str, post: bool = False, term: int | None = None) -> dict:
    """Record the announcement of a mandate's end (代表法 art. 63¶2) or, with ``post``, of the post's end."""
    d = deputies_svc.resolve(store, ref, term)
    if d["status"] == "active":
        raise RdtoolError(f"{d['name']}（ID {d['id']}）仍在任，没有代表资格终止可以公告", "先用 rdtool deputy end 录入离任")
    if d["level"] != "township":
        raise ValidationError(f"{d['name']}是县人大代表，代表资格的终止由县人大常委会公告（代表法第六十三条第一款）")
    problem = law.announcement_problem(d["status_date"], on)
    if problem:
        raise ValidationError(problem)
    key = "post_announced_on" if post else "announced_on"
    with store.transaction():
        if post and not any(r["id"] == d["id"] and r["ended_role"] for r in sql.ended_deputies(store)):
            raise ValidationError(f"{d['name']}离任时不是主席、副主席，没有职务终止的公告")
        current = sql.mandate_end(store, d["id"])
        if current is None:
            sql.insert_mandate_end(store, {"deputy_id": d["id"], key: on})
        else:
            sql.update_mandate_end(store, current["id"], {key: on})
    return {"deputy": d, "date": on, "post": post}


def checks(store: Store, as_of: str, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """Township mandates ended without the acceptance, the announcement or the post's announcement on record,
    and recorded acceptances or recalls that no longer stand."""
    findings = []
    for r in sql.ended_deputies(store):
        day = r["status_date"]
        if r["level"] != "township" or not day or day > as_of or (date_from and day < date_from) or (
                date_to and day > date_to):
            continue
        who = f"{r['name']}（ID {r['id']}，{day}{label('deputy_status', r['status'])}）"

        def add(check: str, message: str, severity: str = "warning") -> None:
            findings.append({"check": check, "severity": severity, "table": "mandate_ends", "record": str(r["id"]),
                             "message": f"{who}{message}"})

        if r["item_id"] is not None:
            problem = law.congress_decision_problem(r["meeting_kind"], r["item_result"], "接受辞职", law.ART_RESIGN)
            if problem:
                add("mandate_acceptance_invalid", f"：{r['meeting_code']}#{r['item_seq']}{problem}", "error")
        elif r["status"] == "resigned":
            add("mandate_resignation_unaccepted", f"：没有记录接受辞职的人代会表决（{law.ART_RESIGN}：须经人民代表大会"
                                                  "过半数的代表通过）")
        if r["voters"] is not None and r["recall_yes"] is not None:
            problem = law.recall_vote_problem(min(r["recall_yes"], r["voters"]), r["voters"])
            if problem:
                add("mandate_recall_invalid", f"：{problem}", "error")
        if r["ended_role"] and not r["post_announced_on"]:
            add("post_end_unannounced", f"：{POST_ROLES[r['ended_role']]}职务相应终止，尚未记录主席团的公告"
                                        "（选举法第五十四条第二款、第五十六条第二款）")
        if not r["announced_on"]:
            add("mandate_end_unannounced", f"：代表资格的终止尚未记录本级人民代表大会的公告（{law.ART_ANNOUNCE}）")
    return findings
