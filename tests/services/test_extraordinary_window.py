"""R-ELIG-7: extraordinary cases only on sittings inside a Decree 490 edition's window."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kzcommission.domain import rulesets
from kzcommission.services.errors import ServiceError
from kzcommission.services.sitting import cases
from kzcommission.store import models
from tests.services.helpers import add_employee, make_desk


def test_r_elig_7_extraordinary_refused_outside_the_window(database, monkeypatch):
    desk = make_desk(members=3, held_on=date(2026, 3, 10))
    person = add_employee("Outside", "E1")
    with pytest.raises(ServiceError) as caught:
        cases.add_case(desk.sitting_id, person.id, "extraordinary")
    assert caught.value.rule_id == "R-ELIG-7" and caught.value.field == "kind"
    assert "01.04.2024-31.12.2024" in str(caught.value)
    assert models.Case.select().count() == 0  # nothing written

    # A regular case on the same sitting is unaffected (Order 880 has no window).
    assert cases.add_case(desk.sitting_id, person.id, "regular").kind == "regular"

    extension = replace(
        rulesets.DECREE_490,
        code="DECREE_490_2026",
        edition="Decree 490 as extended (test edition)",
        valid_from=date(2026, 1, 1),
        valid_to=date(2026, 12, 31),
    )
    monkeypatch.setattr(rulesets, "RULESETS", (*rulesets.RULESETS, extension))
    other = add_employee("Inside", "E2")
    added = cases.add_case(desk.sitting_id, other.id, "extraordinary")
    assert added.ruleset == "DECREE_490_2026"
    assert cases.ruleset_of(added) is extension


def test_r_elig_7_extraordinary_accepted_inside_the_window(database):
    desk = make_desk(members=3, held_on=date(2024, 12, 31))
    added = cases.add_case(desk.sitting_id, add_employee("In", "E3").id, "extraordinary")
    assert added.ruleset == "DECREE_490"
