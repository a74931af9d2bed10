"""The vocabulary of certification: kinds, decision options, scorecard scores.

Option ids are stable identifiers stored in the database and exchanged between
offices; labels live in the translation catalogues (keys ``option.<id>``).
Every tuple of options is ordered from the most to the least favourable to the
employee, which is what the tie policy "employee" relies on (R-VOTE-3).
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """Kind of certification of a case."""

    REGULAR = "regular"  # Order 880 §5
    REPEAT = "repeat"  # Order 880 §24 (re-certification)
    EXTRAORDINARY = "extraordinary"  # Decree 490


# R-DEC-1: regular certification, Order 880 §21.
REGULAR_OPTIONS: tuple[str, ...] = ("fits", "recertify", "unfit")
# R-DEC-2: re-certification, Order 880 §24.
REPEAT_OPTIONS: tuple[str, ...] = ("fits", "unfit")
# R-DEC-4: extraordinary certification, Decree 490 §15, items 1) to 5).
EXTRAORDINARY_OPTIONS: tuple[str, ...] = (
    "fits_promote",
    "fits",
    "unfit_demote",
    "unfit_transfer",
    "unfit_dismiss",
)
# R-DEC-5: failed fitness standards or test threshold: only items 3), 4), 5).
EXTRAORDINARY_RESTRICTED_OPTIONS: tuple[str, ...] = EXTRAORDINARY_OPTIONS[2:]

# R-DEC-3: positive decisions lead to the qualification-grade vote.
POSITIVE_OPTIONS: frozenset[str] = frozenset({"fits", "fits_promote"})

# R-DEC-3 / Order 880 Appendix 1 item 12 2): "no grounds for assigning the grade".
NO_GRADE_OPTION = "no_grade"
GRADE_OPTION_PREFIX = "grade:"


def grade_option(grade: str) -> str:
    """Option id for "fits the qualification grade ``grade``" (R-DEC-3)."""
    return GRADE_OPTION_PREFIX + grade


def grade_of(option: str) -> str | None:
    """The grade named by a grade option, or None for ``no_grade``."""
    if option.startswith(GRADE_OPTION_PREFIX):
        return option[len(GRADE_OPTION_PREFIX) :]
    return None


class Score(StrEnum):
    """A member's score of the certified person, Order 880 Appendix 2 (R-DOC-4)."""

    EXCELLENT = "excellent"
    GOOD = "good"
    SATISFACTORY = "satisfactory"
    UNSATISFACTORY = "unsatisfactory"


class Role(StrEnum):
    """Role of a seat in the commission (R-COMP-1)."""

    CHAIR = "chair"
    MEMBER = "member"
    SECRETARY = "secretary"


class Appearance(StrEnum):
    """Whether the certified person came to the sitting (R-SIT-3, R-SIT-4, R-SIT-5)."""

    PENDING = "pending"
    PRESENT = "present"
    ABSENT_EXCUSED = "absent_excused"
    ABSENT_UNEXCUSED = "absent_unexcused"
