"""Tests for rdtool.collation (姓名笔画 / 拼音 ordering of Chinese names)."""
from __future__ import annotations

import os
import random
import subprocess
import sys
import time

import pytest

from rdtool import collation as c
from rdtool.collation import sort_names, split_name, stroke_count, stroke_key

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Mainland (GB) stroke counts, checked by hand against the standard forms.
SURNAME_STROKES = {
    "丁": 2, "王": 4, "方": 4, "邓": 4, "白": 5, "冯": 5, "刘": 6, "阮": 6,
    "李": 7, "陈": 7, "吴": 7, "郑": 8, "周": 8, "胡": 9, "赵": 9, "高": 10,
    "梁": 11, "黄": 11, "彭": 12, "曾": 12, "蒋": 12, "蔡": 14,
}

# 笔画序 by hand: count first, then first differing stroke 横竖撇点折:
#  4: 王 一  < 方 丶 < 邓 フ        5: 白 丿 < 冯 丶       6: 刘 丶 < 阮 フ
#  7: 李 一  < 吴 丨 < 陈 フ        8: 周 丿 < 郑 丶
#  9: 赵 一丨一 < 胡 一丨丨         11: 黄 一 < 梁 丶
# 12: 彭 一丨一 < 蒋 一丨丨 < 曾 丶
SURNAME_ORDER = list("丁王方邓白冯刘阮李吴陈周郑赵胡高黄梁彭蒋曾蔡")


@pytest.mark.parametrize("ch,n", sorted(SURNAME_STROKES.items()))
def test_stroke_counts_mainland(ch, n):
    assert stroke_count(ch) == n


def test_fu_radical_counts_two():
    # 阝 is 2 strokes in the mainland standard (ICU's stroke collation says 3).
    assert stroke_count("阝") == 2
    assert [stroke_count(ch) for ch in "邓阮陈郑"] == [4, 6, 7, 8]
    assert sort_names(["郑", "陈", "阮", "邓"]) == ["邓", "阮", "陈", "郑"]


def test_common_surnames_shuffled():
    names = list(SURNAME_ORDER)
    for seed in range(5):
        random.Random(seed).shuffle(names)
        assert sort_names(names) == SURNAME_ORDER
    counts = [stroke_count(ch) for ch in SURNAME_ORDER]
    assert counts == sorted(counts)


def test_full_names_shuffled():
    names = ["蔡明", "丁一", "王小宁", "邓小平", "方文", "陈红", "郑义", "周涛", "黄河", "曾强"]
    expected = ["丁一", "王小宁", "方文", "邓小平", "陈红", "周涛", "郑义", "黄河", "曾强", "蔡明"]
    shuffled = names[:]
    random.Random(7).shuffle(shuffled)
    assert sort_names(shuffled) == expected


def test_same_count_grouped_by_surname():
    names = ["邓一", "王二", "邓三", "王四", "方五"]
    # 王 (first stroke 横) < 方 (点) < 邓 (折); same surname kept together.
    assert sort_names(names) == ["王二", "王四", "方五", "邓一", "邓三"]


def test_stroke_order_tiebreaks_from_the_convention():
    # Examples used in the usual 姓名笔画 rules: 王 before 文 (横 < 点);
    # 林 before 欧 (both 8, both start 横, second stroke 竖 < 撇).
    assert sort_names(["文", "王"]) == ["王", "文"]
    assert sort_names(["欧", "林"]) == ["林", "欧"]
    assert sort_names(["安", "字", "宅", "守"]) == ["守", "宅", "字", "安"]


def test_given_name_character_by_character():
    assert sort_names(["张三丰", "张三"]) == ["张三", "张三丰"]
    assert sort_names(["李大鸣", "李一鸣"]) == ["李一鸣", "李大鸣"]
    assert sort_names(["丁小宁", "王小宁"]) == ["丁小宁", "王小宁"]


def test_single_given_name_modes():
    # Default (姓名笔画, people's congress lists): 富 (12) is compared with 大 (3).
    assert sort_names(["田富", "田大利"]) == ["田大利", "田富"]
    assert sort_names(["高富", "高大富"]) == ["高大富", "高富"]
    # Layout convention: a two-character name has a blank in the middle.
    assert sort_names(["田大利", "田富"], blank_single_given=True) == ["田富", "田大利"]
    assert sort_names(["高大富", "高富"], blank_single_given=True) == ["高富", "高大富"]


def test_split_name():
    assert split_name("张三") == ("张", "三")
    assert split_name("欧阳少东") == ("欧阳", "少东")
    assert split_name("司马光") == ("司马", "光")
    assert split_name("诸葛亮") == ("诸葛", "亮")
    assert split_name("上官婉儿") == ("上官", "婉儿")
    assert split_name("欧阳") == ("欧", "阳")  # too short for a compound surname
    assert split_name("单于红") == ("单", "于红")
    assert split_name(" 田\u3000富 ") == ("田", "富")
    assert split_name("王 小\u3000宁") == ("王", "小宁")
    assert split_name("") == ("", "")
    assert split_name("\u3000 ") == ("", "")
    assert split_name("John Smith") == ("", "JohnSmith")


