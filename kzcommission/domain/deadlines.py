"""Preparation and follow-up deadlines of a certification, as data (R-DL-1 .. R-DL-8).

Each rule is a :class:`DeadlineRule` row in :data:`RULES`: the step it times,
the date it counts from (anchor), the offset, and the kinds of certification it
applies to. :func:`deadlines_for` turns the rows into dated :class:`Deadline`
objects for one case; :func:`status` says where a step stands.

Readings (the product's choices; change the rows or the constants here):

* "At least one month / N weeks before the sitting" (R-DL-1..5): the deadline is
  the last day on which the step is still on time: the sitting date minus the
  calendar months (:func:`add_months`, month ends clamp) or weeks. When that day
  is not a working day, the deadline moves back to the previous working day: the
  step has to be done while offices are open, and earlier is always lawful.
  For R-DL-1 "before it starts" is read as before the sitting of the case.
* "Within 3 working days of" (R-DL-6, R-DL-7): the anchor day is day 0, so a
  decision on Monday is due in the minutes by Thursday (:func:`add_working_days`).
* R-DL-7 (as corrected in the RULEBOOK): Order 880 §26 counts the three working
  days from the signing of the minutes; Decree 490 §21 from the day the decision
  was taken ("шешімі қабылданған күннен бастап"). Two rows below, one per rule
  set; :func:`rule_for` is how the services ask which anchor a step counts from.
* R-DL-6 is Decree 490 §20 only: Order 880 sets no time limit for the minutes.
* Repeat certification follows Order 880's procedure (§24 "in the manner
  specified by these Rules"), hence the same deadlines as regular.
* R-DL-8 is a step without a date, kept only when the employee disagrees in
  writing with the performance report (``conditional``).
* "Due soon": the deadline is within ``soon_days`` calendar days from today.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Kind
from kzcommission.domain.workdays import (
    add_months,
    add_working_days,
    is_provisional,
    is_working_day,
)

Anchor = Literal["sitting", "decision", "minutes_signed"]
Unit = Literal["months", "weeks", "working_days"]
Status = Literal["done", "done_late", "due_soon", "overdue", "pending"]

_ORDER_880 = frozenset({Kind.REGULAR.value, Kind.REPEAT.value})
_DECREE_490 = frozenset({Kind.EXTRAORDINARY.value})
_ALL = _ORDER_880 | _DECREE_490


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """One deadline of the law: ``amount`` ``unit`` before (negative) or after the anchor.

    ``amount`` None: a step without a date (R-DL-8).
    """

    rule_id: str
    step: str
    anchor: Anchor
    amount: int | None
    unit: Unit | None
    kinds: frozenset[str]
    source: str
    conditional: bool = False


RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule("R-DL-1", "notice", "sitting", -1, "months", _ALL, "Order 880 §11; Decree 490 §5"),
    DeadlineRule("R-DL-2", "report", "sitting", -4, "weeks", _ORDER_880, "Order 880 §12"),
    DeadlineRule(
        "R-DL-3", "familiarise_report", "sitting", -3, "weeks", _ORDER_880, "Order 880 §14"
    ),
    DeadlineRule(
        "R-DL-8",
        "disagreement_annex",
        "sitting",
        None,
        None,
        _ORDER_880,
        "Order 880 §15",
        conditional=True,
    ),
    DeadlineRule("R-DL-4", "characteristic", "sitting", -3, "weeks", _DECREE_490, "Decree 490 §6"),
    DeadlineRule("R-DL-5", "materials", "sitting", -1, "weeks", _DECREE_490, "Decree 490 §7"),
    DeadlineRule("R-DL-6", "minutes", "decision", 3, "working_days", _DECREE_490, "Decree 490 §20"),
    DeadlineRule(
        "R-DL-7", "communicate", "minutes_signed", 3, "working_days", _ORDER_880, "Order 880 §26"
    ),
    DeadlineRule(
        "R-DL-7", "communicate", "decision", 3, "working_days", _DECREE_490, "Decree 490 §21"
    ),
)


@dataclass(frozen=True, slots=True)
class Deadline:
    """A rule applied to one case: ``due`` is None until its anchor is known or if undated.

    ``provisional``: the due date lies in a year whose working calendar is not
    final in the holiday library (R-DL-9).
    """

    rule: DeadlineRule
    due: date | None
    provisional: bool = False

    @property
    def rule_id(self) -> str:
        return self.rule.rule_id

    @property
    def step(self) -> str:
        return self.rule.step


def _previous_working_day(d: date) -> date:
    """``d`` itself if it is a working day, else the working day before it."""
    return d if is_working_day(d) else add_working_days(d, -1)


def due_date(rule: DeadlineRule, anchor: date) -> date | None:
    """The last on-time day for ``rule`` counted from ``anchor`` (R-DL-1..7, R-DL-9)."""
    if rule.amount is None:
        return None
    if rule.unit == "working_days":
        return add_working_days(anchor, rule.amount)
    if rule.unit == "months":
        return _previous_working_day(add_months(anchor, rule.amount))
    return _previous_working_day(anchor + timedelta(weeks=rule.amount))


def rules_for(kind: str) -> tuple[DeadlineRule, ...]:
    """The deadline rules that apply to a certification of ``kind``, in the order of work."""
    if kind not in _ALL:
        raise RuleError(
            f"unknown kind of certification {kind!r}",
            field="kind",
            key="unknown_certification_kind",
            params={"kind": kind},
        )
    return tuple(r for r in RULES if kind in r.kinds)


def rule_for(kind: str, step: str) -> DeadlineRule | None:
    """The deadline rule timing ``step`` of a case of ``kind``, if one does."""
    return next((r for r in rules_for(kind) if r.step == step), None)


def deadlines_for(
    kind: str,
    sitting_date: date,
    decided_on: date | None = None,
    minutes_signed_on: date | None = None,
) -> list[Deadline]:
    """Dated deadlines of one case of ``kind`` sitting on ``sitting_date`` (R-DL-1..R-DL-8).

    Steps anchored on a decision or on signed minutes not yet known get ``due``
    None. Raises RuleError naming the field if the decision precedes the sitting
    or the minutes precede the decision (or the sitting).
    """
    if decided_on is not None and decided_on < sitting_date:
        raise RuleError(
            "decision before the sitting",
            field="decided_on",
            key="dl_decision_before_sitting",
            params={
                "decided_on": decided_on.strftime("%d.%m.%Y"),
                "sitting_date": sitting_date.strftime("%d.%m.%Y"),
            },
        )
    if minutes_signed_on is not None and minutes_signed_on < (decided_on or sitting_date):
        raise RuleError(
            "minutes signed before the decision",
            field="minutes_signed_on",
            key="dl_minutes_before_decision",
            params={
                "signed_on": minutes_signed_on.strftime("%d.%m.%Y"),
                "earliest": (decided_on or sitting_date).strftime("%d.%m.%Y"),
            },
        )

    anchors: dict[str, date | None] = {
        "sitting": sitting_date,
        "decision": decided_on,
        "minutes_signed": minutes_signed_on,
    }
    result = []
    for rule in rules_for(kind):
        anchor = anchors[rule.anchor]
        due = due_date(rule, anchor) if anchor is not None else None
        provisional = (
            due is not None
            and anchor is not None
            and (is_provisional(due.year) or is_provisional(anchor.year))
        )
        result.append(Deadline(rule, due, provisional))
    return result


def case_deadlines(
    kind: str, sitting_date: date, decided_on: date | None, done: Mapping[str, date]
) -> list[Deadline]:
    """The deadlines a case is held to, given the steps recorded as done (by step key).

    R-DL-8 counts only once a disagreement letter was attached; signed minutes
    count once the case is decided, and a signing date before the decision (the
    services refuse it on entry) is ignored rather than breaking a whole list.
    """
    minutes_on = done.get("minutes") if decided_on else None
    if minutes_on is not None and decided_on is not None and minutes_on < decided_on:
        minutes_on = None
    return [
        d
        for d in deadlines_for(kind, sitting_date, decided_on, minutes_on)
        if not (d.rule.conditional and d.step not in done)
    ]


def disagreement_annex(kind: str) -> Deadline | None:
    """The undated R-DL-8 step (letter of disagreement annexed to the report), if it applies."""
    for rule in rules_for(kind):
        if rule.rule_id == "R-DL-8":
            return Deadline(rule, None)
    return None


def status(deadline: Deadline, done_on: date | None, today: date, soon_days: int = 5) -> Status:
    """Where a step stands on ``today`` (R-DL-1..R-DL-8).

    done: done on or before the deadline (or undated); done_late: done after it;
    overdue: not done and the deadline has passed; due_soon: not done and due
    within ``soon_days`` calendar days; pending: otherwise, or no date yet.
    """
    due = deadline.due
    if done_on is not None:
        return "done" if due is None or done_on <= due else "done_late"
    if due is None:
        return "pending"
    if today > due:
        return "overdue"
    if (due - today).days <= soon_days:
        return "due_soon"
    return "pending"
