"""What a case may be decided: the grades at stake (R-DEC-3) and the decisions the rules
allow, narrowed by a failed fitness standard or test (R-DEC-5).

Every path that records a decision (the vote, a decision by rule, an amendment, an
imported package) asks :func:`check_decision`; every path that opens the grade vote
or records its outcome asks :func:`grades_at_stake`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from kzcommission.domain.errors import RuleError, option_term
from kzcommission.domain.kinds import NO_GRADE_OPTION, grade_of, grade_option
from kzcommission.domain.rulesets import RuleSet

# The rule that lists the decisions open to a case of each kind.
DECISION_RULES = {"regular": "R-DEC-1", "repeat": "R-DEC-2", "extraordinary": "R-DEC-4"}


def grades_at_stake(current_grade: str, applied_grade: str = "") -> tuple[str, ...]:
    """The options of the grade vote after a positive decision (R-DEC-3, R-ELIG-4).

    **Reading (R-DEC-3):** after a positive decision under Order 880 a grade vote
    always follows, and the case is not decided until it is counted. Its options
    are the grades actually at stake: the person's current grade (to confirm it),
    the next grade where he applied for it (R-ELIG-4), and "no grounds"; a vote with
    a single option is never opened (with no grade at stake the secretary records
    "no grounds" in one step, and the sheet says so).

    Options run from the most to the least favourable to the employee, as every
    tuple of options does (kinds): the grade applied for, the current grade, then
    "no grounds". An application for the grade he already holds adds nothing.
    """
    current, applied = current_grade.strip(), applied_grade.strip()
    options: list[str] = []
    if applied and applied != current:
        options.append(grade_option(applied))
    if current:
        options.append(grade_option(current))
    options.append(NO_GRADE_OPTION)
    return tuple(options)


def grade_vote_opens(options: Sequence[str]) -> bool:
    """R-DEC-3 Reading: a vote with a single option ("no grounds") is never opened."""
    return len(options) > 1


def check_grade_outcome_due(ruleset: RuleSet, decision: str | None) -> None:
    """R-DEC-3: a grade outcome follows a positive decision only (under Order 880)."""
    if decision is None or not ruleset.grade_vote_follows(decision):
        raise RuleError(
            "the grade outcome follows a positive decision only",
            rule_id="R-DEC-3",
            field="decision",
            key="dec_grade_after_positive_only",
        )


def check_grade_vote(options: Sequence[str]) -> None:
    """R-DEC-3 Reading: refuse to open a grade vote with a single option."""
    if not grade_vote_opens(options):
        raise RuleError(
            'no grade is at stake: record "no grounds" in one step, '
            "a vote with a single option is never opened",
            rule_id="R-DEC-3",
            field="grade",
            key="dec_no_grade_at_stake",
        )


def check_no_grade_in_one_step(options: Sequence[str]) -> None:
    """R-DEC-3 Reading: "no grounds" without a vote only when no grade is at stake."""
    if grade_vote_opens(options):
        raise RuleError(
            f"grades are at stake ({', '.join(options)}): the commission votes on them",
            rule_id="R-DEC-3",
            field="grade",
            key="dec_grades_at_stake",
            params={"grades": ", ".join(g for g in map(grade_of, options) if g is not None)},
        )


def applied_grade(
    applications: Iterable[tuple[date, str]], last_certified_on: date | None, on: date
) -> str:
    """The next grade he applied for (R-ELIG-4), as it stands on the sitting's date ``on``.

    ``applications`` are (applied on, grade named). One counts when it is dated on or
    before ``on`` and after his last certification before ``on`` (the application an
    earlier certification settled is spent, as in eligibility's "Early" Reading); of
    those, the latest that names a grade.
    """
    valid = [
        (applied_on, grade.strip())
        for applied_on, grade in applications
        if applied_on <= on
        and (last_certified_on is None or applied_on > last_certified_on)
        and grade.strip()
    ]
    return max(valid, key=lambda a: a[0])[1] if valid else ""


def grade_outcome_missing(ruleset: RuleSet, decision: str | None, grade_result: str | None) -> bool:
    """R-DEC-3 Reading: a positive decision is not complete until its grade is recorded."""
    return decision is not None and ruleset.grade_vote_follows(decision) and grade_result is None


def decision_rule_of(kind: str, restricted: bool) -> str:
    """The rule that lists the decisions open to this case (R-DEC-5 when restricted)."""
    return "R-DEC-5" if restricted else DECISION_RULES.get(kind, "R-DEC-1")


def allowed_decisions(ruleset: RuleSet, kind: str, restricted: bool) -> tuple[str, ...]:
    """The decisions the rules allow the case (R-DEC-1/2/4; R-DEC-5 when restricted)."""
    return ruleset.decision_options(kind, restricted=restricted)


def check_decision(ruleset: RuleSet, kind: str, restricted: bool, decision: str) -> None:
    """Refuse a decision outside those the case allows, naming the rule (R-DEC-5...)."""
    allowed = allowed_decisions(ruleset, kind, restricted)
    if decision not in allowed:
        raise RuleError(
            f"{decision!r} cannot be decided on this case; the rules allow {', '.join(allowed)}",
            rule_id=decision_rule_of(kind, restricted),
            field="decision",
            key="dec_not_allowed",
            params={
                "decision_key": option_term(decision),
                "allowed_keys": [option_term(a) for a in allowed],
            },
        )


def check_restriction_change(decided: bool) -> None:
    """R-DEC-5: the restriction is set or cleared before the decision, never after it."""
    if decided:
        raise RuleError(
            "the decision is recorded: failing the fitness standards or the test can no "
            "longer narrow it (correct the decision by an amendment)",
            rule_id="R-DEC-5",
            field="restricted",
            key="dec_restriction_after_decision",
        )
