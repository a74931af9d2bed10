"""Roster import: a preview naming every problem by row and column; all or nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from kzcommission.services.preparation import persons, roster
from kzcommission.store import models
from tests.services.helpers import add_employee

HEADER = "personnel_number,surname,given_name,patronymic,birth_date,position\n"


def write_csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    return path


def codes(preview: roster.RosterPreview) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.code) for p in preview.problems]


def test_clean_csv_imports_in_one_go(database, tmp_path):
    path = write_csv(
        tmp_path,
        HEADER
        + "E-1,Әлиев,Тимур,Маратұлы,1985-04-02,Inspector\n"
        + "E-2,Иванова,Ольга,,02.03.1990,Investigator\n",
        "utf-8-sig",
    )
    preview = roster.parse_roster(path)
    assert preview.is_clean and len(preview.rows) == 2
    assert preview.rows[1].values["birth_date"] == date(1990, 3, 2)
    seen = []
    assert roster.import_rows(preview.rows, progress=lambda d, t: seen.append((d, t))) == 2
    assert seen[-1] == (2, 2)
    found = persons.search_persons("Әлиев")
    assert [p.personnel_number for p in found] == ["E-1"]


def test_malformed_csv_names_row_and_column_and_writes_nothing(database, tmp_path):
    add_employee("Existing", number="E-9")
    path = write_csv(
        tmp_path,
        HEADER
        + "E-1,Әлиев,Тимур,,1985-13-40,Inspector\n"  # row 2: bad date
        + "E-2,,Ольга,,1990-01-01,Inspector\n"  # row 3: missing surname
        + "E-1,Петров,Иван,,1990-01-01,Inspector\n"  # row 4: duplicate in the file
        + "E-9,Сидоров,Пётр,,1990-01-01,Chief\n"  # row 5: in the database; unknown position
        + "E-5,Ок,Строка,,,Inspector\n",
    )
    before = persons.count_persons()
    preview = roster.parse_roster(path, positions={"Inspector", "Investigator"})
    assert codes(preview) == [
        (2, "birth_date", "bad_date"),
        (3, "surname", "missing_value"),
        (4, "personnel_number", "duplicate_in_file"),
        (5, "personnel_number", "duplicate_in_database"),
        (5, "position", "unknown_position"),
    ]
    assert "row 2" in preview.problems[0].message and "birth_date" in preview.problems[0].message
    assert [r.row for r in preview.clean_rows] == [6]
    assert persons.count_persons() == before  # parsing writes nothing


def test_missing_columns_are_fatal(database, tmp_path):
    path = write_csv(tmp_path, "surname,position\nӘлиев,Inspector\n")
    preview = roster.parse_roster(path)
    assert preview.fatal and preview.clean_rows == []
    assert codes(preview) == [
        (None, "personnel_number", "missing_column"),
        (None, "given_name", "missing_column"),
    ]


def test_cp1251_csv_is_recognised_and_refused(database, tmp_path):
    path = write_csv(tmp_path, HEADER + "E-1,Иванов,Иван,,,\n", "cp1251")
    preview = roster.parse_roster(path)
    assert preview.fatal
    assert codes(preview) == [(None, None, "encoding_cp1251")]
    assert preview.problems[0].value == "line 2"


def test_file_over_the_limit_is_refused_before_reading(database, tmp_path):
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.write(HEADER.encode())
        handle.truncate(roster.MAX_BYTES + 1)
    preview = roster.parse_roster(path)
    assert codes(preview) == [(None, None, "too_large")]
    assert persons.count_persons() == 0


def test_malformed_xlsx(database, tmp_path):
    add_employee("Existing", number="77")
    book = Workbook()
    sheet = book.active
    sheet.append(["Табельный номер", "Фамилия", "Имя", "Дата рождения", "Должность"])
    sheet.append([123.0, "Әлиев", "Тимур", datetime(1985, 4, 2), "Inspector"])  # row 2: fine
    sheet.append([124, 42, "Тимур", datetime(1985, 4, 2), "Inspector"])  # row 3: surname number
    sheet.append([125, "Бек", "Ерлан", 3.5, "Inspector"])  # row 4: date is a number
    sheet.append([123, "Дубль", "Ерлан", None, "Inspector"])  # row 5: duplicate of row 2
    sheet.append([77, "Бар", "Уже", None, "Inspector"])  # row 6: already in the database
    path = tmp_path / "roster.xlsx"
    book.save(path)
    before = persons.count_persons()
    preview = roster.parse_roster(path)
    assert codes(preview) == [
        (3, "surname", "wrong_type"),
        (4, "birth_date", "wrong_type"),
        (5, "personnel_number", "duplicate_in_file"),
        (6, "personnel_number", "duplicate_in_database"),
    ]
    assert preview.rows[0].values["personnel_number"] == "123"
    assert persons.count_persons() == before


def test_xlsx_missing_columns_and_damaged_file(database, tmp_path):
    book = Workbook()
    book.active.append(["Фамилия", "Имя"])
    path = tmp_path / "short.xlsx"
    book.save(path)
    assert codes(roster.parse_roster(path)) == [(None, "personnel_number", "missing_column")]
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a workbook")
    assert [p.code for p in roster.parse_roster(damaged).problems] == ["unreadable"]


def test_cancelled_import_rolls_back_everything(database, tmp_path):
    lines = "".join(f"E-{i},Surname{i},Given,,,\n" for i in range(1200))
    preview = roster.parse_roster(write_csv(tmp_path, HEADER + lines))
    assert preview.is_clean
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2  # stop after two batches were written

    with pytest.raises(roster.ImportCancelled):
        roster.import_rows(preview.rows, cancelled=cancelled)
    assert persons.count_persons() == 0


def test_only_clean_rows_when_chosen(database, tmp_path):
    path = write_csv(tmp_path, HEADER + "E-1,A,B,,,\nE-2,,B,,,\nE-3,C,D,,,\n")
    preview = roster.parse_roster(path)
    assert roster.import_rows(preview.clean_rows) == 2
    assert persons.count_persons() == 2


def test_specialty_and_special_rank_columns_are_imported(database, tmp_path):
    """v10: the extraordinary sheet's items 4 and 6 come from the roster (Decree 490 App. 3)."""
    path = write_csv(
        tmp_path,
        "табельный номер,фамилия,имя,специальность,специальное звание\n"
        "E-7,Қасымов,Ерлан,Құқықтану,полиция майоры\n",
    )
    preview = roster.parse_roster(path)
    assert preview.is_clean
    roster.import_rows(preview.rows)
    (person,) = persons.search_persons("Қасымов")
    assert (person.specialty, person.special_rank) == ("Құқықтану", "полиция майоры")


