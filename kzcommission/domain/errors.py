"""Errors raised by the rules: each names the rule it enforces and what was wrong."""

from __future__ import annotations

from collections.abc import Mapping

from kzcommission.domain.seats import SeatId


class RuleError(ValueError):
    """A fact that the law (or the product's reading of it) does not allow.

    ``rule_id`` is the RULEBOOK id; ``field`` names the offending input where
    there is one, so the caller can point the user at it. ``key`` names the reason's
    text in the refusal catalogue (``refusal.<key>`` in every language) and ``params``
    fill its placeholders, so a screen says the reason in the user's language while
    ``message`` (English) serves logs and scripts. A parameter whose name ends in
    ``_key`` holds a catalogue key itself and is shown translated without the suffix.
    """

    def __init__(
        self,
        message: str,
        *,
        rule_id: str | None = None,
        field: str | None = None,
        key: str | None = None,
        params: Mapping[str, object] | None = None,
    ):
        self.rule_id = rule_id
        self.field = field
        self.key = key
        self.params = dict(params or {})
        prefix = f"[{rule_id}] " if rule_id else ""
        super().__init__(prefix + message)


class BallotError(RuleError):
    """A ballot that cannot be counted: unknown voter, option not offered, missing ballot."""

    def __init__(
        self,
        message: str,
        *,
        voter: SeatId,
        rule_id: str = "R-VOTE-1",
        key: str | None = None,
        params: Mapping[str, object] | None = None,
    ):
        self.voter = voter
        field = str(voter)  # a name for the offending input, not an id
        super().__init__(message, rule_id=rule_id, field=field, key=key, params=params)


def option_term(option: str) -> tuple[str, dict[str, str]]:
    """A vote option as the refusal catalogue's term: ``grade:2`` is the grade option
    with its grade, every other option its own word (``option.<name>``)."""
    if option.startswith("grade:"):
        return "option.grade", {"grade": option.partition(":")[2]}
    return f"option.{option}", {}
