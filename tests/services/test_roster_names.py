"""Roster import of the position and the unit per language (issue 15 item 6)."""

from __future__ import annotations

from kzcommission.services.preparation import roster
from kzcommission.store import models
from tests.services.test_roster import codes, write_csv

HEADER = (
    "personnel_number,surname,given_name,position (kk),должность (рус.),position (en),"
    "бөлімше (қаз.),unit (ru),position\n"
)


def test_language_columns_fill_each_variant(database, tmp_path):
    path = write_csv(
        tmp_path,
        HEADER
        + "E-1,Әлиев,Тимур,Аға инспектор,Старший инспектор,Senior Inspector,"
        + "Кадр басқармасы,Управление кадров,\n"
        # only the one-language column: placed by the language it is written in
        + "E-2,Иванова,Ольга,,,,,,Следователь\n",
    )
    preview = roster.parse_roster(path)
    assert preview.is_clean, codes(preview)
    assert roster.import_rows(preview.rows) == 2
    first = models.Person.get(models.Person.personnel_number == "E-1")
    assert (first.position_kk, first.position_ru, first.position_en) == (
        "Аға инспектор",
        "Старший инспектор",
        "Senior Inspector",
    )
    assert (first.unit_kk, first.unit_ru, first.unit_en) == (
        "Кадр басқармасы",
        "Управление кадров",
        "",
    )
    assert first.position == "Аға инспектор"  # the single column: the Kazakh pick
    second = models.Person.get(models.Person.personnel_number == "E-2")
    assert (second.position_kk, second.position_ru, second.position) == (
        "",
        "Следователь",
        "Следователь",
    )


def test_a_name_in_the_wrong_language_column_refuses_its_row(database, tmp_path):
    path = write_csv(
        tmp_path,
        HEADER
        + "E-1,Әлиев,Тимур,Аға инспектор,,Старший инспектор,,,\n"  # row 2: Cyrillic in en
        + "E-2,Иванова,Ольга,Inspector,,,,,\n"  # row 3: Latin in kk
        + "E-3,Петров,Иван,,Следователь,,,,\n",
    )
    preview = roster.parse_roster(path)
    assert codes(preview) == [
        (2, "position_en", "wrong_language"),
        (3, "position_kk", "wrong_language"),
    ]
    assert [r.row for r in preview.clean_rows] == [4]
    assert roster.import_rows(preview.clean_rows) == 1
    assert models.Person.select().count() == 1
