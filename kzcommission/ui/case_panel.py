"""One case: who appears, the texts of the interview, the recording reference.

Texts are saved as typed (after a short pause, and when focus leaves the box)
through ``cases.save_texts``, over the version of each text the panel loaded: one
saved on another desk since is refused, naming it, with the offer to reload (issue 22;
after "no" the typing stays on screen and is not saved at each pause, only asked about
again when the box is left). Once the case is decided the texts are locked; a
correction asks for its reason first, and the reason is kept in the case's
comments and its history.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QPlainTextEdit, QVBoxLayout, QWidget

from kzcommission.domain.kinds import grade_of
from kzcommission.i18n import REFERENCE_LANGUAGE, catalogue, tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.sitting import cases, grades, recordings, review
from kzcommission.services.sitting.cases import CaseView
from kzcommission.services.stale import ChangedElsewhere
from kzcommission.ui.changed_elsewhere import offer_reload
from kzcommission.ui.dialogs import REFUSED, ask_text, attempt, confirm
from kzcommission.ui.form_types import CasePanelForm
from kzcommission.ui.forms import load_form
from kzcommission.ui.labels import (
    appearance_label,
    kind_label,
    option_label,
    ruleset_label,
    status_label,
)
from kzcommission.ui.tasks import Task, TaskContext, run_task

TEXTS: dict[str, str] = {
    "materialsEdit": "materials",
    "questionsEdit": "questions",
    "commentsEdit": "comments",
    "opinionEdit": "opinion",
}
SAVE_AFTER_MS = 600


class Host(Protocol):
    lang: str
    case: CaseView | None
    dialog: object

    def case_changed(self, view: CaseView) -> None: ...
    def message(self, text: str) -> None: ...
    def error(self, exc: BaseException) -> None: ...
    def push_undo(self, entry: tuple) -> None: ...
    def clock_seconds(self) -> float | None: ...
    def undo(self) -> None: ...


class CasePanel(QWidget):
    def __init__(self, host: Host) -> None:
        super().__init__()
        self.host = host
        self.lang = host.lang
        self.case: CaseView | None = None
        self.correcting: set[int] = set()
        # Each text as read from the store (the version typing goes over), and the case
        # whose save was refused and kept unsaved on the user's word (issue 22).
        self.loaded: dict[str, str] = {}
        self.held: int | None = None
        self.asking = False  # the question about a refused save is open
        self.hash_task: Task | None = None
        self.file_chooser = self._ask_file  # tests replace this, the OS dialog is not Qt's
        self.form = f = load_form(CasePanelForm, self.lang, self)
        QVBoxLayout(self).addWidget(f.widget)
        self.edits: dict[str, QPlainTextEdit] = {name: getattr(f, w) for w, name in TEXTS.items()}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_AFTER_MS)
        self.timer.timeout.connect(self._paused)
        for edit in self.edits.values():
            edit.textChanged.connect(self.timer.start)
            edit.installEventFilter(self)
        f.presentButton.clicked.connect(lambda: self.appearance("present"))
        f.excusedButton.clicked.connect(lambda: self.appearance("absent_excused"))
        f.unexcusedButton.clicked.connect(lambda: self.appearance("absent_unexcused"))
        f.restrictedCheck.clicked.connect(self.set_restricted)
        f.chooseFileButton.clicked.connect(self.choose_file)
        f.cancelHashButton.clicked.connect(self.cancel_hash)
        f.mediaEdit.editingFinished.connect(self.save_label)
        f.startMarkButton.clicked.connect(lambda: self.mark(start=True))
        f.endMarkButton.clicked.connect(lambda: self.mark(start=False))
        f.correctionButton.clicked.connect(self.correction)
        f.hashProgress.hide()
        f.cancelHashButton.hide()

    # -- showing ------------------------------------------------------------------------
    def set_case(self, view: CaseView | None) -> None:
        if self.case is not None and (view is None or view.id != self.case.id):
            self.flush()
        same = self.case is not None and view is not None and view.id == self.case.id
        self.case = view
        if not same:
            self.held = None
        f = self.form
        f.widget.setEnabled(view is not None)
        if view is None:
            f.personLabel.setText(tr("case.none", self.lang))
            return
        f.personLabel.setText(f"{view.order + 1}. {view.person_name}")
        f.detailsLabel.setText(
            tr(
                "case.details",
                self.lang,
                number=view.personnel_number or "—",
                position=view.positions.pick(self.lang) or "—",
                kind=kind_label(view.kind, self.lang),
                ruleset=ruleset_label(view.ruleset, self.lang),
                grade=self._grades_at_stake(view.id),
            )
        )
        status = tr(
            "case.status_line",
            self.lang,
            appearance=appearance_label(view.appearance, self.lang, view.person_sex),
            status=status_label(view.status, self.lang),
        )
        if view.decision:
            status += " — " + tr(
                "case.decision_line",
                self.lang,
                decision=option_label(view.decision, self.lang),
                rule=view.decision_rule,
            )
        if view.grade_result:
            status += " — " + option_label(view.grade_result, self.lang)
        f.statusLabel.setText(status)
        f.restrictedCheck.setVisible(view.kind == "extraordinary")
        f.restrictedCheck.setChecked(view.restricted)
        f.restrictedCheck.setEnabled(view.decision is None)  # R-DEC-5: before the decision
        locked = view.decision is not None and view.id not in self.correcting
        for field, edit in self.edits.items():
            edit.setReadOnly(locked)
            if not same or edit.toPlainText() != view.texts[field] and not edit.hasFocus():
                edit.blockSignals(True)
                edit.setPlainText(view.texts[field])
                edit.blockSignals(False)
            if edit.toPlainText() == view.texts[field]:
                self.loaded[field] = view.texts[field]
            # else: typing kept over the version it began on, which stays the one saved over
        f.correctionButton.setEnabled(locked)
        self.show_recording()

    @staticmethod
    def _grades_at_stake(case_id: int) -> str:
        """R-DEC-3: the grades the grade vote would offer, from the personnel record."""
        named = [g for o in grades.grade_options(case_id) if (g := grade_of(o)) is not None]
        return ", ".join(named) or "—"

    def show_recording(self) -> None:
        f = self.form
        rec = recordings.recording_of(self.case.id) if self.case else None
        if not f.mediaEdit.hasFocus():
            f.mediaEdit.setText(rec.media if rec else "")
        f.shaLabel.setText(tr("case.sha", self.lang, sha=rec.sha256) if rec and rec.sha256 else "")
        marks = []
        if rec and rec.starts_at is not None:
            marks.append(tr("case.starts_at", self.lang, at=_clock(rec.starts_at)))
        if rec and rec.ends_at is not None:
            marks.append(tr("case.ends_at", self.lang, at=_clock(rec.ends_at)))
        f.marksLabel.setText("  ".join(marks))

    # -- texts -------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self.edits.values():
            # The question about a refused save takes the focus itself: that is not the
            # user leaving the box, and asking again from inside it would never end.
            window_left = event.reason() == Qt.FocusReason.ActiveWindowFocusReason
            if not (self.asking or window_left and self._held()):
                self.flush()
        return False

    def _held(self) -> bool:
        return self.case is not None and self.held == self.case.id

    def _paused(self) -> None:
        if not (self.asking or self._held()):
            self.flush()

    def flush(self) -> None:
        """Save every text typed over the version loaded, all in one go."""
        self.timer.stop()
        if self.case is None:
            return
        typed = {
            field: edit.toPlainText()
            for field, edit in self.edits.items()
            if not edit.isReadOnly() and edit.toPlainText() != self.loaded[field]
        }
        if not typed:
            return
        loaded = {field: self.loaded[field] for field in self.edits}
        view = attempt(self._refused, cases.save_texts, self.case.id, loaded, typed)
        if view is REFUSED:
            return
        self.held = None
        self.loaded.update(typed)
        self.case = view
        self.host.case_changed(view)

    def _refused(self, error: ServiceError) -> None:
        """A text saved on another desk since it was loaded: say which, offer to reload."""
        if not isinstance(error, ChangedElsewhere):
            self.host.error(error)
            return
        self.held = self.case.id if self.case is not None else None

        def reload(current: object) -> None:
            self.case = None  # every text from the store, the one typed in too
            self.set_case(current)
            self.host.case_changed(current)

        self.asking = True
        try:
            self.host.message(offer_reload(self, self.lang, error, self._part, reload))
        finally:
            self.asking = False

    def _part(self, field: str) -> str:
        key = f"case.{field}"
        known = key in catalogue(REFERENCE_LANGUAGE)
        return tr(key, self.lang).split(" (")[0] if known else field

    def focus_texts(self) -> None:
        self.form.materialsEdit.setFocus()

    # -- appearance -------------------------------------------------------------------
    def appearance(self, value: str) -> None:
        if self.case is None:
            return
        if value == "absent_excused":
            ask_text(
                self.host,  # type: ignore[arg-type]
                tr("case.absent_excused", self.lang),
                tr("case.ask_reason", self.lang),
                lambda reason: self._set_appearance(value, reason),
            )
            return
        self._set_appearance(value)

    def _set_appearance(self, value: str, reason: str = "") -> None:
        before = self.case
        done = attempt(self.host.error, cases.set_appearance, before.id, value, reason=reason)
        if done is REFUSED:
            return
        view, outcome = done
        self.host.push_undo(("appearance", view.id, before.appearance))
        self.host.case_changed(view)
        if outcome is None:
            return
        if outcome.proposed_decision is None:
            self.host.message(tr("case.postponed", self.lang, rule=outcome.rule_id))
            return
        text = tr(
            "case.proposal",
            self.lang,
            rule=outcome.rule_id,
            decision=option_label(outcome.proposed_decision, self.lang),
        )
        self.host.message(text)
        confirm(
            self.host,
            tr("case.proposal_title", self.lang),
            text,  # type: ignore[arg-type]
            lambda: self._decide_by_rule(view.id),
            self.lang,
        )

    def _decide_by_rule(self, case_id: int) -> None:
        view = attempt(self.host.error, cases.decide_by_rule, case_id)
        if view is REFUSED:
            return
        self.host.case_changed(view)
        self.host.message(
            tr(
                "case.decided_by_rule",
                self.lang,
                decision=option_label(view.decision, self.lang),
                rule=view.decision_rule,
            )
        )

    def set_restricted(self, checked: bool | None = None) -> None:
        if self.case is None or self.case.kind != "extraordinary":
            return
        value = not self.case.restricted if checked is None else bool(checked)
        view = attempt(self.host.error, cases.set_restricted, self.case.id, value)
        if view is REFUSED:
            self.form.restrictedCheck.setChecked(self.case.restricted)
            return
        self.host.case_changed(view)

    # -- recording --------------------------------------------------------------------
    def _ask_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, tr("case.choose_file", self.lang))
        return path

    def choose_file(self) -> None:
        if self.case is None or self.hash_task is not None:
            return
        name = self.file_chooser()
        if not name:
            return
        path, case_id = Path(name), self.case.id
        f = self.form
        f.hashProgress.setValue(0)
        f.hashProgress.show()
        f.cancelHashButton.show()

        def work(ctx: TaskContext) -> tuple[str, int]:
            return recordings.hash_file(path, ctx.progress, ctx.cancelled)

        def done(result: tuple[str, int]) -> None:
            self._hash_over()
            sha, size = result
            self._save_recording(case_id, media=path.name, sha256=sha, size=size)

        def failed(exc: BaseException) -> None:
            self._hash_over()
            if isinstance(exc, recordings.HashCancelled):
                self.host.message(tr("case.hash_cancelled", self.lang))
            else:
                self.host.error(exc)

        self.hash_task = run_task(work, done, on_error=failed)
        self.hash_task.progressed.connect(
            lambda d, t: f.hashProgress.setValue(int(1000 * d / t) if t else 1000)
        )

    def _hash_over(self) -> None:
        self.hash_task = None
        self.form.hashProgress.hide()
        self.form.cancelHashButton.hide()

    def cancel_hash(self) -> None:
        if self.hash_task is not None:
            self.hash_task.cancel()

    def focus_label(self) -> None:
        self.form.mediaEdit.setFocus()
        self.form.mediaEdit.selectAll()

    def save_label(self) -> None:
        if self.case is None:
            return
        text = self.form.mediaEdit.text().strip()
        rec = recordings.recording_of(self.case.id)
        if not text or (rec is not None and rec.media == text):
            return
        self._save_recording(self.case.id, media=text)

    def mark(self, *, start: bool) -> None:
        """ "Interview starts/ends": seconds on the sitting clock, as offsets in the recording."""
        if self.case is None:
            return
        seconds = self.host.clock_seconds()
        if seconds is None:
            self.host.message(tr("case.clock_not_started", self.lang))
            return
        self._save_recording(
            self.case.id, **({"starts_at": seconds} if start else {"ends_at": seconds})
        )

    def _save_recording(self, case_id: int, **changes: object) -> None:
        rec = recordings.recording_of(case_id)
        values: dict = {
            "media": rec.media if rec else "",
            "sha256": rec.sha256 if rec else "",
            "size": rec.size if rec else None,
            "starts_at": rec.starts_at if rec else None,
            "ends_at": rec.ends_at if rec else None,
        }
        if "media" in changes and changes["media"] != values["media"]:
            values.update(sha256="", size=None)  # a new carrier: the old hash is not its hash
        values.update(changes)
        if attempt(self.host.error, recordings.set_recording, case_id, **values) is REFUSED:
            return
        self.show_recording()
        self.host.message(tr("case.recording_saved", self.lang))

    # -- corrections after the decision ------------------------------------------------
    def correction(self) -> None:
        if self.case is None or self.case.decision is None:
            self.host.message(tr("case.correction_not_needed", self.lang))
            return
        case_id = self.case.id

        def unlock(reason: str) -> None:
            view = cases.get_case(case_id)
            note = tr(
                "case.correction_note",
                self.lang,
                reason=reason,
                at=datetime.now().strftime("%d.%m.%Y %H:%M"),
            )
            comments = (view.texts["comments"] + "\n" + note).strip()

            def correct() -> CaseView:
                review.record_correction(case_id, reason)  # listed in the chair's review
                return cases.set_text(case_id, "comments", comments)

            view = attempt(self.host.error, correct)
            if view is REFUSED:
                return
            self.correcting.add(case_id)
            self.host.case_changed(view)
            self.host.message(tr("case.correction_open", self.lang))

        ask_text(
            self.host,
            tr("case.correction", self.lang),  # type: ignore[arg-type]
            tr("case.correction_reason", self.lang),
            unlock,
        )


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
