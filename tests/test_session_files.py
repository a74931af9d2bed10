"""Files handed to other programs live in one private folder per session (kzcommission.
session_files): user-only, removed when the application quits normally, swept at the next
start when a killed run left them, and never while the run that made them is alive."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kzcommission import paths, session_files
from kzcommission.session_files import PREFIX, TempSession

POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes and flock are POSIX")


def age(folder: Path, seconds: float) -> None:
    """Make ``folder`` look ``seconds`` older than now."""
    then = time.time() - seconds
    os.utime(folder, (then, then))


@POSIX
def test_a_file_goes_into_a_private_folder_and_goes_on_quit(tmp_path):
    session = TempSession(tmp_path / "temp")
    path = session.write("../appeal scan.pdf", b"%PDF scan")
    assert path.name == "appeal scan.pdf"  # its own name, never a path out of the folder
    assert path.read_bytes() == b"%PDF scan"
    folder = session.own()
    assert path.is_relative_to(folder) and folder.parent == tmp_path / "temp"
    assert folder.name.startswith(f"{PREFIX}{os.getpid()}-")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    second = session.write("appeal scan.pdf", b"another")  # the same name twice: both kept
    assert second != path and path.read_bytes() == b"%PDF scan"
    dots = session.write("..", b"dots")  # a name that is no file name
    assert dots.name == "file" and dots.parent.parent == folder
    session.end()
    assert not folder.exists() and list((tmp_path / "temp").iterdir()) == []


def test_the_sweep_removes_what_a_dead_run_left_and_nothing_else(tmp_path):
    root = tmp_path / "temp"
    alive = TempSession(root)  # an earlier copy of the app, still running
    alive_file = alive.write("report.pdf", b"alive")
    dead = root / f"{PREFIX}4242-dead"  # a run killed before it could lock: no lock file
    (dead / "file-x").mkdir(parents=True)
    (dead / "file-x" / "scan.pdf").write_bytes(b"left behind")
    for folder in (alive.own(), dead):
        age(folder, 3600)
    stranger = root / "notes.txt"  # not a session's: not ours to remove
    stranger.write_text("kept")

    now = TempSession(root)
    younger = root / f"{PREFIX}4343-younger"  # made after this session began: kept
    younger.mkdir()
    age(younger, -60)  # (file times run on a coarser clock: set it, not left to chance)
    assert now.sweep() == [dead]
    assert not dead.exists() and younger.exists() and stranger.exists()
    assert alive_file.read_bytes() == b"alive"  # the live session keeps its files
    alive.end()
    assert not alive_file.exists()


@POSIX
def test_a_killed_run_is_swept_at_the_next_start(tmp_path):
    """A real process writes a file in its session, holds the lock, and is killed: while it
    runs its folder is kept, once it is dead the next start removes it."""
    root = tmp_path / "temp"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from kzcommission.session_files import TempSession\n"
            "s = TempSession(Path(sys.argv[1]))\n"
            "print(s.write('scan.pdf', b'personnel data'), flush=True)\n"
            "time.sleep(60)\n",
            str(root),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        written = Path(child.stdout.readline().strip())
        assert written.read_bytes() == b"personnel data"
        folder = written.parent.parent
        age(folder, 60)
        assert TempSession(root).sweep() == []  # still running: kept
        assert written.exists()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert written.exists()  # a kill runs no clean-up
    assert TempSession(root).sweep() == [folder]
    assert not folder.exists()


def test_the_application_begins_and_ends_a_session_under_its_data(tmp_path, monkeypatch):
    """Start-up sweeps the data folder's temp/, quitting removes the session's folder."""
    from kzcommission.services.installation import backups, database
    from kzcommission.ui import app

    monkeypatch.setattr(paths, "temp_dir", lambda: tmp_path / "temp")
    monkeypatch.setattr(session_files, "_session", None)
    left = tmp_path / "temp" / f"{PREFIX}1-killed"
    left.mkdir(parents=True)
    age(left, 60)
    assert session_files.begin() == [left]
    opened = session_files.write_temporary("scan.pdf", b"x")
    assert opened.is_relative_to(tmp_path / "temp")
    monkeypatch.setattr(backups, "backup_on_exit", lambda: (tmp_path / "backup", ""))
    monkeypatch.setattr(database, "close_database", lambda: None)
    app.on_quit()
    assert list((tmp_path / "temp").iterdir()) == []


def test_the_temp_folder_is_beside_the_data(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    assert paths.temp_dir() == tmp_path / "data" / "temp"
