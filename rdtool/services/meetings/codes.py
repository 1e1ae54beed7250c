"""A meeting's code and title from its kind, term and number: P5-19, C18-4, 三川镇第三届人民代表大会第一次会议."""

from __future__ import annotations

from rdtool.labels import chinese_numeral


def code_prefix(kind: str) -> str:
    return {"presidium": "P", "congress": "C"}.get(kind, "O")


def make_code(term: int, kind: str, seq: int) -> str:
    """P{term}-{seq:02d} (presidium), C{term}-{seq} (congress), O{term}-{seq:02d} (other)."""
    return f"{code_prefix(kind)}{term}-{seq}" if kind == "congress" else f"{code_prefix(kind)}{term}-{seq:02d}"


def code_number(code: str, term: int | None, kind: str) -> int | None:
    """The number a code in rdtool's own form states: P5-19 → 19 (None for any other code)."""
    import re

    m = re.fullmatch(rf"{code_prefix(kind)}{term}-(\d+)", code or "", re.IGNORECASE)
    return int(m.group(1)) if m and term is not None and 0 < int(m.group(1)) < 10000 else None


def make_title(town: str, term: int, kind: str, seq: int) -> str:
    """三川镇第三届人民代表大会第一次会议 · 三川镇第三届人大主席团第二十一次会议 (Chinese ordinals)."""
    t, n = chinese_numeral(term), chinese_numeral(seq)
    if kind == "congress":
        return f"{town}第{t}届人民代表大会第{n}次会议"
    if kind == "presidium":
        return f"{town}第{t}届人大主席团第{n}次会议"
    return f"{town}第{t}届人大其他会议（第{n}次）"
