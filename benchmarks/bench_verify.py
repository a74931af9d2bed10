"""How long `verify-db` takes on a database with 100,000 history entries.

The entries are appended through the history service (sealed with a key from an
in-memory keyring) inside a few large transactions, so building is quick; the
check then recomputes every mac, replays the ballots and the row images and
compares every tracked table with the state they imply, as the command does.

Two databases are measured: entries that touch no row (as the figure before
schema v17 was taken), and entries each changing one of 500 person rows, so
every entry seals a row image and the replay folds 100,000 of them.

    .venv/bin/python benchmarks/bench_verify.py [--entries N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import keyring  # noqa: E402

from kzcommission.services.installation.database import close_database, open_database  # noqa: E402
from kzcommission.services.trust import history, integrity, secrets  # noqa: E402
from kzcommission.store import models  # noqa: E402
from tests.keyrings import MemoryKeyring  # noqa: E402

PERSONS = 500


def build(count: int, rows: bool) -> float:
    start = time.perf_counter()
    batch = 5000
    if rows:
        with models.database.atomic():
            for index in range(PERSONS):
                models.Person.create(surname=f"Person {index}", given_name="Bench")
            history.append(
                actor="secretary", action="person.add", entity="person", entity_id="",
                sitting="", before="", after="",
            )  # fmt: skip
    p = models.database.param
    for first in range(0, count, batch):
        with models.database.atomic():
            for index in range(first, min(first + batch, count)):
                if rows:
                    models.database.execute_sql(
                        f"UPDATE person SET position = {p} WHERE id = {p}",
                        (f"Inspector {index}", index % PERSONS + 1),
                    )
                history.append(
                    actor="secretary",
                    action="case.text",
                    entity="case",
                    entity_id=f"case-{index % 500}",
                    sitting="sitting-1",
                    before='{"opinion": "Жақсы"}',
                    after=f'{{"opinion": "Өте жақсы {index}"}}',
                )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    secrets.reset()
    for rows in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            open_database(Path(tmp) / "bench.sqlite3")
            built = build(args.entries, rows)
            start, cpu = time.perf_counter(), time.process_time()
            report = integrity.verify_database()
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
            close_database()
        history.forget_key()
        assert report.outcome == integrity.INTACT, report.problems[:3]
        what = "each sealing a row image" if rows else "touching no row"
        print(f"built:      {report.entries} sealed entries {what} in {built:6.2f} s")
        print(
            f"verify-db:  {elapsed:6.2f} s for {report.entries} entries "
            f"({report.entries / elapsed:,.0f} entries/s; {cpu:.2f} s of CPU, the figure "
            "to compare on a busy machine)"
        )


if __name__ == "__main__":
    main()
