"""The corps "A" editor: the annual agreement of five KPIs and its evaluation sheet.

R-EVA-1 (five KPIs), R-EVA-2 (score per KPI: the allowed range is shown as the
percentage is typed), R-EVA-3 (final score and band), R-EVA-4, R-EVA-5; the
procedures offered follow the editions in force for the year (expired ones never).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.services import evaluation, evaluation_print
from kzcommission.services.errors import ServiceError
from kzcommission.services.evaluation import KpiResult, KpiSpec
from kzcommission.ui.evaluation.common import (
    Feedback,
    action,
    date_edit,
    fill_persons,
    picked,
    save_pdf,
)

COLUMNS = ("kpi", "unit", "plan", "actual", "percent", "score")
TITLE, UNIT, PLAN, ACTUAL, PERCENT, SCORE = range(6)


class CorpsAPanel(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.agreement_id: int | None = None
        self.employee = QComboBox()
        self.year = QSpinBox(minimum=2025, maximum=2100, value=max(date.today().year - 1, 2025))
        self.procedure, self.category, self.decision = QComboBox(), QComboBox(), QComboBox()
        self.procedure.setObjectName("procedure")
        for category in (1, 2):
            self.category.addItem(str(category), category)
        for option in evaluation.DECISIONS:
            self.decision.addItem(tr(f"eval.decision.{option}", lang), option)
        self.authorised, self.authorised_position = QLineEdit(), QLineEdit()
        self.table = QTableWidget(5, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(f"eval.doc.col.{c}", lang) for c in COLUMNS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        # Which row is the mandatory KPI on instructions (Appendix 4), by row number.
        self.instructions = [
            QCheckBox(f"{n}. {tr('eval.instructions', lang)}") for n in range(1, 6)
        ]
        self.instructions[0].setChecked(True)
        self.evaluated_on = date_edit(date.today())
        self.days = QSpinBox(minimum=0, maximum=366, value=220)
        self.review, self.additional = QPlainTextEdit(), QPlainTextEdit()
        self.review.setMaximumHeight(60)
        self.additional.setMaximumHeight(60)
        self.feedback = Feedback(lang)

        form = QFormLayout()
        form.addRow(tr("eval.employee", lang), self.employee)
        form.addRow(tr("eval.year", lang), self.year)
        form.addRow(tr("eval.procedure", lang), self.procedure)
        form.addRow(tr("eval.category", lang), self.category)
        form.addRow(tr("eval.authorised", lang), self.authorised)
        form.addRow(tr("eval.authorised_position", lang), self.authorised_position)
        marks = QHBoxLayout()
        for box in self.instructions:
            marks.addWidget(box)
        form.addRow(tr("eval.evaluated_on", lang), self.evaluated_on)
        form.addRow(tr("eval.days_worked", lang), self.days)
        form.addRow(tr("eval.review", lang), self.review)
        form.addRow(tr("eval.doc.review.additional", lang)[:40] + "…", self.additional)
        form.addRow(tr("eval.decision", lang), self.decision)
        buttons = QHBoxLayout()
        for key, keys, slot in (
            ("eval.action.save", "Ctrl+S", self.save),
            ("eval.action.evaluate", "Ctrl+E", self.evaluate),
            ("eval.action.decision", "Ctrl+D", self.decide),
            ("eval.action.print_agreement", "Ctrl+Shift+P", lambda: self.print_("agreement")),
            ("eval.action.print_sheet", "Ctrl+P", lambda: self.print_("sheet")),
            ("eval.action.print_review", "Ctrl+Alt+P", lambda: self.print_("review")),
        ):
            buttons.addWidget(action(self, lang, key, keys, slot))
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addLayout(marks)
        outer.addWidget(self.table)
        outer.addLayout(buttons)
        outer.addWidget(self.feedback)
        self.year.valueChanged.connect(self._offer_procedures)
        self.year.valueChanged.connect(self.load)
        self.employee.currentIndexChanged.connect(self.load)
        self.table.cellChanged.connect(self._hint)
        self._offer_procedures()
        self.refresh()

    def refresh(self) -> None:
        fill_persons(self.employee)
        self.load()

    def _offer_procedures(self) -> None:
        """Only the procedures in force for the year are offered (chapter 5 not after 2025)."""
        self.procedure.clear()
        for name in evaluation.procedures_for(self.year.value()):
            self.procedure.addItem(tr(f"eval.procedure.{name}", self.lang), name)

    def _cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item else ""

    def _set(self, row: int, col: int, text: str) -> None:
        self.table.setItem(row, col, QTableWidgetItem(text))

    def _hint(self, row: int, col: int) -> None:
        """R-EVA-2: the allowed scores for the percentage typed, on the score cell."""
        if col == ACTUAL and not self._cell(row, PERCENT):
            suggested = evaluation.suggest_percent(self._cell(row, PLAN), self._cell(row, ACTUAL))
            if suggested is not None:
                self._set(row, PERCENT, str(suggested))
        if col in (ACTUAL, PERCENT) and self._cell(row, PERCENT):
            try:
                low, high = evaluation.kpi_bounds(
                    self._cell(row, PERCENT), self.instructions[row].isChecked()
                )
            except ServiceError as error:
                self.feedback.error(error, f"KPI {row + 1}")
                return
            score = self.table.item(row, SCORE) or QTableWidgetItem("")
            score.setToolTip(tr("eval.allowed", self.lang, low=low, high=high))
            self.table.setItem(row, SCORE, score)

    def load(self) -> None:
        """Show the agreement of the chosen person and year, if there is one."""
        self.agreement_id = None
        person = self.employee.currentData()
        self.table.blockSignals(True)
        self.table.clearContents()
        try:
            views = [a for a in evaluation.list_agreements(self.year.value())
                     if a.person_id == person]  # fmt: skip
        except ServiceError as error:
            self.feedback.error(error)
            views = []
        if views:
            view = views[0]
            self.agreement_id = view.id
            self.authorised.setText(view.authorised_name)
            self.authorised_position.setText(view.authorised_position)
            self.review.setPlainText(view.review)
            self.additional.setPlainText(view.additional_info)
            for row, k in enumerate(view.kpis):
                for col, value in zip(COLUMNS, (k.title, k.unit, k.plan, k.actual,
                                                k.percent, k.score), strict=True):  # fmt: skip
                    self._set(row, COLUMNS.index(col), "" if value is None else str(value))
                self.instructions[row].setChecked(k.instructions)
            if view.final_score is not None:
                band = tr(f"eval.band.a.{view.band}", self.lang)
                self.feedback.ok(tr("eval.saved", self.lang, score=view.final_score, band=band))
        self.table.blockSignals(False)

    def save(self) -> None:
        if self.employee.currentData() is None:
            self.feedback.error(tr("eval.no_person", self.lang))
            return
        specs = [
            KpiSpec(self._cell(r, TITLE), self.instructions[r].isChecked(),
                    unit=self._cell(r, UNIT) or "%", plan=self._cell(r, PLAN))
            for r in range(5)
        ]  # fmt: skip
        try:
            view = evaluation.save_agreement(
                self.employee.currentData(), self.year.value(), specs,
                category=self.category.currentData(), procedure=self.procedure.currentData(),
                authorised_name=self.authorised.text(),
                authorised_position=self.authorised_position.text(),
            )  # fmt: skip
            if self.review.toPlainText().strip() or self.additional.toPlainText().strip():
                evaluation.set_review(
                    view.id, self.review.toPlainText(), self.additional.toPlainText()
                )
        except ServiceError as error:
            self.feedback.error(error)
            return
        self.agreement_id = view.id
        self.feedback.ok(tr("eval.action.save", self.lang).split(" (")[0] + " ✓")

    def evaluate(self) -> None:
        if self.agreement_id is None:
            self.save()
        if self.agreement_id is None:
            return
        results = [
            KpiResult(r + 1, self._cell(r, ACTUAL), self._cell(r, PERCENT), self._cell(r, SCORE))
            for r in range(5)
        ]
        try:
            view = evaluation.evaluate_agreement(
                self.agreement_id, results,
                evaluated_on=picked(self.evaluated_on), days_worked=self.days.value(),
            )  # fmt: skip
        except ServiceError as error:
            field = error.field or ""
            if field.startswith("kpis[") and field[5:-1].isdigit():
                row = int(field[5:-1])
                self.table.setCurrentCell(row, SCORE)
                field = f"KPI {row + 1}"
            self.feedback.error(error, field)
            return
        band = tr(f"eval.band.a.{view.band}", self.lang)
        self.feedback.ok(tr("eval.saved", self.lang, score=view.final_score, band=band))

    def decide(self) -> None:
        if self.agreement_id is None:
            return
        try:
            evaluation.record_decision(
                self.agreement_id, self.decision.currentData(), picked(self.evaluated_on)
            )
        except ServiceError as error:
            self.feedback.error(error)
            return
        self.feedback.ok(self.decision.currentText())

    def print_(self, form: str) -> None:
        if self.agreement_id is None:
            return
        try:
            data = evaluation_print.corps_a_pdf(self.agreement_id, form, self.lang)
        except ServiceError as error:
            self.feedback.error(error)
            return
        path = save_pdf(data, f"corps_a_{form}_{self.agreement_id}_{self.lang}")
        self.feedback.ok(tr("eval.printed", self.lang, path=path))
