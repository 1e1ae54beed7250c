"""References: the one way a command names a record, and the one "did you mean" when it names none.

A record is named the way its list shows it (CHANGES.md “Corrections”): a deputy by name (王建国, or 王建国#20 / #20 where two share
the name), a meeting by code (P5-22), an agenda item by meeting and number (P5-22#3), a proposal by code
(三届一次-001), an activity by code (A3-014), an election or an appointment by the ID its list shows. Where a
command needs the kind too (`db void`, `db delete`), it may be written in Chinese or English (会议/meeting,
表决/vote …), or left out when the reference can only be one kind of record.

When nothing matches, the nearest existing names or codes are suggested in one line: the same characters in
another order, one character different, or the same pinyin (刘海艳 → 刘海燕).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rdtool.errors import NotFound, RdtoolError, UsageError
from rdtool.labels import clean, clean_name
from rdtool.store import refs as sql
from rdtool.store.db import Store


class KindInfo(NamedTuple):
    zh: str
    table: str
    words: tuple[str, ...]
    example: str
    listing: str


KINDS: dict[str, KindInfo] = {
    "deputy": KindInfo("代表", "deputies", ("代表", "人大代表", "deputy", "deputies"), "徐晓峰、王建国#20",
                       "rdtool deputy list"),
    "meeting": KindInfo("会议", "meetings", ("会议", "meeting", "meetings"), "P5-22", "rdtool meeting list"),
    "item": KindInfo("表决事项", "items", ("表决", "表决事项", "议程", "议程事项", "事项", "vote", "votes", "item", "items"),
                     "P5-22#3", "rdtool vote list"),
    "election": KindInfo("选举", "election_contests", ("选举", "election", "elections", "election_contests"),
                         "选举ID，如 4", "rdtool election list"),
    "appointment": KindInfo("任免记录", "appointments", ("任免", "任免记录", "appointment", "appointments"),
                            "任免记录ID，如 3", "rdtool appointment list"),
    "nomination": KindInfo("候选人提名", "nominations", ("提名", "候选人提名", "nomination", "nominations"),
                           "提名ID，如 2", "rdtool election nominations"),
    "proposal": KindInfo("议案或建议", "proposals", ("议案", "建议", "议案建议", "proposal", "proposals"),
                         "三届一次-001", "rdtool proposal list"),
    "activity": KindInfo("活动", "activities", ("活动", "代表活动", "activity", "activities"), "A3-014",
                         "rdtool activity list"),
}
_WORDS = {w.lower(): kind for kind, info in KINDS.items() for w in info.words}


class Ref(NamedTuple):
    kind: str
    table: str
    id: int
    text: str            # the reference as lists show it
    voided: bool = False


def kind_of(word: str) -> str | None:
    """The kind a word names (会议, meeting, meetings …), or None."""
    return _WORDS.get(clean(word).lower())


def kind_words() -> str:
    return "、".join(f"{info.zh}（{info.words[-2] if len(info.words) > 1 else info.words[0]}）"
                    for info in KINDS.values())


# ---------------------------------------------------------------- did you mean

def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(text))


def _one_apart(a: str, b: str) -> bool:
    """One character replaced, added or left out."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


class NameIndex:
    """nearest() over a fixed set of candidates, indexed once: each mistyped name then costs a few dictionary
    reads, however many candidates there are and however many names are looked up (an import with 20,000
    unknown names asked the whole roster, pinyin and all, 20,000 times)."""

    def __init__(self, candidates: list[str]):
        self._folded: dict[str, list[str]] = {}
        self._anagrams: dict[str, list[str]] = {}
        self._near: dict[str, list[str]] = {}
        self._names = list(dict.fromkeys(candidates))
        self._by_pinyin: dict[str, list[str]] | None = None
        for c in self._names:
            cf = c.casefold()
            self._folded.setdefault(cf, []).append(c)
            self._anagrams.setdefault("".join(sorted(cf)), []).append(c)
            for key in _near_keys(cf):
                self._near.setdefault(key, []).append(c)

    def nearest(self, text: str, limit: int = 3) -> list[str]:
        target = clean_name(text)
        folded = target.casefold()
        scored: dict[str, int] = {}

        def score(c: str, s: int) -> None:
            if scored.get(c, 4) > s:
                scored[c] = s

        for c in self._folded.get(folded, ()):
            score(c, 0)
        for c in self._anagrams.get("".join(sorted(folded)), ()):
            if len(c) == len(target):
                score(c, 1)
        for key in _near_keys(folded):
            for c in self._near.get(key, ()):
                if _one_apart(c.casefold(), folded):
                    score(c, 2)
        if not target.isascii():
            if self._by_pinyin is None:
                self._by_pinyin = {}
                for c in self._names:
                    self._by_pinyin.setdefault(_pinyin(c), []).append(c)
            for c in self._by_pinyin.get(_pinyin(target), ()):
                if abs(len(c) - len(target)) <= 1:
                    score(c, 3)
        return sorted(scored, key=lambda c: (scored[c], c))[:limit]


