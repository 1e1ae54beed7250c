"""The report's Chinese prose, in the register of a township presidium's work report.

Every number is computed; a sentence whose figure is zero is left out rather
than printed with a zero.
"""

from __future__ import annotations

from datetime import date

from rdtool.labels import chinese_numeral
from rdtool.cells import percent
from rdtool.services.terms.periods import Period


def pct(x: float | None) -> str:
    return percent(x, trim=True)


def cn_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def _join(parts: list[str], sep: str = "，") -> str:
    return sep.join(p for p in parts if p)


def intro(period: Period, current_term: int | None) -> str:
    if period.kind == "term":
        return "本届以来" if period.term == current_term else f"{period.label}任期内"
    if period.kind == "annual":
        return period.label
    return f"{cn_date(period.date_from)}至{cn_date(period.date_to)}"


def meetings_paragraph(fig: dict, opening: str, town: str) -> str:
    p, c = fig["presidium"], fig["congress"]
    first = _join([
        f"召开主席团会议{p['meetings']}次" if p["meetings"] else "",
        f"研究决定重要事项{p['decisions']}项" if p["decisions"] else "",
        f"任免政府机关组成人员{p['appointments']}人次" if p["appointments"] else "",
    ])
    extra = f"（其中临时会议{c['extraordinary']}次）" if c["extraordinary"] else ""
    second = _join([
        f"召开人民代表大会会议{c['sessions']}次{extra}" if c["sessions"] else "",
        f"审议并决定重大事项{c['decisions']}项" if c["decisions"] else "",
        f"选举产生人大、政府组成人员{c['elected']}人次" if c["elected"] else "",
    ])
    body = _join([first, second], "；")
    if not body:
        return ""
    subject = f"{_short_town(town)}人大主席团" if town else "人大主席团"
    return f"{opening}，{subject}共{body}。"


def _short_town(town: str) -> str:
    # 三川镇 → 镇; the seed writes "镇人大主席团"
    return town[-1] if town and town[-1] in "镇乡" else town


def supervision_paragraph(report_topics: list[str], reports_heard: int, subjects: list[str], town: str) -> str:
    """Reports heard and reviewed (by subject, rdtool.services.activities.supervision) and projects inspected; in order of
    first date."""
    from rdtool.services.activities.supervision import sentence

    parts = []
    heard = sentence(report_topics, reports_heard, _short_town(town) or "镇") if report_topics else ""
    if heard:
        parts.append(heard)
    if subjects:
        shown = "、".join(subjects[:8]) + ("等" if len(subjects) > 8 else "")
        parts.append(f"组织代表对{shown}开展视察和调研，督促项目质量和进度")
    return (_join(parts, "；") + "。") if parts else ""


def _counts_sentence(deputies: dict, period: Period, day: str) -> str:
    """How many deputies the term has had, in words a county official reads right (issue 23): the mandates of the
    term elected by the day — those by-elected to fill a vacancy included and named — and, when some have left,
    "先后共有" with how many are in office on the day, so that 46 for 45 seats is never read as 46 seats."""
    parts, left = [], False
    for level, zh in (("township", "镇"), ("county", "县")):
        total, active, by = deputies[level], deputies[f"active_{level}"], deputies.get(f"{level}_by_elected") or 0
        if not total:
            continue
        part = f"{zh}人大代表{total}名" + (f"（其中补选{by}名）" if by else "")
        if active != total:
            left = True
            part += f"，{day}在任{active}名（离任{total - active}名）" if active else f"，{day}均已离任"
        parts.append(part)
    head = f"第{chinese_numeral(period.term)}届" if period.term is not None else ""
    return head + ("先后共有" if left else "共有") + "；".join(parts)


def deputies_paragraph(fig: dict, period: Period, targets: dict, counts: dict | None = None) -> str:
    """The deputies: how many, the shares of those in office (each over its base), the targets."""
    d = fig["deputies"]
    counts = counts or {}
    if not (d["township"] or d["county"]):
        return ""
    text = _counts_sentence(d, period, cn_date(min(period.date_to, fig["as_of"])))
    minority = ""
    if counts.get("minority"):
        unknown = d["active_township"] - counts["ethnicity_known"]
        minority = (f"少数民族代表{counts['minority']}名，占{pct(d['minority_share'])}"
                    + (f"（不含民族未填的{unknown}名）" if unknown else ""))
    shares = _join([
        f"中共党员（含预备党员）占{pct(d['party_share'])}" if d["party_share"] is not None else "",
        f"妇女代表占{pct(d['women_share'])}" if d["women_share"] is not None else "",
        minority,
        f"连任代表占{pct(d['re_elected_share'])}" if d["re_elected_share"] is not None else "",
    ])
    if shares:
        text += f"。在任镇人大代表中，{shares}"
    if d["presidium_members"]:
        text += f"；主席团成员{d['presidium_members']}名，其中党员占{pct(d['presidium_party_share'])}"
    met = [zh for key, (zh, ok) in targets.items() if ok is True]
    missed = [zh for key, (zh, ok) in targets.items() if ok is False]
    if met:
        text += f"，{'、'.join(met)}的要求均已达到"
    if missed:
        text += f"，{'、'.join(missed)}的要求尚未达到"
    return text + "。"


