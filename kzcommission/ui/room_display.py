"""The room display: a second window for a projector or a second monitor.

Large type, high contrast, full screen on the chosen screen. It shows only
what :func:`kzcommission.services.sitting.room.room_view` returns (the sitting, the
quorum, the current case, and the counted vote the secretary chose to show);
it takes no focus and holds no state, so closing it leaves the console as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QScreen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kzcommission.domain.names import text_in
from kzcommission.i18n import tr
from kzcommission.services.sitting.room import RoomResult, RoomView
from kzcommission.ui.labels import kind_label, option_label
from kzcommission.ui.window_fit import fit_window

BACKGROUND = "#000000"
TEXT = "#ffffff"
ACCENT = "#ffd600"  # yellow on black: readable from the back of a lit room
GOOD = "#00e676"
BAD = "#ff5252"


class RoomDisplay(QWidget):
    closed = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        # A window of its own, owned by the console: it goes when the console goes.
        # It never takes the keyboard, on one screen or two: the window manager is told
        # not to give it focus, and if it is activated all the same it hands the focus back.
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.lang = lang
        self.view: RoomView | None = None
        self.setObjectName("roomDisplay")
        self.setWindowTitle(tr("room.title", lang))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(
            f"#roomDisplay {{ background:{BACKGROUND}; }} QLabel {{ color:{TEXT}; }}"
        )
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        self.labels: dict[str, QLabel] = {}
        for name, stretch in (
            ("sitting", 0),
            ("quorum", 0),
            ("case", 0),
            ("person", 0),
            ("kind", 0),
            ("phase", 0),
            ("result", 1),
        ):
            label = QLabel("", objectName=f"room_{name}")
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label, stretch)
            self.labels[name] = label
        fit_window(self, "room_display", 1280, 720)
        self._scale()

    # -- placing -------------------------------------------------------------------------
    def show_on(self, screen: QScreen | None) -> None:
        """Full screen on ``screen`` (the projector), without taking the keyboard."""
        if screen is not None:
            self.setScreen(screen)
            self.move(screen.geometry().topLeft())
        owner = self.parentWidget()
        # On the console's own screen (one screen, or a mirrored projector) the wall stays
        # in front while the console keeps the keys: Ctrl+F10 closes it again.
        shared = owner is not None and (screen is None or owner.window().screen() is screen)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, shared)
        self.showFullScreen()
        self._scale()
        self.give_back_focus()

    def give_back_focus(self) -> None:
        """The keyboard stays with the console (F10, Ctrl+Up...), never with the wall."""
        owner = self.parentWidget()
        if owner is None:
            return
        console = owner.window()
        console.activateWindow()
        focus = console.focusWidget() or owner
        focus.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def event(self, event) -> bool:  # noqa: ANN001 - Qt signature
        if event.type() in (QEvent.Type.WindowActivate, QEvent.Type.FocusIn):
            QTimer.singleShot(0, self.give_back_focus)
        return super().event(event)

    def _scale(self) -> None:
        """Type sized from the window's height, so it reads the same on any projector."""
        height = max(self.height(), 480)
        sizes = {
            "sitting": 0.035,
            "quorum": 0.04,
            "case": 0.035,
            "person": 0.075,
            "kind": 0.04,
            "phase": 0.05,
            "result": 0.05,
        }
        for name, share in sizes.items():
            font = QFont(self.labels[name].font())
            font.setPixelSize(int(height * share))
            font.setBold(name in ("person", "phase", "quorum"))
            self.labels[name].setFont(font)

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt signature
        super().resizeEvent(event)
        self._scale()

    # -- showing -------------------------------------------------------------------------
    def show_view(self, view: RoomView) -> None:
        self.view = view
        lang, labels = self.lang, self.labels
        labels["sitting"].setText(
            f"{text_in(view.commission, lang)}\n"
            + tr(
                "room.sitting",
                lang,
                number=view.sitting_number,
                date=view.held_on.strftime("%d.%m.%Y"),
            )
        )
        q = view.quorum
        key = "room.quorum_valid" if q.valid else "room.quorum_lost"
        labels["quorum"].setText(
            tr(key, lang, present=q.present, members=q.members, required=q.required)
        )
        labels["quorum"].setStyleSheet(f"color:{GOOD if q.valid else BAD};")
        if view.case_number is None:
            labels["case"].setText("")
            labels["person"].setText(tr("room.no_case", lang))
            labels["kind"].setText("")
            labels["phase"].setText("")
            labels["result"].setText("")
            return
        labels["case"].setText(
            tr("room.case", lang, number=view.case_number, total=view.cases_total)
        )
        labels["person"].setText(view.person_name)
        labels["kind"].setText(kind_label(view.kind, lang))
        labels["phase"].setText(self._phase(view))
        labels["phase"].setStyleSheet(f"color:{ACCENT};")
        labels["result"].setText(self._result(view.result) if view.result else "")

    def _phase(self, view: RoomView) -> str:
        lang = self.lang
        if view.phase == "voting":
            subject = tr(f"review.subject.{view.voting_subject}", lang)
            return tr("room.phase.voting", lang, subject=subject, number=view.voting_round)
        if view.phase == "decided_by_rule" and view.decision_by_rule:
            return tr("room.by_rule", lang, option=option_label(view.decision_by_rule, lang))
        if view.phase in ("interview", "counted", "postponed", "absent"):
            return tr(f"room.phase.{view.phase}", lang)
        return ""

    def _result(self, result: RoomResult) -> str:
        lang = self.lang
        subject = tr(f"review.subject.{result.subject}", lang)
        lines = [tr("room.result_title", lang, subject=subject, number=result.number)]
        lines += [
            tr("room.count", lang, option=option_label(option, lang), votes=votes)
            for option, votes in result.counts
        ]
        if result.adopted is None:
            lines.append(tr("room.no_majority", lang))
        else:
            if result.casting_vote_used:
                lines.append(tr("room.casting", lang))
            lines.append(tr("room.adopted", lang, option=option_label(result.adopted, lang)))
        return "\n".join(lines)

    def text(self) -> str:
        """Everything on the wall, for the tests and for a screen reader."""
        return "\n".join(label.text() for label in self.labels.values())

    # -- closing -------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: ANN001 - Qt signature
        self.closed.emit()
        super().closeEvent(event)
