"""Windows' file rules, enforced on Linux inside a Python process (the test process and every child Python).

What Windows enforces and Linux does not, as far as a program sees it:

- `os.fsync` is `_commit()` → `FlushFileBuffers`, which needs a handle opened for writing: on a read-only
  descriptor (a file or a folder) it fails with `OSError(9, 'Bad file descriptor')`.
- `os.rename` onto an existing file fails (`FileExistsError`, WinError 183); only `os.replace` replaces.
- A file a handle holds open cannot be replaced, renamed or deleted (`PermissionError`, WinError 32: "being used
  by another process"): Python's `open`, SQLite and Excel/WPS open files without FILE_SHARE_DELETE. Another
  program's hold (Excel/WPS, an antivirus scanner) is declared by a test with `hold()`; it also refuses opening
  the file for writing, as Excel's lock does. A hold may be transient: it gives way after `failures` attempts.
- Reserved device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any extension, in any folder) are not files:
  `os.stat` reports a character device, and opening one is an error here (on Windows the bytes would go to the
  console or nowhere), raised as `DeviceName` — not an OSError, so no product code can swallow it; `os.access`
  says it can be opened.

`install()` patches the `os` functions and `open` (pathlib calls through them); `uninstall()` puts them back.
The other program's holds live in a small JSON file named by $RDTOOL_TEST_HELD, so a child process sees them.
Stdlib only: it is imported by `sitecustomize` in child Pythons started by the tests.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import json
import os
from typing import Iterator

RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                      *(f"LPT{i}" for i in range(1, 10))})
SHARING_VIOLATION = 32
ALREADY_EXISTS = 183
HELD_ENV = "RDTOOL_TEST_HELD"
ENABLED_ENV = "RDTOOL_TEST_WINDOWS_RULES"

_real: dict[str, object] = {}


class DeviceName(AssertionError):
    """A reserved device name was opened as if it were a file (on Windows: the console, a port, or nothing)."""


def device_name(path) -> str | None:
    """The device a path names on Windows (`CON.csv` → CON), None for an ordinary name."""
    if isinstance(path, int):
        return None
    try:
        name = os.fsdecode(os.fspath(path))
    except TypeError:
        return None
    base = name.replace("\\", "/").rsplit("/", 1)[-1].rstrip(" .")
    stem = base.split(".", 1)[0].rstrip(" ").upper()
    return stem if stem in RESERVED else None


def _win_error(cls: type[OSError], code: int, winerror: int, text: str, *names) -> OSError:
    exc = cls(code, f"[WinError {winerror}] {text}", *[os.fspath(n) for n in names[:1]])
    if len(names) > 1:
        exc.filename2 = os.fspath(names[1])
    exc.winerror = winerror
    return exc


def _where(path, dir_fd=None) -> str:
    path = os.fsdecode(os.fspath(path))
    if dir_fd is not None and not os.path.isabs(path):
        path = os.path.join(_real["readlink"](f"/proc/self/fd/{dir_fd}"), path)
    return os.path.realpath(path)


def _open_here() -> set[str]:
    """Every file this process holds open (its descriptors, SQLite's included)."""
    out = set()
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            out.add(_real["readlink"](f"/proc/self/fd/{fd}"))
    return out


# ---- the other program's holds -------------------------------------------------------------------------------

def _held_file() -> str | None:
    return os.environ.get(HELD_ENV)


def _read_held() -> dict[str, int | None]:
    name = _held_file()
    if not name or not os.path.exists(name):
        return {}
    with _real["open"](name, encoding="utf-8") as f:
        return json.load(f)


def _write_held(held: dict[str, int | None]) -> None:
    name = _held_file()
    if not name:
        raise RuntimeError(f"${HELD_ENV} is not set: the Windows rules are not enabled")
    with _real["open"](name, "w", encoding="utf-8") as f:
        json.dump(held, f, ensure_ascii=False)


def hold(path, failures: int | None = None) -> None:
    """Another program (Excel/WPS; an antivirus scanner with `failures`) holds `path` open."""
    held = _read_held()
    held[os.path.realpath(os.fspath(path))] = failures
    _write_held(held)


def release(path) -> None:
    held = _read_held()
    held.pop(os.path.realpath(os.fspath(path)), None)
    _write_held(held)


@contextlib.contextmanager
def held_open(path, failures: int | None = None) -> Iterator[None]:
    """`with held_open(p):` — p is open in Excel/WPS for the block; `failures=n`: a lock that gives way after n tries."""
    hold(path, failures)
    try:
        yield
    finally:
        release(path)


def _held_elsewhere(real: str) -> bool:
    held = _read_held()
    if real not in held:
        return False
    left = held[real]
    if left is not None:
        if left <= 1:
            del held[real]
        else:
            held[real] = left - 1
        _write_held(held)
    return True


def _must_be_free(*paths, dir_fd=None) -> None:
    here = None
    for path in paths:
        real = _where(path, dir_fd)
        if here is None:
            here = _open_here()
        if real in here or _held_elsewhere(real):
            raise _win_error(PermissionError, errno.EACCES, SHARING_VIOLATION,
                             "The process cannot access the file because it is being used by another process",
                             *paths)


def _no_device(path) -> None:
    device = device_name(path)
    if device:
        raise DeviceName(f"{os.fspath(path)!r} is the device {device} on Windows, not a file")


# ---- the patched functions -----------------------------------------------------------------------------------

def fsync(fd) -> None:
    fd = fd if isinstance(fd, int) else fd.fileno()
    with _real["open"](f"/proc/self/fdinfo/{fd}", encoding="ascii") as f:
        flags = int(f.read().split("flags:")[1].split()[0], 8)
    if flags & os.O_ACCMODE == os.O_RDONLY:
        raise OSError(errno.EBADF, "Bad file descriptor")
    return _real["fsync"](fd)


def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    if os.path.lexists(_where(dst, dst_dir_fd)):
        raise _win_error(FileExistsError, errno.EEXIST, ALREADY_EXISTS,
                         "Cannot create a file when that file already exists", src, dst)
    _must_be_free(src, dir_fd=src_dir_fd)
    return _real["rename"](src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)


def replace(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    _no_device(dst)
    _must_be_free(src, dir_fd=src_dir_fd)
    if os.path.lexists(_where(dst, dst_dir_fd)):
        _must_be_free(dst, dir_fd=dst_dir_fd)
    return _real["replace"](src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)


def _remover(name: str):
    def remove(path, *, dir_fd=None):
        _no_device(path)
        if os.path.lexists(_where(path, dir_fd)):
            _must_be_free(path, dir_fd=dir_fd)
        return _real[name](path, dir_fd=dir_fd)
    remove.__name__ = name
    return remove


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def os_open(path, flags, mode=0o777, *, dir_fd=None):
    _no_device(path)
    if flags & _WRITE_FLAGS and os.path.lexists(_where(path, dir_fd)) and _held_elsewhere(_where(path, dir_fd)):
        raise _win_error(PermissionError, errno.EACCES, SHARING_VIOLATION,
                         "The process cannot access the file because it is being used by another process", path)
    return _real["os_open"](path, flags, mode, dir_fd=dir_fd)


def builtin_open(file, mode="r", *args, **kwargs):
    if not isinstance(file, int):
        _no_device(file)
        if any(c in mode for c in "wax+") and os.path.lexists(file) and _held_elsewhere(_where(file)):
            raise _win_error(PermissionError, errno.EACCES, SHARING_VIOLATION,
                             "The process cannot access the file because it is being used by another process", file)
    return _real["open"](file, mode, *args, **kwargs)


def _stat(name: str):
    def stat_(path, *args, **kwargs):
        if device_name(path):
            return _real["stat"](os.devnull)  # a character device, as os.stat("NUL") is on Windows
        return _real[name](path, *args, **kwargs)
    stat_.__name__ = name
    return stat_


def access(path, mode, *args, **kwargs):
    if device_name(path):
        return True  # a device can be opened, as os.access says of NUL on Windows
    return _real["access"](path, mode, *args, **kwargs)


def installed() -> bool:
    return bool(_real)


def install() -> None:
    if _real:
        return
    _real.update(fsync=os.fsync, rename=os.rename, replace=os.replace, remove=os.remove, unlink=os.unlink,
                 os_open=os.open, open=builtins.open, stat=os.stat, lstat=os.lstat, readlink=os.readlink,
                 access=os.access)
    os.fsync = fsync
    os.rename = rename
    os.replace = replace
    os.remove = _remover("remove")
    os.unlink = _remover("unlink")
    os.open = os_open
    builtins.open = io.open = builtin_open
    os.stat = _stat("stat")
    os.lstat = _stat("lstat")
    os.access = access


def uninstall() -> None:
    if not _real:
        return
    os.fsync, os.rename, os.replace = _real["fsync"], _real["rename"], _real["replace"]
    os.remove, os.unlink, os.open = _real["remove"], _real["unlink"], _real["os_open"]
    builtins.open = io.open = _real["open"]
    os.stat, os.lstat, os.access = _real["stat"], _real["lstat"], _real["access"]
    _real.clear()
