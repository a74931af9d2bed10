"""The corps "B" quarterly sheet editor (R-EVB-1..5), both forms, checked before saving.

Bound to one person, year and quarter (issue 22): choosing another reloads the saved
sheet (or empties the fields); unsaved edits are saved or discarded by the user's
answer. The person's saved sheets of the year are listed with the annual score,
the mean of the quarters (R-EVB-1).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.evaluation import corps_b, printing
from kzcommission.services.evaluation.corps_b import FORMS, PENALTY_CHOICES
from kzcommission.ui.dialogs import REFUSED, attempt
from kzcommission.ui.evaluation.common import (
    Feedback,
    KeepShortcuts,
    action,
    changed_elsewhere,
    date_edit,
    fill_persons,
    picked,
    save_pdf,
)
from kzcommission.ui.unsaved import settle, snapshot

PENALTIES = ("none", *PENALTY_CHOICES)
# The parts of a sheet another desk may have changed, as this page names them.
PARTS = {"evaluator_id": "eval.evaluator", "form": "eval.form", "scores": "field.scores",
         "comments": "eval.comment", "penalty": "eval.penalty",
         "evaluated_on": "eval.evaluated_on", "days_worked": "eval.days_worked"}  # fmt: skip


class CorpsBPanel(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.sheet_id: int | None = None
        # The sheet as loaded (None: none saved then): the version a save goes over (issue 22).
        self.version: corps_b.SheetView | None = None
        self._shown: tuple | None = None  # (person id, year, quarter) on screen
        self._shown_name = ""
        self._loaded: tuple = ()
        self.employee, self.evaluator = QComboBox(), QComboBox()
        self.employee.setObjectName("employee")
        self.evaluator.setObjectName("evaluator")
        today = date.today()
        self.year = QSpinBox(minimum=2025, maximum=2100, value=max(today.year, 2025))
        self.quarter = QSpinBox(minimum=1, maximum=4, value=(today.month - 1) // 3 + 1)
        self.form = QComboBox()
        for form in FORMS:
            self.form.addItem(tr(f"eval.form.{form}", lang), form)
        self.penalty = QComboBox()
        self.penalty.setObjectName("penalty")
        for penalty in PENALTIES:
            self.penalty.addItem(tr(f"eval.penalty.{penalty}", lang), penalty)
        self.scores = [QLineEdit() for _ in range(5)]
        self.labels = [QLabel() for _ in range(5)]
        for n, edit in enumerate(self.scores, start=1):
            edit.setObjectName(f"score{n}")
            edit.setPlaceholderText("0 – 5")
            edit.textChanged.connect(self.preview)
        self.evaluated_on = date_edit(today, "evaluated_on", lang)
        self.days = QSpinBox(minimum=0, maximum=92, value=60)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.feedback = Feedback(lang)
        self.feedback.setObjectName("feedback")
        # R-EVB-1: the person's saved sheets of the year, and the annual mean.
        self.sheets = QTableWidget(0, 4)
        self.sheets.setObjectName("savedSheets")
        self.sheets.setHorizontalHeaderLabels(
            [
                tr(k, lang)
                for k in ("eval.quarter", "eval.evaluator", "eval.col.score", "eval.col.band")
            ]
        )
        self.sheets.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sheets.setTabKeyNavigation(False)
        self.sheets.verticalHeader().setVisible(False)
        self.sheets.horizontalHeader().setStretchLastSection(True)
        self.sheets.setMaximumHeight(140)
        self.annual = QLabel()
        self.annual.setObjectName("annual")

        layout = QFormLayout()
        layout.addRow(tr("eval.employee", lang), self.employee)
        layout.addRow(tr("eval.evaluator", lang), self.evaluator)
        layout.addRow(tr("eval.year", lang), self.year)
        layout.addRow(tr("eval.quarter", lang), self.quarter)
        layout.addRow(tr("eval.form", lang), self.form)
        for label, edit in zip(self.labels, self.scores, strict=True):
            layout.addRow(label, edit)
        layout.addRow(tr("eval.penalty", lang), self.penalty)
        layout.addRow(tr("eval.evaluated_on", lang), self.evaluated_on)
        layout.addRow(tr("eval.days_worked", lang), self.days)
        buttons = QHBoxLayout()
        buttons.addWidget(action(self, lang, "eval.action.save", "Ctrl+S", self.save))
        buttons.addWidget(action(self, lang, "eval.action.print_sheet", "Ctrl+P", self.print_))
        buttons.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addWidget(self.summary)
        outer.addLayout(buttons)
        outer.addWidget(self.feedback)
        outer.addWidget(self.sheets)
        outer.addWidget(self.annual)
        outer.addStretch(1)
        self.form.currentIndexChanged.connect(self._relabel)
        self.penalty.currentIndexChanged.connect(self.preview)
        for widget in (self.employee, self.year, self.quarter):
            signal = getattr(widget, "currentIndexChanged", None) or widget.valueChanged
            signal.connect(self._switch)
        self._relabel()
        self.refresh()
        KeepShortcuts(self, ["Ctrl+S", "Ctrl+P"])

    @property
    def first(self) -> QWidget:
        return self.employee

    def _fields(self) -> list[QWidget]:
        return [self.evaluator, self.form, *self.scores, self.penalty, self.evaluated_on,
                self.days]  # fmt: skip

    def _key(self) -> tuple:
        return (self.employee.currentData(), self.year.value(), self.quarter.value())

    def has_unsaved(self) -> bool:
        """Changed since loaded; a sheet with no score typed and none saved is nothing to save."""
        if self._shown is None or snapshot(self._fields()) == self._loaded:
            return False
        return self.sheet_id is not None or any(self._values())

    def _switch(self) -> None:
        if self._key() == self._shown:
            return
        if not self.settle():
            self._go_back()
            return
        self.load()

    def _go_back(self) -> None:
        """Stay on the person, year and quarter shown, with what was typed."""
        person, year, quarter = self._shown
        for widget in (self.employee, self.year, self.quarter):
            widget.blockSignals(True)
        self.employee.setCurrentIndex(self.employee.findData(person))
        self.year.setValue(year)
        self.quarter.setValue(quarter)
        for widget in (self.employee, self.year, self.quarter):
            widget.blockSignals(False)

    def reload_shown(self) -> None:
        """The sheet shown, from the store (the person, year and quarter it belongs to,
        even while another is being chosen)."""
        self._go_back()
        self.load()

    def settle(self) -> bool:
        """Unsaved edits saved or discarded by the user's answer; False: he stays."""
        return settle(self, self.lang, self._shown_name, self.has_unsaved(), self.save)

    def load(self) -> None:
        """The saved sheet of the person, year and quarter, or empty fields; the year's list."""
        self._shown = self._key()
        self._shown_name = self.employee.currentText()
        person, year, quarter = self._shown
        self.sheet_id, self.version = None, None
        for edit in self.scores:
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.penalty.setCurrentIndex(0)
        if person is not None:  # a saved sheet's own form replaces it below
            form = attempt(self.feedback.error, corps_b.default_form, person)
            if form is not REFUSED:
                self.form.setCurrentIndex(max(self.form.findData(form), 0))
        self.evaluated_on.set_value(date.today())
        self.days.setValue(60)
        self.summary.setText("")
        self.feedback.setText("")
        listed = attempt(self.feedback.error, corps_b.list_sheets, year)
        sheets = [] if listed is REFUSED else [s for s in listed if s.person_id == person]
        for sheet in sheets:
            if sheet.quarter == quarter:
                self._show_sheet(sheet)
        self._list(sorted(sheets, key=lambda s: s.quarter), person, year)
        self._loaded = snapshot(self._fields())

    def _show_sheet(self, sheet: corps_b.SheetView) -> None:
        self.sheet_id, self.version = sheet.id, sheet
        self.evaluator.setCurrentIndex(max(self.evaluator.findData(sheet.evaluator_id), 0))
        self.form.setCurrentIndex(max(self.form.findData(sheet.form), 0))
        for edit, score in zip(self.scores, sheet.scores, strict=False):
            edit.setText(str(score))
        self.penalty.setCurrentIndex(max(self.penalty.findData(sheet.penalty or "none"), 0))
        self.evaluated_on.set_value(sheet.evaluated_on)
        self.days.setValue(sheet.days_worked)

    def _list(self, sheets: list, person: object, year: int) -> None:
        self.sheets.setRowCount(len(sheets))
        for row, sheet in enumerate(sheets):
            band = tr(f"eval.band.b.{sheet.band}", self.lang)
            for col, text in enumerate(
                (f"Q{sheet.quarter}", sheet.evaluator_name, str(sheet.final_score), band)
            ):
                self.sheets.setItem(row, col, QTableWidgetItem(text))
        self.sheets.resizeColumnsToContents()
        if not sheets or person is None:
            self.annual.setText("")
            return
        annual = attempt(
            lambda error: self.annual.setText(str(error)), corps_b.annual_score, person, year
        )
        if annual is REFUSED:
            return
        band = tr(f"eval.band.b.{annual.band}", self.lang)
        self.annual.setText(
            tr("eval.annual", self.lang, year=year, score=annual.score, band=band,
               quarters=len(annual.quarters))
        )  # fmt: skip

    def refresh(self, keep_unsaved: bool = True) -> None:
        """The lists again; the sheet from the store unless edits typed are to be kept
        (the evaluator chosen among them)."""
        keep = keep_unsaved and self.has_unsaved()
        self.employee.blockSignals(True)
        fill_persons(self.employee, self.lang)
        self.employee.blockSignals(False)
        fill_persons(self.evaluator, self.lang)
        if keep:
            return
        if self.evaluator.count() > 1 and self.evaluator.currentIndex() == 0:
            self.evaluator.setCurrentIndex(1)
        self.load()

    def _form(self) -> str:
        return self.form.currentData()

    def _relabel(self) -> None:
        for label, key in zip(self.labels, FORMS[self._form()], strict=True):
            label.setText(tr(f"eval.param.{key}", self.lang))
            label.setToolTip(tr(f"eval.hint.{key}", self.lang))
        self.preview()

    def _penalty(self) -> str | None:
        value = self.penalty.currentData()
        return None if value == "none" else value

    def _values(self) -> list[str]:
        return [edit.text().strip() for edit in self.scores]

    def _field_label(self, error: ServiceError) -> str:
        """The parameter's printed title for a refusal naming a parameter id."""
        keys = FORMS[self._form()]
        if error.field in keys:
            index = keys.index(error.field)
            self.scores[index].setFocus()
            self.scores[index].selectAll()
            return tr(f"eval.param.{error.field}", self.lang)
        return error.field or ""

    def check(self) -> bool:
        """Validation before saving (R-EVB-3, R-EVB-4): the refusal names field and rule."""
        previewed = attempt(
            lambda error: self.feedback.error(error, self._field_label(error)),
            corps_b.preview_sheet, self._form(), self._values(), self._penalty(),
        )  # fmt: skip
        if previewed is REFUSED:
            return False
        final, band = previewed
        self.summary.setText(
            tr("eval.preview", self.lang, score=final, band=tr(f"eval.band.b.{band}", self.lang))
        )
        return True

    def preview(self) -> None:
        # While typing only a complete sheet is previewed; errors wait for Save.
        if all(self._values()):
            previewed = attempt(
                lambda _error: self.summary.setText(""),
                corps_b.preview_sheet, self._form(), self._values(), self._penalty(),
            )  # fmt: skip
            if previewed is REFUSED:
                return
            final, band = previewed
            label = tr(f"eval.band.b.{band}", self.lang)
            self.summary.setText(tr("eval.preview", self.lang, score=final, band=label))

    def save(self) -> bool:
        """Save the sheet of the person, year and quarter shown."""
        if self._shown is None or self._shown[0] is None or self.evaluator.currentData() is None:
            self.feedback.error(tr("eval.no_person", self.lang))
            return False
        if not self.check():
            return False
        person, year, quarter = self._shown
        view = attempt(
            changed_elsewhere(
                self, PARTS, lambda error: self.feedback.error(error, self._field_label(error))
            ),
            lambda: corps_b.save_over(self.version, person, year, quarter, lambda: (
                corps_b.save_sheet(
                    person, self.evaluator.currentData(), year, quarter, self._form(),
                    self._values(), penalty=self._penalty(),
                    evaluated_on=picked(self.evaluated_on), days_worked=self.days.value(),
                )
            )),
        )  # fmt: skip
        if view is REFUSED:
            return False
        self.load()
        self.sheet_id = view.id
        band = tr(f"eval.band.b.{view.band}", self.lang)
        text = tr("eval.saved", self.lang, score=view.final_score, band=band)
        if view.additional_evaluators_needed:
            text += "\n" + tr("eval.additional_evaluators", self.lang)
        self.feedback.ok(text)
        return True

    def print_(self) -> None:
        if self.sheet_id is None:
            self.save()
        if self.sheet_id is None:
            return
        data = attempt(self.feedback.error, printing.corps_b_pdf, self.sheet_id, self.lang)
        if data is REFUSED:
            return
        path = save_pdf(data, f"corps_b_{self.sheet_id}_{self.lang}")
        self.feedback.ok(tr("eval.printed", self.lang, path=path))
