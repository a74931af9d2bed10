"""Trust tests: an in-memory keyring for every test, so the history is sealed."""

from __future__ import annotations

import pytest

from tests.keyrings import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring(keyring_in_memory: MemoryKeyring) -> MemoryKeyring:
    """Every trust test has a keyring, so the history is sealed."""
    return keyring_in_memory


@pytest.fixture
def sqlite_database(db_path):
    """Tests that tamper with the file through the sqlite3 module: SQLite only."""
    from kzcommission.services.context import reset_actor
    from kzcommission.services.installation.database import close_database, open_database

    reset_actor()
    open_database(db_path)
    yield db_path
    close_database()
    reset_actor()


@pytest.fixture(scope="session")
def p12_file(tmp_path_factory) -> tuple[str, str]:
    """A self-signed RSA certificate and key in a PKCS#12 file: (path, password)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Әлия Сейітова (test)")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    path = tmp_path_factory.mktemp("cert") / "signer.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", key, cert, None, serialization.BestAvailableEncryption(b"secret-pw")
        )
    )
    return str(path), "secret-pw"


def _make_p12(folder, name: str, key, cert, chain) -> str:  # noqa: ANN001
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    path = folder / f"{name}.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            name.encode(), key, cert, chain, serialization.BestAvailableEncryption(b"secret-pw")
        )
    )
    return str(path)


@pytest.fixture(scope="session")
def office_chain(tmp_path_factory) -> dict[str, str]:
    """The office's root certificate (PEM) and a chair's PKCS#12 issued by it; and a forger's
    self-signed PKCS#12 in the same chair's name. Password of both: secret-pw."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    folder = tmp_path_factory.mktemp("office")
    now = datetime.datetime.now(datetime.UTC)
    period = (now - datetime.timedelta(days=1), now + datetime.timedelta(days=30))

    def build(subject, issuer, public, signing_key, ca: bool):  # noqa: ANN001, ANN202
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(period[0])
            .not_valid_after(period[1])
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if not ca:  # a signing certificate asserts non-repudiation, as PAdES validation wants
            usage = x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False,
            )  # fmt: skip
            builder = builder.add_extension(usage, critical=True)
        return builder.sign(signing_key, hashes.SHA256())

    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Office root (test)")])
    root = build(root_name, root_name, root_key.public_key(), root_key, True)
    chair_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    chair_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Әлия Сейітова (chair)")])
    chair = build(chair_name, root_name, chair_key.public_key(), root_key, False)
    forger_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forger = build(chair_name, chair_name, forger_key.public_key(), forger_key, False)
    root_pem = folder / "office-root.pem"
    root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    return {
        "root": str(root_pem),
        "chair": _make_p12(folder, "chair", chair_key, chair, [root]),
        "forger": _make_p12(folder, "forger", forger_key, forger, None),
        "password": "secret-pw",
    }
