"""Signed PDFs: PAdES signature with a visible stamp; verify finds every alteration."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from kzcommission import commands_trust
from kzcommission.documents.addendum import AddendumData, AddendumItem, render_addendum
from kzcommission.documents.base import document_digest
from kzcommission.services.trust import documents_registry, signing
from tests.services.helpers import make_desk

DATA = AddendumData(
    "0f0e0d0c-sitting",
    "Аттестаттау комиссиясы",
    "3",
    "2025-03-12",
    "ab" * 32,
    (
        AddendumItem(
            "u1",
            "Әлиев Тимур",
            "opinion",
            "Жақсы",
            "Өте жақсы",
            "қате",
            "sec",
            "Төраға",
            "2025-03-13 10:00:00",
        ),
    ),
)


@pytest.fixture
def signed_pdf(sqlite_database, tmp_path, p12_file) -> tuple[Path, str]:
    desk = make_desk(members=5)
    pdf = render_addendum(DATA, "kk")
    digest = document_digest(DATA)
    documents_registry.register_issued("addendum", "kk", digest, desk.sitting_id)
    path = tmp_path / "addendum-signed.pdf"
    path.write_bytes(signing.sign_pdf(pdf, p12_file[0], p12_file[1], reason="Хаттама"))
    return path, digest


def test_signed_document_verifies_only_with_a_trusted_root(signed_pdf, office_chain, tmp_path):
    path, digest = signed_pdf
    report = signing.verify_pdf(path)
    (sig,) = report.signatures
    assert sig.intact and sig.valid and "Сейітова" in sig.signer
    assert report.digest == digest and report.registered[0].kind == "addendum"
    assert report.qr == "match"
    # Self-signed: never trusted by default, so nothing vouches for the file.
    assert report.outcome == "unverified" and report.exit_code == 2 and not report.ok
    assert any("configured as trusted" in reason for reason in report.unverified)

    office = tmp_path / "office-signed.pdf"
    office.write_bytes(
        signing.sign_pdf(
            render_addendum(DATA, "kk"), office_chain["chair"], office_chain["password"]
        )
    )
    assert signing.verify_pdf(office).exit_code == 2  # the office root not configured
    trusted = signing.verify_pdf(office, trust=[Path(office_chain["root"])])
    assert trusted.outcome == "intact" and trusted.exit_code == 0, trusted.problems


def _flip(path: Path, offset: int) -> None:
    blob = bytearray(path.read_bytes())
    blob[offset] ^= 0x20
    path.write_bytes(bytes(blob))


def test_flipped_byte_in_the_signed_content_is_found(signed_pdf):
    path, _digest = signed_pdf
    blob = path.read_bytes()
    inside = blob.index(b"/Producer") + 2  # metadata covered by the signature
    _flip(path, inside)
    report = signing.verify_pdf(path)
    assert not report.ok
    assert any("changed after it was signed" in p for p in report.problems)


def test_flipped_byte_in_a_content_stream_is_found(signed_pdf):
    path, _digest = signed_pdf
    blob = path.read_bytes()
    start = [m.end() for m in re.finditer(rb"stream\r?\n", blob)][1]
    _flip(path, start + 10)
    report = signing.verify_pdf(path)
    assert not report.ok and report.problems


def test_unregistered_digest_and_unsigned_file_are_reported(sqlite_database, tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_bytes(render_addendum(DATA, "ru"))
    report = signing.verify_pdf(path)
    assert report.outcome == "altered" and report.exit_code == 1
    assert any("not signed and its bytes" in p for p in report.problems)


def test_verify_command_says_what_is_wrong(signed_pdf, capsys):
    path, _digest = signed_pdf
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--database")
    commands_trust.register(parser.add_subparsers())
    db = path.parent / "kz.sqlite3"
    args = parser.parse_args(["--db", str(db), "verify", str(path)])
    assert args.handler(args) == 2  # self-signed: not vouched for
    assert "NOT VERIFIED" in capsys.readouterr().out
    _flip(path, path.read_bytes().index(b"/Producer") + 2)
    assert args.handler(args) == 1
    out = capsys.readouterr().out
    assert "BROKEN" in out and "changed after it was signed" in out
