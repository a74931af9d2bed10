"""Detached CMS signatures of the printed PDFs, made with an NCA RK key through NCALayer.

Signing (:func:`sign_files`): one NCALayer request per file, over the file's exact
bytes; every answer is checked against those bytes before anything is kept, and
the ``.cms`` files are written only when every file of the batch was signed (each
under a temporary name, then renamed), so a cancel or a failure leaves nothing
half-signed. Each kept signature is a history entry naming the file's SHA-256.

Checking (:func:`verify_detached`): whether the CMS covers the PDF's bytes, who
signed (name and IIN from the certificate's subject), whether the certificate was
valid at the signing time, and whether it chains to a trusted root (the NCA RK
certificates an administrator keeps in ``resources/nca/`` or the data folder's
``trusted-certificates``). Three outcomes, as for PDFs (services.trust.signing): intact
(0), altered (1), not verified (2). NCA RK's signing keys are GOST (34.310-2004 /
34.10-2015); no kept Python library computes those hashes or verifies those
signatures, so a GOST signature is reported as not verified, saying so plainly,
never as valid. RSA signatures are verified in full (pyHanko).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kzcommission.i18n import Line, say_line, tr
from kzcommission.resources import resource_path
from kzcommission.services.errors import ServiceError
from kzcommission.services.trust import ncalayer
from kzcommission.services.trust.signing import (
    ALTERED,
    INTACT,
    UNVERIFIED,
    P,
    VerifyReport,
    _der,
    _quietly,
    trusted_roots,
    verify_pdf,
)
from kzcommission.services.unit import read

# Kazakh (1.2.398.3.10...) and Russian (1.2.643...) GOST algorithm arcs.
GOST_ARCS = ("1.2.398.3.10.", "1.2.643.")
HASHES = {"sha1", "sha224", "sha256", "sha384", "sha512"}
NCA_FOLDER = ("nca",)
MAX_CMS_BYTES = 1024 * 1024


class SigningCancelled(ServiceError):
    """The secretary cancelled the batch; no signature was kept."""


class SignatureRejected(ncalayer.NcaLayerRefused):
    """NCALayer returned a signature that does not hold over the file (BAD_SIGNATURE)."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("BAD_SIGNATURE", "; ".join(reasons))

    def detail_in(self, lang: str) -> str:
        """The refusal in the user's language, each finding of the check too."""
        reasons = "; ".join(say_line(reason, lang) for reason in self.reasons)
        return tr("refusal.cms_signature_rejected", lang, reasons=reasons)


@dataclass
class CmsCheck:
    pdf: Path
    cms: Path
    signer: str = ""
    iin: str = ""
    signed_at: datetime | None = None
    algorithm: str = ""
    covers_file: bool | None = None  # None: could not be computed (GOST)
    cert_valid: bool | None = None  # the signer's certificate at the signing time
    signature_checked: bool = False
    problems: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        if self.problems:
            return ALTERED
        return UNVERIFIED if self.unverified else INTACT

    @property
    def exit_code(self) -> int:
        return {INTACT: 0, ALTERED: 1, UNVERIFIED: 2}[self.outcome]


def nca_roots() -> list[Path]:
    """The NCA RK root and intermediate certificates kept beside the program."""
    folder = resource_path(*NCA_FOLDER)
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix.lower() in (".pem", ".crt", ".cer", ".der")
    )


def _is_gost(oid: str) -> bool:
    return oid.startswith(GOST_ARCS)


def _subject(cert) -> tuple[str, str]:  # noqa: ANN001 - asn1crypto x509.Certificate
    """(name, IIN) from an NCA certificate's subject: CN and SERIALNUMBER "IIN..."."""
    native = cert.subject.native
    serial = str(native.get("serial_number", ""))
    iin = serial[3:] if serial.upper().startswith("IIN") else ""
    return str(native.get("common_name", "")), iin


