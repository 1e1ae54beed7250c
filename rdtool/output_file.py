"""The one way rdtool writes a file the user named (`-o`, a backup's destination): nothing is ever lost by it.

`write_file(dest, db=…)` yields a temporary path in the destination's folder for the writer to fill (text, xlsx,
docx, an SQLite copy) and renames it onto `dest` only when the writer finished, so a failed or killed write
leaves no truncated file and an existing file is replaced whole or not at all. Before anything is written:

- the database, its -wal, -shm and -journal, anything in its backups folder, and (except for a backup being
  written) any existing SQLite file are refused as destinations, whatever the path used to name them (a
  symlink, a hard link, `./x.db`);
- an existing file is replaced only with `overwrite` (the CLI's `--force`, or a yes on a terminal); a symlink is
  replaced itself — the file it points to is never written through;
- a character device or a FIFO (`/dev/null`, `/dev/full`, a pipe) is written into as it is, never replaced,
  truncated or chmod-ed: only files rdtool creates get mode 0600;
- a Windows device name (CON, NUL, PRN, AUX, COM1–9, LPT1–9, with any extension) is refused on every platform;
- a file another program holds open (Excel/WPS showing it; an antivirus scanner briefly) is retried for about
  a second and a half, then refused in one line naming it — before a question is asked, and again if the
  lock comes while the file is being written; the file stays as it was and no temporary file is left.

Nothing is printed here; the CLI says what was written. Errors of the operating system (disk full, EIO, no
permission) become one Chinese line naming the file (rdtool.paths.os_error).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Callable, Iterator, TextIO, Union

from rdtool.errors import UsageError
from rdtool import paths

Overwrite = Union[bool, Callable[[Path], bool]]


def _refuse_protected(dest: Path, db: Path | None, database_copy: bool) -> None:
    if db is None:
        return
    for own in (db, *paths.companions(db)):
        if paths.same_file(dest, own):
            raise UsageError(f"输出文件不能是数据库文件本身或它的附属文件：{dest}（数据库：{db}）",
                             "请另选一个文件名，如 代表名册.xlsx")
    if not database_copy and paths.inside(dest, paths.backup_dir(db)):
        raise UsageError(f"输出文件不能放在数据库的备份目录中：{dest}", "请另选一个位置")


def _check(dest: Path, db: Path | None, overwrite: Overwrite, database_copy: bool, probe: bool = True) -> bool:
    """Refuse what must not be written; True when `dest` is a device or FIFO to be written into as it is.
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
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
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
    device = _check(dest, db, overwrite, database_copy)
    if device:
        import tempfile

        fd, name = tempfile.mkstemp(prefix=".rdtool-", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
    else:
        paths.remove_leftovers(dest.parent, dest.name)
        tmp = paths.temp_name(dest)
        try:
            tmp.unlink(missing_ok=True)
            paths.create_file(tmp)
        except OSError as exc:
            raise paths.os_error(exc, dest) from None
    try:
        yield tmp
        if device:
            _copy_into(tmp, dest)
        else:
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
    """write_file for a text writer: a UTF-8 handle (newlines as written) on the temporary file."""
    with write_file(dest, db=db, overwrite=overwrite) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            yield out


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


def _copy_into(src: Path, device: Path) -> None:
    fd = os.open(device, os.O_WRONLY | getattr(os, "O_BINARY", 0))  # Windows: written as it is, no CRLF
    try:
        with open(src, "rb") as f:
            while chunk := f.read(1 << 16):
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fd, view):]
    finally:
        os.close(fd)


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
