"""Province profiles: every value cites an article that is in the law's text, or says no law sets it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from rdtool.rules.provinces import NATIONAL, PROFILES, province_code


def _laws() -> Path:
    """The law texts: $RDTOOL_LAWS, else shared/laws beside the checkout (../shared/laws, or ../../shared/laws
    for a git worktree kept one folder down), never a path of one machine."""
    if os.environ.get("RDTOOL_LAWS"):
        return Path(os.environ["RDTOOL_LAWS"])
    checkout = Path(__file__).resolve().parents[2]
    return next((p / "shared" / "laws" for p in checkout.parents[:2] if (p / "shared" / "laws").is_dir()),
                checkout.parent / "shared" / "laws")


LAWS = _laws()
FIELDS = ("presidium_quorum", "reply_months", "complex_months", "rehandle_months", "notice_days", "presidium_size",
          "presidium_meetings", "sessions", "first_session", "extraordinary")


def test_the_six_provinces_and_the_national_default():
    assert set(PROFILES) == {"national", "zhejiang", "henan", "shandong", "beijing", "chongqing", "shanghai"}
    assert province_code("浙江") == province_code("浙江省") == province_code("ZheJiang") == "zhejiang"
    assert province_code("全国") == "national" and province_code("四川") is None


@pytest.mark.parametrize("code", sorted(PROFILES))
def test_a_value_the_province_does_not_set_is_the_national_one_and_says_so(code):
    p = PROFILES[code]
    for name in FIELDS:
        s = getattr(p, name)
        if s.source == "province":
            assert p.name[:2] in s.article, (code, name, s.article)
        else:
            assert s == getattr(NATIONAL, name) or s.source == "national", (code, name)
        if s.source == "tool":
            assert "未规定" in s.article  # no article is invented


def test_the_figures_read_in_the_texts():
    zj, hn, cq, sd, bj, sh = (PROFILES[c] for c in ("zhejiang", "henan", "chongqing", "shandong", "beijing",
                                                    "shanghai"))
    assert (zj.notice_days.value, cq.notice_days.value, hn.notice_days.value) == (7, 10, None)
    assert not zj.notice_extraordinary and cq.notice_extraordinary  # 浙江 第二十条: 临时会议不受此限
    assert (cq.reply_months.value, cq.complex_months.value) == (2, 4)  # 重庆 第十六条
    assert (sd.reply_months.value, sd.complex_months.value) == (2, 4)  # 山东 若干规定 第十五条
    assert (bj.rehandle_months.value, sh.complex_months.value) == (2, 6)
    assert [p.presidium_meetings.value for p in (zj, hn, cq, sd, bj)] == ["three_months", "three_months", "quarter",
                                                                           None, None]
    size = {p.code: (p.presidium_size.value.low, p.presidium_size.value.high, p.presidium_size.value.extended)
            for p in (zj, hn, cq, sd, bj)}
    assert size == {"zhejiang": (7, 13, 17), "henan": (7, 13, 15), "chongqing": (7, 11, 13), "shandong": (7, 11, 13),
                    "beijing": (5, 9, None)}
    assert bj.sessions.value == "half_year" and sh.presidium_size.value is None
    assert "法律未规定" in bj.presidium_quorum.article and "第八条第四款" in sd.presidium_quorum.article


ARTICLE = re.compile(r"《([^》]+)》(?:（\d{4}）)?((?:第[一二三四五六七八九十百]+条)(?:第[一二三四五六七八九十]+款)?)")


@pytest.mark.skipif(not LAWS.is_dir(), reason="the law texts are not beside the checkout (../shared/laws) nor in $RDTOOL_LAWS")
@pytest.mark.parametrize("code", sorted(PROFILES))
def test_every_cited_article_is_in_the_law_text(code):
    texts = {f.name: f.read_text(encoding="utf-8") for f in LAWS.glob("*.md")}
    for name in FIELDS:
        for law, article in ARTICLE.findall(getattr(PROFILES[code], name).article):
            found = [t for fname, t in texts.items() if fname.startswith(law.replace("中华人民共和国", ""))]
            assert found, (code, name, law)
            number = re.match(r"第[一二三四五六七八九十百]+条", article).group(0)
            assert any(re.search(rf"^{number}\s", t, re.M) for t in found), (code, name, law, number)
