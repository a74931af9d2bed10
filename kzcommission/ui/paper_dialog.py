"""Ctrl+P: the documents of a sitting's pack (or of one case) with a page preview.

The list is keyboard-first: arrows move, Space ticks, Ctrl+A ticks all or none,
PgUp/PgDn turn the highlighted document's pages. Ctrl+P prints the ticked
documents through the system print dialog, Ctrl+S (or Return) saves them as
PDF files in the folder, as the pack always did. The language chosen here is
for this print only: the default stays what Settings say.

Everything slow runs on the thread pool (``ui.tasks``): reading the sitting,
rendering a document and rasterising its page (``ui.pdf_pages``). One preview
render runs at a time; the newest request wins and older results are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.ui import settings
from kzcommission.ui.pdf_pages import PageImage, render_page
from kzcommission.ui.print_dialog import PRINT_LANGUAGES
from kzcommission.ui.tasks import Task, TaskContext, run_task
from kzcommission.ui.window_fit import fit_window

if TYPE_CHECKING:
    from kzcommission.services.papers.paper import PackDocument, Paper

A4_INCHES = QSize(827, 1169)  # hundredths of an inch: the preview's resolution is set for A4
KEY_ROLE = Qt.ItemDataRole.UserRole


W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """``widget`` with its object name (the tests and the style sheet find it by it)."""
    widget.setObjectName(name)
    return widget


def document_title(item: PackDocument, lang: str) -> str:
    """The list's line for one document, in the interface language."""
    return tr(f"paper.doc.{item.document}", lang, number=item.case_number or "", name=item.name)


@dataclass(frozen=True)
class _Look:
    """One preview request: which document, in which language, which page, how sharp."""

    key: str
    lang: str
    page: int
    dpi: float


