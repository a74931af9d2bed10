"""The IIN's check digit, birth date and sex (issue 19 item 4)."""

from datetime import date

import pytest

from kzcommission.domain import iin as iin_rule
from kzcommission.domain.iin import IinError, check_against, check_digit, parse_iin


@pytest.mark.parametrize(
    ("number", "born", "sex"),
    [
        # Published as valid: the README examples of kz-iin-validator and py-kz-validators.
        ("061211600012", date(2006, 12, 11), "f"),
        ("791028302728", date(1979, 10, 28), "m"),
        # The first sum gives 10, the second weights give the check digit 1.
        ("850315301801", date(1985, 3, 15), "m"),
    ],
)
def test_valid_iins_give_birth_date_and_sex(number, born, sex):
    parsed = parse_iin(f" {number} ")
    assert (parsed.number, parsed.birth_date, parsed.sex) == (number, born, sex)


@pytest.mark.parametrize(("digit", "year", "sex"), [(1, 1885, "m"), (2, 1885, "f"),
                                                    (3, 1985, "m"), (4, 1985, "f"),
                                                    (5, 2085, "m"), (6, 2085, "f")])  # fmt: skip
def test_century_and_sex_digit(digit, year, sex):
    first = f"850315{digit}0001"
    check = check_digit(first)
    assert check is not None
    parsed = parse_iin(first + str(check))
    assert (parsed.birth_date.year, parsed.sex) == (year, sex)


def test_second_weights_apply_when_the_first_sum_gives_ten():
    first = "85031530180"
    assert sum(int(c) * w for c, w in zip(first, range(1, 12), strict=True)) % 11 == 10
    assert check_digit(first) == 1


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("79102830272", iin_rule.LENGTH),
        ("7910283027281", iin_rule.LENGTH),
        ("", iin_rule.LENGTH),
        ("79102830272A", iin_rule.DIGITS),
        ("７９１０２８３０２７２８", iin_rule.DIGITS),  # full-width digits are not 0-9
        ("791328302728", iin_rule.BAD_DATE),  # month 13
        ("790230302728", iin_rule.BAD_DATE),  # 30 February
        ("791028702728", iin_rule.BAD_DATE),  # century digit 7
        ("791028302729", iin_rule.CHECK_DIGIT),
        ("85031530260" + "0", iin_rule.NOT_ISSUED),  # both sums give 10
    ],
)
def test_each_failure_kind(text, code):
    with pytest.raises(IinError) as caught:
        parse_iin(text)
    assert caught.value.code == code


def test_not_issued_means_both_sums_give_ten():
    assert check_digit("85031530260") is None


def test_birth_date_and_sex_are_checked_against_the_iin():
    parsed = parse_iin("791028302728")
    check_against(parsed, date(1979, 10, 28), "m")
    check_against(parsed, None, "")
    with pytest.raises(IinError) as born:
        check_against(parsed, date(1979, 10, 29), "")
    with pytest.raises(IinError) as sex:
        check_against(parsed, None, "f")
    assert (born.value.code, sex.value.code) == (iin_rule.BIRTH_DATE_DIFFERS, iin_rule.SEX_DIFFERS)
