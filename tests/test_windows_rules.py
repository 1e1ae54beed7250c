"""The Windows rules the whole suite runs under (tests/windows_rules.py) hold, here and in a child Python."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.windows_rules import DeviceName, device_name, open_in_excel


def test_fsync_needs_a_handle_opened_for_writing(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"x")
    fd = os.open(f, os.O_RDONLY)
    try:
        with pytest.raises(OSError) as caught:
            os.fsync(fd)
        assert caught.value.errno == 9
    finally:
        os.close(fd)
    fd = os.open(f, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    with pytest.raises(OSError):
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            os.fsync(fd)  # a folder: Windows has no such handle at all
        finally:
            os.close(fd)


def test_rename_onto_an_existing_file_fails_replace_does_not(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_text("a", encoding="utf-8")
    b.write_text("b", encoding="utf-8")
    with pytest.raises(FileExistsError) as caught:
        os.rename(a, b)
    assert caught.value.winerror == 183
    with pytest.raises(FileExistsError):
        a.rename(b)
    os.replace(a, b)
    assert b.read_text(encoding="utf-8") == "a"


def test_a_file_held_open_cannot_be_replaced_or_deleted(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_text("a", encoding="utf-8")
    b.write_text("b", encoding="utf-8")
    with open(b, encoding="utf-8"):
        for act in (lambda: os.replace(a, b), lambda: b.unlink(), lambda: os.remove(b)):
            with pytest.raises(PermissionError) as caught:
                act()
            assert caught.value.winerror == 32
    with open(a, "rb"):
        with pytest.raises(PermissionError):
            os.replace(a, b)  # the source too
    os.replace(a, b)
    assert b.read_text(encoding="utf-8") == "a"


def test_a_file_open_in_excel(tmp_path):
    f = tmp_path / "代表名单.csv"
    f.write_text("旧", encoding="utf-8")
    new = tmp_path / "new"
    new.write_text("新", encoding="utf-8")
    with open_in_excel(f):
        assert f.read_text(encoding="utf-8") == "旧"  # others may read it
        for act in (lambda: os.replace(new, f), f.unlink, lambda: f.write_text("x", encoding="utf-8"),
                    lambda: os.open(f, os.O_WRONLY)):
            with pytest.raises(PermissionError):
                act()
    os.replace(new, f)
    assert f.read_text(encoding="utf-8") == "新"


def test_a_transient_lock_gives_way(tmp_path):
    f = tmp_path / "a"
    f.write_text("a", encoding="utf-8")
    with open_in_excel(f, failures=2):
        for _ in range(2):
            with pytest.raises(PermissionError):
                f.unlink()
        f.unlink()
    assert not f.exists()


@pytest.mark.parametrize("name", ["CON", "con.csv", "NUL", "nul.txt", "PRN.md", "AUX", "COM1.xlsx", "lpt9",
                                  "CON .csv", "nul."])
def test_reserved_device_names(tmp_path, name):
    assert device_name(tmp_path / name)
    assert device_name(rf"C:\Users\秘书\{name}")
    with pytest.raises(DeviceName):
        open(tmp_path / name, "w", encoding="utf-8")
    with pytest.raises(DeviceName):
        os.open(tmp_path / name, os.O_WRONLY | os.O_CREAT)
    assert (tmp_path / name).exists() and (tmp_path / name).is_char_device()


@pytest.mark.parametrize("name", ["console.csv", "CONS", "com10", "代表.csv", "nul-list.txt", "COM"])
def test_ordinary_names(name):
    assert device_name(name) is None


def test_child_pythons_run_under_the_rules_even_with_their_own_env(tmp_path):
    f = tmp_path / "a"
    f.write_text("a", encoding="utf-8")
    code = ("import os, sys\n"
            "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
            "try:\n    os.fsync(fd)\nexcept OSError as e:\n    print('refused', e.errno)\n"
            "os.close(fd)\n"
            "try:\n    os.unlink(sys.argv[1])\nexcept PermissionError as e:\n    print('held', e.winerror)\n")
    with open_in_excel(f):
        out = subprocess.run([sys.executable, "-c", code, str(f)], capture_output=True, text=True, timeout=60,
                             env={"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT)})
    assert out.stdout.split("\n")[:2] == ["refused 9", "held 32"], out.stderr
    assert Path(f).exists()
