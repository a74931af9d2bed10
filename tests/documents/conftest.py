"""Shared sample data and PDF helpers for the documents tests.

A realistic 9-member commission (chair included) with a secretary, a public
member, attendance changes, a recusal, a casting vote and a three-round case;
names in Kazakh, Russian and Latin letters (tests/documents/sample.py).
"""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from kzcommission.documents.data import CharacteristicDoc, FamiliarisationDoc, NoticeDoc
from kzcommission.documents.fonts import register_fonts
from kzcommission.domain.kinds import Kind
from tests.documents.sample import sample_sitting

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "documents"
LANGS = ("kk", "ru", "en", "kk+ru")
KAZAKH_LETTERS = "әғқңөұүһі"


@pytest.fixture(scope="session", autouse=True)
def _fonts() -> None:
    register_fonts()


@pytest.fixture(scope="session")
def sitting():
    return sample_sitting(5)


@pytest.fixture(scope="session")
def characteristic() -> CharacteristicDoc:
    return CharacteristicDoc(
        case_uuid="0a1b2c3d-0000-4000-8000-000000000004",
        person_name="Ысқақов Дәурен Һадиұлы",
        position="Аудандық полиция бөлімінің бастығы",
        appointment_date=date(2020, 6, 1),
        rank="полиция подполковнигі",
        duties="Бөлімнің жедел-қызметтік қызметін ұйымдастырды; азаматтардың өтініштерін қарады.",
        knowledge="Стратегиялық құжаттарды біледі, ақпараттық жүйелерді қолданады.",
        legality="Тәртіптік жазалары жоқ. Әдеп кодексін сақтайды.",
        personal_qualities="Ұстамды, көшбасшылық қасиеттері бар, өзін-өзі жетілдіреді.",
        unit_results="Қылмыстың ашылуы 12 пайызға өсті; сыбайлас жемқорлық фактілері жоқ.",
        overall="Атқаратын лауазымына сәйкес келеді, жоғары лауазымға ұсынылуы мүмкін.",
        author_name="Сейітқали Бақытжан Ержанұлы",
        author_position="Полиция департаментінің бастығы",
        author_rank="полиция генерал-майоры",
        drawn_up_on=date(2024, 4, 20),
    )


@pytest.fixture(scope="session")
def notice() -> NoticeDoc:
    return NoticeDoc(
        notice_id="7c1e0b52-notice",
        person_name="Қасымов Ерлан Әлібекұлы",
        position="Учаскелік полиция инспекторы",
        organisation="Астана қаласының Полиция департаменті",
        kind=Kind.REGULAR,
        certification_date=date(2024, 5, 15),
        place="Астана қ., 305-кабинет",
        issued_on=date(2024, 4, 10),
        officer_name="Байжанова Айгүл Төлегенқызы",
        officer_position="Кадр бөлімшесінің аға инспекторы",
    )


@pytest.fixture(scope="session")
def familiarisation() -> FamiliarisationDoc:
    return FamiliarisationDoc(
        case_uuid="0a1b2c3d-0000-4000-8000-000000000001",
        person_name="Қасымов Ерлан Әлібекұлы",
        position="Учаскелік полиция инспекторы",
        kind=Kind.REGULAR,
        sitting_number="12/2024",
        sitting_date=date(2024, 5, 15),
        minutes_signed_on=date(2024, 5, 16),
        decision="fits",
        grade_assigned="2",
        officer_name="Байжанова Айгүл Төлегенқызы",
        officer_position="Кадр бөлімшесінің аға инспекторы",
    )


def pdf_text(pdf: bytes, tmp_path: Path, layout: bool = True, body: bool = False) -> str:
    """The text of a PDF as pdftotext extracts it; ``body``: without the page footers."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
    if body:  # crop each page above the footer (points at 72 dpi; the footer is 26 mm)
        args += ["-x", "0", "-y", "0", "-W", "595", "-H", "765"]
    args += [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    """Text with every run of white space removed, for checks across line breaks."""
    return re.sub(r"\s+", "", text)


def save_artifacts(pdf: bytes, stem: str) -> Path:
    """Keep the PDF and its PNG pages (60 dpi) under tests/artifacts/documents/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{stem}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(ARTIFACTS / stem)], check=True)
    return path
