"""Preparation and follow-up deadlines (R-DL-1 .. R-DL-8, on the R-DL-9 calendar)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcommission.domain.deadlines import (
    RULES,
    Deadline,
    case_deadlines,
    deadlines_for,
    disagreement_annex,
    rule_for,
    rules_for,
    status,
)
from kzcommission.domain.errors import RuleError
from kzcommission.domain.workdays import add_months, is_working_day

D = date


# Steps per kind, in the order of work.
@pytest.mark.parametrize(
    ("kind", "steps"),
    [
        (
            "regular",
            ["notice", "report", "familiarise_report", "disagreement_annex", "communicate"],
        ),
        ("repeat", ["notice", "report", "familiarise_report", "disagreement_annex", "communicate"]),
        ("extraordinary", ["notice", "characteristic", "materials", "minutes", "communicate"]),
    ],
)
def test_r_dl_steps_per_kind(kind: str, steps: list[str]) -> None:
    assert [d.step for d in deadlines_for(kind, D(2025, 6, 2))] == steps


# Each case: (rule id, kind, step, sitting, decided_on, minutes_signed_on, expected due).
CASES = [
    # R-DL-1: one month before; 22.03.2025 is Nauryz (Saturday): back to Thursday 20.03.
    ("R-DL-1", "regular", "notice", D(2025, 4, 22), None, None, D(2025, 3, 20)),
    ("R-DL-1", "extraordinary", "notice", D(2024, 4, 22), None, None, D(2024, 3, 20)),
    # R-DL-1: 03.01.2025 is a transferred day off, 01-02.01 New Year: back to 31.12.2024.
    ("R-DL-1", "regular", "notice", D(2025, 2, 3), None, None, D(2024, 12, 31)),
    # R-DL-1: month ends clamp (31.03 - 1 month = 28.02), and the leap day 29.02.2028.
    ("R-DL-1", "repeat", "notice", D(2025, 3, 31), None, None, D(2025, 2, 28)),
    ("R-DL-1", "regular", "notice", D(2028, 3, 31), None, None, D(2028, 2, 29)),
    # R-DL-2: four weeks; 25.03.2025 is Nauryz observed: back over the whole holiday.
    ("R-DL-2", "regular", "report", D(2025, 4, 22), None, None, D(2025, 3, 20)),
    # R-DL-3: three weeks, a working day stays.
    ("R-DL-3", "regular", "familiarise_report", D(2025, 4, 22), None, None, D(2025, 4, 1)),
    # R-DL-4: three weeks (extraordinary).
    ("R-DL-4", "extraordinary", "characteristic", D(2024, 6, 3), None, None, D(2024, 5, 13)),
    # R-DL-5: one week; 08.05.2024 transferred day off, 07.05 holiday: back to 06.05.
    ("R-DL-5", "extraordinary", "materials", D(2024, 5, 15), None, None, D(2024, 5, 6)),
    # R-DL-6: three working days after the decision; Kurban Ait 06.06.2025 skipped.
    ("R-DL-6", "extraordinary", "minutes", D(2025, 6, 5), D(2025, 6, 5), None, D(2025, 6, 11)),
    # R-DL-6: Capital Day 06.07.2024 (Saturday) observed on Monday 08.07.
    ("R-DL-6", "extraordinary", "minutes", D(2024, 7, 5), D(2024, 7, 5), None, D(2024, 7, 11)),
    # R-DL-6: across New Year and the transfer: Sunday 05.01 worked, 06.01, 07.01 off, 08.01.
    ("R-DL-6", "extraordinary", "minutes", D(2024, 12, 31), D(2024, 12, 31), None, D(2025, 1, 8)),
    # R-DL-7: regular counts from the signed minutes (Order 880 §26).
    (
        "R-DL-7",
        "regular",
        "communicate",
        D(2025, 4, 22),
        D(2025, 4, 22),
        D(2025, 4, 23),
        D(2025, 4, 28),
    ),
    (
        "R-DL-7",
        "repeat",
        "communicate",
        D(2025, 3, 19),
        D(2025, 3, 19),
        D(2025, 3, 20),
        D(2025, 3, 28),
    ),
    # R-DL-7 (corrected): Decree 490 §21 counts from the decision, not from the signed
    # minutes; Kurban Ait 06.06.2025 skipped, whenever the minutes were signed.
    (
        "R-DL-7",
        "extraordinary",
        "communicate",
        D(2025, 6, 5),
        D(2025, 6, 5),
        D(2025, 6, 9),
        D(2025, 6, 11),
    ),
    ("R-DL-7", "extraordinary", "communicate", D(2025, 6, 5), D(2025, 6, 5), None, D(2025, 6, 11)),
    # R-DL-7 / R-DL-6: anchor not known yet, no date.
    ("R-DL-7", "regular", "communicate", D(2025, 4, 22), D(2025, 4, 22), None, None),
    ("R-DL-6", "extraordinary", "minutes", D(2025, 4, 22), None, None, None),
    # R-DL-8: the disagreement letter annexed to the report has no date of its own.
    ("R-DL-8", "regular", "disagreement_annex", D(2025, 4, 22), None, None, None),
]


@pytest.mark.parametrize(
    ("rule_id", "kind", "step", "sitting", "decided", "signed", "expected"), CASES
)
def test_r_dl_due_dates(
    rule_id: str,
    kind: str,
    step: str,
    sitting: date,
    decided: date | None,
    signed: date | None,
    expected: date | None,
) -> None:
    (found,) = [d for d in deadlines_for(kind, sitting, decided, signed) if d.step == step]
    assert found.rule_id == rule_id
    assert found.due == expected


# R-DL-1..5 with R-DL-9: a "before the sitting" deadline is a working day, on or before
# the plain calendar date, and never more than a holiday stretch earlier.
@given(sitting=st.dates(min_value=D(2010, 1, 1), max_value=D(2030, 12, 31)))
def test_r_dl_before_deadlines_are_working_days(sitting: date) -> None:
    plain = {
        "notice": add_months(sitting, -1),
        "characteristic": sitting - timedelta(weeks=3),
        "materials": sitting - timedelta(weeks=1),
    }
    for deadline in deadlines_for("extraordinary", sitting):
        if deadline.step in plain:
            assert deadline.due is not None and is_working_day(deadline.due)
            assert plain[deadline.step] - timedelta(days=10) < deadline.due
            assert deadline.due <= plain[deadline.step]


# R-DL-9: deadlines in a year the library has no firm calendar for are provisional.
def test_r_dl_9_provisional_flag() -> None:
    assert all(not d.provisional for d in deadlines_for("regular", D(2025, 4, 22)))
    later = deadlines_for("regular", D(2099, 4, 22))
    assert all(d.provisional for d in later if d.due is not None)
    assert not any(d.provisional for d in later if d.due is None)


# R-DL-8: the annex step exists for Order 880 only, and is conditional.
def test_r_dl_8_disagreement_annex() -> None:
    annex = disagreement_annex("regular")
    assert annex is not None and annex.rule_id == "R-DL-8" and annex.due is None
    assert annex.rule.conditional
    assert disagreement_annex("extraordinary") is None


def test_r_dl_rules_are_well_formed() -> None:
    steps = {
        "notice",
        "report",
        "familiarise_report",
        "characteristic",
        "materials",
        "minutes",
        "communicate",
        "disagreement_annex",
    }
    for rule in RULES:
        assert rule.rule_id.startswith("R-DL-") and rule.step in steps
        assert (rule.amount is None) == (rule.unit is None)
    # R-DL-6 is Decree 490 only: Order 880 sets no time for the minutes.
    assert [r.kinds for r in RULES if r.rule_id == "R-DL-6"] == [frozenset({"extraordinary"})]
    assert len(rules_for("repeat")) == len(rules_for("regular"))


DUE = Deadline(rules_for("regular")[2], D(2025, 4, 1))  # R-DL-3


# status: done / done_late / due_soon / overdue / pending.
@pytest.mark.parametrize(
    ("deadline", "done_on", "today", "soon", "expected"),
    [
        (DUE, D(2025, 3, 30), D(2025, 4, 10), 5, "done"),
        (DUE, D(2025, 4, 1), D(2025, 4, 10), 5, "done"),  # the last day is on time
        (DUE, D(2025, 4, 2), D(2025, 4, 10), 5, "done_late"),
        (DUE, None, D(2025, 4, 2), 5, "overdue"),
        (DUE, None, D(2025, 4, 1), 5, "due_soon"),
        (DUE, None, D(2025, 3, 27), 5, "due_soon"),
        (DUE, None, D(2025, 3, 26), 5, "pending"),
        (DUE, None, D(2025, 3, 26), 10, "due_soon"),
        (Deadline(DUE.rule, None), None, D(2025, 4, 2), 5, "pending"),
        (Deadline(DUE.rule, None), D(2025, 4, 2), D(2025, 4, 2), 5, "done"),
    ],
)
def test_r_dl_status(
    deadline: Deadline, done_on: date | None, today: date, soon: int, expected: str
) -> None:
    assert status(deadline, done_on, today, soon_days=soon) == expected


# Bad input names the field.
@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("annual", D(2025, 4, 22)), "kind"),
        (("regular", D(2025, 4, 22), D(2025, 4, 21)), "decided_on"),
        (("regular", D(2025, 4, 22), D(2025, 4, 23), D(2025, 4, 22)), "minutes_signed_on"),
        (("regular", D(2025, 4, 22), None, D(2025, 4, 21)), "minutes_signed_on"),
    ],
)
def test_r_dl_bad_input_names_the_field(args: tuple, field: str) -> None:
    with pytest.raises(RuleError) as caught:
        deadlines_for(*args)
    assert caught.value.field == field


def test_case_deadlines_follow_the_steps_done() -> None:
    """R-DL-8 only once a disagreement is attached; R-DL-7 dated once the minutes are signed."""
    sitting = D(2025, 6, 5)
    steps = [d.step for d in case_deadlines("regular", sitting, None, {})]
    assert "disagreement_annex" not in steps
    with_letter = case_deadlines("regular", sitting, None, {"disagreement_annex": D(2025, 5, 20)})
    assert "disagreement_annex" in [d.step for d in with_letter]
    signed = case_deadlines("regular", sitting, sitting, {"minutes": D(2025, 6, 9)})
    (communicate,) = [d for d in signed if d.rule_id == "R-DL-7"]
    assert communicate.due == D(2025, 6, 12)
    # A signing date before the decision is ignored, not an error (refused on entry).
    early = case_deadlines("regular", sitting, D(2025, 6, 6), {"minutes": sitting})
    assert [d.due for d in early if d.rule_id == "R-DL-7"] == [None]
    # R-DL-7 under Decree 490 §21 counts from the decision, signed minutes or not.
    for done in ({}, {"minutes": D(2025, 6, 9)}):
        extraordinary = case_deadlines("extraordinary", sitting, sitting, done)
        assert [d.due for d in extraordinary if d.rule_id == "R-DL-7"] == [D(2025, 6, 11)]


def test_r_dl_7_anchor_per_rule_set() -> None:
    """R-DL-7 (corrected Reading): Order 880 from the signed minutes, Decree 490 the decision."""
    assert rule_for("regular", "communicate").anchor == "minutes_signed"
    assert rule_for("repeat", "communicate").anchor == "minutes_signed"
    assert rule_for("extraordinary", "communicate").anchor == "decision"
    assert rule_for("regular", "characteristic") is None
