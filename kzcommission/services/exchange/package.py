"""The package format: members, manifest, seal, and the hash-linked history segment."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from kzcommission.resources import resources_root

FORMAT = "kzcommission-exchange"
# Version 2 adds the names per language (issue 15 item 6): an object "names" beside
# the single value of a commission's name and place, a seat's position, a sitting's
# place, a person's position and unit and a case's position. Version 1 packages are
# still read: each single value is placed by its language (domain.names.Names.single).
SCHEMA_VERSION = 2
READABLE_VERSIONS: tuple[int, ...] = (1, 2)
DATA = "data.json"
HISTORY = "history.json"
MANIFEST = "manifest.json"
SEAL = "seal.json"
DOCUMENTS = "documents/"
KEY_SECRET = "exchange.key"
SEAL_ALGORITHM = "HMAC-SHA256"


def dumps(value: Any) -> bytes:
    """Canonical JSON: the bytes hashed are the bytes written."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def key_id(key: bytes) -> str:
    return sha256(b"kzcommission-exchange-key|" + key)[:16]


def seal(manifest: bytes, key: bytes) -> dict[str, str]:
    return {
        "algorithm": SEAL_ALGORITHM,
        "key_id": key_id(key),
        "mac": hmac.new(key, manifest, hashlib.sha256).hexdigest(),
    }


def seal_matches(manifest: bytes, key: bytes, stored: dict[str, Any]) -> bool:
    expected = hmac.new(key, manifest, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, str(stored.get("mac", "")))


def history_genesis(sitting_uuid: str) -> str:
    return sha256(f"{FORMAT}|history|{sitting_uuid}".encode())


def history_link(previous: str, entry: dict[str, Any]) -> str:
    """Each entry is linked to the one before it, so a gap or an edit breaks the chain."""
    body = {k: v for k, v in entry.items() if k != "link"}
    return sha256(previous.encode() + dumps(body))


def link_history(sitting_uuid: str, entries: list[dict[str, Any]]) -> tuple[list[dict], str]:
    previous = history_genesis(sitting_uuid)
    linked = []
    for entry in entries:
        previous = history_link(previous, entry)
        linked.append({**entry, "link": previous})
    return linked, previous


def schema() -> dict[str, Any]:
    path = resources_root().parent / "docs" / "exchange-schema.json"
    return json.loads(path.read_text(encoding="utf-8"))
