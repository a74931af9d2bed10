"""Encrypted, rotated backups of the SQLite database, and their restore.

A backup is a consistent copy taken with SQLite's online backup API, compressed,
and encrypted with AES-256-GCM. The key is the installation's backup key from
the secrets store, or one derived (argon2id) from a passphrase the administrator
gives: with a passphrase the backup can be restored on another computer. A
backup that does not decrypt, or whose database fails its checks, is reported
and never restored.

File: MAGIC, 4-byte header length, header (JSON, authenticated), nonce, ciphertext.
"""

from __future__ import annotations

import base64
import glob
import hashlib
import json
import os
import re
import secrets as pysecrets
import sqlite3
import struct
import tempfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from peewee import SqliteDatabase

from kzcommission import paths, preferences
from kzcommission.files import write_atomic
from kzcommission.services.trust import history, secrets
from kzcommission.services.unit import read

MAGIC = b"KZCBAK1\n"
SUFFIX = ".kzbak"
DEFAULT_KEEP = preferences.BACKUP_KEEP.default  # declared once, with the setting


class BackupError(Exception):
    """A backup could not be made, read or restored; the message says why."""


@dataclass
class BackupSettings:
    folder: Path | None = None  # None: "backups" in the data folder (kzcommission.paths)
    keep: int = DEFAULT_KEEP
    passphrase: str | None = None  # None: the backup key from the secrets store


settings = BackupSettings()


def configure(
    folder: Path | str | None = None, keep: int = DEFAULT_KEEP, passphrase: str | None = None
) -> None:
    if keep < 1:
        raise ValueError("keep at least one backup")
    settings.folder = Path(folder) if folder else None
    settings.keep = keep
    settings.passphrase = passphrase


def configure_from(
    store: preferences.Store,
    folder: Path | str | None = None,
    keep: int | None = None,
    passphrase: str | None = None,
) -> None:
    """Configure with the folder and count given, else those of the user's settings."""
    folder = folder or preferences.BACKUP_FOLDER.read(store) or None
    keep = keep if keep is not None else preferences.BACKUP_KEEP.read(store)
    configure(folder, keep, passphrase)


def backup_folder() -> Path:
    if settings.folder is not None:
        return settings.folder
    return paths.backups_dir()


def _database_file() -> Path:
    from kzcommission.store import models

    db = models.database.obj
    if db is None:
        raise BackupError("no database is open")
    if not isinstance(db, SqliteDatabase):
        raise BackupError("a PostgreSQL database is backed up on its server (pg_dump)")
    return Path(db.database)


def _store_key(installation: str, create: bool) -> bytes:
    name = f"backup-key:{installation}"
    try:
        text = secrets.get_secret(name)
        if text is None:
            if not create:
                raise BackupError(
                    "the backup key of this installation is not in the secrets store; "
                    "was the backup made on another computer? (then it needs its passphrase)"
                )
            text = secrets.new_key_text()
            secrets.set_secret(name, text)
    except secrets.SecretsError as exc:
        raise BackupError(
            f"backups are encrypted, and no key is available: {exc} "
            "Alternatively give a backup passphrase."
        ) from exc
    return secrets.key_bytes(text)


def _passphrase_key(passphrase: str, salt: bytes) -> bytes:
    return secrets._derive(passphrase, salt)


def _snapshot(path: Path) -> bytes:
    """A consistent copy of the database file (online backup API), as bytes."""
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(":memory:")
    try:
        source.backup(target)
        return target.serialize()
    finally:
        source.close()
        target.close()


def backup_now(
    *,
    reason: str = "manual",
    folder: Path | str | None = None,
    passphrase: str | None = None,
    automatic: bool = False,
) -> Path:
    """Write an encrypted backup of the open SQLite database; keep the newest N.

    ``automatic``: taken by the application itself (finalize, exit), whoever is signed in.
    """
    from kzcommission.services import permissions
    from kzcommission.store import models

    if not automatic:
        permissions.require("backup.run")
    path = _database_file()
    with models.database.atomic():
        installation = history.installation_id()
    passphrase = passphrase if passphrase is not None else settings.passphrase
    header: dict[str, object] = {
        "format": 1,
        "created_at": datetime.now().isoformat(timespec="seconds"),
        "reason": reason,
        "installation": installation,
        "source": path.name,
    }
    if passphrase:
        salt = pysecrets.token_bytes(16)
        header.update(key="passphrase", salt=base64.b64encode(salt).decode("ascii"))
        key = _passphrase_key(passphrase, salt)
    else:
        header["key"] = "store"
        key = _store_key(installation, create=True)
    data = zlib.compress(_snapshot(path), 6)
    folder_path = Path(folder) if folder else backup_folder()
    folder_path.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder_path / f"{backup_prefix(path)}{stamp}-{reason}{SUFFIX}"
    _write(target, header, key, data)
    rotate(folder_path, settings.keep, path)
    return target


