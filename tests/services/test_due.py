"""Who is due (R-ELIG-1..R-ELIG-6) and the half-yearly list (R-ELIG-5), through the services."""

from __future__ import annotations

from datetime import date

import pytest

from kzcommission.services.context import Actor, reset_actor, set_actor
from kzcommission.services.preparation import due, personnel, persons
from kzcommission.services.sitting import cases, followup, voting
from kzcommission.store import models
from tests.services.helpers import make_desk

ON = date(2025, 7, 1)
TODAY = date(2025, 7, 1)


def _employee(name: str, appointed: date, service: date) -> int:
    person = persons.add_person(name, "Test", personnel_number=name)
    personnel.update_record(
        person.id,
        position="Inspector",
        grade="2",
        appointed_on=appointed,
        service_start=service,
        today=TODAY,
    )
    return person.id


def _decide(person_id: int, option: str) -> int:
    desk = make_desk(members=3, held_on=date(2025, 3, 12))
    case = cases.add_case(desk.sitting_id, person_id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    voting.cast_all(r.id, option)
    voting.close_round(r.id)
    return case.id


def regular_cycle():
    pid = _employee("Cycle", date(2019, 3, 1), date(2019, 3, 1))
    personnel.add_certification(pid, date(2022, 5, 1), "regular", "fits", today=TODAY)
    return pid


def overdue_cycle():
    return _employee("Overdue", date(2019, 3, 1), date(2019, 3, 1))


def new_in_position():
    return _employee("Newcomer", date(2025, 2, 1), date(2010, 1, 1))


def pregnant():
    pid = _employee("Pregnant", date(2019, 3, 1), date(2019, 3, 1))
    personnel.set_pregnant(pid, True)
    return pid


def open_leave():
    pid = _employee("OnLeave", date(2019, 3, 1), date(2019, 3, 1))
    personnel.add_certification(pid, date(2022, 5, 1), "regular", "fits", today=TODAY)
    personnel.add_leave(pid, "maternity", date(2024, 11, 1), None, today=TODAY)
    return pid


def after_leave():
    pid = _employee("Returned", date(2019, 3, 1), date(2019, 3, 1))
    personnel.add_certification(pid, date(2022, 5, 1), "regular", "fits", today=TODAY)
    personnel.add_leave(pid, "unpaid", date(2024, 10, 1), date(2025, 3, 31), today=TODAY)
    return pid


def applied():
    pid = _employee("Applicant", date(2020, 1, 1), date(2020, 1, 1))
    personnel.add_certification(pid, date(2023, 1, 15), "regular", "fits", today=TODAY)
    personnel.add_application(pid, date(2025, 5, 1), grade="1", today=TODAY)
    return pid


def recertify():
    pid = _employee("Recertify", date(2019, 3, 1), date(2019, 3, 1))
    _decide(pid, "recertify")
    return pid


def appeal_cancelled():
    pid = _employee("Appealed", date(2019, 3, 1), date(2019, 3, 1))
    case_id = _decide(pid, "unfit")
    appeal = followup.file_appeal(case_id, date.today())
    followup.decide_appeal(appeal.id, "cancelled", date.today())
    return pid


# (rule id, setup, reason, window start or None, listed as due on ON, overdue)
CASES = [
    ("R-ELIG-2", regular_cycle, "three_years_of_service", date(2025, 3, 1), True, False),
    ("R-ELIG-2", overdue_cycle, "three_years_of_service", date(2022, 3, 1), True, True),
    ("R-ELIG-1", new_in_position, "six_months_in_position", date(2025, 8, 1), False, False),
    ("R-ELIG-1", pregnant, "pregnant", None, False, False),
    ("R-ELIG-3", open_leave, "on_leave", None, False, False),
    ("R-ELIG-3", after_leave, "after_leave", date(2025, 10, 1), False, False),
    ("R-ELIG-4", applied, "next_category_application", date(2025, 5, 1), True, False),
    ("R-ELIG-6", recertify, "recertification", date(2025, 6, 12), True, False),
    ("R-ELIG-6", appeal_cancelled, "recertification", date(2025, 6, 12), True, False),
]


@pytest.mark.parametrize(
    ("rule_id", "setup", "reason", "start", "listed", "overdue"),
    CASES,
    ids=[f"{c[0]}-{c[1].__name__}" for c in CASES],
)
def test_due_list(database, rule_id, setup, reason, start, listed, overdue):
    pid = setup()
    rows = {r.person.id: r for r in due.due_list(ON)}
    outcome = due.due_list(ON, [pid])
    assert len(outcome) == (1 if listed or start is None else 0)
    row = due.load_histories([pid])
    assert pid in row[1]
    if start is None:  # an exclusion, listed with its reason
        assert rows[pid].excluded and rows[pid].reason == reason
        assert rows[pid].rule_id == rule_id
        return
    assert (pid in rows) is listed
    if listed:
        assert rows[pid].rule_id == rule_id and rows[pid].reason == reason
        assert rows[pid].window.start == start
        assert rows[pid].overdue is overdue
    else:
        half = due.half_year(ON)
        entry = next(r for r in half.due if r.person.id == pid)
        assert entry.window.start == start and entry.rule_id == rule_id


def test_members_without_a_record_are_not_listed(database):
    make_desk(members=3)
    assert due.due_list(ON) == []


def test_pregnancy_reason_masked_without_permission(database):
    """R-ELIG-1: a member sees that someone is excluded, not why."""
    pid = pregnant()
    set_actor(Actor(name="m", role="member"))
    try:
        row = next(r for r in due.due_list(ON) if r.person.id == pid)
    finally:
        reset_actor()
    assert row.excluded and row.reason == "restricted" and row.rule_id == "R-ELIG-1"


def test_half_year_list(database):
    """R-ELIG-5: due within the half-year (overdue carried over), and the excluded."""
    for setup in (regular_cycle, overdue_cycle, new_in_position, pregnant, open_leave):
        setup()
    half = due.half_year(due.half_year_start(ON))
    assert (half.start, half.end) == (date(2025, 7, 1), date(2025, 12, 31))
    names = [r.person.full_name for r in half.due]
    assert names[0] == "Overdue Test"  # the overdue first
    assert set(names) == {"Overdue Test", "Cycle Test", "Newcomer Test"}
    assert {r.reason for r in half.excluded} == {"pregnant", "on_leave"}
    assert due.next_half_year(date(2025, 8, 9)) == date(2026, 1, 1)
    assert 2026 not in half.provisional or half.provisional == sorted(half.provisional)


def test_queries_do_not_grow_with_employees(database, monkeypatch):
    """A fixed number of queries, whatever the number of employees (100,000 in the benchmark)."""
    db = models.database.obj
    counted: list[str] = []
    original = db.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        counted.append(sql)
        return original(sql, params, *args, **kwargs)

    for index in range(3):
        _employee(f"A{index}", date(2019, 3, 1), date(2019, 3, 1))
    monkeypatch.setattr(db, "execute_sql", counting)
    due.due_list(ON)
    few = len(counted)
    monkeypatch.undo()
    for index in range(30):
        _employee(f"B{index}", date(2019, 3, 1), date(2019, 3, 1))
    counted.clear()
    monkeypatch.setattr(db, "execute_sql", counting)
    due.due_list(ON)
    assert len(counted) == few <= 10


def test_pregnancy_hidden_from_a_viewer_and_nothing_shown_unsigned_where_accounts_exist(
    database,
):
    """R-ELIG-1, R-CAL-4: once the installation has accounts, nobody unsigned reads the
    list at all (issue 18), and the restricted ground is shown only to a signed-in role
    that may see it, on the screen's list and on paper."""
    import pytest

    from kzcommission.services import permissions
    from kzcommission.services.context import Actor, acting_as
    from kzcommission.services.errors import PermissionDenied
    from kzcommission.services.installation import accounts

    pid = pregnant()
    accounts.create_user("admin", "password-1", "administrator")
    permissions.forget_accounts_check()
    with pytest.raises(PermissionDenied, match="sign in"):
        due.due_list(ON)
    with acting_as(Actor(name="v", role="viewer", user_id=2)):
        row = next(r for r in due.due_list(ON) if r.person.id == pid)
        assert row.reason == "restricted" and row.rule_id == "R-ELIG-1"
        half = due.half_year(due.half_year_start(ON))
    assert {r.reason for r in half.excluded if r.person.id == pid} == {"restricted"}
