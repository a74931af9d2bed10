"""Speed of the half-year due list (R-ELIG-5) over 100,000 employees.

Run: ``.venv/bin/python benchmarks/bench_due.py``. Builds synthetic histories
(deterministic seed): five years in the current position, with leaves, past
certifications and next-category applications, then times one
``half_year_due_list`` call. Also times the deadlines of 100,000 cases, which
exercise the cached working-day calendar (R-DL-9).
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from kzcommission.domain.deadlines import deadlines_for
from kzcommission.domain.eligibility import (
    EmployeeHistory,
    Leave,
    PastCertification,
    half_year_due_list,
)

EMPLOYEES = 100_000
ON = date(2025, 7, 1)
GOAL_SECONDS = 2.0
SEED = 880


def synthetic_history(rng: random.Random) -> EmployeeHistory:
    """One employee: appointed within the last five years, service since up to 20 years."""
    appointed = ON - timedelta(days=rng.randrange(5 * 365))
    service_start = appointed - timedelta(days=rng.randrange(15 * 365))
    leaves: list[Leave] = []
    cursor = appointed
    while rng.random() < 0.3:
        start = cursor + timedelta(days=rng.randrange(30, 700))
        if start >= ON:
            break
        end = start + timedelta(days=rng.randrange(14, 400))
        kind = rng.choice(("unpaid", "maternity", "parental", "other"))
        leaves.append(Leave(kind, start, None if rng.random() < 0.05 else end))
        if leaves[-1].end is None:
            break
        cursor = end
    certifications: list[PastCertification] = []
    day = appointed + timedelta(days=rng.randrange(180, 1100))
    while day < ON:
        result = "recertify" if rng.random() < 0.05 else "fits"
        certifications.append(PastCertification(day, "regular", result))
        day += timedelta(days=rng.randrange(900, 1200))
    applied = None
    if rng.random() < 0.1:
        applied = appointed + timedelta(days=rng.randrange((ON - appointed).days + 1))
    return EmployeeHistory(
        appointed_on=appointed,
        service_start=service_start,
        leaves=tuple(leaves),
        pregnant=rng.random() < 0.01,
        certifications=tuple(certifications),
        applied_next_category_on=applied,
        decree_490_position=rng.random() < 0.2,
    )


def main() -> None:
    rng = random.Random(SEED)
    histories = [(i, synthetic_history(rng)) for i in range(EMPLOYEES)]

    began = time.perf_counter()
    result = half_year_due_list(histories, ON)
    elapsed = time.perf_counter() - began
    print(
        f"due list for {ON.isoformat()}: {EMPLOYEES:,} employees in {elapsed:.2f} s "
        f"(goal < {GOAL_SECONDS:.0f} s): {len(result.due):,} due, "
        f"{len(result.excluded):,} excluded"
    )

    sittings = [ON + timedelta(days=rng.randrange(365)) for _ in range(EMPLOYEES)]
    began = time.perf_counter()
    for sitting in sittings:
        deadlines_for("extraordinary", sitting, sitting, sitting + timedelta(days=1))
    elapsed_dl = time.perf_counter() - began
    print(f"deadlines for {EMPLOYEES:,} cases in {elapsed_dl:.2f} s (information only)")
    if elapsed >= GOAL_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
