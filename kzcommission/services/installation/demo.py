"""A demo database: one commission of 9 members and a secretary, one sitting of 12 cases."""

from __future__ import annotations

from datetime import date

from kzcommission.domain.kinds import Kind, Role
from kzcommission.domain.names import Names
from kzcommission.services.preparation import commissions, personnel, persons
from kzcommission.services.preparation.commissions import SeatSpec
from kzcommission.services.sitting import cases, sittings
from kzcommission.services.unit import write

# Names are kept in Kazakh, Russian and English (issue 15 item 6): each document
# prints them in its own language (domain.names).
MEMBERS = [
    ("Сейітқали", "Ерлан", "Болатұлы", Names(
        "Ішкі істер министрінің орынбасары",
        "Заместитель министра внутренних дел",
        "Deputy Minister of Internal Affairs")),
    ("Жұмабекова", "Әсем", "Қайратқызы", Names(
        "Кадр саясаты департаментінің бастығы",
        "Начальник Департамента кадровой политики",
        "Head of the Personnel Policy Department")),
    ("Нұрғалиев", "Дәурен", "Серікұлы", Names(
        "Заң департаментінің бастығы",
        "Начальник Юридического департамента",
        "Head of the Legal Department")),
    ("Ибраева", "Гүлнұр", "Өмірзаққызы", Names(
        "Өзіндік қауіпсіздік департаментінің бастығы",
        "Начальник Департамента собственной безопасности",
        "Head of the Internal Security Department")),
    ("Оспанов", "Ғалым", "Жақсылықұлы", Names(
        "Полиция департаментінің бастығы",
        "Начальник Департамента полиции",
        "Head of the Police Department")),
    ("Петров", "Андрей", "Викторович", Names(
        "Оқу орталығының бастығы",
        "Начальник Учебного центра",
        "Head of the Training Centre")),
    ("Төлеуов", "Нұрлан", "Ұзақбайұлы", Names(
        "Қоғамдық кеңестің өкілі",
        "Представитель Общественного совета",
        "Public Council representative")),
    ("Смағұлова", "Айгерім", "Һадиқызы", Names(
        "Құқық қорғау органдары академиясының профессоры",
        "Профессор Академии правоохранительных органов",
        "Professor, Academy of Law Enforcement")),
    ("Қасымов", "Бауыржан", "Іслямұлы", Names(
        "Штаб бастығы",
        "Начальник штаба",
        "Chief of Staff")),
]  # fmt: skip
SECRETARY = ("Әбенова", "Мөлдір", "Ержанқызы", Names(
    "Кадр саясаты департаментінің бас инспекторы",
    "Главный инспектор Департамента кадровой политики",
    "Chief Inspector, Personnel Policy Department"))  # fmt: skip
PUBLIC_SEATS = (6, 7)  # R-QUO-3: the Public Council's representative and the professor

COMMISSION = Names(
    "Қазақстан Республикасы Ішкі істер министрлігінің Орталық аттестаттау комиссиясы",
    "Центральная аттестационная комиссия Министерства внутренних дел Республики Казахстан",
    "Central certification commission of the Ministry of Internal Affairs",
)
CITY = Names("Астана қаласы", "город Астана", "Astana")
SITTING_PLACE = Names(
    "Астана қаласы, Тәуелсіздік даңғылы, 1",
    "г. Астана, пр. Тәуелсіздік, 1",
    "Astana, 1 Tauelsizdik Avenue",
)
UNIT = Names(
    "Астана қаласы Полиция департаменті",
    "Департамент полиции города Астаны",
    "Police Department of Astana",
)