def proposals_paragraph(fig: dict, counts: dict | None = None) -> str:
    """Motions (件) and their disposition by the presidium; the suggestions handled by units (条), every rate
    with its base named (docs/figures.md)."""
    p = fig["proposals"]
    c = counts or {}
    if not p["received"]:
        return ""
    kinds = _join([f"议案{p['motions']}件" if p["motions"] else "",
                   f"建议、批评和意见{p['suggestions']}条" if p["suggestions"] else ""], "、")
    sentences = [f"共收到代表{kinds}"]
    if p["motions"]:
        decided = _join([
            f"列入大会议程{p['motions_on_agenda']}件" if p["motions_on_agenda"] else "",
            f"不列入大会议程{c['motions_not_on_agenda']}件" if c.get("motions_not_on_agenda") else "",
            f"作为建议、批评和意见交有关单位办理{p['motions_as_suggestions']}件" if p["motions_as_suggestions"] else "",
        ])
        waiting = p["motions"] - p["motions_on_agenda"] - p["motions_as_suggestions"] - c.get("motions_not_on_agenda", 0)
        decided = _join([decided, f"尚待主席团决定{waiting}件" if waiting else ""])
        sentences.append(f"议案由主席团决定是否列入大会议程，其中{decided}")
    handled = p["suggestions"] + p["motions_as_suggestions"]
    if handled:
        base = f"交有关单位办理的建议、批评和意见{handled}条" + (
            f"（含议案{p['motions_as_suggestions']}件）" if p["motions_as_suggestions"] else "")
        text = base
        if p["replied"]:
            rates = [f"已答复{p['replied']}条，答复率{pct(p['reply_rate'])}"]
            if p["on_time_rate"] is not None and "on_time" in c:
                rates.append(f"按期答复率{pct(p['on_time_rate'])}（已答复和超过期限未答复的"
                             f"{c.get('replied_entered', c['replied']) + c['late_unanswered']}条中，"
                             f"按期答复{c['on_time']}条）")
            if p["implementation_rate"] is not None:  # (逐条录入的: the opening totals have no 办理结果)
                rates.append(f"已答复的{c.get('replied_entered', p['replied'])}条中，已解决和正在解决的占"
                             f"{pct(p['implementation_rate'])}")
            if p["satisfaction_rate"] is not None and "with_feedback" in c:
                rates.append(f"代表反馈意见的{c['with_feedback']}条中，满意和基本满意的占{pct(p['satisfaction_rate'])}")
            text += "，" + "；".join(rates)
        if p["overdue"]:  # (a re-handling past its deadline too: every one answered once is not 事事有回音)
            text += f"；尚有{p['overdue']}条超过办理期限未答复，需要督办"
        elif p["replied"] == handled:
            text += "，做到件件有答复、事事有回音"
        sentences.append(text)
    return "。".join(sentences) + "。"


def carried_paragraph(fig: dict) -> str:
    """What the figures above include from the paper records before rdtool (录入前结转, issue 23)."""
    from rdtool.labels import chinese_date

    c = fig.get("carried_over")
    if not c:
        return ""
    parts = _join([
        f"主席团会议{c['presidium_meetings']}次" if c["presidium_meetings"] else "",
        f"人民代表大会会议{c['congress_sessions']}次" if c["congress_sessions"] else "",
        f"研究决定重要事项{c['decisions']}项" if c["decisions"] else "",
        f"任免{c['appointments']}人次" if c["appointments"] else "",
        f"代表建议{c['suggestions']}条（已答复{c['replied']}条，代表反馈意见{c['with_feedback']}条，"
        f"其中满意和基本满意{c['satisfied']}条）" if c["suggestions"] else "",
        f"代表活动{c['activities']}次" if c["activities"] else "",
        f"学习培训{c['training']}次" if c["training"] else "",
    ])
    return (f"本报告的统计含{chinese_date(c['until'])}以前纸面记录的合计（录入前结转）：{parts}；按期答复率和"
            "解决落实率只按逐条录入的建议计算。") if parts else ""


def activities_paragraph(fig: dict) -> str:
    a = fig["activities"]
    parts = _join([
        f"组织代表学习培训{a['training']}次" if a["training"] else "",
        f"开展镇人大代表活动{a['township']}次" if a["township"] else "",
        f"县人大代表活动{a['county']}次" if a["county"] else "",
    ], "，").replace("次，县人大代表", "次、县人大代表")
    return f"{parts}。" if parts else ""
