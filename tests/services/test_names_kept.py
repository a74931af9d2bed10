"""Names per language through the services (issue 15 item 6): a form with one field never
loses the other languages by saving what it showed, and a new value leaves no stale one."""

from __future__ import annotations

from datetime import date

from kzcommission.domain.names import Names
from kzcommission.services.preparation import commissions, personnel
from kzcommission.services.preparation.commissions import SeatSpec
from kzcommission.services.sitting import sittings
from kzcommission.store import models
from kzcommission.store.names import names_of
from tests.services.helpers import add_employee

PLACE = Names("Астана қаласы", "город Астана", "Astana")


def commission_id() -> int:
    seats = [SeatSpec("chair", "Қазақстан Республикасының Ішкі істер министрі")]
    seats += [SeatSpec("member", f"Member {i}") for i in range(2)] + [SeatSpec("secretary")]
    return commissions.create_commission(Names(ru="Комиссия"), seats, place=PLACE).id


def test_a_sitting_takes_the_commissions_place_in_every_language(database):
    cid = commission_id()
    planned = sittings.create_sitting(cid, date(2025, 3, 12))
    assert planned.places == Names(*PLACE.variants().values(), other=PLACE.kk)
    typed = sittings.create_sitting(cid, date(2025, 3, 13), place="город Астана")
    assert typed.places.en == "Astana"  # the commission's place, typed in Russian


def test_saving_a_shown_value_keeps_the_others_and_a_new_one_replaces_them(database):
    cid = commission_id()
    sitting = sittings.create_sitting(cid, date(2025, 3, 12))
    # The Russian screen showed "город Астана"; saved unchanged, every language stays.
    kept = sittings.update_sitting(sitting.id, date(2025, 3, 12), place=PLACE.ru, number="1")
    assert kept.places.variants() == PLACE.variants()
    moved = sittings.update_sitting(
        sitting.id, date(2025, 3, 12), place="Алматы қаласы", number="1"
    )
    assert moved.places == Names(kk="Алматы қаласы", other="Алматы қаласы")
    assert moved.place_in("en") == "Алматы қаласы"  # no stale "Astana" in any language


def test_the_decree_template_seat_gets_its_catalogue_translations(database):
    view = commissions.get_commission(commission_id())
    chair = view.seats[0]
    assert chair.titles.ru == "Министр внутренних дел Республики Казахстан"
    assert chair.titles.en == "Minister of Internal Affairs of the Republic of Kazakhstan"
    assert view.seats[1].titles == Names(en="Member 0", other="Member 0")


def test_the_personnel_record_keeps_the_positions_languages(database):
    person = add_employee("Әлиев", "E-1")
    row = models.Person.get_by_id(person.id)
    row.position_kk, row.position_ru, row.position = "Инспектор", "Инспектор", "Инспектор"
    row.position_en = "Inspector"
    row.save()
    personnel.update_record(
        person.id, position="Inspector", grade="", appointed_on=None, service_start=None
    )
    assert names_of(models.Person.get_by_id(person.id), "position").en == "Inspector"
    assert names_of(models.Person.get_by_id(person.id), "position").kk == "Инспектор"
