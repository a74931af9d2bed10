"""A demo database: one commission of 9 members and a secretary, one sitting of 12 cases."""

from __future__ import annotations

from datetime import date

from kzcommission.domain.kinds import Kind, Role
from kzcommission.services import cases, commissions, personnel, persons, sittings
from kzcommission.services.commissions import SeatSpec
from kzcommission.services.unit import write

MEMBERS = [
    ("Сейітқали", "Ерлан", "Болатұлы", "Deputy Minister of Internal Affairs"),
    ("Жұмабекова", "Әсем", "Қайратқызы", "Head of the Personnel Department"),
    ("Нұрғалиев", "Дәурен", "Серікұлы", "Head of the Legal Department"),
    ("Ибраева", "Гүлнұр", "Өмірзаққызы", "Head of Internal Security"),
    ("Оспанов", "Ғалым", "Жақсылықұлы", "Head of the Police Department"),
    ("Петров", "Андрей", "Викторович", "Head of the Training Centre"),
    ("Төлеуов", "Нұрлан", "Ұзақбайұлы", "Public Council representative"),
    ("Смағұлова", "Айгерім", "Һадиқызы", "Professor, Academy of Law Enforcement"),
    ("Қасымов", "Бауыржан", "Іслямұлы", "Chief of Staff"),
]
SECRETARY = ("Әбенова", "Мөлдір", "Ержанқызы", "Chief Inspector, Personnel Department")

EMPLOYEES = [
    ("Әлиев", "Тимур", "Маратұлы", "Senior Inspector", Kind.REGULAR, "2"),
    ("Байжанова", "Ләззат", "Ғаниқызы", "Inspector", Kind.REGULAR, "3"),
    ("Мұхаметжанов", "Серік", "Қуанышұлы", "Investigator", Kind.REGULAR, "2"),
    ("Кузнецова", "Ольга", "Игоревна", "Senior Investigator", Kind.REGULAR, "1"),
    ("Есенов", "Арман", "Бекұлы", "District Inspector", Kind.REGULAR, "3"),
    ("Сәрсенбаев", "Ержан", "Төлегенұлы", "Duty Officer", Kind.REPEAT, "3"),
    ("Шәкенова", "Динара", "Асқарқызы", "Inspector", Kind.REPEAT, "2"),
    ("Қожахметов", "Рүстем", "Нұрланұлы", "Head of District Police", Kind.EXTRAORDINARY, ""),
    ("Ильясова", "Жанар", "Сапарқызы", "Deputy Head of Unit", Kind.EXTRAORDINARY, ""),
    ("Өтебаев", "Қанат", "Мұратұлы", "Operational Officer", Kind.EXTRAORDINARY, ""),
    ("Иванов", "Сергей", "Петрович", "Senior Operational Officer", Kind.EXTRAORDINARY, ""),
    ("Ахметова", "Үміт", "Болатқызы", "Inspector of Juvenile Affairs", Kind.EXTRAORDINARY, ""),
]


@write("demo.create")
def create_demo(held_on: date | None = None) -> int:
    """Fill an empty database with the demo; return the sitting's id."""
    held_on = held_on or date(2024, 9, 17)
    seats = []
    for index, (surname, given, patronymic, position) in enumerate(MEMBERS):
        person = persons.add_person(
            surname, given, patronymic, position=position, personnel_number=f"M-{index + 1:03d}"
        )
        role = Role.CHAIR if index == 0 else Role.MEMBER
        seats.append(
            SeatSpec(
                role=role.value,
                position_title=position,
                holder_id=person.id,
                is_public=position.startswith(("Public", "Professor")),
            )
        )
    secretary = persons.add_person(*SECRETARY[:3], position=SECRETARY[3], personnel_number="M-010")
    seats.append(
        SeatSpec(role=Role.SECRETARY.value, position_title=SECRETARY[3], holder_id=secretary.id)
    )
    commission = commissions.create_commission(
        "Central certification commission of the Ministry of Internal Affairs",
        seats,
        level="central",
        place="Astana",
    )
    sitting = sittings.create_sitting(
        commission.id, held_on, place="Astana, Tauelsizdik 1", number="1"
    )
    for index, (surname, given, patronymic, position, kind, grade) in enumerate(EMPLOYEES):
        person = persons.add_person(
            surname,
            given,
            patronymic,
            position=position,
            personnel_number=f"E-{index + 1:04d}",
            birth_date=date(1980 + index, 1 + index % 12, 1 + index),
            grade=grade,
            appointed_on=date(2018, 3, 1),
            service_start=date(2010 + index % 5, 9, 1),
            education="Academy of the Ministry of Internal Affairs",
            specialty="Jurisprudence",
            special_rank="police major" if kind == Kind.EXTRAORDINARY else "",
        )
        if index == 1:  # R-ELIG-4: she applied for the next grade; R-DEC-3: two grades at stake
            personnel.add_application(person.id, date(2024, 5, 20), "2", today=held_on)
        cases.add_case(sitting.id, person.id, kind.value, restricted=index == 11)
    return sitting.id
