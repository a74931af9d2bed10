"""A fake NCALayer for the tests: the real protocol over a local TLS websocket.

It greets as NCALayer does, takes ``kz.gov.pki.knca.basics`` / ``sign`` with named
arguments, and answers ``{"status": true, "body": {"result": [CMS]}}`` with a
detached CMS made by an RSA key whose certificate chains to a root made here
(root -> NCA-like intermediate -> the signer, with the IIN in SERIALNUMBER, as NCA
RK certificates carry it). ``mode`` chooses what goes wrong.
"""

from __future__ import annotations

import asyncio
import base64
import json
import ssl
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

IIN = "900101300017"
SIGNER = "ТЕСТОВ ТЕСТ"
MODES = ("ok", "cancel", "cancel_empty", "wrong_module", "other_bytes", "expired", "silent")


def _name(cn: str, iin: str = "") -> x509.Name:
    parts = [
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
    ]
    if iin:
        parts.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, f"IIN{iin}"))
    return x509.Name(parts)


def _cert(subject, issuer, key, issuer_key, *, ca: bool, start: datetime, days: int):  # noqa: ANN001, ANN202
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
    else:
        builder = builder.add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        ).add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
    return builder.sign(issuer_key, hashes.SHA256())


class Chain:
    """Root, intermediate and signer, RSA; ``expired``: the signer's certificate ended."""

    def __init__(self, expired: bool = False):
        now = datetime.now(UTC)
        self.root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        root_name = _name("ТЕСТ НЕГІЗГІ ОРТАЛЫҚ (RSA)")
        ca_name = _name("ТЕСТ ҰЛТТЫҚ ОРТАЛЫҚ (RSA)")
        self.root = _cert(root_name, root_name, self.root_key, self.root_key, ca=True,
                          start=now - timedelta(days=400), days=3650)  # fmt: skip
        self.ca = _cert(ca_name, root_name, self.ca_key, self.root_key, ca=True,
                        start=now - timedelta(days=400), days=3000)  # fmt: skip
        start = now - timedelta(days=400 if expired else 10)
        self.signer = _cert(_name(SIGNER, IIN), ca_name, self.key, self.ca_key, ca=False,
                            start=start, days=30 if expired else 365)  # fmt: skip

    def root_pem(self, folder: Path) -> Path:
        path = folder / "test_root.pem"
        path.write_bytes(self.root.public_bytes(serialization.Encoding.PEM))
        return path

    def sign(self, data: bytes) -> bytes:
        """A detached CMS (SHA-256 with RSA) over ``data``, carrying the chain."""
        from asn1crypto import keys
        from asn1crypto import x509 as ax509
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        def load(cert):  # noqa: ANN001, ANN202
            return ax509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

        key = keys.PrivateKeyInfo.load(
            self.key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        signer = signers.SimpleSigner(
            signing_cert=load(self.signer),
            signing_key=key,
            cert_registry=SimpleCertificateStore.from_certs([load(self.ca), load(self.root)]),
        )
        from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

        when = PdfCMSSignedAttributes(signing_time=datetime.now(UTC))
        info = asyncio.run(
            signer.async_sign_general_data(data, "sha256", detached=True, signed_attr_settings=when)
        )
        return info.dump()


class FakeNcaLayer:
    """``with FakeNcaLayer(tmp_path, mode) as fake:`` sets KZCOMMISSION_NCALAYER_URL."""

    def __init__(self, folder: Path, mode: str = "ok", chain: Chain | None = None):
        assert mode in MODES
        self.mode = mode
        self.chain = chain or Chain(expired=mode == "expired")
        self.requests: list[dict] = []
        self._folder = folder

    def _tls(self) -> ssl.SSLContext:
        """The loopback certificate NCALayer presents: self-signed for 127.0.0.1."""
        import ipaddress

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = _name("127.0.0.1")
        now = datetime.now(UTC)
        cert = (
            x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(key, hashes.SHA256())
        )  # fmt: skip
        cert_file, key_file = self._folder / "ncalayer.pem", self._folder / "ncalayer.key"
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        return context

    def _handle(self, connection) -> None:  # noqa: ANN001 - websockets ServerConnection
        connection.send(json.dumps({"result": {"version": "1.4"}}))
        for message in connection:
            request = json.loads(message)
            self.requests.append(request)
            connection.send("--heartbeat--")
            connection.send(json.dumps(self._answer(request)))

    def _answer(self, request: dict) -> dict:
        if self.mode == "wrong_module" or request.get("module") != "kz.gov.pki.knca.basics":
            return {"status": False, "code": "MODULE_NOT_FOUND", "message": "no such module"}
        if self.mode == "cancel":
            return {"status": False, "code": "USER_CANCELED", "message": "cancelled"}
        if self.mode == "cancel_empty":
            return {"status": True, "body": {}}
        data = base64.b64decode(request["args"]["data"])
        if self.mode == "other_bytes":
            data = data + b"%tampered"
        cms = base64.b64encode(self.chain.sign(data)).decode("ascii")
        return {"status": True, "body": {"result": [cms]}}

    def __enter__(self) -> FakeNcaLayer:
        import os

        from websockets.sync.server import serve

        handler = (lambda c: None) if self.mode == "silent" else self._handle
        self._server = serve(handler, "127.0.0.1", 0, ssl=self._tls())
        port = self._server.socket.getsockname()[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self._previous = os.environ.get("KZCOMMISSION_NCALAYER_URL")
        os.environ["KZCOMMISSION_NCALAYER_URL"] = f"wss://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc: object) -> None:
        import os

        self._server.shutdown()
        self._thread.join(timeout=5)
        if self._previous is None:
            os.environ.pop("KZCOMMISSION_NCALAYER_URL", None)
        else:
            os.environ["KZCOMMISSION_NCALAYER_URL"] = self._previous
