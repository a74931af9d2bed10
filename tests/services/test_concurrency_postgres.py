"""Several secretaries on one PostgreSQL server: nothing lost, conflicts reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.sitting import cases, sittings
from kzcommission.store.errors import ConflictError
from tests.postgres import fresh_database
from tests.services.helpers import add_employee, make_desk

CLIENT = r"""
import sys
from kzcommission.services.sitting import cases, sittings, voting
from kzcommission.services.preparation import persons
from kzcommission.services.installation.database import open_database

url, name, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
open_database(url)
sitting = sittings.list_sittings()[0]
seats = sittings.present_voting_seats(sitting.id)
done = 0
n = 0
while done < wanted:
    person = persons.add_person(f"{name}-{n}", "Client")
    case = cases.add_case(sitting.id, person.id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    for seat in seats:
        if done == wanted:
            break
        voting.cast_ballot(r.id, seat, "fits")
        print(r.id, seat, flush=True)
        done += 1
    n += 1
"""

BALLOTS_EACH = 1000


def test_two_clients_record_ballots_on_one_sitting():
    with fresh_database() as url:
        open_database(url)
        make_desk()
        close_database()
        root = Path(__file__).resolve().parents[2]
        clients = [
            subprocess.Popen(
                [sys.executable, "-c", CLIENT, url, name, str(BALLOTS_EACH)],
                cwd=root,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for name in ("north", "south")
        ]
        acknowledged = []
        for client in clients:
            out, err = client.communicate(timeout=600)
            assert client.returncode == 0, err
            acknowledged += [tuple(map(int, line.split())) for line in out.splitlines()]
        assert len(acknowledged) == 2 * BALLOTS_EACH
        assert len(set(acknowledged)) == len(acknowledged)

        import psycopg2

        conn = psycopg2.connect(url)
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT round_id, seat_id FROM ballot")
                stored = cur.fetchall()
        finally:
            conn.close()
        assert sorted(stored) == sorted(acknowledged)  # nothing lost, no duplicates


def test_two_clients_editing_one_case_get_a_conflict(database, backend):
    """The second writer holding an old version is told, not silently overwritten."""
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    mine = cases.get_case(case.id)
    theirs = cases.get_case(case.id)
    cases.set_text(
        case.id, "questions", "Asked about the district plan", expected_version=theirs.version
    )
    with pytest.raises(ConflictError, match="changed by someone else"):
        cases.set_text(case.id, "questions", "Something else", expected_version=mine.version)
    assert cases.get_case(case.id).texts["questions"] == "Asked about the district plan"
    assert sittings.get_sitting(desk.sitting_id).status == "open"


OTHER_DESK = r"""
import sys
from datetime import date
from kzcommission.services.preparation import personnel
from kzcommission.services.installation.database import open_database

open_database(sys.argv[1])
personnel.update_record(
    int(sys.argv[2]), position="Senior inspector", grade="1",
    appointed_on=date(2021, 3, 1), service_start=date(2015, 9, 1),
)
"""


def test_a_personnel_record_saved_on_another_desk_is_not_overwritten():
    """Issue 22, two processes on one PostgreSQL server: desk A loads a record, desk B saves
    it, desk A's save over the older version is refused naming position and grade."""
    from datetime import date

    from kzcommission.services.preparation import personnel, persons

    with fresh_database() as url:
        open_database(url)
        try:
            person = persons.add_person("Сейітов", "Нұрлан", personnel_number="E1")
            personnel.update_record(
                person.id, position="Inspector", grade="2",
                appointed_on=date(2021, 3, 1), service_start=date(2015, 9, 1),
            )  # fmt: skip
            loaded = personnel.get_record(person.id)
            root = Path(__file__).resolve().parents[2]
            subprocess.run(
                [sys.executable, "-c", OTHER_DESK, url, str(person.id)], cwd=root, check=True
            )

            def mine():
                return personnel.update_record(
                    person.id, position="Chief", grade="2",
                    appointed_on=date(2021, 3, 1), service_start=date(2015, 9, 1),
                )  # fmt: skip

            with pytest.raises(personnel.RecordChanged) as refused:
                personnel.save_over(loaded, mine)
            assert refused.value.changed == ("position", "grade")
            assert personnel.get_record(person.id).position == "Senior inspector"
        finally:
            close_database()


ANOTHER_DESK = r"""
import sys
from datetime import date
from kzcommission.services.sitting import cases
from kzcommission.services.evaluation import corps_a, corps_b
from kzcommission.services.installation.database import open_database

open_database(sys.argv[1])
what, ids = sys.argv[2], [int(n) for n in sys.argv[3:]]
if what == "case":
    case = cases.get_case(ids[0])
    loaded = {f: case.texts[f] for f in ("materials", "questions", "comments", "opinion")}
    cases.save_texts(case.id, loaded, {"questions": "Asked on desk 2"})
elif what == "sheet":
    employee, head = ids
    (sheet,) = corps_b.list_sheets(2026)
    corps_b.save_over(sheet, employee, 2026, 1, lambda: corps_b.save_sheet(
        employee, head, 2026, 1, "non_leading", ["5"] * 5,
        evaluated_on=date(2026, 4, 11), days_worked=55))
else:
    (agreement,) = corps_a.list_agreements(2025)
    corps_a.set_review(agreement.id, "Reviewed on desk 2")
"""


def _other_desk(url: str, what: str, *ids: int) -> None:
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-c", ANOTHER_DESK, url, what, *map(str, ids)], cwd=root, check=True
    )