def _signer_cert(sid, certs: list):  # noqa: ANN001, ANN202 - asn1crypto structures
    """The certificate the signer info names (by issuer and serial, or key identifier)."""
    for cert in certs:
        if sid.name == "issuer_and_serial_number":
            chosen = sid.chosen
            if (
                cert.serial_number == chosen["serial_number"].native
                and cert.issuer == chosen["issuer"]
            ):
                return cert
        elif cert.key_identifier == sid.chosen.native:
            return cert
    return None


def _signed_attr(signer_info, name: str):  # noqa: ANN001, ANN202 - asn1crypto structures
    for attr in signer_info["signed_attrs"]:
        if attr["type"].native == name:
            return attr["values"][0].native
    return None


def check_bytes(data: bytes, cms_der: bytes, check: CmsCheck, trust: list[Path]) -> CmsCheck:
    """Fill ``check`` for a detached CMS over ``data``."""
    from asn1crypto import cms, x509

    try:
        info = cms.ContentInfo.load(cms_der)
        if info["content_type"].native != "signed_data":
            raise ValueError("not signed data")
        signed = info["content"]
        signer_info = signed["signer_infos"][0]
        digest_oid = signer_info["digest_algorithm"]["algorithm"].dotted
        signature_oid = signer_info["signature_algorithm"]["algorithm"].dotted
        certs = [c.chosen for c in signed["certificates"] if isinstance(c.chosen, x509.Certificate)]
    except (ValueError, TypeError, KeyError, IndexError):
        check.problems.append(
            Line(f"{check.cms.name} is not a CMS signature", P + "not_cms", name=check.cms.name)
        )
        return check
    if signed["encap_content_info"]["content"].native is not None:
        check.unverified.append(
            Line("the signature carries its own copy of the data (attached)", P + "attached")
        )
    cert = _signer_cert(signer_info["sid"], certs)
    if cert is not None:
        check.signer, check.iin = _subject(cert)
    signing_time = _signed_attr(signer_info, "signing_time")
    check.signed_at = signing_time
    check.algorithm = signature_oid
    if cert is not None:
        moment = signing_time or datetime.now(UTC)
        check.cert_valid = cert.not_valid_before <= moment <= cert.not_valid_after
        if not check.cert_valid:
            start, end = f"{cert.not_valid_before:%d.%m.%Y}", f"{cert.not_valid_after:%d.%m.%Y}"
            check.unverified.append(
                Line(
                    f"the signer's certificate was not valid at the signing time ({start} - {end})",
                    P + "certificate_not_valid",
                    start=start,
                    end=end,
                )
            )
    if _is_gost(digest_oid) or _is_gost(signature_oid):
        check.unverified.append(
            Line(
                f"GOST signature ({signature_oid}): the message digest and the signature value "
                "were not checked here (no kept Python library computes GOST 34.311/34.11 or "
                "verifies GOST 34.310/34.10); check it with NCALayer or ezSigner",
                P + "gost",
                algorithm=signature_oid,
            )
        )
        return check
    digest_name = signer_info["digest_algorithm"]["algorithm"].native
    expected = _signed_attr(signer_info, "message_digest")
    if digest_name not in HASHES or expected is None:
        check.unverified.append(
            Line(f"unknown digest algorithm {digest_oid}", P + "unknown_digest", oid=digest_oid)
        )
        return check
    check.covers_file = hashlib.new(digest_name, data).digest() == expected
    if not check.covers_file:
        check.problems.append(
            Line(
                f"the signature does not cover the bytes of {check.pdf.name}",
                P + "not_covering",
                name=check.pdf.name,
            )
        )
        return check
    _validate(data, signed, check, trust)
    return check


def _validate(data: bytes, signed, check: CmsCheck, trust: list[Path]) -> None:  # noqa: ANN001
    from asn1crypto import x509
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    roots = [x509.Certificate.load(_der(p.read_bytes())) for p in trust]
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, moment=check.signed_at, best_signature_time=None
    )
    status = _quietly(asyncio.run, async_validate_detached_cms(data, signed, context))
    check.signature_checked = True
    if not (status.intact and status.valid):
        check.problems.append(
            Line("the signature value does not match the certificate", P + "value_mismatch")
        )
    elif not status.trusted:
        check.unverified.append(
            Line(
                "the certificate does not chain to a trusted root (keep the NCA RK root and "
                "intermediate certificates in resources/nca or the trusted-certificates folder)",
                P + "certificate_untrusted",
            )
        )


