"""Issue 18, item 1: every command of the command line x every role, and nobody signed in
on a desk with accounts, against a small seeded database.

The commands are read from the parser itself, so a new command without an entry in
``command_doors.COMMAND_ACTIONS`` (and in :data:`ARGV` here) fails the suite. A role
the matrix refuses gets the door's message and exit code 2, and nothing but its own
sign-in is written; a role it allows passes the door and the command does its work
(the exit code each command gives on this database).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
from pathlib import Path

import pytest

from kzcommission import cli
from kzcommission.command_doors import COMMAND_ACTIONS, REFUSED_EXIT, WINDOW_COMMANDS
from kzcommission.services import permissions
from kzcommission.services.context import reset_actor
from kzcommission.services.installation.database import close_database, open_database

PASSWORD = "door-password-1"
P12_PASSWORD = "KZCOMMISSION_P12_PASSWORD"

# command -> (argv after the command, exit code when allowed on the seeded desk).
# {self} is the signed-in account's name; paths are filled per test.
ARGV: dict[str, tuple[list[str], int]] = {
    "demo": ([], 1),  # the desk already holds commissions: said, nothing added
    "info": (["--sitting", "1"], 0),
    "print": (["1", "--out", "{tmp}/pack", "--only", "familiarisation", "--case", "1"], 1),
    "report": (
        [
            "--from",
            "2020-01-01",
            "--to",
            "2030-12-31",
            "--format",
            "csv",
            "--out",
            "{tmp}/report.csv",
        ],
        0,
    ),  # fmt: skip
    "export": (["1", "--out", "{tmp}/sent.kzx"], 2),  # not finalized: said, not refused
    "import": (["{tmp}/none.kzx"], 2),  # no exchange key on this desk: said
    "exchange-key": (["--generate"], 0),
    "verify-db": ([], 0),
    "adopt-history": (["1", "1", "--yes"], 2),  # no such stretch
    "verify": (["{pdf}"], 1),  # a PDF never issued here
    "sign": (["{pdf}", "--p12", "{p12}", "--out", "{tmp}/signed.pdf"], 0),
    "backup": (["--folder", "{tmp}/backups"], 0),
    "restore": (["{backup}"], 1),  # previewed; replaced only with --yes
    "user seats": ([], 0),
    "user list": ([], 0),
    "user add": (["added", "--role", "viewer"], 0),
    "user password": (["{self}"], 0),
    "user disable": (["spare"], 0),
    "user enable": (["spare"], 0),
    "amend list": (["1"], 0),
    "amend request": (["1", "opinion", "x", "--reason", "typo", "--case", "1"], 1),
    "amend sign": (["1"], 1),  # no amendment 1
    "calendar list": ([], 0),
    "calendar import": (["{pdf}"], 1),  # not a calendar CSV: refused whole, nothing imported
    "followup list": (["1"], 0),  # the demo sitting is not decided: no line
    "followup sign-minutes": (["1", "01.10.2024"], 1),  # the case is not decided yet
    "followup familiarise": (["1", "01.10.2024"], 1),
    "followup head-decision": (["1", "01.10.2024", "--order", "15"], 1),
    "followup appeal-file": (["1", "01.10.2024"], 1),
    "followup appeal-decide": (["1", "rejected", "01.10.2024"], 1),  # no appeal 1
    "followup attach": (["1", "{pdf}"], 0),
    "followup detach": (["1", "--reason", "wrong case"], 1),  # no file 1
}
ACCOUNTS = {role: f"door-{role}" for role in permissions.ROLES}
NOBODY = "nobody signed in"


def parser_commands() -> set[str]:
    """Every command and sub-command the parser knows ("user list", "info", ...)."""
    found = set()
    top = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in top.choices.items():
        nested = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
        if nested:
            found.update(f"{name} {action}" for action in nested[0].choices)
        else:
            found.add(name)
    return found


def test_every_command_has_a_door_and_a_case_here():
    commands = parser_commands() - WINDOW_COMMANDS
    assert commands == set(COMMAND_ACTIONS)
    assert commands == set(ARGV)
    assert set(COMMAND_ACTIONS.values()) <= set(permissions.MATRIX)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A demo desk with one account per role (chair and member on their seats), a spare
    account, a backup, and the keyring's secrets of that moment."""
    import keyring

    from kzcommission.services.installation import accounts, backups
    from kzcommission.services.installation.demo import create_demo
    from kzcommission.services.trust import history, secrets
    from kzcommission.store import models
    from tests.keyrings import MemoryKeyring

    folder = tmp_path_factory.mktemp("seeded")
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    secrets.reset()
    history.forget_key()
    reset_actor()
    open_database(folder / "desk.sqlite3")
    create_demo()
    backup = backups.backup_now(reason="manual", folder=folder / "backups")
    seats = {s.role: s.uuid for s in models.Seat.select()}
    for role, name in ACCOUNTS.items():
        seat = seats[role] if role in ("chair", "member") else None
        accounts.create_user(name, PASSWORD, role, seat_uuid=seat)
        if role == permissions.ADMINISTRATOR:  # the first account; the others need him
            accounts.authenticate(name, PASSWORD)
    accounts.create_user("spare", PASSWORD, "viewer")
    reset_actor()
    close_database()
    keyring.set_keyring(previous)
    secrets.reset()
    history.forget_key()
    return folder / "desk.sqlite3", backup, dict(ring.values)


