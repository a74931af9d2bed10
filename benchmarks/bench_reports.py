"""Speed of the consolidated reports and of the case search over a campaign of 70,000 cases.

Run: ``.venv/bin/python benchmarks/bench_reports.py [--cases N] [--pg-url URL]``.
Builds a synthetic campaign (deterministic seed) with bulk inserts: several
commissions of nine voting members and a secretary, ~2,000 sittings over a year,
attendance with absences, late arrivals and early departures, decided cases in
the shares of the 2017 attestation (7.3 % promotion, 91.4 % fits, 1.1 % demotion,
0.2 % dismissal) and the campaign steps (notice, characteristic, materials, minutes,
communication), some late; no ballots (no report reads them). Then times every
report and the search per keystroke on SQLite and, when a server URL is given (or
KZ_TEST_POSTGRES_URL is set), on a fresh PostgreSQL database. Goals: each report
under 2 s; one keystroke of the search under 50 ms.

``generate`` is also the seed of tests/services/test_reports.py (small sizes).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kzcommission.domain.rulesets import ruleset_for  # noqa: E402
from kzcommission.domain.workdays import is_working_day  # noqa: E402
from kzcommission.store import models  # noqa: E402
from kzcommission.store.models import CaseStep  # noqa: E402

GOAL_REPORT_S = 2.0
GOAL_KEYSTROKE_MS = 50.0
SHARES_2017 = {"fits_promote": 0.073, "fits": 0.914, "unfit_demote": 0.011, "unfit_dismiss": 0.002}
SURNAMES = (
    "Ысқақов", "Әбілқасымов", "Нұрланов", "Серікбаев", "Жұмабаев", "Қасымов", "Өмірзақов",
    "Ұзақов", "Үсенов", "Иванов", "Петров", "Смирнов", "Ахметов", "Байжанов", "Оспанов",
    "Тоқаев", "Сұлтанов", "Кенжебаев", "Шәріпов", "Ғабдуллин", "Һашимов", "Ким", "Ли",
)  # fmt: skip
GIVEN = ("Дәурен", "Айгүл", "Ерлан", "Гүлнар", "Нұржан", "Сәуле", "Олег", "Анна", "Қайрат")
UNITS = (
    "Кадр қызметі", "Қаржы басқармасы", "Заң департаменті", "Цифрландыру басқармасы",
    "Аудит бөлімі", "Әкімшілік бөлім", "Статистика бөлімі", "Қоғаммен байланыс",
)  # fmt: skip


@dataclass
class Generated:
    """What was inserted, for the tests' expectations."""

    commission_ids: list[int]
    sitting_ids: list[int]
    decisions: Counter = field(default_factory=Counter)
    by_commission: dict[int, Counter] = field(default_factory=dict)
    by_unit: dict[str, Counter] = field(default_factory=dict)
    present: dict[int, int] = field(default_factory=dict)  # sitting id -> members attended
    late: int = 0
    left: int = 0
    steps: Counter = field(default_factory=Counter)  # (step, on time?) -> count


