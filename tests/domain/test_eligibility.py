"""Who is due for certification and when (R-ELIG-1 .. R-ELIG-7)."""

from __future__ import annotations

from datetime import date

import pytest

from kzcommission.domain.eligibility import (
    EmployeeHistory,
    Exclusion,
    Leave,
    PastCertification,
    Window,
    due_window,
    earliest_recertification,
    extraordinary_window,
    half_year_due_list,
)
from kzcommission.domain.errors import RuleError

D = date
Cert = PastCertification
# Service and position since 01.03.2015: anniversaries 01.03.2018, 01.03.2021, 01.03.2024 ...
START = D(2015, 3, 1)


def hist(**kw: object) -> EmployeeHistory:
    kw.setdefault("appointed_on", START)
    kw.setdefault("service_start", START)
    return EmployeeHistory(**kw)  # type: ignore[arg-type]


# Each case: (rule id, history, on, expected window or exclusion).
CASES = [
    # R-ELIG-1: pregnancy excludes; six months in the position hold the window back.
    ("R-ELIG-1", hist(pregnant=True), D(2018, 3, 1), Exclusion("pregnant", "R-ELIG-1")),
    (
        "R-ELIG-1",
        hist(service_start=D(2018, 1, 31), appointed_on=D(2020, 11, 15)),
        D(2021, 1, 1),
        Window(D(2021, 5, 15), D(2021, 11, 15), "six_months_in_position", "R-ELIG-1"),
    ),
    (  # due 15.01.2019, transferred 01.03.2019 before being certified: six months first
        "R-ELIG-1",
        hist(service_start=D(2010, 1, 15), appointed_on=D(2019, 3, 1)),
        D(2019, 3, 1),
        Window(D(2019, 9, 1), D(2020, 3, 1), "six_months_in_position", "R-ELIG-1"),
    ),
    # R-ELIG-2: three-year anniversaries of the service, six-month window.
    (
        "R-ELIG-2",
        hist(),
        D(2017, 1, 1),
        Window(D(2018, 3, 1), D(2018, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # month end: 31.08 + 6 months = 28.02
        "R-ELIG-2",
        hist(service_start=D(2025, 8, 31), appointed_on=D(2025, 8, 31)),
        D(2026, 1, 1),
        Window(D(2028, 8, 31), D(2029, 2, 28), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # leap day 29.02.2028: the anniversary falls on 28.02.2031
        "R-ELIG-2",
        hist(service_start=D(2028, 2, 29), appointed_on=D(2028, 2, 29)),
        D(2028, 3, 1),
        Window(D(2031, 2, 28), D(2031, 8, 28), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # certified in the window: next anniversary
        "R-ELIG-2",
        hist(certifications=(Cert(D(2018, 4, 1), "regular", "fits"),)),
        D(2019, 1, 1),
        Window(D(2021, 3, 1), D(2021, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # overdue: nobody certified in 2018, the 2018 window is still the current one
        "R-ELIG-2",
        hist(),
        D(2019, 1, 1),
        Window(D(2018, 3, 1), D(2018, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # a late certification catches up every anniversary already reached
        "R-ELIG-2",
        hist(certifications=(Cert(D(2022, 5, 1), "regular", "fits"),)),
        D(2022, 6, 1),
        Window(D(2024, 3, 1), D(2024, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # anniversaries whose window closed before the appointment belong to earlier posts
        "R-ELIG-2",
        hist(service_start=D(2010, 1, 15), appointed_on=D(2019, 9, 1)),
        D(2020, 1, 1),
        Window(D(2022, 1, 15), D(2022, 7, 15), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # an extraordinary certification settles the anniversary it falls after
        "R-ELIG-2",
        hist(certifications=(Cert(D(2021, 6, 10), "extraordinary", "fits"),)),
        D(2022, 1, 1),
        Window(D(2024, 3, 1), D(2024, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # facts dated after `on` are not known yet
        "R-ELIG-2",
        hist(certifications=(Cert(D(2018, 4, 1), "regular", "fits"),)),
        D(2018, 3, 15),
        Window(D(2018, 3, 1), D(2018, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
    # R-ELIG-3: six months after resuming from unpaid, maternity or parental leave.
    (  # maternity leave over the due date, known before it starts
        "R-ELIG-3",
        hist(leaves=(Leave("maternity", D(2017, 12, 1), D(2018, 5, 31)),)),
        D(2017, 11, 1),
        Window(D(2018, 12, 1), D(2019, 6, 1), "after_leave", "R-ELIG-3"),
    ),
    (  # unpaid leave ended two months before the due date
        "R-ELIG-3",
        hist(leaves=(Leave("unpaid", D(2017, 10, 1), D(2017, 12, 31)),)),
        D(2018, 1, 1),
        Window(D(2018, 7, 1), D(2019, 1, 1), "after_leave", "R-ELIG-3"),
    ),
    (  # parental leave starting inside the window moves it
        "R-ELIG-3",
        hist(leaves=(Leave("parental", D(2018, 5, 1), D(2018, 10, 31)),)),
        D(2018, 1, 1),
        Window(D(2019, 5, 1), D(2019, 11, 1), "after_leave", "R-ELIG-3"),
    ),
    (  # maternity then parental leave back to back
        "R-ELIG-3",
        hist(
            leaves=(
                Leave("parental", D(2018, 6, 1), D(2019, 5, 31)),
                Leave("maternity", D(2017, 12, 1), D(2018, 5, 31)),
            )
        ),
        D(2017, 11, 1),
        Window(D(2019, 12, 1), D(2020, 6, 1), "after_leave", "R-ELIG-3"),
    ),
    (  # a leave long before the due date changes nothing
        "R-ELIG-3",
        hist(leaves=(Leave("unpaid", D(2016, 1, 1), D(2016, 3, 31)),)),
        D(2017, 1, 1),
        Window(D(2018, 3, 1), D(2018, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # a leave starting after the window closes changes nothing
        "R-ELIG-3",
        hist(leaves=(Leave("maternity", D(2018, 9, 2), D(2019, 1, 31)),)),
        D(2017, 1, 1),
        Window(D(2018, 3, 1), D(2018, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # other leave (annual, sick) over the due date does not count
        "R-ELIG-3",
        hist(leaves=(Leave("other", D(2018, 2, 20), D(2018, 3, 20)),)),
        D(2018, 1, 1),
        Window(D(2018, 3, 1), D(2018, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # on parental leave with no return date yet
        "R-ELIG-3",
        hist(leaves=(Leave("parental", D(2017, 11, 1)),)),
        D(2018, 1, 1),
        Exclusion("on_leave", "R-ELIG-3"),
    ),
    # R-ELIG-3 Reading: on such a leave on the day of the list, excluded whatever the window.
    (  # maternity leave with a known end, on the day of the list
        "R-ELIG-3",
        hist(leaves=(Leave("maternity", D(2017, 12, 1), D(2018, 5, 31)),)),
        D(2018, 1, 1),
        Exclusion("on_leave", "R-ELIG-3"),
    ),
    (  # observed: overdue since 2018, on unpaid leave since 01.02.2025, not back
        "R-ELIG-3",
        hist(leaves=(Leave("unpaid", D(2025, 2, 1)),)),
        D(2025, 3, 25),
        Exclusion("on_leave", "R-ELIG-3"),
    ),
    (  # the same, nearly two years later
        "R-ELIG-3",
        hist(leaves=(Leave("unpaid", D(2025, 2, 1)),)),
        D(2026, 12, 2),
        Exclusion("on_leave", "R-ELIG-3"),
    ),
    (  # overdue, on parental leave with a known end: excluded too
        "R-ELIG-3",
        hist(leaves=(Leave("parental", D(2025, 2, 1), D(2026, 1, 31)),)),
        D(2025, 3, 25),
        Exclusion("on_leave", "R-ELIG-3"),
    ),
    (  # overdue, back from that leave: the window opens six months after resuming
        "R-ELIG-3",
        hist(leaves=(Leave("parental", D(2025, 2, 1), D(2026, 1, 31)),)),
        D(2026, 3, 1),
        Window(D(2026, 8, 1), D(2027, 2, 1), "after_leave", "R-ELIG-3"),
    ),
    (  # an "other" leave on the day of the list excludes nobody
        "R-ELIG-3",
        hist(leaves=(Leave("other", D(2025, 2, 1)),)),
        D(2025, 3, 25),
        Window(D(2018, 3, 1), D(2018, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # a re-certification waiting (R-ELIG-6) is excluded while on leave, too
        "R-ELIG-3",
        hist(
            certifications=(Cert(D(2018, 3, 31), "regular", "recertify"),),
            leaves=(Leave("unpaid", D(2019, 1, 1)),),
        ),
        D(2019, 2, 1),
        Exclusion("on_leave", "R-ELIG-3"),
    ),
    # R-ELIG-4: application for the next category: may be certified early.
    (
        "R-ELIG-4",
        hist(applied_next_category_on=D(2017, 6, 1)),
        D(2017, 7, 1),
        Window(D(2017, 6, 1), D(2018, 9, 1), "next_category_application", "R-ELIG-4"),
    ),
    (  # still not within six months of the appointment
        "R-ELIG-4",
        hist(appointed_on=D(2017, 3, 1), applied_next_category_on=D(2017, 4, 1)),
        D(2017, 5, 1),
        Window(D(2017, 9, 1), D(2018, 9, 1), "next_category_application", "R-ELIG-4"),
    ),
    (  # application settled by a later certification: back to the cycle
        "R-ELIG-4",
        hist(
            applied_next_category_on=D(2017, 6, 1),
            certifications=(Cert(D(2017, 8, 1), "regular", "fits"),),
        ),
        D(2017, 9, 1),
        Window(D(2021, 3, 1), D(2021, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
    (  # application made after `on` is not known yet
        "R-ELIG-4",
        hist(applied_next_category_on=D(2017, 6, 1)),
        D(2017, 5, 1),
        Window(D(2018, 3, 1), D(2018, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
    # R-ELIG-6: re-certification no earlier than three months after the initial one.
    (
        "R-ELIG-6",
        hist(certifications=(Cert(D(2018, 3, 31), "regular", "recertify"),)),
        D(2018, 4, 1),
        Window(D(2018, 6, 30), None, "recertification", "R-ELIG-6"),
    ),
    (  # once re-certified, the next anniversary
        "R-ELIG-6",
        hist(
            certifications=(
                Cert(D(2018, 3, 31), "regular", "recertify"),
                Cert(D(2018, 7, 15), "repeat", "fits"),
            )
        ),
        D(2018, 8, 1),
        Window(D(2021, 3, 1), D(2021, 9, 1), "three_years_of_service", "R-ELIG-2"),
    ),
]


@pytest.mark.parametrize(("rule_id", "history", "on", "expected"), CASES)
def test_due_window(rule_id: str, history: EmployeeHistory, on: date, expected: object) -> None:
    assert due_window(history, on) == expected, rule_id


def test_r_elig_2_overdue_flag() -> None:
    window = due_window(hist(), D(2019, 1, 1))
    assert isinstance(window, Window)
    assert window.is_overdue(D(2019, 1, 1))
    assert not window.is_overdue(D(2018, 9, 1))  # the last day of the window is on time


# R-ELIG-6: three months, month ends clamp, leap year.
@pytest.mark.parametrize(
    ("initial", "expected"),
    [
        (D(2024, 11, 30), D(2025, 2, 28)),
        (D(2027, 11, 29), D(2028, 2, 29)),
        (D(2027, 11, 30), D(2028, 2, 29)),
        (D(2025, 3, 31), D(2025, 6, 30)),
        (D(2025, 1, 15), D(2025, 4, 15)),
    ],
)
def test_r_elig_6_earliest_recertification(initial: date, expected: date) -> None:
    assert earliest_recertification(initial) == expected


# R-ELIG-7: Decree 490, positions of its Appendix 1, 01.04.2024-31.12.2024.
DECREE_WINDOW = Window(D(2024, 4, 1), D(2024, 12, 31), "decree_490", "R-ELIG-7")


@pytest.mark.parametrize(
    ("history", "on", "expected"),
    [
        (hist(decree_490_position=True), D(2024, 4, 1), DECREE_WINDOW),
        (hist(), D(2024, 4, 1), Exclusion("position_not_listed", "R-ELIG-7")),
        (
            hist(decree_490_position=True, pregnant=True),
            D(2024, 5, 1),
            Exclusion("pregnant", "R-ELIG-7"),
        ),
        (
            hist(decree_490_position=True, leaves=(Leave("maternity", D(2024, 3, 1)),)),
            D(2024, 5, 1),
            Exclusion("on_leave", "R-ELIG-7"),
        ),
        (  # back from leave on the day: subject again (no six-month rule in the Decree)
            hist(
                decree_490_position=True,
                leaves=(Leave("unpaid", D(2024, 3, 1), D(2024, 4, 30)),),
            ),
            D(2024, 5, 1),
            DECREE_WINDOW,
        ),
        (  # annual leave is not an article 77 leave
            hist(
                decree_490_position=True, leaves=(Leave("other", D(2024, 4, 20), D(2024, 5, 10)),)
            ),
            D(2024, 5, 1),
            DECREE_WINDOW,
        ),
        (
            hist(
                decree_490_position=True,
                certifications=(Cert(D(2024, 6, 1), "extraordinary", "fits"),),
            ),
            D(2024, 7, 1),
            Exclusion("already_certified", "R-ELIG-7"),
        ),
    ],
)
def test_r_elig_7_extraordinary_window(
    history: EmployeeHistory, on: date, expected: object
) -> None:
    assert extraordinary_window(history, on) == expected


# R-ELIG-5: the half-year list of who falls due, and who is excluded and why.
def test_r_elig_5_half_year_due_list() -> None:
    histories = {
        "due_in_half": hist(service_start=D(2022, 3, 1), appointed_on=D(2022, 3, 1)),
        "overdue": hist(service_start=D(2021, 3, 1), appointed_on=D(2021, 3, 1)),
        "next_year": hist(service_start=D(2023, 3, 1), appointed_on=D(2023, 3, 1)),
        "pregnant": hist(pregnant=True),
        "leave": hist(
            service_start=D(2022, 3, 1),
            appointed_on=D(2022, 3, 1),
            leaves=(Leave("parental", D(2024, 6, 1)),),
        ),
        "opens_last_day": hist(service_start=D(2022, 6, 30), appointed_on=D(2022, 6, 30)),
    }
    result = half_year_due_list(iter(histories.items()), D(2025, 1, 1))
    assert (result.start, result.end) == (D(2025, 1, 1), D(2025, 6, 30))
    assert [(e.key, e.overdue) for e in result.due] == [
        ("due_in_half", False),
        ("overdue", True),
        ("opens_last_day", False),
    ]
    assert result.due[0].window.start == D(2025, 3, 1)
    assert [(e.key, e.exclusion.reason) for e in result.excluded] == [
        ("pregnant", "pregnant"),
        ("leave", "on_leave"),
    ]


def test_r_elig_5_second_half_year_ends_on_31_december() -> None:
    result = half_year_due_list([], D(2025, 7, 1))
    assert result.end == D(2025, 12, 31)
    assert result.due == () and result.excluded == ()


# Bad input: each validation error names the field.
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"service_start": D(2016, 1, 1)}, "service_start"),
        ({"leaves": (Leave("unpaid", D(2018, 5, 1), D(2018, 4, 30)),)}, "leaves[0].end"),
        ({"leaves": (Leave("holiday", D(2018, 5, 1), D(2018, 6, 1)),)}, "leaves[0].kind"),
        (
            {
                "leaves": (
                    Leave("maternity", D(2018, 5, 1), D(2018, 9, 30)),
                    Leave("parental", D(2018, 9, 30), D(2019, 9, 30)),
                )
            },
            "leaves[1].start",
        ),
        (  # input order does not matter; the later leave is named
            {
                "leaves": (
                    Leave("parental", D(2019, 1, 1), D(2019, 9, 30)),
                    Leave("unpaid", D(2018, 5, 1)),
                )
            },
            "leaves[0].start",
        ),
        ({"certifications": (Cert(D(2015, 2, 28), "regular", "fits"),)}, "certifications[0].on"),
        ({"certifications": (Cert(D(2018, 2, 28), "annual", "fits"),)}, "certifications[0].kind"),
    ],
)
def test_history_validation_names_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(RuleError) as caught:
        hist(**kwargs)
    assert caught.value.field == field


def test_appointment_after_the_date_names_the_field() -> None:
    with pytest.raises(RuleError) as caught:
        due_window(hist(), D(2015, 2, 28))
    assert caught.value.field == "appointed_on"


def test_r_elig_5_bad_history_propagates() -> None:
    with pytest.raises(RuleError) as caught:
        half_year_due_list([("late", hist(appointed_on=D(2025, 2, 1)))], D(2025, 1, 1))
    assert caught.value.field == "appointed_on"
