"""Forged PDFs are refused (issue 17): `verify` says INTACT only for the exact bytes issued
here, or for a file whose every signature holds and chains to a root the office trusts."""

from __future__ import annotations

import argparse
import hashlib
import re
from pathlib import Path

import pytest

from kzcommission import commands_trust
from kzcommission.documents.addendum import render_addendum
from kzcommission.documents.base import document_digest
from kzcommission.services.papers import printing
from kzcommission.services.trust import documents_registry, signing
from tests.services.helpers import add_employee, make_desk
from tests.trust.test_signing import DATA


def _issue(folder: Path, sitting_id: int) -> Path:
    """The addendum written and registered as the print pack does: data and file digests."""
    pdf = render_addendum(DATA, "ru")
    path = folder / "issued.pdf"
    path.write_bytes(pdf)
    documents_registry.register_issued(
        "addendum",
        "ru",
        document_digest(DATA),
        sitting_id,
        file_name=path.name,
        file_sha256=hashlib.sha256(pdf).hexdigest(),
    )
    return path


def _edit_content(path: Path, out: Path) -> Path:
    """Change one character inside the page's content stream, as an editor would."""
    blob = bytearray(path.read_bytes())
    start = [m.end() for m in re.finditer(rb"stream\r?\n", bytes(blob))][1]
    blob[start + 12] ^= 0x01
    out.write_bytes(bytes(blob))
    return out


def _verify(db: Path, path: Path, *trust: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--database")
    commands_trust.register(parser.add_subparsers())
    argv = ["--db", str(db), "verify", str(path)]
    for cert in trust:
        argv += ["--trust", cert]
    args = parser.parse_args(argv)
    return args.handler(args)


def test_the_issued_bytes_verify_and_an_edited_unsigned_file_does_not(sqlite_database, tmp_path):
    desk = make_desk(members=5)
    issued = _issue(tmp_path, desk.sitting_id)
    report = signing.verify_pdf(issued)
    assert report.outcome == "intact" and report.issued_file[0].file_name == "issued.pdf"
    assert _verify(sqlite_database, issued) == 0
    edited = _edit_content(issued, tmp_path / "edited.pdf")
    report = signing.verify_pdf(edited)
    assert report.outcome == "altered" and _verify(sqlite_database, edited) == 1
    # An update appended to the file keeps the footer's registered data digest readable:
    # the bytes decide, not the printed digest.
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(issued.read_bytes() + b"\n% changed after issue\n")
    report = signing.verify_pdf(appended)
    assert report.registered and not report.issued_file
    assert report.outcome == "altered" and _verify(sqlite_database, appended) == 1


def test_edited_and_re_signed_with_a_self_signed_certificate_is_refused(
    sqlite_database, tmp_path, office_chain
):
    desk = make_desk(members=5)
    edited = _edit_content(_issue(tmp_path, desk.sitting_id), tmp_path / "edited.pdf")
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(
        signing.sign_pdf(edited.read_bytes(), office_chain["forger"], office_chain["password"])
    )
    report = signing.verify_pdf(forged, trust=[Path(office_chain["root"])])
    (sig,) = report.signatures
    assert sig.intact and sig.valid and not sig.trusted  # sound, but not the office's
    assert report.outcome != "intact"
    assert _verify(sqlite_database, forged, office_chain["root"]) != 0


def test_a_second_signature_painted_over_a_signed_file_is_refused(
    sqlite_database, tmp_path, office_chain
):
    desk = make_desk(members=5)
    issued = _issue(tmp_path, desk.sitting_id)
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(
        signing.sign_pdf(issued.read_bytes(), office_chain["chair"], office_chain["password"])
    )
    root = Path(office_chain["root"])
    assert signing.verify_pdf(signed, trust=[root]).outcome == "intact"
    over = tmp_path / "over.pdf"
    over.write_bytes(
        signing.sign_pdf(signed.read_bytes(), office_chain["forger"], office_chain["password"])
    )
    report = signing.verify_pdf(over, trust=[root])
    assert len(report.signatures) == 2 and report.outcome != "intact"
    assert _verify(sqlite_database, over, office_chain["root"]) != 0


def test_a_file_trusted_from_the_data_folder(sqlite_database, tmp_path, office_chain, monkeypatch):
    from kzcommission import paths

    desk = make_desk(members=5)
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(
        signing.sign_pdf(
            _issue(tmp_path, desk.sitting_id).read_bytes(),
            office_chain["chair"],
            office_chain["password"],
        )
    )
    data = tmp_path / "data"
    (data / signing.TRUSTED_FOLDER).mkdir(parents=True)
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    assert signing.verify_pdf(signed).outcome == "unverified"
    (data / signing.TRUSTED_FOLDER / "office.pem").write_bytes(
        Path(office_chain["root"]).read_bytes()
    )
    assert signing.verify_pdf(signed).outcome == "intact"


@pytest.mark.slow
def test_the_print_pack_registers_each_file_by_its_bytes(sqlite_database, tmp_path):
    from kzcommission.services.sitting import cases

    desk = make_desk(members=3)
    cases.add_case(desk.sitting_id, add_employee("Printed", "P1").id, "regular")
    files = printing.print_pack(desk.sitting_id, "kk", tmp_path)
    assert files
    for path in files:
        (issued,) = documents_registry.lookup_file(hashlib.sha256(path.read_bytes()).hexdigest())
        assert issued.file_name == path.name
        assert signing.verify_pdf(path).outcome == "intact"
