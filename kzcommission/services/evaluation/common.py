"""What the evaluation services share: refusals, confidentiality, editions, periods.

Order 13 results are confidential (R-CAL-4, §14): every read goes through
:func:`require_view`, every write through ``write("evaluation.edit")``.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from kzcommission.domain.evaluation import is_part_in_force
from kzcommission.domain.evaluation.editions import EDITIONS, edition_with_parts
from kzcommission.domain.evaluation.eligibility import Eligibility
from kzcommission.i18n import tr
from kzcommission.services import permissions
from kzcommission.services.errors import NotFound, ServiceError, rules
from kzcommission.services.unit import read
from kzcommission.store import models

VIEW = "evaluation.view"
EDIT = "evaluation.edit"

# Corps "A" procedures and the parts of Order 13 each one prints and applies.
STANDARD = "standard"
CHAPTER_5 = "chapter_5"  # released, rotated, on social leave: in force until 28.02.2026
PROCEDURE_PARTS: dict[str, tuple[str, ...]] = {
    STANDARD: ("corps_a.chapter_3", "corps_a.appendix_3"),
    CHAPTER_5: ("corps_a.chapter_5", "corps_a.appendix_8", "corps_a.appendix_9"),
}
CORPS_B_PARTS: tuple[str, ...] = ("corps_b.chapter_2", "corps_b.appendix_1")


class NotEvaluated(ServiceError):
    """The person is not evaluated for the period (R-EVA-4, R-EVB-2); every reason named."""

    def __init__(self, eligibility: Eligibility, rule_id: str):
        self.eligibility = eligibility
        super().__init__("; ".join(eligibility.reasons), field="days_worked", rule_id=rule_id)

    def detail_in(self, lang: str) -> str:
        """Each reason in the user's language (the screen names the rule)."""
        keyed = self.eligibility.keyed
        return "; ".join(tr(f"refusal.{key}", lang, **values) for key, values in keyed)


def require_view() -> None:
    """R-CAL-4: only the roles of ``evaluation.view`` read results."""
    permissions.require(VIEW)


@read("records.view")
def person_or_fail(person_id: int, field: str = "person") -> models.Person:
    if isinstance(person_id, bool) or not isinstance(person_id, int):
        raise ServiceError(
            f"{field}: a person id is required", field=field, key="person_id_required"
        )
    person = models.Person.get_or_none(models.Person.id == person_id)
    if person is None:
        raise NotFound(
            f"{field}: person {person_id} does not exist",
            field=field,
            key="not_found_person",
            params={"id": person_id},
        )
    return person


def check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 < year < 3000:
        raise ServiceError(
            f"year {year!r} is not valid", field="year", key="year_not_valid", params={"year": year}
        )
    return year


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter (R-EVB-1)."""
    if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
        raise ServiceError(
            f"quarter {quarter!r} is not 1-4",
            field="quarter",
            rule_id="R-EVB-1",
            key="quarter_not_valid",
            params={"quarter": quarter},
        )
    year = check_year(year)
    last_month = 3 * quarter
    return date(year, last_month - 2, 1), date(year, last_month, monthrange(year, last_month)[1])


def edition_in_force(period_end: date, parts: tuple[str, ...], field: str) -> str:
    """The code of the edition governing the period; refuse a part not in force for it.

    RULEBOOK, "Rules change by edition": chapter 5 and appendices 8-10 of Order 13
    stay selectable for past periods and are never applied to a period after
    28.02.2026.
    """
    with rules():
        edition = edition_with_parts(period_end, parts, field)
    return edition.code


def procedures_for(year: int) -> tuple[str, ...]:
    """Corps "A" procedures that may be offered for an evaluated year (expired ones never)."""
    period_end = date(check_year(year), 12, 31)
    if not any(e.in_force(period_end) for e in EDITIONS):
        return ()
    return tuple(
        name
        for name, parts in PROCEDURE_PARTS.items()
        if all(is_part_in_force(part, period_end) for part in parts)
    )
