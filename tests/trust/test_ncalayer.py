"""Issue 19 items 1-3: signing the printed PDFs through NCALayer (a fake one speaking its
protocol) and checking the detached CMS: covered bytes, signer and IIN, validity, chain."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from kzcommission.services.trust import cms_signature, ncalayer
from kzcommission.services.trust.signing import ALTERED, INTACT, UNVERIFIED
from kzcommission.store import models
from tests.trust.fake_ncalayer import IIN, SIGNER, Chain, FakeNcaLayer


def _pdfs(folder: Path, count: int = 2) -> list[Path]:
    from reportlab.pdfgen import canvas

    files = []
    for number in range(count):
        path = folder / f"sheet-{number}.pdf"
        page = canvas.Canvas(str(path))
        page.drawString(72, 720, f"sheet {number}")
        page.save()
        files.append(path)
    return files


def _signed_entries() -> int:
    entries = models.HistoryEntry.select().where(models.HistoryEntry.action == "document.sign_cms")
    return entries.count()


def test_each_pdf_is_signed_over_its_exact_bytes_and_verifies(database, tmp_path) -> None:
    files = _pdfs(tmp_path)
    steps: list[tuple[int, int]] = []
    with FakeNcaLayer(tmp_path) as fake:
        kept = cms_signature.sign_files(files, "kk", progress=lambda i, n: steps.append((i, n)))
    assert kept == [tmp_path / "sheet-0.pdf.cms", tmp_path / "sheet-1.pdf.cms"]
    assert steps == [(0, 2), (1, 2), (2, 2)]
    request = fake.requests[0]
    assert (request["module"], request["method"]) == ("kz.gov.pki.knca.basics", "sign")
    args = request["args"]
    assert args["format"] == "cms" and args["locale"] == "kk"
    assert args["signingParams"]["encapsulate"] is False and args["signingParams"]["decode"]
    assert base64.b64decode(args["data"]) == files[0].read_bytes()
    root = fake.chain.root_pem(tmp_path)
    check = cms_signature.verify_detached(files[1], trust=[root])
    assert (check.outcome, check.exit_code) == (INTACT, 0)
    assert (check.signer, check.iin, check.covers_file, check.cert_valid) == (
        SIGNER,
        IIN,
        True,
        True,
    )
    assert check.signature_checked and check.signed_at is not None
    assert _signed_entries() == 2


def test_without_the_root_the_signature_is_not_verified(database, tmp_path) -> None:
    (pdf,) = _pdfs(tmp_path, 1)
    with FakeNcaLayer(tmp_path):
        cms_signature.sign_files([pdf], "ru")
    check = cms_signature.verify_detached(pdf)
    assert (check.outcome, check.exit_code) == (UNVERIFIED, 2)
    assert "chain to a trusted root" in check.unverified[0]


def test_a_pdf_changed_after_signing_is_altered(database, tmp_path) -> None:
    (pdf,) = _pdfs(tmp_path, 1)
    with FakeNcaLayer(tmp_path) as fake:
        cms_signature.sign_files([pdf], "ru")
    pdf.write_bytes(pdf.read_bytes() + b"\n% appended after signing\n")
    check = cms_signature.verify_detached(pdf, trust=[fake.chain.root_pem(tmp_path)])
    assert (check.outcome, check.exit_code) == (ALTERED, 1)
    assert check.covers_file is False


@pytest.mark.parametrize(
    ("mode", "refusal", "code"),
    [
        ("cancel", ncalayer.NcaLayerCancelled, None),
        ("cancel_empty", ncalayer.NcaLayerCancelled, None),
        ("wrong_module", ncalayer.NcaLayerRefused, "MODULE_NOT_FOUND"),
        ("other_bytes", ncalayer.NcaLayerRefused, "BAD_SIGNATURE"),
        ("expired", ncalayer.NcaLayerRefused, "BAD_SIGNATURE"),
    ],
)
def test_nothing_is_half_signed_when_ncalayer_refuses(
    database, tmp_path, mode: str, refusal: type, code: str | None
) -> None:
    files = _pdfs(tmp_path, 3)
    with FakeNcaLayer(tmp_path, mode), pytest.raises(refusal) as refused:
        cms_signature.sign_files(files, "ru")
    if code:
        assert refused.value.code == code
    assert not list(tmp_path.glob("*.cms")) and _signed_entries() == 0


def test_a_cancel_between_files_keeps_no_signature(database, tmp_path) -> None:
    files = _pdfs(tmp_path, 3)
    asked = iter([False, False, True])
    with FakeNcaLayer(tmp_path), pytest.raises(cms_signature.SigningCancelled):
        cms_signature.sign_files(files, "ru", cancelled=lambda: next(asked))
    assert not list(tmp_path.glob("*.cms")) and _signed_entries() == 0


def test_ncalayer_absent_or_mute_says_what_to_install(database, tmp_path, monkeypatch) -> None:
    (pdf,) = _pdfs(tmp_path, 1)
    monkeypatch.setenv(ncalayer.URL_VARIABLE, "wss://127.0.0.1:9")  # nothing listens there
    with pytest.raises(ncalayer.NcaLayerUnavailable) as absent:
        cms_signature.sign_files([pdf], "ru")
    assert "pki.gov.kz/ncalayer" in str(absent.value)
    monkeypatch.setattr(ncalayer, "CONNECT_SECONDS", 0.5)
    with FakeNcaLayer(tmp_path, "silent"), pytest.raises(ncalayer.NcaLayerUnavailable):
        cms_signature.sign_files([pdf], "ru")
    assert not list(tmp_path.glob("*.cms"))


def test_a_gost_signature_is_never_reported_valid(tmp_path) -> None:
    """An NCA GOST signature (here: a CMS whose algorithms are GOST 34.311 / 34.310, as NCA
    RK keys make them): the digest and signature are not checked, and the outcome says so."""
    from asn1crypto import algos, cms

    (pdf,) = _pdfs(tmp_path, 1)
    info = cms.ContentInfo.load(Chain().sign(pdf.read_bytes()))
    signer_info = info["content"]["signer_infos"][0]
    signer_info["digest_algorithm"] = algos.DigestAlgorithm({"algorithm": "1.2.398.3.10.1.3.1"})
    signer_info["signature_algorithm"] = algos.SignedDigestAlgorithm(
        {"algorithm": "1.2.398.3.10.1.1.1.2"}
    )
    (tmp_path / "sheet-0.pdf.cms").write_bytes(info.dump(force=True))
    check = cms_signature.verify_detached(pdf)
    assert (check.outcome, check.exit_code) == (UNVERIFIED, 2)
    assert check.covers_file is None and not check.signature_checked
    assert "GOST" in check.unverified[-1] and "not checked" in check.unverified[-1]
    assert check.iin == IIN


def test_the_cli_signs_with_ncalayer_and_verify_reads_the_cms(tmp_path, capsys) -> None:
    from kzcommission.cli import main

    files = _pdfs(tmp_path)
    db = str(tmp_path / "cli.db")
    with FakeNcaLayer(tmp_path) as fake:
        code = main(["--db", db, "sign", "--ncalayer", str(files[0]), str(files[1])])
    assert code == 0
    assert "sheet-1.pdf.cms" in capsys.readouterr().out
    root = fake.chain.root_pem(tmp_path)
    assert main(["--db", db, "verify", str(files[0]), "--trust", str(root)]) == 0
    out = capsys.readouterr().out
    assert f"CMS signature: intact; signed by {SIGNER}, IIN {IIN}" in out
    monkey_url = "wss://127.0.0.1:9"
    import os

    os.environ["KZCOMMISSION_NCALAYER_URL"] = monkey_url
    try:
        assert main(["--db", db, "sign", "--ncalayer", str(files[0])]) == 2
    finally:
        os.environ.pop("KZCOMMISSION_NCALAYER_URL", None)
    assert "pki.gov.kz/ncalayer" in capsys.readouterr().err
