"""Order 13 forms against the order's own wording, in kk, ru, en and kk+ru.

Appendix 4 (the maximum score of the mandatory KPI on executing instructions,
R-EVA-2) is printed as its own form; the corps A sheet (Appendix 3) carries the
label "Результат оценки" with the three bands under it (R-EVA-3); and on every
page the page number stays clear of the footer's text (the bilingual footer is
long enough to run into it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kzcommission.documents.base import footer_rows
from kzcommission.services.evaluation import printing
from tests.documents.test_evaluation_docs import corps_a  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.usefixtures("database"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed"),
]

LANGS = ("kk", "ru", "en", "kk+ru")
FORMS = ("agreement", "sheet", "max_table", "review")
# Order 13, Appendix 1, Appendix 4 in Russian, as the seed prints it.
RU_TABLE = (
    "Таблица определения максимальной оценки в зависимости от процента реализации КЦИ по "
    "обеспечению качественного и своевременного исполнения поручений",
    "Реализация КЦИ в процентах",
    "Максимальная оценка*",
    "Примечание: Оценка определяется в зависимости от процента реализации КЦИ. Запрещена "
    "оценка, превышающая максимальное значение. При этом уполномоченное лицо вправе "
    "выставить более низкую оценку.",
)
# (percent band, maximum) rows of Appendix 4; R-EVA-2 Reading: 40-44,99, not "40-44,49".
RU_ROWS = (("100 и выше", "5"), ("95-99,99", "4,75"), ("40-44,99", "2"), ("0-4,99", "0"))
RU_SHEET = (
    "* Оценка выставляется в зависимости от процента реализации КЦИ согласно приложениям 4 и "
    "5 к настоящей Методике. При этом для КЦИ по исполнению поручений оценка не должна "
    "превышать максимальное значение. Для остальных КЦИ в допустимом диапазоне уполномоченное "
    "лицо выставляет оценку по своему усмотрению.",
    "Результат оценки",
    "(неудовлетворительно, удовлетворительно, эффективно)",
)
RESULT = {"kk": "Бағалау нәтижесі", "en": "Result of the evaluation", "ru": "Результат оценки"}
TABLE_TITLE = {
    "kk": "ең жоғары бағаны айқындау кестесі",
    "en": "Table determining the maximum score",
    "ru": RU_TABLE[0],
}


def norm(text: str) -> str:
    return " ".join(text.split())


def render(corps_a_id: int, form: str, lang: str, tmp_path: Path, artifacts: Path) -> Path:
    path = tmp_path / f"{form}_{lang.replace('+', '-')}.pdf"
    path.write_bytes(printing.corps_a_pdf(corps_a_id, form, lang))
    out = artifacts / "evaluation"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(path), str(out / f"seed_{path.stem}")], check=True
    )
    return path


def text(path: Path) -> str:
    result = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True)
    return norm(result.stdout.decode("utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_appendix_4_table(corps_a, lang, tmp_path, artifacts):  # noqa: F811
    """R-EVA-2: the mandatory KPI's maximum score for each band, as Appendix 4 prints it."""
    got = text(render(corps_a, "max_table", lang, tmp_path, artifacts))
    for sub in ("kk", "ru") if lang == "kk+ru" else (lang,):
        assert TABLE_TITLE[sub] in got
    if lang in ("ru", "kk+ru"):
        for sentence in RU_TABLE:
            assert norm(sentence) in got, sentence
    if lang == "ru":
        for band, maximum in RU_ROWS:
            assert f"{band} {maximum}" in got
    if lang == "en":
        assert "100 and above 5" in got and "95-99.99 4.75" in got and "40-44.99 2" in got
    assert "44,49" not in got and "44.49" not in got
    assert not re.search(r"\beval\.[a-z_.]+", got)


@pytest.mark.parametrize("lang", LANGS)
def test_corps_a_sheet_result_label(corps_a, lang, tmp_path, artifacts):  # noqa: F811
    """R-EVA-3: "Результат оценки ____ (неудовлетворительно, удовлетворительно, эффективно)"."""
    got = text(render(corps_a, "sheet", lang, tmp_path, artifacts))
    for sub in ("kk", "ru") if lang == "kk+ru" else (lang,):
        assert RESULT[sub] in got
    if lang == "ru":
        for sentence in RU_SHEET:
            assert norm(sentence) in got, sentence
        assert "Результат оценки: эффективно" in got
    assert not re.search(r"\beval\.[a-z_.]+", got)


def _footer_words(path: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, the boxes of the words below the frame (the footer), in points."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    pages = []
    for page in html.split("<page ")[1:]:
        words = [
            (float(a), float(b), float(c), float(d), w)
            for a, b, c, d, w in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
                page,
            )
        ]
        pages.append([w for w in words if w[1] > 770])
    return pages


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form", FORMS)
def test_page_number_clear_of_the_footer(corps_a, form, lang, tmp_path, artifacts):  # noqa: F811
    """No word of the footer overlaps another: the page number has its own place."""
    path = render(corps_a, form, lang, tmp_path, artifacts)
    for words in _footer_words(path):
        assert words
        for i, a in enumerate(words):
            for b in words[i + 1 :]:
                overlap = a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5
                overlap = overlap and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
                assert not overlap, (a, b)


def test_footer_rows_wrap_a_long_line_short_of_the_page_number():
    long = "Приказ № 13 · корпус «А» · 2025 / № 13 бұйрық · «А» корпусы · 2025 · EM-1234abcd"
    rows = footer_rows((long, "SHA-256 " + "a" * 64), 150, 400)
    assert len(rows) == 3 and " ".join(rows[:2]) == long
    assert rows[2].startswith("SHA-256")
