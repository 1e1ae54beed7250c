"""PowerShell completion (issue 22): rdtool installs its own — from a venv, to a profile under a Chinese user name
and a OneDrive 文档 folder, never changing the execution policy. PowerShell itself is a stand-in script on PATH
that answers the two questions rdtool asks (the profile's path in UTF-8, the policy) and logs what it was asked."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import typer._completion_shared as typer_completion
from typer.testing import CliRunner

from rdtool.cli.main import app
from tests.helpers import ROOT


@pytest.fixture
def powershell(tmp_path, monkeypatch):
    """A PowerShell whose $PROFILE is under C:\\Users\\秘书\\OneDrive\\文档 (here: tmp/秘书/OneDrive/文档)."""
    profile = tmp_path / "秘书" / "OneDrive" / "文档" / "WindowsPowerShell" / "Microsoft.PowerShell_profile.ps1"
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log = tmp_path / "powershell.log"
    fake = bin_ / "powershell"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\n'
                    f'printf "%s\\r\\n%s\\r\\n" "{profile}" "$PS_POLICY"\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("PS_POLICY", "Restricted")
    monkeypatch.setattr(typer_completion, "_get_shell_name", lambda: "powershell")  # run from PowerShell
    return profile, log


def _install():
    return CliRunner().invoke(app, ["--install-completion"])


def test_install_writes_utf8_with_bom_beside_the_chinese_profile_and_never_touches_the_policy(powershell):
    profile, log = powershell
    profile.parent.mkdir(parents=True)
    profile.write_bytes("# 我的配置\r\nSet-Location D:\\\r\n".encode("gbk"))  # her own profile, in ANSI (GBK)
    result = _install()
    assert result.exit_code == 0, result.output
    script = profile.parent / "rdtool-completion.ps1"
    data = script.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    exe = str(Path(sys.executable).parent / "rdtool")
    assert f"$rdtoolExe = '{exe}'" in text and "Register-ArgumentCompleter -Native" in text
    assert "ExecutionPolicy" not in text
    # her profile: its bytes kept, one ASCII line added
    new = profile.read_bytes()
    assert new.startswith("# 我的配置\r\nSet-Location D:\\\r\n".encode("gbk"))
    added = new[len("# 我的配置\r\nSet-Location D:\\\r\n".encode("gbk")):]
    assert added.isascii() and added.count(b"rdtool-completion.ps1") == 1 and added.endswith(b"\r\n")
    # PowerShell was asked only where the profile is and which policy holds; the policy was never set
    asked = log.read_text(encoding="utf-8")
    assert "Set-ExecutionPolicy" not in asked and "-NoProfile" in asked
    assert "Restricted" in result.stdout and "没有改动" in result.stdout and "RemoteSigned" in result.stdout
    # twice: still one line
    assert _install().exit_code == 0
    assert profile.read_bytes() == new


def test_install_without_a_profile_creates_it_and_says_nothing_of_an_allowing_policy(powershell, monkeypatch):
    profile, _ = powershell
    monkeypatch.setenv("PS_POLICY", "RemoteSigned")
    result = _install()
    assert result.exit_code == 0, result.output
    assert profile.read_bytes().isascii() and b"rdtool-completion.ps1" in profile.read_bytes()
    assert "执行策略" not in result.stdout


def test_the_script_speaks_the_protocol_rdtool_answers(powershell, sample):
    """The variables the script sets, given to this rdtool as the script gives them, complete a Chinese name."""
    profile, _ = powershell
    assert _install().exit_code == 0
    text = (profile.parent / "rdtool-completion.ps1").read_text(encoding="utf-8-sig")
    env = dict(re.findall(r"\$env:(\w+) = '([^']*)'", text))
    assert env == {"PYTHONIOENCODING": "utf-8", "_RDTOOL_COMPLETE": "complete_powershell"}
    exe = re.search(r"\$rdtoolExe = '([^']*)'", text).group(1)
    out = subprocess.run([exe], capture_output=True, cwd=ROOT, timeout=60, env={
        **os.environ, **env, "_TYPER_COMPLETE_ARGS": f"rdtool --db {sample.db} deputy show 王桂",
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": "王桂"})
    values = [line.split(":::")[0] for line in out.stdout.decode("utf-8").splitlines()]
    assert "王桂芳" in values, out


def test_other_shells_keep_typers_installer(monkeypatch, tmp_path):
    from rdtool.cli import powershell

    monkeypatch.setattr(typer_completion, "_get_shell_name", lambda: "bash")
    assert powershell.wanted(["--install-completion"]) is None
    monkeypatch.setattr(typer_completion, "_get_shell_name", lambda: "pwsh")
    assert powershell.wanted(["--install-completion"]) == "pwsh"
    assert powershell.wanted(["--show-completion"]) is None
