"""R-DOC-7: the head's decision follows the commission's, and a printed one changes
only with a reason."""

from __future__ import annotations

from datetime import date

import pytest

from kzcommission.domain.errors import RuleError
from kzcommission.domain.head_decision import check_change, check_head_decision

DECIDED = date(2024, 9, 17)


def test_head_decision_after_the_commission_with_an_order_or_a_text():
    check_head_decision(DECIDED, DECIDED, "15-к", "")
    check_head_decision(DECIDED, date(2024, 10, 1), "", "Approved")
    with pytest.raises(RuleError) as early:
        check_head_decision(DECIDED, date(2024, 9, 16), "15-к", "")
    assert (early.value.rule_id, early.value.field) == ("R-DOC-7", "decided_on")
    with pytest.raises(RuleError) as blank:
        check_head_decision(DECIDED, DECIDED, " ", "")
    assert (blank.value.rule_id, blank.value.field) == ("R-DOC-7", "order_number")


def test_a_printed_decision_changes_only_with_a_reason():
    check_change(False, "")
    check_change(True, "Typing error in the order number")
    with pytest.raises(RuleError) as refused:
        check_change(True, "  ")
    assert (refused.value.rule_id, refused.value.field) == ("R-DOC-7", "reason")
