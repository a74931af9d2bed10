"""A full disk is said in words and changes nothing (issue 18)."""

from __future__ import annotations

import pytest
from peewee import OperationalError

from kzcommission.services.preparation import persons
from kzcommission.services.unit import StorageFull, write
from kzcommission.store import models


@pytest.mark.parametrize(
    "driver_says", ["database or disk is full", "cannot rollback - no transaction is active"]
)
def test_a_full_disk_is_named_and_nothing_is_written(database, driver_says):
    @write("person.edit")
    def add_then_fail() -> None:
        persons.add_person("Written", "Before", personnel_number="F-1")
        raise OperationalError(driver_says)

    with pytest.raises(StorageFull, match="the disk is full; nothing was changed"):
        add_then_fail()
    assert models.Person.select().where(models.Person.personnel_number == "F-1").count() == 0


def test_other_database_errors_are_not_called_a_full_disk(database):
    @write("person.edit")
    def broken() -> None:
        raise OperationalError("no such table: nothing")

    with pytest.raises(OperationalError, match="no such table"):
        broken()
