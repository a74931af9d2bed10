"""Kazakhstan calendar arithmetic: working days (R-DL-9) and calendar months.

This is the one module that knows the Republic of Kazakhstan working calendar.
Everything comes from the maintained ``holidays`` library (``holidays.KZ``), never
from a hand-typed list (R-DL-9):

* weekends (Saturday, Sunday);
* public holidays, including the days off moved to Monday (or the next working
  day) when a holiday falls on a weekend ("observed" days, since 2002);
* the days off the Government transfers by decree: the library adds the moved
  day off as a holiday ("Day off (substituted from ...)") and records the
  Saturday or Sunday that becomes a working day in ``weekend_workdays``; both
  are used here.

The library only knows the Government transfers up to the last year it has data
for, and it estimates Kurban Ait (Eid al-Adha) for years beyond its confirmed
table. The decisions of later years come as data (:mod:`calendar_data`: the table
shipped in ``resources/calendar/`` and the years an administrator imports), laid
over the library by :func:`install_calendar`. Deadlines in a year neither knows are
*provisional*: see :func:`is_provisional`.

Each year is computed once and cached as a sorted tuple of working-day ordinals,
so every query is a dictionary look-up plus a binary search.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache, lru_cache

import holidays

from kzcommission.domain.calendar_data import CalendarRow, years_checked

_COUNTRY = "KZ"
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ONE_DAY = timedelta(days=1)
_decisions: tuple[CalendarRow, ...] = ()


def install_calendar(rows: Iterable[CalendarRow]) -> None:
    """Lay the yearly decisions (transfers, confirmed Kurban Ait) over the library.

    Replaces what was installed before; every cached year is recomputed.
    """
    global _decisions
    _decisions = tuple(rows)
    _working_days.cache_clear()
    is_provisional.cache_clear()


def installed_calendar() -> tuple[CalendarRow, ...]:
    return _decisions


@cache
def _library_kurban_ait(year: int) -> frozenset[date]:
    """The library's date(s) of Kurban Ait in ``year`` (estimated or confirmed)."""
    cal = holidays.country_holidays(_COUNTRY, years=year, language="en_US")
    return frozenset(d for d, name in cal.items() if "Eid al-Adha" in name or "Құрбан" in name)


def add_months(d: date, months: int) -> date:
    """``d`` moved by ``months`` calendar months, clamped to the month's end.

    31 January + 1 month = 28 (or 29) February; 29 February 2028 + 12 months =
    28 February 2029. ``months`` may be negative. Used for every "N months"
    period of the rules (R-ELIG-1..6, R-DL-1), so it lives here, once.
    """
    year, month0 = divmod(d.year * 12 + d.month - 1 + months, 12)
    day = d.day
    if day > 28:  # only then can the target month be too short; skip the look-up otherwise
        last = _MONTH_DAYS[month0]
        if month0 == 1 and calendar.isleap(year):
            last = 29
        day = min(day, last)
    return date(year, month0 + 1, day)


