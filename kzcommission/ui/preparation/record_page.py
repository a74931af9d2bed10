"""The personnel record editor: position, dates, leaves, past certifications,
applications, and the restricted pregnancy flag (R-ELIG-1..R-ELIG-6).

Every change goes through :mod:`kzcommission.services.preparation.personnel`, which refuses
bad input naming the field; the refusal is shown on the status line.

The editor is bound to one person (issue 22): choosing another one reloads every
field from the store and empties the entry rows; unsaved edits are saved or
discarded by the user's choice (ui/unsaved.py), never carried over. A row of the
leaves, certifications or applications is corrected with Enter (its values go to
the entry row, the add key then saves the change) and deleted with Delete, each
with a reason kept in history. Ctrl+L with no start date typed opens the leave
entry instead of adding anything. Ctrl+Shift+E adds an employee by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from kzcommission.domain.eligibility import LEAVE_KINDS
from kzcommission.domain.iin import FEMALE, MALE, IinError, parse_iin
from kzcommission.domain.kinds import REGULAR_OPTIONS, Kind
from kzcommission.domain.person_sex import sex_from_patronymic
from kzcommission.i18n import REFERENCE_LANGUAGE, catalogue, tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation import personnel, persons
from kzcommission.ui.changed_elsewhere import offer_reload
from kzcommission.ui.date_field import DateField
from kzcommission.ui.dialogs import REFUSED, attempt
from kzcommission.ui.list_steering import ListSteering
from kzcommission.ui.preparation.common import (
    StatusLine,
    fill,
    refusal,
    selected_key,
    short,
    shortcut,
    table,
    with_key,
)
from kzcommission.ui.unsaved import CANCEL, SAVE, ask_unsaved, snapshot

KEYS = {
    "search": "Ctrl+F",
    "save": "Ctrl+S",
    "leave": "Ctrl+L",
    "certification": "Ctrl+Shift+C",
    "application": "Ctrl+Shift+A",
    "pregnant": "Ctrl+Shift+G",
    "new": "Ctrl+Shift+E",
    # Straight to a list, to choose the row that Enter corrects or Delete removes.
    "leaves_list": "Ctrl+Alt+L",
    "certifications_list": "Ctrl+Alt+C",
    "applications_list": "Ctrl+Alt+A",
}
ENTRIES = ("leave", "certification", "application")
# Where each entry row's fields are in RecordPage._fields() (the date first, after the kind).
_RECORD = 9  # the record's own fields come first: position .. sex
_SPANS = {"leave": range(9, 12), "certification": range(12, 15), "application": range(15, 17)}
SEX_CHOICES = ("", MALE, FEMALE)


class _RowKeys(QObject):
    """Enter on a row: correct it in the entry row; Delete: remove it (with a reason)."""

    def __init__(self, page: RecordPage, entry: str) -> None:
        super().__init__(page)
        self.page, self.entry = page, entry

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and not event.modifiers():
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self.page.edit_row(self.entry)
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.page.remove_row(self.entry)
                return True
        return False


def scrolled(content: QVBoxLayout, page: QWidget) -> QScrollArea:
    """The record's form in a scroll area: on a 1366x768 screen the record, its leaves,
    certifications and applications are taller than the window may be (issue 14 item 4).
    The field that takes the keyboard is scrolled into view."""
    panel = QWidget()
    panel.setLayout(content)
    area = QScrollArea(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(panel)

    def follow(_old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and panel.isAncestorOf(new):
            area.ensureWidgetVisible(new, 0, 24)

    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.focusChanged.connect(follow)
        area.destroyed.connect(lambda: app.focusChanged.disconnect(follow))
    return area


class RecordPage(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.person_id: int | None = None
        self.person_name = ""
        self.patronymic = ""  # of the person shown: it may tell the sex
        self.editing: dict[str, int | None] = dict.fromkeys(ENTRIES)
        self.buttons: dict[str, QPushButton] = {}
        self._loaded: tuple = ()
        t = lambda key: tr(key, lang)  # noqa: E731 - a local shorthand
        self.search = QLineEdit(placeholderText=t("prep.search"))
        self.results = QListWidget()
        self.search.textChanged.connect(self._find)
        self.search.returnPressed.connect(self._take_first)
        ListSteering(self.search, self.results)
        self.results.itemActivated.connect(
            lambda item: self.load(item.data(Qt.ItemDataRole.UserRole))
        )
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.results)
        left.addWidget(self._button("prep.new_employee", "new", self.new_employee))

        self.who = QLabel()
        self.who.setObjectName("recordOf")
        self.position, self.grade = QLineEdit(), QLineEdit()
        self.appointed = DateField(optional=True, field="appointed_on", lang=lang)
        self.service = DateField(optional=True, field="service_start", lang=lang)
        form = QFormLayout()
        form.addRow(self.who)
        form.addRow(t("prep.position"), self.position)
        form.addRow(t("prep.grade"), self.grade)
        form.addRow(t("prep.appointed_on"), self.appointed)
        form.addRow(t("prep.service_start"), self.service)
        self.specialty, self.special_rank = QLineEdit(), QLineEdit()
        form.addRow(t("prep.specialty"), self.specialty)
        form.addRow(t("prep.special_rank"), self.special_rank)
        # v14: the IIN gives the birth date and sex (shown as soon as it is whole and
        # valid); without one the sex comes from the patronymic, else the user picks it.
        self.iin = QLineEdit(maxLength=12)
        self.iin.setObjectName("iin")
        self.iin.textEdited.connect(self._iin_typed)
        self.birth_date = DateField(optional=True, field="birth_date", lang=lang)
        self.sex = QComboBox()
        self.sex.setObjectName("sex")
        for choice in SEX_CHOICES:
            self.sex.addItem(t(f"sex.{choice or 'unknown'}"), choice)
        form.addRow(t("prep.iin"), self.iin)
        form.addRow(t("prep.birth_date"), self.birth_date)
        form.addRow(t("prep.sex"), self.sex)
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
        self.leave_start = DateField(field="start", lang=lang)
        # A blank end: not back yet (an open leave).
        self.leave_end = DateField(optional=True, field="end", lang=lang)
        self.leave_end.setPlaceholderText(t("prep.leave.open"))
        leave_row = self._row(
            self.leave_kind,
            self.leave_start,
            self.leave_end,
            self._button("prep.add_leave", "leave", self.add_leave),
        )
        self.certs = table([t("prep.cert.on"), t("prep.cert.kind"), t("prep.cert.result")])
        self.cert_on = DateField(field="on", lang=lang)
        self.cert_kind, self.cert_result = QComboBox(), QComboBox()
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
        self.app_on, self.app_grade = DateField(field="applied_on", lang=lang), QLineEdit()
        app_row = self._row(
            self.app_on,
            self.app_grade,
            self._button("prep.add_application", "application", self.add_application),
        )
        right = QVBoxLayout()
        right.addLayout(form)
        for title, view, row, entry in (
            ("prep.leaves", self.leaves, leave_row, "leave"),
            ("prep.certifications", self.certs, cert_row, "certification"),
            ("prep.applications", self.apps, app_row, "application"),
        ):
            list_key = KEYS[f"{entry}s_list"]
            box = QGroupBox(with_key(t(title), list_key))
            shortcut(self, list_key, lambda view=view: self._to_list(view))
            inner = QVBoxLayout(box)
            inner.addWidget(view)
            inner.addLayout(row)
            right.addWidget(box)
            view.installEventFilter(_RowKeys(self, entry))
            view.setToolTip(t("prep.row_keys"))
        self.status = StatusLine()
        right.addWidget(self.status)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(scrolled(right, self), 3)
        shortcut(self, KEYS["search"], self.search.setFocus)
        shortcut(self, KEYS["save"], self.save)
        shortcut(self, KEYS["leave"], self.add_leave)
        shortcut(self, KEYS["certification"], self.add_certification)
        shortcut(self, KEYS["application"], self.add_application)
        shortcut(self, KEYS["pregnant"], self.pregnant.click)
        shortcut(self, KEYS["new"], self.new_employee)
        self.pregnant.setVisible(personnel.may_see_restricted())
        self._set_enabled(False)
        self._find("")

    @property
    def first(self) -> QWidget:
        """The widget that takes the focus when the page is shown."""
        return self.search

    def _to_list(self, view: QTableWidget) -> None:
        """The focus on a list of entries, a row chosen, for Enter or Delete."""
        if view.rowCount() and view.currentRow() < 0:
            view.selectRow(0)
        view.setFocus()

    def _button(self, key: str, action: str, handler: Callable[[], object]) -> QPushButton:
        button = QPushButton(with_key(tr(key, self.lang), KEYS[action]))
        button.clicked.connect(handler)
        self.buttons[action] = button
        return button

    def _set_editing(self, entry: str, key: object | None) -> None:
        """Which saved row the entry fields correct (None: they add a new one); the
        button says which it will do."""
        self.editing[entry] = key if isinstance(key, int) else None
        words = f"prep.correct_{entry}" if self.editing[entry] is not None else f"prep.add_{entry}"
        self.buttons[entry].setText(with_key(tr(words, self.lang), KEYS[entry]))

    @staticmethod
    def _row(*widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in widgets:
            row.addWidget(widget)
        return row

    def _fields(self) -> list[QWidget]:
        """Every field the user types into: compared with what was loaded."""
        return [
            self.position,
            self.grade,
            self.appointed,
            self.service,
            self.specialty,
            self.special_rank,
            self.iin,
            self.birth_date,
            self.sex,
            self.leave_kind,
            self.leave_start,
            self.leave_end,
            self.cert_on,
            self.cert_kind,
            self.cert_result,
            self.app_on,
            self.app_grade,
        ]

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (*self._fields(), self.leaves, self.certs, self.apps, self.pregnant):
            widget.setEnabled(enabled)

    def has_unsaved(self) -> bool:
        return self.person_id is not None and snapshot(self._fields()) != self._loaded

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
        if item is not None and self.load(item.data(Qt.ItemDataRole.UserRole)):
            self.position.setFocus()

    def load(self, person_id: int) -> bool:
        """Show ``person_id``'s record, every field from the store. False: the user stayed."""
        if person_id == self.person_id and self.has_unsaved():
            return True  # the same person again: keep what is typed, nothing reloaded
        if self.has_unsaved():
            choice = ask_unsaved(self, self.lang, self.person_name)
            if choice == CANCEL or (choice == SAVE and not self.save_all()):
                return False
        self.person_id = person_id
        self.show_record(personnel.get_record(person_id))
        self.status.setText("")
        return True

    def show_record(self, record: personnel.PersonnelView) -> None:
        """Every field from ``record``; the entry rows emptied (nothing carried over)."""
        self._set_enabled(True)
        self.person_name = record.full_name
        self.who.setText(f"<b>{record.full_name}</b>  {record.personnel_number}")
        # The position in this language; saved unchanged, every language's is kept (v13).
        self.position.setText(record.positions.pick(self.lang))
        self.grade.setText(record.grade)
        self.appointed.set_value(record.appointed_on)
        self.service.set_value(record.service_start)
        self.specialty.setText(record.specialty)
        self.special_rank.setText(record.special_rank)
        self.iin.setText(record.iin)
        self.birth_date.set_value(record.birth_date)
        self.sex.setCurrentIndex(max(self.sex.findData(record.sex), 0))
        self.patronymic = record.patronymic
        self._derive_sex()
        self.pregnant.setChecked(bool(record.pregnant))
        t = self.lang
        self.record = record
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
            [c.id for c in record.certifications],
        )
        fill(
            self.apps,
            [[short(a.applied_on), a.grade] for a in record.applications],
            [a.id for a in record.applications],
        )
        self._clear_entries()

    def _clear_entries(self) -> None:
        for entry in ENTRIES:
            self._set_editing(entry, None)
        for combo in (self.leave_kind, self.cert_kind, self.cert_result):
            combo.setCurrentIndex(0)
        for field in (self.leave_start, self.leave_end, self.cert_on, self.app_on):
            field.set_value(None)
        self.app_grade.clear()
        self._loaded = snapshot(self._fields())

    # -- actions --------------------------------------------------------------

    def _run(self, call: Callable[[int], personnel.PersonnelView]) -> bool:
        """Save through ``call`` over the version of the record this page loaded: one saved
        on another desk since is refused, naming what changed, with an offer to reload."""
        if self.person_id is None:
            self.status.error(tr("prep.no_employee", self.lang))
            return False
        pid, loaded = self.person_id, self.record
        try:
            if loaded is not None and loaded.person_id == pid:
                record = personnel.save_over(loaded, lambda: call(pid))
            else:
                record = call(pid)
        except personnel.RecordChanged as exc:  # not attempt(): told apart from other refusals
            self._changed_elsewhere(exc)
            return False
        except ServiceError as exc:  # not attempt(): after RecordChanged, caught first above
            self.status.error(refusal(exc, self.lang))
            return False
        self.show_record(record)
        self.status.ok(tr("prep.saved", self.lang))
        return True

    def _part(self, name: str) -> str:
        key = f"prep.{name}"
        return tr(key if key in catalogue(REFERENCE_LANGUAGE) else "prep.col.name", self.lang)

    def _changed_elsewhere(self, exc: personnel.RecordChanged) -> None:
        """Another desk saved this record since it was loaded: say what changed, and offer
        to reload it (what is typed here is then dropped) or keep the typing to compare."""

        def reload(current: object) -> None:
            self.show_record(current)
            self.position.setFocus()

        self.status.error(offer_reload(self, self.lang, exc, self._part, reload))

    def _record_changed(self) -> bool:
        return snapshot(self._fields()[:_RECORD]) != self._loaded[:_RECORD]

    def save_all(self) -> bool:
        """The user chose to save: the record's fields, then each entry row typed in."""
        values, editing = snapshot(self._fields()), dict(self.editing)
        typed = [e for e in ENTRIES if values[_SPANS[e][0] + (e == "leave")]]
        if self._record_changed() and not self.save():
            return False
        handlers = {
            "leave": self.add_leave,
            "certification": self.add_certification,
            "application": self.add_application,
        }
        for entry in typed:
            self._restore(values, editing, entry)
            if not handlers[entry]():
                return False
        return True

    def _restore(self, values: tuple, editing: dict, entry: str) -> None:
        """Put back an entry row's typed values (a save before it emptied the rows)."""
        fields = self._fields()
        for index in _SPANS[entry]:
            widget, value = fields[index], values[index]
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            else:
                widget.setText(value)
        self._set_editing(entry, editing[entry])

    def save(self) -> bool:
        """The record's own fields; what is typed in the entry rows stays there, unsaved."""
        values, editing = snapshot(self._fields()), dict(self.editing)
        done = self._run(
            lambda pid: personnel.update_record(
                pid,
                position=self.position.text(),
                grade=self.grade.text(),
                appointed_on=self.appointed.value(),
                service_start=self.service.value(),
                specialty=self.specialty.text(),
                special_rank=self.special_rank.text(),
                iin=self.iin.text(),
                birth_date=self.birth_date.value(),
                sex=self.sex.currentData(),
            )
        )
        if done:
            for entry in ENTRIES:
                self._restore(values, editing, entry)
        return done

    def _iin_typed(self, text: str) -> None:
        """A whole, valid IIN fills the birth date and sex it holds; a wrong one is left for
        the save to refuse, with the reason."""
        try:
            parsed = parse_iin(text)
        except IinError:
            self._derive_sex()
            return
        self.birth_date.set_value(parsed.birth_date)
        self.sex.setCurrentIndex(self.sex.findData(parsed.sex))
        self._derive_sex()

    def _derive_sex(self) -> None:
        """The sex is asked only when neither the IIN nor the patronymic tells it."""
        try:
            from_iin = bool(parse_iin(self.iin.text()))
        except IinError:
            from_iin = False
        by_name = sex_from_patronymic(self.patronymic)
        if not from_iin and by_name:
            self.sex.setCurrentIndex(self.sex.findData(by_name))
        self.sex.setEnabled(not (from_iin or by_name))
        hint = "prep.sex_from_iin" if from_iin else "prep.sex_from_patronymic" if by_name else ""
        self.sex.setToolTip(tr(hint, self.lang) if hint else "")

    def _open_entry(self, first: QWidget) -> None:
        """No date typed in the entry row: go there instead of adding (no stray entries)."""
        if self.person_id is None:
            self.status.error(tr("prep.no_employee", self.lang))
            return
        first.setFocus()
        self.status.ok(tr("prep.entry_hint", self.lang))

    def add_leave(self) -> bool:
        if not self.leave_start.text().strip():
            self._open_entry(self.leave_kind)
            return False
        kind = self.leave_kind.currentData()
        leave_id = self.editing["leave"]
        if leave_id is not None:
            reason = self._reason()
            if reason is None:
                return False
            return self._run(
                lambda _pid: personnel.update_leave(
                    leave_id,
                    kind=kind,
                    start=self.leave_start.value(),
                    end=self.leave_end.value(),
                    reason=reason,
                )
            )
        return self._run(
            lambda pid: personnel.add_leave(
                pid, kind, self.leave_start.value(), self.leave_end.value()
            )
        )

    def add_certification(self) -> bool:
        if not self.cert_on.text().strip():
            self._open_entry(self.cert_on)
            return False
        kind, result = self.cert_kind.currentData(), self.cert_result.currentData()
        cert_id = self.editing["certification"]
        if cert_id is not None:
            reason = self._reason()
            if reason is None:
                return False
            return self._run(
                lambda _pid: personnel.update_certification(
                    cert_id, on=self.cert_on.value(), kind=kind, result=result, reason=reason
                )
            )
        return self._run(
            lambda pid: personnel.add_certification(pid, self.cert_on.value(), kind, result)
        )

    def add_application(self) -> bool:
        if not self.app_on.text().strip():
            self._open_entry(self.app_on)
            return False
        grade = self.app_grade.text()
        app_id = self.editing["application"]
        if app_id is not None:
            reason = self._reason()
            if reason is None:
                return False
            return self._run(
                lambda _pid: personnel.update_application(
                    app_id, applied_on=self.app_on.value(), grade=grade, reason=reason
                )
            )
        return self._run(lambda pid: personnel.add_application(pid, self.app_on.value(), grade))

    # -- correcting a row -----------------------------------------------------

    def _view(self, entry: str) -> QTableWidget:
        return {"leave": self.leaves, "certification": self.certs, "application": self.apps}[entry]

    def edit_row(self, entry: str) -> None:
        """The chosen row's values into the entry row; the add key then saves the change."""
        key = selected_key(self._view(entry))
        if key is None or self.person_id is None:
            return
        record = self.record
        if entry == "leave":
            row = next(x for x in record.leaves if x.id == key)
            self.leave_kind.setCurrentIndex(self.leave_kind.findData(row.kind))
            self.leave_start.set_value(row.start)
            self.leave_end.set_value(row.end)
            first: QWidget = self.leave_end if row.end is None else self.leave_start
        elif entry == "certification":
            row = next(x for x in record.certifications if x.id == key)
            self.cert_on.set_value(row.on)
            self.cert_kind.setCurrentIndex(max(self.cert_kind.findData(row.kind), 0))
            self.cert_result.setCurrentIndex(max(self.cert_result.findData(row.result), 0))
            first = self.cert_on
        else:
            row = next(x for x in record.applications if x.id == key)
            self.app_on.set_value(row.applied_on)
            self.app_grade.setText(row.grade)
            first = self.app_on
        self._set_editing(entry, key)
        first.setFocus()
        first.selectAll()
        self.status.ok(tr("prep.editing_row", self.lang))

    def remove_row(self, entry: str) -> None:
        key = selected_key(self._view(entry))
        if key is None or self.person_id is None:
            return
        reason = self._reason()
        if reason is None:
            return
        remove = {
            "leave": personnel.remove_leave,
            "certification": personnel.remove_certification,
            "application": personnel.remove_application,
        }[entry]
        self._run(lambda _pid: remove(key, reason))

    def _reason(self) -> str | None:
        """The reason of a correction, asked each time; None: the user cancelled."""
        while True:
            text, ok = QInputDialog.getText(
                self, tr("prep.reason_title", self.lang), tr("prep.reason_ask", self.lang)
            )
            self.window().activateWindow()
            if not ok:
                return None
            if text.strip():
                return text.strip()

    # -- a new employee ---------------------------------------------------------

    def new_employee(self) -> None:
        if self.has_unsaved():
            choice = ask_unsaved(self, self.lang, self.person_name)
            if choice == CANCEL or (choice == SAVE and not self.save_all()):
                return
        dialog = NewEmployeeDialog(self.lang, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.record is not None:
            self.person_id = None  # already asked about
            self.search.clear()
            self.load(dialog.record.person_id)
            self.status.ok(tr("prep.saved", self.lang))
            self.position.setFocus()

    def _set_pregnant(self) -> None:
        checked = self.pregnant.isChecked()
        self._run(lambda pid: personnel.set_pregnant(pid, checked))


class NewEmployeeDialog(QDialog):
    """Surname, names, personnel number and the record's fields of a new employee."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.record: personnel.PersonnelView | None = None
        self.setWindowTitle(tr("prep.new_employee", lang))
        self.surname, self.given, self.patronymic = QLineEdit(), QLineEdit(), QLineEdit()
        self.number, self.position, self.grade = QLineEdit(), QLineEdit(), QLineEdit()
        self.iin = QLineEdit(maxLength=12)
        self.appointed = DateField(optional=True, field="appointed_on", lang=lang)
        self.service = DateField(optional=True, field="service_start", lang=lang)
        self.status = StatusLine()
        form = QFormLayout(self)
        for key, widget in (
            ("prep.surname", self.surname),
            ("prep.given_name", self.given),
            ("prep.patronymic", self.patronymic),
            ("doc.due.col.number", self.number),
            ("prep.position", self.position),
            ("prep.grade", self.grade),
            ("prep.appointed_on", self.appointed),
            ("prep.service_start", self.service),
            ("prep.iin", self.iin),  # last: the keys of the fields before it stay as they were
        ):
            form.addRow(tr(key, lang), widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        form.addRow(self.status)

    def add(self) -> None:

        def add() -> personnel.PersonnelView:
            return personnel.add_employee(
                self.surname.text(),
                self.given.text(),
                self.patronymic.text(),
                personnel_number=self.number.text().strip() or None,
                iin=self.iin.text(),
                position=self.position.text(),
                grade=self.grade.text(),
                appointed_on=self.appointed.value(),  # a BadDate is a refusal too
                service_start=self.service.value(),
            )

        record = attempt(self.status.refused(self.lang), add)
        if record is REFUSED:
            return
        self.record = record
        self.accept()
