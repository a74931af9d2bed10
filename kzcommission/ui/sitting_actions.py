"""The sitting console's paperwork: print the pack, finalize (lock), export the package.

Each runs through the one background helper (``tasks.run_task``); the console
shows a finalized sitting read-only, and the services refuse changes anyway. What the
print dialog saves, signs or prints goes through ``ui.paper_output``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QPushButton

from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.ui import settings
from kzcommission.ui.dialogs import REFUSED, attempt, confirm
from kzcommission.ui.paper_output import PaperOutput, warn
from kzcommission.ui.print_dialog import default_folder
from kzcommission.ui.shortcuts import key_of
from kzcommission.ui.tasks import TaskContext, run_task

if TYPE_CHECKING:
    from kzcommission.ui.console import SittingConsole

ACTIONS = ("print_pack", "finalize", "export_package", "amendments", "followup")
PACKAGE_SUFFIX = ".kzx"


class SittingActions(PaperOutput):
    """Buttons and slots of the actions; ``open_folder``, ``choose_package`` and
    ``ask_printer`` are attributes so tests can replace the desktop, the file dialog and
    the system print dialog."""

    def __init__(self, console: SittingConsole) -> None:
        super().__init__(console, console.lang)
        self.console = console
        self.choose_package: Callable[[Path], str] = self._ask_package
        self.buttons: dict[str, QPushButton] = {}
        native = QKeySequence.SequenceFormat.NativeText
        for name in ACTIONS:
            text = f"{tr(f'shortcut.{name}', self.lang)} ({key_of(name).toString(native)})"
            button = QPushButton(text, objectName=f"{name}Button")
            button.clicked.connect(self.slots[name])
            console.form.sittingButtons.addWidget(button)
            self.buttons[name] = button

    @property
    def slots(self) -> dict[str, Callable[[], None]]:
        return {
            "print_pack": self.print_pack,
            "finalize": self.finalize,
            "export_package": self.export_package,
            "amendments": self.amendments,
            "print_case": self.print_case,
            "followup": self.followup,
            "print_characteristic": lambda: self.print_case_paper("characteristic"),
            "print_familiarisation": lambda: self.print_case_paper("familiarisation"),
        }

    @property
    def sitting_folder(self) -> Path:
        sitting = self.console.sitting
        return default_folder(sitting.number or str(sitting.id))

    # -- the print dialog's host (ui.paper_output) ---------------------------------------------
    def message(self, text: str) -> None:
        self.console.message(text)

    def error(self, exc: BaseException) -> None:
        self.console.error(exc)

    @property
    def folder(self) -> Path:
        return self.sitting_folder

    @property
    def can_sign(self) -> bool:
        return self.locked

    @property
    def doc_name(self) -> str:
        return self.console.sitting.number or str(self.console.sitting.id)

    # -- the locked state ---------------------------------------------------------------
    def show_state(self) -> None:
        """A finalized sitting is read-only: entry panels off, only paperwork left."""
        c = self.console
        locked = c.sitting.status == "finalized"
        self.buttons["finalize"].setVisible(c.sitting.status in ("open", "closed"))
        self.buttons["export_package"].setVisible(locked)
        self.buttons["amendments"].setVisible(locked)
        self.buttons["followup"].setVisible(locked)
        for widget in (c.attendance, c.case_panel, c.scores, c.vote, c.form.addCaseButton):
            widget.setEnabled(not locked)
        if locked:
            c.message(tr("console.locked", self.lang))

    @property
    def locked(self) -> bool:
        return self.console.sitting.status == "finalized"

    # -- print ----------------------------------------------------------------------------
    def print_pack(self) -> None:
        """Ctrl+P: the pack's documents with a preview; print them or save them."""
        from kzcommission.services.papers import paper

        if self.task is not None:
            return
        self.console.case_panel.flush()
        sitting_id = self.console.sitting.id
        self.open_paper(
            lambda: paper.sitting_paper(sitting_id),
            tr("print.title", self.lang),
            # The personal-file extracts are offered, not ticked: the pack stays what it was.
            tick=lambda item: item.document != "summary",
        )

    def print_case(self) -> None:
        """The current case's sheet (and characteristic, familiarisation slip where it has
        them) in the same dialog as the pack."""
        from kzcommission.services.papers import paper

        c = self.console
        if c.case is None or self.task is not None:
            return
        c.case_panel.flush()
        case_id = c.case.id
        title = tr("paper.case_title", self.lang, number=c.case.order + 1, name=c.case.person_name)
        self.open_paper(lambda: paper.case_paper(case_id), title)

    def print_case_paper(self, document: str) -> None:
        """The current case's characteristic (R-DOC-5) or familiarisation slip (R-DL-7):
        the case's papers with only this one ticked; a case without it is refused first,
        with the reason on the console."""
        from kzcommission.services.papers import case_documents, paper

        c = self.console
        if c.case is None or self.task is not None:
            return
        c.case_panel.flush()
        case_id = c.case.id
        check = {
            "characteristic": case_documents.characteristic_doc,
            "familiarisation": case_documents.familiarisation_doc,
        }[document]
        if attempt(c.error, check, case_id) is REFUSED:
            return
        self.open_paper(
            lambda: paper.case_paper(case_id),
            tr(f"shortcut.print_{document}", self.lang),
            tick=lambda item: item.document == document,
        )

    # -- finalize ---------------------------------------------------------------------------
    def finalize(self) -> None:
        c = self.console
        if self.task is not None:
            return
        if self.locked:
            c.message(tr("console.locked", self.lang))
            return
        from kzcommission.services.sitting import review

        c.case_panel.flush()
        if review.blocking_findings(c.sitting.id):
            # The chair's review must be resolved first: show it instead of a refusal.
            c.message(tr("review.open_hint", self.lang))
            c.chair.open_review()
            return
        confirm(
            c,
            tr("finalize.title", self.lang),
            tr("finalize.confirm", self.lang, number=c.sitting.number or c.sitting.id),
            self._finalize,
            self.lang,
        )

    def _finalize(self) -> None:
        from kzcommission.services.sitting.finalize import finalize_sitting

        self.console.case_panel.flush()
        sitting_id = self.console.sitting.id
        self.console.message(tr("finalize.working", self.lang))
        self.task = run_task(
            lambda _ctx: finalize_sitting(sitting_id), self._finalized, on_error=self._failed
        )

    def _finalized(self, result: Any) -> None:  # services.sitting.finalize.FinalizeResult
        self.task = None
        c = self.console
        c.sitting = result.sitting
        c.refresh_sitting()
        if result.backup is not None:
            c.message(tr("finalize.done", self.lang, backup=str(result.backup)))
        else:
            c.message(tr("finalize.done_no_backup", self.lang))
            warn(
                c,
                tr("finalize.title", self.lang),
                tr("finalize.backup_problem", self.lang, problem=result.backup_problem),
            )

    # -- amendments ---------------------------------------------------------------------------
    def amendments(self) -> None:
        """A finalized sitting is corrected only by amendments, signed by the chair."""
        from kzcommission.ui.amendments_dialog import AmendmentsDialog

        c = self.console
        if not self.locked:
            c.message(tr("amend.need_finalized", self.lang))
            return
        dialog = AmendmentsDialog(self.lang, c.sitting, c)
        c.dialog = dialog
        dialog.open()

    def followup(self) -> None:
        """After the sitting (issue 21): minutes, familiarisation, head's decision, appeals."""
        from kzcommission.ui.followup_dialog import FollowupDialog

        c = self.console
        if not self.locked:
            c.message(tr("fu.need_finalized", self.lang))
            return
        dialog = FollowupDialog(self.lang, c.sitting.id, c)
        c.dialog = dialog
        dialog.open()

    # -- export -----------------------------------------------------------------------------
    def _ask_package(self, suggested: Path) -> str:
        name, _ = QFileDialog.getSaveFileName(
            self.console,
            tr("export.title", self.lang),
            str(suggested),
            tr("package.filter", self.lang),
        )
        return name

    def export_package(self) -> None:
        c = self.console
        if self.task is not None:
            return
        if not self.locked:
            c.message(tr("export.need_finalized", self.lang))
            return
        name = self.choose_package(self.sitting_folder.with_suffix(PACKAGE_SUFFIX))
        if not name:
            return
        dest = Path(name)
        if not dest.suffix:
            dest = dest.with_name(dest.name + PACKAGE_SUFFIX)
        self._export(dest)

    def _export(self, dest: Path) -> None:
        from kzcommission.services.exchange import export_package

        sitting_id = self.console.sitting.id
        lang = settings.print_language()

        def work(ctx: TaskContext) -> Path:
            dest.parent.mkdir(parents=True, exist_ok=True)
            return export_package(
                sitting_id, dest, lang=lang, progress=ctx.progress, cancelled=ctx.cancelled
            )

        self.console.message(tr("export.working", self.lang))
        self.task = self._run(work, self._exported, "export.working")

    def _exported(self, path: Path) -> None:
        self.task = None
        self.console.message(tr("export.done", self.lang, path=str(path)))

    # -- shared -----------------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError) and exc.field == "review":
            self.task = None
            self.console.error(exc)
            self.console.chair.open_review()  # found since the check: show what blocks
            return
        super()._failed(exc)
