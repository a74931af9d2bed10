"""Planning a sitting: its date and place, then the cases of the persons to certify."""

from __future__ import annotations

from datetime import date
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kzcommission.domain.kinds import Kind
from kzcommission.domain.names import Names
from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation import commissions
from kzcommission.services.sitting import cases, sittings
from kzcommission.ui.date_field import DateField
from kzcommission.ui.dialogs import REFUSED, attempt, error_text
from kzcommission.ui.form_types import AddCaseForm, NewSittingForm
from kzcommission.ui.forms import load_form
from kzcommission.ui.labels import kind_label, role_label
from kzcommission.ui.person_picker import RosterSearch


class NewSittingDialog(QDialog):
    """A new sitting, or (``sitting``) the plan of one to re-date, move or renumber."""

    created = Signal(object)  # SittingView
    saved = Signal(object)  # SittingView, after an edit

    def __init__(
        self,
        lang: str,
        commission_id: int | None,
        parent: QWidget | None = None,
        *,
        sitting: sittings.SittingView | None = None,
    ):
        super().__init__(parent)
        self.lang = lang
        self.sitting = sitting
        self.setWindowTitle(tr("sitting.edit_title" if sitting else "sitting.new_title", lang))
        self.form = f = load_form(NewSittingForm, lang, self)
        QVBoxLayout(self).addWidget(f.widget)
        for commission in commissions.list_commissions():
            f.commissionCombo.addItem(commission.names.pick(lang), commission.id)
        if sitting is not None:
            commission_id = sitting.commission_id
            f.commissionCombo.setEnabled(False)  # a sitting stays with its commission
        if commission_id is not None:
            f.commissionCombo.setCurrentIndex(max(0, f.commissionCombo.findData(commission_id)))
        # The typed date field of every other page (ui/date_field.py): a QDateEdit here
        # turned "12.03.2025" typed with its dots into 12.12.2026 and saved that.
        self.date = DateField(field="held_on", lang=lang)
        f.layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.date)
        f.dateLabel.setBuddy(self.date)
        QWidget.setTabOrder(f.commissionCombo, self.date)
        QWidget.setTabOrder(self.date, f.placeEdit)
        self.date.set_value(date.today() if sitting is None else sitting.held_on)
        if sitting is not None:
            places = sitting.places  # a place kept from before v13 shows in the first field
            shown = places.variants() if any(places.variants().values()) else {"kk": places.other}
            for edit, lang in zip(self.place_edits(), ("kk", "ru", "en"), strict=True):
                edit.setText(shown.get(lang, ""))
            f.numberEdit.setText(sitting.number)
        f.buttonBox.accepted.connect(self.save)
        f.buttonBox.rejected.connect(self.reject)
        self.date.setFocus()
        self.date.selectAll()  # typing replaces the proposed date

    def place_edits(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        """The place in Kazakh, Russian and English (issue 15 item 6)."""
        f = self.form
        return (
            cast(QLineEdit, f.placeEdit),
            cast(QLineEdit, f.placeRuEdit),
            cast(QLineEdit, f.placeEnEdit),
        )

    def save(self) -> None:
        f = self.form
        say = lambda exc: f.errorLabel.setText(refusal_text(exc, self.lang))  # noqa: E731
        held = attempt(say, self.date.value)
        if held is REFUSED or held is None:
            self.date.setFocus()
            return
        number = f.numberEdit.text().strip()
        typed = Names(*(edit.text().strip() for edit in self.place_edits()))
        # A new sitting with no place typed is held at the commission's place.
        place: str | Names = typed if typed or self.sitting is not None else ""

        def save() -> sittings.SittingView:
            if self.sitting is None:
                return sittings.create_sitting(
                    f.commissionCombo.currentData(), held, place=place, number=number
                )
            return sittings.update_sitting(self.sitting.id, held, place=place, number=number)

        view = attempt(say, save)
        if view is REFUSED:
            return
        (self.created if self.sitting is None else self.saved).emit(view)
        self.accept()


def refusal_text(exc: ServiceError, lang: str) -> str:
    """A refusal to change a sitting, naming the facts it holds when that is the reason."""
    if isinstance(exc, sittings.SittingHasFacts):
        return exc.detail_in(lang)
    return error_text(exc, lang)


class AddCaseDialog(QDialog):
    """Type a name, Enter adds the case; the dialog stays open for the next person."""

    added = Signal(object)  # CaseView

    def __init__(self, lang: str, sitting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.sitting_id = sitting_id
        self.setWindowTitle(tr("case.add_title", lang))
        self.form = f = load_form(AddCaseForm, lang, self)
        QVBoxLayout(self).addWidget(f.widget)
        for kind in Kind:
            f.kindCombo.addItem(kind_label(kind.value, lang), kind.value)
        self.search = RosterSearch(f.filterEdit, f.personView, lang)
        self.search.chosen.connect(lambda _p: self.add())
        # By keys: name, Tab kind, Tab grade, Tab restricted (Space), Enter adds; the list
        # is walked with Up/Down from the name, so Tab does not stop in it.
        f.personView.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        for first, second in zip(
            (f.filterEdit, f.kindCombo, f.gradeEdit),
            (f.kindCombo, f.gradeEdit, f.restrictedCheck),
            strict=True,
        ):
            QWidget.setTabOrder(first, second)
        self.in_sitting = {c.person_id for c in cases.list_cases(sitting_id)}
        sitting = sittings.get_sitting(sitting_id)
        # R-SIT-6: a member may be certified (he then does not vote on his case); say who is.
        self.members = {
            seat.holder_id: tr(
                "case.member_note" if seat.votes else "case.seat_note",
                lang,
                role=role_label(seat.role, lang),
            )
            for seat in commissions.get_commission(sitting.commission_id).seats
            if seat.holder_id is not None
        }
        self.search.set_hidden(self.in_sitting, self.members)
        add_button = f.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        add_button.setText(tr("case.add", lang))
        add_button.setDefault(True)  # Enter adds from any field: name, kind, grade, flag
        f.buttonBox.accepted.connect(self.add)
        f.buttonBox.rejected.connect(self.accept)
        self.search.refilter("")
        self.resize(760, 520)

    def add(self) -> None:
        f = self.form
        person = self.search.current()
        if person is not None and person.id in self.in_sitting:
            person = None
        if person is None:
            return
        view = attempt(
            lambda exc: f.errorLabel.setText(error_text(exc, self.lang)),
            cases.add_case,
            self.sitting_id,
            person.id,
            f.kindCombo.currentData(),
            candidate_grade=f.gradeEdit.text().strip(),
            restricted=f.restrictedCheck.isChecked(),
        )
        if view is REFUSED:
            return
        text = tr("case.added", self.lang, name=view.person_name)
        if view.falls_due_on is not None:  # R-ELIG-3 Reading: accepted, with a warning
            text += "\n" + tr("case.not_yet_due", self.lang, date=f"{view.falls_due_on:%d.%m.%Y}")
        if view.eligibility_unchecked:
            text += "\n" + tr("case.eligibility_unchecked", self.lang)
        if view.sitting_day_off:
            text += "\n" + tr("case.day_off", self.lang)
        f.errorLabel.setText(text)
        self.in_sitting.add(view.person_id)  # not offered twice
        f.filterEdit.clear()
        self.search.set_hidden(self.in_sitting, self.members)
        f.restrictedCheck.setChecked(False)
        f.filterEdit.setFocus()
        self.added.emit(view)
