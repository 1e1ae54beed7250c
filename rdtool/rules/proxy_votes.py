"""委托投票 (voting by proxy) in the direct election of deputies: 选举法 (2020) 第四十二条.

"选民如果在选举期间外出，经选举委员会同意，可以书面委托其他选民代为投票。每一选民接受的委托不得超过三人，并应当按照
委托人的意愿代为投票。" — the same words in 上海 直接选举实施细则 第四十条; 北京 选举实施细则 第五十一条 adds "本选区其他
选民". So: a voter entrusts another voter (not himself), in writing, with the election committee's consent; one voter
accepts at most three entrustments; a voter who has entrusted his vote cannot also entrust it to a second proxy.

Voters are not records in rdtool (a constituency keeps only their number), so a voter is the name as written on the
voter list. Two voters of one name are told apart as the voter list tells them apart, by a note in brackets after
the name — 王芳(三组), 王芳(选民证0123) — and a bare name where such namesakes are recorded is refused as ambiguous
(``namesake_problem``), as rdtool refuses a deputy's bare name shared by two (it asks for 姓名#ID there).
"""

from __future__ import annotations

__all__ = ["MAX_ACCEPTED", "proxy_problem", "voter_parts", "namesake_problem"]

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


def voter_parts(written: str) -> tuple[str, str]:
    """(name, note) of a voter as written: '王芳(三组)' → ('王芳', '三组'); '王芳' → ('王芳', '')."""
    if written.endswith(")") and "(" in written:
        name, _, note = written[:-1].partition("(")
        return name, note
    return written, ""


def namesake_problem(written: str, recorded: list[str]) -> str | None:
    """Why ``written`` cannot be told from the voters ``recorded`` in the election (as written there), or None.

    - a bare name where the same name is recorded with notes (王芳(三组), 王芳(五组)): which one is meant?
    - a noted name where the bare name is recorded: the bare record may be this voter or another.
    The same text as recorded is the same voter; two different notes are two voters.
    """
    name, note = voter_parts(written)
    same = sorted({r for r in recorded if voter_parts(r)[0] == name and r != written})
    if not same:
        return None
    if not note:
        return (f"已记录同名选民{'、'.join(same)}；“{written}”是哪一位？"
                f"请照选民名单写明区分，如 {same[0]}（{ART}的委托人、受委托人都是选民名单上的选民）")
    if name in same:
        return (f"已记录未加区分的选民“{name}”，不能确定与“{written}”是否同一人；如是同一人，写“{name}”；"
                f"如是另一位同名选民，先作废原记录（db void ge_proxies 记录编号），两位都照选民名单写明区分后重新记录")
    return None
