"""A commission of 15 voting members and a secretary, with a case of each kind.

The largest commission the screens must show whole (issue 14): every voter on
the vote list without scrolling, names not cut.
"""

from __future__ import annotations

from datetime import date

from kzcommission.domain.kinds import Kind, Role
from kzcommission.domain.names import Names
from kzcommission.services.installation.demo import EMPLOYEES, MEMBERS
from kzcommission.services.preparation import commissions, persons
from kzcommission.services.preparation.commissions import SeatSpec
from kzcommission.services.sitting import cases, sittings

EXTRA_MEMBERS = [
    ("Жақсыбекова-Нұрмағамбетова", "Гүлшаһира", "Сағындыққызы", "Head of the Archive"),
    ("Константинопольский", "Владислав", "Александрович", "Head of Logistics"),
    ("Бекмұхамбетов", "Абылайхан", "Жанқожаұлы", "Head of Criminal Police"),
    ("Әбдірахманова", "Күләш", "Тілеубердіқызы", "Head of the Finance Department"),
    ("Серғазин", "Мұхтар", "Өтегенұлы", "Head of the Migration Service"),
    ("Ким", "Виктория", "Сергеевна", "Head of the Press Office"),
]
MEMBER_COUNT = len(MEMBERS) + len(EXTRA_MEMBERS)  # 15 voting members


def create_big_sitting() -> int:
    """The sitting's id: 15 members and a secretary, all present; a regular, a repeat
    and an extraordinary case (whose vote has five options)."""
    seats = []
    for index, (surname, given, patronymic, position) in enumerate(MEMBERS + EXTRA_MEMBERS):
        person = persons.add_person(
            surname, given, patronymic, position=position, personnel_number=f"B-{index:03d}"
        )
        titles = Names.of(position)  # the demo's members are named in kk, ru and en
        seats.append(
            SeatSpec(
                role=(Role.CHAIR if index == 0 else Role.MEMBER).value,
                position_title=titles.pick("kk"),
                titles=titles,
                holder_id=person.id,
                is_public=titles.pick("en").startswith(("Public", "Professor")),
            )
        )
    secretary = persons.add_person("Әбенова", "Мөлдір", "Ержанқызы", personnel_number="B-100")
    seats.append(SeatSpec(role=Role.SECRETARY.value, position_title="", holder_id=secretary.id))
    commission = commissions.create_commission(
        "Central certification commission", seats, level="central", place="Astana"
    )
    sitting = sittings.create_sitting(commission.id, date(2024, 9, 17), place="Astana", number="1")
    for index, kind in enumerate((Kind.REGULAR, Kind.REPEAT, Kind.EXTRAORDINARY)):
        surname, given, patronymic, position, _kind, grade = EMPLOYEES[index]
        person = persons.add_person(
            surname, given, patronymic, position=position, personnel_number=f"C-{index:03d}",
            grade=grade, appointed_on=date(2018, 3, 1), service_start=date(2010, 9, 1),
        )  # fmt: skip
        case = cases.add_case(sitting.id, person.id, kind.value, candidate_grade=grade)
        cases.set_appearance(case.id, "present")
    sittings.set_status(sitting.id, "open")
    for seat_id in sittings.voting_seat_ids(commission.id):
        sittings.mark_attendance(sitting.id, seat_id, "present")
    return sitting.id
