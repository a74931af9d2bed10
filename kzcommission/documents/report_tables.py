"""The consolidated report as tables: the one layout the PDF, CSV and XLSX exports share.

Data in, bytes out; no store access. Numbers stay numbers (an XLSX cell holds 7.3,
not "7.3"; a sitting numbered "12" is the number 12) and dates stay dates (an XLSX date
cell with a dd.mm.yyyy format; text only in the CSV, the PDF and on screen); shares are
percentages with one decimal, as in the 2017 statistics.
CSV is UTF-8 with a byte-order mark so that Excel opens Cyrillic and Kazakh text
correctly; the comma dialect, every section after a blank line.

Formula injection (issue 18, R: OWASP): a text cell beginning with =, +, -, @, a tab or
a carriage return is never written as something a spreadsheet evaluates. In the CSV
such a text cell gets a leading single quote; numbers and dates the report writes
itself are left as they are (a count of -3 would stay -3). In the XLSX every cell is
a value: such a text is stored as a string cell marked "quote prefix", shown exactly
as typed and kept as text even when edited; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from kzcommission.domain.cells import looks_like_formula, neutralised
from kzcommission.domain.names import text_in
from kzcommission.i18n import tr

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from kzcommission.documents.report_data import ConsolidatedReport

Cell = str | int | float | date


@dataclass(frozen=True)
class Section:
    key: str  # stable id: decisions, sittings, members, deadlines, appeals, evaluation
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""


def pct(share: float) -> float:
    return round(100 * share, 1)


def day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def text(value: Cell) -> str:
    """A cell as text (CSV, screen): dates dd.mm.yyyy, shares with one decimal."""
    if isinstance(value, date):
        return day(value)
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def number_or_text(value: str) -> int | str:
    """A sitting number: the number itself when it is one ("12"), else the text ("12/А")."""
    return int(value) if value.isdigit() else value


def decision_label(option: str, lang: str) -> str:
    key = f"report.decision.{option}"
    text = tr(key, lang)
    return option if text == key else text


def heading(report: ConsolidatedReport, lang: str) -> list[str]:
    """Title, period, commission, unit, date: the lines above every export."""
    f = report.filter
    return [
        tr("report.title", lang),
        tr(
            "report.period",
            lang,
            start=day(f.date_from) or tr("report.open_start", lang),
            end=day(f.date_to) or tr("report.open_end", lang),
        ),
        tr(
            "report.commission",
            lang,
            name=text_in(report.commission_name, lang) or tr("report.all_commissions", lang),
        ),
        tr("report.unit", lang, name=f.unit or tr("report.all_units", lang)),
        tr("report.scope", lang, planned=report.decisions.planned),
        tr("report.generated", lang, date=day(report.generated_on)),
    ]


def _cols(lang: str, *names: str) -> tuple[str, ...]:
    return tuple(tr(f"report.col.{n}", lang) for n in names)


def sections(report: ConsolidatedReport, lang: str) -> list[Section]:
    d, a, dl, ev = report.decisions, report.attendance, report.deadlines, report.evaluation
    yes, no = tr("report.yes", lang), tr("report.no", lang)
    decisions = tuple((decision_label(r.option, lang), r.count, pct(r.share)) for r in d.rows)
    decisions += ((tr("report.total", lang), d.decided, 100.0 if d.decided else 0.0),)
    summary = tr(
        "report.decisions.summary", lang, total=d.total, decided=d.decided,
        interviewed=d.interviewed, by_absence=d.by_absence, pending=d.pending,
        postponed=d.postponed,
    )  # fmt: skip
    att_note = tr(
        "report.attendance.summary", lang, held=a.held, quorum=a.with_quorum,
        no_quorum=a.held - a.with_quorum, rate=pct(a.rate), late=a.late, left=a.left,
    )  # fmt: skip
    result = [
        Section("decisions", tr("report.decisions.title", lang),
                _cols(lang, "decision", "count", "share"), decisions, summary),
        Section("sittings", tr("report.attendance.title", lang),
                _cols(lang, "sitting", "date", "commission", "members", "present", "required",
                      "quorum", "late", "left"),
                tuple((number_or_text(s.number), s.held_on, s.commission, s.members, s.present,
                       s.required, yes if s.quorum_met else no, s.late, s.left)
                      for s in a.sittings),
                att_note),
        Section("members", tr("report.members.title", lang),
                _cols(lang, "member", "role", "commission", "sittings", "attended", "rate",
                      "late", "left"),
                tuple((m.name, tr(f"report.role.{m.role}", lang), m.commission, m.sittings,
                       m.attended, pct(m.rate), m.late, m.left) for m in a.members)),
        Section("deadlines", tr("report.deadlines.title", lang),
                _cols(lang, "rule", "step", "met", "done_late", "overdue", "missed", "open"),
                tuple((r.rule_id, tr(f"prep.step.{r.step}", lang), r.met, r.late, r.overdue,
                       r.missed, r.open) for r in dl.rows),
                tr("report.deadlines.as_of", lang, date=day(dl.today))),
        _appeals(report, lang),
    ]  # fmt: skip
    if ev.visible:
        rows = [
            (tr(f"report.{corps}", lang), tr(f"eval.band.{letter}.{b.band}", lang), b.count,
             pct(b.share))
            for corps, letter, bands in (("corps_a", "a", ev.corps_a), ("corps_b", "b", ev.corps_b))
            for b in bands
        ]  # fmt: skip
        result.append(
            Section("evaluation", tr("report.evaluation.title", lang),
                    _cols(lang, "corps", "band", "count", "share"), tuple(rows))
        )  # fmt: skip
    else:
        result.append(
            Section("evaluation", tr("report.evaluation.title", lang), (), (),
                    tr("report.evaluation.hidden", lang))
        )  # fmt: skip
    return result


def _appeals(report: ConsolidatedReport, lang: str) -> Section:
    """R-DOC-8: appeals per commission, a total line when there are several."""
    rows = list(report.appeals.rows)
    if len(rows) > 1:
        rows.append(replace(report.appeals.total(), commission=tr("report.appeals.total", lang)))
    return Section(
        "appeals",
        tr("report.appeals.title", lang),
        _cols(lang, "commission", "filed", "decided", "rejected", "cancelled", "appeal_pending"),
        tuple((r.commission, r.filed, r.decided, r.rejected, r.cancelled, r.pending) for r in rows),
        tr("report.appeals.note", lang),
    )


def csv_cell(value: Cell) -> str:
    """A cell as CSV text: a text that could be taken for a formula neutralised, the
    numbers and dates of the report as written."""
    return neutralised(value) if isinstance(value, str) else text(value)


def to_csv(report: ConsolidatedReport, lang: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in heading(report, lang):
        writer.writerow([csv_cell(line)])
    for section in sections(report, lang):
        writer.writerow([])
        writer.writerow([csv_cell(section.title)])
        if section.note:
            writer.writerow([csv_cell(section.note)])
        if section.header:
            writer.writerow([csv_cell(v) for v in section.header])
        writer.writerows([csv_cell(v) for v in row] for row in section.rows)
    # The BOM lets Excel recognise UTF-8; without it Cyrillic shows as mojibake.
    return buffer.getvalue().encode("utf-8-sig")


def _append(sheet: Worksheet, values: Sequence[object]) -> list[Any]:
    """Append a row of values; never a formula (openpyxl makes one of any "=..." text)."""
    sheet.append(list(values))
    cells = list(sheet[sheet.max_row])
    for cell in cells:
        if looks_like_formula(cell.value):
            cell.data_type = "s"  # the text itself, not a formula
            cell.quotePrefix = True  # and kept as text if someone edits the cell
        elif isinstance(cell.value, date):
            cell.number_format = "DD.MM.YYYY"
    return cells


def to_xlsx(report: ConsolidatedReport, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    for index, section in enumerate(sections(report, lang)):
        sheet = first if index == 0 else book.create_sheet()
        sheet.title = section.title[:31]  # Excel's limit on sheet names
        lines = heading(report, lang) if index == 0 else [section.title]
        for line in lines:
            _append(sheet, [line])
        sheet["A1"].font = Font(bold=True)
        if section.note:
            _append(sheet, [section.note])
        sheet.append([])
        if section.header:
            for cell in _append(sheet, list(section.header)):
                cell.font = Font(bold=True)
        for row in section.rows:
            _append(sheet, list(row))
        for column, width in zip("ABCDEFGHI", (34, 16, 30, 12, 12, 12, 12, 10, 10), strict=True):
            sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
