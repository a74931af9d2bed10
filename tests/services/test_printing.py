"""The print pack filled from the store: the recorded facts appear on paper (R-DOC-1..4)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from kzcommission.services.installation.demo import EMPLOYEES
from kzcommission.services.papers import printing
from kzcommission.services.preparation import personnel
from kzcommission.services.sitting import cases, recordings, scorecards, sittings, voting
from tests.services.helpers import add_employee, make_desk


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def played_sitting() -> tuple[int, int]:
    desk = make_desk(present=8)
    person = add_employee("Жұмабаев", "E-1")
    # R-ELIG-4, R-DEC-3: he applied for grade 2, the grade at stake.
    personnel.add_application(person.id, date(2025, 1, 10), "2", today=date(2025, 3, 12))
    case = cases.add_case(desk.sitting_id, person.id, "regular")
    cases.set_appearance(case.id, "present")
    cases.set_text(case.id, "questions", "Әкімшілік құқық бұзушылық туралы")
    recordings.set_recording(
        case.id, media="interview-01.mp4", sha256="a" * 64, starts_at=61.0, ends_at=1265.0
    )
    r = voting.open_round(case.id)
    for seat in desk.voting[:4]:
        voting.cast_ballot(r.id, seat, "fits")
    for seat in desk.voting[4:8]:
        voting.cast_ballot(r.id, seat, "unfit")
    voting.close_round(r.id)  # 4-4: the chair voted "fits"
    g = voting.open_round(case.id, "grade")
    voting.cast_all(g.id, "grade:2")
    voting.close_round(g.id)
    scorecards.save_scorecard(case.id, desk.voting[1], score="good", decision="fits")
    return desk.sitting_id, case.id


def test_sitting_document_carries_the_recorded_facts(database, backend):
    sitting_id, case_id = played_sitting()
    sitting = printing.sitting_document(sitting_id)
    (case,) = sitting.cases
    assert sitting.quorum.present == 8 and sitting.quorum.required == 6
    assert case.decision == "fits" and case.grade_assigned == "2"
    first = case.decision_rounds[0]
    assert first.casting_vote_used and first.counts == {"fits": 4, "recertify": 0, "unfit": 4}
    assert case.recording.start == "00:01:01" and case.recording.sha256 == "a" * 64
    assert sittings.get_sitting(sitting_id).status == "open"


def test_print_pack_writes_minutes_sheet_and_scorecards(database, tmp_path):
    sitting_id, _ = played_sitting()
    files = printing.print_pack(sitting_id, "kk", tmp_path)
    names = [f.name for f in files]
    assert any("minutes" in n for n in names) and any("sheet" in n for n in names)
    assert any("scorecards" in n for n in names)
    minutes = pdf_text(next(f for f in files if "minutes" in f.name))
    assert "Жұмабаев" in minutes and "interview-01.mp4" in minutes


def test_pack_prints_the_history_head_and_registers_every_file(
    database, tmp_path, keyring_in_memory
):
    """The minutes anchor the tamper-evident history; each file is in the register."""
    from kzcommission.services.trust import documents_registry
    from kzcommission.services.trust.history import chain_head
    from kzcommission.store import models

    sitting_id, _ = played_sitting()
    head = chain_head(models.Sitting.get_by_id(sitting_id).uuid)
    assert len(head) == 64
    files = printing.print_pack(sitting_id, "en", tmp_path)
    minutes = pdf_text(next(f for f in files if "minutes" in f.name)).replace("\n", " ")
    assert head[:32] in minutes.replace(" ", "")
    issued = models.IssuedDocument.select().where(models.IssuedDocument.sitting == sitting_id)
    assert sorted(d.file_name for d in issued) == sorted(f.name for f in files)
    for document in issued:
        assert documents_registry.lookup(document.digest)


def test_a_sitting_with_nobody_marked_present_prints_a_draft(database, tmp_path):
    """Before the roll call the minutes have only the secretary's signature line, and
    printing still works (R-DOC-1: lines only for those present; the secretary always)."""
    from kzcommission.services.installation.demo import create_demo

    sitting_id = create_demo()
    files = printing.print_pack(sitting_id, "ru", tmp_path)
    minutes = next(p for p in files if "minutes" in p.name)
    text = pdf_text(minutes)
    assert "Сейітқали" in text and text.count("_" * 22) == 1
    assert "Секретарь комиссии" in text[text.index("_" * 22) - 200 :]


# --- A finished sitting on paper (R-DOC-1, R-DOC-2, R-DOC-4 Readings; R-DOC-7) -------------

LANGS = ("kk", "ru", "en", "kk+ru")


def flat(text: str) -> str:
    return "".join(text.split())


def without_footers(text: str) -> str:
    """The pages' text without each page's two footer lines (id and page, SHA-256), so a
    paragraph that runs on to the next page reads as one."""
    pages = []
    for page in text.split("\f"):
        lines = page.rstrip().split("\n")
        pages.append("\n".join(lines[:-2] if len(lines) > 2 else lines))
    return "\n".join(pages)


def subs(lang: str) -> tuple[str, ...]:
    return ("kk", "ru") if lang == "kk+ru" else (lang,)


def finished_and_left() -> int:
    """The finished demo; then, an hour after the decisions, four members leave (the
    quorum at print time is 5 of 9: missing) and the head decides on case 1 (R-DOC-7)."""
    from datetime import date, datetime, timedelta

    from kzcommission.services.preparation import commissions
    from kzcommission.services.sitting import followup
    from kzcommission.store import models
    from tests.services.finished_sitting import finish_demo

    sitting_id = finish_demo()
    case_ids = {c.order + 1: c.id for c in cases.list_cases(sitting_id)}
    seats = [s.id for s in commissions.get_commission(1).voting_seats]
    scorecards.save_scorecard(
        case_ids[1],
        seats[1],
        score="excellent",
        decision="fits",
        grade="grade:2",
        grade_grounds="Meets the qualification requirements of grade 2",
    )
    scorecards.save_scorecard(
        case_ids[2],
        seats[8],
        score="satisfactory",
        decision="unfit",
        grade="no_grade",
        grade_grounds="Less than a year in the position",
    )
    later = datetime.now() + timedelta(hours=1)
    for seat in seats[5:]:
        sittings.mark_attendance(sitting_id, seat, "left", at=later)
    followup.record_head_decision(case_ids[1], date.today(), "15-к", "approved")
    assert models.Case.get_by_id(case_ids[1]).decided_at < later
    return sitting_id


@pytest.mark.parametrize("lang", LANGS)
def test_finished_sitting_pack_prints_the_facts_as_decided(database, tmp_path, lang):
    """R-DOC-1/2/4 Readings, R-DOC-7: what each form prints of a finished sitting."""
    from datetime import date

    from kzcommission.documents.wording import Wording
    from kzcommission.domain.service_length import service_length
    from kzcommission.i18n import tr, tr_count
    from kzcommission.store import models

    sitting_id = finished_and_left()
    files = printing.print_pack(sitting_id, lang, tmp_path)
    texts = {f.name: pdf_text(f) for f in files}
    w = Wording(lang)

    def text_of(part: str) -> str:
        (name,) = [n for n in texts if part in n]
        return flat(without_footers(texts[name]))

    def has(text: str, *needles: str) -> None:
        for needle in needles:
            assert flat(needle) in text, f"{needle!r} missing"

    # No raw catalogue key and no bare rule id on any page.
    for name, text in texts.items():
        assert "doc." not in text and "R-SIT" not in text, name
    # R-DOC-1 Reading: no sheet from this sitting for a postponed case (7: R-SIT-3, 11: R-SIT-5).
    assert not any("case-007" in n or "case-011" in n for n in texts)
    assert sum("_sheet_" in n for n in texts) == 10

    sheet = text_of("case-001")
    has(
        sheet,
        w.text(
            "doc.sheet.item4_value",
            position=EMPLOYEES[0][3],  # each language's own (test_print_names.py)
            date=w.date(date(2018, 3, 1)),
            grade="2",
        ),
        # Items 5 and 6: lengths of service to the sitting's date (17.09.2024).
        w.service(service_length(date(2010, 9, 1), date(2024, 9, 17))),
        w.service(service_length(date(2018, 3, 1), date(2024, 9, 17))),
        w.option("fits"),
        "15-к",  # R-DOC-7: the head's decision once recorded
    )
    for sub in subs(lang):
        # Item 10: the nine present when the case was decided, not the five at print time.
        has(sheet, tr_count("doc.sheet.item10", sub, 9))
        has(sheet, tr("doc.sheet.adopted", sub))
    has(text_of("case-003"), *(tr("doc.minutes.casting_vote", s) for s in subs(lang)))
    fifth = models.Case.get((models.Case.sitting == sitting_id) & (models.Case.order == 4))
    has(text_of("case-005"), w.text("doc.ground.R-SIT-4", sex=fifth.person.sex), w.option("unfit"))
    xsheet = text_of("case-008")
    has(xsheet, "Құқықтану", "полициямайоры")
    for sub in subs(lang):
        has(xsheet, tr("doc.xsheet.title", sub))

    minutes = text_of("minutes")
    for sub in subs(lang):
        assert flat(tr("doc.minutes.quorum_missing", sub)) not in minutes
        quorum_then = flat(tr("doc.minutes.quorum", sub, members=9, present=9, required=6))
        assert minutes.count(quorum_then) == 10  # each decided case, as it stood then
        has(minutes, tr("doc.minutes.absence_reason", sub))
    # R-DOC-6: each ground agrees with the sex of its case's person ("аттестуемая").
    cases = models.Case.select().where(models.Case.sitting == sitting_id)
    sex = {c.order + 1: c.person.sex for c in cases}
    restricted = next(c.order + 1 for c in cases if c.restricted)
    has(
        minutes,
        w.text("doc.ground.R-SIT-3.regular", sex=sex[7]),
        w.text("doc.ground.R-SIT-5.first", sex=sex[11]),
        w.text("doc.ground.R-DEC-5", sex=sex[restricted]),
        w.text("doc.ground.R-SIT-4", sex=sex[5]),
    )
    # Rounds in the order held: case 4's two decision rounds, case 1's decision before grade.
    case1 = minutes[minutes.index(flat("Әлиев Тимур")) :]
    first = flat(w.text("doc.minutes.round_decision", number=1))
    grade = flat(w.text("doc.minutes.round_grade", number=1))
    assert case1.index(first) < case1.index(grade)
    assert minutes.count(flat("Recorder CAM-1, card 3, file 12")) == 1
    # Signatures: the nine members present at some time and the secretary (never marked).
    raw = texts[next(n for n in texts if "minutes" in n)]
    assert raw.count("_" * 22) == 10 and "Әбенова" in raw[raw.rindex("_" * 22) - 300 :]

    # R-DOC-4 Reading: scorecards dated the sitting's day, with the grade opinion recorded.
    card = text_of("member-02")
    assert card.count(flat(w.date(date(2024, 9, 17)))) >= 2
    assert flat(w.date(date.today())) not in card
    has(card, f"2 ({w.grade_words('2')})", "Meets the qualification requirements of grade 2")
    has(text_of("member-09"), w.text("doc.yes"), "Less than a year in the position")


def test_an_acting_deputy_is_named_where_he_voted(database, tmp_path):
    """R-COMP-3 with R-DOC-1 Reading: the deputy who sat votes and is present under his name."""
    desk = make_desk(present=7)
    deputy = add_employee("Орынбасаров", "D-1")
    seat = desk.voting[7]
    sittings.mark_attendance(desk.sitting_id, seat, "present", acting_person_id=deputy.id)
    case = cases.add_case(desk.sitting_id, add_employee("Жұмабаев", "E-1").id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    voting.cast_all(r.id, "fits")
    voting.close_round(r.id)
    (doc_case,) = printing.sitting_document(desk.sitting_id).cases
    assert "Орынбасаров Case" in doc_case.present and len(doc_case.present) == 8
    assert "Орынбасаров Case" in doc_case.rounds[0].ballots
