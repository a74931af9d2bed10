"""Signing the minutes and sheets (PAdES, pyHanko) and checking a signed document.

The signature is visible: a stamp drawn in DejaVu Sans, which has every Kazakh
letter. `verify_pdf` says in plain words whether the file is intact, who signed
it, whether its printed digest is in this database's register of issued
documents, and whether the QR code carries that digest.

Its verdict has three outcomes (exit codes 0, 1, 2 of ``verify``). INTACT only
when the file's bytes are exactly those of a file this desk issued, or when
every signature holds, the last one covers the whole file, nothing that changes
content was added after any of them (pyHanko's difference analysis), and every
signer chains to a root the administrator trusts: certificates passed with
``--trust`` or kept in the data folder's ``trusted-certificates`` (a self-signed
certificate is never trusted by default). ALTERED when a signature is broken or
content was added after it, or an unsigned file is not a file issued here.
UNVERIFIED when nothing is found wrong but nothing vouches for the file either
(an intact signature by a signer nobody configured as trusted, a file issued
before files were registered by their bytes).
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from kzcommission.i18n import Line
from kzcommission.resources import resource_path
from kzcommission.services.trust import check_terms, documents_registry
from kzcommission.services.unit import read

FIELD_PREFIX = "KZC-Signature"
DIGEST_LINE = re.compile(r"SHA-256\s+([0-9a-f]{64})")
# Bottom of the last page, above the footer, left of the QR: x1, y1, x2, y2 in points.
STAMP_BOX = (85, 90, 330, 150)


INTACT, ALTERED, UNVERIFIED = "intact", "altered", "unverified"
P = "doccheck.problem."  # the catalogue texts of the lines a screen shows (verify: English)
TRUSTED_FOLDER = "trusted-certificates"


class SigningError(Exception):
    """The document could not be signed; the message says why."""


def font_path() -> Path:
    """DejaVu Sans from the project's resources (copied from the system if missing)."""
    path = resource_path("fonts", "DejaVuSans.ttf")
    if not path.exists():
        system = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        if not system.exists():
            raise SigningError("the DejaVu Sans font is missing from resources/fonts")
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(system, path)
    return path


@read("documents.sign")
def sign_pdf(
    pdf: bytes,
    pkcs12: Path | str,
    passphrase: str | None,
    *,
    reason: str = "",
    location: str = "",
) -> bytes:
    """The PDF signed with the certificate of a PKCS#12 file, with a visible stamp."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    signer = signers.SimpleSigner.load_pkcs12(
        str(pkcs12), passphrase=passphrase.encode("utf-8") if passphrase else None
    )
    if signer is None:
        raise SigningError(f"{pkcs12} does not open: wrong password, or not a PKCS#12 file")
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    existing = len(reader.embedded_signatures)
    pages = int(reader.root["/Pages"]["/Count"])
    name = f"{FIELD_PREFIX}{existing + 1}"
    style = TextStampStyle(
        stamp_text="%(signer)s\n%(ts)s\n" + (reason or ""),
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(font_path())), font_size=8),
        border_width=1,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason or None,
        location=location or None,
    )
    x1, y1, x2, y2 = STAMP_BOX
    shift = existing * (y2 - y1 + 6)  # a second signer's stamp goes above the first
    spec = fields.SigFieldSpec(name, on_page=pages - 1, box=(x1, y1 + shift, x2, y2 + shift))
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    out = signers.PdfSigner(meta, signer=signer, stamp_style=style, new_field_spec=spec).sign_pdf(
        writer, in_place=False
    )
    return out.getvalue()


@dataclass
class SignatureCheck:
    field: str
    signer: str
    signed_at: datetime | None
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature holds
    trusted: bool  # the certificate chains to a trusted root
    covers_whole_file: bool
    later_changes: str  # what was changed after this signature, if anything
    name: str = ""  # the signer's common name, for a screen ("signer" labels it in English)


@dataclass
class VerifyReport:
    file: Path
    readable: bool = True
    signatures: list[SignatureCheck] = field(default_factory=list)
    digest: str = ""
    registered: list[documents_registry.IssuedView] = field(default_factory=list)
    qr: str = ""  # "match", "mismatch", "absent" or "" (not checked)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    file_sha256: str = ""
    issued_file: list[documents_registry.IssuedView] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)  # why it cannot be vouched for

    @property
    def ok(self) -> bool:
        return self.outcome == INTACT

    @property
    def outcome(self) -> str:
        if self.problems:
            return ALTERED
        if self.issued_file:
            return INTACT
        if self.signatures and not self.unverified:
            return INTACT
        return UNVERIFIED

    @property
    def exit_code(self) -> int:
        return {INTACT: 0, ALTERED: 1, UNVERIFIED: 2}[self.outcome]


def _signature_checks(data: bytes, report: VerifyReport, trust: list[Path]) -> None:
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = [x509.Certificate.load(_der(p.read_bytes())) for p in trust]
    reader = PdfFileReader(BytesIO(data), strict=False)
    signatures = reader.embedded_signatures
    if not signatures:
        return
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    for sig in signatures:
        status = _quietly(validate_pdf_signature, sig, context)
        signer = status.signing_cert.subject.human_friendly if status.signing_cert else "?"
        name = _common_name(status.signing_cert) or signer
        coverage = getattr(status.coverage, "name", str(status.coverage))
        level = getattr(status, "modification_level", None)
        level_name = getattr(level, "name", "")
        later = "" if level_name in ("", "NONE") else level_name.lower().replace("_", " ")
        later_words = check_terms.word(f"doccheck.level.{level_name.lower()}", later)
        check = SignatureCheck(
            field=sig.field_name,
            signer=signer,
            signed_at=status.signer_reported_dt,
            intact=bool(status.intact),
            valid=bool(status.valid),
            trusted=bool(status.trusted),
            covers_whole_file=coverage == "ENTIRE_FILE",
            later_changes=later,
            name=name,
        )
        report.signatures.append(check)
        if not check.intact:
            report.problems.append(
                Line(
                    f"signature {check.field} by {signer}: the document was changed after it "
                    "was signed (the signed bytes do not match)",
                    P + "changed_after_signing",
                    field=check.field,
                    signer=name,
                )
            )
        elif not check.valid:
            report.problems.append(
                Line(
                    f"signature {check.field} by {signer} is not valid",
                    P + "signature_invalid",
                    field=check.field,
                    signer=name,
                )
            )
        elif not check.covers_whole_file and later and later != "form filling":
            report.problems.append(
                Line(
                    f"signature {check.field} by {signer}: content was added after signing "
                    f"({later})",
                    P + "added_after_signing",
                    field=check.field,
                    signer=name,
                    later=later_words,
                )
            )
        if check.intact and check.valid and not check.trusted:
            report.unverified.append(
                Line(
                    f"signature {check.field} is intact, signed by {signer}, but the "
                    "certificate does not chain to a root the administrator configured as "
                    "trusted (self-signed or unknown issuer)",
                    P + "signer_untrusted",
                    field=check.field,
                    signer=name,
                )
            )
    if report.signatures and not report.signatures[-1].covers_whole_file:
        last = report.signatures[-1].field
        report.problems.append(
            Line(
                f"bytes were added after the last signature ({last})",
                P + "bytes_after_last",
                field=last,
            )
        )


def _common_name(cert) -> str:  # noqa: ANN001 - asn1crypto x509.Certificate or None
    if cert is None:
        return ""
    return str(cert.subject.native.get("common_name", ""))


def _quietly(func: Any, *args: Any) -> Any:
    """pyHanko logs a traceback for an untrusted certificate; the report says it plainly."""
    loggers = [logging.getLogger(n) for n in ("pyhanko", "pyhanko_certvalidator")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        return func(*args)
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def _der(blob: bytes) -> bytes:
    if blob.lstrip().startswith(b"-----BEGIN"):
        from asn1crypto import pem

        _kind, _headers, der = pem.unarmor(blob)
        return der
    return blob


def printed_digest(path: Path) -> str:
    """The digest printed in the document's footer, read with pdftotext ("" if none)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return ""
    result = subprocess.run(
        [tool, "-q", str(path), "-"], capture_output=True, text=True, timeout=60, check=False
    )
    found = DIGEST_LINE.search(result.stdout)
    return found.group(1) if found else ""


