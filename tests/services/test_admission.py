"""R-ELIG-3 Reading: who may be added to a sitting (services/sitting/cases.py:add_case).

Refused naming the rule: R-ELIG-1 (pregnant, fewer than six months in post),
R-ELIG-3 (on leave, or fewer than six months since resuming), R-ELIG-6 (re-certification
before three months). Not yet due: accepted with an application (R-ELIG-4) or an ordered
re-certification, otherwise accepted with the date he falls due. A day off is warned about.
"""

from __future__ import annotations

from datetime import date

import pytest

from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation import personnel, persons
from kzcommission.services.sitting import cases
from kzcommission.store import models
from tests.services.helpers import make_desk
from tests.services.test_due import _employee as due_employee

HELD = date(2025, 3, 12)  # a Wednesday
TODAY = date(2025, 3, 1)


def _employee(appointed: date, service: date | None = None, name: str = "Employee") -> int:
    return due_employee(name, appointed, service or appointed)


def _cases(person_id: int) -> int:
    return models.Case.select().where(models.Case.person == person_id).count()


@pytest.mark.parametrize(
    ("rule_id", "prepare"),
    [
        ("R-ELIG-1", lambda pid: personnel.set_pregnant(pid, True)),
        ("R-ELIG-3", lambda pid: personnel.add_leave(pid, "unpaid", date(2025, 2, 1), today=TODAY)),
        (
            "R-ELIG-3",  # back on 01.01.2025: not before 01.07.2025
            lambda pid: personnel.add_leave(
                pid, "parental", date(2024, 1, 1), date(2024, 12, 31), today=TODAY
            ),
        ),
        (
            "R-ELIG-6",  # decided "recertify" on 01.02.2025: not before 01.05.2025
            lambda pid: personnel.add_certification(
                pid, date(2025, 2, 1), "regular", "recertify", today=TODAY
            ),
        ),
    ],
)
def test_excluded_person_refused_naming_the_rule(database, rule_id, prepare):
    desk = make_desk(members=3, held_on=HELD)
    pid = _employee(date(2015, 3, 1))
    prepare(pid)
    with pytest.raises(ServiceError) as refused:
        cases.add_case(desk.sitting_id, pid, "regular")
    assert refused.value.rule_id == rule_id
    assert _cases(pid) == 0


def test_fewer_than_six_months_in_post_refused_r_elig_1(database):
    desk = make_desk(members=3, held_on=HELD)
    pid = _employee(date(2024, 12, 1), date(2010, 1, 1))
    with pytest.raises(ServiceError) as refused:
        cases.add_case(desk.sitting_id, pid, "regular")
    assert refused.value.rule_id == "R-ELIG-1" and "01.06.2025" in str(refused.value)
    assert _cases(pid) == 0


def test_due_accepted_without_warning(database):
    desk = make_desk(members=3, held_on=HELD)
    pid = _employee(date(2015, 3, 1))  # overdue since 2018
    view = cases.add_case(desk.sitting_id, pid, "regular")
    assert view.falls_due_on is None and not view.sitting_day_off
    assert _cases(pid) == 1


def test_not_yet_due_accepted_with_the_date_he_falls_due(database):
    desk = make_desk(members=3, held_on=HELD)
    pid = _employee(date(2023, 6, 1))  # due 01.06.2026
    view = cases.add_case(desk.sitting_id, pid, "regular")
    assert view.falls_due_on == date(2026, 6, 1)
    assert _cases(pid) == 1


def test_not_yet_due_with_application_accepted_r_elig_4(database):
    desk = make_desk(members=3, held_on=HELD)
    pid = _employee(date(2023, 6, 1))
    personnel.add_application(pid, date(2025, 2, 10), "1", today=TODAY)
    view = cases.add_case(desk.sitting_id, pid, "regular")
    assert view.falls_due_on is None
    assert _cases(pid) == 1


def test_recertification_after_three_months_accepted_r_elig_6(database):
    desk = make_desk(members=3, held_on=HELD)
    pid = _employee(date(2015, 3, 1))
    personnel.add_certification(pid, date(2024, 11, 1), "regular", "recertify", today=TODAY)
    view = cases.add_case(desk.sitting_id, pid, "repeat")
    assert view.falls_due_on is None
    assert _cases(pid) == 1


def test_person_without_a_record_accepted(database):
    desk = make_desk(members=3, held_on=HELD)
    person = persons.add_person("No", "Record")
    view = cases.add_case(desk.sitting_id, person.id, "regular")
    assert view.falls_due_on is None


def test_sitting_on_a_day_off_is_warned_about(database):
    desk = make_desk(members=3, held_on=date(2025, 3, 8))  # 8 March, a holiday and a Saturday
    pid = _employee(date(2015, 3, 1))
    view = cases.add_case(desk.sitting_id, pid, "regular")
    assert view.sitting_day_off is True
