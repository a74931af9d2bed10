"""Issue 18, item 5: formula injection. A text that a spreadsheet would evaluate (=, +, -, @,
tab, CR: the OWASP rule) is neutralised in the CSV export (a leading single quote) and
stored as plain text in the XLSX export, which holds values only, never a formula;
numbers and dates the report writes stay numbers and dates."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from kzcommission.documents import report_tables
from kzcommission.domain.cells import looks_like_formula, neutralised
from kzcommission.services.reports.consolidated import ReportFilter
from kzcommission.services.reports.export import build_report, render
from kzcommission.store import models
from tests.services.helpers import make_desk

HOSTILE_COMMISSION = '=HYPERLINK("http://evil.example","Click")'
HOSTILE_MEMBER = "@SUM(1)"
HOSTILE_NUMBER = "-2+3"
CMD = "=cmd|' /C calc'!A0"


@pytest.fixture
def hostile_report(database):
    desk = make_desk(members=3)
    hostile = {f: HOSTILE_COMMISSION for f in ("name", "name_kk", "name_ru", "name_en")}
    models.Commission.update(**hostile).execute()  # as a package could bring, in every language
    models.Sitting.update(number=HOSTILE_NUMBER).execute()
    holder = models.Seat.get(models.Seat.role == "chair").holder
    models.Person.update(surname=HOSTILE_MEMBER, given_name=CMD).where(
        models.Person.id == holder.id
    ).execute()
    flt = ReportFilter(date(2025, 1, 1), date(2025, 12, 31), desk.commission.id, None)
    return build_report(flt, date(2025, 12, 31))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+7", "'+7"), ("-x", "'-x"), ("@A", "'@A"), ("\tA", "'\tA"),
     ("\rA", "'\rA"), ("A=1", "A=1"), ("Әлиев", "Әлиев"), ("", "")],
)  # fmt: skip
def test_the_owasp_starts_are_neutralised_in_text_only(value, expected):
    assert neutralised(value) == expected
    assert report_tables.csv_cell(value) == expected
    assert not looks_like_formula(-3) and report_tables.csv_cell(-3) == "-3"  # a number
    assert report_tables.csv_cell(-1.25) == "-1.2"


def test_csv_export_neutralises_hostile_text(hostile_report):
    data = render(hostile_report, "csv", "en").decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(data)) for cell in row]
    assert not [c for c in cells if looks_like_formula(c)]  # nothing left to evaluate
    assert "'" + HOSTILE_NUMBER in cells  # the sitting number, as text
    assert "'" + HOSTILE_COMMISSION in cells  # the attendance table's commission
    assert any(c.startswith("'" + HOSTILE_MEMBER) for c in cells)  # the member's name
    assert any(c.startswith("Commission: ") and HOSTILE_COMMISSION in c for c in cells)


def test_xlsx_export_holds_values_never_formulas(hostile_report):
    data = render(hostile_report, "xlsx", "en")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n)
                                  for n in sheets)  # fmt: skip
    book = load_workbook(io.BytesIO(data))
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if looks_like_formula(cell.value):
                    found[cell.value] = (cell.data_type, cell.quotePrefix)
    # Shown exactly as typed, as text, kept as text if edited.
    assert found[HOSTILE_NUMBER] == ("s", True)
    assert found[HOSTILE_COMMISSION] == ("s", True)
    assert any(v.startswith(HOSTILE_MEMBER) for v in found)
    assert all(state == ("s", True) for state in found.values())


def test_xlsx_numbers_stay_numbers_negative_ones_too():
    book = Workbook()
    cells = report_tables._append(book.active, [-3, -1.5, "-3 text", date(2025, 3, 12), "=1+1"])
    assert [c.data_type for c in cells] == ["n", "n", "s", "d", "s"]
    assert [c.quotePrefix for c in cells] == [False, False, True, False, True]
    saved = io.BytesIO()
    book.save(saved)
    values = next(load_workbook(saved).active.iter_rows(values_only=True))
    assert values[:3] == (-3, -1.5, "-3 text") and values[4] == "=1+1"
