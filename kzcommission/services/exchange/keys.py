"""The exchange key shared with the centre: at least 32 random bytes, set with a history entry.

Issue 18, item 3: a key of ``====`` used to be stored as zero bytes, and a package
sealed with HMAC(b"") was then accepted. A key is now refused, with its reason, when
it is not strict base64, shorter than :data:`MIN_KEY_BYTES`, or so repetitive that
it cannot have come from a random source; a stored key is checked again each time
it is used, so one stored before this check seals and opens nothing.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

from kzcommission.services.errors import ServiceError
from kzcommission.services.exchange import package
from kzcommission.services.trust import secrets
from kzcommission.services.unit import read, record_history, write

MIN_KEY_BYTES = 32
# 32 random bytes hold on average 30 distinct values; fewer than 16 happens with odds
# below 1e-20, while hand-typed keys ("aaaa...", "0123...") have a handful.
MIN_DISTINCT_BYTES = 16

MALFORMED = "malformed"
SHORT = "short"
REPETITIVE = "repetitive"


class KeyRefused(ServiceError):
    """A weak or malformed exchange key; ``reason`` is one of MALFORMED, SHORT, REPETITIVE."""

    def __init__(
        self,
        message: str,
        reason: str,
        *,
        length: int = 0,
        key: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message, field="exchange_key", key=key, params=params)
        self.reason = reason
        self.length = length


def parse_key(text: str) -> bytes:
    """The key's bytes, or :class:`KeyRefused` saying why it may not seal packages."""
    cleaned = "".join(text.split())  # a key pasted over two lines is the same key
    try:
        key = base64.b64decode(cleaned.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError) as exc:
        raise KeyRefused(
            "the exchange key is not base64 text (give the key printed by "
            "kzcommission exchange-key --generate)",
            MALFORMED,
            key="exchange_key_malformed",
        ) from exc
    return check_key(key)


def check_key(key: bytes) -> bytes:
    """``key`` unchanged, or :class:`KeyRefused` when it is too short or too repetitive."""
    if len(key) < MIN_KEY_BYTES:
        raise KeyRefused(
            f"the exchange key has {len(key)} bytes; at least {MIN_KEY_BYTES} random bytes "
            "are needed (kzcommission exchange-key --generate)",
            SHORT,
            length=len(key),
            key="exchange_key_short",
            params={"length": len(key), "minimum": MIN_KEY_BYTES},
        )
    if len(set(key)) < MIN_DISTINCT_BYTES:
        raise KeyRefused(
            "the exchange key repeats a few byte values: it was not made at random "
            "(kzcommission exchange-key --generate)",
            REPETITIVE,
            length=len(key),
            key="exchange_key_repetitive",
        )
    return key


@write("exchange.key")
def set_exchange_key(text: str) -> str:
    """Store a checked key in the secrets store; the change is a history entry naming the
    old and the new key by their ids (never the key). Returns the new key's id."""
    key = parse_key(text)
    store = secrets.current_store()
    old = store.get(package.KEY_SECRET)
    old_id = package.key_id(base64.b64decode(old)) if old else ""
    new_id = package.key_id(key)
    record_history(
        "exchange_key.set", "exchange_key", new_id, before={"key_id": old_id},
        after={"key_id": new_id, "bytes": len(key)},
    )  # fmt: skip
    # Last: if the store refuses, the transaction (and its entry) is rolled back.
    store.set(package.KEY_SECRET, base64.b64encode(key).decode("ascii"))
    return new_id


@read("exchange.export")  # import's roles are among export's
def exchange_key() -> bytes:
    """The key this office shares with the centre, from the secrets store, checked again."""
    text = secrets.get_secret(package.KEY_SECRET)
    if not text:
        raise ServiceError(
            "no exchange key is set: the administrator sets the key shared with "
            "the centre (kzcommission exchange-key)",
            field="exchange_key",
            key="exchange_key_missing",
        )
    try:
        return parse_key(text)
    except KeyRefused as exc:
        raise KeyRefused(
            f"the stored exchange key may not be used: {exc}; the administrator sets a new "
            "one with kzcommission exchange-key --generate",
            exc.reason,
            length=exc.length,
            key="exchange_key_stored_unusable",
            params={"why_key": f"refusal.exchange_key_why_{exc.reason}"},
        ) from exc
