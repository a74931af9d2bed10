"""Rule sets: each regulation's numbers and options as data, with its edition.

A case is decided under the rule set in force for its kind on the sitting date
(``ruleset_for``). Adding a regulation, or a new edition, is adding a value
here; nothing in the store or the GUI knows the law's numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kzcommission.domain import kinds
from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Kind
from kzcommission.domain.voting import TIE_CHAIR, TIE_POLICIES


@dataclass(frozen=True)
class RuleSet:
    """One regulation in one edition, for the kinds of certification it governs."""

    code: str
    title: str
    edition: str
    valid_from: date
    valid_to: date | None
    kinds: tuple[str, ...]
    # Decision options per kind, most to least favourable (R-DEC-1, R-DEC-2, R-DEC-4).
    options: dict[str, tuple[str, ...]]
    # R-DEC-5: options left when the person failed fitness standards or the test.
    restricted_options: tuple[str, ...] | None
    # R-VOTE-3: who wins an exact half/half split.
    tie_policy: str
    # R-SIT-4 / R-SIT-5: decision proposed after this many unexcused absences.
    unexcused_absence_decision: str
    unexcused_absences_for_decision: int
    # R-SIT-2: the interview must be recorded by technical means.
    recording_required: bool
    # R-DEC-3: a positive decision is followed by the qualification-grade vote.
    grade_vote: bool
    # R-DOC-4: each voting member fills a scorecard for each case (Order 880 Appendix 2).
    scorecards_required: bool
    source: str
    # The rule that bounds the sittings this edition may govern (R-ELIG-7), if any.
    window_rule_id: str = ""

    def __post_init__(self) -> None:
        if self.tie_policy not in TIE_POLICIES:
            raise ValueError(f"{self.code}: unknown tie policy {self.tie_policy!r}")

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def decision_options(self, kind: str, *, restricted: bool = False) -> tuple[str, ...]:
        """Options offered for a case of ``kind`` (R-DEC-1/2/4; R-DEC-5 when restricted)."""
        if kind not in self.kinds:
            raise RuleError(
                f"{self.code} does not govern {kind!r} certification",
                field="kind",
                key="ruleset_kind_not_governed",
                params={"ruleset_key": f"ruleset.{self.code}", "kind_key": f"kind.{kind}"},
            )
        if restricted:
            if self.restricted_options is None:
                raise RuleError(
                    f"{self.code} has no restricted decisions",
                    rule_id="R-DEC-5",
                    field="restricted",
                    key="ruleset_no_restricted_decisions",
                    params={"ruleset_key": f"ruleset.{self.code}"},
                )
            return self.restricted_options
        return self.options[kind]

    def grade_vote_follows(self, decision: str) -> bool:
        """R-DEC-3: the grade is voted on only after a positive decision."""
        return self.grade_vote and decision in kinds.POSITIVE_OPTIONS


ORDER_880 = RuleSet(
    code="ORDER_880",
    title="Rules and conditions for certification of internal-affairs civil servants",
    edition="MIA Order No. 880 of 10.10.2019",
    valid_from=date(2019, 10, 10),
    valid_to=None,
    kinds=(Kind.REGULAR.value, Kind.REPEAT.value),
    options={
        Kind.REGULAR.value: kinds.REGULAR_OPTIONS,
        Kind.REPEAT.value: kinds.REPEAT_OPTIONS,
    },
    restricted_options=None,
    # Order 880 is silent on ties; the product applies the chair's casting vote (R-VOTE-3).
    tie_policy=TIE_CHAIR,
    unexcused_absence_decision="unfit",  # R-SIT-4, Order 880 §19
    unexcused_absences_for_decision=1,
    recording_required=False,
    grade_vote=True,
    scorecards_required=True,  # R-DOC-4, Appendix 2
    source="Order 880 §18-§26",
)

DECREE_490 = RuleSet(
    code="DECREE_490",
    title="Rules for extraordinary certification of certain categories of internal-affairs staff",
    edition="Presidential Decree No. 490 of 28.02.2024",
    # R-ELIG-7 Reading: in force for sittings of the campaign of its §1 only. A later
    # extension is another edition in RULESETS, never a change of these dates.
    valid_from=date(2024, 4, 1),
    valid_to=date(2024, 12, 31),
    kinds=(Kind.EXTRAORDINARY.value,),
    options={Kind.EXTRAORDINARY.value: kinds.EXTRAORDINARY_OPTIONS},
    restricted_options=kinds.EXTRAORDINARY_RESTRICTED_OPTIONS,  # R-DEC-5, §18
    tie_policy=TIE_CHAIR,  # R-VOTE-3, §19
    unexcused_absence_decision="unfit_dismiss",  # R-SIT-5, §17
    unexcused_absences_for_decision=2,
    recording_required=True,  # R-SIT-2, §14
    grade_vote=False,
    scorecards_required=False,  # Decree 490 has no member scorecard
    source="Decree 490 §11-§21",
    window_rule_id="R-ELIG-7",
)

RULESETS: tuple[RuleSet, ...] = (ORDER_880, DECREE_490)


def ruleset_by_code(code: str) -> RuleSet:
    for ruleset in RULESETS:
        if ruleset.code == code:
            return ruleset
    raise RuleError(
        f"unknown rule set {code!r}", field="ruleset", key="ruleset_unknown", params={"code": code}
    )


def _window_dates(ruleset: RuleSet) -> str:
    until = ruleset.valid_to.strftime("%d.%m.%Y") if ruleset.valid_to else "…"
    return f"{ruleset.valid_from.strftime('%d.%m.%Y')}-{until}"


def _window_text(ruleset: RuleSet) -> str:
    return f"{ruleset.edition}: {_window_dates(ruleset)}"


def ruleset_for(kind: str, on: date, rulesets: Sequence[RuleSet] | None = None) -> RuleSet:
    """The rule set in force on ``on`` for a case of ``kind``.

    R-ELIG-7 Reading: an edition bounded by a window rule (Decree 490: sittings
    from 01.04.2024 to 31.12.2024) governs no sitting outside its window; the
    refusal names that rule and every window the editions allow.
    """
    editions = [r for r in (RULESETS if rulesets is None else rulesets) if kind in r.kinds]
    candidates = [r for r in editions if r.in_force(on)]
    if not candidates:
        bounded = [r for r in editions if r.window_rule_id]
        windows = "; ".join(_window_text(r) for r in bounded)
        message = f"no rule set governs {kind!r} certification on {on.strftime('%d.%m.%Y')}"
        if not windows:
            raise RuleError(
                message,
                field="kind",
                key="ruleset_none_in_force",
                params={"kind_key": f"kind.{kind}", "on": on.strftime("%d.%m.%Y")},
            )
        raise RuleError(
            message + f" (in force: {windows})",
            rule_id=bounded[0].window_rule_id,
            field="kind",
            key="ruleset_none_in_force_windows",
            params={
                "kind_key": f"kind.{kind}",
                "on": on.strftime("%d.%m.%Y"),
                "windows": "; ".join(_window_dates(r) for r in bounded),
            },
        )
    # A later edition supersedes an earlier one that is still open-ended.
    return max(candidates, key=lambda r: r.valid_from)


def windows_of(
    kind: str, rulesets: Sequence[RuleSet] | None = None
) -> tuple[tuple[date, date | None], ...]:
    """The periods of sittings for which some edition governs ``kind`` (R-ELIG-7)."""
    editions = [r for r in (RULESETS if rulesets is None else rulesets) if kind in r.kinds]
    return tuple(sorted((r.valid_from, r.valid_to) for r in editions))