def _near_keys(text: str) -> set[str]:
    """The text and the text with each one character left out: two texts one character apart share one."""
    return {text, *(text[:i] + text[i + 1:] for i in range(len(text)))}


def homophones(store: Store, name: str, term: int) -> list[dict]:
    """Live deputies of the term whose name reads as `name` but is written otherwise ({id, name}): 刘海燕 when
    刘海艳 is typed — a name mistyped with the input method, rarely another person."""
    target = _pinyin(name)
    return [r for r in sql.deputy_names(store, term)
            if r["name"] != name and len(r["name"]) == len(name) and _pinyin(r["name"]) == target]


def nearest(text: str, candidates: list[str], limit: int = 3) -> list[str]:
    """The candidates a mistyped `text` most likely meant: same letters ignoring case, the same characters in
    another order, one character different, the same pinyin (in that order of likeness)."""
    return NameIndex(candidates).nearest(text, limit)


def suggestion(text: str, candidates: "list[str] | NameIndex") -> str | None:
    """'是不是：刘海燕、刘海岩？' or None (`candidates` indexed already when many names are looked up)."""
    found = candidates.nearest(text) if isinstance(candidates, NameIndex) else nearest(text, candidates)
    return f"是不是：{'、'.join(found)}？" if found else None


def _not_found(message: str, text: str, candidates: list[str], fallback: str) -> NotFound:
    hint = suggestion(text, candidates)
    return NotFound(message, f"{hint}（{fallback}）" if hint else fallback)


def example(store: Store, kind: str) -> str:
    """An example of a reference from her own records (the latest meeting's code, a name on her roster …), else
    the glossary's: a hint never shows a code of another term (如 C3-1 in a 第十八届 database; issue 23)."""
    try:
        if kind == "item":
            have = sql.item_refs(store) or [f"{c}#1" for c in sql.codes(store, "meeting")]
        elif kind == "deputy":
            have = [r["name"] for r in sql.deputy_names(store)]
        elif kind in ("meeting", "proposal", "activity"):
            have = sql.codes(store, kind)
        else:
            have = []
    except Exception:  # noqa: BLE001 — a hint must never fail the command it helps
        have = []
    return have[-1] if have else KINDS[kind].example


# ---------------------------------------------------------------- resolving

_ITEM = re.compile(r"^(.+?)\s*[#/:：](\d+)$")
_DEPUTY = re.compile(r"^(.*?)(?:#(\d+)|\((?:ID)?(\d+)\))$", re.IGNORECASE)


def _id(text: str) -> int | None:
    from rdtool.labels import record_id

    return record_id(text.lstrip("#"))


def resolve(store: Store, kind: str, text: str, *, term: int | None = None, voided: bool = False,
            level: str | None = None) -> Ref:
    """The record `text` names; NotFound (with the nearest names or codes) when there is none.

    Voided records are found only with `voided=True` (to say that they are void); a deputy by ID is found
    even when voided (his history stays readable). A deputy's name (or 姓名#ID) names a person: of a person with
    two mandates, the one of `level` is meant (rdtool.store.deputies.pick_mandate).
    """
    raw = clean(text)
    if not raw:
        raise UsageError(f"请写出{KINDS[kind].zh}（如 {example(store, kind)}）")
    if kind == "deputy":
        return _deputy(store, raw, term, level)
    if kind == "item":
        return _item(store, raw, voided)
    info = KINDS[kind]
    if kind in ("meeting", "proposal", "activity"):
        row = sql.by_code(store, kind, raw)
        if row is None and _id(raw) is not None:
            row = sql.by_id(store, kind, _id(raw))
        if row is None and kind == "meeting":  # its printed name: 十八届四次, 第十八届人民代表大会第四次会议 (issue 23)
            from rdtool.store.meetings import meeting_by_name

            found = meeting_by_name(store, raw)
            row = sql.by_id(store, kind, found["id"]) if found else None
        if row is None or (row["voided_at"] and not voided):
            what = {"meeting": "编号", "proposal": "编号", "activity": "编号或 ID"}[kind]
            raise _not_found(f"没有{what}为“{raw}”的{info.zh}", raw, sql.codes(store, kind),
                             f"用 {info.listing} 查看")
        return Ref(kind, info.table, row["id"], row.get("code") or str(row["id"]), bool(row["voided_at"]))
    ident = _id(raw)
    row = sql.by_id(store, kind, ident) if ident is not None else None
    if row is None or (row["voided_at"] and not voided):
        raise NotFound(f"没有 ID 为“{raw}”的{info.zh}", f"用 {info.listing} 查看 ID")
    return Ref(kind, info.table, row["id"], str(row["id"]), bool(row["voided_at"]))


