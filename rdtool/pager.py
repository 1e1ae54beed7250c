"""The pager: a list or report taller than the screen goes through less (-R, as git does), or more on
Windows without less; `--no-pager`, RDTOOL_PAGER=cat or piped output bypass it (rdtool.cli.output)."""

from __future__ import annotations

import os
import shutil
import sys
from typing import TextIO

from rdtool.terminal import styles_for


def pager_command() -> list[str] | str | None:
    """RDTOOL_PAGER, else PAGER, else less (as git does); '' or 'cat' means no pager."""
    for var in ("RDTOOL_PAGER", "PAGER"):
        value = os.environ.get(var)
        if value is not None:
            value = value.strip()
            if value in ("", "cat"):
                return None
            program = value.split()[0].strip("\"'")
            return value if shutil.which(program) else None
    if shutil.which("less"):
        return ["less"]
    if sys.platform == "win32" and shutil.which("more"):
        return "more"
    return None


class PagerQuit(Exception):
    """The reader left the pager before the end: stop writing, quietly."""


class Pager:
    """stdout for one command: what fits on the screen is written as usual; once the output is taller
    than the screen, it goes to the pager instead (rich styles only through less -R)."""

    def __init__(self, real: TextIO, command: list[str] | str, lines: int, wide: bool = False):
        self.real = real
        self.command = command
        self.room = max(lines - 1, 1)
        self.wide = wide
        self.held: list[str] = []
        self.count = 0
        self.proc = None
        less = (command[0] if isinstance(command, list) else command.split()[0]).lower()
        self.rdtool_styles = styles_for(real) and os.path.basename(less).startswith("less")

    # what the renderers ask of a stream
    encoding = property(lambda self: self.real.encoding)
    errors = property(lambda self: self.real.errors)

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.real.fileno()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("write() argument must be str")
        if self.proc is not None:
            try:
                self.proc.stdin.write(text)
            except (BrokenPipeError, OSError):
                raise PagerQuit() from None
            return len(text)
        self.held.append(text)
        self.count += text.count("\n")
        if self.count > self.room:
            self._start()
        return len(text)

    def flush(self) -> None:
        if self.proc is None:
            return
        try:
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise PagerQuit() from None

    def _start(self) -> None:
        import subprocess

        env = dict(os.environ)
        env.setdefault("LESS", "FRX" + ("S" if self.wide else ""))  # as git: quit if one screen, colours
        env.setdefault("LV", "-c")
        encoding = pager_encoding(self.command, self.real)
        if encoding == "utf-8" and self._is_less():
            env.setdefault("LESSCHARSET", "utf-8")
        self.real.flush()
        self.proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, shell=isinstance(self.command, str),
                                     env=env, text=True, encoding=encoding, errors="replace")
        held, self.held = "".join(self.held), []
        self.write(held)

    def _is_less(self) -> bool:
        program = self.command[0] if isinstance(self.command, list) else self.command.split()[0]
        return os.path.basename(program.strip("\"'")).lower() in ("less", "less.exe")

    def release(self) -> None:
        """Show what is held (before a message on stderr, so that the two keep their order)."""
        if self.proc is None and self.held:
            self.real.write("".join(self.held))
            self.held = []
            self.real.flush()

    def close(self) -> None:
        """Send what is held to the terminal, or wait for the reader to leave the pager."""
        if self.proc is None:
            self.release()
            return
        try:
            self.proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        while True:
            try:
                self.proc.wait()
                return
            except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
                continue


class StderrBeside:
    """stderr while a Pager holds stdout: a message shows what is held first, so the order stays."""

    def __init__(self, real: TextIO, pager: Pager):
        self.real = real
        self.pager = pager

    def write(self, text: str) -> int:
        self.pager.release()
        return self.real.write(text)

    def __getattr__(self, name: str):
        return getattr(self.real, name)


def pager_encoding(command: list[str] | str, real: TextIO) -> str:
    """What the pager reads. On Windows: `less` (Git for Windows' MSYS build) reads UTF-8 (with LESSCHARSET=utf-8,
    set by Pager), `more` and other console programs the console's code page (GB18030 for 936, as text for
    people is: rdtool.streams). Elsewhere: the terminal's own encoding, UTF-8 on every current system."""
    from rdtool.streams import text_encoding

    if sys.platform == "win32":
        program = command[0] if isinstance(command, list) else command.split()[0]
        if os.path.basename(program.strip("\"'")).lower() in ("less", "less.exe"):
            return "utf-8"
        from rdtool.terminal import console_code_page

        page = console_code_page()
        if page:
            return text_encoding(f"cp{page}")
    return _device_encoding(real)


def _device_encoding(real: TextIO) -> str:
    try:
        device = os.device_encoding(real.fileno())
    except (AttributeError, OSError, ValueError):
        device = None
    from rdtool.streams import text_encoding

    return text_encoding(device or getattr(real, "encoding", None))
