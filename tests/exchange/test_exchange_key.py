"""Issue 18, item 3: exchange keys are at least 32 random bytes; a weak or malformed key is
refused with a message (the interface language on the command line, no traceback); every
key change is a history entry naming the keys by their ids, never the key itself."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import zipfile

import pytest

from kzcommission.cli import main as cli_main
from kzcommission.services.context import Actor, acting_as
from kzcommission.services.errors import PermissionDenied
from kzcommission.services.exchange import import_package, keys, package
from kzcommission.services.installation.database import close_database, open_database
from kzcommission.services.trust import secrets
from kzcommission.store import models
from tests.exchange.test_exchange import office_package

RANDOM = base64.b64encode(bytes(range(7, 7 + 32 * 5, 5))).decode()  # 32 distinct bytes


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("====", keys.MALFORMED),
        ("not base64!", keys.MALFORMED),
        ("ключ", keys.MALFORMED),
        ("", keys.SHORT),
        (base64.b64encode(b"sixteen bytes ok").decode(), keys.SHORT),
        (base64.b64encode(b"a" * 64).decode(), keys.REPETITIVE),
        (base64.b64encode(b"0123456789" * 4).decode(), keys.REPETITIVE),
    ],
)
def test_weak_or_malformed_keys_are_refused_with_their_reason(text, reason):
    with pytest.raises(keys.KeyRefused) as refused:
        keys.parse_key(text)
    assert refused.value.reason == reason and refused.value.field == "exchange_key"


def test_a_generated_key_and_a_key_over_two_lines_are_accepted():
    generated = secrets.new_key_text()
    assert len(keys.parse_key(generated)) == 32
    assert keys.parse_key(RANDOM[:20] + "\n" + RANDOM[20:]) == base64.b64decode(RANDOM)


@pytest.fixture
def desk(tmp_path, keyring_in_memory):
    open_database(tmp_path / "desk.sqlite3")
    yield tmp_path / "desk.sqlite3"
    close_database()


def _key_entries() -> list[tuple[str, str, str]]:
    rows = models.HistoryEntry.select().where(models.HistoryEntry.entity == "exchange_key")
    return [(r.action, r.before, r.after) for r in rows.order_by(models.HistoryEntry.seq)]


def test_each_key_change_is_a_history_entry_without_the_key(desk):
    first = keys.set_exchange_key(RANDOM)
    second_text = secrets.new_key_text()
    second = keys.set_exchange_key(second_text)
    entries = _key_entries()
    assert [e[0] for e in entries] == ["exchange_key.set", "exchange_key.set"]
    assert json.loads(entries[0][1]) == {"key_id": ""}
    assert json.loads(entries[1][1]) == {"key_id": first}
    assert json.loads(entries[1][2]) == {"bytes": 32, "key_id": second}
    assert all(RANDOM not in e[2] and second_text not in e[2] for e in entries)
    assert keys.exchange_key() == base64.b64decode(second_text)


def test_only_the_administrator_sets_the_key(desk):
    for role in ("secretary", "chair", "member", "viewer"):
        with acting_as(Actor(name=role, role=role, user_id=9)), pytest.raises(PermissionDenied):
            keys.set_exchange_key(RANDOM)
    assert _key_entries() == [] and secrets.get_secret(package.KEY_SECRET) is None


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "the exchange key is not base64 text"),
        ("ru", "ключ обмена не является текстом base64"),
        ("kk", "алмасу кілті base64 мәтіні емес"),
    ],
)
def test_cli_refuses_a_malformed_key_in_the_interface_language(
    desk, monkeypatch, capsys, lang, words
):
    monkeypatch.setenv("KZCOMMISSION_LANG", lang)
    assert cli_main(["--db", str(desk), "exchange-key", "--set", "===="]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    open_database(desk)
    assert _key_entries() == [] and secrets.get_secret(package.KEY_SECRET) is None


def test_cli_refuses_a_short_key_naming_its_length(desk, monkeypatch, capsys):
    monkeypatch.setenv("KZCOMMISSION_LANG", "en")
    short = base64.b64encode(b"x1y2z3").decode()
    assert cli_main(["--db", str(desk), "exchange-key", "--set", short]) == 2
    assert "has 6 bytes; at least 32 random bytes" in capsys.readouterr().err


def test_cli_generate_stores_the_key_and_writes_the_entry(desk, capsys):
    assert cli_main(["--db", str(desk), "exchange-key", "--generate"]) == 0
    text = capsys.readouterr().out.strip()
    open_database(desk)
    assert secrets.get_secret(package.KEY_SECRET) == text
    (entry,) = _key_entries()
    assert json.loads(entry[2])["key_id"] == package.key_id(base64.b64decode(text))


def _sealed_with(src, dst, key: bytes):
    """The package's files sealed again with ``key`` (an attacker's empty key)."""
    with zipfile.ZipFile(src) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files[package.SEAL] = package.dumps(
        {
            "algorithm": package.SEAL_ALGORITHM,
            "key_id": package.key_id(key),
            "mac": hmac.new(key, files[package.MANIFEST], hashlib.sha256).hexdigest(),
        }
    )
    with zipfile.ZipFile(dst, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return dst


def test_a_weak_key_stored_before_the_check_opens_no_package(tmp_path, keyring_in_memory):
    """The attack of issue 18: "====" stored as zero bytes, a package sealed with HMAC(b"")."""
    sent = office_package(tmp_path)
    forged = _sealed_with(sent, tmp_path / "forged.kzx", b"")
    open_database(tmp_path / "centre.sqlite3")
    try:
        secrets.set_secret(package.KEY_SECRET, "====")  # as the old command stored it
        with pytest.raises(keys.KeyRefused):
            import_package(forged)
        secrets.set_secret(package.KEY_SECRET, "YWFh")  # b"aaa"
        with pytest.raises(keys.KeyRefused, match="stored exchange key may not be used"):
            import_package(forged)
        with pytest.raises(keys.KeyRefused):
            import_package(forged, key=b"")
        assert models.Sitting.select().count() == 0
    finally:
        close_database()
