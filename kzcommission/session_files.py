"""One private folder per run of the application, for files handed to another program.

A case's attached paper opened in the system viewer, or the documents spooled for a
printer, must exist as files for a while, but not for ever: they are personnel data
(a scan of an appeal, a performance report). So they go into one folder per session,
``<data>/temp/session-<pid>-<random>`` (``paths.temp_dir``), readable by the user
only (0700 folders, 0600 files), and:

* the folder is removed when the application exits normally (``end``, called on quit
  and, as a safety net, at interpreter exit);
* a folder left by a killed run is removed at the next start (``sweep``): any session
  folder older than the current session whose owner no longer holds its lock.

The lock is what tells a live session from a dead one, not its age: a second copy of
the application started earlier and still running keeps its files. POSIX holds an
``flock`` on ``.lock`` inside the folder for the session's life; Windows keeps that
file open, and an open file cannot be deleted there, so removing it first is the test.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from kzcommission import paths

PREFIX = "session-"
LOCK = ".lock"


def _lock(handle: int) -> bool:
    """Take the session lock on an open lock file; False when another process holds it."""
    if os.name == "nt":  # an open file cannot be deleted: holding it open is the lock
        return True
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _alive(folder: Path) -> bool:
    """Whether the session that made ``folder`` still runs (holds its lock)."""
    lock = folder / LOCK
    if os.name == "nt":
        try:
            lock.unlink(missing_ok=True)
        except PermissionError:  # open in the running session
            return True
        return False
    try:
        handle = os.open(lock, os.O_RDWR)
    except FileNotFoundError:  # killed between making the folder and locking it
        return False
    try:
        return not _lock(handle)
    finally:
        os.close(handle)  # releases the lock taken for the test, if it was


class TempSession:
    """The temporary files of one run, under ``root`` (``paths.temp_dir()`` by default)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.started = time.time()
        self.folder: Path | None = None
        self._handle: int | None = None
        self._guard = threading.Lock()  # files are written from the thread pool too

    def _root(self) -> Path:
        return self.root if self.root is not None else paths.temp_dir()

    def sweep(self) -> list[Path]:
        """Remove the session folders of runs that were killed: older than this session and
        no longer locked. Returns what was removed."""
        root = self._root()
        removed: list[Path] = []
        if not root.is_dir():
            return removed
        for leftover in root.glob(f"{PREFIX}*"):
            with contextlib.suppress(OSError):
                if leftover == self.folder or leftover.lstat().st_mtime >= self.started:
                    continue
                if leftover.is_symlink() or not leftover.is_dir():
                    leftover.unlink()
                elif _alive(leftover):
                    continue
                else:
                    shutil.rmtree(leftover)
                removed.append(leftover)
        return removed

    def own(self) -> Path:
        """This session's folder, made (0700) and locked on first use."""
        with self._guard:
            if self.folder is not None and self.folder.is_dir():
                return self.folder
            root = self._root()
            root.mkdir(parents=True, exist_ok=True)
            folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=root))
            os.chmod(folder, 0o700)  # mkdtemp makes it so on POSIX; said once more
            handle = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
            _lock(handle)
            self.folder, self._handle = folder, handle
            return folder

    def subfolder(self, prefix: str = "") -> Path:
        """A fresh private folder inside the session's, e.g. for one file's real name."""
        return Path(tempfile.mkdtemp(prefix=prefix, dir=self.own()))

    def write(self, name: str, data: bytes) -> Path:
        """``data`` as a file named ``name`` (no folders) in a fresh subfolder, user-only."""
        own = Path(name).name  # no folders: never a path out of the session's
        target = self.subfolder("file-") / (own if own not in ("", ".", "..") else "file")
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return target

    def end(self) -> None:
        """Remove this session's folder (a viewer holding a file open on Windows may keep
        some of it: the next start sweeps what is left)."""
        with self._guard:
            folder, handle = self.folder, self._handle
            self.folder = self._handle = None
        if handle is not None:
            with contextlib.suppress(OSError):
                os.close(handle)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


_session: TempSession | None = None


def current() -> TempSession:
    """The running application's session, begun on first use."""
    global _session
    if _session is None:
        _session = TempSession()
        atexit.register(_session.end)
    return _session


def begin() -> list[Path]:
    """At start-up: the session begins now, and what killed runs left is removed."""
    return current().sweep()


def session_folder(prefix: str = "") -> Path:
    """A fresh private folder in the running session's temporary folder."""
    return current().subfolder(prefix)


def write_temporary(name: str, data: bytes) -> Path:
    """Write a file to hand to another program; it goes with the session."""
    return current().write(name, data)


def end() -> None:
    """The application quits normally: its temporary files go."""
    if _session is not None:
        _session.end()