def backup_prefix(database: Path) -> str:
    """Backups are named by the database they come from (its name and a short digest of
    its full path), so two files' backups in one folder never rotate each other away."""
    stem = re.sub(r"[^0-9A-Za-z_.]+", "_", database.stem)[:40] or "db"
    where = hashlib.sha256(str(database.resolve()).encode("utf-8")).hexdigest()[:8]
    return f"kzcommission-{stem}-{where}-"


def _write(target: Path, header: dict, key: bytes, data: bytes) -> None:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    head = json.dumps(header, sort_keys=True).encode("utf-8")
    nonce = pysecrets.token_bytes(12)
    sealed = AESGCM(key).encrypt(nonce, data, MAGIC + head)
    write_atomic(target, MAGIC + struct.pack(">I", len(head)) + head + nonce + sealed, 0o600)


def list_backups(folder: Path | str | None = None, database: Path | None = None) -> list[Path]:
    """Backups in the folder, oldest first (names carry the time); only those of
    ``database`` when given."""
    folder_path = Path(folder) if folder else backup_folder()
    prefix = backup_prefix(database) if database is not None else "kzcommission-"
    return sorted(folder_path.glob(f"{glob.escape(prefix)}*{SUFFIX}"))


@read("backup.run")
def rotate(folder: Path, keep: int, database: Path | None = None) -> list[Path]:
    """Remove the oldest backups of ``database`` beyond ``keep``; never another's."""
    removed = list_backups(folder, database)[:-keep] if keep > 0 else []
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def read_header(path: Path) -> tuple[dict, bytes, bytes]:
    """(header, header bytes, rest) of a backup file, or BackupError if it is not one."""
    try:
        blob = Path(path).read_bytes()
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc}") from exc
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 4:
        raise BackupError(f"{path} is not a kzcommission backup")
    (size,) = struct.unpack(">I", blob[len(MAGIC) : len(MAGIC) + 4])
    head = blob[len(MAGIC) + 4 : len(MAGIC) + 4 + size]
    try:
        header = json.loads(head)
    except ValueError as exc:
        raise BackupError(f"{path}: its header is damaged") from exc
    return header, head, blob[len(MAGIC) + 4 + size :]


def decrypt(path: Path, passphrase: str | None = None) -> tuple[dict, bytes]:
    """(header, database bytes). Refuses a backup that fails its integrity check."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header, head, rest = read_header(path)
    if header.get("key") == "passphrase":
        if not passphrase:
            raise BackupError(f"{path.name} was encrypted with a passphrase: give it")
        key = _passphrase_key(passphrase, base64.b64decode(header["salt"]))
    else:
        key = _store_key(str(header.get("installation", "")), create=False)
    try:
        data = AESGCM(key).decrypt(rest[:12], rest[12:], MAGIC + head)
    except InvalidTag as exc:
        raise BackupError(
            f"{path.name} does not decrypt: wrong key or passphrase, or the file was altered "
            "or damaged. It will not be restored."
        ) from exc
    try:
        return header, zlib.decompress(data)
    except zlib.error as exc:
        raise BackupError(f"{path.name} is damaged inside: {exc}") from exc


def write_temp_database(data: bytes, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    from kzcommission.store.db import RESTORE_COPY_PREFIX  # swept by the next start when stale

    fd, name = tempfile.mkstemp(prefix=RESTORE_COPY_PREFIX, suffix=".sqlite3", dir=folder)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(name)


def backup_on_exit() -> tuple[Path | None, str]:
    """The app calls this when it closes: (backup written, or None and why not)."""
    try:
        return backup_now(reason="exit", automatic=True), ""
    except BackupError as exc:
        return None, str(exc)
