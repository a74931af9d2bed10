"""The print dialog's documents: what a sitting's pack (or one case) holds, one of them
rendered for a look, the chosen ones written and registered as issued.

A look (``Paper.render``) is not an issue: nothing is registered until the user
saves or prints, and then through the same services as the CLI
(``printing.print_pack``, ``case_documents.print_case_document``), so a paper
sent to the printer can be verified like a saved file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kzcommission.documents.data import SittingDoc
from kzcommission.services import permissions
from kzcommission.services.errors import ServiceError
from kzcommission.services.papers import case_documents, printing
from kzcommission.services.unit import read


@dataclass(frozen=True)
class PackDocument:
    """One file of the pack: ``key`` is its file stem, unique in the sitting."""

    key: str
    document: str  # minutes, sheet, xsheet, scorecards, addendum, or one of case_documents
    case_number: int | None = None
    name: str = ""  # the person (a case's papers) or the member (his scorecards)


@dataclass
class Paper:
    """The documents offered in the print dialog, loaded once when it opens."""

    sitting_id: int
    sitting: SittingDoc
    documents: tuple[PackDocument, ...]
    case_id: int | None = None  # one case's papers rather than the whole pack
    # key -> (case paper, case id): one case's papers, and the extracts of a whole pack
    _case_keys: dict[str, tuple[str, int]] = field(default_factory=dict)

    def document(self, key: str) -> PackDocument:
        for item in self.documents:
            if item.key == key:
                return item
        raise ServiceError(
            f"the pack has no document {key!r}",
            field="document",
            key="pack_no_document",
            params={"document": key},
        )

    def render(self, key: str, lang: str) -> bytes:
        """The PDF of one document, for a look: not written, not registered."""
        from kzcommission.documents.pack import pack_jobs, render_job

        permissions.require("documents.print")
        _check_language(lang)
        item = self.document(key)
        if item.key in self._case_keys:
            paper, case_id = self._case_keys[key]
            return case_documents.render_case_document(paper, case_id, lang)[0]
        if item.document == "addendum":
            from kzcommission.documents.addendum import render_addendum
            from kzcommission.services.sitting.amendments import addendum_data

            return render_addendum(addendum_data(self.sitting_id), lang)
        for stem, doc, payload in pack_jobs(self.sitting):
            if stem == key:
                return render_job(doc, payload, lang)
        raise ServiceError(
            f"the pack has no document {key!r}",
            field="document",
            key="pack_no_document",
            params={"document": key},
        )

    def issue(
        self,
        keys: list[str],
        lang: str,
        out_dir: Path,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Path]:
        """Write the chosen documents as PDF files in ``out_dir`` and register each as issued;
        the files in the order of the dialog's list."""
        permissions.require("documents.print")
        _check_language(lang)
        for key in keys:
            self.document(key)  # refuses a key the dialog never offered
        pack_keys = [k for k in keys if k not in self._case_keys]
        files: list[Path] = []
        if pack_keys:
            files += printing.print_pack(
                self.sitting_id, lang, out_dir, progress, cancelled, only=set(pack_keys)
            )
        for key in keys:
            if key in self._case_keys and not (cancelled and cancelled()):
                paper, case_id = self._case_keys[key]
                files.append(case_documents.print_case_document(paper, case_id, lang, out_dir))
        return files


def _check_language(lang: str) -> None:
    if lang not in printing.LANGUAGES:
        raise ServiceError(
            f"language must be one of {', '.join(printing.LANGUAGES)}",
            field="lang",
            key="language_not_offered",
            params={"languages": ", ".join(printing.LANGUAGES)},
        )


def _pack_documents(sitting: SittingDoc, sitting_id: int) -> list[PackDocument]:
    from kzcommission.documents.pack import pack_jobs, pack_prefix
    from kzcommission.services.sitting.amendments import addendum_data

    items = []
    for stem, doc, payload in pack_jobs(sitting):
        if doc in ("sheet", "xsheet"):
            case = payload[1]
            items.append(PackDocument(stem, doc, case.number, case.person_name))
        elif doc == "scorecards":
            items.append(PackDocument(stem, doc, None, payload[0][2].member))
        else:
            items.append(PackDocument(stem, doc))
    if addendum_data(sitting_id).printable:
        items.append(PackDocument(printing.addendum_stem(pack_prefix(sitting)), "addendum"))
    return items


@read("documents.print")
def sitting_paper(sitting_id: int) -> Paper:
    """The whole pack of a sitting: minutes, sheets, each member's scorecards, the addendum;
    once finalized, each decided case's personal-file extract (R-DOC-7) after them."""
    sitting = printing.sitting_document(sitting_id)
    items = _pack_documents(sitting, sitting_id)
    extracts = case_documents.sitting_summaries(sitting_id)
    items += [
        PackDocument(key, "summary", case.number, case.person_name)
        for key, case in extracts.items()
    ]
    keys = {key: ("summary", case.case_id) for key, case in extracts.items()}
    return Paper(sitting_id, sitting, tuple(items), _case_keys=keys)


@read("documents.print")
def case_paper(case_id: int) -> Paper:
    """One case's papers: its certification sheet (none for a postponed case), then the
    characteristic and the familiarisation slip where the case has them."""
    case = case_documents.papers_of(case_id)
    sitting = printing.sitting_document(case.sitting_id)
    items = [
        item
        for item in _pack_documents(sitting, case.sitting_id)
        if item.document in ("sheet", "xsheet") and item.case_number == case.number
    ]
    items += [
        PackDocument(key, paper, case.number, case.person_name)
        for key, paper in case.papers.items()
    ]
    keys = {key: (paper, case_id) for key, paper in case.papers.items()}
    return Paper(case.sitting_id, sitting, tuple(items), case_id, keys)