def test_compound_surname_sorts_by_first_character():
    # 欧阳少东 goes with 欧 (8), before 洪 (9), not by 欧阳's 14 strokes.
    assert sort_names(["洪少东", "欧阳少东"]) == ["欧阳少东", "洪少东"]
    names = ["欧阳修", "欧明", "洪少东", "欧阳少东", "林一", "欧大"]
    # All 欧 names before all 欧阳 names: each surname stays one block.
    assert sort_names(names) == ["林一", "欧大", "欧明", "欧阳少东", "欧阳修", "洪少东"]


def test_spaces_and_fullwidth_spaces_ignored():
    assert stroke_key("田\u3000富") == stroke_key("田富") == stroke_key(" 田 富\t")
    names = ["陈\u3000明", "王  一", " 丁\u3000\u3000三 ", "陈明亮"]
    assert sort_names(names) == [" 丁\u3000\u3000三 ", "王  一", "陈\u3000明", "陈明亮"]


def test_unknown_and_non_cjk_names_do_not_crash():
    assert stroke_count("𠮷") is None  # Ext B, not in the table
    assert stroke_count("A") is None
    names = ["Zhang San", "王𠮷", "𠮷野", "王一", "", "abc", "陈红", "ABC", "123", "阿依古丽·买买提"]
    out = sort_names(names)
    assert out[:5] == ["王一", "王𠮷", "阿依古丽·买买提", "陈红", "𠮷野"]
    assert set(out[5:-1]) == {"Zhang San", "abc", "ABC", "123"}
    assert out[-1] == ""
    # deterministic regardless of input order
    for seed in range(3):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        assert sort_names(shuffled) == out
    assert sort_names([None, "王一"], key=lambda x: x) == ["王一", None]


def test_stroke_count_misc():
    assert stroke_count("\uF907") == stroke_count("龜")  # compatibility ideograph
    assert stroke_count("一") == 1
    assert stroke_count("㐀") is not None  # Ext A covered
    assert stroke_count("䜣") == 6  # 讠+斤; Unihan 15.0 says 11 (fixed from 通用规范汉字表 order)
    with pytest.raises(ValueError):
        stroke_count("王一")


def test_gb2312_fully_covered():
    missing = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            if stroke_count(ch) is None:
                missing.append(ch)
    assert missing == []


def test_sort_names_key_and_stability():
    rows = [{"n": "陈红", "i": 1}, {"n": "王一", "i": 2}, {"n": "陈红", "i": 3}]
    out = sort_names(rows, key=lambda r: r["n"])
    assert [r["i"] for r in out] == [2, 1, 3]
    assert [r["i"] for r in sort_names(rows, key=lambda r: r["n"], reverse=True)] == [1, 3, 2]
    with pytest.raises(ValueError):
        sort_names(["王一"], by="radical")


def test_pinyin_order():
    names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "安然", "Bob", "欧阳修", "欧鹏"]
    assert sort_names(names, by="pinyin") == [
        "安然", "陈静", "李娜", "刘洋", "欧鹏", "欧阳修", "王芳", "张伟", "Bob",
    ]


def test_pinyin_surname_readings():
    # 单 Shan, 曾 Zeng, 区 Ou, 尉迟 Yuchi — surname readings, not the everyday ones.
    names = ["曾志伟", "单田芳", "区志", "尉迟恭", "陈", "冉冉"]
    assert sort_names(names, by="pinyin") == ["陈", "区志", "冉冉", "单田芳", "尉迟恭", "曾志伟"]
    # same syllable: tone, then strokes
    assert sort_names(["李四", "李斯", "李思"], by="pinyin") == ["李思", "李斯", "李四"]
    assert sort_names(["吕布", "卢布", "鲁布"], by="pinyin") == ["卢布", "鲁布", "吕布"]


def test_data_file_small_and_consistent():
    path = c._DATA_PATH
    assert os.path.getsize(path) < 100 * 1024
    with open(path, encoding="utf-8") as f:
        lines = [ln for ln in f.read().split("\n") if ln and not ln.startswith("#")]
        f.seek(0)
        header = f.readline()
    assert "generated" in header.lower()
    counts = [int(ln.split("\t")[0]) for ln in lines]
    assert counts == sorted(set(counts))
    chars = "".join(ln.split("\t")[1] for ln in lines)
    assert len(chars) == len(set(chars)) > 27000


def test_load_is_fast():
    best = float("inf")
    for _ in range(5):
        c._ALL = None
        t0 = time.perf_counter()
        c._load()
        best = min(best, time.perf_counter() - t0)
    assert best < 0.005
    assert stroke_count("陈") == 7


def test_import_is_cheap():
    code = (
        "import sys, rdtool.collation as c; "
        "assert 'pypinyin' not in sys.modules; assert c._ALL is None; "
        "c.stroke_key('陈红'); assert c._ALL is not None; assert 'pypinyin' not in sys.modules"
    )
    env = dict(os.environ, PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""))
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=REPO)
