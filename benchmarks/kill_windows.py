"""Crash windows (issue 18, item 7): SIGKILL first start, restore, print and export at
random moments and classify what each kill left behind.

Each attempt runs the operation in a child process. The child does its imports
and opens what it needs, says "ready", then does the one operation under test;
the kill lands at a uniformly random moment of that operation (up to 1.2 times
its measured length, so some kills come after the end). The whole process
group is killed, so the print pack's worker processes die with it. Outcomes:

* previous   the state before the operation (no database; the old database;
             no PDF; the previous report, package or no new backup)
* new        the complete new state (a complete database; the restored one;
             every PDF of the pack; a whole new export)
* partial    print only: some PDFs of the pack in place, each of them whole (the
             pack is rendered into a hidden folder, then its files renamed into
             place one by one: a kill during those renames)
* broken     anything else: a database the next start refuses or that is
             neither old nor new, a truncated file under its final name

Run:  .venv/bin/python benchmarks/kill_windows.py [--kills 100] [--only print]
The suite runs a few kills of each (tests/services/test_kill_windows.py).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCENARIOS = ("first_start", "restore", "print", "export")
EXPORTS = ("csv", "xlsx", "kzx", "backup")  # export kills cycle through these
KEY = b"kill-test-office-centre-key-0123456789"
PASSPHRASE = "kill-test passphrase"
PERIOD = ("2000-01-01", "2100-01-01")
OLD_MARK, NEW_MARK = "Previousstate", "Restoredstate"

# The child: argv = scenario, folder, variant. Everything before "ready" is setup.
CHILD = r"""
import sys
from pathlib import Path
scenario, folder, variant = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
from kzcommission.services.installation.database import open_database
from benchmarks.kill_windows import KEY, PASSPHRASE
if scenario == "first_start":
    target = folder / "new.sqlite3"
elif scenario == "restore":
    from kzcommission.services.installation.restore import restore_backup
else:
    open_database(folder / "office.sqlite3")
    from kzcommission.services.installation import backups
    from kzcommission.services.papers import printing
    from kzcommission.services.exchange.export import export_package
    from kzcommission.services.reports.consolidated import ReportFilter
    from kzcommission.services.reports.export import build_report, export_report
    from datetime import date
    import kzcommission.documents.report_tables, kzcommission.documents.pack
print("ready", flush=True)
if scenario == "first_start":
    open_database(target)
elif scenario == "restore":
    restore_backup(folder / "new.kzbak", folder / "office.sqlite3", PASSPHRASE)
elif scenario == "print":
    printing.print_pack(int(variant.split(":")[1]), "kk", folder / "out")
elif variant in ("csv", "xlsx"):
    flt = ReportFilter(date(2000, 1, 1), date(2100, 1, 1), None, None)
    export_report(build_report(flt), variant, folder / f"report.{variant}", "kk")
elif variant == "kzx":
    export_package(int(open(folder / "sitting").read()), folder / "sitting.kzx", key=KEY, lang="ru")
else:
    backups.backup_now(reason="kill", folder=folder / "backups", passphrase=PASSPHRASE)
print("done", flush=True)
"""


@dataclass
class Outcome:
    counts: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)  # leftovers worth saying (not outcomes)
    broken: list[str] = field(default_factory=list)  # what each broken outcome was

    def add(self, outcome: str, why: str = "") -> None:
        self.counts[outcome] += 1
        if outcome == "broken":
            self.broken.append(why)


def _child(scenario: str, folder: Path, variant: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, scenario, str(folder), variant],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the pack's workers die with it
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)},
    )


def _run(scenario: str, folder: Path, variant: str, kill_after: float | None) -> float:
    """Run the child; kill it ``kill_after`` s after "ready" (None: let it finish).
    Returns how long the operation ran (to the kill, or to its end)."""
    child = _child(scenario, folder, variant)
    assert child.stdout is not None
    line = child.stdout.readline()
    if line.strip() != "ready":
        child.kill()
        raise RuntimeError(f"{scenario}: the child did not start: {child.communicate()[1]}")
    start = time.perf_counter()
    if kill_after is None:
        rest, err = child.communicate()
        if child.returncode != 0 or "done" not in rest:
            raise RuntimeError(f"{scenario} {variant} failed: {err}")
        return time.perf_counter() - start
    time.sleep(kill_after)  # not child.wait(timeout): that polls in steps of up to 50 ms
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
    child.communicate()
    return time.perf_counter() - start


# --- classification -------------------------------------------------------------------


def _tables(path: Path) -> tuple[set[str], int, str]:
    """(tables, application id, schema version) read without writing; raises if damaged."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = ""
        if "schema_meta" in tables:
            row = conn.execute(
                "SELECT value FROM schema_meta WHERE key = 'schema_version'"
            ).fetchone()
            version = row[0] if row else ""
        return tables, app_id, version
    finally:
        conn.close()


