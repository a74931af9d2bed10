"""Personnel records (R-ELIG-1..6): each bad input refused naming the field, nothing saved."""

from __future__ import annotations

from datetime import date

import pytest

from kzcommission.services.context import Actor, reset_actor, set_actor
from kzcommission.services.errors import PermissionDenied, ServiceError
from kzcommission.services.preparation import personnel, persons
from kzcommission.store import models

TODAY = date(2025, 6, 1)


@pytest.fixture
def employee(database):
    person = persons.add_person("Сейітов", "Нұрлан", personnel_number="E1")
    personnel.update_record(
        person.id,
        position="Inspector",
        grade="2",
        appointed_on=date(2021, 3, 1),
        service_start=date(2015, 9, 1),
        today=TODAY,
    )
    personnel.add_leave(person.id, "unpaid", date(2022, 1, 10), date(2022, 2, 10), today=TODAY)
    return person.id


def _saved_counts() -> tuple[int, ...]:
    from kzcommission.store.models import (
        CategoryApplication,
        CertificationRecord,
        PersonnelLeave,
    )

    person = models.Person.get(models.Person.personnel_number == "E1")
    return (
        PersonnelLeave.select().count(),
        CertificationRecord.select().count(),
        CategoryApplication.select().count(),
        person.appointed_on.toordinal(),
    )


def test_record_round_trip(employee):
    personnel.add_certification(employee, date(2021, 10, 1), "regular", "fits", today=TODAY)
    personnel.add_application(employee, date(2024, 2, 1), grade="1", today=TODAY)
    record = personnel.get_record(employee)
    assert record.position == "Inspector" and record.grade == "2"
    assert [leaf.kind for leaf in record.leaves] == ["unpaid"]
    assert record.certifications[0].result == "fits"
    assert record.applications[0].grade == "1"
    assert record.pregnant is False  # the administrator may see it (R-ELIG-1)


BAD_INPUTS = [
    # (rule, call, field named)
    (
        "R-ELIG-1 appointment after today",
        lambda pid: personnel.update_record(
            pid,
            position="Inspector",
            grade="2",
            appointed_on=date(2025, 7, 1),
            service_start=date(2015, 9, 1),
            today=TODAY,
        ),
        "appointed_on",
    ),
    (
        "R-ELIG-3 leave ends before it starts",
        lambda pid: personnel.add_leave(
            pid, "maternity", date(2023, 5, 1), date(2023, 4, 1), today=TODAY
        ),
        "end",
    ),
    (
        "R-ELIG-3 overlapping leaves",
        lambda pid: personnel.add_leave(
            pid, "parental", date(2022, 2, 1), date(2022, 6, 1), today=TODAY
        ),
        "start",
    ),
    (
        "R-ELIG-2 certification before the appointment",
        lambda pid: personnel.add_certification(
            pid, date(2020, 12, 1), "regular", "fits", today=TODAY
        ),
        "on",
    ),
    (
        "R-ELIG-2 certification after today",
        lambda pid: personnel.add_certification(pid, date(2025, 8, 1), "regular", today=TODAY),
        "on",
    ),
    (
        "R-ELIG-3 unknown leave kind",
        lambda pid: personnel.add_leave(pid, "holiday", date(2023, 5, 1), today=TODAY),
        "kind",
    ),
    (
        "R-ELIG-4 application after today",
        lambda pid: personnel.add_application(pid, date(2025, 9, 1), today=TODAY),
        "applied_on",
    ),
    (
        "R-ELIG-2 service starts after the appointment",
        lambda pid: personnel.update_record(
            pid,
            position="Inspector",
            grade="2",
            appointed_on=date(2021, 3, 1),
            service_start=date(2022, 1, 1),
            today=TODAY,
        ),
        "service_start",
    ),
]


@pytest.mark.parametrize(("rule", "call", "field"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_refused_naming_the_field(employee, rule, call, field):
    before = _saved_counts()
    with pytest.raises(ServiceError) as caught:
        call(employee)
    assert caught.value.field == field
    assert field in str(caught.value)
    assert _saved_counts() == before  # nothing saved


def test_update_leave_closes_an_open_leave(employee):
    record = personnel.add_leave(employee, "maternity", date(2023, 1, 1), None, today=TODAY)
    open_leave = next(leaf for leaf in record.leaves if leaf.end is None)
    record = personnel.update_leave(
        open_leave.id, kind="maternity", start=date(2023, 1, 1), end=date(2024, 1, 1), today=TODAY
    )
    assert all(leaf.end is not None for leaf in record.leaves)
    with pytest.raises(ServiceError) as caught:  # R-ELIG-3: cannot end before it starts
        personnel.update_leave(
            open_leave.id, kind="maternity", start=date(2023, 1, 1), end=date(2022, 1, 1)
        )
    assert caught.value.field == "end"
    assert personnel.get_record(employee).leaves[1].end == date(2024, 1, 1)


def test_pregnancy_flag_is_restricted(employee):
    """R-ELIG-1: the exclusion is visible and settable only with personnel.restricted."""
    assert personnel.set_pregnant(employee, True).pregnant is True
    set_actor(Actor(name="m", role="member"))
    try:
        assert personnel.get_record(employee).pregnant is None
        with pytest.raises(PermissionDenied):
            personnel.set_pregnant(employee, False)
    finally:
        reset_actor()
    set_actor(Actor(name="s", role="secretary"))
    try:
        assert personnel.get_record(employee).pregnant is True
    finally:
        reset_actor()
    history = models.HistoryEntry.select().where(
        models.HistoryEntry.action == "personnel.restricted"
    )
    assert all("true" not in h.after.lower() for h in history)  # the value itself is not logged


def _mine(person_id: int) -> personnel.PersonnelView:
    return personnel.update_record(
        person_id,
        position="Mine",
        grade="2",
        appointed_on=date(2021, 3, 1),
        service_start=date(2015, 9, 1),
        today=TODAY,
    )


def test_saving_over_a_newer_version_is_refused_naming_what_changed(employee):
    """Issue 22: a form saves over the version it loaded; one saved since on another desk
    is refused, naming the changed parts, with the record as it now is to reload."""
    loaded = personnel.get_record(employee)
    elsewhere = personnel.add_leave(employee, "parental", date(2023, 1, 9), today=TODAY)
    with pytest.raises(personnel.RecordChanged) as refused:
        personnel.save_over(loaded, lambda: _mine(employee))
    assert refused.value.changed == ("leaves",)
    assert refused.value.current == elsewhere
    assert "another desk" in str(refused.value) and refused.value.field == "leaves"
    assert personnel.get_record(employee).position == "Inspector"  # nothing saved
    saved = personnel.save_over(refused.value.current, lambda: _mine(employee))
    assert saved.position == "Mine"
