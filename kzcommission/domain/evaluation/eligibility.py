"""Who is evaluated in a period: time in the position and days worked (R-EVA-4, R-EVB-2).

Both corps share the shape of the rule (Order 13 App. 1 §3, App. 2 §6): no
evaluation when the time in the position in the period, counted from the day
of appointment, is under N months; and the period must contain at least
fifteen working days actually worked. Days actually worked exclude leave and
sick days, which only the personnel records know, so the caller passes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kzcommission.domain.errors import RuleError
from kzcommission.domain.evaluation.values import to_count

MIN_DAYS_WORKED = 15  # "не менее пятнадцати фактически отработанных ... рабочих дней"


@dataclass(frozen=True)
class Eligibility:
    """Whether the person is evaluated; ``reasons`` says why not, each naming its rule."""

    eligible: bool
    reasons: tuple[str, ...] = ()
    # The same reasons as refusal catalogue keys with their values, for the screens.
    keyed: tuple[tuple[str, dict[str, object]], ...] = ()

    def __bool__(self) -> bool:
        return self.eligible


def check_date(value: object, field: str, rule_id: str | None) -> date:
    """``value`` as a plain date (a datetime is cut to its day), else a RuleError."""
    if isinstance(value, datetime):
        # datetime is a date subclass, but comparing one with a date raises TypeError.
        return value.date()
    if not isinstance(value, date):
        raise RuleError(
            f"{field}: a date is required",
            rule_id=rule_id,
            field=field,
            key="eva_date_required",
        )
    return value


def tenure_eligibility(
    *,
    appointed_on: date,
    period_start: date,
    period_end: date,
    days_worked: int,
    months: int,
    rule_id: str,
) -> Eligibility:
    """The shared test of R-EVA-4 (``months=3``) and R-EVB-2 (``months=1``).

    Reading: the months are counted from the appointment to the end of the period,
    both days included (appointed 1 October, period ending 31 December: three
    months). Someone appointed before the period began has been in the position
    for the whole period and passes this test; days worked are tested for all.
    """
    appointed_on = check_date(appointed_on, "appointed_on", rule_id)
    period_start = check_date(period_start, "period_start", rule_id)
    period_end = check_date(period_end, "period_end", rule_id)
    if period_start > period_end:
        raise RuleError(
            "the period ends before it starts",
            rule_id=rule_id,
            field="period_end",
            key="eva_period_ends_before_start",
            params={
                "start": period_start.strftime("%d.%m.%Y"),
                "end": period_end.strftime("%d.%m.%Y"),
            },
        )

    worked = to_count(days_worked, field="days_worked", rule_id=rule_id)
    # Lazily: workdays loads the holiday library, which the rest of this module never needs.
    from kzcommission.domain.workdays import add_months

    reasons: list[str] = []
    keyed: list[tuple[str, dict[str, object]]] = []
    if appointed_on > period_end:
        reasons.append(f"[{rule_id}] appointed after the end of the period")
        keyed.append(("eva_appointed_after_period", {}))
    elif appointed_on > period_start:
        # Counted back from the day after the period's end, so that periods ending
        # on a month's last day give whole calendar months: Q4 -> from 1 October.
        if appointed_on > add_months(period_end + timedelta(days=1), -months):
            unit = "month" if months == 1 else "months"
            reasons.append(f"[{rule_id}] in the position less than {months} {unit} in the period")
            keyed.append(("eva_less_than_months", {"months": months}))
    if worked < MIN_DAYS_WORKED:
        reasons.append(
            f"[{rule_id}] {worked} working days actually worked; at least {MIN_DAYS_WORKED} needed"
        )
        keyed.append(("eva_too_few_days", {"worked": worked, "minimum": MIN_DAYS_WORKED}))
    return Eligibility(eligible=not reasons, reasons=tuple(reasons), keyed=tuple(keyed))
