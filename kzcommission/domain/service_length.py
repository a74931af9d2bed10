"""Length of service in years, months and days (R-DOC-2 Reading: items 5 and 6).

Order 880 Appendix 1 prints the total length of service and the length of
service in the current position; the Reading asks for lengths reckoned to the
sitting's date, not start dates. Reckoning: whole calendar months are counted
from the start date (a start on the 31st reaches a shorter month on its last
day, and 29 February reaches 28 February in a common year), then the days
left over; the end date itself is not counted (start 1 March, sitting 1 April:
1 month 0 days).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from kzcommission.domain.errors import RuleError


@dataclass(frozen=True)
class ServiceLength:
    years: int
    months: int
    days: int


def _months_after(start: date, months: int) -> date:
    """``start`` moved by whole months, the day clamped to the month's last day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))


def service_length(start: date, on: date) -> ServiceLength:
    """Years, months and days from ``start`` to ``on`` (R-DOC-2 Reading)."""
    if on < start:
        raise RuleError(
            f"the service starts on {start.isoformat()}, after {on.isoformat()}",
            rule_id="R-DOC-2",
            field="service_start",
            key="service_starts_after",
            params={"start": start.strftime("%d.%m.%Y"), "on": on.strftime("%d.%m.%Y")},
        )
    months = (on.year - start.year) * 12 + on.month - start.month
    if _months_after(start, months) > on:
        months -= 1
    days = (on - _months_after(start, months)).days
    return ServiceLength(months // 12, months % 12, days)
