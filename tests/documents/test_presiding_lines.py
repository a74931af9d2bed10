"""R-VOTE-4 on paper: each sheet's chair line is who presided over THAT case, never a
sitting-wide stand-in nor the chair who did not preside; the minutes name him per case."""

from __future__ import annotations

import dataclasses

from kzcommission.documents.minutes import MinutesRenderer
from kzcommission.documents.sheet_extraordinary import ExtraordinarySheetRenderer
from kzcommission.documents.sheet_regular import RegularSheetRenderer
from kzcommission.domain.kinds import Kind, Role
from kzcommission.i18n import tr
from tests.documents.conftest import flat, pdf_text

STAND_IN = "Presidingova Zhanna"


def with_presiding(sitting, kind: Kind):  # noqa: ANN001, ANN201
    """The sample sitting with one case of ``kind`` presided over by a member, the chair
    recused on it; every other case presided over by the chair."""
    case = next(c for c in sitting.cases if c.kind == kind)
    changed = dataclasses.replace(case, presiding=STAND_IN)
    cases = tuple(changed if c is case else c for c in sitting.cases)
    return dataclasses.replace(sitting, cases=cases), changed


def test_each_sheet_names_who_presided_over_its_case(sitting, tmp_path):
    chair = sitting.with_role(Role.CHAIR)[0].sitter
    for kind, renderer in (
        (Kind.REGULAR, RegularSheetRenderer),
        (Kind.EXTRAORDINARY, ExtraordinarySheetRenderer),
    ):
        changed_sitting, case = with_presiding(sitting, kind)
        text = flat(pdf_text(renderer("ru").render((changed_sitting, case)), tmp_path))
        assert flat(STAND_IN) in text and flat(chair) not in text, kind
        other = next(c for c in changed_sitting.cases if c is not case)
        text = flat(pdf_text(renderer("ru").render((changed_sitting, other)), tmp_path))
        assert flat(chair) in text and flat(STAND_IN) not in text, kind


def test_the_minutes_name_who_presided_per_case(sitting, tmp_path):
    changed_sitting, _ = with_presiding(sitting, Kind.EXTRAORDINARY)
    text = flat(pdf_text(MinutesRenderer("en").render(changed_sitting), tmp_path))
    label = flat(tr("doc.minutes.presiding", "en"))
    assert text.count(label) == len(sitting.cases)
    assert text.count(label + ":" + flat(STAND_IN)) == 1
