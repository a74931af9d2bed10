"""The yearly calendar decisions (R-DL-9): the shipped table, and the years imported here.

:func:`install` lays both over the ``holidays`` library (domain.workdays) when a
database is opened; an imported year replaces the shipped rows of that year.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kzcommission.domain import workdays
from kzcommission.domain.calendar_data import (
    CalendarFileError,
    CalendarProblem,
    CalendarRow,
    parse_calendar,
)
from kzcommission.i18n import tr
from kzcommission.resources import resource_path
from kzcommission.services.context import current_actor
from kzcommission.services.errors import ServiceError
from kzcommission.services.unit import read, record_history, write
from kzcommission.store.models import CalendarDecision

SHIPPED = ("calendar", "kz_calendar.csv")


class CalendarImportRefused(ServiceError):
    """The file was refused as a whole; ``problems`` names every bad cell."""

    def __init__(self, problems: list[CalendarProblem]):
        self.problems = problems
        first = problems[0]
        super().__init__("; ".join(p.message for p in problems), field=first.column or "file")

    def detail_in(self, lang: str) -> str:
        """Every bad cell in the user's language: its row and column, then why."""
        return "; ".join(_problem_in(p, lang) for p in self.problems)


def _problem_in(problem: CalendarProblem, lang: str) -> str:
    place = [tr("refusal.calendar_place_row", lang, row=problem.row)] if problem.row else []
    if problem.column:
        place.append(tr("refusal.calendar_place_column", lang, column=problem.column))
    why = tr(f"refusal.calendar_problem.{problem.code}", lang, value=problem.value)
    return f"{', '.join(place)}: {why}" if place else why


@dataclass(frozen=True)
class CalendarLine:
    """One decision as the administrator sees it, and where it comes from."""

    row: CalendarRow
    imported: bool  # False: from the table shipped with the program


def shipped_rows() -> list[CalendarRow]:
    """The table shipped in resources/ (checked by the same rules as an import)."""
    return parse_calendar(resource_path(*SHIPPED).read_bytes())


def _imported_rows() -> list[CalendarRow]:
    return [
        CalendarRow(d.kind, d.on_date, d.day_off, d.decree, d.source)
        for d in CalendarDecision.select().order_by(CalendarDecision.on_date, CalendarDecision.id)
    ]


def _merged(shipped: list[CalendarRow], imported: list[CalendarRow]) -> list[CalendarLine]:
    """An imported year replaces the shipped rows of that year, whole."""
    years = {row.year for row in imported}
    lines = [CalendarLine(row, False) for row in shipped if row.year not in years]
    lines += [CalendarLine(row, True) for row in imported]
    return sorted(lines, key=lambda line: (line.row.on, line.row.kind))


def install() -> None:
    """Lay the decisions over the library for every deadline computed from now on."""
    workdays.install_calendar(line.row for line in _merged(shipped_rows(), _imported_rows()))


@read("calendar.view")
def decisions() -> list[CalendarLine]:
    return _merged(shipped_rows(), _imported_rows())


@write("calendar.import")
def import_file(path: Path) -> list[int]:
    """Import a year's decisions from ``path``: all or nothing; the years it holds replace
    what was imported for them before. Returns the years imported."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ServiceError(
            f"cannot read {path}: {exc.strerror}",
            field="file",
            key="calendar_file_unreadable",
            params={"path": str(path), "reason": exc.strerror},
        ) from exc
    try:
        rows = parse_calendar(data)
    except CalendarFileError as exc:
        raise CalendarImportRefused(exc.problems) from None
    if not rows:
        raise CalendarImportRefused([CalendarProblem(None, None, "empty")])
    years = sorted({row.year for row in rows})
    before = [line.row for line in _merged(shipped_rows(), _imported_rows())]
    CalendarDecision.delete().where(CalendarDecision.year.in_([str(y) for y in years])).execute()
    actor = current_actor().name
    for row in rows:
        CalendarDecision.create(
            kind=row.kind,
            year=str(row.year),
            on_date=row.on,
            day_off=row.day_off,
            decree=row.decree,
            source=row.source,
            imported_by=actor,
        )
    record_history(
        "calendar.import",
        "calendar",
        ",".join(str(y) for y in years),
        before={"rows": [_plain(row) for row in before if row.year in years]},
        after={"rows": [_plain(row) for row in rows], "file": path.name},
    )
    install()
    return years


def _plain(row: CalendarRow) -> dict[str, str]:
    return {
        "kind": row.kind,
        "date": row.on.isoformat(),
        "day_off": row.day_off.isoformat() if row.day_off else "",
        "decree": row.decree,
    }
