"""The corps "B" quarterly sheet editor (R-EVB-1..5), both forms, checked before saving."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.services import evaluation_b, evaluation_print
from kzcommission.services.errors import ServiceError
from kzcommission.services.evaluation_b import FORMS, PENALTY_CHOICES
from kzcommission.ui.evaluation.common import (
    Feedback,
    action,
    date_edit,
    fill_persons,
    picked,
    save_pdf,
)

PENALTIES = ("none", *PENALTY_CHOICES)


class CorpsBPanel(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.sheet_id: int | None = None
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
        self.evaluated_on = date_edit(today)
        self.days = QSpinBox(minimum=0, maximum=92, value=60)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.feedback = Feedback(lang)
        self.feedback.setObjectName("feedback")

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
        outer.addStretch(1)
        self.form.currentIndexChanged.connect(self._relabel)
        self.penalty.currentIndexChanged.connect(self.preview)
        self._relabel()
        self.refresh()

    def refresh(self) -> None:
        fill_persons(self.employee)
        fill_persons(self.evaluator)
        if self.evaluator.count() > 1 and self.evaluator.currentIndex() == 0:
            self.evaluator.setCurrentIndex(1)

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
        try:
            final, band = evaluation_b.preview_sheet(self._form(), self._values(), self._penalty())
        except ServiceError as error:
            self.feedback.error(error, self._field_label(error))
            return False
        self.summary.setText(
            tr("eval.preview", self.lang, score=final, band=tr(f"eval.band.b.{band}", self.lang))
        )
        return True

    def preview(self) -> None:
        # While typing only a complete sheet is previewed; errors wait for Save.
        if all(self._values()):
            try:
                final, band = evaluation_b.preview_sheet(
                    self._form(), self._values(), self._penalty()
                )
            except ServiceError:
                self.summary.setText("")
                return
            label = tr(f"eval.band.b.{band}", self.lang)
            self.summary.setText(tr("eval.preview", self.lang, score=final, band=label))

    def save(self) -> None:
        if self.employee.currentData() is None or self.evaluator.currentData() is None:
            self.feedback.error(tr("eval.no_person", self.lang))
            return
        if not self.check():
            return
        try:
            view = evaluation_b.save_sheet(
                self.employee.currentData(), self.evaluator.currentData(), self.year.value(),
                self.quarter.value(), self._form(), self._values(), penalty=self._penalty(),
                evaluated_on=picked(self.evaluated_on), days_worked=self.days.value(),
            )  # fmt: skip
        except ServiceError as error:
            self.feedback.error(error, self._field_label(error))
            return
        self.sheet_id = view.id
        band = tr(f"eval.band.b.{view.band}", self.lang)
        text = tr("eval.saved", self.lang, score=view.final_score, band=band)
        if view.additional_evaluators_needed:
            text += "\n" + tr("eval.additional_evaluators", self.lang)
        self.feedback.ok(text)

    def print_(self) -> None:
        if self.sheet_id is None:
            self.save()
        if self.sheet_id is None:
            return
        try:
            data = evaluation_print.corps_b_pdf(self.sheet_id, self.lang)
        except ServiceError as error:
            self.feedback.error(error)
            return
        path = save_pdf(data, f"corps_b_{self.sheet_id}_{self.lang}")
        self.feedback.ok(tr("eval.printed", self.lang, path=path))
