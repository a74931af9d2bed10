"""UI speed: start-up with a large database, keystrokes per case, roster filtering.

    .venv/bin/python benchmarks/bench_ui.py [--persons 100000] [--sittings 2000] [--runs 5]

(a) process start to main window shown, 100,000 employees and 2,000 sittings,
    against a bare PySide6 window in the same run (subprocesses, median); goal <= 1.5x.
(b) keystrokes per 9-voter case, counted by the test driver: extraordinary, regular,
    regular with the nine scorecards (goal <= 16), a 4-4 tie; --keys runs only this.
(c) filtering the roster as the user types; goal < 30 ms a keystroke.
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SURNAMES = [
    "Ахметов",
    "Иванов",
    "Сейітқали",
    "Жұмабеков",
    "Нұрғалиев",
    "Ибраев",
    "Оспанов",
    "Петров",
    "Төлеуов",
    "Смағұлов",
    "Қасымов",
    "Әбенов",
    "Әлиев",
    "Байжанов",
    "Мұхаметжанов",
    "Кузнецов",
    "Есенов",
    "Сәрсенбаев",
    "Шәкенов",
    "Қожахметов",
    "Ильясов",
    "Өтебаев",
    "Сидоров",
    "Ким",
]
GIVEN = ["Ерлан", "Әсем", "Дәурен", "Гүлнұр", "Ғалым", "Андрей", "Нұрлан", "Айгерім", "Тимур"]

APP_CHILD = """
import os, sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from kzcommission.ui import app as ui_app
from kzcommission.ui.main_window import MainWindow
# As ui.app.run: the window first, then the database and the first screen.
w = MainWindow(sys.argv[1], "en", start=False)
w.show()
app.processEvents()
shown = time.time()
ui_app.start(w, sys.argv[1], trust=False)
app.processEvents()
print(shown, time.time(), type(w.page).__name__, flush=True)
os._exit(0)
"""
BARE_CHILD = """
import os, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.resize(1440, 900)
w.show()
app.processEvents()
print(time.time(), flush=True)
os._exit(0)
"""


def build_database(path: Path, n_persons: int, n_sittings: int) -> None:
    from kzcommission.services.installation.database import close_database, open_database
    from kzcommission.services.installation.demo import create_demo
    from kzcommission.services.preparation import roster
    from kzcommission.services.sitting import sittings

    open_database(path)
    create_demo()
    rng = random.Random(7)
    rows = [
        roster.RosterRow(
            i,
            {
                "personnel_number": f"P{i:07d}",
                "surname": f"{rng.choice(SURNAMES)}{'а' if i % 2 else ''}",
                "given_name": rng.choice(GIVEN),
                "patronymic": "",
                "position": "Inspector",
            },
        )
        for i in range(n_persons)
    ]
    roster.import_rows(rows)
    commission_id = sittings.get_sitting(1).commission_id
    from kzcommission.services.unit import write

    @write("sitting.edit")
    def many() -> None:  # one transaction: a benchmark fixture, not a user action
        start = date(2020, 1, 1)
        for i in range(n_sittings - 1):
            sittings.create_sitting(commission_id, start + timedelta(days=i), number=f"B{i}")

    many()
    close_database()


def time_child(code: str, args: list[str]) -> list[float]:
    """Seconds from process start to each time stamp the child prints."""
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    fields = out.strip().splitlines()[-1].split()
    return [float(f) - started for f in fields if f.replace(".", "", 1).isdigit()]


def bench_startup(db: Path, runs: int) -> None:
    bare, shown, ready = [], [], []
    for _ in range(runs):  # interleaved, so disk cache and CPU state hit both alike
        bare.append(time_child(BARE_CHILD, [])[0])
        app_shown, app_ready = time_child(APP_CHILD, [str(db)])
        shown.append(app_shown)
        ready.append(app_ready)
    b, s, r = statistics.median(bare), statistics.median(shown), statistics.median(ready)
    print(
        f"(a) process start to main window shown: bare PySide6 {b * 1000:.0f} ms, "
        f"kzcommission {s * 1000:.0f} ms, ratio {s / b:.2f} (goal <= 1.5); first screen "
        f"filled (database open, home page) at {r * 1000:.0f} ms, ratio {r / b:.2f}; "
        f"median of {runs} runs"
    )


class _Bot:
    """The part of pytest-qt's qtbot the driver uses, on QTest."""

    def keyClick(self, widget, key, modifier=None):  # noqa: ANN001, N802
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(widget, key, modifier or Qt.KeyboardModifier.NoModifier)


