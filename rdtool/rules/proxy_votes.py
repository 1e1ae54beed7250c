"""委托投票 (voting by proxy) in the direct election of deputies: 选举法 (2020) 第四十二条.

"选民如果在选举期间外出，经选举委员会同意，可以书面委托其他选民代为投票。每一选民接受的委托不得超过三人，并应当按照
委托人的意愿代为投票。" — the same words in 上海 直接选举实施细则 第四十条; 北京 选举实施细则 第五十一条 adds "本选区其他
选民". So: a voter entrusts another voter (not himself), in writing, with the election committee's consent; one voter
accepts at most three entrustments; a voter who has entrusted his vote cannot also entrust it to a second proxy.
"""

from __future__ import annotations

__all__ = ["MAX_ACCEPTED", "proxy_problem"]

MAX_ACCEPTED = 3
"""选举法 (2020) 第四十二条: 每一选民接受的委托不得超过三人."""

ART = "选举法第四十二条"


def proxy_problem(principal: str, proxy: str, accepted_already: int, principal_entrusted: bool,
                  proxy_entrusted: bool = False) -> str | None:
    """Why ``proxy`` cannot take ``principal``'s vote, or None (选举法 (2020) 第四十二条).

    - a voter cannot be his own proxy (委托其他选民);
    - ``accepted_already``: entrustments ``proxy`` has accepted in this election; a fourth is refused (不得超过三人);
    - ``principal_entrusted``: ``principal`` already entrusted his vote (one vote, one proxy);
    - ``proxy_entrusted``: ``proxy`` himself is away and entrusted his own vote — he cannot vote for others.
    """
    if principal == proxy:
        return f"{principal}不能委托自己；委托的是其他选民（{ART}）"
    if principal_entrusted:
        return f"{principal}已经委托他人代为投票；一名选民只能委托一次"
    if proxy_entrusted:
        return f"{proxy}本人已委托他人代为投票，不能再接受委托"
    if accepted_already >= MAX_ACCEPTED:
        return (f"{proxy}已接受{accepted_already}名选民的委托；每一选民接受的委托不得超过三人（{ART}）；"
                f"请另请其他选民代为投票")
    return None
