"""Writing a file so that a crash never leaves half of it under its final name.

Everything the application hands to the user as a file (printed PDFs, reports,
exchange packages, backups) is written to a temporary name in the same folder,
flushed to the disk, and only then renamed over the final name: ``os.replace``
is atomic within one file system, so a kill or a power cut at any moment
leaves either the file that was there before or the complete new one
(issue 18). A leftover temporary file is hidden (a leading dot) and carries
``PART_SUFFIX``, so it is never mistaken for a finished document.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PART_SUFFIX = ".part"


def temporary_name(path: Path) -> Path:
    """A fresh hidden name beside ``path`` (random, so two writers never share one)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{PART_SUFFIX}")


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder for this)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def replacing(path: Path | str, mode: int = 0o666) -> Iterator[BinaryIO]:
    """Yield a binary handle whose content becomes ``path`` when the block ends cleanly.

    On an exception the temporary file is removed and ``path`` is untouched. ``mode``
    is filtered by the umask, as for any new file (0o600 for secrets).
    """
    path = Path(path)
    # A part of the same file left by a killed writer goes now; a young one may be alive.
    remove_stale(path.parent, f".{glob.escape(path.name)}.*{PART_SUFFIX}")
    temp = temporary_name(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def write_atomic(path: Path | str, data: bytes, mode: int = 0o666) -> Path:
    """Write ``data`` to ``path`` through a temporary name; return ``path``."""
    path = Path(path)
    with replacing(path, mode) as handle:
        handle.write(data)
    return path


def remove_stale(folder: Path, pattern: str, age_seconds: float = 3600) -> list[Path]:
    """Remove what a killed process left behind in ``folder`` (files or folders matching
    ``pattern``), once ``age_seconds`` old: a younger one may belong to a process still
    at work. Returns what was removed."""
    limit = time.time() - age_seconds
    removed = []
    for leftover in folder.glob(pattern):
        with contextlib.suppress(OSError):
            if leftover.lstat().st_mtime >= limit:
                continue
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
            removed.append(leftover)
    return removed
