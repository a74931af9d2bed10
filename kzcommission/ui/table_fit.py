"""Tables that fit their text: every row shown, headers whole, a cut text in a tooltip.

Used by the screens whose tables must be read at a glance on a 1366 x 768 screen
(the vote list, the roll call, the chair's review): ``show_all_rows`` makes the
table as tall as its rows so it never scrolls; ``compact_rows`` gives each row one
line of text; ``ElidedTips`` shows the full text of any cell Qt had to cut;
``wrap_header`` breaks a long header label over lines instead of cutting it.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

ROW_PADDING = 8  # pixels above and below one line of text


def line_height(view: QAbstractItemView) -> int:
    return view.fontMetrics().height() + ROW_PADDING


def compact_rows(table: QTableView) -> None:
    """One line of text per row, every row the same height."""
    table.setWordWrap(False)  # a wrapped text would show its first words only
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setMinimumSectionSize(1)
    rows.setDefaultSectionSize(line_height(table))


def rows_height(table: QTableView) -> int:
    """The height showing the header and every row, without a scroll bar."""
    header = table.horizontalHeader()
    # isHidden, not isVisible: a table on a tab not shown yet is not visible, its header
    # neither, yet the header takes its place the moment the tab opens.
    header_height = header.sizeHint().height() if not header.isHidden() else 0
    rows = sum(table.rowHeight(r) for r in range(table.model().rowCount()))
    return rows + header_height + 2 * table.frameWidth() + 2


def show_all_rows(table: QTableView) -> None:
    """Keep the table exactly as tall as its rows, whatever their number: it never scrolls
    vertically, and the layout gives it that height before anything else."""
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def fit() -> None:
        if shiboken6.isValid(table):  # the model outlives its table by a moment
            table.setFixedHeight(rows_height(table))

    model: QAbstractItemModel = table.model()
    for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
        signal.connect(fit)
    table.verticalHeader().sectionResized.connect(lambda *_: fit())
    table.horizontalHeader().geometriesChanged.connect(fit)
    fit()


class ElidedTips(QStyledItemDelegate):
    """A cell whose text does not fit shows it cut with "…", and whole in its tooltip.
    Columns in ``middle`` are cut in the middle: options that differ only at their end
    ("… сәйкес келеді" / "… сәйкес келмейді") stay apart."""

    def __init__(self, parent: QObject, middle: tuple[int, ...] = ()) -> None:
        super().__init__(parent)
        self.middle = middle

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.column() in self.middle:
            option = QStyleOptionViewItem(option)
            option.textElideMode = Qt.TextElideMode.ElideMiddle
        super().paint(painter, option, index)

    def helpEvent(  # noqa: N802 - Qt API
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event.type() == QEvent.Type.ToolTip and not index.data(Qt.ItemDataRole.ToolTipRole):
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if text and is_elided(view, index):
                QToolTip.showText(event.globalPos(), str(text), view)
                return True
        return super().helpEvent(event, view, option, index)


def is_elided(view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex) -> bool:
    """True when the cell's text is wider (or, wrapped, taller) than its cell."""
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    rect = view.visualRect(index)
    metrics = view.fontMetrics()
    style = view.style()
    margin = style.pixelMetric(style.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    room = rect.width() - 2 * margin  # what Qt leaves the text (QCommonStyle's item layout)
    wrap = isinstance(view, QTableView) and view.wordWrap()
    if not wrap:
        return max(metrics.horizontalAdvance(line) for line in text.split("\n")) > room
    needed = metrics.boundingRect(0, 0, max(room, 1), 100000, Qt.TextFlag.TextWordWrap, text)
    return needed.height() > rect.height()


def elided_tips(view: QAbstractItemView, middle: tuple[int, ...] = ()) -> None:
    view.setItemDelegate(ElidedTips(view, middle))


def wrap_header(text: str, lines: int = 2) -> str:
    """``text`` broken at its spaces into at most ``lines`` lines of even length."""
    words = text.split()
    if len(words) < 2 or lines < 2:
        return text
    best, best_width = text, len(text)
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        width = max(len(first), len(second))
        if width < best_width:
            best, best_width = f"{first}\n{second}", width
    return best


def wrap_headers(table: QTableView) -> None:
    """Every header label of ``table`` on up to two lines (see ``wrap_header``)."""
    model = table.model()
    for column in range(model.columnCount()):
        text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        model.setHeaderData(column, Qt.Orientation.Horizontal, wrap_header(text))


def header_text_fits(header: QHeaderView, section: int) -> bool:
    """True when the header label of ``section`` is shown whole (tests, and the screens)."""
    return header_width(header, section) - 4 <= header.sectionSize(section)


def fit_vote_list(table: QTableView) -> None:
    """The vote list: every member of the largest commission on one line each, no scrolling.
    The vote and the note take what they need up to 40 % and a quarter of the width;
    the name takes the rest, cut with its full text in a tooltip when it must be."""
    compact_rows(table)
    show_all_rows(table)
    elided_tips(table, middle=(1,))
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    wrap_headers(table)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
    bound_section(table, 1, 0.4)
    bound_section(table, 2, 1 / 4)


def header_width(header: QHeaderView, section: int) -> int:
    """The width showing the header label of ``section`` whole."""
    text = str(header.model().headerData(section, header.orientation()) or "")
    font = QFont(header.font())
    font.setBold(True)  # the current column's header is drawn in bold
    metrics = QFontMetrics(font)
    widest = max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)
    style = header.style()
    return widest + 2 * style.pixelMetric(style.PixelMetric.PM_HeaderMargin, None, header) + 4