def cms_path(pdf: Path) -> Path:
    return pdf.with_name(pdf.name + ".cms")


def verify_detached(
    pdf: Path, cms: Path | None = None, trust: list[Path] | None = None
) -> CmsCheck:
    cms = cms or cms_path(pdf)
    check = CmsCheck(pdf, cms)
    try:
        data = pdf.read_bytes()
        if cms.stat().st_size > MAX_CMS_BYTES:
            check.problems.append(
                Line(f"{cms.name} is too large for a signature", P + "too_large", name=cms.name)
            )
            return check
        blob = cms.read_bytes()
    except OSError as exc:
        check.unverified.append(
            Line(
                f"cannot read {exc.filename}: {exc.strerror}",
                P + "cannot_read",
                file=Path(str(exc.filename)).name,
                error=exc.strerror,
            )
        )
        return check
    return check_bytes(data, _der(blob), check, [*nca_roots(), *trusted_roots(trust)])


@dataclass
class DocumentCheck:
    """A PDF and, when one lies beside it, its detached signature: one verdict for both."""

    report: VerifyReport
    detached: CmsCheck | None

    @property
    def outcome(self) -> str:
        """Altered if either says so; intact if either vouches for the file; else not verified."""
        outcomes = {self.report.outcome}
        if self.detached is not None:
            outcomes.add(self.detached.outcome)
        if ALTERED in outcomes:
            return ALTERED
        return INTACT if INTACT in outcomes else UNVERIFIED

    @property
    def exit_code(self) -> int:
        return {INTACT: 0, ALTERED: 1, UNVERIFIED: 2}[self.outcome]


@read("records.view")  # the register of documents issued here
def verify_document(
    pdf: Path, cms: Path | None = None, trust: list[Path] | None = None
) -> DocumentCheck:
    """``verify FILE.pdf``: the PDF's own checks and its FILE.pdf.cms (or ``cms``) if any."""
    path = cms or cms_path(pdf)
    detached = verify_detached(pdf, path, trust) if path.exists() else None
    return DocumentCheck(verify_pdf(pdf, trust=trust, detached=detached is not None), detached)


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@read("documents.sign")
def sign_files(
    files: list[Path],
    locale: str,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """Sign each PDF through NCALayer; keep every ``.cms`` only when all were signed."""
    from kzcommission.services.unit import record_history
    from kzcommission.store import models

    signatures: list[tuple[Path, bytes, CmsCheck]] = []
    with ncalayer.session() as session:
        for index, pdf in enumerate(files):
            if cancelled is not None and cancelled():
                raise SigningCancelled(
                    "signing cancelled; no signature was kept",
                    field="ncalayer",
                    key="signing_cancelled",
                )
            if progress is not None:
                progress(index, len(files))
            data = pdf.read_bytes()
            der = session.sign(data, locale)
            check = check_bytes(data, der, CmsCheck(pdf, cms_path(pdf)), [])
            if check.problems or check.cert_valid is False:
                reasons = check.problems + check.unverified[:1]
                raise SignatureRejected(reasons)
            signatures.append((pdf, der, check))
    for pdf, der, _check in signatures:
        _write_atomically(cms_path(pdf), der)
    with models.database.atomic():
        for pdf, der, check in signatures:
            record_history(
                "document.sign_cms",
                "document",
                pdf.name,
                after={
                    "file_sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
                    "cms_sha256": hashlib.sha256(der).hexdigest(),
                    "signer": check.signer,
                    "iin": check.iin,
                    "algorithm": check.algorithm,
                },
            )
    if progress is not None:
        progress(len(files), len(files))
    return [cms_path(pdf) for pdf, _der_bytes, _check in signatures]
