"""The follow-up view of a finalized sitting (issue 21), driven by keys: minutes signed
(R-DL-6), familiarised (R-DL-7), the head's decision (R-DOC-7), an appeal filed and
decided (R-DOC-8) with re-certification offered by R-ELIG-6; each entry checked in
the database and its history, the deadline states around a Kazakhstan holiday (R-DL-9)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kzcommission.documents.pack import pack_jobs, render_job
from kzcommission.domain.workdays import is_working_day
from kzcommission.services.papers import printing
from kzcommission.services.sitting import cases, followup
from kzcommission.store import models
from kzcommission.store.models import Appeal, CaseStep, HeadDecision
from kzcommission.ui.followup_dialog import FollowupDialog
from kzcommission.ui.followup_entries import EntryDialog
from tests.conftest import ARTIFACTS
from tests.services.finished_sitting import finish_on_paper
from tests.ui.driver import Keys, activate

Mod = Qt.KeyboardModifier
K = Qt.Key
HOLIDAY = date(2024, 10, 25)  # Republic Day, a Friday: no working day (R-DL-9)
COLUMN = {"minutes": 3, "communicate": 4, "head": 5, "appeal": 6}


@pytest.fixture
def sitting_id(database):
    return finish_on_paper()


def shown(qtbot, sitting: int, today: date, lang: str = "en") -> FollowupDialog:
    view = FollowupDialog(lang, sitting, today=today)
    qtbot.addWidget(view)
    view.resize(1366 - 16, 768 - 40)
    view.show()
    qtbot.waitExposed(view)
    activate(qtbot, view)
    return view


def entry(qtbot, view: FollowupDialog) -> EntryDialog:
    qtbot.waitUntil(lambda: isinstance(view.dialog, EntryDialog) and view.dialog.isVisible())
    dialog = view.dialog
    activate(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    return dialog


def closed(qtbot, view: FollowupDialog, dialog: EntryDialog) -> None:
    """The form closed and the lines have the keys again."""
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(view.isActiveWindow)


def type_fields(keys: Keys, *texts: str) -> None:
    """Type each text into a field of the form, Tab between them."""
    for index, text in enumerate(texts):
        if index:
            keys.press(K.Key_Tab)
        keys.type(text)


def cell(view: FollowupDialog, row: int, column: str) -> str:
    return view.table.item(row, COLUMN[column]).text()


def history(action: str) -> list[models.HistoryEntry]:
    return list(models.HistoryEntry.select().where(models.HistoryEntry.action == action))


def first_case(sitting: int) -> int:
    return cases.list_cases(sitting)[0].id


def test_every_entry_by_keys(qtbot, sitting_id):
    """R-DL-6/R-DL-7, R-DOC-7, R-DOC-8, R-ELIG-6: each entry saved by keys, in its history."""
    case_id = first_case(sitting_id)
    view = shown(qtbot, sitting_id, date(2024, 11, 20))
    keys = Keys(qtbot)
    assert view.lines[0].case_id == case_id and view.table.currentRow() == 0

    # Esc cancels: nothing recorded.
    keys.press(K.Key_M, Mod.ControlModifier, widget=view.table)
    dialog = entry(qtbot, view)
    keys.type("23.10.2024")
    keys.press(K.Key_Escape)
    closed(qtbot, view, dialog)
    assert not CaseStep.select().where(CaseStep.case == case_id).exists()

    # Minutes signed, Enter saves (the anchor of R-DL-7 under Order 880).
    keys.press(K.Key_M, Mod.ControlModifier, widget=view.table)
    entry(qtbot, view)
    keys.type("23.10.2024")
    keys.press(K.Key_Return)
    closed(qtbot, view, view.dialog)
    step = CaseStep.get((CaseStep.case == case_id) & (CaseStep.step == "minutes"))
    assert step.done_on == date(2024, 10, 23)
    assert cell(view, 0, "minutes") == "R-DL-7 · 23.10.2024 · done"
    # The minutes are one document: every decided case of the sitting has them signed.
    signed = CaseStep.select().where(CaseStep.step == "minutes")
    assert {s.case_id for s in signed} == {line.case_id for line in view.lines}
    assert len(view.lines) > 1 and {s.done_on for s in signed} == {date(2024, 10, 23)}

    # Familiarised before the minutes were signed: refused in the form, nothing saved.
    keys.press(K.Key_F, Mod.ControlModifier, widget=view.table)
    dialog = entry(qtbot, view)
    keys.type("22.10.2024")
    keys.press(K.Key_Return)
    assert dialog.isVisible() and "R-DL-7" in dialog.error.text()
    assert not CaseStep.select().where(CaseStep.step == "communicate").exists()
    dialog.on.selectAll()
    keys.type("29.10.2024", widget=dialog.on)
    keys.press(K.Key_Return, widget=dialog.on)
    closed(qtbot, view, dialog)
    step = CaseStep.get((CaseStep.case == case_id) & (CaseStep.step == "communicate"))
    assert step.done_on == date(2024, 10, 29)
    # 3 working days after 23.10 with the holiday 25.10 skipped: due 29.10, met.
    assert cell(view, 0, "communicate") == "R-DL-7 · 29.10.2024 · done"
    assert len(history("campaign.step")) == len(view.lines) + 1  # minutes per case, then one

    # The head's decision: date, order number, text; Ctrl+Enter saves.
    keys.press(K.Key_D, Mod.ControlModifier, widget=view.table)
    dialog = entry(qtbot, view)
    type_fields(keys, "01.11.2024", "15-к", "Approved")
    keys.press(K.Key_Return, Mod.ControlModifier)
    closed(qtbot, view, dialog)
    head = HeadDecision.get(HeadDecision.case == case_id)
    assert (head.decided_on, head.order_number, head.text) == (
        date(2024, 11, 1),
        "15-к",
        "Approved",
    )
    (logged,) = history("followup.head_decision")
    assert '"15-к"' in logged.after
    assert cell(view, 0, "head") == "R-DOC-7 · Approved; № 15-к, 01.11.2024"

    # Appeal filed, then decided: order cancelled, re-certification offered (R-ELIG-6).
    keys.press(K.Key_A, Mod.ControlModifier, widget=view.table)
    dialog = entry(qtbot, view)
    type_fields(keys, "05.11.2024", "The Rules were violated")
    keys.press(K.Key_Return, Mod.ControlModifier)
    closed(qtbot, view, dialog)
    appeal = Appeal.get(Appeal.case == case_id)
    assert (appeal.filed_on, appeal.text, appeal.outcome) == (
        date(2024, 11, 5),
        "The Rules were violated",
        "pending",
    )
    assert cell(view, 0, "appeal") == "R-DOC-8 · filed 05.11.2024"

    keys.press(K.Key_A, Mod.ControlModifier | Mod.ShiftModifier, widget=view.table)
    dialog = entry(qtbot, view)
    assert dialog.outcome.hasFocus()
    keys.press(K.Key_Down)  # rejected -> cancelled
    keys.press(K.Key_Tab)
    type_fields(keys, "15.11.2024", "Procedure breached")
    keys.press(K.Key_Return)
    closed(qtbot, view, dialog)
    appeal = Appeal.get_by_id(appeal.id)
    assert (appeal.outcome, appeal.outcome_on, appeal.outcome_note) == (
        "cancelled",
        date(2024, 11, 15),
        "Procedure breached",
    )
    assert len(history("followup.appeal")) == len(history("followup.appeal_outcome")) == 1
    (waiting,) = [w for w in followup.recertification_due() if w.case_id == case_id]
    assert (waiting.reason, waiting.earliest) == ("appeal", date(2024, 12, 17))  # R-ELIG-6
    assert cell(view, 0, "appeal") == (
        "R-DOC-8 · filed 05.11.2024; order cancelled 15.11.2024\n"
        "R-ELIG-6 · re-certification from 17.12.2024, in the waiting list"
    )
    # In the waiting list of the Preparation tab, and due for re-certification (R-ELIG-6).
    from kzcommission.services.preparation import due
    from kzcommission.ui.preparation.waiting_page import WaitingPage

    waiting_page = WaitingPage("en")
    qtbot.addWidget(waiting_page)
    waiting_page.refresh()
    rows = [
        [waiting_page.view.item(r, c).text() for c in range(5)]
        for r in range(waiting_page.view.rowCount())
    ]
    person = view.lines[0].person_name
    assert [person, "17.09.2024", "order cancelled on appeal", "17.12.2024", "R-ELIG-6"] in rows
    person_id = models.Case.get_by_id(case_id).person_id
    (listed,) = due.due_list(date(2024, 12, 20), [person_id])
    assert (listed.reason, listed.rule_id) == ("recertification", "R-ELIG-6")
    view.close()


def test_deadline_states_around_a_holiday(qtbot, sitting_id):
    """R-DL-7 (Order 880: from the minutes signed) and R-DL-9: the minutes signed on
    Wednesday 23.10.2024, Friday 25.10 is Republic Day, so the results are due on
    Tuesday 29.10: due soon on Monday 28.10, overdue on Wednesday 30.10; an extraordinary
    case's minutes (R-DL-6) and results (R-DL-7, Decree 490: from the decision) overdue
    three working days after its decision."""
    assert not is_working_day(HOLIDAY)
    case_id = first_case(sitting_id)
    followup.sign_minutes(case_id, date(2024, 10, 23), today=date(2024, 10, 23))
    expected = {
        date(2024, 10, 28): ("R-DL-7 · due 29.10.2024 · due soon", "due_soon"),
        date(2024, 10, 30): ("R-DL-7 · due 29.10.2024 · overdue", "overdue"),
    }
    for today, (text, state) in expected.items():
        view = shown(qtbot, sitting_id, today)
        assert cell(view, 0, "communicate") == text
        item = view.table.item(0, COLUMN["communicate"])
        assert item.data(Qt.ItemDataRole.UserRole) == state
        extraordinary = [i for i, line in enumerate(view.lines) if line.kind == "extraordinary"]
        # Decided on Tuesday 17.09.2024: minutes due Friday 20.09.2024 (R-DL-6).
        assert cell(view, extraordinary[0], "minutes") == "R-DL-6 · due 20.09.2024 · overdue"
        # R-DL-7 as corrected: Decree 490 counts from the decision, minutes signed or not.
        assert cell(view, extraordinary[0], "communicate") == "R-DL-7 · due 20.09.2024 · overdue"
        view.close()


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(out.stdout.decode("utf-8").split())


def sheet_of(sitting: int, case_id: int, lang: str, tmp_path: Path) -> str:
    """The certification sheet of one case (regular or extraordinary form) as text."""
    uuid = models.Case.get_by_id(case_id).uuid
    for _stem, doc, payload in pack_jobs(printing.sitting_document(sitting)):
        if doc in ("sheet", "xsheet") and payload[1].case_uuid == uuid:
            return pdf_text(render_job(doc, payload, lang), tmp_path)
    raise AssertionError(f"no sheet for case {case_id}")


def record_head(qtbot, view: FollowupDialog, row: int, day: str, order: str, text: str):
    keys = Keys(qtbot)
    view.table.selectRow(row)
    keys.press(K.Key_D, Mod.ControlModifier, widget=view.table)
    dialog = entry(qtbot, view)
    keys.type(day)
    keys.press(K.Key_Tab)
    dialog.order.selectAll()
    keys.type(order)
    keys.press(K.Key_Tab)
    dialog.text.selectAll()
    keys.type(text)
    return dialog, keys


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_head_decision_from_the_view_prints_on_both_sheets(qtbot, sitting_id, tmp_path, lang):
    """R-DOC-7: recorded through the view, printed on the regular (Order 880) and the
    extraordinary (Decree 490) sheet with its order number and date."""
    from kzcommission.i18n import tr

    view = shown(qtbot, sitting_id, date(2024, 11, 20), lang)
    rows = {line.kind: i for i, line in reversed(list(enumerate(view.lines)))}
    for kind, order in (("regular", "15-к"), ("extraordinary", "77-ж")):
        dialog, keys = record_head(qtbot, view, rows[kind], "01.11.2024", order, "Келісілді")
        keys.press(K.Key_Return, Mod.ControlModifier)
        closed(qtbot, view, dialog)
        text = sheet_of(sitting_id, view.lines[rows[kind]].case_id, lang, tmp_path)
        label = " ".join(tr("doc.sheet.head_decision", lang).split())
        assert label in text
        assert f"Келісілді, № {order}, 01.11.2024" in text
    view.close()


def test_changing_a_printed_head_decision_needs_a_reason(qtbot, sitting_id, tmp_path):
    """R-DOC-7: once the sheet carrying it was printed, a change is an amendment-like act
    with its reason in the history; the sheet prints the current decision with its date."""
    view = shown(qtbot, sitting_id, date(2024, 11, 20))
    case_id = view.lines[0].case_id
    dialog, keys = record_head(qtbot, view, 0, "01.11.2024", "15-к", "Approved")
    keys.press(K.Key_Return, Mod.ControlModifier)
    closed(qtbot, view, dialog)
    printing.print_pack(sitting_id, "en", tmp_path / "pack")
    assert followup.head_decision_printed(case_id)

    dialog, keys = record_head(qtbot, view, 0, "04.11.2024", "16-к", "Approved as amended")
    assert dialog.needs_reason
    keys.press(K.Key_Return, Mod.ControlModifier)
    assert dialog.isVisible() and "R-DOC-7" in dialog.error.text()
    assert HeadDecision.get(HeadDecision.case == case_id).order_number == "15-к"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(ARTIFACTS / "followup_head_amend.png"))
    assert dialog.reason.hasFocus()  # the field at fault, to be filled in
    keys.type("Typing error in the order number")
    keys.press(K.Key_Return, Mod.ControlModifier)
    closed(qtbot, view, dialog)
    assert HeadDecision.get(HeadDecision.case == case_id).order_number == "16-к"
    (amended,) = history("followup.head_decision.amend")
    assert '"15-к"' in amended.before and "Typing error" in amended.after
    text = sheet_of(sitting_id, case_id, "en", tmp_path)
    assert "Approved as amended, № 16-к, 04.11.2024" in text and "15-к" not in text
    view.close()


def test_the_view_fits_the_small_screen_and_is_pictured(qtbot, sitting_id):
    """1366x768: every column in sight without a horizontal scroll bar; the picture kept."""
    followup.sign_minutes(first_case(sitting_id), date(2024, 10, 23), today=date(2024, 10, 23))
    view = shown(qtbot, sitting_id, date(2024, 10, 28))
    table = view.table
    header = table.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(table.columnCount())) <= (
        table.viewport().width() + 1
    )
    assert view.frameGeometry().width() <= 1366 and view.frameGeometry().height() <= 768
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert view.grab().save(str(ARTIFACTS / "followup_view.png"))
    view.close()


def test_opened_from_the_console_and_the_preparation_page(qtbot, window, sitting_id):
    """Ctrl+Shift+U: from the console of the finalized sitting, and from the deadline
    page on a line of that sitting."""
    from kzcommission.ui.preparation import PreparationWidget

    window.open_sitting(sitting_id)
    console = window.page
    activate(qtbot, window)
    console.form.caseList.setFocus()
    keys = Keys(qtbot)
    keys.press(K.Key_U, Mod.ControlModifier | Mod.ShiftModifier, widget=console.form.caseList)
    qtbot.waitUntil(lambda: isinstance(console.dialog, FollowupDialog))
    assert console.dialog.sitting.id == sitting_id and len(console.dialog.lines) == 10
    assert console.paperwork.buttons["followup"].isVisibleTo(console)
    console.dialog.close()

    page = PreparationWidget("en")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    activate(qtbot, page)
    page.show_page(2)
    deadlines = page.deadlines
    deadlines.today.set_value(date(2024, 10, 30))
    deadlines.refresh()
    deadlines.view.selectRow(0)
    keys.press(K.Key_U, Mod.ControlModifier | Mod.ShiftModifier, widget=deadlines.view)
    qtbot.waitUntil(lambda: isinstance(getattr(deadlines, "dialog", None), FollowupDialog))
    assert deadlines.dialog.sitting.id == sitting_id
    assert deadlines.dialog.today == date(2024, 10, 30)
    deadlines.dialog.close()


def test_a_chair_sees_the_follow_up_but_records_nothing(qtbot, sitting_id):
    """The matrix: followup.view for the chair, followup.record only for the secretary
    (and the administrator); the refusal is said in the form, nothing is saved."""
    from kzcommission.services.context import Actor, reset_actor, set_actor

    set_actor(Actor(name="chair", role="chair"))
    try:
        view = shown(qtbot, sitting_id, date(2024, 11, 20))
        assert len(view.lines) == 10
        keys = Keys(qtbot)
        keys.press(K.Key_M, Mod.ControlModifier, widget=view.table)
        dialog = entry(qtbot, view)
        keys.type("23.10.2024")
        keys.press(K.Key_Return)
        assert (
            dialog.isVisible()
            and "may not do this: recording what follows the sitting" in dialog.error.text()
        )
        assert not CaseStep.select().exists()
        dialog.reject()
        set_actor(Actor(name="member", role="member"))
        view.refresh()
        assert "may not do this: viewing what follows the sitting" in view.status.text()
        assert view.table.rowCount() == 0
        view.close()
    finally:
        reset_actor()


def test_case_files_attach_open_detach_by_keys(qtbot, sitting_id, tmp_path, monkeypatch):
    """A scan attached from disk with its SHA-256 (read off the UI thread), opened, and
    detached with a reason kept in the history; a file over the limit is refused unread."""
    import hashlib

    from kzcommission.services.preparation import campaign
    from kzcommission.store.models import CaseFile
    from kzcommission.ui.case_files_dialog import CaseFilesDialog

    view = shown(qtbot, sitting_id, date(2024, 11, 20))
    case_id = view.lines[0].case_id
    keys = Keys(qtbot)
    keys.press(K.Key_O, Mod.ControlModifier, widget=view.table)
    qtbot.waitUntil(lambda: isinstance(view.dialog, CaseFilesDialog))
    files = view.dialog
    activate(qtbot, files)
    scan = tmp_path / "appeal-scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the appeal" * 1000)
    files.choose_file = lambda: str(scan)
    opened: list[Path] = []
    files.open_file = lambda path: opened.append(path)
    files.step.setCurrentIndex(files.step.findData(campaign.APPEAL))
    files.table.setFocus()
    keys.press(K.Key_Insert, widget=files.table)
    qtbot.waitUntil(lambda: files.table.rowCount() == 1)
    row = CaseFile.get(CaseFile.case == case_id)
    assert (row.file_name, row.step, row.size) == ("appeal-scan.pdf", "appeal", scan.stat().st_size)
    assert row.sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert "appeal-scan.pdf is attached" in files.status.text()

    keys.press(K.Key_Return, widget=files.table)
    assert opened and opened[0].read_bytes() == scan.read_bytes()

    monkeypatch.setattr(campaign, "MAX_FILE_BYTES", 1024 * 1024)
    big = tmp_path / "big.pdf"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024)
    files.choose_file = lambda: str(big)
    keys.press(K.Key_Insert, widget=files.table)
    assert "at most 1 MB" in files.status.text() and files.task is None
    assert CaseFile.select().count() == 1
    assert files.grab().save(str(ARTIFACTS / "followup_files.png"))

    keys.press(K.Key_Delete, widget=files.table)
    qtbot.waitUntil(lambda: getattr(files, "dialog", None) is not None)
    ask = files.dialog
    activate(qtbot, ask)
    keys.type("Attached to the wrong case")
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: files.table.rowCount() == 0)
    assert not CaseFile.select().exists()
    (gone,) = history("campaign.file.detach")
    assert "appeal-scan.pdf" in gone.before and "wrong case" in gone.after
    files.close()
    view.close()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_manual_picture_of_the_view(qtbot, sitting_id, lang):
    """The manual's picture (docs/manual/<lang>/followup.md), at 1366x768 in each language:
    one case followed through, the others as they stand, every column in sight."""
    from tests.ui.test_manual_screenshots import Shots

    case_id = first_case(sitting_id)
    followup.sign_sitting_minutes(case_id, date(2024, 10, 23), today=date(2024, 10, 23))
    followup.familiarise(case_id, date(2024, 10, 25 + 3), today=date(2024, 10, 28))
    followup.record_head_decision(case_id, date(2024, 11, 1), "15-к", "Келісілді")
    appeal = followup.file_appeal(case_id, date(2024, 11, 5), "")
    followup.decide_appeal(appeal.id, "cancelled", date(2024, 11, 15))
    view = shown(qtbot, sitting_id, date(2024, 10, 28), lang)
    table = view.table
    header = table.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(table.columnCount())) <= (
        table.viewport().width() + 1
    )
    assert "R-ELIG-6" in cell(view, 0, "appeal")
    Shots(lang)(view, "followup")
    view.close()


def test_every_key_the_view_composes_is_in_every_catalogue():
    """The keys made up at run time (columns, actions, steps, outcomes) in kk, ru and en."""
    from kzcommission.domain.appeals import APPEAL_OUTCOMES
    from kzcommission.i18n import LANGUAGES, catalogue
    from kzcommission.ui import followup_dialog
    from kzcommission.ui.case_files_dialog import STEPS

    composed = {f"fu.col.{c}" for c in followup_dialog.COLUMNS}
    composed |= {f"fu.action.{a}" for a in ("minutes", "communicate", "head", "appeal")}
    composed |= {f"fu.action.{a}" for a in ("outcome", "files", "refresh")}
    composed |= {f"fu.saved.{s}" for s in ("minutes", "communicate", "head", "appeal", "outcome")}
    composed |= {"fu.minutes.title", "fu.communicate.title"}
    composed |= {f"fu.files.step.{s}" for s in STEPS}
    composed |= {f"fu.appeal.{o}" for o in APPEAL_OUTCOMES}
    composed |= {f"fu.files.col.{c}" for c in ("name", "step", "size", "added", "sha")}
    reference = {k for k in catalogue("en") if k.startswith("fu.")}
    assert composed <= reference
    for lang in LANGUAGES:
        mine = catalogue(lang)
        assert not sorted(k for k in reference if k not in mine), lang
        assert all(mine[k].strip() for k in reference), lang


def test_an_appeal_filed_with_its_scan_by_keys(qtbot, sitting_id, tmp_path):
    """R-DOC-8: the appeal filed with its date, text and the scan of the paper (Alt+B
    chooses it); once the appeal is saved the scan joins the case's files (step
    "appeal") with its SHA-256, read off the UI thread; a path that is no file is
    refused in the form and nothing is saved."""
    import hashlib

    from kzcommission.store.models import CaseFile
    from kzcommission.ui.case_files_dialog import CaseFilesDialog

    view = shown(qtbot, sitting_id, date(2024, 11, 20))
    case_id = view.lines[0].case_id
    scan = tmp_path / "жалоба-скан.pdf"
    scan.write_bytes(b"%PDF-1.4 the appeal on paper" * 500)
    keys = Keys(qtbot)
    keys.press(K.Key_A, Mod.ControlModifier, widget=view.table)
    form = entry(qtbot, view)
    type_fields(keys, "05.11.2024", "The Rules were violated")
    form.scan.setText(str(tmp_path / "missing.pdf"))
    keys.press(K.Key_Return, Mod.ControlModifier)
    assert "missing.pdf" in form.error.text() and form.isVisible()
    assert not Appeal.select().exists()
    form.choose_file = lambda: str(scan)
    keys.press(K.Key_B, Mod.AltModifier)
    assert form.scan.text() == str(scan)
    keys.press(K.Key_Return, Mod.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(view.dialog, CaseFilesDialog))
    files = view.dialog
    qtbot.waitUntil(lambda: files.task is None and files.table.rowCount() == 1)
    (appeal,) = Appeal.select().where(Appeal.case == case_id)
    assert (appeal.filed_on, appeal.text) == (date(2024, 11, 5), "The Rules were violated")
    row = CaseFile.get(CaseFile.case == case_id)
    assert (row.file_name, row.step) == ("жалоба-скан.pdf", "appeal")
    assert row.sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    files.close()


def test_a_chosen_file_gone_before_it_is_read_is_said_in_the_language(qtbot, sitting_id, tmp_path):
    """A file chosen and then moved away is refused in words, nothing attached, no crash."""
    from kzcommission.store.models import CaseFile
    from kzcommission.ui.case_files_dialog import CaseFilesDialog

    view = shown(qtbot, sitting_id, date(2024, 11, 20), "ru")
    keys = Keys(qtbot)
    keys.press(K.Key_O, Mod.ControlModifier, widget=view.table)
    qtbot.waitUntil(lambda: isinstance(view.dialog, CaseFilesDialog))
    files = view.dialog
    files.choose_file = lambda: str(tmp_path / "перемещён.pdf")
    files.attach()
    assert "«перемещён.pdf» не читается" in files.status.text()
    assert files.task is None and not CaseFile.select().exists()
    files.close()
