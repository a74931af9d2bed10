"""Editions of Order 13 and the parts in force on a date.

Order 13 (16.01.2018) is modelled in its edition of Order No. 121 of
28.07.2025, which applies to legal relations arising from 01.07.2025. In that
edition chapter 5 of the corps "A" methodology (released, rotated and
socially-on-leave servants, work from 1 January to 31 July 2025) and its
appendices 8, 9 and 10 are "in force until 01.03.2026".

Reading: "until 01.03.2026" excludes that day, so their last day is
28.02.2026 (``valid_to`` is inclusive, as in ``rulesets.RuleSet``). They stay
selectable for a past period and are never offered for a period dated
01.03.2026 or later. A new edition is a new ``Edition`` value in ``EDITIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kzcommission.domain.errors import RuleError
from kzcommission.domain.evaluation.eligibility import check_date

TRANSITIONAL_UNTIL = date(2026, 2, 28)  # "действует до 01.03.2026"


@dataclass(frozen=True)
class Part:
    """A chapter or appendix of Order 13, with the days it is in force (both ends included)."""

    id: str
    title: str
    valid_from: date
    valid_to: date | None = None

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class Edition:
    """One edition of Order 13: when it applies and its parts."""

    code: str
    title: str
    amended_by: str
    valid_from: date
    valid_to: date | None
    parts: tuple[Part, ...]

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def parts_in_force(self, on: date) -> tuple[str, ...]:
        return tuple(part.id for part in self.parts if part.in_force(on))


def _parts(valid_from: date) -> tuple[Part, ...]:
    def part(pid: str, title: str, valid_to: date | None = None) -> Part:
        return Part(pid, title, valid_from, valid_to)

    a_chapters = (
        "general provisions",
        "annual agreement",
        "evaluation and appeal",
        "results to the authorised body and the National Commission",
    )
    a_appendices = (
        "annual agreement, category 1",
        "annual agreement, category 2",
        "evaluation sheet",
        "maximum score table (executing instructions)",
        "allowed score table (other KPIs)",
        "activity review for the National Commission",
        "survey on working conditions",
    )
    return (
        *(part(f"corps_a.chapter_{n}", t) for n, t in enumerate(a_chapters, 1)),
        part(
            "corps_a.chapter_5",
            "released, rotated and on social leave, work 01.01.2025-31.07.2025",
            TRANSITIONAL_UNTIL,
        ),
        *(part(f"corps_a.appendix_{n}", t) for n, t in enumerate(a_appendices, 1)),
        part("corps_a.appendix_8", "annual agreement (chapter 5)", TRANSITIONAL_UNTIL),
        part("corps_a.appendix_9", "evaluation sheet (chapter 5)", TRANSITIONAL_UNTIL),
        part("corps_a.appendix_10", "activity review (chapter 5)", TRANSITIONAL_UNTIL),
        part("corps_b.chapter_1", "general provisions"),
        part("corps_b.chapter_2", "evaluation of corps B"),
        part("corps_b.chapter_3", "calibration sessions and feedback"),
        part("corps_b.appendix_1", "evaluation sheets, leading and non-leading positions"),
    )


ORDER_13_2025 = Edition(
    code="ORDER_13_2025_07_28",
    title="Order No. 13 of 16.01.2018 on performance evaluation of administrative civil servants",
    amended_by="Order No. 121 of 28.07.2025",
    valid_from=date(2025, 7, 1),  # applies to relations arising from 01.07.2025
    valid_to=None,
    parts=_parts(date(2025, 7, 1)),
)

EDITIONS: tuple[Edition, ...] = (ORDER_13_2025,)


def edition_for(period_end: date) -> Edition:
    """The edition of Order 13 governing a period ending on ``period_end``.

    Earlier editions are not modelled: a period ending before 01.07.2025 is refused.
    """
    on = check_date(period_end, "period_end", None)
    for edition in EDITIONS:
        if edition.in_force(on):
            return edition
    raise RuleError(
        f"no edition of Order 13 is modelled for a period ending {on.isoformat()}",
        field="period_end",
        key="eva_no_edition",
        params={"period_end": on.strftime("%d.%m.%Y")},
    )


def chapters_in_force(period: date) -> tuple[str, ...]:
    """Ids of the chapters and appendices that may be offered for ``period`` (its end date).

    An expired part (chapter 5, appendices 8-10 after 28.02.2026) is never offered.
    """
    on = check_date(period, "period", None)
    return edition_for(on).parts_in_force(on)


def is_part_in_force(part_id: str, period: date) -> bool:
    """True if the chapter or appendix ``part_id`` may be offered for ``period``."""
    return part_id in chapters_in_force(period)


def edition_with_parts(period_end: date, parts: tuple[str, ...], field: str) -> Edition:
    """The edition governing the period, refusing a part not in force for it.

    Rules change by edition (RULEBOOK): chapter 5 and appendices 8-10 of Order 13
    stay selectable for past periods and are never applied after 28.02.2026.
    """
    edition = edition_for(period_end)
    for part in parts:
        if not is_part_in_force(part, period_end):
            found = next((p for p in edition.parts if p.id == part), None)
            until = ""
            if found is not None and found.valid_to is not None:
                until = f" (in force until {found.valid_to:%d.%m.%Y})"
            message = (
                f"{part} of Order 13{until} does not apply to a period ending {period_end:%d.%m.%Y}"
            )
            if found is None or found.valid_to is None:  # a part this edition does not have
                raise RuleError(
                    message,
                    field=field,
                    key="eva_part_unknown",
                    params={"part": part, "period_end": period_end.strftime("%d.%m.%Y")},
                )
            # "corps_a.appendix_8": its corps, then a chapter or appendix and its number
            corps, _, section = part.partition(".")
            kind, _, number = section.rpartition("_")
            raise RuleError(
                message,
                field=field,
                key="eva_part_expired",
                params={
                    "corps_key": f"refusal.term.{corps}",
                    "section_key": f"refusal.term.{kind}",
                    "number": number,
                    "until": found.valid_to.strftime("%d.%m.%Y"),
                    "period_end": period_end.strftime("%d.%m.%Y"),
                },
            )

    return edition
