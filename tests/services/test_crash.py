"""Nothing confirmed is lost: SIGKILL a process recording ballots, at random moments.

The child prints a line only after the service call returned, i.e. after the
commit; every printed ballot must be in the database after the kill, and the
file must pass SQLite's integrity check.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from kzcommission.services.installation.database import close_database, open_database
from tests.services.helpers import make_desk

CHILD = r"""
import sys
from kzcommission.services.sitting import cases, sittings, voting
from kzcommission.services.preparation import persons
from kzcommission.services.installation.database import open_database

open_database(sys.argv[1])
sitting = sittings.list_sittings()[0]
seats = sittings.present_voting_seats(sitting.id)
n = 0
while True:
    person = persons.add_person(f"Crash{sys.argv[2]}-{n}", "Test")
    case = cases.add_case(sitting.id, person.id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    for seat in seats:
        voting.cast_ballot(r.id, seat, "fits")
        print(f"{r.id} {seat} fits", flush=True)
    voting.close_round(r.id)
    n += 1
"""

KILLS = 32


def test_sigkill_loses_no_acknowledged_ballot(tmp_path: Path):
    path = tmp_path / "crash.sqlite3"
    open_database(path)
    make_desk()
    close_database()
    root = Path(__file__).resolve().parents[2]
    rng = random.Random(880)
    acknowledged: list[tuple[int, int, str]] = []
    for attempt in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(attempt)],
            cwd=root,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        wanted = rng.randint(1, 40)
        assert child.stdout is not None
        for _ in range(wanted):
            line = child.stdout.readline()
            if not line:
                break
            round_id, seat, option = line.split()
            acknowledged.append((int(round_id), int(seat), option))
        time.sleep(rng.random() * 0.02)  # land the kill anywhere in the next write
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        for line in rest.splitlines():
            round_id, seat, option = line.split()
            acknowledged.append((int(round_id), int(seat), option))

        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = set(conn.execute("SELECT round_id, seat_id, option FROM ballot"))
        finally:
            conn.close()
        missing = [b for b in acknowledged if b not in stored]
        assert not missing, f"after kill {attempt + 1}: lost {missing[:5]}"
    assert len(acknowledged) >= KILLS
