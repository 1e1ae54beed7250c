"""The files that belong to a database on disk, and what an operating-system error on one of them means.

A database `x.db` comes with SQLite's companions (`x.db-wal`, `x.db-shm`, `x.db-journal`) and rdtool's backups
folder (`x.db.backups/`, manual backups at its top, automatic ones in `auto/`). No output file may land on any of
them (rdtool.output_file). This module has no SQL and imports nothing else from the store, so the database
(`store.db`), the backups (`store.backup`) and the output writer can all lean on it.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path, PurePath, PureWindowsPath

from rdtool.errors import RdtoolError, UsageError

SQLITE_HEADER = b"SQLite format 3\x00"
COMPANIONS = ("-wal", "-shm", "-journal")
# Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION — another program (Excel/WPS, an antivirus scanner) holds
# the file open
IN_USE = (32, 33)
# A transient lock (an antivirus scanner reading a new file) is waited for, about a second and a half in all.
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)
# Names Windows reserves for devices, in any folder and with any extension (CON.csv is the console).
DEVICE_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                          *(f"LPT{i}" for i in range(1, 10))})
# Below this much free space SQLite cannot open a WAL database even to read it (it needs its -shm file).
DISK_FULL_BYTES = 1024 * 1024


def private_folder(path: Path) -> None:
    """Make `path` and any missing folder above it with mode 0700 whatever the umask (mkdir's mode is masked by
    it, and `parents=True` gives the folders above the umask's mode alone). A folder of rdtool's own that
    already exists (the backups folder) is narrowed to 0700 if others could read or write it."""
    missing = []
    probe = path
    while not probe.exists() and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(folder, 0o700)
    owner = getattr(os, "geteuid", None)  # (POSIX; on Windows the folder's ACL is inherited, not widened)
    if owner is not None and path.is_dir() and path.stat().st_uid == owner() and path.stat().st_mode & 0o077:
        os.chmod(path, 0o700)


def create_file(path: Path) -> None:
    """Create an empty file readable only by its owner (mode 0600); its folder too (0700) if missing."""
    if path.parent and not path.parent.exists():
        private_folder(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600)
    os.close(fd)


def device_name(path: Path) -> str | None:
    """The Windows device a file name means (`CON.csv` → CON, `nul` → NUL), None for an ordinary name."""
    base = Path(path).name.rstrip(" .")
    stem = base.split(".", 1)[0].rstrip(" ").upper()
    return stem if stem in DEVICE_NAMES else None


def in_use(exc: OSError) -> bool:
    """The error says another program holds the file open (Windows' sharing or lock violation)."""
    return getattr(exc, "winerror", None) in IN_USE


def retrying(action, *args, **kwargs):
    """A file operation, tried again after a short wait while another program briefly holds the file."""
    import time

    for delay in (*RETRY_DELAYS, None):
        try:
            return action(*args, **kwargs)
        except OSError as exc:
            if delay is None or not in_use(exc):
                raise
            time.sleep(delay)


def held_elsewhere(path: Path) -> bool:
    """Another program holds an existing file so that it cannot be written (Excel/WPS showing it). Opening it
    for writing — truncating and writing nothing — is the probe; only a sharing violation counts."""
    try:
        fd = retrying(os.open, path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        return in_use(exc)
    os.close(fd)
    return False


def in_use_error(path: Path) -> RdtoolError:
    return RdtoolError(f"{path} 已在其他程序（如 Excel、WPS）中打开，无法写入；请先关闭它，再运行一次这个命令")


def remove_quietly(path: Path, what: str) -> bool:
    """Housekeeping after a write: delete `path` if it is there; if it cannot be, say so (注意) and go on — what
    the command was asked to do is done. False when the file stays."""
    from rdtool.notices import warn

    try:
        retrying(os.unlink, path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        why = "它正被其他程序打开" if in_use(exc) else (exc.strerror or str(exc))
        warn(f"{what} {path} 没有删除（{why}），命令已完成；以后可以自己删除它")
        return False
    return True


def is_sqlite(path: Path) -> bool:
    """Whether the file starts with SQLite's header (a database, whoever's it is)."""
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def companions(db: Path) -> list[Path]:
    return [Path(f"{db}{suffix}") for suffix in COMPANIONS]


def backup_dir(db: Path) -> Path:
    """Where the database's backups live: manual ones at the top, automatic ones in `auto/`."""
    return db.parent / f"{db.name}.backups"


def sqlite_uri(path: PurePath) -> str:
    """The `file:` URI SQLite opens `path` by (add `?mode=ro` …), with nothing resolved: a mapped drive stays
    `Z:` (Path.resolve() would turn it into `\\\\server\\share`, whose URI `file://server/…` SQLite refuses), a UNC
    path `\\\\server\\share\\x.db` becomes `file:////server/share/x.db` (an empty authority, the path keeping its two
    leading slashes, which SQLite on Windows opens as UNC). `?`, `#`, `%` and non-ASCII are percent-encoded."""
    from urllib.parse import quote

    if isinstance(path, PureWindowsPath):
        text = str(path).replace("\\", "/")
        body = text if text.startswith("//") else "/" + text  # //server/share/… or /Z:/…
    else:
        body = str(path)
    return "file://" + quote(body, safe="/:")


def absolute(path: Path) -> Path:
    """`path` made absolute without resolving links or drives (a mapped drive stays a drive letter)."""
    return Path(os.path.abspath(path))


def resolved(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


def same_file(a: Path, b: Path) -> bool:
    """The same file: by inode when both exist (hard links, symlinks, ./x.db), else by resolved path."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return resolved(a) == resolved(b)


def file_key(path: Path) -> tuple:
    """What `same_file` compares, as a key: two paths are the same file when their keys are equal (one stat()
    a path, so many files are told apart by a dict instead of comparing each with every other)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return ("path", str(resolved(path)))
    return ("inode", st.st_dev, st.st_ino)


def inside(path: Path, folder: Path) -> bool:
    return resolved(folder) in resolved(path).parents or resolved(path) == resolved(folder)


_LEFTOVER = r"^\.(?P<name>.+)\.(?P<pid>\d+)\.tmp(-journal|-wal|-shm)?$"  # (a pattern: re compiles it on first use, not at start-up)


def temp_name(dest: Path) -> Path:
    """The hidden temporary file a writer fills before renaming it onto `dest` (same folder, so the rename is atomic)."""
    return dest.with_name(f".{dest.name}.{os.getpid()}.tmp")


def remove_leftovers(folder: Path, name: str | None = None) -> list[Path]:
    """Delete the temporary files (and their -journal) that killed rdtool runs left in `folder`.

    Only rdtool's own pattern (`.NAME.PID.tmp`, with `name` when given) is touched, and only when that process is
    no longer running. Returns what was removed.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = re.match(_LEFTOVER, entry.name)
        if not m or (name is not None and m.group("name") != name) or not _abandoned(entry, int(m.group("pid"))):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def _abandoned(entry: os.DirEntry, pid: int) -> bool:
    """Left by a process that is gone (on Windows, with no cheap probe: a file untouched for a day)."""
    if pid == os.getpid():
        return False
    if os.name == "nt":
        import time

        try:
            return time.time() - entry.stat(follow_symlinks=False).st_mtime > 86400
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, OSError):
        return False
    return False


def free_bytes(path: Path) -> int | None:
    """Free space on the file system holding `path` (its nearest existing folder), None when unknown."""
    probe = Path(os.path.abspath(path))
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe if probe.is_dir() else probe.parent).free
    except OSError:
        return None


def disk_full(path: Path) -> bool:
    free = free_bytes(path)
    return free is not None and free < DISK_FULL_BYTES


def disk_full_error(path: Path) -> RdtoolError:
    free = free_bytes(path)
    left = f"（剩余 {free // 1024} KiB）" if free is not None else ""
    return RdtoolError(f"磁盘已满{left}，无法使用 {path}",
                       "请先清理磁盘（删除不用的文件或旧备份）再运行；文件没有被改动")


def os_error(exc: OSError, path: Path, doing: str = "写入") -> RdtoolError:
    """An operating-system error on a file the user named, as one Chinese line (domain or usage error)."""
    code = exc.errno
    where = str(exc.filename or path)
    if in_use(exc):
        return in_use_error(path)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
        return RdtoolError(f"磁盘已满，无法{doing} {path}", "请先清理磁盘（删除不用的文件或旧备份）再运行；已有文件没有被改动")
    if code == errno.EIO:
        return RdtoolError(f"{doing} {path} 时发生读写错误（EIO：磁盘、U 盘或网络共享可能有故障）",
                           "换一个位置再试，并检查该磁盘；已有文件没有被改动")
    if code in (errno.EACCES, errno.EPERM):
        return UsageError(f"没有权限{doing} {where}", "检查文件和所在目录的权限，或换一个位置")
    if code == errno.EROFS:
        return UsageError(f"{where} 在只读的磁盘或共享上，不能{doing}", "换一个可写的位置")
    if code == errno.ENOENT:
        return UsageError(f"目录不存在：{Path(where).parent}", "先建立该目录，或换一个位置")
    if code == errno.ENAMETOOLONG:
        return UsageError(f"文件名过长：{where}")
    if code == errno.EISDIR:
        return UsageError(f"这是一个目录：{where}", "请给出文件路径")
    return RdtoolError(f"无法{doing} {where}：{exc.strerror or exc}", "检查路径、权限和磁盘空间")
