"""The follow-up of one sitting, one line per decided case: minutes signed (R-DL-6),
results communicated against signature (R-DL-7, anchored per rule set), the head's
decision (R-DOC-7) and the appeal (R-DOC-8, re-certification timed by R-ELIG-6).

The deadline states are the dashboard's own (services.preparation.campaign.dashboard), so the
view and the deadline page never disagree about a case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kzcommission.domain.eligibility import earliest_recertification
from kzcommission.services.preparation import campaign
from kzcommission.services.sitting import cases, followup, sittings
from kzcommission.services.unit import read

# Order 880 sets no time limit for the minutes: the date is the anchor of R-DL-7.
MINUTES_ANCHOR_RULE = "R-DL-7"


@dataclass(frozen=True)
class Entry:
    """One follow-up step of a case: done when, due when, where it stands, under which rule.

    ``status`` is one of campaign.STATUSES, or "" when the step has no deadline."""

    rule_id: str
    done_on: date | None
    due: date | None
    status: str


@dataclass(frozen=True)
class HeadView:
    decided_on: date
    order_number: str
    text: str


@dataclass(frozen=True)
class FollowupLine:
    case_id: int
    number: int
    person_name: str
    kind: str
    decision: str
    decided_on: date | None
    minutes: Entry
    communicate: Entry
    head: HeadView | None
    appeals: tuple[followup.AppealView, ...]
    recertify_from: date | None  # R-ELIG-6: set once an appeal cancelled the order
    recertification_scheduled: bool

    @property
    def appeal(self) -> followup.AppealView | None:
        """The latest appeal, the one the line shows."""
        return self.appeals[-1] if self.appeals else None

    @property
    def appeal_state(self) -> str:
        """none / filed / rejected / cancelled (R-DOC-8)."""
        appeal = self.appeal
        if appeal is None:
            return "none"
        return "filed" if appeal.outcome == "pending" else appeal.outcome


def _entry(rows: dict[str, campaign.DeadlineRow], step: str, done: date | None) -> Entry:
    row = rows.get(step)
    if row is None:  # a step without a deadline of its own in this kind
        return Entry(MINUTES_ANCHOR_RULE, done, None, "done" if done else "")
    return Entry(row.rule_id, row.done_on, row.due, row.status)


@read("followup.view")
def sitting_lines(sitting_id: int, today: date | None = None) -> list[FollowupLine]:
    """The decided cases of a sitting in their order, each with its follow-up (R-DL-6,
    R-DL-7, R-DOC-7, R-DOC-8, R-ELIG-6)."""
    held_on = sittings.get_sitting(sitting_id).held_on  # NotFound for an unknown id
    today = today or date.today()
    board = campaign.dashboard(today, sitting_id=sitting_id)
    by_case: dict[int, dict[str, campaign.DeadlineRow]] = {}
    for row in board.rows:
        by_case.setdefault(row.case_id, {})[row.step] = row
    # Cancelled on appeal and no longer waiting: a re-certification was scheduled.
    waiting = {w.case_id for w in followup.recertification_due()}
    lines = []
    for case in cases.list_cases(sitting_id):
        if case.decision is None:
            continue
        state = followup.follow_up(case.id)
        rows = by_case.get(case.id, {})
        cancelled = any(a.outcome == "cancelled" for a in state.appeals)
        head = state.head_decision_on
        lines.append(
            FollowupLine(
                case_id=case.id,
                number=case.order + 1,
                person_name=case.person_name,
                kind=case.kind,
                decision=case.decision,
                decided_on=state.decided_on,
                minutes=_entry(rows, campaign.MINUTES, state.minutes_signed_on),
                communicate=_entry(rows, "communicate", state.familiarised_on),
                head=HeadView(head, state.head_order, state.head_text) if head else None,
                appeals=state.appeals,
                recertify_from=earliest_recertification(held_on) if cancelled else None,
                recertification_scheduled=cancelled and case.id not in waiting,
            )
        )
    return lines
