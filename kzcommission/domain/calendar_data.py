"""The yearly calendar decisions as data: transfers of days off and confirmed dates (R-DL-9).

The ``holidays`` library knows the fixed holidays and the days moved when a holiday
falls on a weekend. What the Government decides each year comes on top: a transfer
(a Saturday or Sunday becomes a working day, a weekday becomes a day off, by decree
or order) and the date of Kurban Ait, confirmed each year. Those decisions are kept
as rows of a small CSV table: the one shipped in ``resources/calendar/`` and the
ones an administrator imports for a later year.

Columns: ``kind,date,day_off,decree,source``.

* ``transfer``: ``date`` is the Saturday or Sunday worked, ``day_off`` the weekday
  off instead; ``decree`` names the act that ordered it.
* ``kurban_ait``: ``date`` is the first day of Kurban Ait for that year.
* ``no_transfer``: ``date`` is any day of the year: the year was checked and no
  transfer was ordered (so the year is no longer provisional).

This module only reads and checks the text; :mod:`workdays` applies the rows.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

COLUMNS: tuple[str, ...] = ("kind", "date", "day_off", "decree", "source")
KINDS: tuple[str, ...] = ("transfer", "kurban_ait", "no_transfer")
MAX_BYTES = 64 * 1024
MAX_ROWS = 500
MAX_FIELD = 500


@dataclass(frozen=True)
class CalendarRow:
    kind: str
    on: date
    day_off: date | None
    decree: str
    source: str = ""

    @property
    def year(self) -> int:
        return self.on.year


@dataclass(frozen=True)
class CalendarProblem:
    """One defect of a calendar file; ``row`` counts lines of the file (header = row 1)."""

    row: int | None
    column: str | None
    code: str  # too_large, encoding, header, kind, date, weekday, weekend, ...
    value: str = ""

    @property
    def message(self) -> str:
        place = ", ".join(
            part
            for part in (
                f"row {self.row}" if self.row is not None else "",
                f"column {self.column}" if self.column else "",
            )
            if part
        )
        detail = f" ({self.value!r})" if self.value else ""
        return f"{place + ': ' if place else ''}{self.code.replace('_', ' ')}{detail}"


class CalendarFileError(ValueError):
    """The file cannot be taken as a whole; ``problems`` says every reason found."""

    def __init__(self, problems: list[CalendarProblem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def _date(text: str) -> date | None:
    """ISO (2026-05-27) or the form's own dd.mm.yyyy; None when neither."""
    text = text.strip()
    try:
        if len(text) == 10 and text[2] == "." and text[5] == ".":
            return date(int(text[6:]), int(text[3:5]), int(text[:2]))
        return date.fromisoformat(text)
    except ValueError:
        return None


def _has_control(text: str) -> bool:
    return any(ord(ch) < 32 or ord(ch) == 127 for ch in text)


def parse_calendar(data: bytes) -> list[CalendarRow]:
    """Every row of a calendar file, or :class:`CalendarFileError` naming each bad cell.

    All or nothing: a single bad row refuses the whole file, so a half-read decree
    never reaches the deadlines.
    """
    if len(data) > MAX_BYTES:
        raise CalendarFileError([CalendarProblem(None, None, "too_large", str(len(data)))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CalendarFileError([CalendarProblem(None, None, "encoding")]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip().lower() for cell in next(reader, [])]
    if tuple(header) != COLUMNS:
        raise CalendarFileError([CalendarProblem(1, None, "header", ",".join(header))])
    rows: list[CalendarRow] = []
    problems: list[CalendarProblem] = []
    seen: set[tuple[str, date]] = set()
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) + len(problems) >= MAX_ROWS:
            raise CalendarFileError([CalendarProblem(number, None, "too_many_rows")])
        row, found = _row(number, cells)
        if row is not None and (row.kind, row.on) in seen:
            found.append(CalendarProblem(number, "date", "duplicate", row.on.isoformat()))
        problems.extend(found)
        if row is not None and not found:
            seen.add((row.kind, row.on))
            rows.append(row)
    problems.extend(_year_conflicts(rows))
    if problems:
        raise CalendarFileError(problems)
    return rows


def _row(number: int, cells: list[str]) -> tuple[CalendarRow | None, list[CalendarProblem]]:
    if len(cells) != len(COLUMNS):
        return None, [CalendarProblem(number, None, "columns", str(len(cells)))]
    values = dict(zip(COLUMNS, (cell.strip() for cell in cells), strict=True))
    problems = [
        CalendarProblem(number, name, "too_long" if len(value) > MAX_FIELD else "control")
        for name, value in values.items()
        if len(value) > MAX_FIELD or _has_control(value)
    ]
    if problems:
        return None, problems
    kind = values["kind"].lower()
    if kind not in KINDS:
        return None, [CalendarProblem(number, "kind", "kind", values["kind"])]
    on = _date(values["date"])
    if on is None:
        return None, [CalendarProblem(number, "date", "date", values["date"])]
    day_off = _date(values["day_off"]) if values["day_off"] else None
    if kind == "transfer":
        problems += _transfer_problems(number, on, day_off, values["day_off"])
    elif values["day_off"]:
        problems.append(CalendarProblem(number, "day_off", "not_expected", values["day_off"]))
    if not values["decree"]:
        problems.append(CalendarProblem(number, "decree", "missing"))
    row = CalendarRow(kind, on, day_off, values["decree"], values["source"])
    return row, problems


def _transfer_problems(
    number: int, worked: date, day_off: date | None, raw: str
) -> list[CalendarProblem]:
    problems = []
    if worked.weekday() < 5:
        problems.append(CalendarProblem(number, "date", "weekday", worked.isoformat()))
    if day_off is None:
        problems.append(CalendarProblem(number, "day_off", "date" if raw else "missing", raw))
    elif day_off.weekday() >= 5:
        problems.append(CalendarProblem(number, "day_off", "weekend", day_off.isoformat()))
    elif abs(day_off.year - worked.year) > 1:
        problems.append(CalendarProblem(number, "day_off", "too_far", day_off.isoformat()))
    return problems


def _year_conflicts(rows: list[CalendarRow]) -> list[CalendarProblem]:
    """A year cannot be both "no transfer" and have transfers, nor two Kurban Ait dates."""
    problems = []
    by_year: dict[int, list[CalendarRow]] = {}
    for row in rows:
        by_year.setdefault(row.year, []).append(row)
    for year, items in sorted(by_year.items()):
        kinds = [row.kind for row in items]
        if "no_transfer" in kinds and "transfer" in kinds:
            problems.append(CalendarProblem(None, "kind", "no_transfer_and_transfer", str(year)))
        if kinds.count("kurban_ait") > 1:
            problems.append(CalendarProblem(None, "date", "two_kurban_ait", str(year)))
    return problems


def years_checked(rows: list[CalendarRow]) -> frozenset[int]:
    """Years whose transfers are known (a transfer or an explicit "no transfer" row)."""
    return frozenset(row.year for row in rows if row.kind in ("transfer", "no_transfer"))
