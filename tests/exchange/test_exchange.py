"""Sealed exchange packages between an office and the centre."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from kzcommission.services.exchange import PackageRefused, export_package, import_package
from kzcommission.services.exchange import package as fmt
from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.sitting import cases, sittings, voting
from kzcommission.store import models
from tests.services.helpers import add_employee, make_desk

KEY = b"shared-office-centre-key-0123456789"


def finalize(sitting_id: int) -> None:
    sittings.set_status(sitting_id, "closed")
    models.Sitting.update(status="finalized").where(models.Sitting.id == sitting_id).execute()


def office_package(tmp_path: Path) -> Path:
    """An office records a sitting of three cases and sends it."""
    open_database(tmp_path / "office.sqlite3")
    desk = make_desk(present=8)
    unanimous = cases.add_case(desk.sitting_id, add_employee("Әлиев", "E-1").id, "regular")
    cases.set_appearance(unanimous.id, "present")
    r = voting.open_round(unanimous.id)
    voting.cast_all(r.id, "fits")
    voting.close_round(r.id)
    tie = cases.add_case(desk.sitting_id, add_employee("Қасымова", "E-2").id, "regular")
    cases.set_appearance(tie.id, "present")
    r = voting.open_round(tie.id)
    for seat in desk.voting[:4]:
        voting.cast_ballot(r.id, seat, "unfit")
    for seat in desk.voting[4:8]:
        voting.cast_ballot(r.id, seat, "fits")
    voting.close_round(r.id)
    absent = cases.add_case(desk.sitting_id, add_employee("Петров", "E-3").id, "regular")
    cases.set_appearance(absent.id, "absent_unexcused")
    cases.decide_by_rule(absent.id)
    finalize(desk.sitting_id)
    path = export_package(desk.sitting_id, tmp_path / "sitting.kzx", key=KEY, lang="ru")
    close_database()
    return path


@pytest.fixture
def sent(tmp_path):
    return office_package(tmp_path)


def rewrite(src: Path, dst: Path, change) -> Path:
    """Change data.json as a faulty office would, and seal it again with the right key."""
    with zipfile.ZipFile(src) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    data = json.loads(files[fmt.DATA])
    change(data)
    files[fmt.DATA] = fmt.dumps(data)
    manifest = json.loads(files[fmt.MANIFEST])
    manifest["files"][fmt.DATA] = fmt.sha256(files[fmt.DATA])
    files[fmt.MANIFEST] = fmt.dumps(manifest)
    files[fmt.SEAL] = fmt.dumps(fmt.seal(files[fmt.MANIFEST], KEY))
    with zipfile.ZipFile(dst, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return dst


def counts() -> tuple[int, ...]:
    return tuple(
        m.select().count()
        for m in (models.Sitting, models.Case, models.Ballot, models.Person, models.Commission)
    )


def test_round_trip_and_second_import_changes_nothing(sent, centre):
    report = import_package(sent, key=KEY)
    assert report.cases == 3 and not report.already_present
    decisions = {c.person.surname: (c.decision, c.decision_rule) for c in models.Case.select()}
    assert decisions == {
        "Әлиев": ("fits", "R-VOTE-2"),
        "Петров": ("unfit", "R-SIT-4"),
        "Қасымова": ("unfit", "R-VOTE-3"),
    }
    assert models.Ballot.select().count() == 16
    before = counts()
    again = import_package(sent, key=KEY)
    assert again.already_present and counts() == before


def test_changed_ballot_is_refused_by_the_recount(sent, centre, tmp_path):
    def change(data):
        case = next(c for c in data["sitting"]["cases"] if c["decision_rule"] == "R-VOTE-2")
        case["rounds"][0]["ballots"][0]["option"] = "unfit"
        case["rounds"][0]["ballots"][1]["option"] = "unfit"
        case["rounds"][0]["ballots"][2]["option"] = "unfit"
        case["rounds"][0]["ballots"][3]["option"] = "unfit"
        case["rounds"][0]["ballots"][4]["option"] = "unfit"

    with pytest.raises(PackageRefused) as err:
        import_package(rewrite(sent, tmp_path / "ballot.kzx", change), key=KEY)
    text = str(err.value)
    assert "Әлиев" in text and "adopted" in text and "R-VOTE-2" in text
    assert counts() == (0, 0, 0, 0, 0)


def test_changed_decision_is_refused(sent, centre, tmp_path):
    def change(data):
        case = next(c for c in data["sitting"]["cases"] if c["decision_rule"] == "R-VOTE-3")
        case["decision"] = "fits"

    with pytest.raises(PackageRefused) as err:
        import_package(rewrite(sent, tmp_path / "decision.kzx", change), key=KEY)
    problem = err.value.problems[0]
    assert "Қасымова" in problem.place and problem.field == "decision"
    assert counts() == (0, 0, 0, 0, 0)


def test_removed_case_is_refused(sent, centre, tmp_path):
    def change(data):
        data["sitting"]["cases"].pop()

    with pytest.raises(PackageRefused, match="removed"):
        import_package(rewrite(sent, tmp_path / "removed.kzx", change), key=KEY)
    assert counts() == (0, 0, 0, 0, 0)


def test_truncated_file_is_refused_whole(sent, centre, tmp_path):
    cut = tmp_path / "cut.kzx"
    cut.write_bytes(sent.read_bytes()[: sent.stat().st_size // 2])
    with pytest.raises(PackageRefused, match="not a complete package"):
        import_package(cut, key=KEY)
    assert counts() == (0, 0, 0, 0, 0)


def test_wrong_schema_version_is_refused(sent, centre, tmp_path):
    with zipfile.ZipFile(sent) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(files[fmt.MANIFEST])
    manifest["schema_version"] = 3
    files[fmt.MANIFEST] = fmt.dumps(manifest)
    files[fmt.SEAL] = fmt.dumps(fmt.seal(files[fmt.MANIFEST], KEY))
    wrong = tmp_path / "v3.kzx"
    with zipfile.ZipFile(wrong, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    with pytest.raises(PackageRefused, match="version 3 is not supported; .* reads versions 1, 2"):
        import_package(wrong, key=KEY)


def test_edit_without_the_key_breaks_the_seal(sent, centre, tmp_path):
    with zipfile.ZipFile(sent) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files[fmt.DATA] = files[fmt.DATA].replace("Петров".encode(), "Сидоров".encode())
    forged = tmp_path / "forged.kzx"
    with zipfile.ZipFile(forged, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    with pytest.raises(PackageRefused) as err:
        import_package(forged, key=KEY)
    assert err.value.problems[0].field == fmt.DATA


def test_another_key_is_named(sent, centre):
    with pytest.raises(PackageRefused, match="seal does not match"):
        import_package(sent, key=b"some other office key, 32 bytes or more")


def test_schema_errors_name_the_field(sent, centre, tmp_path):
    def change(data):
        data["sitting"]["cases"][0]["kind"] = "annual"

    with pytest.raises(PackageRefused) as err:
        import_package(rewrite(sent, tmp_path / "schema.kzx", change), key=KEY)
    assert err.value.problems[0].field == "sitting/cases/0/kind"


def test_schema_file_is_valid_json_schema():
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(fmt.schema())


def test_specialty_and_special_rank_travel_and_may_be_absent(sent, centre, tmp_path):
    """v10: the two person fields are exchanged; a package from an office without them
    (an older version) still imports, with the fields empty (Decree 490 App. 3 items 4, 6)."""

    def set_fields(data):
        for p in data["persons"]:
            if p["surname"] == "Петров":
                p.update(specialty="Құқықтану", special_rank="полиция майоры")
            else:
                p.pop("specialty"), p.pop("special_rank")

    import_package(rewrite(sent, tmp_path / "v10.kzx", set_fields), key=KEY)
    ranks = {p.surname: (p.specialty, p.special_rank) for p in models.Person.select()}
    assert ranks["Петров"] == ("Құқықтану", "полиция майоры")
    assert ranks["Әлиев"] == ("", "")


def _deadline_rows() -> list[tuple]:
    from datetime import date

    from kzcommission.services.reports import followup
    from kzcommission.services.reports.consolidated import ReportFilter

    flt = ReportFilter(date(2025, 1, 1), date(2025, 12, 31))
    report = followup.deadlines(flt, date(2025, 6, 30))
    return [(r.rule_id, r.step, r.met, r.late, r.overdue, r.missed, r.open) for r in report.rows]


def test_deadline_steps_travel_and_a_later_package_brings_new_ones(tmp_path):
    """Issue 22: the package carries the deadline steps (case_step), so the centre's
    deadline report (R-DL-1..R-DL-8) counts them as the office's; a later package of the
    same sitting brings the steps recorded since, the record itself unchanged; a package
    without steps (an older office) still imports."""
    from datetime import date, datetime

    from kzcommission.services.preparation import campaign
    from kzcommission.store.models import CaseStep

    office_package(tmp_path)
    open_database(tmp_path / "office.sqlite3")
    # Decided at the sitting of 12.03.2025 (the test entered it today).
    models.Case.update(decided_at=datetime(2025, 3, 12, 12)).execute()
    decided = list(models.Case.select().order_by(models.Case.id))
    later = date(2025, 6, 1)
    campaign.record_step(decided[0].id, "notice", date(2025, 2, 10), today=later)
    campaign.record_step(decided[0].id, "minutes", date(2025, 3, 13), today=later)
    campaign.record_step(decided[1].id, "minutes", date(2025, 3, 20), today=later)
    sitting_id = decided[0].sitting_id
    first = export_package(sitting_id, tmp_path / "first.kzx", key=KEY)
    office_first = _deadline_rows()
    campaign.record_step(decided[0].id, "communicate", date(2025, 3, 14), today=later)
    second = export_package(sitting_id, tmp_path / "second.kzx", key=KEY)
    office_second = _deadline_rows()
    close_database()

    open_database(tmp_path / "centre.sqlite3")
    try:
        report = import_package(first, key=KEY)
        assert CaseStep.select().count() == 3
        assert _deadline_rows() == office_first
        again = import_package(second, key=KEY)
        assert again.already_present and again.steps == 1
        assert CaseStep.select().count() == 4
        assert _deadline_rows() == office_second != office_first
        assert report.cases == 3
    finally:
        close_database()

    def drop_steps(data):
        for case in data["sitting"]["cases"]:
            case.pop("steps")

    open_database(tmp_path / "older-centre.sqlite3")
    try:
        import_package(rewrite(first, tmp_path / "older.kzx", drop_steps), key=KEY)
        assert models.Case.select().count() == 3 and CaseStep.select().count() == 0
    finally:
        close_database()


def test_iin_travels_and_matches_a_person_known_here(sent, centre, tmp_path):
    """v14 (issue 19 item 4): the package carries each person's IIN and sex; a person the
    centre already has under the same IIN is that person, not a second one; an IIN whose
    check digit fails is left out with a warning."""
    from kzcommission.services.preparation import persons

    known = persons.add_person("Петров", "Иван", iin="850315300019")

    def set_iins(data):
        for p in data["persons"]:
            if p["surname"] == "Петров":
                p.update(iin="850315300019", sex="m")
            elif p["surname"] == "Қасымова":
                p.update(iin="880620400019", sex="f")
            elif p["surname"] == "Әлиев":
                p.update(iin="850315300018")  # a mistyped check digit

    report = import_package(rewrite(sent, tmp_path / "iin.kzx", set_iins), key=KEY)
    petrov = models.Person.select().where(models.Person.surname == "Петров")
    assert petrov.count() == 1
    case = models.Case.get(models.Case.decision_rule == "R-SIT-4")
    assert case.person_id == known.id
    kasymova = models.Person.get(models.Person.surname == "Қасымова")
    assert (kasymova.iin, kasymova.sex, str(kasymova.birth_date)) == (
        "880620400019",
        "f",
        "1988-06-20",
    )
    assert models.Person.get(models.Person.surname == "Әлиев").iin is None
    assert any("Әлиев" in w and "check" in w for w in report.warnings)
    # On screen, in the reader's language (the IIN's reason in words too).
    from kzcommission.ui.exchange_dialogs import report_lines

    _summary, lines = report_lines(report, "ru")
    assert (
        "Предупреждение: ИИН сотрудника Әлиев не импортирован: Контрольный разряд (последняя "
        "цифра) ИИН «850315300018» не сходится: цифра введена с ошибкой." in lines
    ), lines


def test_the_export_carries_iin_and_sex(tmp_path):
    from kzcommission.services.preparation import persons

    open_database(tmp_path / "office.sqlite3")
    try:
        person = persons.add_person("Сейітов", "Ерлан", iin="850315300019")
        from kzcommission.services.exchange.export import _person

        data = _person(models.Person.get_by_id(person.id))
        assert (data["iin"], data["sex"]) == ("850315300019", "m")
    finally:
        close_database()
