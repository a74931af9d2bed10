"""Secrets (history key, backup key) behind one small interface: get, set, delete by name.

The system keyring is used when it has a working backend. Where it has none (a
headless Linux box: ``keyring.backends.fail.Keyring``, or a chainer with no
backend), :class:`NoKeyringError` says so; the administrator may then choose,
explicitly, an encrypted file protected by a passphrase (AES-256-GCM, key
derived with argon2id). Nothing falls back to a secret in clear.
"""

from __future__ import annotations

import base64
import json
import secrets as pysecrets
from pathlib import Path
from typing import Protocol

from kzcommission import paths
from kzcommission.files import write_atomic

SERVICE = "kzcommission"
# Windows Credential Manager keeps at most 2,560 bytes per credential, and
# keyring stores the text as UTF-16: measured that way, a secret fits everywhere.
MAX_SECRET_BYTES = 2560
FILE_FORMAT = "kzcommission-secrets/1"
# argon2id cost of the file key: about a quarter second on the reference machine.
KDF_TIME_COST = 3
KDF_MEMORY_KIB = 64 * 1024
KDF_PARALLELISM = 2


class SecretsError(Exception):
    """A secret could not be read or kept; the message says why, for the user."""


NO_KEYRING = "No system keyring is available on this computer"  # how its message starts


class NoKeyringError(SecretsError):
    def __init__(self, backend: str):
        super().__init__(
            f"{NO_KEYRING} (keyring backend: {backend}). "
            "Secrets cannot be kept there. The administrator may choose instead an encrypted "
            "secrets file protected by a passphrase (kzcommission asks for it when the "
            "application starts); secrets are never stored in clear."
        )


class SecretTooLarge(SecretsError):
    pass


class WrongPassphrase(SecretsError):
    pass


class SecretStore(Protocol):
    description: str

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


def check_size(name: str, value: str) -> None:
    size = len(value.encode("utf-16-le"))
    if size > MAX_SECRET_BYTES:
        raise SecretTooLarge(
            f"secret {name!r} takes {size} bytes; a keyring entry holds at most "
            f"{MAX_SECRET_BYTES} (Windows limit)"
        )


def keyring_problem() -> str | None:
    """None when the keyring has a usable backend, else the backend's name."""
    import keyring
    from keyring.backends import chainer, fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return str(backend)
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return "chainer with no backends"
    return None


class KeyringStore:
    """The system keyring (Windows Credential Manager, macOS Keychain, Secret Service)."""

    def __init__(self) -> None:
        problem = keyring_problem()
        if problem:
            raise NoKeyringError(problem)
        import keyring

        self._keyring = keyring
        self.description = f"system keyring ({keyring.get_keyring().name})"

    def get(self, name: str) -> str | None:
        return self._keyring.get_password(SERVICE, name)

    def set(self, name: str, value: str) -> None:
        check_size(name, value)
        self._keyring.set_password(SERVICE, name, value)

    def delete(self, name: str) -> None:
        from keyring.errors import PasswordDeleteError

        try:
            self._keyring.delete_password(SERVICE, name)
        except PasswordDeleteError:
            pass  # already absent: deleting is idempotent


def _derive(passphrase: str, salt: bytes) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=KDF_TIME_COST,
        memory_cost=KDF_MEMORY_KIB,
        parallelism=KDF_PARALLELISM,
        hash_len=32,
        type=Type.ID,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class EncryptedFileStore:
    """Secrets in one file, encrypted with a key derived from the administrator's passphrase."""

    def __init__(self, path: Path | str, passphrase: str, *, create: bool = False):
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.path = Path(path)
        self.description = f"encrypted secrets file {self.path}"
        if not passphrase:
            raise SecretsError("the secrets file needs a passphrase")
        if not self.path.exists():
            if not create:
                raise SecretsError(f"there is no secrets file at {self.path}")
            self._salt = pysecrets.token_bytes(16)
            self._key = _derive(passphrase, self._salt)
            self._values: dict[str, str] = {}
            self._save()
            return
        try:
            blob = json.loads(self.path.read_text(encoding="utf-8"))
            if blob.get("format") != FILE_FORMAT:
                raise SecretsError(f"{self.path} is not a kzcommission secrets file")
            self._salt = base64.b64decode(blob["salt"])
            nonce, data = base64.b64decode(blob["nonce"]), base64.b64decode(blob["data"])
        except (ValueError, KeyError) as exc:
            raise SecretsError(f"{self.path} is damaged: {exc}") from exc
        self._key = _derive(passphrase, self._salt)
        try:
            plain = AESGCM(self._key).decrypt(nonce, data, FILE_FORMAT.encode())
        except InvalidTag as exc:
            raise WrongPassphrase(
                f"the passphrase does not open {self.path} (or the file was altered)"
            ) from exc
        self._values = json.loads(plain)

    def _save(self) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = pysecrets.token_bytes(12)
        data = AESGCM(self._key).encrypt(
            nonce, json.dumps(self._values).encode("utf-8"), FILE_FORMAT.encode()
        )
        blob = {
            "format": FILE_FORMAT,
            "kdf": "argon2id",
            "salt": _b64(self._salt),
            "nonce": _b64(nonce),
            "data": _b64(data),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Created private, then moved over the old file: never a half-written file.
        write_atomic(self.path, json.dumps(blob).encode("utf-8"), 0o600)

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def set(self, name: str, value: str) -> None:
        check_size(name, value)
        self._values[name] = value
        self._save()

    def delete(self, name: str) -> None:
        if self._values.pop(name, None) is not None:
            self._save()


def default_secrets_file() -> Path:
    """Beside the database (in the portable data/ folder too), chosen only where no
    keyring works: the keyring is always tried first."""
    return paths.secrets_file()


# The store in use for this process. None: the keyring, if it works.
_store: SecretStore | None = None
_generation = 0


def use_store(store: SecretStore | None) -> None:
    """Choose the store (the administrator's choice of the encrypted file), or None."""
    global _store, _generation
    _store = store
    _generation += 1


def reset() -> None:
    use_store(None)


def generation() -> int:
    """Bumped whenever the store changes, so callers can drop what they cached."""
    return _generation


def current_store() -> SecretStore:
    """The chosen store; else the system keyring; else :class:`NoKeyringError`."""
    if _store is not None:
        return _store
    return KeyringStore()


def get_secret(name: str) -> str | None:
    return current_store().get(name)


def set_secret(name: str, value: str) -> None:
    current_store().set(name, value)


def delete_secret(name: str) -> None:
    current_store().delete(name)


def new_key_text() -> str:
    """A fresh 256-bit key as text (44 characters, far below the size limit)."""
    return _b64(pysecrets.token_bytes(32))


def key_bytes(text: str) -> bytes:
    return base64.b64decode(text)