def exact_counts(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Counts summing to ``total`` in the given shares (largest remainder)."""
    raw = {k: total * v / sum(shares.values()) for k, v in shares.items()}
    counts = {k: int(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)[
        : total - sum(counts.values())
    ]:
        counts[k] += 1
    return counts


def _insert(model, rows: list[dict], chunk: int = 500) -> None:
    with models.database.atomic():
        for i in range(0, len(rows), chunk):
            model.insert_many(rows[i : i + chunk]).execute()


def _ids(model, uuids: list[str]) -> list[int]:
    found: dict[str, int] = {}
    for i in range(0, len(uuids), 500):
        query = model.select(model.uuid, model.id).where(model.uuid.in_(uuids[i : i + 500]))
        found.update(dict(query.tuples()))
    return [found[u] for u in uuids]


def _workdays(start: date, end: date) -> list[date]:
    days = (start + timedelta(d) for d in range((end - start).days + 1))
    return [d for d in days if is_working_day(d)]


def generate(
    cases: int = 70_000,
    sittings: int = 2_000,
    commissions: int = 8,
    # Extraordinary cases exist only inside Decree 490's campaign (R-ELIG-7).
    start: date = date(2024, 4, 1),
    end: date = date(2024, 12, 20),
    seed: int = 2017,
    steps: bool = True,
    absent_rate: float = 0.05,
) -> Generated:
    """Insert a consolidated campaign into the open database (bulk, no history entries)."""
    rng = random.Random(seed)
    com_uuids = [str(uuid.uuid4()) for _ in range(commissions)]
    _insert(models.Commission, [
        {"uuid": u, "name": f"Аттестаттау комиссиясы №{i + 1}", "level": "regional",
         "place": "Астана"} for i, u in enumerate(com_uuids)
    ])  # fmt: skip
    com_ids = _ids(models.Commission, com_uuids)
    member_uuids = [str(uuid.uuid4()) for _ in range(commissions * 10)]
    _insert(models.Person, [
        {"uuid": u, "surname": rng.choice(SURNAMES), "given_name": rng.choice(GIVEN),
         "personnel_number": f"M{i:05d}", "position": "Комиссия мүшесі"}
        for i, u in enumerate(member_uuids)
    ])  # fmt: skip
    member_ids = _ids(models.Person, member_uuids)
    seat_uuids = [str(uuid.uuid4()) for _ in member_uuids]
    roles = ["chair"] + ["member"] * 8 + ["secretary"]
    _insert(models.Seat, [
        {"uuid": u, "commission": com_ids[i // 10], "role": roles[i % 10],
         "holder": member_ids[i], "order": i % 10} for i, u in enumerate(seat_uuids)
    ])  # fmt: skip
    seat_ids = _ids(models.Seat, seat_uuids)

    days = _workdays(start, end)
    numbers: Counter = Counter()
    sit_rows = []
    for i in range(sittings):
        commission = com_ids[i % commissions]
        held_on = days[i * len(days) // sittings]
        numbers[commission] += 1
        opened = datetime.combine(held_on, dtime(10, 0))
        sit_rows.append({
            "uuid": str(uuid.uuid4()), "commission": commission, "number": str(numbers[commission]),
            "held_on": held_on, "place": "Астана", "status": "finalized", "opened_at": opened,
            "closed_at": opened + timedelta(hours=6),
        })  # fmt: skip
    _insert(models.Sitting, sit_rows)
    sit_ids = _ids(models.Sitting, [r["uuid"] for r in sit_rows])
    gen = Generated(com_ids, sit_ids)
    gen.by_commission = {c: Counter() for c in com_ids}

    events = []
    for sid, row in zip(sit_ids, sit_rows, strict=True):
        c_index = com_ids.index(row["commission"])
        opened = row["opened_at"]
        attended = 0
        for k in range(10):
            seat = seat_ids[c_index * 10 + k]
            if k < 9 and rng.random() < absent_rate:
                events.append({"sitting": sid, "seat": seat, "kind": "absent", "at": opened})
                continue
            late = k < 9 and rng.random() < 0.04
            kind, at = ("late", opened + timedelta(minutes=40)) if late else ("present", opened)
            events.append({"sitting": sid, "seat": seat, "kind": kind, "at": at})
            if k < 9:
                attended += 1
                gen.late += late
                if rng.random() < 0.03:
                    events.append({"sitting": sid, "seat": seat, "kind": "left",
                                   "at": opened + timedelta(hours=3)})  # fmt: skip
                    gen.left += 1
        gen.present[sid] = attended
    _insert(models.AttendanceEvent, events)

    decisions = [d for d, n in exact_counts(cases, SHARES_2017).items() for _ in range(n)]
    rng.shuffle(decisions)
    person_uuids = [str(uuid.uuid4()) for _ in range(cases)]
    units = [rng.choice(UNITS) for _ in range(cases)]
    _insert(models.Person, [
        {"uuid": u, "surname": rng.choice(SURNAMES), "given_name": rng.choice(GIVEN),
         "patronymic": "", "personnel_number": f"T{i:06d}", "unit": units[i],
         "position": "Бас маман"} for i, u in enumerate(person_uuids)
    ])  # fmt: skip
    person_ids = _ids(models.Person, person_uuids)
    case_rows = []
    for i in range(cases):
        s_index = i * sittings // cases
        row = sit_rows[s_index]
        decision = decisions[i]
        case_rows.append({
            "uuid": str(uuid.uuid4()), "sitting": sit_ids[s_index], "person": person_ids[i],
            "kind": "extraordinary", "ruleset": ruleset_for("extraordinary", row["held_on"]).code,
            "order": i, "status": "decided", "appearance": "present", "decision": decision,
            "decision_rule": "vote", "decided_at": row["opened_at"] + timedelta(minutes=i % 300),
        })  # fmt: skip
        gen.decisions[decision] += 1
        gen.by_commission[row["commission"]][decision] += 1
        gen.by_unit.setdefault(units[i], Counter())[decision] += 1
    _insert(models.Case, case_rows)
    if steps:
        case_ids = _ids(models.Case, [r["uuid"] for r in case_rows])
        step_rows = []
        for cid, row in zip(case_ids, case_rows, strict=True):
            held_on = row["decided_at"].date()
            on_time = rng.random() < 0.97
            notice = held_on - timedelta(days=40 if on_time else 10)
            minutes = held_on + timedelta(days=1 if rng.random() < 0.95 else 9)
            step_rows += [
                {"case": cid, "step": "notice", "done_on": notice},
                {"case": cid, "step": "characteristic", "done_on": held_on - timedelta(days=24)},
                {"case": cid, "step": "materials", "done_on": held_on - timedelta(days=8)},
                {"case": cid, "step": "minutes", "done_on": minutes},
                {"case": cid, "step": "communicate", "done_on": minutes + timedelta(days=1)},
            ]
            gen.steps["notice", on_time] += 1
        _insert(CaseStep, step_rows)
    return gen


def _timed(func, *args, repeat: int = 1) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func(*args)
        best = min(best, time.perf_counter() - t0)
    return best, result


def run_reports(label: str) -> None:
    from kzcommission.services.reports import consolidated, export, followup

    whole = consolidated.ReportFilter(date(2025, 1, 1), date(2025, 12, 31))
    first = models.Commission.select(models.Commission.id).first().id
    cases = [
        ("decisions, whole campaign", consolidated.decisions, whole),
        ("decisions, one commission", consolidated.decisions,
         consolidated.ReportFilter(whole.date_from, whole.date_to, first)),
        ("decisions, one unit", consolidated.decisions,
         consolidated.ReportFilter(whole.date_from, whole.date_to, None, UNITS[0])),
        ("attendance and quorum", consolidated.attendance, whole),
        ("attendance, one unit", consolidated.attendance,
         consolidated.ReportFilter(whole.date_from, whole.date_to, None, UNITS[0])),
        ("deadlines per rule", lambda f: followup.deadlines(f, date(2026, 1, 31)), whole),
        ("evaluation bands", followup.evaluation_bands, whole),
        ("whole report (all parts)",
         lambda f: export.build_report(f, date(2026, 1, 31)), whole),
    ]  # fmt: skip
    print(f"\n{label}")
    for name, func, flt in cases:
        seconds, _ = _timed(func, flt, repeat=2)
        verdict = "ok" if seconds < GOAL_REPORT_S else "SLOW"
        print(f"  {name:<28} {seconds * 1000:8.1f} ms  (goal < {GOAL_REPORT_S:.0f} s) {verdict}")
    typed = "Әбілқасымов Дәурен"
    times = []
    for n in range(1, len(typed) + 1):
        seconds, _ = _timed(consolidated.search_cases, typed[:n].lower(), 50, repeat=3)
        times.append(seconds * 1000)
    worst = max(times)
    verdict = "ok" if worst < GOAL_KEYSTROKE_MS else "SLOW"
    print(
        f"  {'search per keystroke':<28} {worst:8.1f} ms worst, {sum(times) / len(times):.1f}"
        f" ms mean over {len(times)} keystrokes (goal < {GOAL_KEYSTROKE_MS:.0f} ms) {verdict}"
    )


def bench_backend(target: str, label: str, cases: int, sittings: int) -> None:
    from kzcommission.services.installation.database import close_database, open_database

    open_database(target)
    t0 = time.perf_counter()
    generate(cases, sittings)
    print(f"\n{label}: generated {cases:,} cases in {time.perf_counter() - t0:.1f} s")
    if "://" in target:
        models.database.execute_sql("ANALYZE")
    run_reports(label)
    close_database()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=70_000)
    parser.add_argument("--sittings", type=int, default=2_000)
    parser.add_argument("--pg-url", default=os.environ.get("KZ_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_backend(str(Path(tmp) / "bench.sqlite3"), "SQLite", args.cases, args.sittings)
    if not args.pg_url:
        print("\nPostgreSQL: skipped (no --pg-url and no KZ_TEST_POSTGRES_URL)")
        return
    import psycopg2

    name = f"kz_bench_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(args.pg_url)
    admin.autocommit = True
    try:
        with admin.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}"')
        url = args.pg_url.rsplit("/", 1)[0] + "/" + name
        bench_backend(url, "PostgreSQL", args.cases, args.sittings)
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


if __name__ == "__main__":
    main()
