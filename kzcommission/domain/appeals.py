"""Appeals against a certification decision (R-DOC-8; Order 880 §29-30, Decree 490 §23).

The employee may appeal; a higher head rejects the appeal or cancels the order
and schedules re-certification (then R-ELIG-6 times it). Dates are calendar
dates; an appeal cannot precede the decision, nor its outcome the appeal.
"""

from __future__ import annotations

from datetime import date

from kzcommission.domain.errors import RuleError

APPEAL_OUTCOMES: tuple[str, ...] = ("rejected", "cancelled")  # R-DOC-8


def check_filing(decided_on: date, filed_on: date) -> None:
    """R-DOC-8: an appeal is against a decision already taken."""
    if filed_on < decided_on:
        raise RuleError(
            "an appeal precedes the decision",
            rule_id="R-DOC-8",
            field="filed_on",
            key="appeal_before_decision",
            params={
                "filed_on": filed_on.strftime("%d.%m.%Y"),
                "decided_on": decided_on.strftime("%d.%m.%Y"),
            },
        )


def check_outcome(outcome: str, filed_on: date, on: date) -> None:
    """R-DOC-8: the head rejects or cancels, on or after the day the appeal was filed."""
    if outcome not in APPEAL_OUTCOMES:
        raise RuleError(
            f"unknown outcome {outcome!r}",
            rule_id="R-DOC-8",
            field="outcome",
            key="appeal_unknown_outcome",
            params={"outcome": outcome},
        )
    if on < filed_on:
        raise RuleError(
            "the outcome precedes the appeal",
            rule_id="R-DOC-8",
            field="on",
            key="appeal_outcome_before_appeal",
            params={"on": on.strftime("%d.%m.%Y"), "filed_on": filed_on.strftime("%d.%m.%Y")},
        )
