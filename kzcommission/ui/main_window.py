"""The main window: first run, home, or the sitting console, with the global keys.

At start it reopens the open sitting at its current case (after a crash too);
otherwise an empty database gets the first-run screen, any other the home page.
The window itself needs only Qt and the catalogues: the services, peewee and
the screens are imported in ``start()``, after the window is on screen, so it
appears about as fast as an empty Qt window (benchmarks/bench_ui.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.ui.window_fit import fit_window


def focus_into(page: QWidget) -> None:
    """Put the focus inside a new page, so its own keys (scoped to it) work at once."""
    # Imported here: touching the Qt namespace builds ~100 enums (tens of ms), which
    # the window itself does not need before it is on screen (benchmarks/bench_ui.py).
    from PySide6.QtCore import Qt

    focused = QApplication.focusWidget()
    if focused is not None and page.isAncestorOf(focused):
        return
    for child in page.findChildren(QWidget):
        tab_focus = child.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
        if tab_focus and child.isVisibleTo(page) and child.isEnabled():
            child.setFocus()
            return
    page.setFocus()


class MainWindow(QMainWindow):
    def __init__(self, database: str, lang: str = "kk", *, start: bool = True) -> None:
        super().__init__()
        self.database = database
        self.lang = lang
        self.dialog: QWidget | None = None
        self.page: QWidget | None = None
        self.page_kind = ""
        self.file_chooser: Callable[[], str] = self._ask_roster_file
        self.package_chooser: Callable[[], str] = self._ask_package_file
        self.sitting_id: int | None = None  # the sitting last shown, for Ctrl+1
        self.idle_lock: Any = None  # set by app.start(); tests build the window without it
        self.task: Any = None
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        fit_window(self, "main", 1440, 900)
        self.setWindowTitle(tr("app.title", self.lang))
        self.stack.addWidget(QLabel(tr("app.loading", lang)))
        if start:
            self.start()

    # -- building ------------------------------------------------------------------------
    def start(self) -> None:
        """Choose the first screen; the database must be open."""
        from kzcommission.services.preparation import commissions, persons
        from kzcommission.services.sitting import sittings

        self._menus()
        self.setWindowTitle(tr("app.title", self.lang) + f" — {self.database}")
        active = sittings.last_active_sitting()
        if active is not None:
            self.open_sitting(active.id)
        elif not commissions.list_commissions() and persons.count_persons() == 0:
            self.show_first_run()
        else:
            self.go_home()

    def _menus(self) -> None:
        """The menus and their keys. Built by start(), right after the window is on
        screen: Qt's GUI module and its key enums cost tens of ms the empty window does
        not need (benchmarks/bench_ui.py)."""
        from PySide6.QtGui import QAction

        from kzcommission.ui.shortcuts import key_of

        bar = self.menuBar()
        bar.clear()
        for action in self.actions():
            self.removeAction(action)
        menus = {
            "file": (
                "new_commission",
                "edit_commission",
                "import_roster",
                "import_package",
                "demo",
                "new_sitting",
                "settings",
                "quit",
            ),
            "work": ("home", "sitting_page", "preparation", "evaluation", "reports"),
            "help": ("manual", "help", "check_db", "check_document", "about"),
        }
        slots = {
            "new_commission": self.new_commission,
            "edit_commission": self.edit_current_commission,
            "import_roster": self.import_roster,
            "import_package": self.import_package,
            "new_sitting": lambda: self.new_sitting(None),
            "home": self.go_home,
            "sitting_page": self.back_to_sitting,
            "preparation": self.show_preparation,
            "evaluation": self.show_evaluation,
            "reports": self.show_reports,
            "settings": self.open_settings,
            "quit": self.close,
            "help": self.show_shortcuts,
            "manual": self.show_manual,
            "about": self.show_about,
            "check_db": self.check_database,
            "check_document": self.check_document,
            "demo": self.open_demo,
        }
        for menu_name, names in menus.items():
            menu = bar.addMenu(tr(f"menu.{menu_name}", self.lang))
            for name in names:
                action = QAction(tr(f"shortcut.{name}", self.lang), self)
                if name not in ("demo", "about"):
                    action.setShortcut(key_of(name))
                action.triggered.connect(slots[name])
                menu.addAction(action)
                self.addAction(action)

    def _show(self, page: QWidget, kind: str) -> None:
        old = self.page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.page = page
        previous_kind, self.page_kind = self.page_kind, kind
        if old is not None:
            if previous_kind == "console":
                old.case_panel.flush()  # type: ignore[attr-defined]
            self.stack.removeWidget(old)
            old.deleteLater()

    def show_first_run(self) -> None:
        from kzcommission.ui.home_page import FirstRunPage
        from kzcommission.ui.language_bar import language_bar

        page = FirstRunPage(self.lang, self.new_commission, self.import_roster, self.open_demo)
        page.layout().insertWidget(0, language_bar(self.lang, self.choose_language))
        self._show(page, "first_run")

    def choose_language(self, lang: str) -> None:
        """The first screen's language buttons: the choice is kept, the screen rebuilt."""
        from kzcommission.ui import settings

        settings.LANGUAGE.set(lang)
        self.set_language(lang)

    def go_home(self) -> None:
        from kzcommission.services.preparation import commissions, persons
        from kzcommission.ui.home_page import HomePage

        if not commissions.list_commissions() and persons.count_persons() == 0:
            self.show_first_run()
            return
        page = HomePage(
            self.lang,
            self.new_commission,
            self.edit_commission,
            self.new_sitting,
            self.open_sitting,
            self.import_roster,
        )
        self._show(page, "home")

    def open_sitting(self, sitting_id: int) -> None:
        from kzcommission.ui.console import SittingConsole

        self.sitting_id = sitting_id
        self._show(SittingConsole(self.lang, sitting_id, self.go_home), "console")

    def back_to_sitting(self) -> None:
        """Ctrl+1: the sitting last worked on, else the open one, else the home page."""
        from kzcommission.services.errors import NotFound
        from kzcommission.services.sitting import sittings

        if self.page_kind == "console":
            return
        if self.sitting_id is not None:
            try:
                sittings.get_sitting(self.sitting_id)
            except NotFound:  # not attempt(): only a vanished sitting is forgotten; others raise
                self.sitting_id = None
        active = sittings.last_active_sitting()
        sitting_id = self.sitting_id or (active.id if active is not None else None)
        if sitting_id is None:
            self.go_home()
        else:
            self.open_sitting(sitting_id)

    # The other work screens, each built when first asked for (start-up stays fast).
    def show_preparation(self) -> None:
        from kzcommission.ui.preparation import PreparationWidget

        self._show(PreparationWidget(self.lang), "preparation")
        focus_into(self.page)

    def show_evaluation(self) -> None:
        from kzcommission.ui.evaluation import EvaluationWidget

        self._show(EvaluationWidget(self.lang), "evaluation")
        focus_into(self.page)

    def show_reports(self) -> None:
        from kzcommission.ui.reports import ReportsWidget

        page = ReportsWidget(self.lang)
        self._show(page, "reports")
        focus_into(page)
        page.refresh()  # built off the UI thread; the tabs fill when it arrives

    # -- actions -------------------------------------------------------------------------
    def _open_dialog(self, dialog: Any) -> None:
        self.dialog = dialog
        dialog.open()  # type: ignore[attr-defined]

    def new_commission(self) -> None:
        from kzcommission.ui.commission_editor import CommissionEditor

        editor = CommissionEditor(self.lang, None, self)
        editor.saved.connect(lambda _view: self.go_home())
        self._open_dialog(editor)

    def edit_current_commission(self) -> None:
        """The composition of the commission chosen on the home page (gone to first)."""
        from kzcommission.ui.home_page import HomePage

        if not isinstance(self.page, HomePage):
            self.go_home()
        chosen = self.page.commission_id() if isinstance(self.page, HomePage) else None
        if chosen:
            self.edit_commission(chosen)

    def edit_commission(self, commission_id: int) -> None:
        from kzcommission.ui.commission_editor import CommissionEditor

        editor = CommissionEditor(self.lang, commission_id, self)
        editor.saved.connect(lambda _view: self.go_home())
        self._open_dialog(editor)

    def _ask_roster_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("import.title", self.lang), "", tr("import.filter", self.lang)
        )
        return path

    def _ask_package_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("package.import_title", self.lang), "", tr("package.filter", self.lang)
        )
        return path

    def import_package(self) -> None:
        name = self.package_chooser()
        if name:
            from kzcommission.ui.exchange_dialogs import import_package

            import_package(self, Path(name))

    def import_roster(self) -> None:
        name = self.file_chooser()
        if not name:
            return
        from kzcommission.ui.roster_dialog import RosterImportDialog

        dialog = RosterImportDialog(Path(name), self.lang, self)
        dialog.imported.connect(self._imported)
        self._open_dialog(dialog)

    def _imported(self, count: int) -> None:
        if self.page_kind == "console":
            self.page.message(tr("import.done", self.lang, count=count))  # type: ignore[union-attr]
        else:
            self.go_home()
        self.statusBar().showMessage(tr("import.done", self.lang, count=count), 10000)

    def open_demo(self) -> None:
        from kzcommission.services.installation.demo import create_demo
        from kzcommission.ui.dialogs import REFUSED, attempt, show_error

        sitting_id = attempt(lambda exc: show_error(self, exc, self.lang), create_demo)
        if sitting_id is not REFUSED:
            self.open_sitting(sitting_id)

    def new_sitting(self, commission_id: int | None) -> None:
        from kzcommission.services.preparation import commissions
        from kzcommission.ui.sitting_dialogs import NewSittingDialog

        if not commissions.list_commissions():
            self.statusBar().showMessage(tr("sitting.need_commission", self.lang), 10000)
            self.new_commission()
            return
        dialog = NewSittingDialog(self.lang, commission_id, self)
        dialog.created.connect(lambda view: self.open_sitting(view.id))
        self._open_dialog(dialog)

    def open_settings(self) -> None:
        from kzcommission.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.lang, self)
        dialog.language_chosen.connect(self.set_language)
        self._open_dialog(dialog)

    def set_language(self, lang: str) -> None:
        """Rebuild every screen in the new language, staying where the user was."""
        if lang == self.lang:
            return
        self.lang = lang
        from kzcommission.ui import crash
        from kzcommission.ui.qt_language import use_qt_language

        use_qt_language(lang)  # OK, Cancel, context menus: Qt's own words follow
        crash.set_language(lang)
        self.setWindowTitle(tr("app.title", lang) + f" — {self.database}")
        self._menus()
        if self.idle_lock is not None:
            self.idle_lock.lang = lang  # its sign-in dialog speaks the new language
        rebuild = {
            "home": self.go_home,
            "preparation": self.show_preparation,
            "evaluation": self.show_evaluation,
            "reports": self.show_reports,
        }
        if self.page_kind == "console":
            self.open_sitting(self.page.sitting.id)  # type: ignore[union-attr]
        else:
            rebuild.get(self.page_kind, self.show_first_run)()

    def show_shortcuts(self) -> None:
        from kzcommission.ui.shortcuts import ShortcutsDialog

        self._open_dialog(ShortcutsDialog(self.lang, self))

    def show_manual(self) -> None:
        """Shift+F1: the user's manual in the interface language."""
        from kzcommission.ui.manual_viewer import ManualViewer

        self._open_dialog(ManualViewer(self.lang, self))

    def check_database(self) -> None:
        """Ctrl+Shift+H: verify-db's three outcomes, in the interface language."""
        from kzcommission.ui.integrity_dialog import IntegrityDialog

        self._open_dialog(IntegrityDialog(self.lang, self))

    def check_document(self) -> None:
        """Ctrl+Shift+V: a PDF and its detached NCA signature, verify's three outcomes."""
        from kzcommission.ui.document_check_dialog import DocumentCheckDialog

        name = self._choose_document(tr("doccheck.choose", self.lang))
        if name:
            self._open_dialog(DocumentCheckDialog(self.lang, Path(name), self))

    def _choose_document(self, title: str) -> str:
        name, _filter = QFileDialog.getOpenFileName(self, title, "", "PDF (*.pdf)")
        return name

    def show_about(self) -> None:
        from kzcommission.ui.about_dialog import AboutDialog

        self._open_dialog(AboutDialog(self.lang, self))

    def flush_pending(self) -> None:
        """Save what is typed but not yet saved (on quit, and before the idle lock)."""
        if self.page_kind == "console":
            self.page.case_panel.flush()  # type: ignore[union-attr]

    def closeEvent(self, event) -> None:  # noqa: ANN001 - Qt signature
        self.flush_pending()
        super().closeEvent(event)
