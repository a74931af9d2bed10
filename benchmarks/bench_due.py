"""Speed of the half-year due list (R-ELIG-5) over 100,000 employees.

Run: ``.venv/bin/python benchmarks/bench_due.py``. Builds synthetic histories
(deterministic seed): five years in the current position, with leaves, past
certifications and next-category applications, then times one
``half_year_due_list`` call (domain only). Also times the deadlines of 100,000
cases, which exercise the cached working-day calendar (R-DL-9).

Second figure: the same histories written to a fresh SQLite database (persons,
leaves, certification records, applications, restricted facts; written in bulk,
outside the timing), then ``services.preparation.due.due_list`` timed end to end: the
queries, building the histories and applying the rules. Goal under 2 s each.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

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


def fill_database(histories: list[tuple[int, EmployeeHistory]]) -> None:
    """Write the histories as personnel records, in bulk (set-up, not timed)."""
    from kzcommission.store import models
    from kzcommission.store.models import (
        CategoryApplication,
        CertificationRecord,
        PersonnelLeave,
        RestrictedFact,
    )

    people, leaves, certs, apps, facts = [], [], [], [], []
    for i, h in histories:
        pid = i + 1
        people.append(
            {
                "id": pid,
                "uuid": f"00000000-0000-4000-8000-{pid:012d}",
                "personnel_number": f"B{pid:06d}",
                "surname": f"Employee{pid:06d}",
                "given_name": "Bench",
                "position": "Inspector",
                "appointed_on": h.appointed_on,
                "service_start": h.service_start,
                "created_at": models.now(),
            }
        )
        leaves += [
            {"person": pid, "kind": x.kind, "start": x.start, "end": x.end} for x in h.leaves
        ]
        certs += [
            {"person": pid, "on": c.on, "kind": c.kind, "result": c.result or ""}
            for c in h.certifications
        ]
        if h.applied_next_category_on:
            apps.append({"person": pid, "applied_on": h.applied_next_category_on})
        if h.pregnant:
            facts.append({"person": pid, "pregnant": True, "updated_at": models.now()})
    with models.database.atomic():
        for model, rows in (
            (models.Person, people),
            (PersonnelLeave, leaves),
            (CertificationRecord, certs),
            (CategoryApplication, apps),
            (RestrictedFact, facts),
        ):
            for start in range(0, len(rows), 2000):
                model.insert_many(rows[start : start + 2000]).execute()


def bench_services(histories: list[tuple[int, EmployeeHistory]]) -> tuple[float, float]:
    """Seconds for ``due.due_list`` on a 100,000-employee SQLite database: first call
    (queries, histories, rules) and a second one for another date (histories cached)."""
    from kzcommission.services.installation.database import close_database, open_database
    from kzcommission.services.preparation import due

    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "bench.sqlite3")
        try:
            fill_database(histories)
            began = time.perf_counter()
            rows = due.due_list(ON)
            cold = time.perf_counter() - began
            began = time.perf_counter()
            due.due_list(ON + timedelta(days=30))
            warm = time.perf_counter() - began
        finally:
            close_database()
    listed = sum(1 for r in rows if not r.excluded)
    print(
        f"due list through the services (SQLite, {EMPLOYEES:,} employees, five years of "
        f"history): {cold:.2f} s (goal < {GOAL_SECONDS:.0f} s): {listed:,} due, "
        f"{len(rows) - listed:,} excluded; another date, histories cached: {warm:.2f} s"
    )
    return cold, warm


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
    cold, _warm = bench_services(histories)
    if elapsed >= GOAL_SECONDS or cold >= GOAL_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
