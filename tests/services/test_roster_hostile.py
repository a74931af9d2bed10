"""Hostile rosters (issue 18): formulas, control characters, duplicated columns, over-long
fields and unpacking bombs are refused by row and column (or as a whole), cheaply, and
nothing is written."""

from __future__ import annotations

import zipfile

from openpyxl import Workbook

from kzcommission.services import persons, roster
from tests.services.test_roster import HEADER, codes, write_csv


def test_formula_cells_are_refused_naming_row_and_column(database, tmp_path):
    path = write_csv(
        tmp_path,
        HEADER
        + 'E-1,"=HYPERLINK(""http://x"",""a"")",Тимур,,,Inspector\n'
        + "E-2,Иванова,=cmd|' /C calc'!A0,,,Inspector\n"
        + "E-3,Петров,@SUM(1),,,Inspector\n"
        + "E-4,Ахметова,Әлия,,,Inspector\n",
    )
    preview = roster.parse_roster(path)
    assert codes(preview) == [
        (2, "surname", "formula"),
        (3, "given_name", "formula"),
        (4, "given_name", "formula"),
    ]
    assert [r.row for r in preview.clean_rows] == [5]


def test_formula_cells_of_a_workbook_are_read_as_written(database, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["personnel_number", "surname", "given_name"])
    sheet.append(["E-1", "=1+1", "Тимур"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    assert codes(roster.parse_roster(path)) == [(2, "surname", "formula")]


def test_control_characters_and_long_fields_are_refused(database, tmp_path):
    path = write_csv(
        tmp_path,
        HEADER + "E-1,Әли\x00ев,Тимур,,,Inspector\n" + f"E-2,Иванова,{'О' * 5000},,,Inspector\n",
    )
    preview = roster.parse_roster(path)
    assert codes(preview) == [(2, "surname", "control_chars"), (3, "given_name", "too_long")]
    assert preview.problems[0].value == "Әли\\x00ев" and preview.problems[1].value == "5000"
    assert persons.search_persons("Иванова") == []


def test_a_field_over_the_csv_limit_is_a_clear_refusal(database, tmp_path):
    path = write_csv(tmp_path, HEADER + f'E-1,"{"x" * 140_000}",Тимур,,,Inspector\n')
    preview = roster.parse_roster(path)
    assert codes(preview) == [(2, "surname", "too_long")]
    assert preview.problems[0].value == "140000"


def test_a_duplicated_column_is_refused(database, tmp_path):
    path = write_csv(tmp_path, "personnel_number,surname,given_name,фамилия\nE-1,A,B,C\n")
    assert codes(roster.parse_roster(path)) == [(1, "surname", "duplicate_column")]


def test_an_unpacking_bomb_is_refused_from_the_zip_directory(database, tmp_path, monkeypatch):
    monkeypatch.setattr(roster, "MAX_UNPACKED", 1024 * 1024)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (3 * 1024 * 1024))
    assert path.stat().st_size < 64 * 1024
    preview = roster.parse_roster(path)
    assert [p.code for p in preview.problems] == ["too_large"]
    assert "unpacked" in preview.problems[0].value


def test_too_many_rows_are_refused(database, tmp_path, monkeypatch):
    monkeypatch.setattr(roster, "MAX_ROWS", 10)
    lines = "".join(f"E-{n},Name{n},Given,,,Inspector\n" for n in range(20))
    preview = roster.parse_roster(write_csv(tmp_path, HEADER + lines))
    assert [p.code for p in preview.problems] == ["too_many_rows"] and not preview.rows


def test_every_new_problem_has_its_words(database):
    from kzcommission.i18n import tr

    for code in ("formula", "control_chars", "too_long", "too_many_rows", "duplicate_column"):
        for lang in ("kk", "ru", "en"):
            assert tr(f"roster.problem.{code}", lang, value="x") != f"roster.problem.{code}"
