"""The deadline dashboard (RULEBOOK section 3): each step of each case with its rule
id, its deadline in Kazakhstan working days, and a colour for done / due soon /
overdue; provisional years (R-DL-9) stated above the table. Marks steps done and
prints the deadline report and the R-DL-1 notice."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kzcommission.files import write_atomic
from kzcommission.i18n import tr
from kzcommission.services.preparation import campaign
from kzcommission.ui.dialogs import REFUSED, attempt
from kzcommission.ui.preparation.common import (
    StatusLine,
    ask_pdf_path,
    colour_row,
    date_edit,
    date_or_say,
    fill,
    read_date,
    selected_key,
    short,
    shortcut,
    table,
    with_key,
)

KEYS = {
    "refresh": "F5",
    "done": "Ctrl+D",
    "print": "Ctrl+P",
    "notice": "Ctrl+Shift+N",
    "scope": "Ctrl+Shift+S",
    "followup": "Ctrl+Shift+U",
}


class DeadlinesPage(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        t = lambda key: tr(key, lang)  # noqa: E731
        self.today = date_edit(field="today", lang=lang)
        self.done_on = date_edit(field="done_on", lang=lang)
        buttons = []
        for key, action, handler in (
            ("prep.dl.refresh", "refresh", self.refresh),
            ("prep.dl.mark_done", "done", self.mark_done),
            ("prep.dl.print", "print", self.print_report),
            ("prep.dl.notice", "notice", self.print_notice),
            ("prep.dl.followup", "followup", self.followup),
        ):
            button = QPushButton(with_key(t(key), KEYS[action]))
            button.clicked.connect(handler)
            buttons.append(button)
            shortcut(self, KEYS[action], handler)
        top = QHBoxLayout()
        for widget in (
            QLabel(t("prep.dl.today")),
            self.today,
            buttons[0],
            QLabel(t("prep.dl.done_on")),
            self.done_on,
            buttons[1],
        ):
            top.addWidget(widget)
        top.addStretch(1)
        # Which sittings are listed (issue 22): a choice the user sees and changes, never a
        # silent cut-off; planned and open sittings are listed whatever their date.
        self.scope = QComboBox()
        for scope in campaign.SCOPES:
            self.scope.addItem(tr(f"prep.dl.scope.{scope}", lang, days=campaign.SINCE_DAYS), scope)
        self.scope.activated.connect(lambda _index: self.refresh())
        shortcut(self, KEYS["scope"], self.next_scope)
        scope_row = QHBoxLayout()
        scope_row.addWidget(QLabel(with_key(t("prep.dl.show"), KEYS["scope"])))
        scope_row.addWidget(self.scope)
        scope_row.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(buttons[2])
        bottom.addWidget(buttons[3])
        bottom.addWidget(buttons[4])
        bottom.addStretch(1)
        self.provisional = QLabel()
        self.provisional.setStyleSheet("color: #8a4b00; font-weight: bold")
        self.counts = QLabel()
        self.view = table(
            [
                t("prep.col.name"),
                t("prep.col.sitting"),
                t("prep.col.rule"),
                t("prep.col.step"),
                t("prep.col.due"),
                t("prep.col.done"),
                t("prep.col.status"),
            ]
        )
        self.status = StatusLine()
        layout = QVBoxLayout(self)
        for item in (top, scope_row, self.provisional, self.counts, self.view, bottom, self.status):
            if isinstance(item, QHBoxLayout):
                layout.addLayout(item)
            else:
                layout.addWidget(item)
        self.rows: list[campaign.DeadlineRow] = []
        self.ask_path = lambda name: ask_pdf_path(self, name)

    @property
    def first(self) -> QWidget:
        """The widget that takes the focus when the page is shown."""
        return self.view

    def refresh(self) -> None:
        today = date_or_say(self.today, self.status, self.lang)
        if today is None:
            return
        board = campaign.dashboard(today, scope=self.scope.currentData())
        self.rows = board.rows
        lang = self.lang
        fill(
            self.view,
            [
                [
                    r.person_name,
                    short(r.sitting_date),
                    r.rule_id,
                    tr(f"prep.step.{r.step}", lang),
                    short(r.due) + (" *" if r.provisional else ""),
                    short(r.done_on),
                    tr(f"prep.status.{r.status}", lang),
                ]
                for r in board.rows
            ],
            list(range(len(board.rows))),
        )
        for index, row in enumerate(board.rows):
            colour_row(self.view, index, row.status)
        years = ", ".join(str(y) for y in board.provisional_years)
        self.provisional.setText(tr("prep.dl.provisional", lang, years=years) if years else "")
        self.provisional.setVisible(bool(years))
        self.counts.setText(tr("prep.dl.counts", lang, **board.counts()))

    def followup(self) -> None:
        """Ctrl+Shift+U: the follow-up view of the chosen row's sitting, once finalized."""
        from kzcommission.services.sitting import sittings
        from kzcommission.ui.followup_dialog import FollowupDialog

        row = self._selected()
        if row is None:
            return
        sitting = sittings.get_sitting(row.sitting_id)
        if sitting.status != "finalized":
            self.status.error(tr("fu.need_finalized", self.lang))
            return
        today = date_or_say(self.today, self.status, self.lang)
        if today is None:
            return
        self.dialog = FollowupDialog(self.lang, sitting.id, self, today=today)
        self.dialog.finished.connect(lambda _result: self.refresh())
        self.dialog.open()

    def next_scope(self) -> None:
        """Ctrl+Shift+S: the next choice of sittings, listed at once."""
        self.scope.setCurrentIndex((self.scope.currentIndex() + 1) % self.scope.count())
        self.refresh()

    def _selected(self) -> campaign.DeadlineRow | None:
        index = selected_key(self.view)
        if index is None:
            self.status.error(tr("prep.no_employee", self.lang))
            return None
        return self.rows[int(index)]

    def mark_done(self) -> None:
        row = self._selected()
        if row is None:
            return
        say = self.status.refused(self.lang)
        done = attempt(say, campaign.record_step, row.case_id, row.step, read_date(self.done_on))
        if done is REFUSED:
            return
        current = self.view.currentRow()
        self.refresh()
        self.view.selectRow(current)
        self.status.ok(tr("prep.saved", self.lang))

    def _save(self, name: str, make) -> None:  # noqa: ANN001 - a callable returning bytes
        path = self.ask_path(name)
        if path is None:
            return
        say = self.status.refused(self.lang)
        if attempt(say, lambda: write_atomic(path, make())) is REFUSED:
            return
        self.status.ok(tr("prep.printed", self.lang, path=str(path)))

    def print_report(self) -> None:
        today = date_or_say(self.today, self.status, self.lang)
        if today is None:
            return
        self._save(
            f"deadlines-{today.isoformat()}-{self.lang}.pdf",
            lambda: campaign.print_deadline_report(
                self.lang, today, scope=self.scope.currentData()
            ),
        )

    def print_notice(self) -> None:
        row = self._selected()
        if row is None:
            return
        self._save(
            f"notice-{row.case_id}-{self.lang}.pdf",
            lambda: campaign.print_notice(row.case_id, self.lang, issued_on=date.today()),
        )
