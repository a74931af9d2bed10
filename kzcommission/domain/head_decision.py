"""The head's decision on the commission's decision (R-DOC-7; Order 880 §28).

The head approves by an order, on or after the day the commission decided; the
approved decision goes into the service record and prints on the certification
sheet. Once a sheet carrying it was printed, changing it is an amendment-like act:
it needs a reason, kept in the history with the values before and after.
"""

from __future__ import annotations

from datetime import date

from kzcommission.domain.errors import RuleError


def check_head_decision(commission_decided: date, decided_on: date, order: str, text: str) -> None:
    """R-DOC-7: an order taken after the decision, known by its number or its text."""
    if decided_on < commission_decided:
        raise RuleError(
            "before the commission's decision",
            rule_id="R-DOC-7",
            field="decided_on",
            key="head_before_commission",
            params={
                "decided_on": decided_on.strftime("%d.%m.%Y"),
                "commission_decided": commission_decided.strftime("%d.%m.%Y"),
            },
        )
    if not (order.strip() or text.strip()):
        raise RuleError(
            "give the order number or the text of the decision",
            rule_id="R-DOC-7",
            field="order_number",
            key="head_order_or_text",
        )


def check_change(printed: bool, reason: str) -> None:
    """R-DOC-7: a decision already on a printed sheet changes only with a reason."""
    if printed and not reason.strip():
        raise RuleError(
            "the sheet with this decision was printed; say why it changes",
            rule_id="R-DOC-7",
            field="reason",
            key="head_printed_reason",
        )
