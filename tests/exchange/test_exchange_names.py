"""Exchange packages carry the names per language (schema version 2, issue 15 item 6);
a version 1 package, written before, is still read."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from kzcommission.domain.names import Names
from kzcommission.services.exchange import export_package, import_package
from kzcommission.services.exchange import package as fmt
from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.preparation import commissions, persons
from kzcommission.services.sitting import cases, voting
from kzcommission.store import models
from tests.exchange.test_exchange import KEY, finalize, rewrite
from tests.services.helpers import make_desk

NAME = Names("Өңірлік аттестаттау комиссиясы", "Региональная аттестационная комиссия", "")
PLACE = Names("Астана қаласы", "город Астана", "Astana")
POSITION = Names("Аға инспектор", "Старший инспектор", "Senior Inspector")


@pytest.fixture
def sent(tmp_path) -> Path:
    open_database(tmp_path / "office.sqlite3")
    desk = make_desk(present=9)
    commissions.rename_commission(desk.commission.id, NAME, PLACE)
    person = persons.add_person("Әлиев", "Тимур", personnel_number="E-1", position=POSITION)
    case = cases.add_case(desk.sitting_id, person.id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    voting.cast_all(r.id, "fits")
    voting.close_round(r.id)
    finalize(desk.sitting_id)
    path = export_package(desk.sitting_id, tmp_path / "sitting.kzx", key=KEY, lang="kk")
    close_database()
    return path


def test_names_travel_in_every_language(sent, centre):
    import_package(sent, key=KEY)
    commission = models.Commission.get()
    assert (commission.name_kk, commission.name_ru, commission.name_en) == (NAME.kk, NAME.ru, "")
    assert (commission.place_kk, commission.place_en) == (PLACE.kk, PLACE.en)
    person = models.Person.get(models.Person.personnel_number == "E-1")
    assert (person.position_kk, person.position_ru, person.position_en) == (
        POSITION.kk, POSITION.ru, POSITION.en
    )  # fmt: skip
    case = models.Case.get()
    assert (case.position_kk, case.position_ru) == (POSITION.kk, POSITION.ru)
    # The sitting, planned before the rename, kept the place typed then ("Astana": English).
    sitting = models.Sitting.get()
    assert (sitting.place, sitting.place_en, sitting.place_kk) == ("Astana", "Astana", "")


def test_a_version_1_package_is_read_with_each_name_placed_by_its_language(sent, centre, tmp_path):
    def as_version_1(data: dict) -> None:
        data["schema_version"] = 1
        for obj in (
            data["commission"], *data["commission"]["seats"], *data["persons"],
            data["sitting"], *data["sitting"]["cases"],
        ):  # fmt: skip
            obj.pop("names")

    old = rewrite(sent, tmp_path / "v1.kzx", as_version_1)
    with zipfile.ZipFile(old) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(files[fmt.MANIFEST])
    manifest["schema_version"] = 1
    files[fmt.MANIFEST] = fmt.dumps(manifest)
    files[fmt.SEAL] = fmt.dumps(fmt.seal(files[fmt.MANIFEST], KEY))
    with zipfile.ZipFile(old, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    import_package(old, key=KEY)
    commission = models.Commission.get()
    # The single value was the Kazakh pick: it lands in Kazakh, and is kept as it was.
    assert (commission.name, commission.name_kk, commission.name_ru) == (NAME.kk, NAME.kk, "")
    person = models.Person.get(models.Person.personnel_number == "E-1")
    assert (person.position, person.position_kk, person.position_en) == (POSITION.kk,) * 2 + ("",)
