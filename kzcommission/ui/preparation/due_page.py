"""Who is due on a chosen date (R-ELIG-1..R-ELIG-6), and the printed half-year list
(R-ELIG-5) of the half-year that contains that date."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kzcommission.files import write_atomic
from kzcommission.i18n import tr
from kzcommission.services.preparation import due
from kzcommission.ui.dialogs import REFUSED, attempt
from kzcommission.ui.preparation.common import (
    StatusLine,
    ask_pdf_path,
    colour_row,
    date_edit,
    date_or_say,
    fill,
    short,
    shortcut,
    table,
    with_key,
)

KEYS = {"show": "F5", "print": "Ctrl+P", "date": "Ctrl+G"}


class DuePage(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        t = lambda key: tr(key, lang)  # noqa: E731
        self.on = date_edit(field="on", lang=lang)
        show = QPushButton(with_key(t("prep.due.refresh"), KEYS["show"]))
        show.clicked.connect(self.refresh)
        printing = QPushButton(with_key(t("prep.due.print"), KEYS["print"]))
        printing.clicked.connect(self.print_list)
        top = QHBoxLayout()
        for widget in (QLabel(t("prep.due.on")), self.on, show, printing):
            top.addWidget(widget)
        top.addStretch(1)
        self.view = table(
            [
                t("prep.col.name"),
                t("doc.due.col.number"),
                t("prep.position"),
                t("prep.col.window"),
                t("prep.col.reason"),
                t("prep.col.rule"),
            ]
        )
        self.count = QLabel()
        self.status = StatusLine()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.count)
        layout.addWidget(self.status)
        shortcut(self, KEYS["show"], self.refresh)
        shortcut(self, KEYS["print"], self.print_list)
        shortcut(self, KEYS["date"], self.go_to_date)
        self.on.returnPressed.connect(self._shown)
        self.ask_path = lambda name: ask_pdf_path(self, name)

    def _shown(self) -> None:
        self.refresh()
        if not self.status.text():
            self.view.setFocus()

    @property
    def first(self) -> QWidget:
        """The widget that takes the focus when the page is shown."""
        return self.view

    def go_to_date(self) -> None:
        """Ctrl+G: type another date (it is selected, so typing replaces it), Enter shows."""
        self.on.setFocus()
        self.on.selectAll()

    def refresh(self) -> None:
        on = date_or_say(self.on, self.status, self.lang)
        if on is None:
            return
        self.status.setText("")
        rows = due.due_list(on)
        table_rows = []
        for row in rows:
            window = row.window
            period = ""
            if window is not None:
                period = f"{short(window.start)} – {short(window.end) or '…'}"
            table_rows.append(
                [
                    row.person.full_name,
                    row.person.personnel_number,
                    row.person.position_in(self.lang),
                    period,
                    due.reason_label(row.reason, self.lang),
                    row.rule_id,
                ]
            )
        fill(self.view, table_rows, [r.person.id for r in rows])
        for index, row in enumerate(rows):
            if row.overdue:
                colour_row(self.view, index, "overdue")
            elif row.excluded:
                colour_row(self.view, index, "done_late")
        excluded = sum(1 for r in rows if r.excluded)
        self.count.setText(
            tr("prep.due.count", self.lang, due=len(rows) - excluded, excluded=excluded)
        )

    def print_list(self) -> None:
        on = date_or_say(self.on, self.status, self.lang)
        if on is None:
            return
        start = due.half_year_start(on)
        path = self.ask_path(f"due-list-{start.isoformat()}-{self.lang}.pdf")
        if path is None:
            return
        say = self.status.refused(self.lang)

        def write() -> None:
            write_atomic(path, due.print_due_list(start, self.lang))

        if attempt(say, write) is REFUSED:
            return
        self.status.ok(tr("prep.printed", self.lang, path=str(path)))
