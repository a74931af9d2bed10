"""How long `verify-db` takes on a database with 100,000 history entries.

The entries are appended through the history service (sealed with a key from an
in-memory keyring) inside a few large transactions, so building is quick; the
check then recomputes every mac and replays the ballots, as the command does.

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

from kzcommission.services import history, integrity, secrets  # noqa: E402
from kzcommission.services.database import close_database, open_database  # noqa: E402
from kzcommission.store import models  # noqa: E402
from tests.keyrings import MemoryKeyring  # noqa: E402


def build(count: int) -> float:
    start = time.perf_counter()
    batch = 5000
    for first in range(0, count, batch):
        with models.database.atomic():
            for index in range(first, min(first + batch, count)):
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
    with tempfile.TemporaryDirectory() as tmp:
        open_database(Path(tmp) / "bench.sqlite3")
        built = build(args.entries)
        start = time.perf_counter()
        report = integrity.verify_database()
        elapsed = time.perf_counter() - start
        close_database()
    assert report.outcome == integrity.INTACT and report.entries == args.entries, report.problems[
        :3
    ]
    print(f"built:      {args.entries} sealed entries in {built:6.2f} s")
    print(
        f"verify-db:  {elapsed:6.2f} s for {report.entries} entries "
        f"({report.entries / elapsed:,.0f} entries/s)"
    )


if __name__ == "__main__":
    main()
