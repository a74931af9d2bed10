"""The data of the consolidated reports (issue 8): what the report services compute and
the renderers print, plain frozen values with no store behind them.

Declared here, in the documents layer, so that the renderers (report, report_tables,
report_charts) need nothing from the services; the services build these values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kzcommission.domain.names import Names


@dataclass(frozen=True)
class ReportFilter:
    date_from: date | None = None
    date_to: date | None = None
    commission_id: int | None = None
    unit: str | None = None


@dataclass(frozen=True)
class DecisionRow:
    option: str
    count: int
    share: float  # of the decided cases, 0..1


@dataclass(frozen=True)
class DecisionReport:
    total: int  # every case of the held sittings in scope (HELD)
    decided: int
    pending: int  # not decided yet (status pending or open)
    postponed: int
    rows: tuple[DecisionRow, ...]
    by_absence: int = 0  # decided by rule for an unexcused absence (R-SIT-4, R-SIT-5)
    planned: int = 0  # cases of planned sittings in the filter, not counted above

    @property
    def interviewed(self) -> int:
        """Decided after an interview: every decision but those taken for an absence."""
        return self.decided - self.by_absence

    def count(self, option: str) -> int:
        return next((r.count for r in self.rows if r.option == option), 0)

    def share(self, option: str) -> float:
        return next((r.share for r in self.rows if r.option == option), 0.0)


@dataclass(frozen=True)
class SittingAttendance:
    sitting_id: int
    commission: str
    number: str
    held_on: date
    members: int
    present: int
    required: int
    quorum_met: bool
    late: int
    left: int


@dataclass(frozen=True)
class MemberAttendance:
    seat_id: int
    name: str
    role: str
    commission: str
    sittings: int
    attended: int
    late: int
    left: int

    @property
    def rate(self) -> float:
        return self.attended / self.sittings if self.sittings else 0.0


@dataclass(frozen=True)
class AttendanceReport:
    sittings: tuple[SittingAttendance, ...]
    members: tuple[MemberAttendance, ...]

    @property
    def held(self) -> int:
        return len(self.sittings)

    @property
    def with_quorum(self) -> int:
        return sum(1 for s in self.sittings if s.quorum_met)

    @property
    def late(self) -> int:
        return sum(s.late for s in self.sittings)

    @property
    def left(self) -> int:
        return sum(s.left for s in self.sittings)

    @property
    def rate(self) -> float:
        """Attended seats over expected seats, all sittings together."""
        expected = sum(s.members for s in self.sittings)
        return sum(s.present for s in self.sittings) / expected if expected else 0.0


@dataclass(frozen=True)
class DeadlineRuleRow:
    rule_id: str
    step: str
    met: int  # done on time
    late: int  # done after the deadline
    overdue: int  # not done, deadline passed
    open: int  # not done, not due yet (or no date yet)

    @property
    def missed(self) -> int:
        return self.late + self.overdue


@dataclass(frozen=True)
class DeadlineReport:
    today: date
    rows: tuple[DeadlineRuleRow, ...]


@dataclass(frozen=True)
class BandRow:
    band: str
    count: int
    share: float


@dataclass(frozen=True)
class EvaluationReport:
    visible: bool  # False: the actor may not read evaluation results (R-CAL-4)
    corps_a: tuple[BandRow, ...]
    corps_b: tuple[BandRow, ...]


@dataclass(frozen=True)
class AppealRow:
    """Appeals of one commission's cases (R-DOC-8): filed, each outcome, still pending."""

    commission: str
    filed: int
    rejected: int  # the appeal rejected, the decision stands
    cancelled: int  # the order cancelled, re-certification scheduled
    pending: int

    @property
    def decided(self) -> int:
        return self.rejected + self.cancelled


@dataclass(frozen=True)
class AppealReport:
    rows: tuple[AppealRow, ...]

    def total(self) -> AppealRow:
        """All commissions together."""
        return AppealRow(
            "",
            sum(r.filed for r in self.rows),
            sum(r.rejected for r in self.rows),
            sum(r.cancelled for r in self.rows),
            sum(r.pending for r in self.rows),
        )


@dataclass(frozen=True)
class ConsolidatedReport:
    filter: ReportFilter
    commission_name: str | Names  # per language (v13); "" for all commissions
    generated_on: date
    decisions: DecisionReport
    attendance: AttendanceReport
    deadlines: DeadlineReport
    evaluation: EvaluationReport
    appeals: AppealReport = AppealReport(())