def _next_start(path: Path) -> str:
    """Open the file as the next start would; "" when it opens, else the refusal."""
    from kzcommission.services.installation.database import close_database, open_database

    try:
        open_database(path)
    except Exception as exc:  # noqa: BLE001 - any refusal is the finding
        return f"{type(exc).__name__}: {exc}"
    finally:
        close_database()
    return ""


def _remove_database(path: Path) -> None:
    for p in path.parent.glob(path.name + "*"):
        p.unlink()


def classify_first_start(folder: Path) -> tuple[str, str]:
    from kzcommission.store import migrations
    from kzcommission.store.db import APPLICATION_ID

    path = folder / "new.sqlite3"
    state = "previous"
    if path.exists() and path.stat().st_size:
        try:
            tables, app_id, version = _tables(path)
        except sqlite3.Error as exc:
            return "broken", f"unreadable: {exc}"
        complete = {m._meta.table_name for m in migrations.all_models()} <= tables
        if tables and not (
            complete and app_id == APPLICATION_ID and version == str(migrations.latest_version())
        ):
            return "broken", f"half a schema: {len(tables)} tables, id {app_id}, v{version}"
        state = "new" if tables else "previous"
    refused = _next_start(path)
    if refused:
        return "broken", f"next start refused: {refused}"
    _remove_database(path)
    return state, ""


def _mark(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT surname FROM person WHERE surname IN (?, ?)", (OLD_MARK, NEW_MARK)
        ).fetchall()
    finally:
        conn.close()
    return rows[0][0] if len(rows) == 1 else f"{len(rows)} marks"


def classify_restore(folder: Path, pristine: Path) -> tuple[str, str]:
    target = folder / "office.sqlite3"
    refused = _next_start(target)  # finishes a journalled swap, as the app's start does
    if refused:
        return "broken", f"next start refused: {refused}"
    try:
        mark = _mark(target)
    except sqlite3.Error as exc:
        return "broken", f"unreadable after start: {exc}"
    outcome = {OLD_MARK: "previous", NEW_MARK: "new"}.get(mark, "broken")
    # Put the old database back for the next attempt.
    for p in folder.iterdir():
        if p.name.startswith("office.sqlite3"):
            p.unlink()
    shutil.copy(pristine, target)
    return outcome, "" if outcome != "broken" else f"the database holds {mark}"


def _whole_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]


def classify_print(folder: Path, expected: set[str]) -> tuple[str, str]:
    out = folder / "out"
    pdfs = {p.name: p for p in out.glob("*.pdf")} if out.exists() else {}
    bad = [n for n, p in pdfs.items() if not _whole_pdf(p.read_bytes())]
    shutil.rmtree(out, ignore_errors=True)
    if bad:
        return "broken", f"{len(bad)} truncated PDFs, e.g. {bad[0]}"
    if set(pdfs) - expected:
        return "broken", f"unexpected files {sorted(set(pdfs) - expected)[:2]}"
    if not pdfs:
        return "previous", ""
    return ("new", "") if set(pdfs) == expected else ("partial", "")


def _valid_export(variant: str, path: Path) -> bool:
    data = path.read_bytes()
    try:
        if variant == "csv":
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
            return bool(rows)
        if variant == "xlsx":
            from openpyxl import load_workbook

            load_workbook(io.BytesIO(data), read_only=True).close()
            return True
        if variant == "kzx":
            from kzcommission.services.exchange.importer import verify_package

            verify_package(path, KEY)
            return True
        from kzcommission.services.installation.backups import decrypt

        decrypt(path, PASSPHRASE)
        return True
    except Exception:  # noqa: BLE001 - any failure to read it back means broken
        return False


def classify_export(folder: Path, variant: str, previous: dict[str, bytes]) -> tuple[str, str]:
    if variant == "backup":
        made = sorted((folder / "backups").glob("*.kzbak"))
        readable = len(made) == 1 and _valid_export(variant, made[0])
        for p in made:
            p.unlink()
        if not made:
            return "previous", ""
        return ("new", "") if readable else ("broken", f"{len(made)} backups, not readable")
    name = "sitting.kzx" if variant == "kzx" else f"report.{variant}"
    path = folder / name
    if not path.exists():
        return "broken", f"{name} vanished"
    outcome = "previous" if path.read_bytes() == previous[name] else "new"
    if outcome == "new" and not _valid_export(variant, path):
        outcome = "broken"
    path.write_bytes(previous[name])
    return outcome, "" if outcome != "broken" else f"{name} is neither old nor whole"


def leftovers(folder: Path) -> int:
    """Hidden temporary files a kill left (kzcommission.files names them .NAME.xxxx.part),
    restore copies and print staging folders; the next start or print removes them once
    an hour old."""
    from kzcommission.documents.pack import STAGING_PREFIX

    found = [p for p in folder.rglob(".*.part") if STAGING_PREFIX not in str(p)]
    found += list(folder.rglob(".restore-*")) + list(folder.rglob(f"{STAGING_PREFIX}*"))
    for p in found:
        shutil.rmtree(p) if p.is_dir() else p.unlink()
    return len(found)


# --- setup ----------------------------------------------------------------------------


