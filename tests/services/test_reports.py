"""Consolidated reports (issue 8) on a seeded campaign in the 2017 shares, both backends."""

from __future__ import annotations

import csv
import io
import subprocess
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from benchmarks.bench_reports import UNITS, generate
from kzcommission.cli import main as cli_main
from kzcommission.services.context import Actor, reset_actor, set_actor
from kzcommission.services.errors import PermissionDenied
from kzcommission.services.preparation import campaign
from kzcommission.services.reports import consolidated, followup
from kzcommission.services.reports.consolidated import ReportFilter
from kzcommission.services.reports.export import build_report, render
from kzcommission.services.sitting import sittings
from kzcommission.store import models
from kzcommission.store.models import (
    CalibrationSession,
    CorpsAAgreement,
    CorpsBSheet,
)
from tests.services.helpers import make_desk

YEAR = ReportFilter(date(2024, 1, 1), date(2024, 12, 31))  # the generated campaign (R-ELIG-7)
TODAY = date(2025, 1, 31)
KAZAKH = "әғқңөұүі"  # the labels' letters; һ is only in some names


@pytest.fixture
def seeded(database):
    return generate(cases=1000, sittings=20, commissions=2, seed=7, absent_rate=0.15)


def test_decisions_reproduce_the_2017_table(seeded):
    report = consolidated.decisions(YEAR)
    assert (report.total, report.decided, report.pending, report.postponed) == (1000, 1000, 0, 0)
    assert [r.option for r in report.rows[:4]] == [
        "fits_promote", "fits", "unfit_demote", "unfit_dismiss",
    ]  # fmt: skip
    counts = {r.option: r.count for r in report.rows}
    assert counts == {"fits_promote": 73, "fits": 914, "unfit_demote": 11, "unfit_dismiss": 2}
    assert [round(100 * r.share, 1) for r in report.rows] == [7.3, 91.4, 1.1, 0.2]


def test_filters_by_commission_unit_and_period(seeded):
    for commission_id, expected in seeded.by_commission.items():
        flt = ReportFilter(YEAR.date_from, YEAR.date_to, commission_id)
        got = {r.option: r.count for r in consolidated.decisions(flt).rows if r.count}
        assert got == dict(expected)
    for unit in UNITS:
        got = {r.option: r.count for r in consolidated.decisions(ReportFilter(unit=unit)).rows}
        assert {k: v for k, v in got.items() if v} == dict(seeded.by_unit.get(unit, Counter()))
    assert consolidated.decisions(ReportFilter(date(2023, 1, 1), date(2023, 12, 31))).total == 0
    first = models.Sitting.select().order_by(models.Sitting.held_on).first().held_on
    on_day = models.Case.select().join(models.Sitting).where(models.Sitting.held_on == first)
    assert consolidated.decisions(ReportFilter(first, first)).total == on_day.count() > 0


def test_attendance_matches_what_was_recorded(seeded):
    report = consolidated.attendance(YEAR)
    assert report.held == 20
    by_sitting = {s.sitting_id: s for s in report.sittings}
    for sitting_id, present in seeded.present.items():
        row = by_sitting[sitting_id]
        assert (row.members, row.present, row.required) == (9, present, 6)
        assert row.quorum_met == (present >= 6)
    assert report.late == seeded.late and report.left == seeded.left
    assert report.with_quorum == sum(1 for p in seeded.present.values() if p >= 6)
    assert len(report.members) == 18  # nine voting seats in each of two commissions
    assert sum(m.attended for m in report.members) == sum(seeded.present.values())
    assert all(0 <= m.rate <= 1 and m.sittings == 10 for m in report.members)


def test_quorum_late_and_left_of_one_sitting(database):
    desk = make_desk(members=9, held_on=date(2025, 3, 12), present=5)
    sittings.mark_attendance(desk.sitting_id, desk.voting[5], "late")
    sittings.mark_attendance(desk.sitting_id, desk.voting[0], "left")
    flt = ReportFilter(date(2025, 3, 1), date(2025, 3, 31))
    report = consolidated.attendance(flt)
    (row,) = report.sittings
    assert (row.members, row.present, row.quorum_met, row.late, row.left) == (9, 6, True, 1, 1)
    rates = {m.seat_id: m.rate for m in report.members}
    assert rates[desk.voting[0]] == 1.0 and rates[desk.voting[8]] == 0.0
    assert desk.secretary not in rates  # the secretary does not count for quorum (R-QUO-1)

    other = sittings.create_sitting(desk.commission.id, date(2025, 3, 20))
    sittings.set_status(other.id, "open")
    for seat in desk.voting[:5]:
        sittings.mark_attendance(other.id, seat, "present")
    rows = {s.sitting_id: s for s in consolidated.attendance(flt).sittings}
    assert rows[other.id].quorum_met is False and rows[other.id].present == 5


