"""Appeals against the published voter list (选民名单申诉), 选举法 (2020) 第二十九条.

"对于公布的选民名单有不同意见的，可以在选民名单公布之日起五日内向选举委员会提出申诉。选举委员会对申诉意见，应在三日内
作出处理决定。申诉人如果对处理决定不服，可以在选举日的五日以前向人民法院起诉，人民法院应在选举日以前作出判决。"

Periods in days are counted as 民法典 第二百零一条 counts them: the day of publication (or of filing) is not
counted, so five days from a list published on 10-26 end on 10-31. "选举日的五日以前" is read as in
``rdtool.rules.direct_elections.lead_time_warnings``: on or before election day minus five days.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["APPEAL_DAYS", "DECISION_DAYS", "COURT_DAYS", "voter_list_appeal_problems"]

APPEAL_DAYS = 5
"""选举法 第二十九条: 在选民名单公布之日起五日内 (to the election committee)."""
DECISION_DAYS = 3
"""选举法 第二十九条: 选举委员会…应在三日内作出处理决定."""
COURT_DAYS = 5
"""选举法 第二十九条: 在选举日的五日以前向人民法院起诉."""
ART = "选举法第二十九条"


def voter_list_appeal_problems(published: date | None, filed: date, decided: date | None, court_filed: date | None,
                               court_decided: date | None, election_day: date) -> list[str]:
    """What in an appeal's dates falls outside 选举法 第二十九条 (Chinese, one line each); ``[]`` when all is in time.

    - filed within five days of the list's publication (``published``; None: not recorded, not judged), and not
      before it;
    - the election committee's decision within three days of the filing;
    - a suit (``court_filed``) on or before election day minus five days, after the decision;
    - the court's judgment (``court_decided``) before election day.
    """
    out = []
    if published is not None:
        if filed < published:
            out.append(f"申诉日期{filed.isoformat()}早于选民名单公布日期{published.isoformat()}")
        elif filed > published + timedelta(days=APPEAL_DAYS):
            out.append(f"选民名单于{published.isoformat()}公布，申诉于{filed.isoformat()}提出，超过公布之日起五日（{ART}）")
    if decided is not None:
        if decided < filed:
            out.append(f"处理决定日期{decided.isoformat()}早于申诉日期{filed.isoformat()}")
        elif decided > filed + timedelta(days=DECISION_DAYS):
            out.append(f"选举委员会于{decided.isoformat()}作出处理决定，超过申诉（{filed.isoformat()}）之日起三日（{ART}）")
    if court_filed is not None:
        if decided is not None and court_filed < decided:
            out.append(f"起诉日期{court_filed.isoformat()}早于处理决定日期{decided.isoformat()}")
        if (election_day - court_filed).days < COURT_DAYS:
            out.append(f"向人民法院起诉于{court_filed.isoformat()}，应在选举日（{election_day.isoformat()}）的五日以前（{ART}）")
    if court_decided is not None and court_decided >= election_day:
        out.append(f"人民法院判决于{court_decided.isoformat()}，应在选举日（{election_day.isoformat()}）以前作出（{ART}）")
    return out
