"""R-DL-9: the yearly transfers of days off and the confirmed Kurban Ait, as data."""

from __future__ import annotations

from datetime import date

import pytest

from kzcommission.domain import workdays
from kzcommission.domain.calendar_data import (
    CalendarFileError,
    CalendarRow,
    parse_calendar,
    years_checked,
)
from kzcommission.resources import resource_path

HEADER = "kind,date,day_off,decree,source\n"


def _parse(body: str) -> list[CalendarRow]:
    return parse_calendar((HEADER + body).encode())


def _problems(body: str, raw: bytes | None = None) -> list[tuple]:
    with pytest.raises(CalendarFileError) as caught:
        parse_calendar(raw if raw is not None else (HEADER + body).encode())
    return [(p.row, p.column, p.code) for p in caught.value.problems]


@pytest.fixture
def shipped():
    """The shipped table installed, as at every opening of a database; removed after."""
    rows = parse_calendar(resource_path("calendar", "kz_calendar.csv").read_bytes())
    workdays.install_calendar(rows)
    yield rows
    workdays.install_calendar(())


def test_r_dl_9_the_shipped_table_holds_each_years_decision(shipped) -> None:
    by_kind = {(row.kind, row.on): row.day_off for row in shipped}
    assert by_kind[("transfer", date(2024, 5, 4))] == date(2024, 5, 8)
    assert by_kind[("transfer", date(2025, 1, 5))] == date(2025, 1, 3)
    assert ("kurban_ait", date(2026, 5, 27)) in by_kind
    assert ("no_transfer", date(2026, 1, 1)) in by_kind
    assert years_checked(shipped) == {2024, 2025, 2026}
    assert all(row.decree for row in shipped)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2024, 5, 4), True),  # Saturday worked (2024 transfer)
        (date(2024, 5, 8), False),  # Wednesday off instead
        (date(2025, 1, 5), True),  # Sunday worked (2025 transfer)
        (date(2025, 1, 3), False),  # Friday off instead
        (date(2026, 5, 27), False),  # Kurban Ait 2026, confirmed
        (date(2026, 5, 26), True),
    ],
)
def test_r_dl_9_each_shipped_transfer_moves_the_working_days(shipped, day, working) -> None:
    assert workdays.is_working_day(day) is working


def test_r_dl_9_the_library_agrees_with_the_table_where_both_know_a_year(shipped) -> None:
    """Laying the table over the library changes no working day of 2024 and 2025."""
    import holidays

    lib = holidays.country_holidays("KZ", years=(2024, 2025, 2026))
    for row in shipped:
        if row.kind == "transfer":
            assert row.on in lib.weekend_workdays
            assert row.day_off in lib


def test_r_dl_9_a_checked_year_is_firm_and_the_next_is_provisional(shipped) -> None:
    assert workdays.is_provisional(2026) is False
    assert workdays.is_provisional(2027) is True
    workdays.install_calendar(())
    assert workdays.is_provisional(2026) is True  # the library alone estimates Kurban Ait 2026


def test_r_dl_9_an_imported_transfer_changes_the_deadline(shipped) -> None:
    # 1-2 January 2027 (Friday, Saturday) are off, Monday 4th too (observed), 7th is Christmas.
    assert workdays.add_working_days(date(2027, 1, 1), 3) == date(2027, 1, 8)
    rows = _parse(
        "transfer,2027-01-09,2027-01-08,Order 1 of 2026,test\nkurban_ait,2027-05-16,,x,\n"
    )
    workdays.install_calendar([*shipped, *rows])
    assert workdays.is_working_day(date(2027, 1, 9))
    assert not workdays.is_working_day(date(2027, 1, 8))
    assert workdays.add_working_days(date(2027, 1, 1), 3) == date(2027, 1, 9)
    assert workdays.is_provisional(2027) is False


def test_dd_mm_yyyy_dates_are_read_too() -> None:
    (row,) = _parse("transfer,09.01.2027,04.01.2027,Order,\n")
    assert (row.on, row.day_off) == (date(2027, 1, 9), date(2027, 1, 4))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("holiday,2027-01-09,,x,\n", (2, "kind", "kind")),
        ("transfer,2027-02-30,2027-01-04,x,\n", (2, "date", "date")),
        ("transfer,2027-01-08,2027-01-04,x,\n", (2, "date", "weekday")),  # a Friday
        ("transfer,2027-01-09,2027-01-10,x,\n", (2, "day_off", "weekend")),
        ("transfer,2027-01-09,,x,\n", (2, "day_off", "missing")),
        ("transfer,2027-01-09,2030-01-07,x,\n", (2, "day_off", "too_far")),
        ("transfer,2027-01-09,2027-01-04,,\n", (2, "decree", "missing")),
        ("kurban_ait,2027-05-16,2027-05-17,x,\n", (2, "day_off", "not_expected")),
        ("transfer,2027-01-09,2027-01-04,x\n", (2, None, "columns")),
        ("transfer,2027-01-09,2027-01-04,a\x00b,\n", (2, "decree", "control")),
        ("transfer,2027-01-09,2027-01-04," + "d" * 501 + ",\n", (2, "decree", "too_long")),
    ],
)
def test_r_dl_9_a_bad_row_is_named_by_row_and_column(body: str, expected: tuple) -> None:
    assert expected in _problems(body)


def test_r_dl_9_one_bad_row_refuses_the_whole_file() -> None:
    found = _problems("transfer,2027-01-09,2027-01-04,ok,\nholiday,2027-03-01,,x,\n")
    assert found == [(3, "kind", "kind")]


def test_r_dl_9_contradictions_within_a_year_are_refused() -> None:
    found = _problems(
        "transfer,2027-01-09,2027-01-04,a,\nno_transfer,2027-01-01,,b,\n"
        "kurban_ait,2027-05-16,,c,\nkurban_ait,2027-05-17,,d,\n"
        "transfer,2027-01-09,2027-01-04,a,\n"
    )
    assert (None, "kind", "no_transfer_and_transfer") in found
    assert (None, "date", "two_kurban_ait") in found
    assert (6, "date", "duplicate") in found


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"year,date\n2027,2027-01-01\n", "header"),
        (b"\xff\xfe\x00k", "encoding"),
        (HEADER.encode() + b"x" * 70_000, "too_large"),
    ],
)
def test_a_file_that_is_not_a_calendar_is_refused(raw: bytes, code: str) -> None:
    assert code in [problem[2] for problem in _problems("", raw)]
