"""By-elections (补选): how long before the vote each list is published, where the province sets it.

- 选举法 (2020) 第五十七条第四款: "补选的具体办法，由省、自治区、直辖市的人民代表大会常务委员会规定" — the
  national law sets no lead times for a by-election.
- 北京市区、乡、民族乡、镇人民代表大会代表选举实施细则 第六十一条: "在投票选举日的十五日以前由补选机构公布选民
  名单、投票选举日期和地点"; 第六十三条: 代表候选人名单 "在投票选举日的五日以前" and the 正式代表候选人名单
  "在投票选举日的三日以前公布".
- 山东省县乡两级人民代表大会选举实施细则 第五十七条 and 上海 细则 set a procedure but no such days.

"N日以前" is read as in ``rdtool.rules.direct_elections.lead_time_warnings``: published on or before election day
minus N days.
"""

from __future__ import annotations

from datetime import date

__all__ = ["BY_ELECTION_LEAD_DAYS", "by_election_lead_time_warnings"]

_BJ = "北京市区、乡、民族乡、镇人民代表大会代表选举实施细则"
BY_ELECTION_LEAD_DAYS: dict[str, tuple[tuple[str, str, int, str], ...]] = {
    "beijing": (("registration_on", "选民名单", 15, _BJ + "第六十一条"),
                ("candidates_on", "代表候选人名单", 5, _BJ + "第六十三条"),
                ("final_list_on", "正式代表候选人名单", 3, _BJ + "第六十三条")),
}
"""Per province profile code: (date field, list, days, article)."""


def by_election_lead_time_warnings(province: str, election_day: date, published: dict[str, date | None]) -> list[str]:
    """Warnings (Chinese) for by-election lists published too late; ``[]`` where on time or no rule applies.

    北京市区、乡、民族乡、镇人民代表大会代表选举实施细则 第六十一条 (选民名单 15 days before), 第六十三条 (代表候选人
    名单 5 days, 正式代表候选人名单 3 days before). ``published`` maps ``registration_on``, ``candidates_on`` and
    ``final_list_on`` to the day each list was published (None: not recorded, not checked). Other provinces:
    none (选举法 第五十七条第四款 leaves the details to the province).
    """
    out = []
    for key, what, days, article in BY_ELECTION_LEAD_DAYS.get(province, ()):
        day = published.get(key)
        if day is None:
            continue
        gap = (election_day - day).days
        if gap < days:
            late = f"晚于投票日{election_day.isoformat()}" if gap < 0 else f"距投票日{election_day.isoformat()}仅{gap}天"
            out.append(f"补选的{what}于{day.isoformat()}公布，{late}；应在投票选举日的{days}日以前公布（{article}）")
    return out