class PaperDialog(QDialog):
    """``save_chosen(lang, folder, keys)`` and ``print_chosen(lang, keys)`` when confirmed;
    the caller does the work, so the dialog never writes or registers anything itself."""

    save_chosen = Signal(str, str, list)
    print_chosen = Signal(str, list)
    sign_chosen = Signal(str, str, list)  # saved, then signed through NCALayer (issue 19)

    def __init__(
        self,
        lang: str,
        folder: Path,
        load: Callable[[], Paper],
        parent: QWidget | None = None,
        title: str = "",
        tick: Callable[[PackDocument], bool] | None = None,
        *,
        can_sign: bool = False,
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.can_sign = can_sign  # a finalized sitting's papers: signed with an NCA key
        self.paper: Paper | None = None
        self.tick = tick or (lambda _item: True)
        self.setWindowTitle(title or tr("print.title", lang))
        self._pdfs: dict[tuple[str, str], bytes] = {}
        self._wanted: _Look | None = None
        self._running: Task | None = None
        self._shown: PageImage | None = None
        self._shown_key = ""
        self._build(folder)
        self._keys()
        fit_window(self, "paper", 1120, 700)
        self.documents.setFocus()
        self._loading = run_task(
            lambda _ctx: load(), self._loaded, on_error=self._load_failed, lang=lang
        )

    # -- layout ---------------------------------------------------------------------------
    def _build(self, folder: Path) -> None:
        lang = self.lang
        left = QVBoxLayout()
        left.addWidget(QLabel(tr("paper.documents", lang)))
        self.documents = named(QListWidget(), "paperDocuments")
        self.documents.currentRowChanged.connect(lambda _row: self._turn_to(0))
        self.documents.itemChanged.connect(lambda _item: self._update_buttons())
        left.addWidget(self.documents, 1)
        form = QFormLayout()
        self.language = named(QComboBox(), "printLanguage")
        for code in PRINT_LANGUAGES:
            self.language.addItem(tr(f"print.lang.{code}", lang), code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.print_language())))
        self.language.currentIndexChanged.connect(lambda _i: self._turn_to(0))
        form.addRow(tr("print.language", lang), self.language)
        note = named(QLabel(tr("paper.language_note", lang)), "paperLanguageNote")
        note.setWordWrap(True)
        note.setEnabled(False)  # drawn as a quiet remark under the choice
        form.addRow("", note)
        self.folder = named(QLineEdit(str(folder)), "printFolder")
        browse = named(QPushButton(tr("print.browse", lang)), "browseButton")
        browse.setAutoDefault(False)  # Return saves; it never opens the folder chooser
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(tr("print.folder", lang), row)
        left.addLayout(form)
        self.hint = named(QLabel(tr("paper.keys_hint", lang), wordWrap=True), "paperHint")
        left.addWidget(self.hint)
        self.status = named(QLabel(tr("paper.loading", lang), wordWrap=True), "paperStatus")
        left.addWidget(self.status)

        right = QVBoxLayout()
        self.preview = named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), "paperPreview")
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setMinimumSize(320, 420)
        self.preview.setStyleSheet("QLabel#paperPreview { background: #8a8f98; }")
        right.addWidget(self.preview, 1)
        self.page_label = named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), "paperPage")
        right.addWidget(self.page_label)

        panes = QHBoxLayout()
        panes.addLayout(left, 2)
        panes.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(panes, 1)
        buttons = QDialogButtonBox(self)  # in the dialog before setDefault, or it is lost
        native = QKeySequence.SequenceFormat.NativeText
        self.print_button = buttons.addButton(
            f"{tr('paper.print', lang)} ({QKeySequence('Ctrl+P').toString(native)})",
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.print_button.setObjectName("paperPrint")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_now)
        self.save_button = buttons.addButton(
            f"{tr('paper.save', lang)} ({QKeySequence('Ctrl+S').toString(native)})",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.save_button.setObjectName("paperSave")
        self.save_button.setDefault(True)  # Return saves the files, as the pack always did
        self.sign_button = buttons.addButton(
            f"{tr('paper.sign', lang)} ({QKeySequence('Ctrl+Shift+S').toString(native)})",
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.sign_button.setObjectName("paperSign")
        self.sign_button.setAutoDefault(False)
        self.sign_button.setVisible(self.can_sign)
        self.sign_button.clicked.connect(self.sign_now)
        cancel = buttons.addButton(
            tr("common.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.setAutoDefault(False)  # Return never cancels
        buttons.accepted.connect(self.save_now)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_buttons()

    def _keys(self) -> None:
        # Shortcuts, not key handlers: the list would take PgUp/PgDn for itself. Under a
        # Cyrillic layout ui.layout_keys resends Ctrl+З as Ctrl+P, Ctrl+Ы as Ctrl+S.
        bindings: tuple[tuple[str, Callable[[], None]], ...] = (
            ("PgDown", lambda: self._turn_to(self._page + 1)),
            ("PgUp", lambda: self._turn_to(self._page - 1)),
            ("Ctrl+P", self.print_now),
            ("Ctrl+S", self.save_now),
            ("Ctrl+Shift+S", self.sign_now),
            ("Ctrl+A", self.tick_all),
        )
        for keys, slot in bindings:
            QShortcut(QKeySequence(keys), self, slot)
        self._page = 0

    # -- the documents ------------------------------------------------------------------------
    def _loaded(self, paper: Paper) -> None:
        if not self.isVisible():
            return
        self.paper = paper
        self.documents.blockSignals(True)
        for item in paper.documents:
            line = QListWidgetItem(document_title(item, self.lang))
            line.setData(KEY_ROLE, item.key)
            line.setFlags(line.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = self.tick(item)
            line.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.documents.addItem(line)
        self.documents.blockSignals(False)
        first = next((i for i, d in enumerate(paper.documents) if self.tick(d)), 0)
        self.status.setText("" if paper.documents else tr("paper.none", self.lang))
        self.documents.setCurrentRow(first if paper.documents else -1)
        self._update_buttons()

    def _load_failed(self, exc: BaseException) -> None:
        self.status.setText(str(exc))

    def chosen(self) -> list[str]:
        """The ticked documents' keys, in the list's order."""
        return [
            self.documents.item(row).data(KEY_ROLE)
            for row in range(self.documents.count())
            if self.documents.item(row).checkState() == Qt.CheckState.Checked
        ]

    def tick_all(self) -> None:
        """Ctrl+A: tick every document, or none when all are ticked already."""
        state = (
            Qt.CheckState.Unchecked
            if len(self.chosen()) == self.documents.count()
            else Qt.CheckState.Checked
        )
        for row in range(self.documents.count()):
            self.documents.item(row).setCheckState(state)

    def _update_buttons(self) -> None:
        ready = self.paper is not None and bool(self.chosen())
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.sign_button.setEnabled(ready and self.can_sign)

    def print_language(self) -> str:
        """The language of this print only (the Settings default is left as it is)."""
        return self.language.currentData()

    def value(self) -> str:
        return self.folder.text().strip()

    def _browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, tr("print.folder", self.lang), self.value())
        if name:
            self.folder.setText(name)

    def _ready(self) -> list[str] | None:
        keys = self.chosen() if self.paper is not None else []
        if not keys:
            self.status.setText(tr("paper.none_ticked", self.lang))
            self.documents.setFocus()
            return None
        return keys

    def _to_folder(self, chosen: SignalInstance) -> None:
        """The ticked documents into the folder: ``chosen(lang, folder, keys)`` once both
        are given; otherwise the one missing takes the focus."""
        keys = self._ready()
        if keys is None:
            return
        if not self.value():
            self.folder.setFocus()
            return
        self.accept()
        chosen.emit(self.print_language(), self.value(), keys)

    def save_now(self) -> None:
        self._to_folder(self.save_chosen)

    def sign_now(self) -> None:
        """Save the ticked documents, then sign each through NCALayer (a FILE.pdf.cms)."""
        if not self.can_sign:
            self.status.setText(tr("paper.sign_not_finalized", self.lang))
            return
        self._to_folder(self.sign_chosen)

    def print_now(self) -> None:
        keys = self._ready()
        if keys is None:
            return
        self.accept()
        self.print_chosen.emit(self.print_language(), keys)

    # -- the preview ---------------------------------------------------------------------------
    def current_key(self) -> str | None:
        line = self.documents.currentItem()
        return line.data(KEY_ROLE) if line is not None else None

    def _dpi(self) -> float:
        """Sharp enough to fill the pane with an A4 page at the screen's pixel ratio."""
        room = self.preview.size()
        fit = min(room.width() / A4_INCHES.width(), room.height() / A4_INCHES.height()) * 100
        return max(30.0, fit * self.devicePixelRatioF())

    def _turn_to(self, page: int) -> None:
        key = self.current_key()
        if self.paper is None or key is None:
            return
        if self._shown is not None and key == self._shown_key:
            page = min(page, self._shown.count - 1)
        self._page = max(0, page)
        self._wanted = _Look(key, self.print_language(), self._page, self._dpi())
        self.page_label.setText(tr("paper.rendering", self.lang))
        if self._running is None:
            self._start_look()

    def _start_look(self) -> None:
        look, paper = self._wanted, self.paper
        if look is None or paper is None:
            return
        cached = self._pdfs.get((look.key, look.lang))

        def work(_ctx: TaskContext) -> tuple[_Look, bytes, PageImage]:
            pdf = cached if cached is not None else paper.render(look.key, look.lang)
            return look, pdf, render_page(pdf, look.page, look.dpi)

        self._running = run_task(work, self._looked, on_error=self._look_failed, lang=self.lang)

    def _looked(self, result: tuple[_Look, bytes, PageImage]) -> None:
        look, pdf, page = result
        self._running = None
        self._pdfs[(look.key, look.lang)] = pdf
        if look.key == self.current_key() and look.lang == self.print_language():
            self._show(look.key, page)
        if self._wanted is not None and self._wanted != look:
            self._start_look()  # the user moved on meanwhile: render what he looks at now

    def _look_failed(self, exc: BaseException) -> None:
        self._running = None
        self.preview.clear()
        self.page_label.setText(tr("paper.preview_failed", self.lang, reason=str(exc)))

    def _show(self, key: str, page: PageImage) -> None:
        self._shown, self._shown_key = page, key
        self._page = page.index
        self._fit_preview()
        self.page_label.setText(tr("paper.page", self.lang, page=page.index + 1, count=page.count))

    def _fit_preview(self) -> None:
        if self._shown is None:
            return
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap.fromImage(self._shown.image).scaled(
            self.preview.size() * ratio,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        pixmap.setDevicePixelRatio(ratio)
        self.preview.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_preview()  # the page already drawn, to the new size; sharper on the next turn

    def shown_page(self) -> tuple[str, int, int] | None:
        """What the preview shows: (document key, page from 1, pages), for tests and status."""
        if self._shown is None or self._running is not None:
            return None
        return self._shown_key, self._shown.index + 1, self._shown.count

    def busy(self) -> Any:
        return self._running is not None or not self._loading.finished
