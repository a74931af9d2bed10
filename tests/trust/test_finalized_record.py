"""A finalized sitting's whole record is sealed (issue 17): a change behind the application's
back to any of its rows is named by verify-db, and a status put back to "open" does not
reopen it for the services."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kzcommission.services.errors import LockedError
from kzcommission.services.sitting import cases, finalize, scorecards, sittings, voting
from kzcommission.services.trust import integrity
from tests.services.helpers import add_employee, explain_findings, make_desk


def _finalized_sitting() -> int:
    desk = make_desk(members=5)
    # R-DEC-3: his grade 2 at stake, so the grade is voted (two options, never one).
    person = add_employee("Sealed", "F1", grade="2")
    case = cases.add_case(desk.sitting_id, person.id, "regular")
    cases.set_appearance(case.id, "present")
    cases.recuse(case.id, desk.voting[4], "relative")
    r = voting.open_round(case.id)
    voting.cast_all(r.id, "fits")
    voting.close_round(r.id)
    for seat in desk.voting[:4]:
        scorecards.save_scorecard(case.id, seat, score="good")
    if voting.needs_grade_vote(case.id):  # R-DEC-3: the grade outcome before finalizing
        g = voting.open_round(case.id, voting.GRADE)
        voting.cast_all(g.id, g.options[-1])
        voting.close_round(g.id)
    explain_findings(desk.sitting_id)
    finalize.finalize_sitting(desk.sitting_id, backup=False)
    assert integrity.verify_database().outcome == "intact"
    return desk.sitting_id


LAST_EVENT = "(SELECT max(id) FROM attendance_event)"
TAMPERING = [
    ("a case's decision", "UPDATE \"case\" SET decision = 'unfit'", "case row"),
    ("a round's adopted option", "UPDATE vote_round SET adopted = 'unfit'", "vote_round row"),
    (
        "an attendance time",
        "UPDATE attendance_event SET at = '2020-01-01 09:00:00'",
        "attendance_event",
    ),
    ("an attendance kind", "UPDATE attendance_event SET kind = 'absent'", "attendance_event"),
    (
        "an attendance event deleted",
        f"DELETE FROM attendance_event WHERE id = {LAST_EVENT}",
        "deleted",
    ),
    ("a scorecard", "UPDATE scorecard SET score = 'excellent'", "scorecard row"),
    ("a recusal deleted", "DELETE FROM recusal", "recusal row"),
    (
        "an attendance event inserted",
        "INSERT INTO attendance_event (sitting_id, seat_id, kind, at, note) "
        "SELECT sitting_id, seat_id, 'left', at, '' FROM attendance_event LIMIT 1",
        "inserted",
    ),
    ("the status back to open", "UPDATE sitting SET status = 'open'", "sitting row"),
]


@pytest.mark.parametrize(("what", "sql", "named"), TAMPERING, ids=[t[0] for t in TAMPERING])
def test_any_change_to_a_finalized_record_is_named(sqlite_database, what, sql, named):
    _finalized_sitting()
    conn = sqlite3.connect(sqlite_database)
    with conn:
        conn.execute(sql)
    conn.close()
    report = integrity.verify_database()
    assert report.outcome == "altered" and report.exit_code == 1, what
    assert any(named in p.message for p in report.tampered), [p.message for p in report.tampered]


def test_a_status_put_back_does_not_reopen_the_sitting(sqlite_database: Path):
    sitting_id = _finalized_sitting()
    conn = sqlite3.connect(sqlite_database)
    with conn:
        conn.execute("UPDATE sitting SET status = 'open'")
    conn.close()
    assert sittings.get_sitting(sitting_id).status == "open"  # what the column says
    (case,) = cases.list_cases(sitting_id)
    with pytest.raises(LockedError, match="history says so"):
        cases.set_text(case.id, "questions", "rewritten")
    with pytest.raises(LockedError):
        finalize.finalize_sitting(sitting_id, backup=False)
    with pytest.raises(LockedError):
        sittings.mark_attendance(sitting_id, 1, "left")
