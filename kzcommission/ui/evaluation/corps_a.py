"""The corps "A" editor: the annual agreement of five KPIs and its evaluation sheet.

R-EVA-1 (five KPIs), R-EVA-2 (score per KPI: the allowed range is shown as the
percentage is typed), R-EVA-3 (final score and band), R-EVA-4, R-EVA-5; the
procedures offered follow the editions in force for the year (expired ones never).

Bound to one person and one year (issue 22): choosing another reloads every field
from the store (defaults where nothing is saved); unsaved edits are saved or
discarded by the user's answer (ui/unsaved.py). The realisation percentage follows
plan and actual as they are typed, unless typed by hand, and the allowed score
range follows it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

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
from kzcommission.services.errors import ServiceError
from kzcommission.services.evaluation import corps_a, printing
from kzcommission.services.evaluation.corps_a import KpiResult, KpiSpec
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

T = TypeVar("T")
# The parts of an agreement another desk may have changed, as this page names them.
PARTS = {"category": "eval.category", "procedure": "eval.procedure",
         "authorised_name": "eval.authorised", "authorised_position": "eval.authorised_position",
         "agreed_on": "eval.part.agreed_on", "evaluated_on": "eval.evaluated_on",
         "days_worked": "eval.days_worked", "kpis": "field.kpis", "review": "eval.review",
         "additional_info": "eval.part.additional_info", "decision": "eval.decision",
         "decided_on": "eval.part.decided_on"}  # fmt: skip
COLUMNS = ("kpi", "unit", "plan", "actual", "percent", "score")
TITLE, UNIT, PLAN, ACTUAL, PERCENT, SCORE = range(6)


class CorpsAPanel(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.agreement_id: int | None = None
        # The agreement as loaded or last saved here: the version a save goes over (issue 22).
        self.version: corps_a.AgreementView | None = None
        self._shown: tuple[object, int] | None = None  # (person id, year) on screen
        self._loaded: tuple = ()
        self._shown_name = ""
        self._auto: list[bool] = [True] * 5  # percent computed, not typed by hand
        self.employee = QComboBox()
        self.year = QSpinBox(minimum=2025, maximum=2100, value=max(date.today().year - 1, 2025))
        self.procedure, self.category, self.decision = QComboBox(), QComboBox(), QComboBox()
        self.procedure.setObjectName("procedure")
        for category in (1, 2):
            self.category.addItem(str(category), category)
        for option in corps_a.DECISIONS:
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
        self.evaluated_on = date_edit(date.today(), "evaluated_on", lang)
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
        # Two rows, the entries then the prints: one row of all seven is wider than a
        # 1366-pixel screen in Kazakh and Russian.
        rows = (QHBoxLayout(), QHBoxLayout())
        actions = (
            ("eval.action.save", "Ctrl+S", self.save),
            ("eval.action.evaluate", "Ctrl+E", self.evaluate),
            ("eval.action.decision", "Ctrl+D", self.decide),
            ("eval.action.print_agreement", "Ctrl+Shift+P", lambda: self.print_("agreement")),
            ("eval.action.print_sheet", "Ctrl+P", lambda: self.print_("sheet")),
            ("eval.action.print_review", "Ctrl+Alt+P", lambda: self.print_("review")),
            ("eval.action.print_max_table", "Ctrl+Alt+M", lambda: self.print_("max_table")),
        )
        for index, (key, keys, slot) in enumerate(actions):
            rows[index >= 3].addWidget(action(self, lang, key, keys, slot))
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addLayout(marks)
        outer.addWidget(self.table)
        for row in rows:
            row.addStretch(1)
            outer.addLayout(row)
        outer.addWidget(self.feedback)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.year.valueChanged.connect(self._switch)
        self.employee.currentIndexChanged.connect(self._switch)
        self.table.cellChanged.connect(self._hint)
        self._offer_procedures()
        self.refresh()
        KeepShortcuts(self, [keys for _key, keys, _slot in actions])

    @property
    def first(self) -> QWidget:
        return self.employee

    def _fields(self) -> list[QWidget]:
        return [self.procedure, self.category, self.authorised, self.authorised_position,
                *self.instructions, self.evaluated_on, self.days, self.review,
                self.additional, self.decision, self.table]  # fmt: skip

    def has_unsaved(self) -> bool:
        return self._shown is not None and snapshot(self._fields()) != self._loaded

    def _switch(self) -> None:
        """Another person or year: ask about unsaved edits, then reload from the store."""
        wanted = (self.employee.currentData(), self.year.value())
        if wanted == self._shown:
            return
        if not self.settle():
            self._go_back()
            return
        self.load()

    def settle(self) -> bool:
        """Unsaved edits saved or discarded by the user's answer; False: he stays."""
        return settle(self, self.lang, self._shown_name, self.has_unsaved(), self.save)

    def _go_back(self) -> None:
        """Stay on the person and year shown, with what was typed."""
        person, year = self._shown
        for widget in (self.employee, self.year):
            widget.blockSignals(True)
        self.employee.setCurrentIndex(self.employee.findData(person))
        self.year.setValue(year)
        for widget in (self.employee, self.year):
            widget.blockSignals(False)

    def reload_shown(self) -> None:
        """The agreement shown, from the store (the person and year it belongs to, even
        while another is being chosen)."""
        self._go_back()
        self.load()

    def refresh(self, keep_unsaved: bool = True) -> None:
        """The lists again; the record from the store unless edits typed are to be kept."""
        self.employee.blockSignals(True)
        fill_persons(self.employee, self.lang)
        self.employee.blockSignals(False)
        if not (keep_unsaved and self.has_unsaved()):
            self.load()

    def _offer_procedures(self) -> None:
        """Only the procedures in force for the year are offered (chapter 5 not after 2025)."""
        self.procedure.clear()
        for name in corps_a.procedures_for(self.year.value()):
            self.procedure.addItem(tr(f"eval.procedure.{name}", self.lang), name)

    def _cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item else ""

    def _set(self, row: int, col: int, text: str) -> None:
        item = self.table.item(row, col)
        if item is None:
            self.table.setItem(row, col, QTableWidgetItem(text))
        else:
            item.setText(text)

    def _hint(self, row: int, col: int) -> None:
        """R-EVA-2: the percentage follows plan and actual (unless typed by hand), and the
        allowed scores follow the percentage, on the score cell and the feedback line."""
        self.table.blockSignals(True)
        try:
            if col == PERCENT:
                self._auto[row] = not self._cell(row, PERCENT)
            elif col in (PLAN, ACTUAL) and self._auto[row]:
                suggested = corps_a.suggest_percent(self._cell(row, PLAN), self._cell(row, ACTUAL))
                self._set(row, PERCENT, "" if suggested is None else str(suggested))
            if col in (PLAN, ACTUAL, PERCENT):
                self._show_range(row)
        finally:
            self.table.blockSignals(False)

    def _show_range(self, row: int) -> None:
        if self.table.item(row, SCORE) is None:
            self.table.setItem(row, SCORE, QTableWidgetItem(""))
        score = self.table.item(row, SCORE)
        if not self._cell(row, PERCENT):
            score.setToolTip("")
            return

        def refused(error: ServiceError) -> None:
            score.setToolTip("")
            self.feedback.error(error, f"KPI {row + 1}")

        bounds = attempt(
            refused, corps_a.kpi_bounds,
            self._cell(row, PERCENT), self.instructions[row].isChecked(),
        )  # fmt: skip
        if bounds is REFUSED:
            return
        low, high = bounds
        text = tr("eval.allowed", self.lang, low=low, high=high)
        score.setToolTip(text)
        self.feedback.ok(f"KPI {row + 1}: {text}")

    def _clear(self) -> None:
        """Every field to its empty or default value before a record is shown."""
        self.agreement_id, self.version = None, None
        for row in range(self.table.rowCount()):
            for col in range(self.table.columnCount()):
                self._set(row, col, "")
                self.table.item(row, col).setToolTip("")
        self._auto = [True] * 5
        for field in (self.authorised, self.authorised_position, self.review, self.additional):
            field.clear()
        for n, box in enumerate(self.instructions):
            box.setChecked(n == 0)
        for combo in (self.procedure, self.category, self.decision):
            combo.setCurrentIndex(0)
        self.evaluated_on.set_value(date.today())
        self.days.setValue(220)
        self.feedback.setText("")

    def load(self) -> None:
        """Show the agreement of the chosen person and year, every field from the store."""
        person = self.employee.currentData()
        if self._shown is None or self._shown[1] != self.year.value():
            self._offer_procedures()  # the editions in force for the year
        self._shown = (person, self.year.value())
        self._shown_name = self.employee.currentText()
        self.table.blockSignals(True)
        self._clear()
        listed = attempt(self.feedback.error, corps_a.list_agreements, self.year.value())
        views = [] if listed is REFUSED else [a for a in listed if a.person_id == person]
        if views:
            view = views[0]
            self.agreement_id, self.version = view.id, view
            self.authorised.setText(view.authorised_name)
            self.authorised_position.setText(view.authorised_position)
            self.review.setPlainText(view.review)
            self.additional.setPlainText(view.additional_info)
            self.category.setCurrentIndex(max(self.category.findData(view.category), 0))
            self.procedure.setCurrentIndex(max(self.procedure.findData(view.procedure), 0))
            if view.decision:
                self.decision.setCurrentIndex(max(self.decision.findData(view.decision), 0))
            if view.evaluated_on:
                self.evaluated_on.set_value(view.evaluated_on)
            if view.days_worked is not None:
                self.days.setValue(view.days_worked)
            for row, k in enumerate(view.kpis):
                for col, value in zip(COLUMNS, (k.title, k.unit, k.plan, k.actual,
                                                k.percent, k.score), strict=True):  # fmt: skip
                    self._set(row, COLUMNS.index(col), "" if value is None else str(value))
                self.instructions[row].setChecked(k.instructions)
                self._auto[row] = k.percent is None
            if view.final_score is not None:
                band = tr(f"eval.band.a.{view.band}", self.lang)
                self.feedback.ok(tr("eval.saved", self.lang, score=view.final_score, band=band))
        self.table.blockSignals(False)
        self._loaded = snapshot(self._fields())

    def save(self) -> bool:
        """Save for the person and year shown (never for one just chosen)."""
        if self._shown is None or self._shown[0] is None:
            self.feedback.error(tr("eval.no_person", self.lang))
            return False
        person, year = self._shown
        specs = [
            KpiSpec(self._cell(r, TITLE), self.instructions[r].isChecked(),
                    unit=self._cell(r, UNIT) or "%", plan=self._cell(r, PLAN))
            for r in range(5)
        ]  # fmt: skip

        def write() -> corps_a.AgreementView:
            view = corps_a.save_agreement(
                person, year, specs,
                category=self.category.currentData(), procedure=self.procedure.currentData(),
                authorised_name=self.authorised.text(),
                authorised_position=self.authorised_position.text(),
            )  # fmt: skip
            if (
                view.review != self.review.toPlainText()
                or view.additional_info != self.additional.toPlainText()
            ):
                view = corps_a.set_review(
                    view.id, self.review.toPlainText(), self.additional.toPlainText()
                )
            return view

        view = attempt(self._refused(self.feedback.error), self._over(write))
        if view is REFUSED:
            return False
        self.agreement_id, self.version = view.id, view
        self._loaded = snapshot(self._fields())
        self.feedback.ok(tr("eval.action.save", self.lang).split(" (")[0] + " ✓")
        return True

    def evaluate(self) -> None:
        if self.agreement_id is None:
            self.save()
        if self.agreement_id is None:
            return
        results = [
            KpiResult(r + 1, self._cell(r, ACTUAL), self._cell(r, PERCENT), self._cell(r, SCORE))
            for r in range(5)
        ]
        view = attempt(
            self._refused(self._refused_kpi), self._over(lambda: corps_a.evaluate_agreement(
                self.agreement_id, results,
                evaluated_on=picked(self.evaluated_on), days_worked=self.days.value(),
            )),
        )  # fmt: skip
        if view is REFUSED:
            return
        self.version = view
        self._loaded = snapshot(self._fields())
        band = tr(f"eval.band.a.{view.band}", self.lang)
        self.feedback.ok(tr("eval.saved", self.lang, score=view.final_score, band=band))

    def _over(self, change: Callable[[], T]) -> Callable[[], T]:
        """``change`` run over the version of the agreement this page loaded (issue 22)."""
        person, year = self._shown
        return lambda: corps_a.save_over(self.version, person, year, change)

    def _refused(self, otherwise: Callable[[ServiceError], object]) -> Callable[..., None]:
        return changed_elsewhere(self, PARTS, otherwise)

    def _refused_kpi(self, error: ServiceError) -> None:
        """A refusal naming a KPI line points at its score cell."""
        field = error.field or ""
        if field.startswith("kpis[") and field[5:-1].isdigit():
            row = int(field[5:-1])
            self.table.setCurrentCell(row, SCORE)
            field = f"KPI {row + 1}"
        self.feedback.error(error, field)

    def decide(self) -> None:
        if self.agreement_id is None:
            return
        decision = self.decision.currentData()
        done = attempt(
            self._refused(self.feedback.error),  # a date that is not one too (BadDate)
            self._over(lambda: corps_a.record_decision(
                self.agreement_id, decision, picked(self.evaluated_on)
            )),
        )  # fmt: skip
        if done is REFUSED:
            return
        self.version = done
        self._loaded = snapshot(self._fields())
        self.feedback.ok(self.decision.currentText())

    def print_(self, form: str) -> None:
        if self.agreement_id is None:
            return
        data = attempt(
            self.feedback.error, printing.corps_a_pdf, self.agreement_id, form, self.lang
        )
        if data is REFUSED:
            return
        path = save_pdf(data, f"corps_a_{form}_{self.agreement_id}_{self.lang}")
        self.feedback.ok(tr("eval.printed", self.lang, path=path))
