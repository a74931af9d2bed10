"""Kazakh locative and attributive endings of printed dates (R-DOC-6, issue 15 item 6)."""

import pytest

from kzcommission.domain.kazakh import ATTRIBUTIVE, LOCATIVE, ending, inflect, last_spoken_word

MONTHS = {
    "қаңтар": ("қаңтарда", "қаңтардағы"),
    "ақпан": ("ақпанда", "ақпандағы"),
    "наурыз": ("наурызда", "наурыздағы"),
    "сәуір": ("сәуірде", "сәуірдегі"),
    "мамыр": ("мамырда", "мамырдағы"),
    "маусым": ("маусымда", "маусымдағы"),
    "шілде": ("шілдеде", "шілдедегі"),
    "тамыз": ("тамызда", "тамыздағы"),
    "қыркүйек": ("қыркүйекте", "қыркүйектегі"),
    "қазан": ("қазанда", "қазандағы"),
    "қараша": ("қарашада", "қарашадағы"),
    "желтоқсан": ("желтоқсанда", "желтоқсандағы"),
}


@pytest.mark.parametrize("month", MONTHS)
def test_every_month(month):
    assert (inflect(month, LOCATIVE), inflect(month, ATTRIBUTIVE)) == MONTHS[month]


def test_the_sentences_of_issue_15():
    # "…аттестаттауыңыз 2024 жылғы 15 мамырда…", "2024 жылғы 15 мамырдағы № 3 отырысында"
    assert inflect("2024 жылғы 15 мамыр", LOCATIVE) == "2024 жылғы 15 мамырда"
    assert inflect("2024 жылғы 15 мамыр", ATTRIBUTIVE) == "2024 жылғы 15 мамырдағы"


@pytest.mark.parametrize(
    ("number", "locative", "attributive"),
    [
        (1, "1-де", "1-дегі"), (2, "2-де", "2-дегі"), (3, "3-те", "3-тегі"),
        (4, "4-те", "4-тегі"), (5, "5-те", "5-тегі"), (6, "6-да", "6-дағы"),
        (7, "7-де", "7-дегі"), (8, "8-де", "8-дегі"), (9, "9-да", "9-дағы"),
        (10, "10-да", "10-дағы"), (20, "20-да", "20-дағы"), (30, "30-да", "30-дағы"),
        (40, "40-та", "40-тағы"), (50, "50-де", "50-дегі"), (60, "60-та", "60-тағы"),
        (70, "70-те", "70-тегі"), (80, "80-де", "80-дегі"), (90, "90-да", "90-дағы"),
        (100, "100-де", "100-дегі"), (300, "300-де", "300-дегі"), (1000, "1000-да", "1000-дағы"),
        (2000, "2000-да", "2000-дағы"), (2024, "2024-те", "2024-тегі"),
        (2030, "2030-да", "2030-дағы"), (2100, "2100-де", "2100-дегі"),
        (1_000_000, "1000000-да", "1000000-дағы"), (0, "0-де", "0-дегі"),
    ],
)  # fmt: skip
def test_numbers_take_the_ending_of_their_last_spoken_word(number, locative, attributive):
    assert inflect(str(number), LOCATIVE) == locative
    assert inflect(str(number), ATTRIBUTIVE) == attributive


def test_last_spoken_word():
    assert [last_spoken_word(n) for n in (15, 40, 500, 7000, 3_000_000, 2 * 10**9)] == [
        "бес", "қырық", "жүз", "мың", "миллион", "миллиард",
    ]  # fmt: skip


def test_unknown_form_is_refused():
    with pytest.raises(ValueError):
        ending("мамыр", "genitive")