def test_deadlines_count_as_the_campaign_dashboard(seeded):
    report = followup.deadlines(YEAR, TODAY)
    expected: dict[tuple[str, str], Counter] = {}
    for row in campaign.dashboard(TODAY, since_days=(TODAY - YEAR.date_from).days).rows:
        expected.setdefault((row.rule_id, row.step), Counter())[row.status] += 1
    assert {(r.rule_id, r.step) for r in report.rows} == set(expected)
    for r in report.rows:
        e = expected[r.rule_id, r.step]
        assert (r.met, r.late, r.overdue) == (e["done"], e["done_late"], e["overdue"])
        assert r.open == e["pending"] + e["due_soon"]
    notice = next(r for r in report.rows if r.rule_id == "R-DL-1")
    on_time, late = seeded.steps["notice", True], seeded.steps["notice", False]
    assert (notice.met, notice.late) == (on_time, late)


def _sheet(person, evaluator, quarter: int, band: str, score: str) -> CorpsBSheet:
    s = Decimal(score)
    return CorpsBSheet.create(
        person=person, evaluator=evaluator, year=2025, quarter=quarter, form="non_leading",
        edition="test", p1=s, p2=s, p3=s, p4=s, p5=s, final_score=s, band=band,
        evaluated_on=date(2025, 3 * quarter, 28), days_worked=60,
    )  # fmt: skip


def test_evaluation_bands_count_calibrated_sheets(seeded):
    people = list(models.Person.select().where(models.Person.unit == UNITS[0]).limit(4))
    for person, band in zip(people, ("effective", "effective", "satisfactory"), strict=False):
        CorpsAAgreement.create(person=person, year=2025, edition="test", band=band)
    _sheet(people[0], people[3], 1, "proper", "3.50")
    disputed = _sheet(people[1], people[3], 1, "satisfactory", "2.50")
    CalibrationSession.create(
        sheet=disputed, result_received=date(2025, 4, 1), request_received=date(2025, 4, 2),
        disputed_score=Decimal("2.50"), adopted_score=Decimal("4.10"), adopted_band="effective",
        status="adopted",
    )  # fmt: skip
    report = followup.evaluation_bands(ReportFilter(date(2025, 1, 1), date(2025, 12, 31)))
    assert report.visible
    assert {b.band: b.count for b in report.corps_a} == {
        "effective": 2, "satisfactory": 1, "unsatisfactory": 0,
    }  # fmt: skip
    assert {b.band: b.count for b in report.corps_b if b.count} == {"effective": 1, "proper": 1}
    assert followup.evaluation_bands(ReportFilter(unit=UNITS[1])).corps_a[0].count == 0


def test_search_cases_by_prefix(seeded):
    person = models.Person.select().where(models.Person.personnel_number == "T000042").get()
    by_number = consolidated.search_cases("T00004", 50)
    assert any(h.personnel_number == "T000042" for h in by_number)
    prefix = person.surname[:3].lower()
    lower = consolidated.search_cases(prefix, 500)
    assert lower and all(h.person_name.lower().startswith(prefix) for h in lower)
    both = consolidated.search_cases(f"{person.surname} {person.given_name[:2]}", 500)
    assert any(h.personnel_number == "T000042" for h in both)
    assert all(h.person_name.split()[1].startswith(person.given_name[:2]) for h in both)
    assert consolidated.search_cases("   ", 10) == []
    assert len(consolidated.search_cases(person.surname[:1], 7)) == 7


def test_reports_need_the_reports_view_right(seeded):
    set_actor(Actor(name="m", role="member"))
    try:
        with pytest.raises(PermissionDenied):
            consolidated.decisions(YEAR)
    finally:
        reset_actor()


def test_exports_read_back(seeded, artifacts, backend):
    report = build_report(YEAR, TODAY)
    data = render(report, "csv", "kk")
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens UTF-8 Cyrillic
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Аттестаттау туралы есеп"]
    assert ["жоғарылату", "73", "7.3"] in rows and ["сәйкес келеді", "914", "91.4"] in rows
    assert ["жұмыстан босату", "2", "0.2"] in rows

    book = load_workbook(io.BytesIO(render(report, "xlsx", "ru")))
    values = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    assert ["повышение", 73, 7.3] in values and ["понижение", 11, 1.1] in values
    assert len(book.worksheets) == 6

    pdf = render(report, "pdf", "kk")
    folder = artifacts / "reports"
    folder.mkdir(exist_ok=True)
    path = folder / f"report_kk_{backend}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    for figure in ("7.3", "91.4", "1.1", "0.2", "914", "Шешімдер", "Кворум"):
        assert figure in text
    assert set(KAZAKH) <= set(text.lower())
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path),
                    str(folder / f"report_kk_{backend}")], check=True)  # fmt: skip
    assert list(folder.glob(f"report_kk_{backend}*.png"))


