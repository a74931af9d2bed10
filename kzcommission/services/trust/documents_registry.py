"""The register of issued documents: each printed form's verification digest (R-DOC-*).

`kzcommission verify FILE.pdf` looks the digest printed on a document up here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kzcommission.services.errors import NotFound, ServiceError
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models


@dataclass(frozen=True)
class IssuedView:
    uuid: str
    kind: str
    lang: str
    digest: str
    sitting_id: int | None
    case_id: int | None
    file_name: str
    issued_at: datetime
    file_sha256: str = ""


def _view(d: models.IssuedDocument) -> IssuedView:
    return IssuedView(
        d.uuid,
        d.kind,
        d.lang,
        d.digest,
        d.sitting_id,
        d.case_id,
        d.file_name,
        d.issued_at,
        d.file_sha256,
    )


def _hex64(value: str, field: str) -> str:
    value = value.strip().lower()
    if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
        raise ServiceError(
            f"{field}: a SHA-256 in hex (64 characters) is expected",
            field=field,
            key="sha256_expected",
            params={"field": field},
        )
    return value


@write("documents.print")
def register_issued(
    kind: str,
    lang: str,
    digest: str,
    sitting: int | None = None,
    case: int | None = None,
    file_name: str = "",
    file_sha256: str = "",
) -> IssuedView:
    """Record that a document with this digest was issued (ids of its sitting and case),
    with the SHA-256 of the file's bytes when a file was written."""
    digest = _hex64(digest, "digest")
    file_sha256 = _hex64(file_sha256, "file_sha256") if file_sha256 else ""
    sitting_row = models.Sitting.get_or_none(models.Sitting.id == sitting) if sitting else None
    if sitting and sitting_row is None:
        raise NotFound(
            f"no sitting {sitting}",
            field="sitting",
            key="not_found_sitting",
            params={"id": sitting},
        )
    case_row = models.Case.get_or_none(models.Case.id == case) if case else None
    if case and case_row is None:
        raise NotFound(f"no case {case}", field="case", key="not_found_case", params={"id": case})
    doc = models.IssuedDocument.create(
        kind=kind,
        lang=lang,
        digest=digest,
        sitting=sitting_row,
        case=case_row,
        file_name=file_name,
        file_sha256=file_sha256,
    )
    record_history(
        "document.issue",
        "document",
        doc.uuid,
        sitting=sitting_row.uuid if sitting_row else "",
        after={
            "kind": kind,
            "lang": lang,
            "digest": digest,
            "file": file_name,
            "file_sha256": file_sha256,
        },
    )
    return _view(doc)


@read("records.view")
def lookup(digest: str) -> list[IssuedView]:
    """Every issue of a document with this digest, oldest first (empty: never issued here)."""
    query = (
        models.IssuedDocument.select()
        .where(models.IssuedDocument.digest == digest.strip().lower())
        .order_by(models.IssuedDocument.issued_at, models.IssuedDocument.id)
    )
    return [_view(d) for d in query]


@read("records.view")
def lookup_file(file_sha256: str) -> list[IssuedView]:
    """Every issue of a file with exactly these bytes (empty: not a file issued here)."""
    query = (
        models.IssuedDocument.select()
        .where(models.IssuedDocument.file_sha256 == file_sha256.strip().lower())
        .order_by(models.IssuedDocument.issued_at, models.IssuedDocument.id)
    )
    return [_view(d) for d in query]
