"""Help → User's manual (Shift+F1): the Markdown manual of ``docs/manual/<lang>/``.

The pages are read as they are in the repository (the same files a reader sees
on the web), so the manual has one source. The contents on the left are the
index page and every page it links to, in the order of its links: adding a
page means linking it from ``index.md``, nothing here. Relative links between
pages and to ``../images/<lang>/*.png`` resolve against the page's own URL.

Keys: Alt+Left / Alt+Right back and forward, Ctrl+F find (Enter next,
Shift+Enter previous, across every page), Esc closes.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import REFERENCE_LANGUAGE, tr
from kzcommission.ui.window_fit import fit_window

INDEX = "index.md"
# A link to another page of the same folder: ](name.md) or ](name.md#anchor).
PAGE_LINK = re.compile(r"\]\(([\w.-]+\.md)(?:#[^)]*)?\)")
IMAGE_MARGIN = 24  # the document's margins and a little air: no sideways scrolling


def manual_root() -> Path:
    """``docs/manual``: beside ``resources/`` in a checkout, under ``sys._MEIPASS`` in a
    PyInstaller bundle (the spec ships it as ``docs/manual``)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "docs" / "manual"
    return Path(__file__).resolve().parents[2] / "docs" / "manual"


def manual_folder(lang: str) -> tuple[Path | None, bool]:
    """(folder of the manual to show, True when it is the English one standing in)."""
    root = manual_root()
    for code in (lang, REFERENCE_LANGUAGE):
        if (root / code / INDEX).is_file():
            return root / code, code != lang
    return None, False


def manual_pages(folder: Path) -> list[Path]:
    """The index, then each page it links to that exists, in the order of the links."""
    index = folder / INDEX
    pages = [index]
    for name in PAGE_LINK.findall(index.read_text(encoding="utf-8")):
        page = folder / name
        if page.is_file() and page not in pages:
            pages.append(page)
    return pages


def page_title(page: Path) -> str:
    """The page's first ``# `` heading, else its file name."""
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page.stem


@cache
def _plain_text(page: Path, stamp: float) -> str:
    """What a reader sees of a page, folded for searching (``stamp``: its mtime)."""
    document = QTextDocument()
    document.setMarkdown(page.read_text(encoding="utf-8"))
    return document.toPlainText().casefold()


def _without_anchor(url: QUrl) -> QUrl:
    """The page of a link to a place in it (pages are local files)."""
    return QUrl.fromLocalFile(url.toLocalFile()) if url.isLocalFile() else url


