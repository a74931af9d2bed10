"""A planned sitting may be re-dated, moved, renumbered or deleted while it holds no fact."""

from __future__ import annotations

from datetime import date

import pytest

from kzcommission.services.errors import NotFound, ServiceError
from kzcommission.services.sitting import cases, followup, scorecards, sittings
from kzcommission.services.sitting.sittings import SittingHasFacts
from kzcommission.store import models
from tests.services.helpers import add_employee, make_desk


def plan(desk) -> sittings.SittingView:  # noqa: ANN001
    return sittings.create_sitting(desk.commission.id, date(2025, 4, 2), place="Hall 1")


def last_history(uuid: str) -> models.HistoryEntry:
    query = models.HistoryEntry.select().where(models.HistoryEntry.entity_id == uuid)
    return query.order_by(models.HistoryEntry.id.desc()).first()


def test_planned_sitting_edited_with_history(database):
    desk = make_desk()
    view = plan(desk)
    case = cases.add_case(view.id, add_employee().id, "regular")
    edited = sittings.update_sitting(view.id, date(2025, 5, 20), place=" Hall 7 ", number="12")
    assert (edited.held_on, edited.place, edited.number) == (date(2025, 5, 20), "Hall 7", "12")
    entry = last_history(view.uuid)
    assert entry.action == "sitting.update"
    assert "2025-04-02" in entry.before and "2025-05-20" in entry.after
    assert cases.get_case(case.id).ruleset == "ORDER_880"
    # An empty number keeps the number it had.
    assert sittings.update_sitting(view.id, date(2025, 5, 20), place="", number="").number == "12"


def test_planned_sitting_deleted_with_its_cases(database):
    desk = make_desk()
    view = plan(desk)
    member = desk.commission.seats[1].holder_id
    own = cases.add_case(view.id, member, "regular")  # R-SIT-6: a member certified, recused
    assert cases.get_case(own.id).recused
    sittings.delete_sitting(view.id)
    with pytest.raises(NotFound):
        sittings.get_sitting(view.id)
    assert not models.Case.select().where(models.Case.id == own.id).exists()
    assert not models.Recusal.select().where(models.Recusal.case == own.id).exists()
    entry = last_history(view.uuid)
    assert entry.action == "sitting.delete" and '"cases": 1' in entry.before


@pytest.mark.parametrize(
    ("record", "fact"),
    [
        (lambda s, c, d: sittings.set_status(s, "open"), "status"),
        (lambda s, c, d: sittings.mark_attendance(s, d.voting[0], "present"), "attendance_event"),
        (lambda s, c, d: cases.set_appearance(c, "absent_excused"), "decided"),
        (lambda s, c, d: cases.set_text(c, "materials", "Order No. 5"), "texts"),
        (lambda s, c, d: scorecards.save_scorecard(c, d.voting[0], score="good"), "scorecard"),
    ],
)
def test_refused_naming_the_recorded_fact(database, record, fact):
    desk = make_desk()
    view = plan(desk)
    case = cases.add_case(view.id, add_employee().id, "regular")
    record(view.id, case.id, desk)
    assert fact in sittings.recorded_facts(view.id)
    with pytest.raises(SittingHasFacts) as refused:
        sittings.delete_sitting(view.id)
    assert fact in refused.value.facts and fact in str(refused.value)
    with pytest.raises(SittingHasFacts):
        sittings.update_sitting(view.id, date(2025, 6, 1), place="", number="")
    assert sittings.get_sitting(view.id).held_on == date(2025, 4, 2)


def test_moved_case_is_a_fact_of_both_sittings(database):
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    cases.set_appearance(case.id, "absent_excused")  # R-SIT-3: postponed
    later = plan(desk)
    followup.move_postponed(case.id, later.id)
    assert "case_move" in sittings.recorded_facts(later.id)
    assert followup.moved_to(case.id) == (later.number, later.held_on)
    with pytest.raises(ServiceError):
        sittings.delete_sitting(later.id)


def test_an_open_or_empty_plan(database):
    desk = make_desk()
    assert sittings.recorded_facts(plan(desk).id) == ()
    assert "status" in sittings.recorded_facts(desk.sitting_id)


def test_new_date_outside_a_cases_rules_is_refused(database):
    """R-ELIG-7: an extraordinary case cannot follow its sitting out of Decree 490's window."""
    desk = make_desk(held_on=date(2024, 9, 17))
    view = sittings.create_sitting(desk.commission.id, date(2024, 10, 1))
    cases.add_case(view.id, add_employee().id, "extraordinary")
    with pytest.raises(ServiceError) as refused:
        sittings.update_sitting(view.id, date(2025, 2, 3), place="", number="")
    assert refused.value.rule_id == "R-ELIG-7" and refused.value.field == "held_on"
    assert sittings.get_sitting(view.id).held_on == date(2024, 10, 1)
    moved = sittings.update_sitting(view.id, date(2024, 12, 20), place="", number="")
    assert moved.held_on == date(2024, 12, 20)
