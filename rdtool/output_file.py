"""The one way rdtool writes a file the user named (`-o`, a backup's destination): nothing is ever lost by it.

`write_file(dest, db=…)` yields a temporary path in the destination's folder for the writer to fill (text, xlsx,
docx, an SQLite copy) and renames it onto `dest` only when the writer finished, so a failed or killed write
leaves no truncated file and an existing file is replaced whole or not at all. Before anything is written:

- the database, its -wal, -shm and -journal, anything in its backups folder, and (except for a backup being
  written) any existing SQLite file are refused as destinations, whatever the path used to name them (a
  symlink, a hard link, `./x.db`);
- an existing file is replaced only with `overwrite` (the CLI's `--force`, or a yes on a terminal); a symlink is
  replaced itself — the file it points to is never written through;
- a character device, a FIFO or a socket (`/dev/null`, `/dev/full`, a pipe), or a name for an open file
  descriptor (`/dev/stdout`, `/dev/stderr`, `/dev/fd/1`, `/proc/self/fd/1`, whatever it is redirected to), is
  written through as it is: never read (a pipe would hang), never staged elsewhere (a copy of private data in
  $TMPDIR), never replaced, truncated or chmod-ed, whatever `--force` says; only files rdtool creates get mode 0600;
- a Windows device name (CON, NUL, PRN, AUX, COM1–9, LPT1–9, with any extension) is refused on every platform;
- a file another program holds open (Excel/WPS showing it; an antivirus scanner briefly) is retried for about
  a second and a half, then refused in one line naming it — before a question is asked, and again if the
  lock comes while the file is being written; the file stays as it was and no temporary file is left.

Nothing is printed here; the CLI says what was written. Errors of the operating system (disk full, EIO, no
permission) become one Chinese line naming the file (rdtool.paths.os_error).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, TextIO, Union

from rdtool.errors import UsageError
from rdtool import paths

Overwrite = Union[bool, Callable[[Path], bool]]


def _refuse_protected(dest: Path, db: Path | None, database_copy: bool) -> None:
    if db is None:
        return
    # the name used and the real file: SQLite keeps its -wal and -shm beside the file a symlink leads to
    names = dict.fromkeys([db, paths.resolved(db)])
    for own in (own for name in names for own in (name, *paths.companions(name))):
        if paths.same_file(dest, own):
            raise UsageError(f"输出文件不能是数据库文件本身或它的附属文件：{dest}（数据库：{db}）",
                             "请另选一个文件名，如 代表名册.xlsx")
    if not database_copy and any(paths.inside(dest, paths.backup_dir(name)) for name in names):
        raise UsageError(f"输出文件不能放在数据库的备份目录中：{dest}", "请另选一个位置")


def _check(dest: Path, db: Path | None, overwrite: Overwrite, database_copy: bool, probe: bool = True) -> bool:
    """Refuse what must not be written; True when `dest` is written through as it is (a device, FIFO, socket
    or a name for an open file descriptor). Nothing here reads `dest`'s content unless it is a regular file.
    `probe`: refuse now an existing file another program holds open (not for a file written only if needed)."""
    device = paths.device_name(dest)
    if device:
        raise UsageError(f"“{dest.name}”是 Windows 的设备名（{device}），不能用作文件名：{dest}",
                         "请换一个文件名，如 代表名单.csv")
    if dest.is_dir():
        raise UsageError(f"输出路径是一个目录：{dest}", "请给出文件路径，如 -o 代表名册.csv")
    if not dest.parent.is_dir():
        raise UsageError(f"输出目录不存在：{dest.parent}", "先建立该目录，或换一个位置")
    _refuse_protected(dest, db, database_copy)
    try:
        st = os.lstat(dest)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise paths.os_error(exc, dest) from None
    if through(dest):
        if database_copy:
            raise UsageError(f"数据库备份只能写成普通文件：{dest}", "请给出一个文件名或目录，如 rdtool db backup 备份/")
        return True
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        raise UsageError(f"输出路径不是普通文件：{dest}", "请给出文件路径")
    # a file another program holds (Excel/WPS) is said now, before a question; only a regular file is probed (a
    # link's target is never opened: a FIFO behind it would block)
    if probe and stat.S_ISREG(st.st_mode) and paths.held_elsewhere(dest):
        raise paths.in_use_error(dest)
    if not database_copy and paths.is_sqlite(dest):
        raise UsageError(f"{dest} 是一个 SQLite 数据库文件（可能是某个数据库或它的备份），不会被覆盖",
                         "请另选一个文件名；确实不要它了，请先自己删除")
    allowed = overwrite(dest) if callable(overwrite) else overwrite
    if not allowed:
        what = "符号链接" if stat.S_ISLNK(st.st_mode) else "文件"
        raise UsageError(f"{what}已存在：{dest}，没有覆盖", "要覆盖请加 --force（在终端中运行会先询问）")
    return False


_DESCRIPTOR = re.compile(r"^/dev/(stdout|stderr|fd/\d+)$|^/proc/(self|thread-self|\d+)/fd/\d+$")
_DESCRIPTOR_NUMBER = re.compile(r"^/dev/(?:(?P<std>stdout|stderr)|fd/(?P<fd>\d+))$"
                                r"|^/proc/(?P<pid>self|thread-self|\d+)/fd/(?P<pfd>\d+)$")


def through(dest: Path) -> bool:
    """Whether `dest` is written into as it is: what it leads to (following links, without opening it) is a
    character device, a FIFO or a socket, or its name is one for an open file descriptor (the shell's
    redirection, maybe to a regular file: written into, never replaced)."""
    try:
        st = os.stat(dest)
    except OSError:
        return False
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode) or stat.S_ISSOCK(st.st_mode):
        return True
    if os.name == "nt":
        return False
    name = os.path.abspath(dest)
    for _ in range(40):  # the chain of links by name: a link to /proc/self/fd/1 is /dev/stdout by another name
        if _DESCRIPTOR.match(name):
            return True
        try:
            name = os.path.join(os.path.dirname(name), os.readlink(name))
        except OSError:
            return False
    return False


def check(dest: str | os.PathLike, *, db: Path | None = None, overwrite: Overwrite = False) -> None:
    """What write_file refuses, checked before a command does its work (an import's --errors file, written only
    if the import finds errors: a file open elsewhere is found when it is written)."""
    _check(Path(dest).expanduser(), db, overwrite, database_copy=False, probe=False)


@contextlib.contextmanager
def write_file(dest: str | os.PathLike, *, db: Path | None = None, overwrite: Overwrite = False,
               database_copy: bool = False) -> Iterator[Path]:
    """Yield a temporary path (mode 0600, empty) to write; on success it becomes `dest`.

    `db` is the database in use (refused as destination, with its companions and backups); `database_copy` is
    set by the backup writer, which may write into the backups folder and replace an older SQLite copy.
    """
    dest = Path(dest).expanduser()
    if _check(dest, db, overwrite, database_copy):
        try:
            yield dest  # written through as it is (a zip writer copes with a pipe that cannot seek)
        except OSError as exc:
            raise paths.os_error(exc, dest) from None
        return
    paths.remove_leftovers(dest.parent)  # what killed runs left here, whatever name they were writing
    tmp = paths.temp_name(dest)
    try:
        tmp.unlink(missing_ok=True)
        paths.create_file(tmp)
    except OSError as exc:
        raise paths.os_error(exc, dest) from None
    try:
        yield tmp
        _sync(tmp)
        _replace(tmp, dest)
        _sync(dest.parent)
    except OSError as exc:
        raise paths.os_error(exc, dest) from None
    finally:
        for leftover in (tmp, *paths.companions(tmp)):  # (an SQLite copy's -journal)
            paths.remove_quietly(leftover, "临时文件")


@contextlib.contextmanager
def open_text(dest: str | os.PathLike, *, db: Path | None = None, overwrite: Overwrite = False) -> Iterator[TextIO]:
    """write_file for a text writer: a UTF-8 handle (newlines as written) on the temporary file, or straight
    into a device, pipe or redirected descriptor (from where it stands: never truncated, see _through)."""
    with open_binary(dest, db=db, overwrite=overwrite) as raw:
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            yield out
            out.flush()
        finally:
            out.detach()  # (open_binary closes the file itself)


@contextlib.contextmanager
def open_binary(dest: str | os.PathLike, *, db: Path | None = None, overwrite: Overwrite = False) -> Iterator[BinaryIO]:
    """write_file for a writer of bytes (an .xlsx, a .docx): a handle on the temporary file, closed before it is
    renamed into place, or straight into a device, pipe or redirected descriptor (_through)."""
    dest = Path(dest).expanduser()
    if _check(dest, db, overwrite, database_copy=False):
        try:
            with _through(dest) as out:
                yield out
        except OSError as exc:
            raise paths.os_error(exc, dest) from None
        return
    with write_file(dest, db=db, overwrite=True) as tmp:  # (replacing it was allowed just above)
        with open(tmp, "wb") as out:  # closed even if the writer fails (Windows cannot remove an open file)
            yield out


@contextlib.contextmanager
def _through(dest: Path) -> Iterator[BinaryIO]:
    """A handle writing into `dest` as it is. A name for one of this process's descriptors (/dev/stdout, /dev/fd/1,
    a link to one) is written through that descriptor itself, from where it stands: opened again by its name, a
    file the shell redirected to would be written from its start — truncated by a zip writer's "wb", a `>>`
    file's content lost, and what the shell writes next laid over rdtool's. The handle seeks only in a regular
    file the shell opened with `>` (a zip writer then goes back to finish each part, as in a file of its own);
    into a pipe, a device or a `>>` file (where every write lands at the end) it streams forward."""
    own = _own_descriptor(dest)
    if own is not None:
        fd = os.dup(own)
        mode = os.fstat(fd).st_mode
        seekable = stat.S_ISREG(mode) and _appends(fd) is False
    else:
        fd = os.open(dest, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
        seekable = False
    out = io.BufferedWriter(_Forward(fd, seekable))
    try:
        yield out
        out.flush()
    finally:
        out.close()


def _appends(fd: int) -> bool | None:
    """Whether the descriptor was opened to append (`>>`), from Linux's /proc (None where it cannot be told:
    the handle then streams, which is right either way)."""
    try:
        with open(f"/proc/self/fdinfo/{fd}", encoding="ascii") as info:
            for line in info:
                if line.startswith("flags:"):
                    return bool(int(line.split()[1], 8) & os.O_APPEND)
    except (OSError, ValueError):
        pass
    return None


class _Forward(io.RawIOBase):
    """A descriptor written where it stands; seekable only when the caller says so."""

    def __init__(self, fd: int, seekable: bool):
        self._fd = fd
        self._seekable = seekable

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._seekable

    def seek(self, pos: int, whence: int = 0) -> int:
        if not self._seekable:
            raise io.UnsupportedOperation("seek")
        return os.lseek(self._fd, pos, whence)

    def write(self, data) -> int:
        return os.write(self._fd, data)

    def fileno(self) -> int:
        return self._fd

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


def _own_descriptor(dest: Path) -> int | None:
    """The number of this process's open descriptor that `dest` names, following links by name
    (/dev/stdout → 1, /dev/fd/3 → 3, /proc/self/fd/1 → 1; another process's descriptor: None)."""
    if os.name == "nt":
        return None
    name = os.path.abspath(dest)
    for _ in range(40):
        m = _DESCRIPTOR_NUMBER.match(name)
        if m:
            pid = m.group("pid")
            if pid not in (None, "self", "thread-self", str(os.getpid())):
                return None
            fd = {"stdout": 1, "stderr": 2}[m.group("std")] if m.group("std") else int(m.group("fd") or m.group("pfd"))
            try:
                here, there = os.fstat(fd), os.stat(dest)
            except OSError:
                return None
            return fd if (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino) else None
        try:
            name = os.path.join(os.path.dirname(name), os.readlink(name))
        except OSError:
            return None
    return None


def _replace(tmp: Path, dest: Path) -> None:
    """Rename the finished file onto `dest`, retried while another program briefly holds `dest`."""
    try:
        paths.retrying(os.replace, tmp, dest)
    except PermissionError as exc:
        # Windows: replacing a file open elsewhere fails with WinError 32, or 5 ("access denied") when the other
        # program opened it without sharing delete; the probe tells the second from a read-only file
        if paths.in_use(exc) or (getattr(exc, "winerror", None) == 5 and paths.held_elsewhere(dest)):
            raise paths.in_use_error(dest) from None
        raise


def _sync(path: Path) -> None:
    """fsync a file on a handle opened for writing (Windows' FlushFileBuffers needs one), then a folder after a
    rename where the platform allows it (Windows cannot open a folder as a file; some file systems refuse)."""
    if path.is_dir():
        if os.name == "nt":
            return
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
        return
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
