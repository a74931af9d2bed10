"""The keyboard map: every action with its key, in one table; F1 shows it."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from kzcommission.i18n import tr
from kzcommission.ui.table_fit import spread_columns
from kzcommission.ui.window_fit import fit_window

# (action id, key sequence, where it works). Labels: ``shortcut.<id>`` in ui.json.
GLOBAL = "global"
CONSOLE = "console"
ATTENDANCE = "attendance"
BALLOTS = "ballots"
SCORES = "scores"
PREPARATION = "preparation"
EVALUATION = "evaluation"
REPORTS = "reports"
SETTINGS = "settings"
REVIEW = "review"
AMENDMENTS = "amendments"
PAPER = "paper"  # the print dialog (ui.paper_dialog)
FOLLOWUP = "followup"

KEYMAP: tuple[tuple[str, str, str], ...] = (
    ("help", "F1", GLOBAL),
    ("manual", "Shift+F1", GLOBAL),
    ("new_commission", "Ctrl+N", GLOBAL),
    ("edit_commission", "Ctrl+Shift+K", GLOBAL),  # the composition, by seat
    ("import_roster", "Ctrl+I", GLOBAL),
    ("new_sitting", "Ctrl+T", GLOBAL),
    ("home", "Ctrl+H", GLOBAL),
    ("sitting_page", "Ctrl+1", GLOBAL),
    ("preparation", "Ctrl+2", GLOBAL),
    ("evaluation", "Ctrl+3", GLOBAL),
    ("reports", "Ctrl+4", GLOBAL),
    ("import_package", "Ctrl+Shift+I", GLOBAL),
    ("settings", "Ctrl+,", GLOBAL),
    ("quit", "Ctrl+Q", GLOBAL),
    ("check_db", "Ctrl+Shift+H", GLOBAL),  # the history and finalized sittings (verify-db)
    ("check_document", "Ctrl+Shift+V", GLOBAL),  # a PDF and its NCA signature (verify)
    ("focus_attendance", "F2", CONSOLE),
    ("focus_cases", "F3", CONSOLE),
    ("focus_interview", "F4", CONSOLE),
    ("present", "F5", CONSOLE),
    ("absent_excused", "F6", CONSOLE),
    ("absent_unexcused", "F7", CONSOLE),
    ("focus_scores", "F8", CONSOLE),
    ("focus_vote", "F9", CONSOLE),
    ("next_case", "Ctrl+Down", CONSOLE),
    ("previous_case", "Ctrl+Up", CONSOLE),
    ("unanimous", "Alt+1 … Alt+5", CONSOLE),
    ("count", "Ctrl+Return", CONSOLE),
    ("no_grade", "Ctrl+Shift+G", CONSOLE),  # R-DEC-3: "no grounds" in one step
    ("undo", "Ctrl+Z", CONSOLE),
    ("recuse", "Ctrl+R", CONSOLE),
    ("withdraw_recusal", "Ctrl+Shift+R", CONSOLE),
    ("restricted", "Ctrl+Shift+X", CONSOLE),
    ("recording_file", "Ctrl+O", CONSOLE),
    ("recording_label", "Ctrl+L", CONSOLE),
    ("interview_starts", "Ctrl+[", CONSOLE),
    ("interview_ends", "Ctrl+]", CONSOLE),
    ("correction", "Ctrl+K", CONSOLE),
    ("add_case", "Ctrl+Shift+N", CONSOLE),
    ("open_sitting", "Ctrl+Shift+O", CONSOLE),
    ("close_sitting", "Ctrl+Shift+W", CONSOLE),
    ("presiding", "Ctrl+Shift+P", CONSOLE),  # R-VOTE-4: who presides over the current case
    ("print_pack", "Ctrl+P", CONSOLE),
    ("print_case", "Ctrl+Alt+P", CONSOLE),  # the current case's sheet and papers, previewed
    ("print_characteristic", "Ctrl+Shift+C", CONSOLE),  # R-DOC-5: of the current case
    ("print_familiarisation", "Ctrl+Shift+T", CONSOLE),  # R-DL-7: of the current case
    ("finalize", "Ctrl+Shift+F", CONSOLE),
    ("export_package", "Ctrl+E", CONSOLE),
    ("amendments", "Ctrl+Shift+A", CONSOLE),
    ("followup", "Ctrl+Shift+U", CONSOLE),  # issue 21: after the sitting
    ("chair_review", "F12", CONSOLE),
    ("room_display", "Ctrl+F10", CONSOLE),
    ("room_result", "F10", CONSOLE),
    ("mark_present", "P", ATTENDANCE),
    ("mark_absent", "A", ATTENDANCE),
    ("mark_late", "L", ATTENDANCE),
    ("mark_left", "E", ATTENDANCE),
    ("mark_deputy", "D", ATTENDANCE),
    ("ballot", "1 … 5", BALLOTS),
    ("retract", "Delete", BALLOTS),
    ("score", "1 … 4", SCORES),
    ("score_decision", "1 … 5", SCORES),
    ("score_grade", "G / N / Delete", SCORES),
    ("settings_browse", "Alt+B", SETTINGS),
    ("review_confirm", "Space", REVIEW),
    ("review_confirm_all", "Ctrl+Shift+Return", REVIEW),
    ("review_explain", "Ctrl+E", REVIEW),
    ("review_refresh", "F5", REVIEW),
    ("amend_request", "Ctrl+Return", AMENDMENTS),
    ("amend_sign", "Ctrl+G", AMENDMENTS),
    ("paper_tick", "Space", PAPER),
    ("paper_all", "Ctrl+A", PAPER),
    ("paper_pages", "PgUp / PgDown", PAPER),
    ("paper_print", "Ctrl+P", PAPER),
    ("paper_save", "Ctrl+S / Enter", PAPER),
    ("paper_sign", "Ctrl+Shift+S", PAPER),  # a finalized sitting: saved, signed in NCALayer
    # The screens' own keys (kept in their packages), listed here so F1 shows them.
    ("prep_pages", "Alt+1 … Alt+4", PREPARATION),
    ("prep_search", "Ctrl+F", PREPARATION),
    ("prep_save", "Ctrl+S", PREPARATION),
    ("prep_leave", "Ctrl+L", PREPARATION),
    ("prep_certification", "Ctrl+Shift+C", PREPARATION),
    ("prep_application", "Ctrl+Shift+A", PREPARATION),
    ("prep_pregnant", "Ctrl+Shift+G", PREPARATION),
    ("prep_refresh", "F5", PREPARATION),
    ("prep_date", "Ctrl+G", PREPARATION),
    ("prep_print", "Ctrl+P", PREPARATION),
    ("prep_done", "Ctrl+D", PREPARATION),
    ("prep_notice", "Ctrl+Shift+N", PREPARATION),
    ("prep_move", "Ctrl+M", PREPARATION),
    ("prep_scope", "Ctrl+Shift+S", PREPARATION),
    ("prep_new_employee", "Ctrl+Shift+E", PREPARATION),
    ("prep_leaves_list", "Ctrl+Alt+L", PREPARATION),
    ("prep_certifications_list", "Ctrl+Alt+C", PREPARATION),
    ("prep_applications_list", "Ctrl+Alt+A", PREPARATION),
    ("prep_row_edit", "Enter", PREPARATION),
    ("prep_row_remove", "Delete", PREPARATION),
    ("prep_followup", "Ctrl+Shift+U", PREPARATION),  # of the chosen row's sitting
    # The follow-up view (ui.followup_dialog) and a case's papers (ui.case_files_dialog).
    ("fu_minutes", "Ctrl+M", FOLLOWUP),
    ("fu_communicate", "Ctrl+F", FOLLOWUP),
    ("fu_head", "Ctrl+D", FOLLOWUP),
    ("fu_appeal", "Ctrl+A", FOLLOWUP),
    ("fu_outcome", "Ctrl+Shift+A", FOLLOWUP),
    ("fu_files", "Ctrl+O", FOLLOWUP),
    ("fu_print", "Ctrl+P", FOLLOWUP),  # R-DOC-7: the chosen case's personal-file extract
    ("fu_refresh", "F5", FOLLOWUP),
    ("fu_save", "Ctrl+Return", FOLLOWUP),
    ("fu_file_attach", "Insert", FOLLOWUP),
    ("fu_file_open", "Return", FOLLOWUP),
    ("fu_file_detach", "Delete", FOLLOWUP),
    ("fu_file_step", "Ctrl+K", FOLLOWUP),
    ("eval_pages", "Alt+1 … Alt+3", EVALUATION),
    ("eval_refresh", "F5", EVALUATION),
    ("eval_save", "Ctrl+S", EVALUATION),
    ("eval_evaluate", "Ctrl+E", EVALUATION),
    ("eval_decision", "Ctrl+D", EVALUATION),
    ("eval_print_sheet", "Ctrl+P", EVALUATION),
    ("eval_print_agreement", "Ctrl+Shift+P", EVALUATION),
    ("eval_print_review", "Ctrl+Alt+P", EVALUATION),
    ("eval_print_max_table", "Ctrl+Alt+M", EVALUATION),  # Order 13 Appendix 4 (R-EVA-2)
    ("eval_request", "Ctrl+R", EVALUATION),
    ("eval_panel", "Ctrl+M", EVALUATION),
    ("eval_vote", "Ctrl+Return", EVALUATION),
    ("eval_sign", "Ctrl+G", EVALUATION),
    ("eval_uploaded", "Ctrl+U", EVALUATION),
    ("eval_disposal", "Ctrl+Shift+D", EVALUATION),
    ("report_filters", "Alt+C / Alt+F / Alt+T / Alt+U", REPORTS),
    ("report_refresh", "F5", REPORTS),
    ("report_pdf", "Ctrl+Alt+P", REPORTS),
    ("report_csv", "Ctrl+Alt+C", REPORTS),
    ("report_xlsx", "Ctrl+Alt+X", REPORTS),
)


def key_of(action: str) -> QKeySequence:
    for name, keys, _where in KEYMAP:
        if name == action:
            return QKeySequence(keys)
    raise KeyError(action)


class ShortcutsDialog(QDialog):
    """F1: the whole keyboard map, grouped by where each key works."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("shortcut.title", lang))
        layout = QVBoxLayout(self)
        table = QTableWidget(len(KEYMAP), 3, self)
        table.setHorizontalHeaderLabels(
            [
                tr("shortcut.col_key", lang),
                tr("shortcut.col_action", lang),
                tr("shortcut.col_where", lang),
            ]
        )
        for row, (name, keys, where) in enumerate(KEYMAP):
            for column, text in enumerate(
                (keys, tr(f"shortcut.{name}", lang), tr(f"shortcut.where.{where}", lang))
            ):
                table.setItem(row, column, QTableWidgetItem(text))
        spread_columns(table, {1: 3, 2: 2})  # every column on screen, the texts wrapped
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        layout.addWidget(table)
        self.table = table
        fit_window(self, "shortcuts", 720, 640)
