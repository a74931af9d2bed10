"""The print dialog's documents (services.papers.paper): what the pack and one case offer, a look
that issues nothing, and the chosen documents written and registered as issued."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzcommission.services.context import Actor, current_actor, set_actor
from kzcommission.services.errors import PermissionDenied, ServiceError
from kzcommission.services.papers import paper
from kzcommission.store import models
from tests.services.test_printing import played_sitting


def issued() -> list[tuple[str, str, int | None]]:
    return [
        (d.kind, d.lang, d.case_id)
        for d in models.IssuedDocument.select().order_by(models.IssuedDocument.id)
    ]


def test_the_pack_lists_its_files_and_a_look_issues_nothing(database, tmp_path: Path):
    sitting_id, case_id = played_sitting()
    pack = paper.sitting_paper(sitting_id)
    kinds = [d.document for d in pack.documents]
    assert kinds == ["minutes", "sheet", "scorecards"]  # one member filled a scorecard
    sheet = pack.documents[1]
    assert (sheet.case_number, sheet.name) == (1, "Жұмабаев Case")
    assert pack.render(sheet.key, "kk+ru").startswith(b"%PDF")
    assert issued() == []  # a preview is not an issue


def test_only_the_chosen_documents_are_written_and_registered(database, tmp_path: Path):
    sitting_id, case_id = played_sitting()
    pack = paper.sitting_paper(sitting_id)
    minutes, sheet, cards = (d.key for d in pack.documents)
    out = tmp_path / "out"
    files = pack.issue([sheet, cards], "ru", out)
    assert [f.name for f in files] == [f"{sheet}_ru.pdf", f"{cards}_ru.pdf"]
    assert sorted(p.name for p in out.iterdir()) == sorted(f.name for f in files)
    assert issued() == [("sheet", "ru", case_id), ("scorecards", "ru", None)]


def test_one_case_offers_its_sheet_and_the_slip_once_decided(database, tmp_path: Path):
    sitting_id, case_id = played_sitting()
    case = paper.case_paper(case_id)
    assert [d.document for d in case.documents] == ["sheet", "familiarisation"]
    slip = case.documents[1].key
    (written,) = case.issue([slip], "kk", tmp_path / "out")
    assert written.name == f"{slip}_kk.pdf"
    assert issued() == [("familiarisation", "kk", case_id)]


def test_bad_choices_and_roles_are_refused_with_nothing_issued(database, tmp_path: Path):
    sitting_id, _case_id = played_sitting()
    pack = paper.sitting_paper(sitting_id)
    out = tmp_path / "out"
    with pytest.raises(ServiceError) as bad_key:
        pack.issue(["sitting-1_case-099_nobody_sheet"], "en", out)
    assert bad_key.value.field == "document"
    with pytest.raises(ServiceError) as bad_lang:
        pack.render(pack.documents[0].key, "de")
    assert bad_lang.value.field == "lang"
    before = current_actor()
    set_actor(Actor(name="viewer", role="viewer"))
    try:
        with pytest.raises(PermissionDenied):
            paper.sitting_paper(sitting_id)
        with pytest.raises(PermissionDenied):
            pack.issue([pack.documents[0].key], "en", out)
    finally:
        set_actor(before)
    assert issued() == [] and not out.exists()
