"""The manual's screenshots, taken from the real window in each language.

One run per language drives a secretary's first day with real keys: the first-run
screen, the roster import, the commission editor, a sitting with its attendance
and quorum banner, a vote in progress, a tie decided by the chair's casting vote,
the quorum lost, the print dialog, Preparation and Reports.
Each screen is checked for what the manual says about it before it is saved
into ``docs/manual/images/<lang>/``, so the committed manual shows the app as it is.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from kzcommission.i18n import LANGUAGES, tr, tr_count
from kzcommission.services.preparation import personnel
from kzcommission.services.sitting import cases, scorecards, sittings, voting
from kzcommission.ui.commission_editor import HOLDER, CommissionEditor
from kzcommission.ui.console import SittingConsole
from kzcommission.ui.home_page import FirstRunPage, HomePage
from kzcommission.ui.labels import option_label
from kzcommission.ui.paper_dialog import PaperDialog
from kzcommission.ui.preparation import PreparationWidget
from kzcommission.ui.reports import ReportsWidget
from kzcommission.ui.roster_dialog import RosterImportDialog
from kzcommission.ui.scorecard_panel import DECISION, GRADE, SCORE
from kzcommission.ui.sitting_dialogs import AddCaseDialog, NewSittingDialog
from tests.ui.driver import Keys, activate, click_cell, type_into_cell

# The same ten people as the end-to-end sitting; the last seat is the secretary's.
from tests.ui.test_sitting_e2e import MEMBERS, wait_dialog

K = Qt.Key
M = Qt.KeyboardModifier
CTRL_SHIFT = M.ControlModifier | M.ShiftModifier
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "manual" / "images"
SIZE = (1440, 900)  # the window's own default size (MainWindow)

COMMISSION = {
    "kk": "Астана қаласының өңірлік аттестаттау комиссиясы",
    "ru": "Региональная аттестационная комиссия города Астаны",
    "en": "Regional certification commission of Astana",
}
PLACE = {"kk": "Астана, Тәуелсіздік даңғылы, 1", "ru": "Астана, пр. Тәуелсіздік, 1"}
PLACE["en"] = "Astana, Tauelsizdik Avenue 1"
CITY = {"kk": "Астана қаласы", "ru": "город Астана", "en": "Astana"}
# The roster's header row in the interface language: the import accepts all three.
HEADER = {
    "kk": "табель нөмірі,тегі,аты,әкесінің аты,туған күні,лауазымы,тағайындалған күні,"
    "қызметке кірген күні",
    "ru": "табельный номер,фамилия,имя,отчество,дата рождения,должность,дата назначения,"
    "начало службы",
    "en": "personnel_number,surname,given_name,patronymic,birth_date,position,appointed_on,"
    "service_start",
}
POSITIONS = {
    "kk": ("Аға инспектор", "Инспектор", "Тергеуші", "Аға тергеуші", "Учаскелік инспектор"),
    "ru": (
        "Старший инспектор",
        "Инспектор",
        "Следователь",
        "Старший следователь",
        "Участковый инспектор",
    ),
    "en": (
        "Senior Inspector",
        "Inspector",
        "Investigator",
        "Senior Investigator",
        "District Inspector",
    ),
}
EMPLOYEES = (
    ("E-0001", "Әлиев", "Тимур", "Маратұлы", "1985-04-02", "2019-03-01", "2010-09-01"),
    ("E-0002", "Байжанова", "Ләззат", "Ғаниқызы", "12.07.1990", "2020-02-03", "2012-08-15"),
    ("E-0003", "Мұхаметжанов", "Серік", "Қуанышұлы", "1988-01-15", "2021-06-01", "2011-07-01"),
    ("E-0004", "Кузнецова", "Ольга", "Игоревна", "1979-11-30", "2018-01-10", "2003-09-01"),
    ("E-0005", "Есенов", "Арман", "Бекұлы", "31.02.1992", "2022-01-10", "2014-09-01"),
)
BAD_ROWS = 1  # E-0005's birth date does not exist: the import names its row and column


def roster_text(lang: str) -> str:
    rows = [HEADER[lang]]
    for (number, surname, given, patronymic, born, appointed, start), position in zip(
        EMPLOYEES, POSITIONS[lang], strict=True
    ):
        rows.append(
            ",".join((number, surname, given, patronymic, born, position, appointed, start))
        )
    return "\n".join(rows) + "\n"


def indexed(image: QImage) -> QImage:
    """The picture with the 256 colours it uses most: a screen is flat colours and
    anti-aliased text, so this looks the same at under half the bytes in the repository."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.sizeInBytes() // 4)
    values, counts = np.unique(pixels[::7], return_counts=True)  # a sample is plenty
    palette = [int(v) | 0xFF000000 for v in values[np.argsort(counts)[::-1][:256]]]
    flags = Qt.ImageConversionFlag.ThresholdDither  # nearest colour, no dither noise
    return image.convertToFormat(QImage.Format.Format_Indexed8, palette, flags)