def test_cli_report(seeded, database, tmp_path, capsys):
    target = ["--database", database] if isinstance(database, str) else ["--db", str(database)]
    out = tmp_path / "r.csv"
    code = cli_main([*target, "report", "--from", "2024-01-01", "--to", "2024-12-31",
                     "--format", "csv", "--out", str(out), "--lang", "en"])  # fmt: skip
    assert code == 0 and capsys.readouterr().out.strip() == str(out)
    assert "promotion,73,7.3" in out.read_text(encoding="utf-8-sig")


def test_undecided_and_postponed_are_counted_beside(seeded):
    first = models.Case.select().order_by(models.Case.id).limit(3)
    ids = [c.id for c in first]
    K = models.Case
    K.update(decision=None, status="pending").where(K.id == ids[0]).execute()
    K.update(decision=None, status="postponed").where(K.id.in_(ids[1:])).execute()
    report = consolidated.decisions(YEAR)
    assert (report.total, report.decided, report.pending, report.postponed) == (1000, 997, 1, 2)
    assert sum(r.count for r in report.rows) == 997


def test_cases_and_sittings_counted_from_the_held_sittings(database):
    """Issue 22: a planned sitting's cases are not counted while its sitting is not ("8 cases
    and 0 sittings"); the report says which set it counts and how many planned cases it
    left out."""
    from kzcommission.services.preparation import campaign, persons

    desk = make_desk(members=3, held_on=date(2025, 3, 12))
    planned = sittings.create_sitting(desk.commission.id, date(2025, 3, 26))
    people = [persons.add_person(f"E{i}", "Test", personnel_number=f"E{i}").id for i in range(9)]
    campaign.plan(planned.id, people[:8], "regular")
    campaign.plan(desk.sitting_id, people[8:], "regular")
    flt = ReportFilter(date(2025, 3, 1), date(2025, 3, 31))
    report = build_report(flt, date(2025, 4, 1))
    assert (report.decisions.total, report.decisions.planned) == (1, 8)
    assert report.attendance.held == 1
    only_planned = build_report(ReportFilter(date(2025, 3, 20), date(2025, 3, 31)))
    assert (only_planned.decisions.total, only_planned.attendance.held) == (0, 0)
    assert only_planned.decisions.planned == 8
    rows = list(csv.reader(io.StringIO(render(only_planned, "csv", "en").decode("utf-8-sig"))))
    assert [
        "Counted: the sittings held (open, closed or finalized) in the period and their cases;"
        " cases of planned sittings not counted: 8."
    ] in rows


def test_interviewed_excludes_decisions_for_absence(database):
    """R-SIT-4: a person decided "unfit" for an unexcused absence was not interviewed."""
    from kzcommission.services.preparation import campaign, persons
    from kzcommission.services.sitting import cases, voting

    desk = make_desk(members=3, held_on=date(2025, 3, 12))
    people = [persons.add_person(f"E{i}", "Test", personnel_number=f"E{i}").id for i in range(2)]
    came, absent = campaign.plan(desk.sitting_id, people, "regular")
    cases.set_appearance(came.id, "present")
    r = voting.open_round(came.id)
    voting.cast_all(r.id, "fits")
    voting.close_round(r.id)
    cases.set_appearance(absent.id, "absent_unexcused")
    cases.decide_by_rule(absent.id)
    assert models.Case.get_by_id(absent.id).decision_rule == "R-SIT-4"
    report = consolidated.decisions(ReportFilter(date(2025, 3, 1), date(2025, 3, 31)))
    assert (report.decided, report.by_absence, report.interviewed) == (2, 1, 1)
    built = build_report(ReportFilter(date(2025, 3, 1), date(2025, 3, 31)), date(2025, 4, 1))
    rows = list(csv.reader(io.StringIO(render(built, "csv", "en").decode("utf-8-sig"))))
    assert any(
        "decided: 2, of them after an interview: 1, for an unexcused absence" in row[0]
        for row in rows
        if row
    )


def test_xlsx_sitting_numbers_and_dates_are_typed(database):
    """The XLSX keeps a sitting's number as a number and its date as a date cell."""
    from datetime import datetime

    desk = make_desk(members=3, held_on=date(2025, 3, 12))
    number = models.Sitting.get_by_id(desk.sitting_id).number
    report = build_report(ReportFilter(date(2025, 3, 1), date(2025, 3, 31)), date(2025, 4, 1))
    book = load_workbook(io.BytesIO(render(report, "xlsx", "en")))
    sheet = book.worksheets[1]  # the sittings
    (row,) = [r for r in sheet.iter_rows() if isinstance(r[1].value, datetime)]
    assert row[0].value == int(number) and isinstance(row[0].value, int)
    assert row[1].value == datetime(2025, 3, 12) and row[1].number_format == "DD.MM.YYYY"
    text = render(report, "csv", "en").decode("utf-8-sig")
    assert f"{number},12.03.2025," in text  # the CSV keeps the dd.mm.yyyy text
