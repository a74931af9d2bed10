"""The calibration session panel: request, composition, vote by name, protocol (R-CAL-1..4)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.services.evaluation import calibration, corps_b, printing
from kzcommission.services.evaluation.calibration import PanelSpec
from kzcommission.services.preparation import persons
from kzcommission.ui.dialogs import REFUSED, attempt
from kzcommission.ui.evaluation.common import (
    Feedback,
    KeepShortcuts,
    action,
    date_edit,
    picked,
    save_pdf,
)
from kzcommission.ui.unsaved import settle

NAME, MEMBER, EVALUATOR, OFFICER, VOTE = range(5)
CHECKS = (MEMBER, EVALUATOR, OFFICER)


class CalibrationPanel(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.sheet, self.session = QComboBox(), QComboBox()
        today = date.today()
        self.result_received = date_edit(today, "result_received", lang)
        self.request_received = date_edit(today, "request_received", lang)
        self.approved_on = date_edit(today, "approved_on", lang)
        self.held_on = date_edit(today, "held_on", lang)
        self.signed_on = date_edit(today, "signed_on", lang)
        self.uploaded_on = date_edit(today, "uploaded_on", lang)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [tr(k, lang) for k in ("eval.employee", "eval.member", "eval.is_evaluator",
                                   "eval.is_personnel_officer", "eval.vote")]
        )  # fmt: skip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.info = QLabel()
        self.info.setWordWrap(True)
        # The deadlines stay readable at 1366x768: the table gives way, not these lines.
        self.info.setMinimumHeight(self.info.fontMetrics().lineSpacing() * 3)
        self.feedback = Feedback(lang)

        form = QFormLayout()
        form.addRow(tr("eval.sheet", lang), self.sheet)
        form.addRow(tr("eval.result_received", lang), self.result_received)
        form.addRow(tr("eval.request_received", lang), self.request_received)
        form.addRow(tr("eval.session", lang), self.session)
        form.addRow(tr("eval.approved_on", lang), self.approved_on)
        form.addRow(tr("eval.held_on", lang), self.held_on)
        form.addRow(tr("eval.doc.date", lang), self.signed_on)
        form.addRow(tr("eval.uploaded_on", lang), self.uploaded_on)
        buttons = QGridLayout()
        actions = (
            ("eval.action.request", "Ctrl+R", self.request),
            ("eval.action.panel", "Ctrl+M", self.compose),
            ("eval.action.vote", "Ctrl+Return", self.vote),
            ("eval.action.sign", "Ctrl+G", self.sign),
            ("eval.action.uploaded", "Ctrl+U", self.uploaded),
            ("eval.action.print_protocol", "Ctrl+P", self.print_),
            ("eval.action.disposal", "Ctrl+Shift+D", self.disposal),
        )
        for n, (key, keys, slot) in enumerate(actions):
            buttons.addWidget(action(self, lang, key, keys, slot), n // 4, n % 4)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(self.table)
        outer.addLayout(buttons)
        outer.addWidget(self.info)
        outer.addWidget(self.feedback)
        self._shown: object = None  # the session whose votes are on screen
        self._loaded_votes: tuple = ()
        self.session.currentIndexChanged.connect(self._switch)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.refresh()
        KeepShortcuts(self, [keys for _key, keys, _slot in actions])

    @property
    def first(self) -> QWidget:
        return self.sheet

    def refresh(self, keep_unsaved: bool = True) -> None:
        """The lists again; the session from the store, votes typed and not recorded kept
        unless they are to go (the user's answer)."""
        typed = {}
        if keep_unsaved and self.has_unsaved():
            typed = {
                self._person(r): self.table.item(r, VOTE).text()
                for r in range(self.table.rowCount())
            }
        listed = attempt(
            self.feedback.error, lambda: (corps_b.list_sheets(), calibration.list_sessions())
        )
        if listed is REFUSED:
            return
        sheets, sessions = listed
        self.sheet.clear()
        for s in sheets:
            self.sheet.addItem(f"{s.person_name}, {s.year} Q{s.quarter}: {s.final_score}", s.id)
        current = self.session.currentData()
        self.session.blockSignals(True)
        self.session.clear()
        for c in sessions:
            status = tr(f"eval.status.{c.status}", self.lang)
            self.session.addItem(
                tr("eval.session_line", self.lang, person=c.person_name, quarter=c.quarter,
                   year=c.year, status=status),
                c.id,
            )  # fmt: skip
        index = self.session.findData(current)
        self.session.setCurrentIndex(index if index >= 0 else (0 if sessions else -1))
        self.session.blockSignals(False)
        self._fill_people()
        self.show_session()
        if typed and self._shown is not None:
            for row in range(self.table.rowCount()):
                self.table.item(row, VOTE).setText(typed.get(self._person(row), ""))

    def _fill_people(self) -> None:
        people = persons.search_persons("", 1000)
        self.table.setRowCount(len(people))
        for row, person in enumerate(people):
            name = QTableWidgetItem(person.full_name)
            name.setData(Qt.ItemDataRole.UserRole, person.id)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.table.setItem(row, NAME, name)
            for col in CHECKS:
                box = QTableWidgetItem()
                box.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                box.setCheckState(Qt.CheckState.Unchecked)
                self.table.setItem(row, col, box)
            self.table.setItem(row, VOTE, QTableWidgetItem(""))

    def _checked(self, row: int, col: int) -> bool:
        item = self.table.item(row, col)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _person(self, row: int) -> int:
        return self.table.item(row, NAME).data(Qt.ItemDataRole.UserRole)

    def show_session(self) -> None:
        session_id = self.session.currentData()
        self._shown, self._shown_name = session_id, self.session.currentText()
        if session_id is None:
            self.info.setText("")
            for row in range(self.table.rowCount()):
                self.table.item(row, VOTE).setText("")
            self._loaded_votes = self._votes_typed()
            return
        view = attempt(self.feedback.error, calibration.get_session, session_id)
        if view is REFUSED:
            return
        d = view.deadlines
        lines = [tr("eval.deadlines", self.lang, request_due=f"{d.request_due:%d.%m.%Y}",
                    late="" if d.request_in_time else tr("eval.late", self.lang),
                    composition_due=f"{d.composition_due:%d.%m.%Y}",
                    session_due=f"{d.session_due:%d.%m.%Y}")]  # fmt: skip
        if view.protocol_upload_due:
            overdue = tr("eval.overdue", self.lang) if view.protocol_overdue(date.today()) else ""
            due = f"{view.protocol_upload_due:%d.%m.%Y}"
            lines.append(tr("eval.protocol_due", self.lang, due=due, overdue=overdue))
        # Bound to this session: its dates and votes from the store, nothing carried over.
        today = date.today()
        self.result_received.set_value(view.result_received)
        self.request_received.set_value(view.request_received)
        self.approved_on.set_value(view.composition_approved_on or today)
        self.held_on.set_value(view.held_on or today)
        self.signed_on.set_value(view.protocol_signed_on or today)
        self.uploaded_on.set_value(view.protocol_uploaded_on or today)
        last_round = max((v.round for v in view.votes), default=None)
        votes = {v.person_id: str(v.score) for v in view.votes if v.round == last_round}
        members = {m.person_id: m for m in view.members}
        for row in range(self.table.rowCount()):
            self.table.item(row, VOTE).setText(votes.get(self._person(row), ""))
            member = members.get(self._person(row))
            flags = (member is not None, bool(member and member.is_evaluator),
                     bool(member and member.is_personnel_officer))  # fmt: skip
            for col, on in zip(CHECKS, flags, strict=True):
                state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
                self.table.item(row, col).setCheckState(state)
        self.info.setText("\n".join(lines))
        self._loaded_votes = self._votes_typed()

    def _votes_typed(self) -> tuple:
        return tuple(self.table.item(r, VOTE).text().strip() for r in range(self.table.rowCount()))

    def has_unsaved(self) -> bool:
        """Votes typed for the session shown and not recorded (issue 22)."""
        return self._shown is not None and self._votes_typed() != self._loaded_votes

    def _switch(self) -> None:
        """Another session: the typed votes are recorded or discarded by the user's answer."""
        if self.session.currentData() != self._shown and not self.settle():
            self.session.blockSignals(True)
            self.session.setCurrentIndex(self.session.findData(self._shown))
            self.session.blockSignals(False)
            return
        self.show_session()

    def settle(self) -> bool:
        """Votes typed and not recorded: recorded or discarded by the user's answer; False:
        he stays."""
        return settle(
            self, self.lang, self._shown_name, self.has_unsaved(),
            lambda: self._record_votes(self._shown, reselect=False),
        )  # fmt: skip

    def _run(self, call) -> None:
        view = attempt(self.feedback.error, call)
        if view is REFUSED:
            return
        status = tr(f"eval.status.{view.status}", self.lang)
        score = f": {view.adopted_score}" if view.adopted_score is not None else ""
        self.feedback.ok(status + score)
        self.refresh()
        self.session.setCurrentIndex(self.session.findData(view.id))

    def request(self) -> None:
        if self.sheet.currentData() is None:
            return
        self._run(lambda: calibration.request_session(
            self.sheet.currentData(), result_received=picked(self.result_received),
            request_received=picked(self.request_received)))  # fmt: skip

    def compose(self) -> None:
        """R-CAL-2: the ticked members; the service refuses an unlawful panel, naming the rule."""
        if self.session.currentData() is None:
            return
        members = [
            PanelSpec(self._person(r), self._checked(r, EVALUATOR), self._checked(r, OFFICER))
            for r in range(self.table.rowCount()) if self._checked(r, MEMBER)
        ]  # fmt: skip
        self._run(lambda: calibration.set_panel(
            self.session.currentData(), members, approved_on=picked(self.approved_on)))  # fmt: skip

    def vote(self) -> None:
        """R-CAL-3: each member's score typed in the vote column, recorded by name."""
        if self.session.currentData() is not None:
            self._record_votes(self.session.currentData())

    def _record_votes(self, session_id: int, reselect: bool = True) -> bool:
        votes = {
            self._person(r): self.table.item(r, VOTE).text().strip()
            for r in range(self.table.rowCount())
            if self._checked(r, MEMBER) and self.table.item(r, VOTE).text().strip()
        }
        view = attempt(
            self.feedback.error,
            lambda: calibration.record_votes(session_id, votes, held_on=picked(self.held_on)),
        )
        if view is REFUSED:
            return False
        status = tr(f"eval.status.{view.status}", self.lang)
        score = f": {view.adopted_score}" if view.adopted_score is not None else ""
        self.feedback.ok(status + score)
        if reselect:
            self.refresh()
            self.session.setCurrentIndex(self.session.findData(view.id))
        return True

    def sign(self) -> None:
        if self.session.currentData() is not None:
            self._run(lambda: calibration.sign_protocol(
                self.session.currentData(), picked(self.signed_on)))  # fmt: skip

    def uploaded(self) -> None:
        if self.session.currentData() is not None:
            self._run(lambda: calibration.mark_protocol_uploaded(
                self.session.currentData(), picked(self.uploaded_on)))  # fmt: skip

    def print_(self) -> None:
        session_id = self.session.currentData()
        if session_id is None:
            return
        data = attempt(self.feedback.error, printing.protocol_pdf, session_id, self.lang)
        if data is REFUSED:
            return
        path = save_pdf(data, f"calibration_{session_id}_{self.lang}")
        self.feedback.ok(tr("eval.printed", self.lang, path=path))

    def disposal(self) -> None:
        """R-CAL-4: papers whose three years of keeping are over."""
        items = attempt(self.feedback.error, calibration.due_for_disposal, date.today())
        if items is REFUSED:
            return
        lines = [
            tr("eval.disposal_line", self.lang, kind=tr(f"eval.kind.{i.kind}", self.lang),
               person=i.person_name, until=f"{i.keep_until:%d.%m.%Y}")
            for i in items
        ]  # fmt: skip
        self.info.setText("\n".join(lines) or tr("eval.disposal_none", self.lang))