class ManualBrowser(QTextBrowser):
    """A text browser that scales pictures down to the width it has, smoothly: the
    screenshots are wider than the dialog, and a painter-scaled screenshot is hard to read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image_width = 0  # the width pictures were fitted to; 0 before the first page
        # A scroll bar that comes and goes changes the width after the pictures were
        # fitted, and leaves a page that scrolls sideways by the bar's width.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 - Qt API
        data = super().loadResource(kind, url)
        if kind != QTextDocument.ResourceType.ImageResource.value or data is None:
            return data
        image = data if isinstance(data, QImage) else QImage.fromData(data)
        self.image_width = self.fitted_width()
        if image.isNull() or image.width() <= self.image_width:
            return image
        return image.scaledToWidth(self.image_width, Qt.TransformationMode.SmoothTransformation)

    def fitted_width(self) -> int:
        return max(200, self.viewport().width() - IMAGE_MARGIN)


class ManualViewer(QDialog):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(tr("manual.title", lang))
        self.folder, fallback = manual_folder(lang)
        self.pages: list[Path] = manual_pages(self.folder) if self.folder else []
        self.contents = QListWidget(objectName="manualContents")
        self.contents.setWordWrap(True)  # long titles wrap instead of scrolling sideways
        self.browser = ManualBrowser()
        self.browser.setObjectName("manualBrowser")
        self.browser.setOpenExternalLinks(True)  # a web address opens in the system browser
        self.search = QLineEdit(objectName="manualSearch")
        self.search.setPlaceholderText(tr("manual.search", lang))
        self.search.setClearButtonEnabled(True)
        self.status = QLabel("", objectName="manualStatus")
        self.note = QLabel(objectName="manualNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("background:#fff4d6;padding:6px;")
        self.note.setText(tr("manual.fallback", lang) if fallback else "")
        self.note.setVisible(fallback)
        self._build()
        self._connect()
        default = self._size(parent)
        fit_window(self, "manual", default.width(), default.height())
        self._refit = QTimer(self, singleShot=True, interval=200)
        self._refit.timeout.connect(self._fit_pictures)
        if self.pages:
            self.contents.setCurrentRow(0)  # opens the index
        else:
            self.browser.setPlainText(tr("manual.missing", lang, path=str(manual_root())))
        self.browser.setFocus()  # Page Up / Page Down read at once

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        for page in self.pages:
            item = QListWidgetItem(page_title(page))
            item.setData(Qt.ItemDataRole.UserRole, QUrl.fromLocalFile(str(page)))
            self.contents.addItem(item)
        self.back = QPushButton(tr("manual.back", self.lang), objectName="manualBack")
        self.forward = QPushButton(tr("manual.forward", self.lang), objectName="manualForward")
        close = QPushButton(tr("manual.close", self.lang), objectName="manualClose")
        close.setAutoDefault(False)  # Enter in the search field finds; it never closes
        close.clicked.connect(self.reject)
        bar = QHBoxLayout()
        for widget in (self.back, self.forward):
            widget.setAutoDefault(False)
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        bar.addWidget(close)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 820])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        hint = QLabel(tr("manual.keys", self.lang), objectName="manualKeys")
        hint.setStyleSheet("color:#555;")
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)  # where the search found its words, or did not
        bottom.addWidget(hint)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.contents.currentItemChanged.connect(self._chosen)
        self.browser.sourceChanged.connect(self._shown)
        self.browser.backwardAvailable.connect(self.back.setEnabled)
        self.browser.forwardAvailable.connect(self.forward.setEnabled)
        self.back.setEnabled(False)
        self.forward.setEnabled(False)
        self.back.clicked.connect(self.browser.backward)
        self.forward.clicked.connect(self.browser.forward)
        self.search.returnPressed.connect(lambda: self.find_text(backward=False))
        for keys, slot in (
            (QKeySequence.StandardKey.Back, self.browser.backward),
            (QKeySequence.StandardKey.Forward, self.browser.forward),
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence.StandardKey.FindNext, lambda: self.find_text(backward=False)),
            (QKeySequence.StandardKey.FindPrevious, lambda: self.find_text(backward=True)),
            (QKeySequence("Shift+Return"), lambda: self.find_text(backward=True)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

    @staticmethod
    def _size(parent: QWidget | None) -> QSize:
        # Most of the main window: the pages hold screenshots of it.
        if parent is not None and parent.isVisible():
            return QSize(max(900, parent.width() * 4 // 5), max(640, parent.height() * 9 // 10))
        return QSize(1100, 780)

    # -- pages ---------------------------------------------------------------------------
    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            url = item.data(Qt.ItemDataRole.UserRole)
            if url != self.current_page():
                self.browser.setSource(url, QTextDocument.ResourceType.MarkdownResource)

    def _shown(self, url: QUrl) -> None:
        """Keep the contents list on the page shown, however it was reached."""
        page = _without_anchor(url)
        for row in range(self.contents.count()):
            if self.contents.item(row).data(Qt.ItemDataRole.UserRole) == page:
                self.contents.blockSignals(True)
                self.contents.setCurrentRow(row)
                self.contents.blockSignals(False)

    def current_page(self) -> QUrl:
        return _without_anchor(self.browser.source())

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt API
        super().resizeEvent(event)
        self._refit.start()

    def _fit_pictures(self) -> None:
        """After a resize, load the page again so its pictures fit the new width."""
        browser = self.browser
        if browser.source().isEmpty() or browser.fitted_width() == browser.image_width:
            return
        bar = browser.verticalScrollBar()
        where = bar.value() / max(1, bar.maximum())
        browser.reload()
        bar.setValue(round(where * bar.maximum()))

    # -- search --------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def find_text(self, *, backward: bool) -> bool:
        """The next (or previous) place of the searched words: on this page, else on the
        following (or preceding) pages in contents order, coming round to this one."""
        text = self.search.text().strip()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if self.browser.find(text, flags):
            self.status.setText("")
            return True
        here = max(0, self.contents.currentRow())  # the list follows the page shown
        step = -1 if backward else 1
        for offset in range(1, len(self.pages) + 1):
            page = self.pages[(here + step * offset) % len(self.pages)]
            if text.casefold() not in _plain_text(page, page.stat().st_mtime):
                continue
            if page != self.pages[here]:
                self.contents.setCurrentRow(self.pages.index(page))
            cursor = self.browser.textCursor()
            cursor.movePosition(
                cursor.MoveOperation.End if backward else cursor.MoveOperation.Start
            )
            self.browser.setTextCursor(cursor)
            if self.browser.find(text, flags):
                self.status.setText(tr("manual.found_on", self.lang, page=page_title(page)))
                return True
        self.status.setText(tr("manual.not_found", self.lang, text=text))
        return False
