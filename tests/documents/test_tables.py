"""Tables on paper: no word is broken inside ("Председател|ь"); reasons in words (R-DOC-1)."""

from __future__ import annotations

import dataclasses

import pytest

from kzcommission.documents.base import FRAME_WIDTH
from kzcommission.documents.blocks import fit_widths
from kzcommission.documents.data import Recusal
from kzcommission.documents.minutes import MinutesRenderer
from kzcommission.i18n import catalogue, tr

from .conftest import LANGS, flat, pdf_text

# The longest position titles a commission of Decree 490's compositions carries.
POSITIONS = (
    "Қазақстан Республикасы Ішкі істер министрлігінің Әкімшілік полиция комитетінің төрағасы",
    "Заместитель Генерального Прокурора Республики Казахстан",
    "Deputy Chairman of the Anti-Corruption Agency (Anti-Corruption Service)",
    "Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі төрағасының орынбасары",
)


def test_fit_widths_keeps_every_column_at_its_longest_word():
    widths = fit_widths((8, 44, 48, 21, 36), (20, 60, 70, 95, 80))
    assert widths[3] >= 95 - 1e-6 and all(
        w >= f - 1e-6 for w, f in zip(widths, (20, 60, 70, 95, 80), strict=True)
    )
    assert sum(widths) == pytest.approx(FRAME_WIDTH)
    # Columns with room keep the proportions asked for, among themselves.
    assert widths[1] / widths[2] == pytest.approx(44 / 48, rel=0.2)


def test_fit_widths_scales_floors_that_cannot_fit():
    widths = fit_widths((1, 1), (FRAME_WIDTH, FRAME_WIDTH))
    assert widths == pytest.approx([FRAME_WIDTH / 2, FRAME_WIDTH / 2])


@pytest.mark.parametrize("lang", LANGS)
def test_minutes_tables_break_no_word(lang, sitting, tmp_path):
    """Roles, positions and vote labels wrap between words only, in every language."""
    seats = tuple(
        dataclasses.replace(m, position=POSITIONS[i % len(POSITIONS)])
        for i, m in enumerate(sitting.composition)
    )
    case = sitting.cases[0]
    own = dataclasses.replace(case, recusals=(Recusal(seats[1].sitter, "R-SIT-6"),))
    doc = dataclasses.replace(sitting, composition=seats, cases=(own, *sitting.cases[1:3]))
    text = pdf_text(MinutesRenderer(lang).render(doc), tmp_path, layout=False)
    words = set(text.split())
    subs = ("kk", "ru") if lang == "kk+ru" else (lang,)
    wanted = [w for title in POSITIONS for w in title.split()]
    for sub in subs:
        for key in ("doc.role.chair", "doc.role.member", "doc.role.secretary"):
            wanted += tr(key, sub).split()
        wanted += tr("option.fits", sub).split() + tr("option.no_grade", sub).split()
    # A word broken inside leaves its head as a token of its own ("Председател").
    # Punctuation ends a word ("№ 880)." in a catalogue text is the word "880").
    whole = {w.strip("(),;:.") for w in wanted}
    whole |= {w.strip("(),;:.") for sub in subs for v in catalogue(sub).values() for w in v.split()}
    heads = {w[:i]: w for w in whole for i in range(3, len(w))}
    broken = sorted(f"{t}|{heads[t][len(t) :]}" for t in words - whole if t in heads)
    assert not broken, f"words broken inside in {lang}: {broken}"
    # R-SIT-6 recusal: the reason in words, not the rule id.
    assert "R-SIT-6" not in text
    for sub in subs:
        assert flat(tr("doc.reason.R-SIT-6", sub)) in flat(text)
