"""PowerShell completion installed by rdtool itself (`rdtool --install-completion` in PowerShell).

typer's installer for PowerShell runs `Set-ExecutionPolicy Unrestricted -Scope CurrentUser` without asking, reads
`$PROFILE` as cp1252 (a Chinese user name or a OneDrive 文档 folder becomes a mojibake path the script is written
to, so completion never loads), and registers a bare `rdtool`, which is not on PATH inside a venv. Here:

- the profile's path is asked of PowerShell itself, printed as UTF-8 (`-NoProfile -NonInteractive`), with the
  execution policy in force; the policy is never changed — when it does not run profiles (Restricted, AllSigned)
  rdtool says so and how she can allow it herself;
- the completion script goes to `rdtool-completion.ps1` beside the profile, UTF-8 with a BOM (how PowerShell 5.1
  knows a script is UTF-8), and calls this rdtool by its full path (with `rdtool` as an alias to it where no
  `rdtool` command exists), setting UTF-8 for the exchange so that names such as 王㐀 complete whole;
- the profile gains one ASCII line that loads it (whatever the profile's own encoding), once.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rdtool.errors import RdtoolError

SCRIPT_NAME = "rdtool-completion.ps1"
LOADER = ". (Join-Path (Split-Path -Parent $PROFILE) 'rdtool-completion.ps1')  # rdtool completion"
COMPLETE_VAR = "_RDTOOL_COMPLETE"
RUNS_PROFILES = {"remotesigned", "unrestricted", "bypass"}
ASK = ("[Console]::OutputEncoding = [Text.Encoding]::UTF8; "
       "Write-Output $PROFILE; Write-Output (Get-ExecutionPolicy)")


def rdtool_command() -> list[str]:
    """This rdtool, by full path: the venv's rdtool.exe (Windows) or bin/rdtool, else `python -m rdtool`."""
    folder = Path(sys.executable).parent
    for candidate in (folder / "rdtool.exe", folder / "rdtool"):
        if candidate.is_file():
            return [str(candidate)]
    return [sys.executable, "-m", "rdtool"]


def _ps(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def script(command: list[str]) -> str:
    exe, *args = command
    names = ", ".join(_ps(n) for n in ("rdtool", "rdtool.exe", exe))
    return "\n".join([
        "# rdtool completion (written by rdtool --install-completion; calls this rdtool by its full path)",
        f"$rdtoolExe = {_ps(exe)}",
        f"$rdtoolArgs = @({', '.join(_ps(a) for a in args)})",
        "if (-not (Get-Command rdtool -ErrorAction SilentlyContinue)) { Set-Alias rdtool $rdtoolExe }",
        f"Register-ArgumentCompleter -Native -CommandName {names} -ScriptBlock {{",
        "    param($wordToComplete, $commandAst, $cursorPosition)",
        "    $savedEncoding = [Console]::OutputEncoding",
        "    $savedIo = $env:PYTHONIOENCODING",
        "    [Console]::OutputEncoding = [Text.Encoding]::UTF8",
        "    $env:PYTHONIOENCODING = 'utf-8'",
        f"    $env:{COMPLETE_VAR} = 'complete_powershell'",
        "    $env:_TYPER_COMPLETE_ARGS = $commandAst.ToString()",
        "    $env:_TYPER_COMPLETE_WORD_TO_COMPLETE = $wordToComplete",
        "    try {",
        "        & $rdtoolExe @rdtoolArgs | ForEach-Object {",
        "            $value, $help = $_ -split ':::', 2",
        "            if (-not $help) { $help = $value }",
        "            [System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $help)",
        "        }",
        "    } finally {",
        "        [Console]::OutputEncoding = $savedEncoding",
        "        $env:PYTHONIOENCODING = $savedIo",
        f"        Remove-Item Env:{COMPLETE_VAR}, Env:_TYPER_COMPLETE_ARGS, Env:_TYPER_COMPLETE_WORD_TO_COMPLETE "
        "-ErrorAction SilentlyContinue",
        "    }",
        "}",
        "",
    ])


def ask_powershell(shell: str) -> tuple[Path, str]:
    """The current user's profile path and the execution policy in force, as PowerShell says them (UTF-8)."""
    try:
        out = subprocess.run([shell, "-NoProfile", "-NonInteractive", "-Command", ASK], capture_output=True,
                             timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RdtoolError(f"无法运行 {shell} 来查找 PowerShell 的配置文件（{exc}）",
                          "请在 PowerShell 窗口中运行 rdtool --install-completion") from None
    lines = [line.strip() for line in out.stdout.decode("utf-8", "replace").lstrip("\ufeff").splitlines()
             if line.strip()]
    if out.returncode or len(lines) < 2:
        raise RdtoolError(f"{shell} 没有给出配置文件的位置（$PROFILE），没有安装补全")
    return Path(lines[0]), lines[1]


def install(shell: str) -> list[str]:
    """Install; returns the lines to say (what was written, and a note on the execution policy)."""
    from rdtool.output_file import open_text, write_file

    profile, policy = ask_powershell(shell)
    folder = profile.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from rdtool.paths import os_error

        raise os_error(exc, folder, "建立目录") from None
    target = folder / SCRIPT_NAME
    with open_text(target, overwrite=True) as out:
        out.write("\ufeff" + script(rdtool_command()))  # UTF-8 with BOM: PowerShell 5.1 reads it as UTF-8
    said = [f"已写入 PowerShell 补全脚本：{target}"]
    existing = profile.read_bytes() if profile.is_file() else b""
    if LOADER.encode("ascii") not in existing:
        newline = b"\r\n" if b"\r\n" in existing or not existing else b"\n"
        ending = b"" if not existing or existing.endswith((b"\n", b"\r")) else newline
        with write_file(profile, overwrite=True) as tmp:
            tmp.write_bytes(existing + ending + LOADER.encode("ascii") + newline)
        said.append(f"已在配置文件中加入一行加载它：{profile}")
    else:
        said.append(f"配置文件中已有加载它的一行：{profile}")
    if policy.lower() not in RUNS_PROFILES:
        said.append(f"注意：PowerShell 的执行策略是 {policy}，不运行配置文件，补全还不会生效；rdtool 没有改动它。"
                    "要使用补全，请自己运行 Set-ExecutionPolicy -Scope CurrentUser RemoteSigned")
    said.append("打开一个新的 PowerShell 窗口后，按 Tab 即可补全命令、选项、代表姓名和编号")
    return said


def shell_name() -> str | None:
    """The shell rdtool runs in, as typer detects it (shellingham); None when unknown."""
    from typer._completion_shared import _get_shell_name

    try:
        return _get_shell_name()
    except Exception:  # noqa: BLE001 — detection is best effort (no parent process to read)
        return None


def wanted(argv: list[str]) -> str | None:
    """`rdtool --install-completion` run from PowerShell: the shell's program, else None (typer installs)."""
    if argv != ["--install-completion"]:
        return None
    shell = shell_name()
    return shell if shell in ("powershell", "pwsh") else None