def _item(store: Store, raw: str, voided: bool) -> Ref:
    info = KINDS["item"]
    ident = _id(raw)
    if ident is not None:
        row = sql.by_id(store, "item", ident)
        if row is None or (row["voided_at"] and not voided):
            raise NotFound(f"没有 ID 为 {ident} 的议程事项",
                           f"写 会议编号#序号（如 {example(store, 'item')}）；用 rdtool vote list 查看")
        return Ref("item", info.table, row["id"], str(row["id"]), bool(row["voided_at"]))
    m = _ITEM.match(raw)
    if m is None:
        raise _not_found(f"“{raw}”不是议程事项的写法", raw, sql.item_refs(store),
                         f"写 会议编号#序号，如 {example(store, 'item')}；用 rdtool vote list 查看")
    meeting = resolve(store, "meeting", m.group(1))
    seq = int(m.group(2))
    row = sql.item(store, meeting.id, seq)
    if row is None or (row["voided_at"] and not voided):
        have = sql.item_refs(store, meeting.id)
        raise NotFound(f"会议 {meeting.text} 没有第{seq}项议程",
                       f"{meeting.text} 的事项：{'、'.join(have)}" if have else f"{meeting.text} 还没有议程事项")
    return Ref("item", info.table, row["id"], f"{meeting.text}#{seq}", bool(row["voided_at"]))


def _deputy(store: Store, raw: str, term: int | None, level: str | None = None) -> Ref:
    from rdtool.store.deputies import pick_mandate

    text = clean_name(raw)
    ident = _id(raw)  # an id is ASCII digits as typed: ① is not NFKC-folded into 1 (clean_name folds it)
    name = None
    if ident is None:
        m = _DEPUTY.match(text)
        if m:
            name, ident = m.group(1), int(m.group(2) or m.group(3))
    if ident is not None:
        row = sql.by_id(store, "deputy", ident)
        if row is None:
            raise NotFound(f"没有 ID 为 {ident} 的代表", "用 rdtool deputy list 查看代表的 ID")
        full = sql.name_of(store, "deputies", ident)
        if name and full != name:
            raise RdtoolError(f"ID {ident} 的代表是“{full}”，不是“{name}”", "核对姓名和 ID")
        if level is not None and not row["voided_at"]:
            mandates = sql.mandates_of_person(store, ident)
            one = pick_mandate([m for m in mandates if m["level"] == level], level)
            if one is not None:
                ident = one["id"]
        return Ref("deputy", "deputies", ident, full, bool(row["voided_at"]))
    rows = sql.deputies_named(store, text, term)
    one = pick_mandate(rows, level)
    if one is not None:
        return Ref("deputy", "deputies", one["id"], text)
    if not rows:
        where = f"第{term}届" if term else ""
        names = [r["name"] for r in sql.deputy_names(store, term)]
        raise _not_found(f"{where}没有名为“{text}”的代表", text, names,
                         f"检查姓名是否有错字，或用 rdtool deputy list --name {text[0]} 查找姓{text[0]}的代表")
    if len(rows) > 1:
        from rdtool.labels import label

        listing = "；".join(f"ID {r['id']}：{r['name']}，第{r['term']}届，{label('level', r['level'])}，"
                           f"{r.get('constituency') or ''}，出生 {r.get('birth_date') or '—'}" for r in rows)
        raise RdtoolError(f"有 {len(rows)} 位代表名为“{text}”：{listing}",
                          f"请写成 {text}#ID（如 {text}#{rows[0]['id']}），或加 --term 限定届次")
    return Ref("deputy", "deputies", rows[0]["id"], text)


def guess(store: Store, text: str, *, voided: bool = False) -> Ref:
    """The record a reference names when no kind is given: it must fit exactly one kind."""
    found: list[Ref] = []
    for kind in ("item", "meeting", "proposal", "activity", "deputy"):
        try:
            found.append(resolve(store, kind, text, voided=voided))
        except RdtoolError:
            continue
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise UsageError(f"“{clean(text)}”可能是{'、'.join(KINDS[r.kind].zh for r in found)}，请在前面写明类别",
                         f"如 rdtool db void {KINDS[found[0].kind].words[0]} {clean(text)} --reason …")
    candidates = sql.item_refs(store) + sql.codes(store, "meeting") + sql.codes(store, "proposal") \
        + sql.codes(store, "activity") + [r["name"] for r in sql.deputy_names(store)]
    hint = suggestion(text, candidates)
    raise NotFound(f"没有找到“{clean(text)}”", (hint or "")
                   + f"写明类别和编号，如 会议 {example(store, 'meeting')}、表决 {example(store, 'item')}、"
                     f"代表 {example(store, 'deputy')}；类别可用：{kind_words()}")


def resolve_words(store: Store, first: str, second: str | None, *, voided: bool = False) -> Ref:
    """`[KIND] REF` as typed after `db void` / `db delete`: the kind in Chinese or English, or left out."""
    if second is None:
        return guess(store, first, voided=voided)
    kind = kind_of(first)
    if kind is None:
        hint = suggestion(first, [w for info in KINDS.values() for w in info.words])
        raise UsageError(f"“{clean(first)}”不是记录的类别", (hint or "") + f"可用：{kind_words()}")
    return resolve(store, kind, second, voided=voided)
