"""The personal-file extract (R-DOC-7) of a finished, finalized demo sitting, read back with
pdftotext in kk, ru, en and kk+ru (R-DOC-6): the person, the sitting, the decision as the
sheet words it, and what followed as recorded: the head's decision with its order number
and date (or the line saying it is not recorded yet), familiarisation (R-DL-7) and the
appeal (R-DOC-8). One page in every language; refused where there is nothing to extract;
printed by the CLI and registered like every issued document.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from kzcommission import cli
from kzcommission.documents.base import document_digest
from kzcommission.documents.summary import SummaryRenderer
from kzcommission.i18n import tr, tr_sex
from kzcommission.services.context import Actor, reset_actor, set_actor
from kzcommission.services.errors import PermissionDenied, ServiceError
from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.papers import case_documents, paper, printing
from kzcommission.services.sitting import followup
from kzcommission.services.trust.documents_registry import lookup_file
from kzcommission.store import models
from tests.documents.conftest import flat, pdf_text, save_artifacts
from tests.services.finished_sitting import finish_demo, finish_on_paper

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler missing")

LANGS = ("kk", "ru", "en", "kk+ru")
REGULAR, BY_RULE, POSTPONED, EXTRAORDINARY = 1, 5, 7, 8  # case numbers of the demo sitting
# The head's order of 1 November 2024, as each language words it (R-DOC-6: the Kazakh
# date takes the attributive ending).
ORDER_15 = {
    "kk": "2024 жылғы 1 қарашадағы № 15-к бұйрық",
    "ru": "приказ № 15-к от 1 ноября 2024 г.",
    "en": "order No. 15-к of 1 November 2024",
}
ORDER_16 = {
    "kk": "2024 жылғы 4 қарашадағы № 16-к бұйрық",
    "ru": "приказ № 16-к от 4 ноября 2024 г.",
    "en": "order No. 16-к of 4 November 2024",
}


def parts(lang: str) -> tuple[str, ...]:
    return ("kk", "ru") if lang == "kk+ru" else (lang,)


@pytest.fixture
def sitting_id(tmp_path):
    reset_actor()
    open_database(tmp_path / "desk.sqlite3")
    yield finish_on_paper()  # finalized, decided on the sitting's day (17.09.2024)
    reset_actor()
    close_database()


def case_id(sitting: int, number: int) -> int:
    return case_documents.case_by_number(sitting, number)


def extract(case: int, lang: str, tmp_path: Path, artifact: str = "") -> str:
    """The extract as text, without its page footers."""
    pdf, _digest = case_documents.render_case_document("summary", case, lang)
    if artifact:
        save_artifacts(pdf, artifact)
    return flat(pdf_text(pdf, tmp_path, layout=False, body=True))


def pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])


@pytest.mark.parametrize("lang", LANGS)
def test_head_decision_not_recorded_then_recorded_then_changed(sitting_id, lang, tmp_path):
    """R-DOC-7: before the head's decision, the line saying so; once recorded through the
    follow-up service, its text, order number and date; after a change (an amendment-like
    act once printed, with its reason), the decision in force and its date only."""
    case = case_id(sitting_id, REGULAR)
    before = extract(case, lang, tmp_path)
    for sub in parts(lang):
        assert flat(tr("doc.sheet.head_decision", sub)) in before
        assert flat(tr("doc.summary.not_recorded", sub)) in before
        assert flat(ORDER_15[sub]) not in before

    followup.record_head_decision(case, date(2024, 11, 1), "15-к", "Келісілді")
    recorded = extract(case, lang, tmp_path, f"summary_{lang.replace('+', '-')}")
    for sub in parts(lang):
        assert flat(ORDER_15[sub]) in recorded
    assert flat("Келісілді") in recorded
    # Nothing else of this case is recorded yet: the minutes' line still says so, the head's
    # does not (the count of "not recorded" drops by one).
    for sub in parts(lang):
        none = flat(tr("doc.summary.not_recorded", sub))
        assert recorded.count(none) == before.count(none) - 1

    # Printed (the extract carries the decision), so a change needs its reason.
    case_documents.print_case_document("summary", case, lang, tmp_path / "out")
    assert followup.head_decision_printed(case)
    with pytest.raises(ServiceError) as refused:
        followup.record_head_decision(case, date(2024, 11, 4), "16-к", "Келісілді, өзгертілді")
    assert refused.value.rule_id == "R-DOC-7"
    followup.record_head_decision(
        case, date(2024, 11, 4), "16-к", "Келісілді, өзгертілді", reason="Бұйрық нөмірі қате"
    )
    changed = extract(case, lang, tmp_path)
    for sub in parts(lang):
        assert flat(ORDER_16[sub]) in changed
    assert "15-к" not in changed and flat("Келісілді, өзгертілді") in changed


@pytest.mark.parametrize("lang", LANGS)
def test_what_the_extract_says_of_the_person_the_sitting_and_what_followed(
    sitting_id, lang, tmp_path
):
    """The person and position in the document's language (names fallback: an English
    print with no English unit takes the Russian one), the sitting, the decision and the
    grade in figures and words (Order 880), familiarisation (R-DL-7) and the appeal
    (R-DOC-8) with their dates; one page."""
    case = case_id(sitting_id, REGULAR)
    person = models.Case.get_by_id(case).person
    models.Person.update(unit_en="").where(models.Person.id == person.id).execute()
    followup.sign_minutes(case, date(2024, 10, 23), today=date(2024, 10, 23))
    followup.familiarise(case, date(2024, 10, 28), today=date(2024, 10, 28))
    followup.record_head_decision(case, date(2024, 11, 1), "15-к", "Келісілді")
    appeal = followup.file_appeal(case, date(2024, 11, 5), "The Rules were violated")
    followup.decide_appeal(appeal.id, "cancelled", date(2024, 11, 15))
    pdf, _digest = case_documents.render_case_document("summary", case, lang)
    assert pages(pdf, tmp_path) == 1
    text = flat(pdf_text(pdf, tmp_path, layout=False, body=True))
    expected = {
        "kk": (
            "Аға инспектор",
            "Астана қаласы Полиция департаменті",
            "2024 жылғы 17 қыркүйектегі № 1",
            "атқаратын лауазымына сәйкес келеді",
            "2 (екі)",
            "2024 жылғы 28 қазан",
            "2024 жылғы 5 қарашада берілді",
            "2024 жылғы 15 қарашада бұйрық жойылды, қайта аттестаттау тағайындалды",
        ),
        "ru": (
            "Старший инспектор",
            "Департамент полиции города Астаны",
            "№ 1 от 17 сентября 2024 г.",
            "соответствует занимаемой должности",
            "2 (два)",
            "28 октября 2024 г.",
            "подана 5 ноября 2024 г.",
            "приказ отменен 15 ноября 2024 г., назначена повторная аттестация",
        ),
        "en": (
            "Senior Inspector",
            "Департамент полиции города Астаны",  # no English unit: Russian, then Kazakh
            "No. 1 of 17 September 2024",
            "fits the position held",
            "2 (two)",
            "28 October 2024",
            "filed on 5 November 2024",
            "the order cancelled on 15 November 2024, re-certification scheduled",
        ),
    }
    assert flat("Әлиев Тимур Маратұлы") in text
    for sub in parts(lang):
        for phrase in expected[sub]:
            if lang == "kk+ru" and phrase.startswith("2 ("):
                phrase = "2 (екі / два)"  # the grade in words in both languages
            assert flat(phrase) in text, (sub, phrase)
        assert flat(tr("doc.familiarisation.officer", sub)) in text
        assert flat(tr("doc.summary.kept_880", sub)) in text
    assert "doc." not in text and "summary." not in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_decision_by_rule_prints_its_ground_as_the_sheet_does(sitting_id, lang, tmp_path):
    """R-SIT-4: an unexcused absence; the ground in words with its legal reference, no
    grade line; an extraordinary case (Decree 490) has no grade line either."""
    text = extract(case_id(sitting_id, BY_RULE), lang, tmp_path)
    for sub in parts(lang):
        assert flat(tr_sex("doc.ground.R-SIT-4", sub, "m")) in text  # Есенов Арман Бекұлы
        assert flat(tr("doc.minutes.grade", sub)) not in text
    extraordinary = extract(case_id(sitting_id, EXTRAORDINARY), lang, tmp_path)
    for sub in parts(lang):
        assert flat(tr("option.fits_promote", sub)) in extraordinary
        assert flat(tr("doc.minutes.grade", sub)) not in extraordinary
        assert flat(tr("doc.summary.kept", sub)) in extraordinary


def test_refused_where_there_is_nothing_to_extract(sitting_id, tmp_path):
    """R-DOC-7: a postponed case has no decision; nothing written, nothing registered."""
    with pytest.raises(ServiceError) as refused:
        case_documents.print_case_document(
            "summary", case_id(sitting_id, POSTPONED), "kk", tmp_path / "out"
        )
    assert (refused.value.rule_id, refused.value.key) == ("R-DOC-7", "summary_undecided")
    assert not (tmp_path / "out").exists()
    assert not models.IssuedDocument.select().exists()


def test_refused_before_the_sitting_is_finalized(tmp_path):
    reset_actor()
    open_database(tmp_path / "open.sqlite3")
    try:
        sitting = finish_demo()
        case = case_id(sitting, REGULAR)
        with pytest.raises(ServiceError) as refused:
            case_documents.summary_doc(case)
        assert (refused.value.rule_id, refused.value.key) == ("R-DOC-7", "summary_not_finalized")
        # Neither the pack nor the case's papers offer it yet.
        assert "summary" not in [d.document for d in paper.sitting_paper(sitting).documents]
        assert "summary" not in [d.document for d in paper.case_paper(case).documents]
    finally:
        close_database()


def test_who_may_print_it_follows_the_sheet(sitting_id, tmp_path):
    """The permission matrix: documents.print, as for the certification sheet."""
    case = case_id(sitting_id, REGULAR)
    for role in ("member", "viewer"):
        set_actor(Actor(name=role, role=role))
        with pytest.raises(PermissionDenied):
            case_documents.render_case_document("summary", case, "kk")
        with pytest.raises(PermissionDenied):
            printing.sitting_document(sitting_id)  # the sheet: the same refusal
    set_actor(Actor(name="chair", role="chair"))
    assert case_documents.render_case_document("summary", case, "kk")[0].startswith(b"%PDF")
    reset_actor()


def test_the_pack_offers_each_extract_and_issues_the_chosen(sitting_id, tmp_path):
    """The print dialog's pack of a finalized sitting lists one extract per decided case
    (not the postponed ones); one chosen is written and registered with its case."""
    pack = paper.sitting_paper(sitting_id)
    extracts = [d for d in pack.documents if d.document == "summary"]
    assert [d.case_number for d in extracts] == [1, 2, 3, 4, 5, 6, 8, 9, 10, 12]
    chosen = extracts[0]
    assert pack.render(chosen.key, "kk+ru").startswith(b"%PDF")
    (written,) = pack.issue([chosen.key], "ru", tmp_path / "out")
    assert written.name == f"{chosen.key}_ru.pdf"
    (issued,) = lookup_file(hashlib.sha256(written.read_bytes()).hexdigest())
    assert (issued.kind, issued.case_id) == ("summary", case_id(sitting_id, 1))
    case = paper.case_paper(case_id(sitting_id, 1))
    assert [d.document for d in case.documents] == ["sheet", "familiarisation", "summary"]


def test_cli_prints_the_extract(sitting_id, tmp_path, capsys):
    """kzcommission print SITTING --only summary --case N --lang kk+ru: written, registered
    with the digest of what it prints; an undecided case refused with exit code 1."""
    db = Path(models.database.obj.database)
    followup.record_head_decision(case_id(sitting_id, REGULAR), date(2024, 11, 1), "15-к")
    out = tmp_path / "cli"
    args = ["--db", str(db), "print", str(sitting_id), "--out", str(out), "--only", "summary"]
    assert cli.main([*args, "--case", str(REGULAR), "--lang", "kk+ru"]) == 0
    (printed,) = [Path(line) for line in capsys.readouterr().out.split("\n") if line.strip()]
    assert printed.name.startswith("sitting-1_case-001_") and printed.name.endswith(
        "_summary_kk-ru.pdf"
    )
    text = flat(pdf_text(printed.read_bytes(), tmp_path, layout=False))
    assert flat(ORDER_15["kk"]) in text and flat(ORDER_15["ru"]) in text
    (issued,) = lookup_file(hashlib.sha256(printed.read_bytes()).hexdigest())
    data = case_documents.summary_doc(case_id(sitting_id, REGULAR))
    assert issued.digest == document_digest(SummaryRenderer("kk").identity(data)[2])
    assert cli.main([*args, "--case", str(POSTPONED)]) == 1
    assert "no decision yet" in capsys.readouterr().err


@pytest.mark.parametrize("lang", LANGS)
def test_the_fullest_extract_keeps_to_one_page(sitting_id, lang, tmp_path):
    """A decision by restriction (R-DEC-5, the longest ground), every step recorded, a long
    head's decision and two appeals, one rejected and one waiting: still one page, the two
    appeals in the order filed."""
    case = case_id(sitting_id, 12)
    followup.sign_minutes(case, date(2024, 10, 23), today=date(2024, 10, 23))
    followup.familiarise(case, date(2024, 10, 28), today=date(2024, 10, 28))
    followup.record_head_decision(
        case,
        date(2024, 11, 1),
        "15-к",
        "Келісілді. Аттестаттау комиссиясының шешімі бекітілсін, қызметкер төмендетілсін",
    )
    first = followup.file_appeal(case, date(2024, 11, 5), "")
    followup.decide_appeal(first.id, "rejected", date(2024, 11, 15))
    followup.file_appeal(case, date(2024, 11, 20), "")
    pdf, _digest = case_documents.render_case_document("summary", case, lang)
    assert pages(pdf, tmp_path) == 1
    text = flat(pdf_text(pdf, tmp_path, layout=False, body=True))
    rejected = {
        "kk": "2024 жылғы 15 қарашада қабылданбады",
        "ru": "отклонена 15 ноября 2024 г.",
        "en": "rejected on 15 November 2024",
    }
    for sub in parts(lang):
        assert flat(tr_sex("doc.ground.R-DEC-5", sub, "f")) in text  # Ахметова Үміт
        pending = flat(tr("doc.summary.appeal.pending", sub))
        assert text.index(flat(rejected[sub])) < text.index(pending)