class Shots:
    """Saves a widget's picture under the manual's images of one language."""

    def __init__(self, lang: str) -> None:
        self.folder = IMAGES / lang
        self.folder.mkdir(parents=True, exist_ok=True)
        self.saved: list[str] = []

    def __call__(self, widget: QWidget, name: str) -> None:
        path = self.folder / f"{name}.png"
        # Quality 0 is PNG's highest compression.
        assert indexed(widget.grab().toImage()).save(str(path), "PNG", 0), path
        self.saved.append(name)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_manual_screenshots(qtbot, lang_window, lang: str, tmp_path: Path, monkeypatch):
    t = lambda key, **kw: tr(key, lang, **kw)  # noqa: E731
    shot = Shots(lang)
    keys = Keys(qtbot)
    window = lang_window(lang)

    # -- first run ----------------------------------------------------------------------
    assert isinstance(window.page, FirstRunPage)
    assert window.page.form.titleLabel.text() == t("firstrun.title")
    assert window.page.form.demoButton.text() == t("firstrun.demo")
    shot(window, "first_run")

    # -- the roster (Ctrl+I): checked first, written only on Import -----------------------
    monkeypatch.chdir(tmp_path)  # the dialog names the file as chosen: no test folder shown
    Path("roster.csv").write_text(roster_text(lang), encoding="utf-8-sig")
    window.file_chooser = lambda: "roster.csv"
    keys.press(K.Key_I, M.ControlModifier, widget=window)
    dialog = wait_dialog(qtbot, window, RosterImportDialog)
    clean = len(EMPLOYEES) - BAD_ROWS
    qtbot.waitUntil(lambda: dialog.form.importCleanButton.isEnabled())
    assert dialog.form.summaryLabel.text() == t(
        "import.with_problems_counted",
        rows=tr_count("count.rows", lang, len(EMPLOYEES)),
        problems=tr_count("count.problems", lang, 1),
        bad=tr_count("count.rows_in", lang, BAD_ROWS),
        clean=tr_count("count.rows", lang, clean),
    )
    assert dialog.form.problemsTable.item(0, 0).text() == str(len(EMPLOYEES) + 1)  # + header
    assert not dialog.form.importAllButton.isEnabled()
    shot(dialog, "roster_import")
    qtbot.mouseClick(dialog.form.importCleanButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage))
    activate(qtbot, window)

    # -- the commission (Ctrl+N): regional template, the person in each seat --------------
    keys.press(K.Key_N, M.ControlModifier, widget=window)
    editor = wait_dialog(qtbot, window, CommissionEditor)
    # The name and the place in the manual's language, each in its own language's field.
    qtbot.mouseClick(editor.name_edits()[lang], Qt.MouseButton.LeftButton)
    keys.type(COMMISSION[lang])
    keys.type(CITY[lang], widget=editor.place_edits()[lang])
    keys.press(K.Key_Down, widget=editor.form.templateCombo)  # central -> regional
    qtbot.mouseClick(editor.form.applyTemplateButton, Qt.MouseButton.LeftButton)
    table = editor.form.seatsTable
    assert table.rowCount() == len(MEMBERS)
    for row, name in enumerate(MEMBERS):
        type_into_cell(qtbot, keys, table, row, HOLDER, name)
    click_cell(qtbot, table, 0, HOLDER)
    shot(editor, "commission_editor")
    keys.press(K.Key_S, M.ControlModifier, widget=table)
    qtbot.waitUntil(lambda: not editor.isVisible())
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage))
    home = window.page
    assert home.form.commissionList.item(0).text() == t(
        "main.commission_line", name=COMMISSION[lang], members=9
    )
    assert home.form.rosterCount.text() == tr_count(
        "home.roster_persons", lang, clean + len(MEMBERS)
    )
    shot(window, "home")
    window.statusBar().clearMessage()  # "N employees imported" goes after 10 s anyway

    # -- a sitting (Ctrl+T), opened (Ctrl+Shift+O), three cases (Ctrl+Shift+N) -----------
    activate(qtbot, window)
    keys.press(K.Key_T, M.ControlModifier, widget=window)
    new_sitting = wait_dialog(qtbot, window, NewSittingDialog)
    keys.type(PLACE[lang], widget=new_sitting.form.placeEdit)
    keys.press(K.Key_Return, widget=new_sitting.form.placeEdit)
    qtbot.waitUntil(lambda: isinstance(window.page, SittingConsole))
    console: SittingConsole = window.page
    activate(qtbot, console)
    keys.press(K.Key_O, CTRL_SHIFT, widget=console)
    keys.press(K.Key_N, CTRL_SHIFT, widget=console)
    adder = wait_dialog(qtbot, console, AddCaseDialog)
    for number in ("E-0001", "E-0002", "E-0003"):
        adder.form.gradeEdit.setText("2" if number == "E-0001" else "")
        keys.type(number, widget=adder.form.filterEdit)
        keys.press(K.Key_Return, widget=adder.form.filterEdit)
    keys.press(K.Key_Escape, widget=adder.form.filterEdit)
    qtbot.waitUntil(lambda: not adder.isVisible())
    activate(qtbot, console)
    ids = [c.id for c in cases.list_cases(console.sitting.id)]
    assert len(ids) == 3
    # R-DEC-3: E-0001 holds grade 2 in his personnel record, the grade at stake on his case.
    first = personnel.get_record(cases.get_case(ids[0]).person_id)
    personnel.update_record(
        first.person_id,
        position=first.position,
        grade="2",
        appointed_on=first.appointed_on,
        service_start=first.service_start,
    )

    # -- attendance (F2, then P for each row): the quorum banner --------------------------
    keys.press(K.Key_F2, widget=console)
    attendance = console.attendance.table
    for _ in MEMBERS:
        keys.press(K.Key_P, widget=attendance)
    banner = console.form.quorumLabel
    assert banner.text() == t("quorum.valid", present=9, members=9, required=6)
    shot(window, "console_attendance")

    # -- case 1: present (F5); the members' scorecards (F8), keys 1-4, 1-5 and G ---------
    keys.press(K.Key_F5, widget=console)
    ballots = console.vote.form.ballotTable
    assert ballots.hasFocus()
    keys.press(K.Key_F8, widget=console)
    cards = console.scores.table
    for column, row_keys in (
        (SCORE, (K.Key_1, K.Key_1, K.Key_2, K.Key_1, K.Key_1, K.Key_2, K.Key_1, K.Key_1, K.Key_1)),
        (DECISION, (K.Key_1,) * 9),
        (GRADE, (K.Key_G,) * 9),
    ):
        click_cell(qtbot, cards, 0, column)
        for key in row_keys:
            keys.press(key, widget=cards)
    saved = scorecards.scorecards_of(ids[0])
    assert len(saved) == 9 and {c.decision for c in saved.values()} == {"fits"}
    assert sorted(c.score for c in saved.values()).count("good") == 2
    shot(window, "console_scorecards")

    # -- the vote by name (F9), half-way ----------------------------------------------------
    keys.press(K.Key_F9, widget=console)
    assert ballots.hasFocus()
    for key in (K.Key_1, K.Key_1, K.Key_1, K.Key_1, K.Key_2):
        keys.press(key, widget=ballots)
    fits, recertify, unfit = (option_label(o, lang) for o in ("fits", "recertify", "unfit"))
    counts = f"{fits}: 4 · {recertify}: 1 · {unfit}: 0"
    assert console.vote.form.tallyLabel.text() == t("vote.tally", counts=counts, cast=5, voters=9)
    shot(window, "console_vote")
    for _ in range(4):
        keys.press(K.Key_1, widget=ballots)
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    keys.press(K.Key_1, M.AltModifier, widget=ballots)  # the grade: everyone for grade 2
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    assert cases.get_case(ids[0]).decision == "fits"
    keys.press(K.Key_Down, M.ControlModifier, widget=ballots)

    # -- case 2: one member absent, 4-4: the chair's side wins (R-VOTE-3) -----------------
    keys.press(K.Key_F2, widget=console)
    keys.press(K.Key_Up, widget=attendance)  # from the secretary's row to the ninth member
    keys.press(K.Key_A, widget=attendance)
    assert banner.text() == t("quorum.valid", present=8, members=9, required=6)
    keys.press(K.Key_F5, widget=console)
    for key in (K.Key_3,) * 4 + (K.Key_1,) * 4:  # the chair's row comes first
        keys.press(key, widget=ballots)
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    assert cases.get_case(ids[1]).decision == "unfit"
    assert voting.rounds_of(ids[1])[0].casting_vote_used
    assert t("vote.result_casting", option=unfit) in console.vote.form.resultLabel.text()
    shot(window, "console_decided")

    # -- case 3: three members leave: no quorum, the vote is blocked (R-QUO-2) -----------
    keys.press(K.Key_Down, M.ControlModifier, widget=console)
    keys.press(K.Key_F5, widget=console)
    keys.press(K.Key_F2, widget=console)
    for row in (1, 2, 3):
        click_cell(qtbot, attendance, row, 0)
        keys.press(K.Key_E, widget=attendance)
    assert banner.text() == t("quorum.lost", present=5, members=9, required=6)
    assert console.vote.form.blockedLabel.isVisibleTo(console)
    assert not ballots.isEnabled()
    keys.press(K.Key_F9, widget=console)
    shot(window, "console_no_quorum")
    keys.press(K.Key_F2, widget=console)
    for row in (1, 2, 3):
        click_cell(qtbot, attendance, row, 0)
        keys.press(K.Key_L, widget=attendance)  # back in the room
    assert sittings.quorum_state(console.sitting.id).valid and ballots.isEnabled()
    keys.press(K.Key_F9, widget=console)
    keys.press(K.Key_1, M.AltModifier, widget=console)
    keys.press(K.Key_Return, M.ControlModifier, widget=console)
    keys.press(K.Key_G, CTRL_SHIFT, widget=console)  # no grade at stake: "no grounds"
    assert cases.get_case(ids[2]).decision == "fits"

    # -- print (Ctrl+P): the language of the documents and the folder --------------------
    console.paperwork.open_folder = lambda _folder: None
    keys.press(K.Key_P, M.ControlModifier, widget=console)
    printer = wait_dialog(qtbot, console, PaperDialog)
    qtbot.waitUntil(lambda: printer.shown_page() is not None, timeout=30_000)
    choices = [printer.language.itemText(i) for i in range(printer.language.count())]
    assert choices == [t(f"print.lang.{code}") for code in ("kk", "ru", "en", "kk+ru")]
    shot(printer, "print_dialog")
    keys.press(K.Key_Escape, widget=printer.language)
    qtbot.waitUntil(lambda: not printer.isVisible())
    activate(qtbot, console)
    console.form.caseList.setFocus()

    # -- Preparation (Ctrl+2): who is due (Alt+2), the deadlines (Alt+3) -----------------
    activate(qtbot, window)
    keys.press(K.Key_2, M.ControlModifier, widget=window)
    qtbot.waitUntil(lambda: isinstance(window.page, PreparationWidget))
    window.resize(*SIZE)  # the console needed more width; these pages do not
    preparation = window.page
    qtbot.waitUntil(lambda: preparation.isAncestorOf(window.focusWidget() or window))
    keys.press(K.Key_2, M.AltModifier)
    assert preparation.tabs.currentWidget() is preparation.due
    assert preparation.due.view.rowCount() >= 1
    shot(window, "preparation_due")
    keys.press(K.Key_3, M.AltModifier)
    assert preparation.tabs.currentWidget() is preparation.deadlines
    assert preparation.deadlines.view.rowCount() > 0
    shot(window, "preparation_deadlines")

    # -- Reports (Ctrl+4): built in the background ----------------------------------------
    keys.press(K.Key_4, M.ControlModifier, widget=window)
    qtbot.waitUntil(lambda: isinstance(window.page, ReportsWidget))
    qtbot.waitUntil(lambda: window.page.report is not None, timeout=30_000)
    shot(window, "reports")

    assert len(shot.saved) == 13