def test_iin_column_gives_birth_date_and_sex(database, tmp_path):
    """v14: the IIN is read (Excel's lost leading zero restored), birth date and sex follow
    from it; without one the sex comes from the sex column or the patronymic."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Табельный номер", "Фамилия", "Имя", "Отчество", "ИИН", "Пол"])
    sheet.append(["E-1", "Сейітов", "Ерлан", "", "850315300019", ""])
    sheet.append(["E-2", "Әлиева", "Дана", "", 61211600012, ""])  # 061211600012 as a number
    sheet.append(["E-3", "Ахметова", "Айгүл", "Маратқызы", None, ""])
    sheet.append(["E-4", "Ким", "Алекс", "", None, "ж"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    preview = roster.parse_roster(path)
    assert preview.is_clean, codes(preview)
    roster.import_rows(preview.rows)
    rows = {
        p.personnel_number: (p.iin, p.birth_date and p.birth_date.isoformat(), p.sex)
        for p in models.Person.select()
    }
    assert rows == {
        "E-1": ("850315300019", "1985-03-15", "m"),
        "E-2": ("061211600012", "2006-12-11", "f"),
        "E-3": (None, None, "f"),
        "E-4": (None, None, "f"),
    }


def test_a_bad_iin_is_refused_naming_row_and_column(database, tmp_path):
    from kzcommission.ui.roster_dialog import problem_text

    path = write_csv(
        tmp_path,
        "personnel_number,surname,given_name,birth_date,iin,sex\n"
        "E-1,A,B,,85031530001,\n"  # row 2: 11 digits
        "E-2,A,B,,850315300018,\n"  # row 3: check digit
        "E-3,A,B,1985-03-16,850315300019,\n"  # row 4: birth date disagrees
        "E-4,A,B,,900101450018,m\n"  # row 5: sex disagrees
        "E-5,A,B,,850315302600,\n"  # row 6: never issued
        "E-6,A,B,,851315300019,\n"  # row 7: no date
        "E-7,A,B,,880620400019,\n"
        "E-8,A,B,,880620400019,x\n",  # row 9: the same IIN again; not a sex
    )
    preview = roster.parse_roster(path)
    assert codes(preview) == [
        (2, "iin", "iin_length"),
        (3, "iin", "iin_check"),
        (4, "birth_date", "iin_birth_date"),
        (5, "sex", "iin_sex"),
        (6, "iin", "iin_not_issued"),
        (7, "iin", "iin_date"),
        (9, "iin", "iin_duplicate_in_file"),
        (9, "sex", "bad_sex"),
    ]
    assert "Контрольный разряд" in problem_text(preview.problems[1], "ru")
    assert "850315300018" in problem_text(preview.problems[1], "kk")
    assert [r.row for r in preview.clean_rows] == [8]


def test_an_iin_already_in_the_database_is_refused(database, tmp_path):
    persons.add_person("Сейітов", "Ерлан", iin="850315300019")
    path = write_csv(tmp_path, "personnel_number,surname,given_name,iin\nE-1,A,B,850315300019\n")
    assert codes(roster.parse_roster(path)) == [(2, "iin", "iin_duplicate_in_database")]
