"""The print pack filled from the store: the recorded facts appear on paper (R-DOC-1..4)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kzcommission.services import cases, printing, recordings, scorecards, sittings, voting
from tests.services.helpers import add_employee, make_desk


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def played_sitting() -> tuple[int, int]:
    desk = make_desk(present=8)
    person = add_employee("Жұмабаев", "E-1")
    case = cases.add_case(desk.sitting_id, person.id, "regular", candidate_grade="2")
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
    from kzcommission.services import documents_registry
    from kzcommission.services.history import chain_head
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
    from kzcommission.services.demo import create_demo

    sitting_id = create_demo()
    files = printing.print_pack(sitting_id, "ru", tmp_path)
    minutes = next(p for p in files if "minutes" in p.name)
    text = pdf_text(minutes)
    assert "Сейітқали" in text and text.count("_" * 22) == 1
    assert "Секретарь комиссии" in text[text.index("_" * 22) - 200 :]
