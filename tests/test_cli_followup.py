"""The follow-up from the command line (issue 21): the same services as the view, each
command run as the signed-in user and refused to a role the matrix does not allow."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kzcommission import cli
from kzcommission.command_doors import REFUSED_EXIT
from kzcommission.services.context import Actor, reset_actor, set_actor
from kzcommission.services.installation import accounts
from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.sitting import cases
from kzcommission.store import models
from kzcommission.store.models import Appeal, CaseFile, CaseStep, HeadDecision
from tests.services.finished_sitting import finish_on_paper


@pytest.fixture
def finalized(tmp_path: Path, monkeypatch):
    """A desk file holding the demo sitting, finalized; its first case."""
    path = tmp_path / "desk.sqlite3"
    open_database(path)
    monkeypatch.delenv("KZCOMMISSION_PASSWORD", raising=False)
    monkeypatch.setenv("KZCOMMISSION_LANG", "en")  # the door's words
    sitting_id = finish_on_paper()
    yield path, sitting_id, cases.list_cases(sitting_id)[0].id
    reset_actor()
    close_database()


def run(db: Path, *args: str) -> int:
    return cli.main(["--db", str(db), *args])


def test_the_whole_follow_up_headless(finalized, tmp_path, capsys):
    """R-DL-6/R-DL-7 (holiday 25.10.2024 skipped), R-DOC-7, R-DOC-8, R-ELIG-6."""
    db, sitting_id, case_id = finalized
    assert run(db, "followup", "list", str(sitting_id), "--today", "2024-10-01") == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 10 and listed[0].startswith(f"case {case_id}: no. 1 ")

    # R-DL-7 counts from the signed minutes (Order 880): refused before they are signed.
    assert run(db, "followup", "familiarise", str(case_id), "29.10.2024") == 1
    assert "R-DL-7" in capsys.readouterr().err
    assert run(db, "followup", "sign-minutes", str(case_id), "23.10.2024") == 0
    assert run(db, "followup", "familiarise", str(case_id), "2024-10-29") == 0
    steps = dict(
        CaseStep.select(CaseStep.step, CaseStep.done_on).where(CaseStep.case == case_id).tuples()
    )
    assert steps == {"minutes": date(2024, 10, 23), "communicate": date(2024, 10, 29)}

    head = ["followup", "head-decision", str(case_id), "01.11.2024", "--order", "15-к"]
    assert run(db, *head, "--text", "Approved") == 0
    assert HeadDecision.get(HeadDecision.case == case_id).order_number == "15-к"

    scan = tmp_path / "appeal.pdf"
    scan.write_bytes(b"%PDF-1.4 appeal")
    assert (
        run(db, "followup", "appeal-file", str(case_id), "05.11.2024", "--text", "Violated")
        + run(db, "followup", "appeal-file", str(case_id), "06.11.2024")
        == 1  # R-DOC-8: one appeal at a time, the second refused while the first waits
    )
    appeal = Appeal.get(Appeal.case == case_id)
    assert run(db, "followup", "appeal-decide", str(appeal.id), "cancelled", "15.11.2024") == 0
    assert Appeal.get_by_id(appeal.id).outcome == "cancelled"
    capsys.readouterr()

    assert run(db, "followup", "attach", str(case_id), str(scan), "--step", "appeal") == 0
    assert "sha256" in capsys.readouterr().out
    (attached,) = CaseFile.select().where(CaseFile.case == case_id)
    assert (attached.file_name, attached.step) == ("appeal.pdf", "appeal")

    assert run(db, "followup", "list", str(sitting_id), "--today", "2024-10-30") == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "minutes 23.10.2024 (done, R-DL-7)" in first
    assert "familiarised 29.10.2024 (done, due 29.10.2024, R-DL-7)" in first
    assert "head's decision Approved; no. 15-к, 01.11.2024 (R-DOC-7)" in first
    assert "[cancelled 15.11.2024] (R-DOC-8); re-certification from 17.12.2024 (R-ELIG-6)" in first

    assert run(db, "followup", "detach", str(attached.id), "--reason", "Wrong case") == 0
    assert not CaseFile.select().exists()


def test_a_scan_too_large_records_no_appeal(finalized, tmp_path, capsys, monkeypatch):
    from kzcommission.services.preparation import campaign

    db, _sitting_id, case_id = finalized
    monkeypatch.setattr(campaign, "MAX_FILE_BYTES", 1024)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"x" * 4096)
    assert run(db, "followup", "appeal-file", str(case_id), "05.11.2024", "--scan", str(big)) == 1
    assert "at most" in capsys.readouterr().err
    assert not Appeal.select().exists() and not CaseFile.select().exists()
    assert run(db, "followup", "attach", str(case_id), str(tmp_path / "missing.pdf")) == 1
    assert "No such file" in capsys.readouterr().err


WRITES = {
    "sign-minutes": lambda case, appeal, file: ["sign-minutes", str(case), "23.10.2024"],
    "familiarise": lambda case, appeal, file: ["familiarise", str(case), "29.10.2024"],
    "head-decision": lambda case, appeal, file: [
        "head-decision",
        str(case),
        "01.11.2024",
        "--order",
        "16-к",
    ],
    "appeal-file": lambda case, appeal, file: ["appeal-file", str(case), "05.11.2024"],
    "appeal-decide": lambda case, appeal, file: [
        "appeal-decide",
        str(appeal),
        "rejected",
        "15.11.2024",
    ],
    "attach": lambda case, appeal, file: ["attach", str(case), str(file)],
    "detach": lambda case, appeal, file: ["detach", "1", "--reason", "no"],
}


def _state() -> tuple:
    return tuple(
        list(model.select().tuples()) for model in (CaseStep, HeadDecision, Appeal, CaseFile)
    )


@pytest.mark.parametrize("command", sorted(WRITES))
def test_each_command_refused_to_a_chair(finalized, tmp_path, capsys, monkeypatch, command):
    """The matrix: the chair reads the follow-up but records nothing of it."""
    from kzcommission.services.preparation import campaign
    from kzcommission.services.sitting import followup

    db, sitting_id, case_id = finalized
    followup.sign_minutes(case_id, date(2024, 10, 23))
    appeal = followup.file_appeal(case_id, date(2024, 11, 1))
    campaign.attach_file(case_id, "scan", "order.pdf", b"%PDF order")
    accounts.create_user("admin", "admin-password-1", "administrator")
    set_actor(Actor(name="admin", role="administrator"))
    chair_seat = models.Seat.get(models.Seat.role == "chair")
    accounts.create_user("chair", "chair-password-1", "chair", seat_uuid=chair_seat.uuid)
    reset_actor()
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF scan")
    before = _state()
    monkeypatch.setenv("KZCOMMISSION_PASSWORD", "chair-password-1")
    args = WRITES[command](case_id, appeal.id, scan)
    assert run(db, "--user", "chair", "followup", *args) == REFUSED_EXIT
    assert f'chair (chair) may not run "followup {command}"' in capsys.readouterr().err
    assert _state() == before
    assert run(db, "--user", "chair", "followup", "list", str(sitting_id)) == 0
    assert capsys.readouterr().out.count("case ") == 10
    # Without signing in (a new process), an installation with accounts refuses every command.
    reset_actor()
    monkeypatch.delenv("KZCOMMISSION_PASSWORD")
    assert run(db, "followup", *args) == REFUSED_EXIT
    assert "sign in with --user NAME" in capsys.readouterr().err
