"""Each form in each language: the extracted text carries the facts (R-DOC-1..6)."""

from __future__ import annotations

import pytest
from num2words import num2words

from kzcommission.documents.characteristic import CharacteristicRenderer
from kzcommission.documents.familiarisation import FamiliarisationRenderer
from kzcommission.documents.minutes import MinutesRenderer
from kzcommission.documents.notice import NoticeRenderer
from kzcommission.documents.scorecard import ScorecardRenderer
from kzcommission.documents.sheet_extraordinary import ExtraordinarySheetRenderer
from kzcommission.documents.sheet_regular import RegularSheetRenderer
from kzcommission.documents.wording import Wording
from kzcommission.domain.kinds import Kind
from kzcommission.i18n import tr, tr_count, tr_sex

from .conftest import KAZAKH_LETTERS, LANGS, flat, pdf_text, save_artifacts

N2W = {"kk": "kz", "ru": "ru", "en": "en"}


def langs_of(lang: str) -> tuple[str, ...]:
    return ("kk", "ru") if lang == "kk+ru" else (lang,)


def assert_has(text: str, *needles: str) -> None:
    body = flat(text)
    for needle in needles:
        assert flat(needle) in body, f"{needle!r} not in the extracted text"


def assert_kazakh(text: str) -> None:
    """The sample names carry every Kazakh letter; they must survive extraction."""
    assert set(KAZAKH_LETTERS) <= set(text.lower())


@pytest.mark.parametrize("lang", LANGS)
def test_minutes(lang, sitting, tmp_path):
    """R-DOC-1: attendance times, quorum numbers, votes by name, signatures of those present."""
    pdf = MinutesRenderer(lang).render(sitting)
    save_artifacts(pdf, f"minutes_{lang.replace('+', '-')}")
    text = pdf_text(pdf, tmp_path)
    assert_kazakh(text)
    # The commission's name in the document's language(s) (issue 15 item 6).
    assert_has(text, Wording(lang).name(sitting.commission_name), "12/2024", "10:40", "12:30")
    for case in sitting.cases:
        assert_has(text, case.person_name)
    q = sitting.cases[0].quorum  # R-DOC-1 Reading: the quorum when the case was decided
    for sub in langs_of(lang):
        assert_has(text, tr("doc.minutes.quorum", sub, members=9, present=q.present, required=6))
        assert_has(text, tr("doc.minutes.casting_vote", sub), tr("doc.minutes.runoff", sub))
        assert_has(text, tr("option.fits_promote", sub))
        assert_has(text, tr("doc.minutes.round_grade", sub, number=1))
        assert_has(text, num2words(2, lang=N2W[sub]))
    three = sitting.cases[1]  # the three-round case: a 3-3-1 split, then a runoff
    assert len(three.rounds) == 3
    first = three.rounds[0]
    w = Wording(lang)
    assert_has(text, "; ".join(f"{w.option(o)} — {first.counts[o]}" for o in first.options))
    assert_has(text, three.recording.sha256, three.recording.start, three.recording.end)
    # Signature lines only for those present (R-DOC-1): the absent member has none.
    signatures = text[text.rfind(tr("doc.minutes.signatures", langs_of(lang)[0])) :]
    assert "Нұрпейісова" not in signatures
    assert "Ахметов" in signatures and "Байжанова" in signatures


@pytest.mark.parametrize("lang", LANGS)
def test_regular_sheet(lang, sitting, tmp_path):
    """R-DOC-2: items 1-14, counts of items 10-12 from the vote; R-DOC-6: the grade in words
    in the document's language (and each language of the bilingual layout)."""
    case = sitting.cases[0]
    pdf = RegularSheetRenderer(lang).render((sitting, case))
    save_artifacts(pdf, f"sheet_regular_{lang.replace('+', '-')}")
    text = pdf_text(pdf, tmp_path)
    assert_has(text, case.person_name, "☒")
    decision, grade = case.rounds
    w = Wording(lang)
    assert_has(text, f"{w.text('doc.sheet.votes.fits')}: {decision.counts['fits']}")
    assert_has(text, f"{w.text('doc.sheet.votes.recertify')}: {decision.counts['recertify']}")
    assert_has(text, f"{w.text('doc.sheet.votes.no_grade')}: {grade.counts['no_grade']}")
    for sub in langs_of(lang):
        assert_has(text, tr_count("doc.sheet.item10", sub, case.members_present))
        assert_has(text, num2words(2, lang=N2W[sub]), tr("doc.stamp", sub))
        familiarised = tr_sex("doc.sheet.familiarised", sub, case.person_sex)  # R-DOC-6
        assert_has(text, familiarised, tr("doc.sheet.head_decision", sub))
    assert_kazakh(text)


