"""Amendments from the command line: requested with a reason, signed by the chair,
printed as the addendum to the minutes with the pack (R-DOC-1: the minutes stay as
signed; the correction is a signed addition)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kzcommission import cli
from kzcommission.services.context import reset_actor
from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.sitting import cases, finalize
from kzcommission.store import models
from tests.services.finished_sitting import finish_demo


@pytest.fixture
def finalized(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("KZCOMMISSION_PASSWORD", raising=False)
    path = tmp_path / "desk.sqlite3"
    open_database(path)
    sitting_id = finish_demo()
    finalize.finalize_sitting(sitting_id, backup=False)
    yield path, sitting_id
    reset_actor()
    close_database()


def run(db: Path, *args: str) -> int:
    return cli.main(["--db", str(db), *args])


def test_request_sign_and_print_an_amendment(finalized, tmp_path, monkeypatch, capsys):
    db, sitting_id = finalized
    case_id = cases.list_cases(sitting_id)[0].id
    assert run(db, "info", "--sitting", str(sitting_id)) == 0
    assert f"case {case_id}: no. 1 Әлиев" in capsys.readouterr().out
    assert (
        run(
            db,
            "amend",
            "request",
            str(sitting_id),
            "opinion",
            "Келісемін",
            "--reason",
            "The opinion was typed on the wrong case",
            "--case",
            str(case_id),
        )
        == 0
    )
    assert "not signed" in capsys.readouterr().out
    # Only the chair signs: accounts, then the chair signs in for it.
    monkeypatch.setenv("KZCOMMISSION_NEW_PASSWORD", "admin-password")
    assert run(db, "user", "add", "admin", "--role", "administrator") == 0
    monkeypatch.setenv("KZCOMMISSION_PASSWORD", "admin-password")
    monkeypatch.setenv("KZCOMMISSION_NEW_PASSWORD", "chair-password")
    chair_seat = models.Seat.get(models.Seat.role == "chair").id
    assert (
        run(
            db,
            "--user",
            "admin",
            "user",
            "add",
            "chair",
            "--role",
            "chair",
            "--seat",
            str(chair_seat),
        )
        == 0
    )
    amendment = models.Case.get_by_id(case_id).amendments.get().id
    # Refused at the door (issue 18): the command line's refusal code, before any read.
    assert run(db, "--user", "admin", "amend", "sign", str(amendment)) == 2
    assert 'may not run "amend sign" (amendment.sign)' in capsys.readouterr().err
    monkeypatch.setenv("KZCOMMISSION_PASSWORD", "chair-password")
    assert run(db, "--user", "chair", "amend", "sign", str(amendment)) == 0
    assert "signed by chair" in capsys.readouterr().out
    # The record itself is unchanged; the pack carries the addendum.
    assert models.Case.get_by_id(case_id).opinion != "Келісемін"
    out = tmp_path / "pack"
    assert (
        run(db, "--user", "chair", "print", str(sitting_id), "--lang", "ru", "--out", str(out)) == 0
    )
    addendum = next(out.glob("*_addendum_ru.pdf"))
    text = subprocess.run(
        ["pdftotext", str(addendum), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = text.split()  # table cells wrap: check the words
    assert "Келісемін" in words and {"typed", "wrong", "case"} <= set(words)
    assert "Әлиев" in words


def test_a_sitting_not_finalized_is_not_amended(tmp_path, capsys):
    path = tmp_path / "open.sqlite3"
    open_database(path)
    sitting_id = finish_demo()
    try:
        assert (
            run(
                path,
                "amend",
                "request",
                str(sitting_id),
                "place",
                "Almaty",
                "--reason",
                "wrong city",
            )
            == 1
        )
        assert "not finalized" in capsys.readouterr().err
    finally:
        close_database()
