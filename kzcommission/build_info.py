"""What is running: version, commit, build date, component versions, where the data is.

A frozen bundle cannot ask git, so the build writes ``_build_stamp.json`` into
the bundle (:func:`write_stamp`, called by packaging/build-linux.sh and by the
PyInstaller spec); from a source checkout the commit comes from git, if git is
there. Support asks for exactly this text (About → Copy, or ``--version``).
"""

from __future__ import annotations

import json
import platform
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from kzcommission import __version__, paths

STAMP_FILE = "_build_stamp.json"
FROM_SOURCE = "source"
REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Stamp:
    version: str
    commit: str
    built: str  # ISO date and time in UTC, or FROM_SOURCE


def _git(*args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git on this computer, or it hung: the commit is simply unknown


@cache
def git_commit() -> str | None:
    """The short commit of the checkout, "-modified" when tracked files differ from it."""
    head = _git("rev-parse", "--short", "HEAD")
    if head is None or head.returncode != 0 or not head.stdout.strip():
        return None
    clean = _git("diff", "--quiet", "HEAD", "--")
    suffix = "-modified" if clean is not None and clean.returncode == 1 else ""
    return head.stdout.strip() + suffix


def make_stamp() -> Stamp:
    built = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return Stamp(__version__, git_commit() or "unknown", built)


def write_stamp(path: Path | str) -> Path:
    """Write the stamp of a build about to be made; the bundle carries it."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = make_stamp()
    target.write_text(json.dumps(stamp.__dict__, indent=2) + "\n", encoding="utf-8")
    return target


@cache
def stamp() -> Stamp:
    """The bundle's stamp when frozen; from source, git's commit and no build date."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        try:
            data = json.loads((Path(bundle) / STAMP_FILE).read_text(encoding="utf-8"))
            return Stamp(data.get("version", __version__), data["commit"], data["built"])
        except (OSError, ValueError, KeyError):
            return Stamp(__version__, "unknown", "unknown")  # a bundle built by hand
    return Stamp(__version__, git_commit() or FROM_SOURCE, FROM_SOURCE)


def version_text() -> str:
    """What ``kzcommission --version`` prints: two lines."""
    current = stamp()
    return f"kzcommission {current.version}\ncommit {current.commit}, built {current.built}"


def components() -> dict[str, str]:
    """Versions of the libraries a support question usually turns on."""
    import peewee
    import PySide6  # imported here: --version and the headless commands need no Qt
    import reportlab
    from PySide6 import QtCore

    return {
        "Python": platform.python_version(),
        "Qt": QtCore.qVersion(),
        "PySide6": PySide6.__version__,
        "reportlab": reportlab.Version,
        "peewee": peewee.__version__,
        "SQLite": sqlite3.sqlite_version,
    }


@dataclass(frozen=True)
class BuildInfo:
    stamp: Stamp
    components: dict[str, str]
    database: str
    data_dir: Path
    portable: bool
    platform: str

    def as_text(self) -> str:
        """Plain English "name: value" lines: support reads the same words in any language."""
        lines = [
            f"kzcommission {self.stamp.version}",
            f"commit: {self.stamp.commit}",
            f"built: {self.stamp.built}",
            *(f"{name}: {version}" for name, version in self.components.items()),
            f"platform: {self.platform}",
            f"database: {self.database}",
            f"data folder: {self.data_dir}",
            f"portable: {'yes' if self.portable else 'no'}",
        ]
        return "\n".join(lines)


def collect(database: str | None = None) -> BuildInfo:
    """Everything About shows; ``database`` is what the app opened (default: the default)."""
    return BuildInfo(
        stamp=stamp(),
        components=components(),
        database=database or str(paths.database_file()),
        data_dir=paths.data_dir(),
        portable=paths.is_portable(),
        platform=platform.platform(),
    )
