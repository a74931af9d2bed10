"""Planning a sitting: its date and place, then the cases of the persons to certify."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from kzcommission.domain.kinds import Kind
from kzcommission.i18n import tr
from kzcommission.services import cases, commissions, sittings
from kzcommission.services.errors import ServiceError
from kzcommission.ui.dialogs import error_text
from kzcommission.ui.forms import load_form
from kzcommission.ui.labels import kind_label
from kzcommission.ui.person_picker import RosterSearch


class NewSittingDialog(QDialog):
    created = Signal(object)  # SittingView

    def __init__(self, lang: str, commission_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(tr("sitting.new_title", lang))
        self.form = f = load_form("new_sitting", lang, self)
        QVBoxLayout(self).addWidget(f.widget)
        for commission in commissions.list_commissions():
            f.commissionCombo.addItem(commission.name, commission.id)
        if commission_id is not None:
            f.commissionCombo.setCurrentIndex(max(0, f.commissionCombo.findData(commission_id)))
        f.dateEdit.setDate(QDate.currentDate())
        f.buttonBox.accepted.connect(self.save)
        f.buttonBox.rejected.connect(self.reject)
        f.dateEdit.setFocus()

    def save(self) -> None:
        f = self.form
        held: date = f.dateEdit.date().toPython()
        try:
            view = sittings.create_sitting(
                f.commissionCombo.currentData(),
                held,
                place=f.placeEdit.text().strip(),
                number=f.numberEdit.text().strip(),
            )
        except ServiceError as exc:
            f.errorLabel.setText(error_text(exc, self.lang))
            return
        self.created.emit(view)
        self.accept()


class AddCaseDialog(QDialog):
    """Type a name, Enter adds the case; the dialog stays open for the next person."""

    added = Signal(object)  # CaseView

    def __init__(self, lang: str, sitting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.sitting_id = sitting_id
        self.setWindowTitle(tr("case.add_title", lang))
        self.form = f = load_form("add_case", lang, self)
        QVBoxLayout(self).addWidget(f.widget)
        for kind in Kind:
            f.kindCombo.addItem(kind_label(kind.value, lang), kind.value)
        self.search = RosterSearch(f.filterEdit, f.personView, lang)
        self.search.chosen.connect(lambda _p: self.add())
        f.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText(tr("case.add", lang))
        f.buttonBox.accepted.connect(self.add)
        f.buttonBox.rejected.connect(self.accept)
        self.search.refilter("")
        self.resize(760, 520)

    def add(self) -> None:
        f = self.form
        person = self.search.current()
        if person is None:
            return
        try:
            view = cases.add_case(
                self.sitting_id,
                person.id,
                f.kindCombo.currentData(),
                candidate_grade=f.gradeEdit.text().strip(),
                restricted=f.restrictedCheck.isChecked(),
            )
        except ServiceError as exc:
            f.errorLabel.setText(error_text(exc, self.lang))
            return
        f.errorLabel.setText(tr("case.added", self.lang, name=view.person_name))
        f.filterEdit.clear()
        f.restrictedCheck.setChecked(False)
        f.filterEdit.setFocus()
        self.added.emit(view)
