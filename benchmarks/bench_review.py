"""How long the chair's review and the room display take to build for a sitting.

The review is built on the UI thread when the chair presses F12 and again after
each confirmation; the room display is refreshed every second. Both should stay
well under the ~100 ms a key press may take. The sitting: the demo's 12 cases
played to the end (tests/services/finished_sitting.py), then the same shapes
repeated until ``--cases`` cases, every one voted, scored and recorded.

    .venv/bin/python benchmarks/bench_review.py [--cases 40] [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kzcommission.services.installation.database import close_database, open_database  # noqa: E402
from kzcommission.services.preparation import commissions  # noqa: E402
from kzcommission.services.sitting import cases, review, room, sittings  # noqa: E402
from tests.services.finished_sitting import PLAN, finish_demo, vote_case  # noqa: E402


def grow(sitting_id: int, total: int) -> None:
    """Copy the voted shapes of the demo onto new cases until ``total`` cases."""
    sitting = sittings.get_sitting(sitting_id)
    seats = [s.id for s in commissions.get_commission(sitting.commission_id).voting_seats]
    template = {c.order + 1: c for c in cases.list_cases(sitting_id)}
    voted = sorted(n for n in PLAN if template[n].kind != "extraordinary")
    index = 0
    while len(cases.list_cases(sitting_id)) < total:
        number = voted[index % len(voted)]
        source = template[number]
        case = cases.add_case(
            sitting_id, source.person_id, source.kind, candidate_grade=source.candidate_grade
        )
        cases.set_appearance(case.id, "present")
        vote_case(case.id, seats, PLAN[number])
        index += 1


def timed(call, repeat: int) -> list[float]:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "review.sqlite3")
        sitting_id = finish_demo()
        grow(sitting_id, args.cases)
        last = cases.list_cases(sitting_id)[-1].id
        lines = review.review_sitting(sitting_id).lines
        figures = {
            "review (F12)": timed(lambda: review.review_sitting(sitting_id), args.repeat),
            "room display refresh": timed(
                lambda: room.room_view(sitting_id, last, room.last_counted_round(last)),
                args.repeat,
            ),
        }
        close_database()
    print(f"sitting of {len(lines)} cases, {sum(len(x.rounds) for x in lines)} rounds")
    for name, times in figures.items():
        print(
            f"{name:>22}: median {statistics.median(times):6.1f} ms, "
            f"worst {max(times):6.1f} ms over {len(times)} runs"
        )


if __name__ == "__main__":
    main()
