"""R-DL-9: an administrator imports a year's transfers; every deadline follows; a bad file
changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kzcommission.domain import workdays
from kzcommission.services.context import Actor, reset_actor, set_actor
from kzcommission.services.errors import PermissionDenied
from kzcommission.services.preparation import calendar
from kzcommission.store import models

HEADER = "kind,date,day_off,decree,source\n"
GOOD = HEADER + "transfer,2027-01-09,2027-01-08,Order No. 1 of 2026,https://example.kz\n"


def _file(tmp_path: Path, text: str, name: str = "2027.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _history(action: str) -> list[models.HistoryEntry]:
    return list(models.HistoryEntry.select().where(models.HistoryEntry.action == action))


def test_r_dl_9_the_shipped_table_is_installed_when_a_database_opens(database) -> None:
    assert workdays.is_provisional(2026) is False
    assert not workdays.is_working_day(date(2025, 1, 3))
    origins = {line.imported for line in calendar.decisions()}
    assert origins == {False}


def test_r_dl_9_an_imported_year_moves_the_deadlines_and_is_recorded(database, tmp_path) -> None:
    assert workdays.add_working_days(date(2027, 1, 1), 3) == date(2027, 1, 8)
    assert workdays.is_provisional(2027)
    assert calendar.import_file(_file(tmp_path, GOOD)) == [2027]
    assert workdays.add_working_days(date(2027, 1, 1), 3) == date(2027, 1, 9)
    assert workdays.is_provisional(2027)  # Kurban Ait 2027 is still the library's estimate
    (entry,) = _history("calendar.import")
    assert "2027-01-08" in entry.after and entry.entity_id == "2027"
    imported = [line for line in calendar.decisions() if line.imported]
    assert [line.row.on for line in imported] == [date(2027, 1, 9)]


def test_r_dl_9_a_second_import_of_the_year_replaces_the_first(database, tmp_path) -> None:
    calendar.import_file(_file(tmp_path, GOOD))
    second = HEADER + "no_transfer,2027-01-01,,Checked: no transfer in 2027,\n"
    calendar.import_file(_file(tmp_path, second, "again.csv"))
    assert workdays.is_working_day(date(2027, 1, 8))
    kinds = [line.row.kind for line in calendar.decisions() if line.imported]
    assert kinds == ["no_transfer"]


def test_r_dl_9_an_imported_year_replaces_the_shipped_rows_of_that_year(database, tmp_path) -> None:
    text = HEADER + "transfer,2026-01-03,2026-01-05,A later act for 2026,\n"
    calendar.import_file(_file(tmp_path, text))
    assert workdays.is_working_day(date(2026, 1, 3))
    assert not workdays.is_working_day(date(2026, 1, 5))
    rows_2026 = [line for line in calendar.decisions() if line.row.year == 2026]
    assert [line.row.kind for line in rows_2026] == ["transfer"]
    assert workdays.is_provisional(2026)  # Kurban Ait 2026 no longer confirmed by a row


def test_r_dl_9_a_bad_file_is_refused_whole_naming_row_and_column(database, tmp_path) -> None:
    calendar.import_file(_file(tmp_path, GOOD))
    bad = HEADER + "no_transfer,2027-01-01,,fine,\ntransfer,2027-01-15,2027-01-18,x,\n"
    with pytest.raises(calendar.CalendarImportRefused) as refused:
        calendar.import_file(_file(tmp_path, bad, "bad.csv"))
    assert [(p.row, p.column, p.code) for p in refused.value.problems] == [(3, "date", "weekday")]
    assert not workdays.is_working_day(date(2027, 1, 8))  # the earlier import stands
    assert len(_history("calendar.import")) == 1


def test_r_dl_9_only_the_administrator_imports(database, tmp_path) -> None:
    set_actor(Actor(name="s", role="secretary"))
    try:
        with pytest.raises(PermissionDenied):
            calendar.import_file(_file(tmp_path, GOOD))
        assert calendar.decisions()  # everyone may read what the deadlines use
    finally:
        reset_actor()
    assert workdays.is_provisional(2027)
    assert models.database.execute_sql("SELECT COUNT(*) FROM calendar_decision").fetchone()[0] == 0


def test_r_dl_9_the_calendar_command_lists_and_imports(tmp_path, capsys) -> None:
    from kzcommission.cli import main

    db = str(tmp_path / "cli.db")
    assert main(["--db", db, "calendar", "list"]) == 0
    out = capsys.readouterr().out
    assert "04.05.2024 transfer -> day off 08.05.2024" in out
    assert "2027 and later: provisional" in out
    bad = _file(tmp_path, HEADER + "transfer,2027-01-08,2027-01-04,x,\n", "bad.csv")
    assert main(["--db", db, "calendar", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "nothing was imported" in err and "row 2, column date: weekday" in err
    assert main(["--db", db, "calendar", "import", str(_file(tmp_path, GOOD))]) == 0
    assert "imported the calendar decisions of 2027" in capsys.readouterr().out
