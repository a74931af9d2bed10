"""Talking to NCALayer, the NCA RK signing service every Kazakh office PC runs for eGov.

NCALayer listens on ``wss://127.0.0.1:13579``. Right after the connection opens it
greets with ``{"result": {"version": "..."}}``; a request names a module, a method
and its arguments. The "basics" module (``kz.gov.pki.knca.basics``, method
``sign``) asks the user for his key store, key and PIN in NCALayer's own window and
answers ``{"status": true, "body": {"result": [CMS in base64]}}``; a refusal is
``{"status": false, "code": ..., "message": ...}``, and a user who closes the
window gets a cancel code (or, in some versions, ``status`` true with an empty
body). The app never sees the key or the PIN.

The certificate NCALayer presents on the loopback is its own self-signed one
(installed into the browsers by its installer), so the connection is encrypted
but the peer is not authenticated: it is 127.0.0.1, and what comes back is
checked anyway (services.trust.cms_signature verifies every CMS over the exact bytes
before anything is kept).
"""

from __future__ import annotations

import base64
import json
import os
import ssl
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from kzcommission.services.errors import ServiceError

URL = "wss://127.0.0.1:13579"
URL_VARIABLE = "KZCOMMISSION_NCALAYER_URL"  # another address (a test's fake NCALayer)
MODULE = "kz.gov.pki.knca.basics"
HEARTBEATS = ("--heartbeat--", "{}")
# NCA RK signing keys carry the e-mail protection key usage; authentication keys do not.
SIGNING_KEY_USAGE = "1.3.6.1.5.5.7.3.4"
STORAGES = ("PKCS12", "AKKaztokenStore", "AKKZIDCardStore", "AKEToken72KStore", "AKJaCartaStore")
CONNECT_SECONDS = 10.0  # a mute program on the port is told apart; a loaded PC is not
ANSWER_SECONDS = 600.0  # the user types his PIN in NCALayer's window meanwhile
INSTALL_HINT = "https://pki.gov.kz/ncalayer/"


class NcaLayerUnavailable(ServiceError):
    """NCALayer does not answer: not installed, not started, or another program on the port."""


class NcaLayerCancelled(ServiceError):
    """The user closed NCALayer's window or cancelled the key or PIN."""


class NcaLayerRefused(ServiceError):
    """NCALayer answered with an error (a module it does not know, a key it rejects...)."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        key: str = "ncalayer_refused",
        params: Mapping[str, object] | None = None,
    ):
        self.code = code
        super().__init__(
            f"NCALayer refused: {code}: {message}",
            field="ncalayer",
            key=key,
            params={"code": code, "message": message} if params is None else params,
        )


@dataclass(frozen=True)
class Greeting:
    version: str


def _url() -> str:
    return os.environ.get(URL_VARIABLE) or URL


def _loopback_tls() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # NCALayer's own self-signed certificate (see above)
    return context


def sign_request(data: bytes, locale: str) -> dict:
    """The basics module's request for a detached CMS over ``data`` (sent as base64)."""
    return {
        "module": MODULE,
        "method": "sign",
        "args": {
            "allowedStorages": list(STORAGES),
            "format": "cms",
            "data": base64.b64encode(data).decode("ascii"),
            "signingParams": {
                "decode": True,  # the data is base64 of the bytes to sign, not text
                "encapsulate": False,  # detached: the PDF stays a file of its own
                "digested": False,
                "tsaProfile": None,  # offline desk: no time-stamp server
            },
            "signerParams": {"extKeyUsageOids": [SIGNING_KEY_USAGE], "chain": []},
            "locale": locale if locale in ("kk", "ru", "en") else "ru",
        },
    }


def read_signature(answer: dict) -> bytes:
    """The CMS from a basics answer, or the refusal it carries."""
    if not isinstance(answer, dict):
        raise NcaLayerRefused(
            "BAD_ANSWER",
            "not a JSON object",
            key="ncalayer_bad_answer",
            params={"detail": "JSON"},
        )
    if answer.get("status") is True:
        result = (answer.get("body") or {}).get("result")
        if isinstance(result, list):
            result = result[0] if result else None
        if not result:
            raise NcaLayerCancelled(
                "signing was cancelled in NCALayer", field="ncalayer", key="ncalayer_cancelled"
            )
        try:
            return base64.b64decode(result, validate=True)
        except (ValueError, TypeError):
            raise NcaLayerRefused(
                "BAD_ANSWER",
                "the signature is not base64",
                key="ncalayer_bad_answer",
                params={"detail": "base64"},
            ) from None
    code = str(answer.get("code") or "")
    if "CANCEL" in code.upper():
        raise NcaLayerCancelled(
            "signing was cancelled in NCALayer", field="ncalayer", key="ncalayer_cancelled"
        )
    message = str(answer.get("message") or "")
    raise NcaLayerRefused(
        code or "ERROR",
        message,
        key="ncalayer_refused",
        params={"code": code or "ERROR", "message": message},
    )


class Session:
    """One connection to NCALayer; ``sign`` may be called for each file in turn."""

    def __init__(self, connection):  # noqa: ANN001 - websockets.sync.client.ClientConnection
        self._connection = connection
        self.greeting = Greeting(self._greeting())

    def _receive(self, timeout: float) -> dict:
        while True:
            try:
                text = self._connection.recv(timeout=timeout)
            except TimeoutError:
                raise NcaLayerUnavailable(
                    "NCALayer did not answer in time", field="ncalayer", key="ncalayer_timeout"
                ) from None
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            if text.strip() in HEARTBEATS:
                continue
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                raise NcaLayerRefused(
                    "BAD_ANSWER",
                    text[:80],
                    key="ncalayer_bad_answer",
                    params={"detail": text[:80]},
                ) from None

    def _greeting(self) -> str:
        answer = self._receive(CONNECT_SECONDS)
        version = (answer.get("result") or {}).get("version") if isinstance(answer, dict) else None
        if not version:
            raise NcaLayerUnavailable(
                "the program on the NCALayer port did not greet as NCALayer does",
                field="ncalayer",
                key="ncalayer_not_ncalayer",
            )
        return str(version)

    def sign(self, data: bytes, locale: str) -> bytes:
        """A detached CMS over ``data``, signed with the key the user picks in NCALayer."""
        self._connection.send(json.dumps(sign_request(data, locale)))
        return read_signature(self._receive(ANSWER_SECONDS))


@contextmanager
def session() -> Iterator[Session]:
    """A connection to NCALayer, or :class:`NcaLayerUnavailable` saying what to install."""
    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    url = _url()
    with ExitStack() as stack:
        try:
            connection = stack.enter_context(
                connect(
                    url,
                    ssl=_loopback_tls() if url.startswith("wss:") else None,
                    open_timeout=CONNECT_SECONDS,
                    max_size=64 * 1024 * 1024,
                )
            )
        except (OSError, TimeoutError, WebSocketException) as exc:
            raise NcaLayerUnavailable(
                f"NCALayer does not answer at {url} ({exc.__class__.__name__}); install it "
                f"from {INSTALL_HINT} and start it",
                field="ncalayer",
                key="ncalayer_absent",
                params={"url": url, "error": exc.__class__.__name__, "install": INSTALL_HINT},
            ) from None
        try:
            yield Session(connection)
        except WebSocketException as exc:
            raise NcaLayerUnavailable(
                f"NCALayer closed the connection ({exc.__class__.__name__})",
                field="ncalayer",
                key="ncalayer_closed",
                params={"error": exc.__class__.__name__},
            ) from None
