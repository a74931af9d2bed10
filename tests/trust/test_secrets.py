"""The secrets interface: the keyring when it works, a plain refusal when it does not,
and the encrypted file the administrator may choose instead (never a secret in clear)."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import chainer, fail

from kzcommission.services.trust import secrets


def test_memory_keyring_keeps_gets_and_deletes(memory_keyring):
    secrets.set_secret("history-key:x", "value")
    assert memory_keyring.values[(secrets.SERVICE, "history-key:x")] == "value"
    assert secrets.get_secret("history-key:x") == "value"
    secrets.delete_secret("history-key:x")
    secrets.delete_secret("history-key:x")  # deleting twice is fine
    assert secrets.get_secret("history-key:x") is None


def test_a_secret_too_large_for_windows_is_refused(memory_keyring):
    with pytest.raises(secrets.SecretTooLarge, match="2560"):
        secrets.set_secret("big", "x" * 1281)  # 2,562 bytes as UTF-16
    assert not memory_keyring.values


@pytest.mark.parametrize("backend", [fail.Keyring(), chainer.ChainerBackend()])
def test_no_keyring_is_said_plainly_with_the_alternative(backend, monkeypatch):
    if isinstance(backend, chainer.ChainerBackend):
        monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    keyring.set_keyring(backend)
    secrets.reset()
    assert secrets.keyring_problem() is not None
    with pytest.raises(secrets.NoKeyringError) as refused:
        secrets.set_secret("k", "v")
    message = str(refused.value)
    assert "No system keyring" in message and "encrypted secrets file" in message
    assert "never stored in clear" in message


def test_encrypted_file_is_the_explicit_alternative(tmp_path):
    keyring.set_keyring(fail.Keyring())
    path = tmp_path / "secrets.kzsec"
    store = secrets.EncryptedFileStore(path, "correct horse battery", create=True)
    secrets.use_store(store)
    secrets.set_secret("history-key:abc", "top-secret-value")
    raw = path.read_bytes()
    assert b"top-secret-value" not in raw and b"history-key" not in raw
    again = secrets.EncryptedFileStore(path, "correct horse battery")
    assert again.get("history-key:abc") == "top-secret-value"
    with pytest.raises(secrets.WrongPassphrase):
        secrets.EncryptedFileStore(path, "wrong passphrase")
    with pytest.raises(secrets.SecretsError, match="no secrets file"):
        secrets.EncryptedFileStore(tmp_path / "other", "correct horse battery")
    with pytest.raises(secrets.SecretTooLarge):
        store.set("big", "é" * 2000)


def test_history_without_any_store_stays_unsealed_never_in_clear(sqlite_database):
    from kzcommission.services.preparation import persons
    from kzcommission.services.trust import history

    keyring.set_keyring(fail.Keyring())
    secrets.reset()
    history.forget_key()
    persons.add_person("No", "Key")
    key, problem = history.history_key()
    assert key is None and "No system keyring" in problem
    assert history._meta(history.KEY_ID) is None
    rows = sqlite_database.read_bytes()
    assert b"history-key" not in rows
