"""Calibration sessions of corps "B": panel, deadlines, result, retention (R-CAL-1..4).

Order 13, Appendix 2, §11, §13, §20-§23. An employee who disagrees with the
quarterly score asks for a calibration session; a panel of evaluators and a
personnel-service officer may raise or lower the score by majority.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kzcommission.domain.errors import RuleError
from kzcommission.domain.evaluation.eligibility import check_date
from kzcommission.domain.evaluation.values import to_score

MIN_PANEL = 3  # R-CAL-2, §20: "не должно быть менее трех"
REQUEST_WORKING_DAYS = 5  # R-CAL-1, §11
COMPOSITION_WORKING_DAYS = 3  # R-CAL-1, §20
SESSION_WORKING_DAYS = 10  # R-CAL-1, §21
PROTOCOL_WORKING_DAYS = 3  # R-CAL-3, §23
RETENTION_YEARS = 3  # R-CAL-4, §13
# R-CAL-4, §14: results are confidential; callers restrict who may read them.
CONFIDENTIAL = True


@dataclass(frozen=True)
class PanelMember:
    """A member of a calibration session and the roles that §20 asks for."""

    person_id: str
    is_evaluator: bool = False
    is_personnel_officer: bool = False


class PanelError(RuleError):
    """An unlawful panel (R-CAL-2); ``problems`` lists every defect found, in order.

    Each defect is a refusal of its own with its catalogue key (``defects``), so the
    panel's refusal reads in the user's language with every defect in it.
    """

    def __init__(self, defects: Sequence[RuleError]):
        self.defects = tuple(defects)
        self.problems = tuple(str(defect) for defect in self.defects)
        super().__init__("; ".join(self.problems), rule_id="R-CAL-2", field="members")

    def detail_in(self, lang: str) -> str:
        """Every defect, in ``lang``."""
        # Lazily: the catalogue is read only where a refusal is shown.
        from kzcommission.i18n import refusal_reason

        return "; ".join(refusal_reason(d, lang) or str(d) for d in self.defects)


def check_calibration_panel(
    members: Sequence[PanelMember], *, employee_id: str, evaluator_id: str
) -> None:
    """Raise a PanelError (R-CAL-2) unless the panel is lawful (§20).

    Lawful: distinct persons, an odd number and at least three, neither the
    employee who disputes the score nor the evaluator who gave it, at least one
    (other) evaluator and at least one personnel-service officer. Every defect
    is reported at once, so the secretary can fix the composition in one pass.
    """
    if isinstance(members, str | bytes) or not isinstance(members, Sequence):
        raise PanelError([RuleError("the panel must be a list of members", key="cal_panel_list")])
    problems: list[RuleError] = []
    if not all(isinstance(member, PanelMember) for member in members):
        raise PanelError(
            [RuleError("each panel member must be a PanelMember", key="cal_panel_member_type")]
        )
    ids = [member.person_id for member in members]
    repeated = sorted({pid for pid in ids if ids.count(pid) > 1})
    if repeated:
        listed = ", ".join(map(str, repeated))
        problems.append(
            RuleError(
                f"listed more than once: {listed}",
                key="cal_panel_repeated",
                params={"persons": listed},
            )
        )
    size = len(set(ids))
    if size < MIN_PANEL:
        problems.append(
            RuleError(
                f"the panel has {size} members; at least {MIN_PANEL} are required",
                key="cal_panel_too_small",
                params={"size": size, "minimum": MIN_PANEL},
            )
        )
    if size % 2 == 0:
        problems.append(
            RuleError(
                f"the panel has {size} members; the number must be odd",
                key="cal_panel_even",
                params={"size": size},
            )
        )
    if employee_id in ids:
        problems.append(
            RuleError(
                f"the employee disputing the score ({employee_id}) may not sit on the panel",
                key="cal_panel_employee",
                params={"person": employee_id},
            )
        )
    if evaluator_id in ids:
        problems.append(
            RuleError(
                f"the evaluator whose score is disputed ({evaluator_id}) may not sit on the panel",
                key="cal_panel_disputed_evaluator",
                params={"person": evaluator_id},
            )
        )
    if not any(m.is_personnel_officer for m in members):
        problems.append(
            RuleError(
                "no personnel-service officer among the members", key="cal_panel_no_personnel"
            )
        )
    # The disputed evaluator does not count: he may not sit at all.
    if not any(m.is_evaluator and m.person_id != evaluator_id for m in members):
        problems.append(RuleError("no evaluator among the members", key="cal_panel_no_evaluator"))
    if problems:
        raise PanelError(problems)


@dataclass(frozen=True)
class CalibrationDeadlines:
    """The dates of R-CAL-1, computed on the Kazakhstan working calendar (R-DL-9)."""

    request_due: date  # last day to ask for a session: 5 working days after the result
    request_in_time: bool
    composition_due: date  # composition approved: 3 working days after the request
    session_due: date  # session held: 10 working days after the request
    # A date in a year whose holiday calendar is not final yet (workdays.is_provisional).
    provisional: bool


def calibration_deadlines(request_received: date, result_received: date) -> CalibrationDeadlines:
    """R-CAL-1 deadlines from the day the employee got the result and the day the request came.

    "Within N working days of X" ends on the N-th working day after X, X not counted.
    A late request is reported by ``request_in_time``, not refused: whether to
    hear it anyway is the official's decision.
    """
    from kzcommission.domain.workdays import add_working_days, provisional_years

    request_received = check_date(request_received, "request_received", "R-CAL-1")
    result_received = check_date(result_received, "result_received", "R-CAL-1")
    if request_received < result_received:
        raise RuleError(
            "the request cannot come before the result was received",
            rule_id="R-CAL-1",
            field="request_received",
            key="cal_request_before_result",
            params={
                "request_received": request_received.strftime("%d.%m.%Y"),
                "result_received": result_received.strftime("%d.%m.%Y"),
            },
        )
    request_due = add_working_days(result_received, REQUEST_WORKING_DAYS)
    composition_due = add_working_days(request_received, COMPOSITION_WORKING_DAYS)
    session_due = add_working_days(request_received, SESSION_WORKING_DAYS)
    years = {request_due.year, composition_due.year, session_due.year}
    return CalibrationDeadlines(
        request_due=request_due,
        request_in_time=request_received <= request_due,
        composition_due=composition_due,
        session_due=session_due,
        provisional=bool(provisional_years(years)),
    )


def protocol_upload_due(signed_on: date) -> date:
    """R-CAL-3: the protocol is placed in the system within 3 working days of signing."""
    from kzcommission.domain.workdays import add_working_days

    return add_working_days(check_date(signed_on, "signed_on", "R-CAL-3"), PROTOCOL_WORKING_DAYS)


def calibration_result(
    votes: Mapping[str, object], *, members: Collection[str | PanelMember] | None = None
) -> Decimal | None:
    """The score adopted by the session, or None when no score has a majority (R-CAL-3).

    ``votes`` maps each voting member to the score he supports (the evaluator's
    or a corrected one, higher or lower). Adopted: the score supported by more
    than half of the session's members, ``members`` (their person ids) when given,
    else those who voted. Reading: a member who did not vote still counts in the
    half, so 2 of 5 with 2 absent adopts nothing; with no majority nothing is
    adopted and the session votes again.
    """
    if not isinstance(votes, Mapping):
        raise RuleError(
            "votes must map members to scores",
            rule_id="R-CAL-3",
            field="votes",
            key="cal_votes_mapping",
        )
    if not votes:
        raise RuleError("no votes were cast", rule_id="R-CAL-3", field="votes", key="cal_no_votes")
    if members is None:
        panel = set(votes)
    elif isinstance(members, str | bytes) or not isinstance(members, Collection):
        raise RuleError(
            "members must be a list of members",
            rule_id="R-CAL-3",
            field="members",
            key="cal_members_list",
        )
    else:
        panel = {m.person_id if isinstance(m, PanelMember) else m for m in members}
    for voter in votes:
        if voter not in panel:
            raise RuleError(
                f"{voter!r} is not a member of the session",
                rule_id="R-CAL-3",
                field=str(voter),
                key="cal_voter_not_member",
                params={"voter": voter},
            )

    counts = Counter(
        to_score(score, field=str(voter), rule_id="R-CAL-3") for voter, score in votes.items()
    )
    score, count = counts.most_common(1)[0]
    return score if 2 * count > len(panel) else None


def retention_until(document_date: date) -> date:
    """R-CAL-4: last day evaluation documents are kept, three years after the evaluation ended.

    29 February moves to 28 February, the last day of that month.
    """
    from kzcommission.domain.workdays import add_months

    return add_months(check_date(document_date, "document_date", "R-CAL-4"), 12 * RETENTION_YEARS)


def is_due_for_disposal(document_date: date, today: date) -> bool:
    """R-CAL-4: True once the three years of ``retention_until`` have passed."""
    return check_date(today, "today", "R-CAL-4") > retention_until(document_date)