def trusted_roots(extra: list[Path] | None = None) -> list[Path]:
    """Certificates the administrator trusts: those given, and the data folder's own."""
    from kzcommission import paths

    folder = paths.data_dir() / TRUSTED_FOLDER
    kept = sorted(
        p for p in folder.glob("*") if p.suffix.lower() in (".pem", ".crt", ".cer", ".der")
    )
    return [*(extra or []), *kept] if folder.is_dir() else list(extra or [])


@read("records.view")
def verify_pdf(
    path: Path | str, *, trust: list[Path] | None = None, detached: bool = False
) -> VerifyReport:
    """``detached``: a detached signature (FILE.cms) is beside the file and is checked by
    the caller (services.trust.cms_signature); an unsigned PDF is then not a problem by itself."""
    path = Path(path)
    report = VerifyReport(path)
    try:
        data = path.read_bytes()
        report.file_sha256 = hashlib.sha256(data).hexdigest()
        _signature_checks(data, report, trusted_roots(trust))
    except Exception as exc:  # noqa: BLE001 - any parse failure means "damaged", said plainly
        report.readable = False
        report.problems.append(
            Line(f"the file cannot be read as a signed PDF: {exc}", P + "unreadable", error=exc)
        )
        return report
    report.issued_file = documents_registry.lookup_file(report.file_sha256)
    report.digest = printed_digest(path)
    if report.digest:
        report.registered = documents_registry.lookup(report.digest)
    if report.issued_file:
        return report  # these exact bytes were issued here
    if not report.signatures and detached:
        return report  # the detached signature speaks for these bytes
    if not report.signatures:
        if report.registered and not any(r.file_sha256 for r in report.registered):
            report.unverified.append(
                Line(
                    "the printed digest is registered, but the file was issued before files "
                    "were registered by their bytes, and it is not signed: its bytes cannot be "
                    "checked",
                    P + "issued_before_bytes",
                )
            )
        else:
            report.problems.append(
                Line(
                    "the file is not signed and its bytes are not those of any file issued "
                    "here: it was altered, or not issued here",
                    P + "not_issued_here",
                )
            )
        return report
    if not report.digest:
        report.problems.append(
            Line("no verification digest found in the document's footer", P + "no_digest")
        )
        return report
    if not report.registered:
        report.problems.append(
            Line(
                f"the digest {report.digest[:16]}… is not in this database's register of "
                "issued documents: the document was not issued here, or its contents were "
                "changed",
                P + "digest_not_registered",
                digest=report.digest[:16],
            )
        )
    from kzcommission.services.trust.qrcheck import qr_matches

    report.qr = qr_matches(data, report.digest)
    if report.qr == "mismatch":
        report.problems.append(
            Line("the QR code does not carry the digest printed in the footer", P + "qr_mismatch")
        )
    return report
