"""Exchange on a desk without a system keyring (issue 22): the exchange key lives in the
encrypted secrets file, and exchange-key, export and import take --secrets-file like the
other commands; the import names the sending office and the sitting in words."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from kzcommission.cli import main as cli_main
from kzcommission.commands_trust import SECRETS_PASSPHRASE
from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.trust import secrets
from kzcommission.store import models
from tests.exchange.test_exchange import office_package


@pytest.fixture
def no_keyring(monkeypatch):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    secrets.reset()
    monkeypatch.setenv(SECRETS_PASSPHRASE, "correct horse battery")
    yield
    keyring.set_keyring(previous)
    secrets.reset()
    close_database()


def test_exchange_key_without_a_keyring_is_a_plain_refusal(no_keyring, capsys):
    assert cli_main(["exchange-key", "--generate"]) == 2
    err = capsys.readouterr().err
    assert "No system keyring" in err and "Traceback" not in err


def test_key_export_and_import_through_the_secrets_file(no_keyring, tmp_path, capsys):
    office_package(tmp_path)  # a finalized sitting in office.sqlite3
    open_database(tmp_path / "office.sqlite3")
    sitting = models.Sitting.get()
    number, held_on = sitting.number, sitting.held_on.strftime("%d.%m.%Y")
    uuid = sitting.uuid
    close_database()
    secrets.reset()
    vault = tmp_path / "secrets.kzsec"
    assert cli_main(["exchange-key", "--generate", "--secrets-file", str(vault)]) == 0
    key = capsys.readouterr().out.strip()
    assert len(key) == 44 and key.encode() not in vault.read_bytes()
    secrets.reset()

    out = tmp_path / "sent.kzx"
    office = ["--db", str(tmp_path / "office.sqlite3")]
    export = ["export", str(sitting.id), "--out", str(out), "--secrets-file", str(vault)]
    assert cli_main([*office, *export]) == 0
    assert out.exists()
    secrets.reset()
    centre = ["--db", str(tmp_path / "centre.sqlite3")]
    assert cli_main([*centre, "import", str(out)]) == 2  # no keyring, no file: said plainly
    assert "No system keyring" in capsys.readouterr().err
    assert cli_main([*centre, "import", str(out), "--secrets-file", str(vault)]) == 0
    printed = capsys.readouterr().out
    assert f"sitting №{number} {held_on} of Test commission (Astana)" in printed
    assert uuid not in printed
