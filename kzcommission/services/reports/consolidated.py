"""Consolidated reports over a period, a commission or a unit (issue 8): decisions and
attendance, aggregated in SQL with GROUP BY so that tens of thousands of cases open at
once. The search of cases as the user types is in ``reports.search``.

Readings (the product's choices):

* The period cuts by the sitting date (``sitting.held_on``), both ends included; a
  campaign is a period. The unit is the certified person's (``person.unit``).
* Cases and sittings are counted from one set (issue 22): the sittings held (open,
  closed or finalized) in the filter, and their cases. Cases of planned sittings (not
  held yet) are not counted, only stated beside (``DecisionReport.planned``).
* Shares of decisions are of the decided cases, as in the 2017 statistics; undecided
  and postponed cases are counted beside them. "Interviewed" excludes the decisions
  taken by rule for an absence (``decision_rule`` R-SIT-4 / R-SIT-5): those persons
  were not interviewed.
* Attendance counts the voting members (chair and members, R-QUO-1) whose seat was
  valid on the sitting day. A member "attended" when he was in the room at some time
  of the sitting (a present or late event); quorum met is R-QUO-1 on that number.
  Planned sittings (not held yet) are left out. With a unit filter, the sittings are
  those that heard at least one employee of the unit.
"""

from __future__ import annotations

from peewee import JOIN, SQL, Case, Expression, fn

from kzcommission.documents.report_data import (  # the report's values, built here
    AttendanceReport,
    DecisionReport,
    DecisionRow,
    MemberAttendance,
    ReportFilter,
    SittingAttendance,
)
from kzcommission.domain.kinds import Role
from kzcommission.domain.quorum import IN_ROOM, has_quorum, required_quorum
from kzcommission.services.unit import read
from kzcommission.store import models

VIEW = "reports.view"
# The 2017 table's order first (promotion, fits, demotion, dismissal), then the others.
DECISION_ORDER: tuple[str, ...] = (
    "fits_promote", "fits", "unfit_demote", "unfit_dismiss", "unfit_transfer", "recertify", "unfit",
)  # fmt: skip
VOTING = (Role.CHAIR.value, Role.MEMBER.value)
HELD = ("open", "closed", "finalized")  # the sittings a report counts, cases and sittings alike
BY_ABSENCE = ("R-SIT-4", "R-SIT-5")  # decided for an unexcused absence, not interviewed

K, S, P, C = models.Case, models.Sitting, models.Person, models.Commission
Seat, Event = models.Seat, models.AttendanceEvent


def sitting_conditions(f: ReportFilter) -> list[Expression]:
    """Conditions on ``Sitting`` for the filter (the unit through a subquery on cases)."""
    conds: list[Expression] = []
    if f.date_from is not None:
        conds.append(S.held_on >= f.date_from)
    if f.date_to is not None:
        conds.append(S.held_on <= f.date_to)
    if f.commission_id is not None:
        conds.append(S.commission == f.commission_id)
    if f.unit:
        heard = K.select(K.sitting).join(P, on=(K.person == P.id)).where(P.unit == f.unit)
        conds.append(S.id.in_(heard))
    return conds


def all_of(conds: list[Expression]) -> Expression:
    result: Expression = SQL("1 = 1")
    for cond in conds:
        result = result & cond
    return result


@read(VIEW)
def decisions(f: ReportFilter) -> DecisionReport:
    """Count and share of each decision (the shape of the 2017 table), with the undecided."""
    conds = sitting_conditions(ReportFilter(f.date_from, f.date_to, f.commission_id))
    query = K.select(
        S.status.in_(HELD), K.status, K.decision, K.decision_rule.in_(BY_ABSENCE), fn.COUNT(K.id)
    ).join(S, on=(K.sitting == S.id))
    if f.unit:
        query = query.switch(K).join(P, on=(K.person == P.id))
        conds.append(P.unit == f.unit)
    query = query.where(all_of(conds)).group_by(
        S.status.in_(HELD), K.status, K.decision, K.decision_rule.in_(BY_ABSENCE)
    )
    counts: dict[str, int] = {}
    total = postponed = by_absence = planned = 0
    for held, status, decision, absent, count in query.tuples():
        if not held:
            planned += count
            continue
        total += count
        if decision is not None:
            counts[decision] = counts.get(decision, 0) + count
            by_absence += count if absent else 0
        elif status == "postponed":
            postponed += count
    decided = sum(counts.values())
    order = [o for o in DECISION_ORDER if o in counts or o in DECISION_ORDER[:4]]
    order += sorted(set(counts) - set(DECISION_ORDER))
    rows = tuple(
        DecisionRow(o, counts.get(o, 0), counts.get(o, 0) / decided if decided else 0.0)
        for o in order
    )
    return DecisionReport(
        total, decided, total - decided - postponed, postponed, rows, by_absence, planned
    )


