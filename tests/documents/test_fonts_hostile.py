"""Every Kazakh letter in every font style, embedded fonts, and hostile data."""

from __future__ import annotations

import dataclasses
import subprocess

import pytest
from reportlab.platypus import Paragraph

from kzcommission.documents.base import Renderer, styles
from kzcommission.documents.data import RoundDoc
from kzcommission.documents.fonts import FONT_FILES, SANS, SERIF
from kzcommission.documents.minutes import MinutesRenderer
from kzcommission.documents.scorecard import ScorecardRenderer
from kzcommission.documents.sheet_regular import RegularSheetRenderer

from .conftest import KAZAKH_LETTERS, LANGS, flat, pdf_text, save_artifacts

ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


class AlphabetRenderer(Renderer):
    """Each registered face, once by name and once through <b>/<i> markup."""

    doc_key = "doc.minutes.title_short"

    def identity(self, data):
        return "test", "T-alphabet", {"letters": ALPHABET}

    def story(self, data):
        out = []
        for letters in (ALPHABET, ALPHABET.upper()):
            out += [
                Paragraph(f'<font name="{face}">{letters}</font>', self.st["body"])
                for face in FONT_FILES
            ]
            for family in (SERIF, SANS):
                for markup in ("{}", "<b>{}</b>", "<i>{}</i>", "<b><i>{}</i></b>"):
                    text = markup.format(letters)
                    out.append(Paragraph(f'<font name="{family}">{text}</font>', self.st["body"]))
        return out


def test_every_kazakh_letter_in_every_style_is_extracted_and_embedded(tmp_path):
    pdf = AlphabetRenderer("kk").render(None)
    save_artifacts(pdf, "alphabet")
    text = pdf_text(pdf, tmp_path)
    lines = [line.strip() for line in text.splitlines()]
    for letters in (ALPHABET, ALPHABET.upper()):
        assert lines.count(letters) == len(FONT_FILES) + 8
    assert set(KAZAKH_LETTERS + KAZAKH_LETTERS.upper()) <= set(text)
    path = tmp_path / "alphabet.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts}
    assert names == set(FONT_FILES)
    for line in fonts:  # columns: name type encoding emb sub uni ...
        assert line.split()[-5:-2] == ["yes", "yes", "yes"], line  # embedded, subset, unicode


LONG_NAME = ("Әлімжанов-Ғабдуллаұлы Qасым Nurlan-Жақсылық Ivanov-Петров-Өтебай " * 5)[:300]
COMMENTS = " ".join(
    f"Ескерту {i}: қызметкер Ұлытау облысында Һ-бөлімде жұмыс істеді; Latin word{i}; Кириллица."
    for i in range(80)
)[:5000]


@pytest.fixture(scope="module")
def hostile(sitting):
    base = sitting.cases[1]  # the three-round case
    assert len(base.rounds) == 3
    voters = list(base.rounds[0].ballots)
    renamed = {voters[0]: LONG_NAME}
    rounds = tuple(
        dataclasses.replace(r, ballots={renamed.get(k, k): v for k, v in r.ballots.items()})
        for r in base.rounds
    )
    case = dataclasses.replace(
        base,
        person_name="O'Brien-Құрманғазы <Jr.> & Son Ñandú Ысқақов",
        comments=COMMENTS,
        education=COMMENTS[:1200],
        rounds=rounds,
        presiding=renamed.get(base.presiding, base.presiding),  # the chair presided (R-VOTE-4)
        opinion='«Келіспеймін» — "disagree" <b>',
        scorecards=(
            dataclasses.replace(base.scorecards[0], member=LONG_NAME, decision_grounds=COMMENTS),
        ),
    )
    composition = tuple(
        dataclasses.replace(m, name=LONG_NAME) if m.sitter == voters[0] else m
        for m in sitting.composition
    )
    return dataclasses.replace(sitting, cases=(case,), composition=composition)


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_data_renders_with_all_text_present(lang, hostile, tmp_path):
    case = hostile.cases[0]
    stem = lang.replace("+", "-")
    minutes = MinutesRenderer(lang).render(hostile)
    sheet = RegularSheetRenderer(lang).render((hostile, case))
    card = ScorecardRenderer(lang).render_many([(hostile, case, case.scorecards[0])])
    save_artifacts(sheet, f"hostile_sheet_{stem}")
    save_artifacts(minutes, f"hostile_minutes_{stem}")
    for pdf in (minutes, sheet, card):
        raw = flat(pdf_text(pdf, tmp_path, layout=False, body=True))
        assert flat(COMMENTS) in raw
        assert flat(case.person_name) in raw
    assert flat(LONG_NAME) in flat(pdf_text(sheet, tmp_path, layout=False))
    assert flat(case.opinion) in flat(pdf_text(sheet, tmp_path, layout=False))


def test_many_rounds_and_voters_outside_the_composition(sitting, tmp_path):
    """More rounds than fit one table, and a ballot by a name not in the composition."""
    case = sitting.cases[0]
    extra = tuple(
        RoundDoc(
            "decision", n, ("fits", "unfit"), {"Stranger Ұлан": "fits"}, {"fits": 1, "unfit": 0}
        )
        for n in range(2, 8)
    )
    odd = dataclasses.replace(case, rounds=case.rounds + extra)
    text = pdf_text(
        MinutesRenderer("en").render(dataclasses.replace(sitting, cases=(odd,))), tmp_path
    )
    assert "Stranger Ұлан" in text and "round 7" in text


def test_styles_are_built_once():
    assert styles() is styles()
