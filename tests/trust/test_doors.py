"""Doors that let anyone through before (issue 18): every one now asks the matrix."""

from __future__ import annotations

import argparse

import pytest

from kzcommission import commands_trust
from kzcommission.services.context import LOCAL_OPERATOR, Actor, reset_actor, set_actor
from kzcommission.services.errors import PermissionDenied
from kzcommission.services.installation import accounts
from kzcommission.services.preparation import campaign
from kzcommission.services.sitting import cases, review
from tests.services.helpers import add_employee, make_desk


def _accounts() -> None:
    set_actor(LOCAL_OPERATOR)
    accounts.create_user("admin", "correct horse 1", "administrator")
    reset_actor()


def test_a_viewer_reads_no_ballot_through_the_review(database):
    desk = make_desk(members=3)
    set_actor(Actor(name="v", role="viewer"))
    try:
        with pytest.raises(PermissionDenied):
            review.sitting_lines(desk.sitting_id)
    finally:
        reset_actor()
    assert review.sitting_lines(desk.sitting_id) == ()  # the local administrator may


@pytest.mark.parametrize(
    ("role", "allowed"), [("viewer", False), ("member", False), ("chair", True)]
)
def test_case_papers_only_for_the_roles_that_may_read_them(database, role, allowed):
    desk = make_desk(members=3)
    case = cases.add_case(desk.sitting_id, add_employee("Papers", "P1").id, "regular")
    stored = campaign.attach_file(case.id, "report", "report.pdf", b"%PDF-1.4 report")
    set_actor(Actor(name=role, role=role))
    try:
        if allowed:
            assert campaign.file_content(stored.id) == b"%PDF-1.4 report"
        else:
            with pytest.raises(PermissionDenied):
                campaign.file_content(stored.id)
    finally:
        reset_actor()


def _cli(db, *argv):  # noqa: ANN001, ANN202
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--database")
    commands_trust.register(parser.add_subparsers())
    return parser.parse_args(["--db", str(db), *argv])


def test_verify_db_and_sign_need_a_sign_in_once_accounts_exist(database, tmp_path, capsys):
    _accounts()
    from kzcommission.services.installation.database import close_database

    close_database()
    args = _cli(database, "verify-db")
    assert args.handler(args) == 2
    assert "REFUSED" in capsys.readouterr().err
    pdf = tmp_path / "any.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    args = _cli(database, "sign", str(pdf), "--p12", str(tmp_path / "none.p12"))
    assert args.handler(args) == 2
    assert "REFUSED" in capsys.readouterr().err
