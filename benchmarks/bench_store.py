"""Ballots recorded per second through the services, against raw sqlite3 inserts.

Both sides commit each ballot on its own (WAL, synchronous=FULL), so both pay
the same fsync; the ratio is what the services' checks and history cost.
Goal: the services cost at most 3x raw sqlite3.

    .venv/bin/python benchmarks/bench_store.py [--ballots N]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kzcommission.services.installation.database import close_database, open_database  # noqa: E402
from kzcommission.services.preparation import persons  # noqa: E402
from kzcommission.services.sitting import cases, voting  # noqa: E402
from kzcommission.store.db import SQLITE_PRAGMAS  # noqa: E402
from tests.services.helpers import make_desk  # noqa: E402

GOAL_RATIO = 3.0


def through_services(folder: Path, count: int, name: str = "services") -> float:
    open_database(folder / f"{name}.sqlite3")
    desk = make_desk()
    seats = desk.voting
    rounds = []
    for index in range(-(-count // len(seats))):
        person = persons.add_person(f"Bench{index}", "Employee")
        case = cases.add_case(desk.sitting_id, person.id, "regular")
        cases.set_appearance(case.id, "present")
        rounds.append(voting.open_round(case.id).id)
    start = time.perf_counter()
    done = 0
    for round_id in rounds:
        for seat in seats:
            if done == count:
                break
            voting.cast_ballot(round_id, seat, "fits")
            done += 1
    elapsed = time.perf_counter() - start
    close_database()
    return count / elapsed


def raw_sqlite(folder: Path, count: int) -> float:
    conn = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    for name, value in SQLITE_PRAGMAS.items():
        conn.execute(f"PRAGMA {name} = {value}")
    conn.execute(
        "CREATE TABLE ballot (id INTEGER PRIMARY KEY, round_id INTEGER, seat_id INTEGER,"
        " option TEXT, cast_at TEXT, UNIQUE(round_id, seat_id))"
    )
    start = time.perf_counter()
    for index in range(count):
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO ballot (round_id, seat_id, option, cast_at) VALUES (?, ?, ?, "
            "datetime('now'))",
            (index // 9, index % 9, "fits"),
        )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return count / elapsed


@contextmanager
def history_key() -> Iterator[None]:
    """A keyring for the run, so the history is sealed as on a desk with a keyring."""
    import keyring

    from kzcommission.services.trust import history, secrets
    from tests.keyrings import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    secrets.reset()
    history.forget_key()
    try:
        yield
    finally:
        keyring.set_keyring(previous)
        secrets.reset()
        history.forget_key()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        raw = raw_sqlite(folder, args.ballots)
        unsealed = through_services(folder, args.ballots, "unsealed")
        with history_key():
            services = through_services(folder, args.ballots, "sealed")
    ratio = raw / services
    chain_ms = 1000 / services - 1000 / unsealed
    print(f"raw sqlite3:  {raw:8.0f} ballots/s (one durable transaction each)")
    print(f"services:     {services:8.0f} ballots/s (checks, quorum, keyed history chain)")
    print(
        f"cost ratio:   {ratio:8.2f}x raw   goal <= {GOAL_RATIO:.1f}x   "
        f"{'MET' if ratio <= GOAL_RATIO else 'NOT MET'}"
    )
    print(
        f"chain cost:   {chain_ms:8.3f} ms per ballot (against history entries written "
        f"unsealed: {unsealed:.0f} ballots/s)"
    )


if __name__ == "__main__":
    main()