def _seat_valid() -> Expression:
    """The seat sat on the sitting day: same commission, voting, not closed before."""
    return (
        (Seat.commission == S.commission)
        & Seat.role.in_(VOTING)
        & (Seat.valid_from.is_null() | (Seat.valid_from <= S.held_on))
        & (Seat.valid_to.is_null() | (Seat.valid_to > S.held_on))
    )


def _per_seat_events(f: ReportFilter):
    """One row per (sitting, seat): in the room at some time (0/1), late and left counts."""
    in_room = Case(None, ((Event.kind.in_(sorted(IN_ROOM)), 1),), 0)
    late = Case(None, ((Event.kind == "late", 1),), 0)
    left = Case(None, ((Event.kind == "left", 1),), 0)
    return (
        Event.select(
            Event.sitting.alias("sid"),
            Event.seat.alias("seat"),
            fn.MAX(in_room).alias("attended"),
            fn.SUM(late).alias("late"),
            fn.SUM(left).alias("left_count"),
        )
        .join(S, on=(Event.sitting == S.id))
        .where(all_of([S.status.in_(HELD), *sitting_conditions(f)]))
        .group_by(Event.sitting, Event.seat)
        .alias("att")
    )


def _expected(f: ReportFilter, columns):
    """Sittings in scope x the seats expected there, with their events (if any)."""
    att = _per_seat_events(f)
    query = (
        S.select(*columns(att))
        .join(C, on=(S.commission == C.id))
        .switch(S)
        .join(Seat, on=_seat_valid())
        .join(
            att,
            JOIN.LEFT_OUTER,
            on=((att.c.sid == S.id) & (att.c.seat == Seat.id)),
        )
        .where(all_of([S.status.in_(HELD), *sitting_conditions(f)]))
    )
    return query


@read(VIEW)
def attendance(f: ReportFilter) -> AttendanceReport:
    """Per sitting: members, present, quorum; per member: attendance rate, late, left."""

    def per_sitting(att):
        return (
            S.id, C.name, S.number, S.held_on, fn.COUNT(Seat.id),
            fn.COALESCE(fn.SUM(att.c.attended), 0), fn.COALESCE(fn.SUM(att.c.late), 0),
            fn.COALESCE(fn.SUM(att.c.left_count), 0),
        )  # fmt: skip

    def per_member(att):
        return (
            Seat.id, Seat.role, P.surname, P.given_name, P.patronymic, C.name, fn.COUNT(S.id),
            fn.COALESCE(fn.SUM(att.c.attended), 0), fn.COALESCE(fn.SUM(att.c.late), 0),
            fn.COALESCE(fn.SUM(att.c.left_count), 0),
        )  # fmt: skip

    rows = (
        _expected(f, per_sitting)
        .group_by(S.id, C.name, S.number, S.held_on)
        .order_by(S.held_on, S.id)
        .tuples()
    )
    sittings = tuple(
        SittingAttendance(
            sid,
            name,
            number,
            held_on,
            members,
            int(present),
            required_quorum(members),
            has_quorum(int(present), members),
            int(late),
            int(left),
        )  # fmt: skip
        for sid, name, number, held_on, members, present, late, left in rows
    )
    member_rows = (
        _expected(f, per_member)
        .join(P, JOIN.LEFT_OUTER, on=(Seat.holder == P.id))
        .group_by(Seat.id, Seat.role, P.surname, P.given_name, P.patronymic, C.name)
        .order_by(C.name, Seat.id)
        .tuples()
    )
    members = tuple(
        MemberAttendance(
            seat,
            " ".join(x for x in (sur, given, patr) if x) or f"#{seat}",
            role,
            commission,
            held,
            int(attended),
            int(late),
            int(left),
        )  # fmt: skip
        for seat, role, sur, given, patr, commission, held, attended, late, left in member_rows
    )
    return AttendanceReport(sittings, members)


@read(VIEW)
def list_units() -> list[str]:
    """The units employees belong to, for the filter."""
    query = P.select(P.unit).where(P.unit != "").distinct().order_by(P.unit)
    return [unit for (unit,) in query.tuples()]


# The search lives beside; re-exported so callers find every report function here.
from kzcommission.services.reports.search import CaseHit, search_cases  # noqa: E402, F401
