"""The follow-up lines of a sitting (issue 21) on both databases: the dashboard's deadline
states (R-DL-6, R-DL-7), the head's decision and its change after printing (R-DOC-7),
the appeal and the re-certification it opens (R-DOC-8, R-ELIG-6), files detached."""

from __future__ import annotations

from datetime import date

import pytest

from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation import campaign
from kzcommission.services.sitting import followup, followup_lines
from kzcommission.services.trust import documents_registry
from kzcommission.store import models
from tests.services.finished_sitting import finish_on_paper


def test_lines_states_and_the_amended_head_decision(database):
    sitting_id = finish_on_paper()
    lines = followup_lines.sitting_lines(sitting_id, date(2024, 10, 30))
    assert [line.number for line in lines] == [1, 2, 3, 4, 5, 6, 8, 9, 10, 12]  # decided only
    first, extraordinary = lines[0], lines[6]
    assert (first.communicate.rule_id, first.communicate.status) == ("R-DL-7", "pending")
    assert (extraordinary.minutes.rule_id, extraordinary.minutes.due) == (
        "R-DL-6",
        date(2024, 9, 20),
    )
    assert extraordinary.minutes.status == "overdue"

    followup.record_head_decision(first.case_id, date(2024, 10, 1), "15-к", "Approved")
    assert not followup.head_decision_printed(first.case_id)
    followup.record_head_decision(first.case_id, date(2024, 10, 2), "15-к", "Approved")  # no print
    documents_registry.register_issued("sheet", "kk", "a" * 64, sitting_id, first.case_id)
    assert followup.head_decision_printed(first.case_id)
    with pytest.raises(ServiceError) as refused:
        followup.record_head_decision(first.case_id, date(2024, 10, 3), "16-к")
    assert (refused.value.rule_id, refused.value.field) == ("R-DOC-7", "reason")
    followup.record_head_decision(first.case_id, date(2024, 10, 3), "16-к", reason="Typo")
    amended = models.HistoryEntry.get(models.HistoryEntry.action == "followup.head_decision.amend")
    assert '"Typo"' in amended.after and '"2024-10-02"' in amended.before
    # Recorded again after the print: the next change needs no reason until printed again.
    assert not followup.head_decision_printed(first.case_id)
    line = followup_lines.sitting_lines(sitting_id, date(2024, 10, 30))[0]
    assert (line.head.order_number, line.head.decided_on) == ("16-к", date(2024, 10, 3))

    appeal = followup.file_appeal(first.case_id, date(2024, 10, 10), "Violated")
    with pytest.raises(ServiceError) as twice:
        followup.file_appeal(first.case_id, date(2024, 10, 11))
    assert twice.value.rule_id == "R-DOC-8"
    followup.decide_appeal(appeal.id, "cancelled", date(2024, 10, 20))
    line = followup_lines.sitting_lines(sitting_id, date(2024, 10, 30))[0]
    assert (line.appeal_state, line.recertify_from) == ("cancelled", date(2024, 12, 17))
    assert not line.recertification_scheduled


def test_files_size_limit_and_detach(database):
    sitting_id = finish_on_paper()
    case_id = followup_lines.sitting_lines(sitting_id, date(2024, 10, 30))[0].case_id
    with pytest.raises(ServiceError) as big:
        campaign.attach_file(case_id, "scan", "big.pdf", b"x" * (campaign.MAX_FILE_BYTES + 1))
    assert big.value.field == "content" and "20 MB" in str(big.value)
    view = campaign.attach_file(case_id, campaign.APPEAL, "appeal.pdf", b"%PDF appeal")
    with pytest.raises(ServiceError) as blank:
        campaign.detach_file(view.id, " ")
    assert blank.value.field == "reason"
    campaign.detach_file(view.id, "Wrong case")
    assert campaign.list_files(case_id) == []
