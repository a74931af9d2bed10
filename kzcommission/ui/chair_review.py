"""The chair's review before signing: every case on one line, findings, sign-off.

Keyboard: arrows choose a case, Space confirms it, Ctrl+Shift+Enter confirms
all, Tab reaches the findings of the case, Ctrl+E explains the chosen finding
in writing, F5 checks again, Esc closes. A secretary at the keyboard can hand
it to the chair: confirming asks for the chair's name and password once,
without signing the secretary out.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzcommission.domain.kinds import grade_of
from kzcommission.domain.recount import DISCARDED
from kzcommission.i18n import tr
from kzcommission.services.context import Actor, acting_as
from kzcommission.services.errors import PermissionDenied, ServiceError
from kzcommission.services.installation import accounts
from kzcommission.services.sitting import review
from kzcommission.services.sitting.review import FindingLine, ReviewLine, RoundLine, SittingReview
from kzcommission.services.sitting.sittings import SittingView
from kzcommission.ui.dialogs import REFUSED, attempt, error_text, rule_title
from kzcommission.ui.labels import kind_label, option_label, status_label
from kzcommission.ui.shortcuts import key_of
from kzcommission.ui.table_fit import elided_tips, spread_columns
from kzcommission.ui.window_fit import fit_window

COLUMNS = (
    "number",
    "person",
    "kind",
    "voters",
    "presiding",
    "rounds",
    "recused",
    "decision",
    "grade",
    "corrections",
    "findings",
    "state",
)
# The columns whose text wraps, and their shares of the width the counts leave.
SPREAD = {
    "person": 2, "kind": 1.2, "presiding": 1.5, "rounds": 3.5, "recused": 1.2, "decision": 2,
    "state": 2,
}  # fmt: skip
STATE_COLOURS = {
    "blocked": "#c62828",
    "unconfirmed": "#8a6d00",
    "changed": "#8a6d00",
    "confirmed": "#1b7f3b",
}


def finding_text(finding: FindingLine, lang: str) -> str:
    """The finding in the user's language, with its rule id and title."""
    f = finding.finding
    text = tr(f"review.finding.{f.code}", lang, **dict(f.params))
    title = rule_title(f.rule_id, lang)
    line = f"{f.rule_id}{' — ' + title if title else ''}: {text}"
    if not finding.blocking:
        line += "\n    " + tr("review.explained", lang, text=finding.explanation)
    return line


def short_option(option: str, lang: str) -> str:
    """A few words per option, so a round's every count fits on the case's line."""
    grade = grade_of(option)
    if grade is not None:
        return tr("review.short.grade", lang, grade=grade)
    return tr(f"review.short.{option}", lang)


def round_text(r: RoundLine, lang: str, label: Callable[[str, str], str] = short_option) -> str:
    counts = " · ".join(f"{label(o, lang)}: {n}" for o, n in r.counts)
    text = tr(
        "review.round",
        lang,
        subject=tr(f"review.subject.{r.subject}", lang),
        number=r.number,
        counts=counts,
    )
    if r.status == "open":
        return f"{text} ({tr('review.round.open', lang)})"
    if r.status == DISCARDED:  # R-DEC-5 changed the options while it was open
        return f"{text} ({tr('review.round.discarded', lang)})"
    if r.casting_vote_used:
        return f"{text} ({tr('review.round.casting', lang, name=r.presiding)})"
    if r.adopted is None:
        return f"{text} ({tr('review.round.no_majority', lang)})"
    return text


