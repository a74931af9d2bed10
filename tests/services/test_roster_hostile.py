"""Hostile rosters (issue 18): formulas, control characters, duplicated columns, over-long
fields and unpacking bombs are refused by row and column (or as a whole), cheaply, and
nothing is written."""

from __future__ import annotations

import zipfile

from openpyxl import Workbook

from kzcommission.services.preparation import persons, roster
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


def test_a_field_too_long_to_parse_is_named_by_row_and_column_cheaply(database, tmp_path):
    """Issue 18: a field over the parse limit (a 19 MB surname took 330 MB) stops the csv
    reader; the record is scanned for its column, nothing is copied whole."""
    import tracemalloc

    from kzcommission.services.preparation import roster_csv

    field = "Ж," * (1024 * 1024)  # 2 M characters, commas inside the quotes
    path = write_csv(
        tmp_path, HEADER + "E-1,Иванова,Тимур,,,Inspector\n" + f'E-2,Петров,"{field}",,,I\n'
    )
    tracemalloc.start()
    try:
        preview = roster.parse_roster(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert codes(preview) == [(3, "given_name", "too_long")]
    assert preview.problems[0].value == f"> {roster_csv.PARSE_LIMIT}"
    size = path.stat().st_size
    assert peak < 6 * size  # the bytes, the text, one line: not the csv module's 4-byte copy


def _workbook(path, rows: int, extra=None):  # noqa: ANN001, ANN202
    book = Workbook()
    sheet = book.active
    sheet.append(["personnel_number", "surname", "given_name"])
    for n in range(rows):
        sheet.append([f"E-{n}", "Иванов", "Иван"])
    if extra is not None:
        extra(sheet)
    book.save(path)
    return path


def test_an_xlsx_with_too_many_rows_is_refused_before_openpyxl_reads_it(
    database, tmp_path, monkeypatch
):
    """Issue 18: 3 million one-cell rows (1.5 MB) took openpyxl 19 s and 330 MB; the rows
    are now counted in the worksheet's XML first."""
    import openpyxl

    path = _workbook(tmp_path / "rows.xlsx", 20)
    monkeypatch.setattr(roster, "MAX_ROWS", 10)

    def never(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("openpyxl was asked to read a file already too large")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    preview = roster.parse_roster(path)
    assert [(p.code, p.value) for p in preview.problems] == [("too_many_rows", "10")]


def test_rows_and_cells_are_counted_across_chunk_boundaries(tmp_path, monkeypatch):
    from kzcommission.services.preparation import roster_xlsx

    path = _workbook(tmp_path / "count.xlsx", 57)
    with zipfile.ZipFile(path) as archive:
        whole = roster_xlsx.largest_worksheet(archive)
        monkeypatch.setattr(roster_xlsx, "CHUNK", 5)  # every tag cut somewhere
        assert roster_xlsx.largest_worksheet(archive) == whole == (58, 58 * 3)


def test_a_cell_far_right_and_far_down_leaves_the_two_rows_as_they_are(database, tmp_path):
    def far(sheet):  # noqa: ANN001, ANN202
        sheet["XFD1"] = "note"  # would pad every row to 16,384 cells
        sheet["A150000"] = None
        sheet["B150000"] = ""

    preview = roster.parse_roster(_workbook(tmp_path / "far.xlsx", 2, far))
    assert [r.row for r in preview.rows] == [2, 3] and preview.is_clean