def whole_months(start: date, end: date) -> int:
    """The largest ``m`` with ``add_months(start, m) <= end`` (the inverse of add_months).

    Lets a caller find which month step a date has reached without trying
    ``add_months`` step by step (R-ELIG-2 cycles over 100,000 employees).
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    # In the month of ``end`` the step lands on start.day, clamped to the month's
    # last day: it is past ``end`` only if start.day is later and ``end`` is not
    # that last day.
    if start.day > end.day and (end + _ONE_DAY).month == end.month:
        months -= 1
    return months


@cache
def _working_days(year: int) -> tuple[tuple[int, ...], frozenset[int]]:
    """Sorted ordinals of the working days of ``year``, and the same as a set."""
    # The next year is loaded too: a transfer decreed for January can make a
    # Saturday of the previous December a working day (e.g. 28.12.2013), and
    # the library records it only when it builds the later year.
    cal = holidays.country_holidays(_COUNTRY, years=(year, year + 1))
    days_off = {d for d in cal if d.year == year}
    extra_workdays = {d for d in cal.weekend_workdays if d.year == year}
    for row in _decisions:
        if row.kind == "kurban_ait" and row.year == year:
            days_off -= _library_kurban_ait(year)
            days_off.add(row.on)
        elif row.kind == "transfer":
            if row.on.year == year:
                extra_workdays.add(row.on)
            if row.day_off is not None and row.day_off.year == year:
                days_off.add(row.day_off)
    first = date(year, 1, 1).toordinal()
    result = []
    for ordinal in range(first, date(year, 12, 31).toordinal() + 1):
        d = date.fromordinal(ordinal)
        if d.weekday() >= 5:
            if d in extra_workdays:
                result.append(ordinal)
        elif d not in days_off:
            result.append(ordinal)
    days = tuple(result)
    return days, frozenset(days)


def is_working_day(d: date) -> bool:
    """True if ``d`` is a working day in Kazakhstan (R-DL-9)."""
    return d.toordinal() in _working_days(d.year)[1]


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (before it when ``n`` < 0) (R-DL-9).

    ``start`` itself is never counted: "within 3 working days of the decision"
    taken on a Monday ends on Thursday. ``n == 0`` returns ``start`` unchanged,
    even when it is a day off.
    """
    year = start.year
    ordinal = start.toordinal()
    if n > 0:
        days = _working_days(year)[0]
        index = bisect_right(days, ordinal) + n - 1  # index of the n-th day after start
        while index >= len(days):
            index -= len(days)
            year += 1
            days = _working_days(year)[0]
        return date.fromordinal(days[index])
    if n < 0:
        days = _working_days(year)[0]
        index = bisect_left(days, ordinal) + n  # working days strictly before start
        while index < 0:
            year -= 1
            days = _working_days(year)[0]
            index += len(days)
        return date.fromordinal(days[index])
    return start


def _count_through(d: date) -> int:
    """Working days from 1 January of ``d.year`` up to and including ``d``."""
    return bisect_right(_working_days(d.year)[0], d.toordinal())


def _count_between(start: date, end: date) -> int:
    """Working days in the half-open interval (start, end], with start <= end."""
    total = 0
    year = start.year
    while year < end.year:
        total += len(_working_days(year)[0])
        year += 1
    return total - _count_through(start) + _count_through(end)


def working_days_between(start: date, end: date) -> int:
    """Signed number of working days from ``start`` to ``end`` (R-DL-9).

    Ends: ``start`` is excluded and ``end`` included, i.e. the working days in
    (start, end]. When ``end`` is before ``start`` the result is minus the
    number of working days in [end, start). This makes the function the inverse
    of :func:`add_working_days`: ``working_days_between(d, add_working_days(d, n))
    == n`` for every ``n``.
    """
    if end >= start:
        return _count_between(start, end)
    # [end, start) has as many working days as (end - 1 day, start - 1 day].
    return -_count_between(
        date.fromordinal(end.toordinal() - 1), date.fromordinal(start.toordinal() - 1)
    )


@lru_cache(maxsize=1)
def _library_range() -> tuple[int, int, int]:
    """First and last year the library covers, and the last year of transfer data."""
    cal = holidays.country_holidays(_COUNTRY)
    transfers = getattr(cal, "special_public_holidays", {}) or {}
    last_transfer = max(transfers) if transfers else cal.start_year - 1
    return cal.start_year, cal.end_year, last_transfer


@cache
def is_provisional(year: int) -> bool:
    """True when neither the library nor the installed decisions are firm for ``year`` (R-DL-9).

    A year is provisional when it is outside the library's range, later than
    the last year of Government-transferred days off it knows and not checked in
    the installed table, or when a holiday date of that year is only estimated
    and not confirmed by the table (Kurban Ait follows the lunar
    calendar and is confirmed each year). Deadlines falling in such a year
    must be shown as provisional: a later decree may move a day off.
    """
    first, last, last_transfer = _library_range()
    if year < first or year > last:
        return True
    if year > last_transfer and year not in years_checked(list(_decisions)):
        return True
    if any(row.kind == "kurban_ait" and row.year == year for row in _decisions):
        return False
    cal = holidays.country_holidays(_COUNTRY, years=year, language="en_US")
    # The Kazakh label is checked too, in case a frozen build lacks the English catalogue.
    return any("estimated" in name or "бағаланған" in name for name in cal.values())


def provisional_years(years: Iterable[int]) -> list[int]:
    """The years among ``years`` whose calendar is provisional, sorted (R-DL-9)."""
    return sorted({y for y in years if is_provisional(y)})