def bound_section(table: QTableView, section: int, share: float) -> None:
    """Size ``section`` to its contents, never narrower than its header label nor wider than
    ``share`` of the table's width, each time its contents or the table's width change."""
    header = table.horizontalHeader()
    busy = [False]

    def bound(*_args: object) -> None:
        if busy[0] or not shiboken6.isValid(table):
            return
        busy[0] = True
        try:
            wanted = max(table.sizeHintForColumn(section), header_width(header, section))
            limit = int(header.width() * share)
            if limit > 0:
                header.resizeSection(
                    section, min(wanted, max(limit, header_width(header, section)))
                )
        finally:
            busy[0] = False

    header.sectionResized.connect(lambda index, *_: bound() if index == section else None)
    header.geometriesChanged.connect(bound)
    table.model().dataChanged.connect(bound)
    table.model().rowsInserted.connect(bound)
    bound()


def fit_side_column(area: QScrollArea) -> None:
    """A scrolling side column is never narrower than its widest button or line."""
    inner = area.widget()
    for child in inner.findChildren(QWidget):
        child.ensurePolished()  # the style's button sizes, not the unpolished ones
    bar = area.verticalScrollBar().sizeHint().width()
    area.setMinimumWidth(inner.minimumSizeHint().width() + bar)


class _Spread(QObject):
    """Shares a table's width among its columns by weight (see ``spread_columns``)."""

    def __init__(self, table: QTableView, weights: dict[int, float]) -> None:
        super().__init__(table)
        self.table, self.weights = table, weights
        table.viewport().installEventFilter(self)
        self.timer = QTimer(self, singleShot=True, interval=0)  # once per batch of changes
        self.timer.timeout.connect(self.spread)
        table.model().dataChanged.connect(self.timer.start)
        table.model().rowsInserted.connect(self.timer.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self.spread()
            self.timer.start()  # again once the scroll bars have settled
        return False

    def spread(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        columns = range(header.count())
        fixed = {c: max(table.sizeHintForColumn(c), header_width(header, c)) for c in columns}
        for column in columns:
            if column not in self.weights:
                header.resizeSection(column, fixed[column])
        room = table.viewport().width() - sum(fixed[c] for c in columns if c not in self.weights)
        wraps = table.wordWrap()
        least = {
            c: max(header_width(header, c), longest_word(table, c) if wraps else 0)
            for c in self.weights
        }
        extra = max(0, room - sum(least.values()))
        total = sum(self.weights.values())
        for column, weight in self.weights.items():  # each its header, then its share of the rest
            header.resizeSection(column, least[column] + int(extra * weight / total))
        over = header.length() - table.viewport().width()
        if over > 0:  # rounding, or headers wider than the room: the widest text column gives
            widest = max(self.weights, key=header.sectionSize)
            header.resizeSection(widest, header.sectionSize(widest) - over)
        if table.wordWrap():
            table.resizeRowsToContents()


def longest_word(table: QTableView, column: int) -> int:
    """The width of the longest word in ``column``: a wrapping column is never narrower,
    so no word of it is cut."""
    model, metrics = table.model(), table.fontMetrics()
    words = {
        word
        for row in range(model.rowCount())
        for word in str(model.index(row, column).data() or "").split()
    }
    style = table.style()
    margin = style.pixelMetric(style.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return max((metrics.horizontalAdvance(w) for w in words), default=0) + 2 * margin + 2


def spread_columns(table: QTableView, weights: dict[int, float]) -> None:
    """Columns in ``weights`` share the width the others leave (each at least its header's);
    the others are as wide as their contents. Headers are broken over two lines first, so
    a long Kazakh or Russian label does not force a column wider than its contents."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setStretchLastSection(False)
    wrap_headers(table)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table._spread = _Spread(table, weights)  # type: ignore[attr-defined]


def keep_in_view(table: QTableView) -> None:
    """After sizing columns to their contents: when they overflow the view, the widest gives
    way (its text cut, whole in the tooltip) so the last column and its header stay in sight."""
    header = table.horizontalHeader()
    count = header.count()
    if count < 2:
        return
    last = count - 1
    # A stretched last section never gets less than the header's default section size.
    floor = max(header_width(header, last), header.defaultSectionSize())
    used = sum(header.sectionSize(c) for c in range(last)) + floor
    over = used - table.viewport().width()
    if over > 0:
        widest = max(range(last), key=header.sectionSize)
        size = max(header_width(header, widest), header.sectionSize(widest) - over)
        header.resizeSection(widest, size)


def fit_score_table(table: QTableView, weights: dict[int, float]) -> None:
    """The scorecards: one line per member, every member shown, the columns sharing the width
    (a cut text has its tooltip; a typed ground is read whole in its editor)."""
    compact_rows(table)
    show_all_rows(table)
    elided_tips(table)
    spread_columns(table, weights)