class ChairSignIn(QDialog):
    """The chair's name and password for one confirmation; nobody is signed in or out."""

    def __init__(
        self,
        lang: str,
        parent: QWidget,
        on_actor: Callable[[Actor], None],
        message: str = "",
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.on_actor = on_actor
        self.setWindowTitle(tr("shortcut.chair_review", lang))
        layout = QVBoxLayout(self)
        intro = QLabel(message or tr("review.chair_sign_in", lang))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(objectName="chair_name")
        self.password = QLineEdit(objectName="chair_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(tr("trust.login.name", lang), self.name)
        form.addRow(tr("trust.login.password", lang), self.password)
        layout.addLayout(form)
        self.error = QLabel("", objectName="chair_error")
        self.error.setStyleSheet("color:#b00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def check(self) -> None:
        try:
            actor = accounts.verify_credentials(self.name.text(), self.password.text())
        except ServiceError:  # not attempt(): the finally clears the password even on a crash
            self.error.setText(tr("trust.login.failed", self.lang))
            self.password.clear()
            return
        finally:
            self.password.clear()  # the chair's password does not stay in the widget
        self.accept()
        self.on_actor(actor)


class ChairReviewDialog(QDialog):
    def __init__(self, lang: str, sitting: SittingView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.sitting = sitting
        self.data: SittingReview | None = None
        self.dialog: QDialog | None = None
        self.setWindowTitle(
            tr(
                "review.title",
                lang,
                number=sitting.number or sitting.id,
                date=sitting.held_on.strftime("%d.%m.%Y"),
            )
        )
        fit_window(self, "chair_review", 1500, 860)
        layout = QVBoxLayout(self)
        self.summary = QLabel("", objectName="reviewSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size:13pt;font-weight:bold;")
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS), objectName="reviewTable")
        self.table.setHorizontalHeaderLabels([tr(f"review.col.{c}", lang) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves for the findings, arrows move
        self.table.verticalHeader().setVisible(False)
        # The columns share the dialog's width (at 1366 px too): the counts as wide as
        # their numbers, the texts by weight, every header whole on up to two lines.
        spread_columns(self.table, {COLUMNS.index(c): w for c, w in SPREAD.items()})
        elided_tips(self.table)
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())
        lower = QSplitter(Qt.Orientation.Horizontal)
        self.findings = QListWidget(objectName="reviewFindings")
        self.findings.setWordWrap(True)
        self.details = QPlainTextEdit(objectName="reviewDetails")
        self.details.setReadOnly(True)
        self.details.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes table → findings
        lower.addWidget(_titled(tr("review.findings_title", lang), self.findings))
        lower.addWidget(_titled(tr("review.details_title", lang), self.details))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.message = QLabel("", objectName="reviewMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, slot in (
            ("confirm", self.confirm_selected),
            ("confirm_all", self.confirm_all),
            ("explain", self.explain),
            ("close", self.reject),
        ):
            button = QPushButton(tr(f"review.{name}_button", lang), objectName=f"review_{name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys do the work; Tab stays useful
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[name] = button
        layout.addLayout(row)
        for action, slot in (
            ("review_confirm", self.confirm_selected),
            ("review_confirm_all", self.confirm_all),
            ("review_explain", self.explain),
            ("review_refresh", self.refresh),
        ):
            QShortcut(key_of(action), self, slot)
        QShortcut(QKeySequence("Ctrl+Shift+Enter"), self, self.confirm_all)
        self.refresh()
        self.table.setFocus()

    # -- filling ---------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.table.currentRow()
        item = self.findings.currentItem()
        finding_key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        data = attempt(self._error, review.review_sitting, self.sitting.id)
        if data is REFUSED:
            return
        self.data = data
        lines = self.data.lines
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for column, text in enumerate(self._cells(line)):
                item = QTableWidgetItem(text)
                if COLUMNS[column] == "state":
                    item.setForeground(Qt.GlobalColor.white)
                    item.setBackground(_colour(line.state))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self._summary()
        if lines:
            self.table.setCurrentCell(min(max(current, 0), len(lines) - 1), 0)
        self._show_selected()
        for row in range(self.findings.count()):  # stay on the finding just worked on
            if self.findings.item(row).data(Qt.ItemDataRole.UserRole) == finding_key:
                self.findings.setCurrentRow(row)

    def _summary(self) -> None:
        assert self.data is not None
        states = [line.state for line in self.data.lines]
        text = tr(
            "review.summary",
            self.lang,
            cases=len(states),
            confirmed=states.count("confirmed"),
            unconfirmed=states.count("unconfirmed"),
            changed=states.count("changed"),
            blocked=states.count("blocked"),
        )
        if self.data.all_confirmed:
            text += " " + tr("review.ready", self.lang)
        self.summary.setText(text)

    def _cells(self, line: ReviewLine) -> tuple[str, ...]:
        lang = self.lang
        rounds = "\n".join(round_text(r, lang) for r in line.rounds)
        if not rounds:
            rounds = tr("review.no_vote", lang)
        decision = option_label(line.decision, lang) if line.decision else "—"
        if line.decision and line.decision_rule in ("R-SIT-4", "R-SIT-5"):
            decision += " " + tr("review.by_rule", lang, rule=line.decision_rule)
        elif not line.decision and line.status == "postponed":
            decision = status_label("postponed", lang)
        return (
            str(line.number),
            line.person_name,
            kind_label(line.kind, lang),
            str(len(line.voters)) if line.voters else "—",
            line.presiding or "—",  # R-VOTE-4: who presided over this case
            rounds,
            "\n".join(name for name, _reason in line.recusals) or "—",
            decision,
            option_label(line.grade, lang) if line.grade else "—",
            str(len(line.corrections)) if line.corrections else "—",
            str(len(line.open_findings)) if line.findings else "—",
            self._state(line),
        )

    def _state(self, line: ReviewLine) -> str:
        if line.state == "blocked":
            return tr("review.state.blocked", self.lang, count=len(line.open_findings))
        if line.state == "confirmed" and line.confirmation is not None:
            return tr(
                "review.state.confirmed",
                self.lang,
                chair=line.confirmation.chair_name,
                at=line.confirmation.at.strftime("%d.%m.%Y %H:%M"),
            )
        return tr(f"review.state.{line.state}", self.lang)

    def selected(self) -> ReviewLine | None:
        row = self.table.currentRow()
        if self.data is None or not 0 <= row < len(self.data.lines):
            return None
        return self.data.lines[row]

    def _show_selected(self) -> None:
        line = self.selected()
        self.findings.clear()
        if line is None:
            self.details.setPlainText("")
            return
        for finding in line.findings:
            item = QListWidgetItem(finding_text(finding, self.lang))
            item.setData(Qt.ItemDataRole.UserRole, finding.finding.key)
            if finding.blocking:
                item.setForeground(_colour("blocked"))
            self.findings.addItem(item)
        if not line.findings:
            self.findings.addItem(QListWidgetItem(tr("review.no_findings", self.lang)))
        self.findings.setCurrentRow(0)
        self.details.setPlainText(self._details(line))

    def _details(self, line: ReviewLine) -> str:
        lang = self.lang
        parts = [f"{line.number}. {line.person_name} — {kind_label(line.kind, lang)}"]
        if line.voters:
            parts.append(
                tr("review.col.voters", lang)
                + ": "
                + tr(
                    "review.voters_count",
                    lang,
                    count=len(line.voters),
                    names=", ".join(line.voters),
                )
            )
        if line.presiding:
            parts.append(f"{tr('review.col.presiding', lang)}: {line.presiding}")
        for r in line.rounds:
            parts.append(round_text(r, lang, option_label))
            parts += [f"    {name}: {option_label(option, lang)}" for name, option in r.ballots]
        for name, reason in line.recusals:
            parts.append(f"{tr('review.col.recused', lang)}: {name} — {reason}")
        for reason, by, at in line.corrections:
            parts.append(
                f"{tr('review.col.corrections', lang)}: {reason} ({by}, {at:%d.%m.%Y %H:%M})"
            )
        cells = self._cells(line)
        cell = dict(zip(COLUMNS, cells, strict=True))
        parts.append(f"{tr('review.col.decision', lang)}: {cell['decision']}")
        if line.grade:
            parts.append(f"{tr('review.col.grade', lang)}: {cell['grade']}")
        parts.append(f"{tr('review.col.state', lang)}: {cell['state']}")
        return "\n".join(parts)

    # -- actions ---------------------------------------------------------------------------
    def confirm_selected(self) -> None:
        line = self.selected()
        if line is not None:
            self._confirm([line.case_id])

    def confirm_all(self) -> None:
        self._confirm(None)

    def _confirm(self, case_ids: list[int] | None, actor: Actor | None = None) -> None:
        lines = self.data.lines if self.data else ()
        chosen = [x for x in lines if case_ids is None or x.case_id in case_ids]
        if chosen and all(x.state == "confirmed" for x in chosen):
            self._say(tr("review.nothing_to_confirm", self.lang))
            return
        try:
            if actor is None:
                done = review.confirm(self.sitting.id, case_ids)
            else:
                with acting_as(actor):
                    done = review.confirm(self.sitting.id, case_ids)
        except PermissionDenied:  # not attempt(): asks the chair to sign in, told apart
            if actor is not None:
                self._say(tr("review.chair_sign_in", self.lang), error=True)
                return
            self.dialog = ChairSignIn(self.lang, self, lambda a: self._confirm(case_ids, a))
            self.dialog.open()
            return
        except ServiceError as exc:  # not attempt(): after PermissionDenied, caught first above
            self._error(exc)
            self.refresh()
            return
        confirmed = [x for x in done.lines if case_ids is None or x.case_id in case_ids]
        chair = confirmed[0].confirmation.chair_name if confirmed[0].confirmation else ""
        self.refresh()
        self._say(tr("review.confirmed_message", self.lang, count=len(confirmed), chair=chair))

    def explain(self) -> None:
        line = self.selected()
        item = self.findings.currentItem()
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        finding = next((f for f in line.findings if f.finding.key == key), None) if line else None
        if line is None or finding is None:
            self._say(tr("review.choose_finding", self.lang), error=True)
            return
        dialog = QInputDialog(self)
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setWindowTitle(tr("review.explain_title", self.lang))
        dialog.setLabelText(
            finding_text(finding, self.lang)
            + "\n\n"
            + tr("review.explain_prompt", self.lang, rule=finding.finding.rule_id)
        )
        dialog.setTextValue(finding.explanation)
        editor = dialog.findChild(QPlainTextEdit)
        if editor is not None:  # Tab reaches the buttons, Ctrl+Enter saves: no mouse needed
            editor.setTabChangesFocus(True)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), dialog, dialog.accept)
        dialog.textValueSelected.connect(
            lambda text: self._explained(line.case_id, finding.finding.key, text)
        )
        self.dialog = dialog
        dialog.open()

    def _explained(self, case_id: int, key: str, text: str) -> None:
        if attempt(self._error, review.explain, case_id, key, text) is REFUSED:
            return
        self.refresh()
        self._say(tr("review.explained_message", self.lang))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color:#b00020;font-weight:bold;" if error else "")
        self.message.setText(text)

    def _error(self, exc: BaseException) -> None:
        self._say(error_text(exc, self.lang), error=True)


def _titled(title: str, body: QWidget) -> QWidget:
    """A pane: its title above its content."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel(title))
    layout.addWidget(body)
    return pane


def _colour(state: str):  # noqa: ANN202 - a QColor, imported lazily with the GUI module
    from PySide6.QtGui import QColor

    return QColor(STATE_COLOURS[state])