SCENARIOS = (
    ("extraordinary", "an extraordinary case (Decree 490)", "extraordinary"),
    ("regular", "a regular case, without scorecards", "regular"),
    ("scorecards", "a regular case with the nine scorecards (R-DOC-4)", "regular"),
    ("tie", "a 4-4 tie on a regular case, the chair's casting vote", "regular"),
)


def bench_keystrokes() -> dict[str, int]:
    """Keys per unanimous 9-voter case, from the case selected to the next one selected."""
    from PySide6.QtWidgets import QApplication

    from kzcommission.services.installation.database import close_database, open_database
    from kzcommission.services.preparation import persons
    from kzcommission.services.sitting import cases, scorecards
    from kzcommission.ui.console import SittingConsole
    from tests.services.helpers import make_desk
    from tests.ui.driver import Keys, keys_for_case

    app = QApplication.instance() or QApplication([])
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "keys.sqlite3")
        desk = make_desk(held_on=date(2024, 9, 17))
        ids = []
        for number, (_name, _label, kind) in enumerate((*SCENARIOS, SCENARIOS[0])):
            person = persons.add_person("Employee", f"K{number}", personnel_number=f"K{number}")
            grade = {"candidate_grade": "2"} if kind == "regular" else {}
            ids.append(cases.add_case(desk.sitting_id, person.id, kind, **grade).id)
        cases.recuse(ids[3], desk.voting[-1], "a relative")  # eight voters for the 4-4 tie
        console = SittingConsole("en", desk.sitting_id, lambda: None)
        console.show()
        console.activateWindow()
        app.processEvents()
        keys = Keys(_Bot())
        for case_id, (name, _label, _kind) in zip(ids, SCENARIOS, strict=False):
            assert console.case.id == case_id, (console.case, case_id)
            counts[name] = keys_for_case(keys, console, name)
            view = cases.get_case(case_id)
            assert view.decision in ("fits", "fits_promote"), view
            assert name == "extraordinary" or view.grade_result == "grade:2", view
        cards = scorecards.scorecards_of(ids[2])
        assert len(cards) == 9 and all(
            (c.score, c.decision, c.grade) == ("excellent", "fits", "grade:2")
            for c in cards.values()
        ), cards
        console.close()
        close_database()
    print("(b) keystrokes per case of 9 voters, from the case selected to the next one selected:")
    for name, label, _kind in SCENARIOS:
        goal = " (goal <= 16)" if name == "scorecards" else ""
        print(f"    {label}: {counts[name]}{goal}")
    return counts


def bench_filter(db: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from kzcommission.services.installation.database import close_database, open_database
    from kzcommission.services.preparation import persons
    from kzcommission.ui import name_index
    from kzcommission.ui.roster_model import RosterModel

    QApplication.instance() or QApplication([])
    open_database(db)
    started = time.perf_counter()
    index = name_index.NameIndex(persons.name_keys())
    built = time.perf_counter() - started
    name_index._index = index  # what build_in_background leaves behind, without the thread
    model = RosterModel("en")
    times = []
    for word in ("Иванова", "Сейітқали", "P00123", "Ахметов", "Ким", "Ерлан"):
        for end in range(1, len(word) + 1):
            started = time.perf_counter()
            model.set_filter(word[:end])
            times.append(time.perf_counter() - started)
    close_database()
    times.sort()
    print(
        f"(c) roster filter per keystroke over {len(times)} keystrokes: median "
        f"{statistics.median(times) * 1000:.1f} ms, 95th "
        f"{times[int(len(times) * 0.95)] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms "
        f"(goal < 30 ms); the index is built once, in the background, in {built:.2f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--sittings", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", action="store_true", help="only (b), the keystrokes")
    args = parser.parse_args()
    if args.keys:
        bench_keystrokes()
        return 0
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "big.sqlite3"
        started = time.perf_counter()
        build_database(db, args.persons, args.sittings)
        print(
            f"database of {args.persons} employees and {args.sittings} sittings built in "
            f"{time.perf_counter() - started:.1f} s"
        )
        bench_startup(db, args.runs)
        bench_filter(db)
    bench_keystrokes()
    return 0


if __name__ == "__main__":
    sys.exit(main())