def _make_office(folder: Path) -> tuple[int, set[str], dict[str, bytes], Path]:
    """The office database with a finished demo sitting, a backup of it marked NEW,
    the old database marked OLD, the pack's file names and the previous exports."""
    from kzcommission.services.exchange.export import export_package
    from kzcommission.services.installation import backups
    from kzcommission.services.installation.database import close_database, open_database
    from kzcommission.services.papers import printing
    from kzcommission.services.preparation import persons
    from kzcommission.services.reports.consolidated import ReportFilter
    from kzcommission.services.reports.export import build_report, export_report
    from kzcommission.store import models
    from tests.services.finished_sitting import finish_demo

    office = folder / "office.sqlite3"
    open_database(office)
    sitting_id = finish_demo()
    models.Sitting.update(status="finalized").where(models.Sitting.id == sitting_id).execute()
    (folder / "sitting").write_text(str(sitting_id))
    new_mark = persons.add_person(NEW_MARK, "Kill")
    backups.backup_now(reason="new", folder=folder, passphrase=PASSPHRASE)
    (backup,) = folder.glob("*.kzbak")
    backup.rename(folder / "new.kzbak")
    models.Person.update(surname=OLD_MARK).where(models.Person.id == new_mark.id).execute()
    expected = {p.name for p in printing.print_pack(sitting_id, "kk", folder / "ref")}
    shutil.rmtree(folder / "ref")
    # The previous exports differ from the new ones (another language).
    flt = ReportFilter(date.fromisoformat(PERIOD[0]), date.fromisoformat(PERIOD[1]), None, None)
    report = build_report(flt)
    previous: dict[str, bytes] = {}
    for fmt in ("csv", "xlsx"):
        path = export_report(report, fmt, folder / f"report.{fmt}", "en")
        previous[path.name] = path.read_bytes()
    kzx = export_package(sitting_id, folder / "sitting.kzx", key=KEY, lang="en")
    previous[kzx.name] = kzx.read_bytes()
    close_database()
    pristine = folder / "pristine.sqlite3"
    shutil.copy(office, pristine)
    return sitting_id, expected, previous, pristine


def run_kills(
    kills: int,
    folder: Path,
    only: tuple[str, ...] = SCENARIOS,
    seed: int = 18,
    say: Callable[[str], None] = lambda _text: None,
) -> dict[str, Outcome]:
    """Kill each scenario ``kills`` times; the outcome counts per scenario."""
    folder.mkdir(parents=True, exist_ok=True)
    sitting_id, expected, previous, pristine = _make_office(folder)
    rng = random.Random(seed)
    results: dict[str, Outcome] = {}
    for scenario in only:
        result = results[scenario] = Outcome()
        variants = EXPORTS if scenario == "export" else (f"sitting:{sitting_id}",)
        classify: dict[str, Callable[[str], tuple[str, str]]] = {
            "first_start": lambda _v: classify_first_start(folder),
            "restore": lambda _v: classify_restore(folder, pristine),
            "print": lambda _v: classify_print(folder, expected),
            "export": lambda v: classify_export(folder, v, previous),
        }
        # How long each operation runs uninterrupted, to spread the kills over it.
        lengths = {}
        for variant in variants:
            lengths[variant] = _run(scenario, folder, variant, None)
            outcome, why = classify[scenario](variant)
            if outcome != "new":
                raise RuntimeError(f"{scenario} {variant} without a kill gave {outcome}: {why}")
            leftovers(folder)
        for attempt in range(kills):
            variant = variants[attempt % len(variants)]
            _run(scenario, folder, variant, rng.uniform(0, 1.2 * lengths[variant]))
            outcome, why = classify[scenario](variant)
            label = scenario if scenario != "export" else f"export {variant}"
            result.add(outcome, f"{label}: {why}")
            if scenario == "export":
                result.notes[f"{variant}: {outcome}"] += 1
            left = leftovers(folder)
            if left:
                result.notes["temporary files left"] += left
        say(f"{scenario}: {dict(result.counts)} {dict(result.notes)} (op ~{lengths})")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=100, help="kills per scenario")
    parser.add_argument("--only", choices=SCENARIOS, action="append")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--folder", type=Path, help="work folder (default: a temporary one)")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp)
        started = time.perf_counter()
        results = run_kills(args.kills, folder, tuple(args.only or SCENARIOS), args.seed, say=print)
        print(f"\n{args.kills} kills per scenario, {time.perf_counter() - started:.0f} s")
        print("| operation | kills | previous state | complete new | partial | broken |")
        print("|---|---|---|---|---|---|")
        for name, r in results.items():
            c = r.counts
            total = sum(c.values())
            print(f"| {name} | {total} | {c['previous']} | {c['new']} | {c['partial']} "
                  f"| {c['broken']} |")  # fmt: skip
        for name, r in results.items():
            for why in r.broken[:5]:
                print(f"broken {name}: {why}")
            if r.notes:
                print(f"{name}: {dict(r.notes)}")
    return 0 if all(not r.broken for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
