"""Every name in the document's language (issue 15 item 6): the demo's commission, place,
seat titles and positions, printed by pdftotext in kk, ru, en and kk+ru."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from kzcommission.services.installation.demo import COMMISSION, EMPLOYEES, MEMBERS, SITTING_PLACE
from kzcommission.services.papers import case_documents, printing
from kzcommission.services.preparation import campaign, due
from kzcommission.services.sitting import cases
from tests.services.test_printing import flat, without_footers

LANGS = ("kk", "ru", "en", "kk+ru")
OTHERS = {"kk": ("ru", "en"), "ru": ("kk", "en"), "en": ("kk", "ru"), "kk+ru": ("en",)}
CHAIR, EXTRA = MEMBERS[0][3], EMPLOYEES[7][3]  # the chair's seat; case 8, extraordinary
SENIOR_INSPECTOR = EMPLOYEES[0][3]  # case 1, regular


def pdf_text(path: Path) -> str:
    """Text in reading order (no -layout): a table cell's lines stay together."""
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def own(names, lang: str) -> list[str]:
    return [getattr(names, sub) for sub in (("kk", "ru") if lang == "kk+ru" else (lang,))]


def others(names, lang: str) -> list[str]:
    return [getattr(names, sub) for sub in OTHERS[lang]]


@pytest.fixture(scope="module")
def demo_pack(tmp_path_factory) -> dict[str, dict[str, str]]:
    """The demo's pack in every language: {lang: {file part: flat text}}, and a notice."""
    from kzcommission.services.context import reset_actor
    from kzcommission.services.installation.database import close_database, open_database
    from kzcommission.services.installation.demo import create_demo

    folder = tmp_path_factory.mktemp("names")
    reset_actor()
    open_database(folder / "demo.sqlite3")
    try:
        sitting_id = create_demo()
        case_ids = {c.order + 1: c.id for c in cases.list_cases(sitting_id)}
        out: dict[str, dict[str, str]] = {}
        for lang in LANGS:
            files = printing.print_pack(sitting_id, lang, folder / lang.replace("+", "-"))
            texts = {f.name: flat(without_footers(pdf_text(f))) for f in files}
            pick = {
                part: next(t for n, t in texts.items() if part in n)
                for part in ("minutes", "case-001_", "case-008_")
            }
            path = case_documents.print_case_document(
                "characteristic", case_ids[8], lang, folder / f"c-{lang.replace('+', '-')}"
            )
            pick["characteristic"] = flat(without_footers(pdf_text(path)))
            notice = folder / f"notice-{lang}.pdf"
            notice.write_bytes(campaign.print_notice(case_ids[1], lang, issued_on=date(2024, 9, 1)))
            pick["notice"] = flat(without_footers(pdf_text(notice)))
            listed = folder / f"due-{lang}.pdf"
            listed.write_bytes(due.print_due_list(date(2024, 7, 1), lang))
            pick["due list"] = flat(without_footers(pdf_text(listed)))
            out[lang] = pick
        return out
    finally:
        close_database()


@pytest.mark.parametrize("lang", LANGS)
def test_minutes_print_the_commission_place_and_seat_titles_in_their_language(demo_pack, lang):
    minutes = demo_pack[lang]["minutes"]
    for names in (COMMISSION, SITTING_PLACE, CHAIR):
        for text in own(names, lang):
            assert flat(text) in minutes, text
        for text in others(names, lang):
            assert flat(text) not in minutes, text


@pytest.mark.parametrize("lang", LANGS)
def test_sheets_and_papers_print_the_position_in_their_language(demo_pack, lang):
    pack = demo_pack[lang]
    for part, names in (
        ("case-001_", SENIOR_INSPECTOR),
        ("case-008_", EXTRA),
        ("characteristic", EXTRA),
        ("notice", SENIOR_INSPECTOR),
        ("due list", SENIOR_INSPECTOR),
    ):
        for text in own(names, lang):
            assert flat(text) in pack[part], (part, text)
        for text in others(names, lang):
            assert flat(text) not in pack[part], (part, text)
    # The notice names the commission and the place in the document's language(s), the
    # half-year list the commission.
    for part, names in (
        ("notice", COMMISSION),
        ("notice", SITTING_PLACE),
        ("due list", COMMISSION),
    ):
        for text in own(names, lang):
            assert flat(text) in pack[part], (part, text)


def test_kk_ru_prints_each_half_in_its_own_language(demo_pack):
    """In kk+ru the Kazakh name comes first, the Russian one after it: "kk / ru"."""
    minutes = demo_pack["kk+ru"]["minutes"]
    assert flat(f"{COMMISSION.kk} / {COMMISSION.ru}") in minutes
    sheet = demo_pack["kk+ru"]["case-001_"]
    # item 4 is one sentence per language, each with its own position
    assert sheet.index(flat(SENIOR_INSPECTOR.kk)) < sheet.index(flat(SENIOR_INSPECTOR.ru))