_SENIOR_INSPECTOR = Names("Аға инспектор", "Старший инспектор", "Senior Inspector")
_INSPECTOR = Names("Инспектор", "Инспектор", "Inspector")
EMPLOYEES = [
    ("Әлиев", "Тимур", "Маратұлы", _SENIOR_INSPECTOR, Kind.REGULAR, "2"),
    ("Байжанова", "Ләззат", "Ғаниқызы", _INSPECTOR, Kind.REGULAR, "3"),
    ("Мұхаметжанов", "Серік", "Қуанышұлы",
     Names("Тергеуші", "Следователь", "Investigator"), Kind.REGULAR, "2"),
    ("Кузнецова", "Ольга", "Игоревна",
     Names("Аға тергеуші", "Старший следователь", "Senior Investigator"), Kind.REGULAR, "1"),
    ("Есенов", "Арман", "Бекұлы",
     Names("Учаскелік инспектор", "Участковый инспектор", "District Inspector"),
     Kind.REGULAR, "3"),
    ("Сәрсенбаев", "Ержан", "Төлегенұлы",
     Names("Кезекші", "Дежурный", "Duty Officer"), Kind.REPEAT, "3"),
    ("Шәкенова", "Динара", "Асқарқызы", _INSPECTOR, Kind.REPEAT, "2"),
    ("Қожахметов", "Рүстем", "Нұрланұлы",
     Names("Аудандық полиция басқармасының бастығы", "Начальник районного управления полиции",
           "Head of District Police"), Kind.EXTRAORDINARY, ""),
    ("Ильясова", "Жанар", "Сапарқызы",
     Names("Бөлім бастығының орынбасары", "Заместитель начальника отдела",
           "Deputy Head of Unit"), Kind.EXTRAORDINARY, ""),
    ("Өтебаев", "Қанат", "Мұратұлы",
     Names("Жедел уәкіл", "Оперуполномоченный", "Operational Officer"), Kind.EXTRAORDINARY, ""),
    ("Иванов", "Сергей", "Петрович",
     Names("Аға жедел уәкіл", "Старший оперуполномоченный", "Senior Operational Officer"),
     Kind.EXTRAORDINARY, ""),
    ("Ахметова", "Үміт", "Болатқызы",
     Names("Кәмелетке толмағандардың істері жөніндегі инспектор",
           "Инспектор по делам несовершеннолетних", "Inspector of Juvenile Affairs"),
     Kind.EXTRAORDINARY, ""),
]  # fmt: skip


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
                position_title=position.kk,
                titles=position,
                holder_id=person.id,
                is_public=index in PUBLIC_SEATS,
            )
        )
    secretary = persons.add_person(*SECRETARY[:3], position=SECRETARY[3], personnel_number="M-010")
    seats.append(
        SeatSpec(
            role=Role.SECRETARY.value,
            position_title=SECRETARY[3].kk,
            titles=SECRETARY[3],
            holder_id=secretary.id,
        )
    )
    commission = commissions.create_commission(COMMISSION, seats, level="central", place=CITY)
    sitting = sittings.create_sitting(commission.id, held_on, place=SITTING_PLACE, number="1")
    for index, (surname, given, patronymic, position, kind, grade) in enumerate(EMPLOYEES):
        person = persons.add_person(
            surname,
            given,
            patronymic,
            position=position,
            unit=UNIT,
            personnel_number=f"E-{index + 1:04d}",
            birth_date=date(1980 + index, 1 + index % 12, 1 + index),
            grade=grade,
            appointed_on=date(2018, 3, 1),
            service_start=date(2010 + index % 5, 9, 1),
            # Kept as the diploma and the order give them: one language (the state's here).
            education="Қазақстан Республикасы ІІМ Алматы академиясы, 2002",
            specialty="Құқықтану",
            special_rank="полиция майоры" if kind == Kind.EXTRAORDINARY else "",
        )
        if index == 1:  # R-ELIG-4: she applied for the next grade; R-DEC-3: two grades at stake
            personnel.add_application(person.id, date(2024, 5, 20), "2", today=held_on)
        cases.add_case(sitting.id, person.id, kind.value, restricted=index == 11)
    return sitting.id
