"""Signed PDFs: PAdES signature with a visible stamp; verify finds every alteration."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from kzcommission import commands_trust
from kzcommission.documents.addendum import AddendumData, AddendumItem, render_addendum
from kzcommission.documents.base import document_digest
from kzcommission.services import documents_registry, signing
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


def test_signed_document_verifies(signed_pdf):
    path, digest = signed_pdf
    report = signing.verify_pdf(path)
    assert report.ok, report.problems
    (sig,) = report.signatures
    assert sig.intact and sig.valid and "Сейітова" in sig.signer
    assert report.digest == digest and report.registered[0].kind == "addendum"
    assert report.qr == "match"
    assert any("not from an authority" in note for note in report.notes)


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
    assert "the document is not signed" in report.problems
    assert any("not in this database's register" in p for p in report.problems)


def test_verify_command_says_what_is_wrong(signed_pdf, capsys):
    path, _digest = signed_pdf
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--database")
    commands_trust.register(parser.add_subparsers())
    db = path.parent / "kz.sqlite3"
    args = parser.parse_args(["--db", str(db), "verify", str(path)])
    assert args.handler(args) == 0
    assert "OK: the document is intact" in capsys.readouterr().out
    _flip(path, path.read_bytes().index(b"/Producer") + 2)
    assert args.handler(args) == 1
    out = capsys.readouterr().out
    assert "BROKEN" in out and "changed after it was signed" in out
