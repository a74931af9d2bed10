"""Issue 22 item 8: a form saves over the version it loaded (services/stale.py): a case's
interview texts and the evaluation sheets (corps A, corps B) as the personnel record does.
Saved since on another desk: refused, naming what changed, the record as it now is to
reload, nothing written; saved over the version now in the store: accepted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kzcommission.services import stale
from kzcommission.services.evaluation import corps_a as eva
from kzcommission.services.evaluation import corps_b as evb
from kzcommission.services.sitting import cases
from kzcommission.services.stale import ChangedElsewhere
from kzcommission.store import models
from tests.services.eval_helpers import EVALUATED_ON, five_kpis, person
from tests.services.helpers import add_employee, make_desk

pytestmark = pytest.mark.usefixtures("database")


def test_changed_parts_names_what_differs_in_order():
    assert stale.changed_parts({"a": 1, "b": 2}, {"a": 1, "b": 3}) == ("b",)
    assert stale.changed_parts({}, {"a": 1, "b": None}) == ("a", "b")  # saved since: all new
    assert stale.changed_parts({"a": None}, {}) == ("a",)  # removed since
    assert stale.changed_parts({"a": 1}, {"a": 1}) == ()


def _loaded_texts(view: cases.CaseView) -> dict[str, str]:
    return {f: view.texts[f] for f in ("materials", "questions", "comments", "opinion")}


def test_case_texts_saved_over_another_desks_are_refused_naming_them():
    case = cases.add_case(make_desk().sitting_id, add_employee().id, "regular")
    mine = _loaded_texts(cases.get_case(case.id))
    cases.save_texts(case.id, mine, {"questions": "Asked about the district plan"})  # desk 2
    history = models.HistoryEntry.select().count()
    with pytest.raises(ChangedElsewhere) as refused:
        cases.save_texts(case.id, mine, {"materials": "Mine", "questions": "Something else"})
    assert refused.value.changed == ("questions",)
    assert refused.value.field == "questions" and "another desk" in str(refused.value)
    now = cases.get_case(case.id)
    assert now.texts["questions"] == "Asked about the district plan"  # nothing lost
    assert now.texts["materials"] == ""  # and nothing of the refused save written
    assert models.HistoryEntry.select().count() == history
    assert refused.value.current == now
    # Over the version now in the store (the reload): saved, one history entry per text.
    saved = cases.save_texts(
        case.id, _loaded_texts(refused.value.current), {"materials": "Mine", "opinion": "Agreed"}
    )
    assert (saved.texts["materials"], saved.texts["opinion"]) == ("Mine", "Agreed")
    assert saved.texts["questions"] == "Asked about the district plan"
    assert models.HistoryEntry.select().count() == history + 2


def test_case_texts_refuse_a_field_that_is_not_a_text():
    case = cases.add_case(make_desk().sitting_id, add_employee().id, "regular")
    with pytest.raises(cases.ServiceError) as refused:
        cases.save_texts(case.id, {}, {"decision": "fits"})
    assert refused.value.field == "decision"


def _agreement_over(loaded, employee, authorised: str):
    return eva.save_over(
        loaded, employee.id, 2025,
        lambda: eva.save_agreement(employee.id, 2025, five_kpis(), authorised_name=authorised),
    )  # fmt: skip


def test_corps_a_agreement_saved_over_another_desks_is_refused_r_eva_1():
    employee = person("Abenov", "A1", "Deputy akim")
    # Both desks opened the page before any agreement existed; desk 2 saved first.
    theirs = _agreement_over(None, employee, "Akim")
    with pytest.raises(ChangedElsewhere) as refused:
        _agreement_over(None, employee, "Deputy akim")
    assert "authorised_name" in refused.value.changed and "kpis" in refused.value.changed
    assert refused.value.current == theirs
    eva.set_review(theirs.id, "Reviewed on desk 2")  # desk 2 again, desk 1 holds `theirs`
    with pytest.raises(ChangedElsewhere) as refused:
        eva.save_over(
            theirs, employee.id, 2025,
            lambda: eva.evaluate_agreement(theirs.id, [], evaluated_on=EVALUATED_ON,
                                           days_worked=200),
        )  # fmt: skip
    assert refused.value.changed == ("review",)
    stored = eva.get_agreement(theirs.id)
    assert (stored.authorised_name, stored.review) == ("Akim", "Reviewed on desk 2")
    again = _agreement_over(refused.value.current, employee, "Deputy akim")  # after reload
    assert again.authorised_name == "Deputy akim" and again.review == "Reviewed on desk 2"


def _sheet_over(loaded, employee, head, score: str):
    return evb.save_over(
        loaded, employee.id, 2026, 1,
        lambda: evb.save_sheet(employee.id, head.id, 2026, 1, "non_leading", [score] * 5,
                               evaluated_on=date(2026, 4, 10), days_worked=55),
    )  # fmt: skip


def test_corps_b_sheet_saved_over_another_desks_is_refused_r_evb_3():
    employee, head = person("Bekov", "B1"), person("Head", "H1")
    theirs = _sheet_over(None, employee, head, "4")
    with pytest.raises(ChangedElsewhere) as refused:
        _sheet_over(None, employee, head, "2")  # a first sheet, but one exists now
    assert "scores" in refused.value.changed and "evaluator_id" in refused.value.changed
    mine = theirs
    theirs = _sheet_over(theirs, employee, head, "5")
    with pytest.raises(ChangedElsewhere) as refused:
        _sheet_over(mine, employee, head, "3")
    assert refused.value.changed == ("scores",)
    assert evb.get_sheet(theirs.id).final_score == Decimal("5.00")  # nothing lost
    assert _sheet_over(refused.value.current, employee, head, "3").final_score == Decimal("3.00")
