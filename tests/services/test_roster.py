"""Roster import: a preview naming every problem by row and column; all or nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from kzcommission.services import persons, roster
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
