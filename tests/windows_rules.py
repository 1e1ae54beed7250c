"""pytest plugin: the whole suite runs under Windows' file rules (issue 22), enabled in tests/conftest.py.

Nothing here runs on Windows, so what Windows enforces and Linux does not is enforced in the test process and in
every Python it starts (tests/windows_site/windows_fs.py says what, and how): fsync only on a handle opened for
writing, no rename onto an existing file, no replace or delete of a file a handle holds open (WinError 32), no
reserved device names as files. Child Pythons get the rules through tests/windows_site/sitecustomize.py, which
this plugin puts first on PYTHONPATH with $RDTOOL_TEST_WINDOWS_RULES=1 — also for a test that passes its own
`env=` (subprocess.Popen is wrapped to keep the two variables). The shipped package knows nothing of this.

For a test:
- `open_in_excel(path)` (a context manager; `failures=n` for an antivirus scanner's lock that gives way after n
  tries): another program holds the file, as Excel/WPS does with a workbook it shows.
- the `legacy_console` fixture: the old Windows console (conhost, code page 936), where ambiguous-width
  characters (─ “ ” … █ ░) take two cells; rdtool's Windows branches (`sys.platform == "win32"`) run.

`pytest -p no:tests.windows_rules` runs without the rules (to see whether a failure is one of them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import types
import unicodedata
from pathlib import Path

import pytest

SITE = str(Path(__file__).resolve().parent / "windows_site")
if SITE not in sys.path:  # one module in every process: the one sitecustomize may have installed already
    sys.path.insert(0, SITE)

import windows_fs  # noqa: E402
from windows_fs import DeviceName, device_name, held_open  # noqa: E402,F401 (for tests)

_state: dict = {}


def open_in_excel(path, failures: int | None = None):
    """`with open_in_excel(p):` — p is open in Excel/WPS (replace, delete and writing it fail with WinError 32)."""
    return held_open(path, failures)


def child_env(env: dict) -> dict:
    """`env` with the two variables that put a child Python under the rules (unless it says RULES=0)."""
    env = dict(env)
    if env.get(windows_fs.ENABLED_ENV) == "0":
        return env
    env[windows_fs.ENABLED_ENV] = "1"
    env[windows_fs.HELD_ENV] = _state["held"]
    parts = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p != SITE]
    env["PYTHONPATH"] = os.pathsep.join([SITE, *parts])
    return env


def pytest_configure(config):
    folder = tempfile.mkdtemp(prefix="rdtool-winrules-")
    _state["folder"] = folder
    _state["held"] = os.path.join(folder, "held.json")
    _state["environ"] = {k: os.environ.get(k) for k in (windows_fs.ENABLED_ENV, windows_fs.HELD_ENV, "PYTHONPATH")}
    os.environ.update(child_env(os.environ))
    init = _state["popen_init"] = subprocess.Popen.__init__

    def popen_init(self, args, *a, env=None, **kw):
        init(self, args, *a, env=None if env is None else child_env(env), **kw)

    subprocess.Popen.__init__ = popen_init
    windows_fs.install()


def pytest_unconfigure(config):
    windows_fs.uninstall()
    if "popen_init" in _state:
        subprocess.Popen.__init__ = _state.pop("popen_init")
    for key, value in _state.pop("environ", {}).items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    if "folder" in _state:
        shutil.rmtree(_state.pop("folder"), ignore_errors=True)


@pytest.fixture(autouse=True)
def _nothing_held_after_a_test():
    yield
    if os.path.exists(_state.get("held", "")):
        os.unlink(_state["held"])


def legacy_width(text: str) -> int:
    """Cells a line takes in the old Windows console under code page 936: a wide character (Chinese) two, and
    an ambiguous-width one (─ “ ” … █ ░ ·) two as well; combining marks none, the rest one."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1
    return width


@pytest.fixture
def legacy_console(monkeypatch):
    """The old Windows console: sys.platform is win32, no Windows Terminal (WT_SESSION), and the console's output
    code page is 936 (kernel32.GetConsoleOutputCP through a stand-in ctypes.windll); output is drawn for a
    terminal (TTY_COMPATIBLE=1). Returns `legacy_width`, the console's measure of a line."""
    import ctypes

    monkeypatch.setattr(sys, "platform", "win32")
    for var in ("WT_SESSION", "TERM_PROGRAM", "RDTOOL_AMBIGUOUS_WIDE"):
        monkeypatch.delenv(var, raising=False)
    kernel32 = types.SimpleNamespace(GetConsoleOutputCP=lambda: 936)
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    yield legacy_width
    monkeypatch.undo()
    from rdtool import terminal

    terminal.configure()  # this process's own terminal again, for what runs next without a command
