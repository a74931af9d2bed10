"""The Kazakh individual identification number (IIN, "ЖСН", "ИИН") of a person.

Twelve digits: the birth date as YYMMDD, one digit for the century and sex
(1/2: born in the 1800s, male/female; 3/4: the 1900s; 5/6: the 2000s), four
serial digits and a check digit. The check digit is the weighted sum of the
first eleven digits modulo 11 with weights 1..11; where that gives 10 it is
computed again with weights 3..11, 1, 2; a second 10 means the number is never
issued. (python-stdnum 2.2 has no Kazakh module, so the rule lives here.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MALE = "m"
FEMALE = "f"
SEXES: tuple[str, ...] = (MALE, FEMALE)

_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURIES = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}

# Why an IIN is refused; each code has a message in the catalogues (``iin.error.<code>``).
LENGTH = "length"
DIGITS = "digits"
BAD_DATE = "date"  # the first seven digits are no birth date (or the century digit is not 1-6)
CHECK_DIGIT = "check"
NOT_ISSUED = "not_issued"
BIRTH_DATE_DIFFERS = "birth_date"  # a valid IIN and a birth date recorded otherwise
SEX_DIFFERS = "sex"


class IinError(ValueError):
    """An IIN that cannot be a person's: ``code`` says why (one of the codes above)."""

    def __init__(self, code: str, value: str):
        self.code = code
        self.value = value
        super().__init__(f"IIN {value!r}: {code.replace('_', ' ')}")


@dataclass(frozen=True)
class Iin:
    """A checked IIN and what it tells about its holder."""

    number: str
    birth_date: date
    sex: str  # MALE or FEMALE


def check_digit(first_eleven: str) -> int | None:
    """The check digit of the first eleven digits; None when the number is never issued."""
    digits = [int(c) for c in first_eleven]
    for weights in (_FIRST_WEIGHTS, _SECOND_WEIGHTS):
        result = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if result != 10:
            return result
    return None


def parse_iin(text: str) -> Iin:
    """The IIN in ``text`` (spaces around it ignored), or IinError naming what is wrong."""
    number = text.strip()
    if len(number) != 12:
        raise IinError(LENGTH, number)
    # str.isdigit accepts other scripts' digits and superscripts: only ASCII 0-9 here.
    if not all("0" <= c <= "9" for c in number):
        raise IinError(DIGITS, number)
    century = _CENTURIES.get(int(number[6]))
    if century is None:
        raise IinError(BAD_DATE, number)
    try:
        born = date(century + int(number[:2]), int(number[2:4]), int(number[4:6]))
    except ValueError as exc:
        raise IinError(BAD_DATE, number) from exc
    expected = check_digit(number[:11])
    if expected is None:
        raise IinError(NOT_ISSUED, number)
    if expected != int(number[11]):
        raise IinError(CHECK_DIGIT, number)
    return Iin(number, born, MALE if int(number[6]) % 2 else FEMALE)


def check_against(iin: Iin, birth_date: date | None, sex: str) -> None:
    """Refuse a birth date or sex recorded otherwise than the IIN says (empty ones pass)."""
    if birth_date is not None and birth_date != iin.birth_date:
        raise IinError(BIRTH_DATE_DIFFERS, iin.number)
    if sex and sex != iin.sex:
        raise IinError(SEX_DIFFERS, iin.number)
