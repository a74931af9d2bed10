"""Printed preparation documents through the services, in kk / ru / en: the notice (R-DL-1),
the half-yearly due list (R-ELIG-5) and the deadline report (R-DL-1..R-DL-9).

Checked with pdftotext (names, dates, rule ids, Kazakh letters); PNGs of each are kept
under tests/artifacts/preparation/ for a look.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from kzcommission.i18n import tr
from kzcommission.services.preparation import campaign, due, personnel, persons
from kzcommission.services.sitting import sittings
from tests.services.helpers import make_desk

from .conftest import KAZAKH_LETTERS, flat, pdf_text

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "preparation"
LANGS = ("kk", "ru", "en")
TODAY = date(2025, 7, 1)
NAMES = ("Әлібеков Нұрғали Өмірзақұлы", "Жаңабаев Үміт Һадиұлы", "Smith Jane")


def save_pngs(pdf: bytes, stem: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{stem}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(ARTIFACTS / stem)], check=True)


def assert_has(text: str, *needles: str) -> None:
    body = flat(text)
    for needle in needles:
        assert flat(needle) in body, f"{needle!r} not in the extracted text"


def assert_names(text: str, *names: str) -> None:
    """Each part of each name (a long name wraps inside its table cell)."""
    assert_has(text, *(part for name in names for part in name.split()))


@pytest.fixture
def campaign_data(database):
    """Three employees, one of them pregnant (excluded, R-ELIG-1), on a sitting of 12.03.2025."""
    ids = []
    for index, name in enumerate(NAMES):
        surname, given, *rest = name.split()
        person = persons.add_person(surname, given, " ".join(rest), personnel_number=f"П-{index}")
        personnel.update_record(
            person.id,
            position="Учаскелік полиция инспекторы",
            grade="2",
            appointed_on=date(2019, 3, 1),
            service_start=date(2019, 3, 1),
            today=TODAY,
        )
        ids.append(person.id)
    personnel.add_certification(ids[1], date(2022, 5, 4), "regular", "fits", today=TODAY)
    desk = make_desk(members=3, held_on=date(2025, 3, 12))
    planned = campaign.plan(desk.sitting_id, ids[:2], "regular")
    campaign.record_step(planned[0].id, "notice", date(2025, 2, 3), today=date(2025, 2, 14))
    later = sittings.create_sitting(desk.commission.id, date(2027, 3, 10), place="Астана")
    campaign.plan(later.id, ids[2:], "regular")
    # Known pregnant after she was put on the later sitting: adding her now would be
    # refused (R-ELIG-3 Reading, naming R-ELIG-1); the due list excludes her.
    personnel.set_pregnant(ids[2], True)
    return planned


@pytest.mark.parametrize("lang", LANGS)
def test_due_list(campaign_data, lang, tmp_path):
    pdf = due.print_due_list(TODAY, lang)
    text = pdf_text(pdf, tmp_path)
    assert_names(text, *NAMES)
    assert_has(
        text,
        tr("doc.due.title", lang),
        "01.03.2022",  # Әлібеков: overdue since the first three-year anniversary (R-ELIG-2)
        "01.03.2025",  # Жаңабаев: certified in 2022, due again (R-ELIG-2)
        "R-ELIG-2",
        "R-ELIG-1",  # the excluded (pregnancy)
        tr("prep.reason.pregnant", lang),
        tr("doc.due.overdue", lang),
    )
    if lang == "kk":
        assert set(KAZAKH_LETTERS) <= set(text.lower())
    save_pngs(pdf, f"due_list_{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_deadline_report(campaign_data, lang, tmp_path):
    pdf = campaign.print_deadline_report(lang, date(2025, 2, 14), sitting_id=None)
    text = pdf_text(pdf, tmp_path)
    assert_names(text, *NAMES)
    assert_has(
        text,
        tr("doc.deadlines.title", lang),
        "R-DL-1",
        "R-DL-2",
        "R-DL-3",
        "R-DL-7",
        "12.02.2025",  # R-DL-1 and R-DL-2 deadlines of the sitting of 12.03.2025
        "03.02.2025",  # the notice served
        tr("prep.status.done", lang),
        tr("prep.status.overdue", lang),
        tr("prep.status.due_soon", lang),
    )
    # The 2027 sitting's deadlines are provisional (R-DL-9), and the report says so.
    assert_has(text, "2027", tr("doc.provisional", lang, years="2027"))
    if lang == "kk":
        assert set(KAZAKH_LETTERS) <= set(text.lower())
    save_pngs(pdf, f"deadline_report_{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_notice(campaign_data, lang, tmp_path):
    case = campaign_data[1]
    pdf = campaign.print_notice(
        case.id,
        lang,
        issued_on=date(2025, 2, 3),
        officer_name="Байжанова Айгүл Төлегенқызы",
        officer_position="Кадр бөлімшесінің аға инспекторы",
    )
    text = pdf_text(pdf, tmp_path)
    assert_has(text, NAMES[1], tr("doc.notice.title", lang), "2025", "Test commission")
    assert_has(text, tr("date.month.3", lang), tr("date.month.2", lang))  # 12 March, 3 February
    if lang == "kk":
        assert set(KAZAKH_LETTERS) <= set(text.lower())
    save_pngs(pdf, f"notice_{lang}")


@pytest.mark.parametrize(
    ("role", "shown"), [("chair", "prep.reason.restricted"), ("secretary", "prep.reason.pregnant")]
)
def test_due_list_prints_the_ground_the_screen_shows_to_the_role(
    campaign_data, role, shown, tmp_path
):
    """R-ELIG-1, R-CAL-4: the printed half-year list gives a pregnant employee the ground the
    due page gives her for the same role: "restricted information" to a chair (who may print
    but not see personnel.restricted facts), "pregnancy" to the secretary."""
    from kzcommission.services.context import Actor, reset_actor, set_actor

    set_actor(Actor(name=role, role=role))
    try:
        screen = {r.person.full_name: r.reason for r in due.due_list(TODAY) if r.excluded}
        pdf = due.print_due_list(TODAY, "en")
    finally:
        reset_actor()
    assert screen == {"Smith Jane": shown.removeprefix("prep.reason.")}
    text = flat(pdf_text(pdf, tmp_path))
    assert flat(tr(shown, "en")) in text
    hidden = "prep.reason.pregnant" if role == "chair" else "prep.reason.restricted"
    assert flat(tr(hidden, "en")) not in text
