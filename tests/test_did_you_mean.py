"""Issue 24 item 7: did-you-mean at scale. The names are indexed once (rdtool.services.kernel.refs.NameIndex):
each unknown name costs a few dictionary reads, whatever the size of the roster and however many names are
unknown, and the suggestions are exactly those of comparing the name with every candidate."""

from __future__ import annotations

import random

import pytest

from rdtool.labels import clean_name
from rdtool.services.kernel import refs
from tests.helpers import write_csv


def _brute_force(text: str, candidates: list[str], limit: int = 3) -> list[str]:
    """nearest() as it was: every candidate compared with the name."""
    target = clean_name(text)
    folded = target.casefold()
    scored: dict[str, int] = {}
    for c in dict.fromkeys(candidates):
        cf = c.casefold()
        if cf == folded:
            score = 0
        elif len(c) == len(target) and sorted(cf) == sorted(folded):
            score = 1
        elif refs._one_apart(cf, folded):
            score = 2
        elif abs(len(c) - len(target)) <= 1 and not target.isascii() and refs._pinyin(c) == refs._pinyin(target):
            score = 3
        else:
            continue
        scored[c] = score
    return sorted(scored, key=lambda c: (scored[c], c))[:limit]


@pytest.mark.slow  # (a seeded property test: 600 random names against the brute force)
def test_indexed_suggestions_are_those_of_comparing_every_candidate():
    rng = random.Random(24)
    chars = "王汪李理张章刘柳海燕艳明敏伟玮建国AaBb"
    names = ["".join(rng.choice(chars) for _ in range(rng.randint(1, 4))) for _ in range(400)]
    index = refs.NameIndex(names)
    for _ in range(600):
        probe = rng.choice(names) if rng.random() < 0.5 else ""
        probe = "".join(rng.choice(chars) for _ in range(rng.randint(1, 4))) if not probe else probe
        if probe and rng.random() < 0.5:  # one character changed, added or left out
            i = rng.randrange(len(probe))
            probe = rng.choice([probe[:i] + rng.choice(chars) + probe[i + 1:], probe[:i] + probe[i + 1:],
                                probe[:i] + rng.choice(chars) + probe[i:]]) or probe
        assert index.nearest(probe) == _brute_force(probe, names), probe


def test_an_attendance_file_of_another_township_names_every_unknown_deputy(cli, tmp_path):
    """3,000 rows naming people who are not deputies here: every row is reported, with its suggestion where
    there is one, and nothing is written."""
    for i, name in enumerate(["王建国", "李明", "刘海燕"]):
        cli("deputy", "add", name, "--gender", "男" if i % 2 else "女", "--level", "镇", "--term", "3")
    cli("meeting", "add", "--kind", "人代会", "--date", "2018-03-01")
    strangers = [f"{s}{g}{h}{k}" for s in "赵钱孙周吴郑冯陈" for g in "一二三四五六七八九十"
                 for h in "甲乙丙丁戊己庚辛壬癸" for k in "春夏秋冬"]
    rows = ["刘海艳", "王建", *strangers[:2998]]
    data = write_csv(tmp_path / "a.csv", "meeting,deputy,status\n" + "".join(f"C3-1,{n},出席\n" for n in rows))
    r = cli.fails("import", "attendance", data, "--errors", tmp_path / "errors.csv")
    assert "3000 处错误" in r.stderr or "3,000 处错误" in r.stderr
    errors = (tmp_path / "errors.csv").read_text(encoding="utf-8-sig")
    assert "是不是：刘海燕？" in errors and "是不是：王建国？" in errors
    assert errors.count("没有名为") == 3000


def test_an_import_compares_each_unknown_name_with_a_few_candidates_not_the_whole_roster(cli, tmp_path,
                                                                                        monkeypatch):
    """The work, counted rather than timed: during an import naming 600 unknown people against a roster of 400,
    each name's pinyin is computed about once — each candidate's once for the index, each unknown name's once.
    Comparing every unknown name with every deputy (as before the index) computed 600 × 400 = 240,000."""
    roster = [f"{s}{g}{h}" for s in "赵钱孙李周吴郑王" for g in "一二三四五六七八九十" for h in "甲乙丙丁戊"]
    write_csv(tmp_path / "d.csv", "name,gender,level,term\n" + "".join(f"{n},男,镇,3\n" for n in roster))
    cli("import", "deputies", tmp_path / "d.csv")
    cli("meeting", "add", "--kind", "人代会", "--date", "2018-03-01")
    strangers = [f"{s}{g}{h}" for s in "冯陈褚卫蒋沈" for g in "春夏秋冬东南西北风雨" for h in "子丑寅卯辰巳午未申酉"]
    data = write_csv(tmp_path / "a.csv", "meeting,deputy,status\n" + "".join(f"C3-1,{n},出席\n" for n in strangers))
    calls = []
    real = refs._pinyin
    monkeypatch.setattr(refs, "_pinyin", lambda text: calls.append(text) or real(text))
    r = cli.fails("import", "attendance", data)
    assert f"{len(strangers)} 处错误" in r.stderr
    assert len(roster) == 400 and len(strangers) == 600
    assert len(calls) <= 2 * (len(roster) + len(strangers)), len(calls)


def test_a_proposal_with_many_unknown_cosigners_compares_each_with_a_few_candidates(cli, tmp_path, monkeypatch):
    """The issue's other case (10⁵ co-signers took 8 minutes): a proposal's co-signers are resolved through the
    same index, so 600 unknown co-signers against a roster of 400 cost about one pinyin each, not 240,000."""
    roster = [f"{s}{g}{h}" for s in "赵钱孙李周吴郑王" for g in "一二三四五六七八九十" for h in "甲乙丙丁戊"]
    write_csv(tmp_path / "d.csv", "name,gender,level,term\n" + "".join(f"{n},男,镇,3\n" for n in roster))
    cli("import", "deputies", tmp_path / "d.csv")
    strangers = [f"{s}{g}{h}" for s in "冯陈褚卫蒋沈" for g in "春夏秋冬东南西北风雨" for h in "子丑寅卯辰巳午未申酉"]
    calls = []
    real = refs._pinyin
    monkeypatch.setattr(refs, "_pinyin", lambda text: calls.append(text) or real(text))
    r = cli.fails("proposal", "submit", "关于修路的建议", "--lead", roster[0], "--date", "2018-03-01",
                  "--cosigners", "、".join(strangers))
    assert "没有名为" in r.stderr and strangers[0] in r.stderr
    assert len(roster) == 400 and len(strangers) == 600
    assert len(calls) <= 2 * (len(roster) + len(strangers)), len(calls)