@pytest.mark.parametrize("lang", LANGS)
def test_repeat_sheet_marks_repeat(lang, sitting, tmp_path):
    case = next(c for c in sitting.cases if c.kind == Kind.REPEAT)
    text = pdf_text(RegularSheetRenderer(lang).render((sitting, case)), tmp_path)
    assert_has(text, case.person_name, f"{Wording(lang).text('doc.kind.repeat_short')} – ☒")


@pytest.mark.parametrize("lang", LANGS)
def test_extraordinary_sheet(lang, sitting, tmp_path):
    """R-DOC-3: Decree 490 Appendix 3, decision item 7."""
    case = next(c for c in sitting.cases if c.kind == Kind.EXTRAORDINARY)
    pdf = ExtraordinarySheetRenderer(lang).render((sitting, case))
    save_artifacts(pdf, f"sheet_extraordinary_{lang.replace('+', '-')}")
    text = pdf_text(pdf, tmp_path)
    assert_has(text, case.person_name, case.rank, case.specialty)
    for sub in langs_of(lang):
        assert_has(text, tr("option.fits_promote", sub), tr("doc.xsheet.item8", sub))
    assert_kazakh(text)


@pytest.mark.parametrize("lang", LANGS)
def test_scorecards(lang, sitting, tmp_path):
    """R-DOC-4: one card per member per case; several cards per file, one per page."""
    cards = [(sitting, case, card) for case in sitting.cases[:2] for card in case.scorecards]
    pdf = ScorecardRenderer(lang).render_many(cards)
    save_artifacts(pdf, f"scorecards_{lang.replace('+', '-')}")
    text = pdf_text(pdf, tmp_path)
    assert text.count("\f") == len(cards)  # one page per card
    raw = pdf_text(pdf, tmp_path, layout=False)  # names in table cells, column by column
    for _, case, card in cards:
        assert_has(raw, card.member, case.person_name)
    for sub in langs_of(lang):
        assert_has(text, tr(f"score.{cards[0][2].score}", sub), tr("option.fits", sub))
    assert_kazakh(text)


@pytest.mark.parametrize("lang", LANGS)
def test_characteristic(lang, characteristic, tmp_path):
    """R-DOC-5: six sections; section 5 only for leaders."""
    pdf = CharacteristicRenderer(lang).render(characteristic)
    save_artifacts(pdf, f"characteristic_{lang.replace('+', '-')}")
    text = pdf_text(pdf, tmp_path)
    assert_has(
        text, characteristic.person_name, characteristic.unit_results, characteristic.overall
    )
    sub = langs_of(lang)[0]
    assert_has(text, tr("doc.characteristic.section5", sub))
    from dataclasses import replace

    plain = replace(characteristic, unit_results=None)
    text = pdf_text(CharacteristicRenderer(lang).render(plain), tmp_path)
    assert flat(tr("doc.characteristic.section5", sub)) not in flat(text)
    assert_has(text, tr("doc.characteristic.section6", sub))


@pytest.mark.parametrize("lang", LANGS)
def test_notice(lang, notice, tmp_path):
    """R-DL-1: the notice names the date and place, with a receipt line."""
    pdf = NoticeRenderer(lang).render(notice)
    save_artifacts(pdf, f"notice_{lang.replace('+', '-')}")
    text = pdf_text(pdf, tmp_path)
    assert_has(text, notice.person_name, notice.place)
    for sub in langs_of(lang):
        assert_has(text, tr("date.month.5", sub), tr("doc.notice.received", sub))


@pytest.mark.parametrize("lang", LANGS)
def test_familiarisation(lang, familiarisation, tmp_path):
    """R-DL-7: decision and grade, copy of the sheet received, signature line."""
    pdf = FamiliarisationRenderer(lang).render(familiarisation)
    save_artifacts(pdf, f"familiarisation_{lang.replace('+', '-')}")
    text = pdf_text(pdf, tmp_path)
    assert_has(text, familiarisation.person_name)
    for sub in langs_of(lang):
        assert_has(
            text,
            tr("option.fits", sub),
            tr("doc.familiarisation.copy", sub),
            num2words(2, lang=N2W[sub]),
        )
