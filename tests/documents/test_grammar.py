"""Printed sentences agree with the person's sex and count by plural rules; Kazakh dates
take their case endings (R-DOC-6; issue 15 item 6). Read back with pdftotext."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest

from kzcommission.documents.data import AttendanceEvent
from kzcommission.documents.familiarisation import FamiliarisationRenderer
from kzcommission.documents.minutes import MinutesRenderer
from kzcommission.documents.notice import NoticeRenderer
from kzcommission.documents.sheet_regular import RegularSheetRenderer
from tests.documents.conftest import flat, pdf_text
from tests.documents.sample import CHAIR, sample_sitting

WOMAN_MEMBER = "Ким Елена Викторовна"


def text_of(renderer, data, tmp_path) -> str:
    return flat(pdf_text(renderer.render(data), tmp_path, layout=False, body=True))


@pytest.mark.parametrize(
    ("sex", "received"),
    [("m", "Уведомлениеполучил:"), ("f", "Уведомлениеполучила:"), ("", "Уведомлениеполучил(а):")],
)
def test_notice_in_russian_agrees(notice, tmp_path, sex, received):
    text = text_of(NoticeRenderer("ru"), replace(notice, person_sex=sex), tmp_path)
    assert received in text


@pytest.mark.parametrize("sex", ["m", "f"])
def test_notice_in_kazakh_says_on_15_may(notice, tmp_path, sex):
    text = text_of(NoticeRenderer("kk"), replace(notice, person_sex=sex), tmp_path)
    # "your regular certification … on 15 May 2024": possessive and locative, no "сіздің".
    assert flat("кезекті аттестаттауыңыз 2024 жылғы 15 мамырда мына мекенжайда") in text
    assert "сіздің" not in text


@pytest.mark.parametrize(
    ("sex", "words"),
    [
        ("m", ("ознакомлен.", "листаполучил.", "Ознакомлен:")),
        ("f", ("ознакомлена.", "листаполучила.", "Ознакомлена:")),
        ("", ("ознакомлен(а).", "листаполучил(а).", "Ознакомлен(а):")),
    ],
)
def test_familiarisation_in_russian_agrees(familiarisation, tmp_path, sex, words):
    data = replace(familiarisation, person_sex=sex)
    text = text_of(FamiliarisationRenderer("ru"), data, tmp_path)
    assert all(w in text for w in words), text


@pytest.mark.parametrize("sex", ["m", "f"])
def test_familiarisation_in_kazakh_says_of_15_may(familiarisation, tmp_path, sex):
    data = replace(familiarisation, person_sex=sex)
    text = text_of(FamiliarisationRenderer("kk"), data, tmp_path)
    assert flat("комиссиясының 2024 жылғы 15 мамырдағы № 12/2024 отырысында") in text


@pytest.mark.parametrize(
    ("lang", "sex", "present", "words"),
    [
        ("ru", "m", 21, ("присутствовал21членаттестационной", "листомознакомлен:")),
        ("ru", "f", 3, ("присутствовали3членааттестационной", "листомознакомлена:")),
        ("ru", "", 5, ("присутствовало5членоваттестационной", "листомознакомлен(а):")),
        ("kk", "f", 3, ("комиссиясының3мүшесіқатысты",)),
        ("en", "m", 1, ("attendedby1memberofthe",)),
        ("en", "f", 8, ("attendedby8membersofthe",)),
    ],
)
def test_sheet_counts_and_agrees(tmp_path, lang, sex, present, words):
    sitting = sample_sitting(1)
    case = replace(sitting.cases[0], person_sex=sex, members_present=present)
    text = text_of(RegularSheetRenderer(lang), (sitting, case), tmp_path)
    assert all(w in text for w in words), text


def test_minutes_agree_with_each_member_and_person(tmp_path):
    sitting = sample_sitting(3)
    late = time(10, 50)
    members = tuple(
        replace(m, events=(AttendanceEvent("late", late),)) if m.name == WOMAN_MEMBER else m
        for m in sitting.composition
    )
    first, second, third = sitting.cases
    cases = (
        replace(first, person_sex="f", appearance="present", presiding=WOMAN_MEMBER),
        replace(second, person_sex="m", appearance="present", presiding=CHAIR),
        replace(third, person_sex="", appearance="absent_excused", presiding=""),
    )
    data = replace(sitting, composition=members, cases=cases)
    text = text_of(MinutesRenderer("ru"), data, tmp_path)
    assert flat("прибыла с опозданием в 10:50") in text  # Ким Елена Викторовна
    assert flat("прибыл с опозданием в 10:40") in text  # Иванов Сергей Петрович
    assert "покинулзаседаниев12:30" in text  # Оспанов Ғалымжан Әділұлы
    assert flat(f"Председательствовала при рассмотрении дела: {WOMAN_MEMBER}") in text
    assert flat(f"Председательствовал при рассмотрении дела: {CHAIR}") in text
    assert "Явкааттестуемого:явилась" in text and "Явкааттестуемого:явился" in text
    # The paper's own words for an absence, whatever the sex ("не явился" is the screen's).
    assert "Явкааттестуемого:отсутствуетпоуважительнойпричине" in text
    assert "(а)" not in text and "(-ась)" not in text


def test_minutes_in_kazakh_have_no_gender(tmp_path):
    text = text_of(MinutesRenderer("kk"), sample_sitting(2), tmp_path)
    assert flat("кешігіп келді, сағат 10:40") in text and "(а)" not in text


def test_bilingual_notice_inflects_only_the_kazakh_date(notice, tmp_path):
    text = text_of(NoticeRenderer("kk+ru"), replace(notice, person_sex="f"), tmp_path)
    assert flat("2024 жылғы 15 мамырда / 15 мая 2024 г.") in text
    assert "Уведомлениеполучила" in text
