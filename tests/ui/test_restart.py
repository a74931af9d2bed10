"""Killed mid-sitting with SIGKILL, the app reopens the same sitting at the same case."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kzcommission.services.sitting import cases, sittings, voting
from kzcommission.ui.console import SittingConsole

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_and_restart_reopens_the_same_case(qtbot, database, ui_settings, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.ui.restart_child",
            str(database),
            str(tmp_path / "settings.ini"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and not line.startswith("READY"):
            line = child.stdout.readline()
            if not line and child.poll() is not None:
                break
        assert line.startswith("READY"), "the child app did not get to its entries"
        case_id = int(line.split()[1])
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL

    from kzcommission.ui.main_window import MainWindow

    window = MainWindow(str(database), "en")
    qtbot.addWidget(window)
    console = window.page
    assert isinstance(console, SittingConsole)
    active = sittings.last_active_sitting()
    assert active is not None and console.sitting.id == active.id
    assert active.current_case_id == case_id and console.case.id == case_id
    assert cases.list_cases(active.id)[2].id == case_id  # the third case
    assert console.case_panel.form.materialsEdit.toPlainText() == "Typed before the crash"
    assert cases.get_case(case_id).appearance == "present"
    assert sittings.quorum_state(active.id).present == 9
    [open_round] = voting.rounds_of(case_id)
    assert open_round.status == "open" and len(open_round.ballots) == 3
    assert len(console.vote.round.ballots) == 3  # the vote goes on where it stopped
