"""The wired-in screens and the sitting's paperwork, driven with real keys.

Ctrl+2/3/4 reach preparation, evaluation and reports (Ctrl+1 back to the sitting,
Ctrl+H home); Ctrl+P prints the pack, Ctrl+Shift+F finalizes, Ctrl+E exports,
Ctrl+Shift+I imports; F1 lists every key in every language.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from kzcommission import i18n
from kzcommission.i18n import LANGUAGES, tr
from kzcommission.services.errors import LockedError
from kzcommission.services.installation import backups
from kzcommission.services.sitting import cases, scorecards, sittings, voting
from kzcommission.ui.console import SittingConsole
from kzcommission.ui.evaluation import EvaluationWidget
from kzcommission.ui.exchange_dialogs import PackageReportDialog
from kzcommission.ui.home_page import HomePage
from kzcommission.ui.paper_dialog import PaperDialog
from kzcommission.ui.preparation import PreparationWidget
from kzcommission.ui.reports import ReportsWidget
from kzcommission.ui.shortcuts import GLOBAL, KEYMAP, ShortcutsDialog
from tests.services.helpers import add_employee, make_desk
from tests.ui.driver import Keys, activate

K = Qt.Key
M = Qt.KeyboardModifier
CTRL_SHIFT = M.ControlModifier | M.ShiftModifier
ROOT = Path(__file__).resolve().parents[2]
NEW_MODULES = (
    "sitting_actions",
    "print_dialog",
    "paper_dialog",
    "paper_print",
    "exchange_dialogs",
    "main_window",
    "app",
    "chair_review",
    "chair_actions",
    "room_display",
    "changed_elsewhere",
    "amendments_dialog",
    "followup_dialog",
    "followup_entries",
    "case_files_dialog",
)


def played_sitting() -> int:
    """A small open sitting of 5 members, all present, one case decided unanimously."""
    desk = make_desk(members=5)
    person = add_employee("Жұмабаев", "E-1", grade="2")  # R-DEC-3: his grade 2 at stake
    case = cases.add_case(desk.sitting_id, person.id, "regular")
    cases.set_appearance(case.id, "present")
    cases.set_text(case.id, "questions", "Әкімшілік құқық бұзушылық туралы")
    for seat in desk.voting:  # R-DOC-4: each voter's scorecard, so the review finds nothing
        scorecards.save_scorecard(case.id, seat, score="good", decision="fits")
    r = voting.open_round(case.id)
    voting.cast_all(r.id, "fits")
    voting.close_round(r.id)
    g = voting.open_round(case.id, "grade")  # a regular case also decides the grade
    voting.cast_all(g.id, "grade:2")
    voting.close_round(g.id)
    return desk.sitting_id


def open_console(qtbot, window, sitting_id: int) -> SittingConsole:  # noqa: ANN001
    window.open_sitting(sitting_id)
    console = window.page
    assert isinstance(console, SittingConsole)
    activate(qtbot, window)
    console.form.caseList.setFocus()  # the console's keys work with the focus inside it
    qtbot.waitUntil(lambda: console.isAncestorOf(window.focusWidget() or window))
    return console


def wait_dialog(qtbot, owner, kind):  # noqa: ANN001, ANN201
    qtbot.waitUntil(
        lambda: isinstance(getattr(owner, "dialog", None), kind) and owner.dialog.isVisible()
    )
    activate(qtbot, owner.dialog)
    return owner.dialog


def test_ctrl_2_3_4_reach_the_pages_and_back(qtbot, window, artifacts):
    keys = Keys(qtbot)
    window.open_demo()
    sitting_id = window.page.sitting.id
    activate(qtbot, window)
    for key, kind, name in (
        (K.Key_2, PreparationWidget, "preparation"),
        (K.Key_3, EvaluationWidget, "evaluation"),
        (K.Key_4, ReportsWidget, "reports"),
    ):
        keys.press(key, M.ControlModifier, widget=window)
        qtbot.waitUntil(lambda kind=kind: isinstance(window.page, kind))
        assert window.page_kind == name and window.stack.count() == 2  # loading label + page
        if kind is ReportsWidget:  # the report is built in the background as the page opens
            qtbot.waitUntil(lambda: window.page.report is not None, timeout=30_000)
        window.grab().save(str(artifacts / f"{name}_page.png"))
    # The screens' own keys work at once: Alt+2 switches the preparation's page.
    keys.press(K.Key_2, M.ControlModifier, widget=window)
    qtbot.waitUntil(lambda: isinstance(window.page, PreparationWidget))
    qtbot.waitUntil(lambda: window.page.isAncestorOf(window.focusWidget() or window))
    keys.press(K.Key_2, M.AltModifier)
    assert window.page.tabs.currentIndex() == 1
    # A language switch rebuilds the page in place.
    window.set_language("ru")
    assert isinstance(window.page, PreparationWidget) and window.page.lang == "ru"
    window.set_language("en")
    keys.press(K.Key_1, M.ControlModifier, widget=window)
    qtbot.waitUntil(lambda: isinstance(window.page, SittingConsole))
    assert window.page.sitting.id == sitting_id
    keys.press(K.Key_H, M.ControlModifier, widget=window)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage))
    keys.press(K.Key_4, M.ControlModifier, widget=window)
    qtbot.waitUntil(lambda: isinstance(window.page, ReportsWidget))
    qtbot.waitUntil(lambda: window.page.report is not None, timeout=30_000)
    keys.press(K.Key_1, M.ControlModifier, widget=window)
    qtbot.waitUntil(lambda: isinstance(window.page, SittingConsole))


def test_ctrl_p_prints_the_pack(qtbot, window, tmp_path: Path, artifacts: Path):
    console = open_console(qtbot, window, played_sitting())
    opened: list[Path] = []
    console.paperwork.open_folder = opened.append
    Keys(qtbot).press(K.Key_P, M.ControlModifier)
    dialog = wait_dialog(qtbot, console, PaperDialog)
    qtbot.waitUntil(lambda: dialog.documents.count() > 0, timeout=30_000)
    assert dialog.value().endswith(f"sitting-{console.sitting.number or console.sitting.id}")
    out = tmp_path / "pack"
    dialog.folder.setText(str(out))
    dialog.language.setCurrentIndex(dialog.language.findData("kk+ru"))
    dialog.grab().save(str(artifacts / "print_dialog.png"))
    Keys(qtbot).press(K.Key_Return, widget=dialog.language)
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    assert opened == [out] and console.paperwork.task is None
    pdfs = sorted(out.glob("*.pdf"))
    assert any("minutes" in p.name for p in pdfs) and any("sheet" in p.name for p in pdfs)
    assert all(p.stat().st_size > 1000 for p in pdfs)
    assert str(len(pdfs)) in console.form.messageLabel.text()


@pytest.fixture
def backup_folder(tmp_path: Path):
    backups.configure(tmp_path / "backups")
    yield tmp_path / "backups"
    backups.configure()


def finalize_by_keys(qtbot, console: SittingConsole) -> None:  # noqa: ANN001
    Keys(qtbot).press(K.Key_F, CTRL_SHIFT)
    box = wait_dialog(qtbot, console, QMessageBox)
    Keys(qtbot).press(K.Key_Return, widget=box)  # "Yes" is the default
    qtbot.waitUntil(lambda: console.sitting.status == "finalized", timeout=30_000)
    qtbot.waitUntil(lambda: console.paperwork.task is None)


def assert_locked(console: SittingConsole) -> None:
    assert tr("sitting_status.finalized", "en") in console.form.sittingLabel.text()
    for panel in (console.attendance, console.case_panel, console.scores, console.vote):
        assert not panel.isEnabled()
    assert not console.paperwork.buttons["finalize"].isVisibleTo(console)
    assert console.paperwork.buttons["export_package"].isVisibleTo(console)


def test_finalize_locks_then_export_and_import(
    qtbot, window, tmp_path: Path, backup_folder: Path, keyring_in_memory, artifacts: Path
):
    from kzcommission.services.exchange import package
    from kzcommission.services.trust import secrets

    sitting_id = played_sitting()
    console = open_console(qtbot, window, sitting_id)
    finalize_by_keys(qtbot, console)
    assert sittings.get_sitting(sitting_id).status == "finalized"
    assert len(backups.list_backups(backup_folder)) == 1
    assert str(backup_folder) in console.form.messageLabel.text()
    assert_locked(console)
    window.grab().save(str(artifacts / "console_locked.png"))
    case_id = console.case.id
    with pytest.raises(LockedError):
        cases.set_text(case_id, "opinion", "changed afterwards")
    # Reopened from the home page, it is still shown locked.
    console = open_console(qtbot, window, sitting_id)
    assert_locked(console)

    # Export: no exchange key yet, so the service's words; then with a key, the package.
    dest = tmp_path / "out" / "sitting"
    console.paperwork.choose_package = lambda _suggested: str(dest)
    Keys(qtbot).press(K.Key_E, M.ControlModifier)
    box = wait_dialog(qtbot, console, QMessageBox)
    assert "no exchange key is set" in box.text()
    box.accept()
    secrets.set_secret(package.KEY_SECRET, secrets.new_key_text())
    activate(qtbot, window)
    console.form.caseList.setFocus()
    Keys(qtbot).press(K.Key_E, M.ControlModifier)
    package_file = dest.with_suffix(".kzx")
    qtbot.waitUntil(lambda: str(package_file) in console.form.messageLabel.text(), timeout=60_000)
    assert package_file.exists() and console.paperwork.task is None

    # Import it back (Ctrl+Shift+I): it is already here, so nothing changes.
    window.package_chooser = lambda: str(package_file)
    activate(qtbot, window)
    Keys(qtbot).press(K.Key_I, CTRL_SHIFT, widget=window)
    report = wait_dialog(qtbot, window, PackageReportDialog)
    assert "already" in report.summary.text()


def test_finalize_without_a_backup_key_says_why(qtbot, window, backup_folder: Path):
    sitting_id = played_sitting()
    console = open_console(qtbot, window, sitting_id)
    finalize_by_keys(qtbot, console)
    assert_locked(console)
    if backups.list_backups(backup_folder):  # this box has a keyring after all
        return
    box = wait_dialog(qtbot, console, QMessageBox)
    assert "backup could not be taken" in box.text()


def test_a_refused_package_lists_every_problem(qtbot, window, tmp_path: Path):
    bad = tmp_path / "bad.kzx"
    bad.write_bytes(b"not a zip at all")
    window.package_chooser = lambda: str(bad)
    activate(qtbot, window)
    Keys(qtbot).press(K.Key_I, CTRL_SHIFT, widget=window)
    qtbot.waitUntil(lambda: window.task is None and window.dialog is not None)
    dialog = window.dialog
    if isinstance(dialog, PackageReportDialog):
        assert "refused" in dialog.summary.text()
        assert dialog.lines.toPlainText().strip()
    else:  # refused before any check, e.g. no exchange key: the service's words
        assert isinstance(dialog, QMessageBox) and dialog.text()


def test_f1_lists_the_new_keys_in_every_language(qtbot, window):
    new = {
        "sitting_page": "Ctrl+1",
        "preparation": "Ctrl+2",
        "evaluation": "Ctrl+3",
        "reports": "Ctrl+4",
        "import_package": "Ctrl+Shift+I",
        "print_pack": "Ctrl+P",
        "finalize": "Ctrl+Shift+F",
        "export_package": "Ctrl+E",
    }
    names = {name: keys for name, keys, _where in KEYMAP}
    assert all(names[name] == keys for name, keys in new.items())
    wheres = {where for _n, _k, where in KEYMAP}
    assert {"preparation", "evaluation", "reports"} <= wheres
    for lang in LANGUAGES:
        catalogue = i18n.catalogue(lang)  # every area file, as the app reads them
        missing = [n for n in names if f"shortcut.{n}" not in catalogue]
        missing += [w for w in wheres if f"shortcut.where.{w}" not in catalogue]
        assert not missing, f"{lang}: {missing}"
        window.set_language(lang)
        Keys(qtbot).press(K.Key_F1, widget=window)
        qtbot.waitUntil(lambda: isinstance(window.dialog, ShortcutsDialog))
        table = window.dialog.table
        shown = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(len(KEYMAP))}
        for name, keys in new.items():
            assert shown[tr(f"shortcut.{name}", lang)] == keys
        assert tr("shortcut.where.reports", lang) in {
            table.item(r, 2).text() for r in range(len(KEYMAP))
        }
        window.dialog.close()
        window.dialog = None


def test_no_key_is_bound_twice_where_it_works():
    global_keys = [keys for _n, keys, where in KEYMAP if where == GLOBAL]
    assert len(global_keys) == len(set(global_keys))
    by_place: dict[str, list[str]] = {}
    for _name, keys, where in KEYMAP:
        by_place.setdefault(where, []).append(keys)
    for where, keys in by_place.items():
        assert len(keys) == len(set(keys)), where
        if where != GLOBAL:
            assert not set(keys) & set(global_keys), where


def test_new_modules_speak_every_language():
    used: set[str] = set()
    for name in NEW_MODULES:
        tree = ast.parse((ROOT / "kzcommission/ui" / f"{name}.py").read_text("utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(node.args[0].value)
    used |= {f"print.lang.{code}" for code in ("kk", "ru", "en", "kk+ru")}
    assert len(used) > 25
    for lang in LANGUAGES:
        catalogue = i18n.catalogue(lang)  # every area file, as the app reads them
        assert not sorted(k for k in used if k not in catalogue), lang