def _history(db: Path) -> list[tuple]:
    """Every entry but the sign-ins and their failures (the door comes after those)."""
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT seq, action, entity_id FROM history_entry WHERE entity != 'user' ORDER BY seq"
        ).fetchall()


ACTORS = [*permissions.ROLES, NOBODY]


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("command", sorted(COMMAND_ACTIONS))
def test_command_as_role(command, who, seeded, memory_keyring, tmp_path, p12_file, monkeypatch,
                         capsys):  # fmt: skip
    source, backup, ring = seeded
    memory_keyring.values.update(ring)  # the desk's history and backup keys
    db = tmp_path / "desk.sqlite3"
    shutil.copy(source, db)
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(_tiny_pdf())
    monkeypatch.setenv("KZCOMMISSION_PASSWORD", PASSWORD)
    monkeypatch.setenv("KZCOMMISSION_NEW_PASSWORD", PASSWORD)
    monkeypatch.setenv(P12_PASSWORD, p12_file[1])
    monkeypatch.setenv("KZCOMMISSION_LANG", "en")
    name = ACCOUNTS.get(who, "nobody")
    argv, allowed_exit = ARGV[command]
    filled = [
        a.format(tmp=tmp_path, pdf=pdf, p12=p12_file[0], backup=backup, self=name) for a in argv
    ]
    sign_in = [] if who == NOBODY else ["--user", name]
    before = _history(db)
    try:
        code = cli.main(["--db", str(db), *sign_in, *command.split(), *filled])
    finally:
        reset_actor()
        close_database()
    err = capsys.readouterr().err
    action = COMMAND_ACTIONS[command]
    if who == NOBODY:
        assert code == REFUSED_EXIT
        assert f'sign in with --user NAME to run "{command}"' in err
    elif not permissions.allowed(action, who):
        assert code == REFUSED_EXIT
        assert f'{name} ({who}) may not run "{command}" ({action})' in err
    else:
        assert "may not run" not in err and "sign in with" not in err, err
        assert code == allowed_exit, err
        return
    assert _history(db) == before  # refused at the door: nothing written


def _tiny_pdf() -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas  # the renderer's own dependency

    out = BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "A paper not issued here")
    page.save()
    return out.getvalue()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", "ОТКАЗАНО: в этой установке есть учётные записи"),
        ("kk", "ҚАБЫЛДАНБАДЫ: бұл орнатымда пайдаланушы тіркелгілері бар"),
        ("en", "REFUSED: this installation has user accounts"),
    ],
)
def test_the_door_speaks_the_interface_language(seeded, tmp_path, monkeypatch, capsys, lang,
                                                 words):  # fmt: skip
    db = tmp_path / "desk.sqlite3"
    shutil.copy(seeded[0], db)
    monkeypatch.setenv("KZCOMMISSION_LANG", lang)
    try:
        assert cli.main(["--db", str(db), "info", "--sitting", "1"]) == REFUSED_EXIT
    finally:
        close_database()
    captured = capsys.readouterr()
    assert words in captured.err and captured.out == ""  # not one decision listed
