"""Amendments of a finalized sitting (Ctrl+Shift+A in its console).

The sitting stays as it was signed; a correction is requested here with its
reason and signed off by the chair (at the secretary's desk he signs in for
that one act, as in the chair's review). Signed amendments print as the
addendum to the minutes with the pack. Keys: Ctrl+Enter requests, Ctrl+G signs
the chosen amendment, Esc closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzcommission.domain.kinds import Appearance
from kzcommission.i18n import tr
from kzcommission.services.context import Actor, acting_as
from kzcommission.services.errors import PermissionDenied, ServiceError
from kzcommission.services.sitting import amendments, cases, grades
from kzcommission.services.sitting.cases import CaseView
from kzcommission.services.sitting.sittings import SittingView
from kzcommission.ui.chair_review import ChairSignIn
from kzcommission.ui.dialogs import REFUSED, attempt, error_text
from kzcommission.ui.labels import appearance_label, option_label
from kzcommission.ui.shortcuts import key_of
from kzcommission.ui.table_fit import spread_columns
from kzcommission.ui.window_fit import fit_window

COLUMNS = ("number", "target", "field", "old", "new", "reason", "requested", "signed")
# Fields whose new value is one of a list the rules give (checked again by the service).
CHOICE_FIELDS = ("decision", "grade_result", "appearance")


class AmendmentsDialog(QDialog):
    def __init__(self, lang: str, sitting: SittingView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.sitting = sitting
        self.dialog: QDialog | None = None
        self.cases: list[CaseView] = cases.list_cases(sitting.id)
        self.listed: list[amendments.AmendmentView] = []
        self.setWindowTitle(tr("amend.title", lang, number=sitting.number or sitting.id))
        fit_window(self, "amendments", 1200, 720)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("amend.intro", lang))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(COLUMNS), objectName="amendmentsTable")
        self.table.setHorizontalHeaderLabels([tr(f"amend.col.{c}", lang) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        # Every column within the dialog at 1366 px: the number as wide as it is, the texts
        # sharing the rest by weight, the headers on up to two lines (ui.table_fit).
        weights = (2, 1.5, 1.7, 1.7, 2.6, 1.5, 1.5)  # target … signed
        spread_columns(self.table, dict(zip(range(1, len(COLUMNS)), weights, strict=True)))
        layout.addWidget(self.table, 1)

        form = QFormLayout()
        self.target = QComboBox(objectName="amendTarget")
        self.target.addItem(tr("amend.target_sitting", lang), None)
        for case in self.cases:
            self.target.addItem(f"{case.order + 1}. {case.person_name}", case.id)
        self.field = QComboBox(objectName="amendField")
        self.current = QLabel("", objectName="amendCurrent")
        self.current.setWordWrap(True)
        self.choice = QComboBox(objectName="amendChoice")
        self.text = QPlainTextEdit(objectName="amendText")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(90)
        self.reason = QLineEdit(objectName="amendReason")
        form.addRow(tr("amend.target", lang), self.target)
        form.addRow(tr("amend.field", lang), self.field)
        form.addRow(tr("amend.current", lang), self.current)
        form.addRow(tr("amend.new", lang), self.choice)
        form.addRow("", self.text)
        form.addRow(tr("amend.reason", lang), self.reason)
        layout.addLayout(form)
        self.message = QLabel("", objectName="amendMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        for name, slot in (("request", self.request), ("sign", self.sign), ("close", self.reject)):
            button = QPushButton(tr(f"amend.{name}_button", lang), objectName=f"amend_{name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            row.addWidget(button)
        layout.addLayout(row)
        QShortcut(key_of("amend_request"), self, self.request)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.request)  # the keypad's Enter
        QShortcut(key_of("amend_sign"), self, lambda: self.sign())
        self.target.currentIndexChanged.connect(lambda _i: self._fill_fields())
        self.field.currentIndexChanged.connect(lambda _i: self._fill_value())
        self._fill_fields()
        self.refresh()
        self.target.setFocus()

    # -- the form --------------------------------------------------------------------------
    def chosen_case(self) -> CaseView | None:
        case_id = self.target.currentData()
        return next((c for c in self.cases if c.id == case_id), None)

    def _fill_fields(self) -> None:
        names = amendments.CASE_FIELDS if self.chosen_case() else amendments.SITTING_FIELDS
        self.field.blockSignals(True)
        self.field.clear()
        for name in names:
            self.field.addItem(tr(f"amend.field.{name}", self.lang), name)
        self.field.blockSignals(False)
        self._fill_value()

    def _fill_value(self) -> None:
        case, name = self.chosen_case(), self.field.currentData()
        if case is None:
            value = getattr(self.sitting, name, "") if name else ""
        elif name in case.texts:
            value = case.texts[name]
        else:
            value = getattr(case, name, "") or ""
        self.current.setText(self._shown(name, str(value or "")) or "—")
        choices = self._choices(case, name)
        self.choice.clear()
        for option in choices:
            self.choice.addItem(self._shown(name, option), option)
        self.choice.setVisible(bool(choices))
        self.text.setVisible(not choices)
        self.text.setPlainText(str(value or "") if not choices else "")

    def _choices(self, case: CaseView | None, name: str | None) -> tuple[str, ...]:
        if case is None or name not in CHOICE_FIELDS:
            return ()
        if name == "decision":
            return cases.ruleset_of(case).decision_options(case.kind, restricted=case.restricted)
        if name == "grade_result":
            return grades.grade_options(case.id)  # R-DEC-3: the grades at stake
        return tuple(a.value for a in Appearance)

    def _shown(self, name: str | None, value: str) -> str:
        if not value:
            return ""
        if name in ("decision", "grade_result"):
            return option_label(value, self.lang)
        if name == "appearance":
            return appearance_label(value, self.lang)
        return value

    def new_value(self) -> str:
        if self.choice.isVisible() or self.field.currentData() in CHOICE_FIELDS:
            return str(self.choice.currentData() or "")
        return self.text.toPlainText().strip()

    # -- the list ------------------------------------------------------------------------
    def refresh(self) -> None:
        self.listed = amendments.list_amendments(self.sitting.id)
        self.table.setRowCount(len(self.listed))
        for row, a in enumerate(self.listed):
            target = a.person_name or tr("amend.target_sitting", self.lang)
            signed = (
                f"{a.signed_by}, {a.signed_at:%d.%m.%Y %H:%M}"
                if a.signed
                else tr("amend.not_signed", self.lang)
            )
            cells = (
                str(a.id),
                target,
                tr(f"amend.field.{a.field}", self.lang),
                self._shown(a.field, a.old),
                self._shown(a.field, a.new),
                a.reason,
                f"{a.requested_by}, {a.requested_at:%d.%m.%Y %H:%M}",
                signed,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        if self.listed and self.table.currentRow() < 0:
            self.table.setCurrentCell(len(self.listed) - 1, 0)

    # -- actions -----------------------------------------------------------------------------
    def request(self) -> None:
        case = self.chosen_case()

        def request() -> amendments.AmendmentView:
            return amendments.request_amendment(
                self.sitting.id,
                str(self.field.currentData()),
                self.new_value(),  # a mistyped date is a refusal too
                self.reason.text(),
                case_id=case.id if case else None,
            )

        made = attempt(lambda exc: self._say(error_text(exc, self.lang), error=True), request)
        if made is REFUSED:
            return
        self.reason.clear()
        self.refresh()
        self.table.setCurrentCell(len(self.listed) - 1, 0)
        self._say(tr("amend.requested", self.lang, number=made.id))

    def sign(self, actor: Actor | None = None) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.listed):
            self._say(tr("amend.choose", self.lang), error=True)
            return
        chosen = self.listed[row]
        try:
            if actor is None:
                done = amendments.sign_amendment(chosen.id)
            else:
                with acting_as(actor):
                    done = amendments.sign_amendment(chosen.id)
        except PermissionDenied:  # not attempt(): asks the chair to sign in, told apart
            if actor is not None:
                self._say(tr("amend.chair_only", self.lang), error=True)
                return
            self.dialog = ChairSignIn(
                self.lang, self, lambda a: self.sign(a), tr("amend.chair_sign_in", self.lang)
            )
            self.dialog.open()
            return
        except ServiceError as exc:  # not attempt(): after PermissionDenied, caught first above
            self._say(error_text(exc, self.lang), error=True)
            return
        self.refresh()
        self._say(tr("amend.signed", self.lang, number=done.id, chair=done.signed_by or ""))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color:#b00020;font-weight:bold;" if error else "")
        self.message.setText(text)
