"""The personnel record editor: position, dates, leaves, past certifications,
applications, and the restricted pregnancy flag (R-ELIG-1..R-ELIG-6).

Every change goes through :mod:`kzcommission.services.personnel`, which refuses
bad input naming the field; the refusal is shown on the status line.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kzcommission.domain.eligibility import LEAVE_KINDS
from kzcommission.domain.kinds import REGULAR_OPTIONS, Kind
from kzcommission.i18n import tr
from kzcommission.services import personnel, persons
from kzcommission.services.errors import ServiceError
from kzcommission.ui.preparation.common import (
    StatusLine,
    date_edit,
    fill,
    read_date,
    refusal,
    set_date,
    short,
    shortcut,
    table,
    with_key,
)

KEYS = {
    "search": "Ctrl+F",
    "save": "Ctrl+S",
    "leave": "Ctrl+L",
    "certification": "Ctrl+Shift+C",
    "application": "Ctrl+Shift+A",
    "pregnant": "Ctrl+Shift+G",
}


class RecordPage(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.person_id: int | None = None
        t = lambda key: tr(key, lang)  # noqa: E731 - a local shorthand
        self.search = QLineEdit(placeholderText=t("prep.search"))
        self.results = QListWidget()
        self.search.textChanged.connect(self._find)
        self.search.returnPressed.connect(self._take_first)
        self.results.itemActivated.connect(
            lambda item: self.load(item.data(Qt.ItemDataRole.UserRole))
        )
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.results)

        self.position, self.grade = QLineEdit(), QLineEdit()
        self.appointed, self.service = date_edit(optional=True), date_edit(optional=True)
        form = QFormLayout()
        form.addRow(t("prep.position"), self.position)
        form.addRow(t("prep.grade"), self.grade)
        form.addRow(t("prep.appointed_on"), self.appointed)
        form.addRow(t("prep.service_start"), self.service)
        self.specialty, self.special_rank = QLineEdit(), QLineEdit()
        form.addRow(t("prep.specialty"), self.specialty)
        form.addRow(t("prep.special_rank"), self.special_rank)
        self.pregnant = QCheckBox(with_key(t("prep.pregnant"), KEYS["pregnant"]))
        self.pregnant.clicked.connect(self._set_pregnant)
        form.addRow(self.pregnant)
        save = QPushButton(with_key(t("prep.save"), KEYS["save"]))
        save.clicked.connect(self.save)
        form.addRow(save)

        self.leaves = table([t("prep.leave.kind"), t("prep.start"), t("prep.end")])
        self.leave_kind = QComboBox()
        for kind in LEAVE_KINDS:
            self.leave_kind.addItem(t(f"prep.leave.{kind}"), kind)
        self.leave_start, self.leave_end = date_edit(), date_edit()
        self.leave_open = QCheckBox(t("prep.leave.open"))
        leave_row = self._row(
            self.leave_kind,
            self.leave_start,
            self.leave_end,
            self.leave_open,
            self._button("prep.add_leave", "leave", self.add_leave),
        )
        self.certs = table([t("prep.cert.on"), t("prep.cert.kind"), t("prep.cert.result")])
        self.cert_on, self.cert_kind, self.cert_result = date_edit(), QComboBox(), QComboBox()
        for kind in Kind:
            self.cert_kind.addItem(tr(f"doc.kind.{kind.value}_short", lang), kind.value)
        for option in REGULAR_OPTIONS:
            self.cert_result.addItem(tr(f"option.{option}", lang), option)
        cert_row = self._row(
            self.cert_on,
            self.cert_kind,
            self.cert_result,
            self._button("prep.add_certification", "certification", self.add_certification),
        )
        self.apps = table([t("prep.cert.on"), t("prep.grade")])
        self.app_on, self.app_grade = date_edit(), QLineEdit()
        app_row = self._row(
            self.app_on,
            self.app_grade,
            self._button("prep.add_application", "application", self.add_application),
        )
        right = QVBoxLayout()
        right.addLayout(form)
        for title, view, row in (
            ("prep.leaves", self.leaves, leave_row),
            ("prep.certifications", self.certs, cert_row),
            ("prep.applications", self.apps, app_row),
        ):
            box = QGroupBox(t(title))
            inner = QVBoxLayout(box)
            inner.addWidget(view)
            inner.addLayout(row)
            right.addWidget(box)
        self.status = StatusLine()
        right.addWidget(self.status)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)
        shortcut(self, KEYS["search"], self.search.setFocus)
        shortcut(self, KEYS["save"], self.save)
        shortcut(self, KEYS["leave"], self.add_leave)
        shortcut(self, KEYS["certification"], self.add_certification)
        shortcut(self, KEYS["application"], self.add_application)
        shortcut(self, KEYS["pregnant"], self.pregnant.click)
        self.pregnant.setVisible(personnel.may_see_restricted())
        self._find("")

    @property
    def first(self) -> QWidget:
        """The widget that takes the focus when the page is shown."""
        return self.search

    def _button(self, key: str, action: str, handler: Callable[[], object]) -> QPushButton:
        button = QPushButton(with_key(tr(key, self.lang), KEYS[action]))
        button.clicked.connect(handler)
        return button

    @staticmethod
    def _row(*widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in widgets:
            row.addWidget(widget)
        return row

    # -- finding and showing --------------------------------------------------

    def _find(self, text: str) -> None:
        self.results.clear()
        for person in persons.search_persons(text, limit=50):
            item = QListWidgetItem(f"{person.full_name}  {person.personnel_number}".strip())
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _take_first(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.load(item.data(Qt.ItemDataRole.UserRole))
            self.position.setFocus()

    def load(self, person_id: int) -> None:
        self.person_id = person_id
        self.show_record(personnel.get_record(person_id))

    def show_record(self, record: personnel.PersonnelView) -> None:
        self.position.setText(record.position)
        self.grade.setText(record.grade)
        set_date(self.appointed, record.appointed_on)
        set_date(self.service, record.service_start)
        self.specialty.setText(record.specialty)
        self.special_rank.setText(record.special_rank)
        self.pregnant.setChecked(bool(record.pregnant))
        t = self.lang
        fill(
            self.leaves,
            [[tr(f"prep.leave.{x.kind}", t), short(x.start), short(x.end)] for x in record.leaves],
            [x.id for x in record.leaves],
        )
        fill(
            self.certs,
            [
                [short(c.on), tr(f"doc.kind.{c.kind}_short", t), tr(f"option.{c.result}", t)]
                for c in record.certifications
            ],
        )
        fill(self.apps, [[short(a.applied_on), a.grade] for a in record.applications])

    # -- actions --------------------------------------------------------------

    def _run(self, call: Callable[[int], personnel.PersonnelView]) -> None:
        if self.person_id is None:
            self.status.error(tr("prep.no_employee", self.lang))
            return
        try:
            record = call(self.person_id)
        except ServiceError as exc:
            self.status.error(refusal(exc, self.lang))
            return
        self.show_record(record)
        self.status.ok(tr("prep.saved", self.lang))

    def save(self) -> None:
        self._run(
            lambda pid: personnel.update_record(
                pid,
                position=self.position.text(),
                grade=self.grade.text(),
                appointed_on=read_date(self.appointed),
                service_start=read_date(self.service),
                specialty=self.specialty.text(),
                special_rank=self.special_rank.text(),
            )
        )

    def add_leave(self) -> None:
        end = None if self.leave_open.isChecked() else read_date(self.leave_end)
        kind = self.leave_kind.currentData()
        self._run(lambda pid: personnel.add_leave(pid, kind, read_date(self.leave_start), end))

    def add_certification(self) -> None:
        self._run(
            lambda pid: personnel.add_certification(
                pid,
                read_date(self.cert_on),
                self.cert_kind.currentData(),
                self.cert_result.currentData(),
            )
        )

    def add_application(self) -> None:
        grade = self.app_grade.text()
        self._run(lambda pid: personnel.add_application(pid, read_date(self.app_on), grade))

    def _set_pregnant(self) -> None:
        checked = self.pregnant.isChecked()
        self._run(lambda pid: personnel.set_pregnant(pid, checked))
