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
    from kzcommission.services.database import close_database, open_database

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