def test_a_case_text_saved_on_another_desk_is_not_overwritten():
    """Issue 22 item 8, two processes on one PostgreSQL server: desk 1 loads a case's texts,
    desk 2 saves the questions, desk 1's save over the older version is refused naming
    them; desk 2's text stays, desk 1's typing is not written."""
    from kzcommission.services.stale import ChangedElsewhere

    with fresh_database() as url:
        open_database(url)
        try:
            case = cases.add_case(make_desk().sitting_id, add_employee().id, "regular")
            view = cases.get_case(case.id)
            loaded = {f: view.texts[f] for f in ("materials", "questions", "comments", "opinion")}
            _other_desk(url, "case", case.id)
            with pytest.raises(ChangedElsewhere) as refused:
                cases.save_texts(case.id, loaded, {"materials": "Mine", "questions": "Mine"})
            assert refused.value.changed == ("questions",)
            now = cases.get_case(case.id)
            assert now.texts["questions"] == "Asked on desk 2" and now.texts["materials"] == ""
        finally:
            close_database()


def test_an_evaluation_sheet_saved_on_another_desk_is_not_overwritten():
    """Issue 22 item 8, two processes: desk 1 loads a corps B sheet (R-EVB-3) and a corps A
    agreement (R-EVA-1), desk 2 saves each, desk 1's saves are refused naming what changed
    (scores; review), and desk 2's values stay."""
    from datetime import date

    from kzcommission.services.evaluation import corps_a, corps_b
    from kzcommission.services.stale import ChangedElsewhere
    from tests.services.eval_helpers import five_kpis, person

    with fresh_database() as url:
        open_database(url)
        try:
            employee, head = person("Bekov", "B1"), person("Head", "H1")

            def my_sheet(loaded):
                return corps_b.save_over(loaded, employee.id, 2026, 1, lambda: (
                    corps_b.save_sheet(employee.id, head.id, 2026, 1, "non_leading",
                                            ["3"] * 5, evaluated_on=date(2026, 4, 10),
                                            days_worked=55)
                ))  # fmt: skip

            sheet = my_sheet(None)
            _other_desk(url, "sheet", employee.id, head.id)
            with pytest.raises(ChangedElsewhere) as refused:
                my_sheet(sheet)
            assert refused.value.changed == ("scores", "evaluated_on")
            assert [str(s) for s in corps_b.get_sheet(sheet.id).scores] == ["5.00"] * 5

            agreement = corps_a.save_agreement(employee.id, 2025, five_kpis())
            _other_desk(url, "agreement")
            with pytest.raises(ChangedElsewhere) as refused:
                corps_a.save_over(agreement, employee.id, 2025, lambda: (
                    corps_a.set_review(agreement.id, "Mine")
                ))  # fmt: skip
            assert refused.value.changed == ("review",)
            assert corps_a.get_agreement(agreement.id).review == "Reviewed on desk 2"

        finally:
            close_database()
