"""Building blocks for service tests: a commission of n members and a sitting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kzcommission.services.preparation import commissions, persons
from kzcommission.services.preparation.commissions import CommissionView, SeatSpec
from kzcommission.services.sitting import sittings


@dataclass
class Desk:
    commission: CommissionView
    sitting_id: int

    @property
    def voting(self) -> list[int]:
        return [s.id for s in self.commission.voting_seats]

    @property
    def chair(self) -> int:
        return self.commission.chair.id

    @property
    def secretary(self) -> int:
        return next(s.id for s in self.commission.seats if s.role == "secretary")


def make_desk(
    members: int = 9,
    held_on: date = date(2025, 3, 12),
    present: int | None = None,
) -> Desk:
    seats = []
    for index in range(members):
        person = persons.add_person(f"Member{index}", "Test", personnel_number=f"M{index}")
        seats.append(
            SeatSpec(
                role="chair" if index == 0 else "member",
                holder_id=person.id,
                position_title=f"Position {index}",
            )
        )
    secretary = persons.add_person("Secretary", "Test", personnel_number="S0")
    seats.append(SeatSpec(role="secretary", holder_id=secretary.id))
    commission = commissions.create_commission("Test commission", seats, place="Astana")
    sitting = sittings.create_sitting(commission.id, held_on)
    sittings.set_status(sitting.id, "open")
    desk = Desk(commission, sitting.id)
    for seat in desk.voting[: members if present is None else present]:
        sittings.mark_attendance(sitting.id, seat, "present")
    return desk


def add_employee(
    name: str = "Employee",
    number: str | None = None,
    position: str = "Inspector",
    grade: str = "",
):
    return persons.add_person(name, "Case", personnel_number=number, position=position, grade=grade)


def explain_findings(sitting_id: int, text: str = "Explained by the chair in the test") -> int:
    """Explain in writing every finding of the chair's review, so the sitting can be
    finalized; returns how many there were (tests of other features use it)."""
    from kzcommission.services.sitting import review

    count = 0
    for line, finding in review.blocking_findings(sitting_id):
        if not finding.finding.explainable:  # R-DEC-3, R-DEC-5: only the record clears it
            continue
        review.explain(line.case_id, finding.finding.key, text)
        count += 1
    return count
