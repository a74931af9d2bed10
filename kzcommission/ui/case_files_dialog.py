"""A case's papers (services.preparation.campaign): attach from disk (Insert), open (Enter), detach
with a reason (Delete); Esc closes. The file is read and hashed off the UI thread
(ui.tasks), a file over the size limit is refused before it is read, and the bytes
are opened only for the roles that may read them (``case.files.read``), from the
session's private temporary folder (kzcommission.session_files).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation import campaign
from kzcommission.session_files import write_temporary
from kzcommission.ui.desktop import open_folder
from kzcommission.ui.dialogs import REFUSED, Refused, ask_text, attempt, error_text
from kzcommission.ui.preparation.common import short, table
from kzcommission.ui.shortcuts import key_of
from kzcommission.ui.tasks import Task, run_task
from kzcommission.ui.window_fit import fit_window

KEYS = {name: key_of(f"fu_file_{name}") for name in ("attach", "open", "detach", "step")}
# The papers kept after the sitting first; the preparation ones stay attachable here too.
STEPS = (campaign.SCAN, campaign.APPEAL, "report", campaign.DISAGREEMENT, "notice")


def read_checked(path: Path) -> bytes:
    """The file's bytes, refused by size before it is read (campaign.MAX_FILE_BYTES)."""
    campaign.check_size(path.stat().st_size)
    return path.read_bytes()


class CaseFilesDialog(QDialog):
    """``choose_file`` and ``open_file`` are attributes so tests replace the desktop."""

    def __init__(
        self, lang: str, case_id: int, person_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.case_id = case_id
        self.dialog: QDialog | None = None
        self.task: Task | None = None
        self.files: list[campaign.FileView] = []
        self.choose_file: Callable[[], str] = self._ask_file
        self.open_file: Callable[[Path], bool | None] = open_folder
        self.setObjectName("caseFilesDialog")
        self.setWindowTitle(tr("fu.files.title", lang, name=person_name))
        fit_window(self, "case_files", 900, 480)
        self.step = QComboBox()
        self.step.setObjectName("stepChoice")
        for step in STEPS:
            self.step.addItem(tr(f"fu.files.step.{step}", lang), step)
        self.table = table(
            [tr(f"fu.files.col.{c}", lang) for c in ("name", "step", "size", "added", "sha")]
        )
        self.table.setObjectName("filesTable")
        self.status = QLabel()
        self.status.setObjectName("filesStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        step_label = tr("fu.files.step", lang)
        native = QKeySequence.SequenceFormat.NativeText
        top.addWidget(QLabel(f"{step_label} ({KEYS['step'].toString(native)})"))
        top.addWidget(self.step)
        actions = (("attach", self.attach), ("open", self.open_chosen), ("detach", self.detach))
        for name, slot in actions:
            keys = KEYS[name].toString(native)
            button = QPushButton(f"{tr(f'fu.files.{name}', lang)} ({keys})")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            top.addWidget(button)
            # Open and detach on the list only: Enter or Delete in the step choice is not
            # an action; attach anywhere in the dialog.
            QShortcut(
                KEYS[name],
                self if name == "attach" else self.table,
                slot,
                context=Qt.ShortcutContext.WindowShortcut
                if name == "attach"
                else Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
        QShortcut(KEYS["step"], self, self.step.setFocus)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.refresh()
        self.table.setFocus()

    def say(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):  # the system's words are English: say it in ours
            name = Path(exc.filename).name if exc.filename else ""
            self.status.setText(tr("fu.files.unreadable", self.lang, name=name))
            return
        self.status.setText(error_text(exc, self.lang))

    def refresh(self) -> None:
        self.files = campaign.list_files(self.case_id)
        self.table.setRowCount(len(self.files))
        for r, f in enumerate(self.files):
            texts = (
                f.file_name,
                tr(f"fu.files.step.{f.step}", self.lang)
                if f.step in STEPS
                else tr(f"prep.step.{f.step}", self.lang),
                tr("fu.files.kb", self.lang, size=max(1, round(f.size / 1024))),
                short(f.added_at.date()),
                f.sha256,
            )
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self.files:
            self.table.selectRow(max(0, min(self.table.currentRow(), len(self.files) - 1)))

    def chosen(self) -> campaign.FileView | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.files):
            return self.files[row]
        self.status.setText(tr("fu.files.choose", self.lang))
        return None

    # -- attach -------------------------------------------------------------------------
    def _ask_file(self) -> str:
        name, _ = QFileDialog.getOpenFileName(self, tr("fu.files.attach", self.lang))
        return name

    def attach(self) -> None:
        if self.task is not None:
            return
        name = self.choose_file()
        if name:
            self.attach_path(Path(name), self.step.currentData())

    def attach_path(self, path: Path, step: str) -> None:
        """Attach ``path`` as a paper of ``step`` (the step choice shows it), read and
        hashed off the UI thread; what happens is said on the status line."""
        if self.task is not None:
            return
        self.step.setCurrentIndex(max(self.step.findData(step), 0))
        case_id = self.case_id
        try:
            size = path.stat().st_size
        except OSError as exc:  # gone, or unreadable, since it was chosen
            self.say(exc)
            return
        if attempt(self.say, campaign.check_size, size) is REFUSED:
            return  # refused by size before a byte is read

        def work(_ctx) -> campaign.FileView:  # noqa: ANN001 - tasks.TaskContext
            # Read and hashed here, off the UI thread: a scan may be many megabytes.
            return campaign.attach_file(case_id, step, path.name, read_checked(path))

        self.status.setText(tr("fu.files.working", self.lang, name=path.name))
        self.task = run_task(work, self._attached, on_error=self._failed, lang=self.lang)

    def _attached(self, view: campaign.FileView) -> None:
        self.task = None
        self.refresh()
        self.table.selectRow(len(self.files) - 1)
        self.status.setText(tr("fu.files.attached", self.lang, name=view.file_name))

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        if not isinstance(exc, ServiceError | OSError):
            raise exc
        self.say(exc)

    # -- open and detach ----------------------------------------------------------------
    def open_chosen(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        content = attempt(self.say, campaign.file_content, chosen.id)
        if isinstance(content, Refused):
            return
        # Into the session's private folder (0700, the file 0600): gone when the app quits,
        # or at the next start after a kill (kzcommission.session_files).
        target = write_temporary(chosen.file_name, content)
        self.opened = target
        if self.open_file(target) is False:
            self.status.setText(tr("fu.files.saved_at", self.lang, path=str(target)))

    def detach(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return

        def detach(reason: str) -> None:
            if attempt(self.say, campaign.detach_file, chosen.id, reason) is REFUSED:
                return
            self.refresh()
            self.status.setText(tr("fu.files.detached", self.lang, name=chosen.file_name))

        self.dialog = ask_text(
            self,
            tr("fu.files.detach", self.lang),
            tr("fu.files.reason", self.lang, name=chosen.file_name),
            detach,
        )
