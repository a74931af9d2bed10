"""Counting an open vote by name (R-VOTE-1 to R-VOTE-4).

``tally`` is a stable public API: the store, the GUI, the exchange import and
the acceptance suite all count with it, so a recorded decision can always be
recomputed from its ballots.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from kzcommission.domain.errors import BallotError, RuleError, option_term
from kzcommission.domain.seats import SeatId, check_seat_ids, seat_text

TIE_CHAIR = "chair"  # R-VOTE-3: on an exact half/half split the chair's option wins
TIE_EMPLOYEE = "employee"  # a tie goes to the option most favourable to the employee
TIE_POLICIES: tuple[str, ...] = (TIE_CHAIR, TIE_EMPLOYEE)


@dataclass(frozen=True)
class Tally:
    """The result of one voting round.

    ``counts`` lists every offered option, in the offered order. ``runoff`` is
    empty when an option is adopted; otherwise it holds the options of the next
    round (R-VOTE-3).
    """

    adopted: str | None
    counts: dict[str, int]
    casting_vote_used: bool = False
    runoff: tuple[str, ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _validate(
    ballots: Mapping[SeatId, str],
    voters: Collection[SeatId],
    options: Sequence[str],
    tie_policy: str,
) -> None:
    if tie_policy not in TIE_POLICIES:
        raise RuleError(
            f"unknown tie policy {tie_policy!r}",
            rule_id="R-VOTE-3",
            field="tie_policy",
            key="vote_unknown_tie_policy",
            params={"policy": tie_policy},
        )
    if not options:
        raise RuleError(
            "a vote needs at least one option",
            rule_id="R-VOTE-1",
            field="options",
            key="vote_no_option",
        )
    if len(set(options)) != len(options):
        raise RuleError(
            "options must be distinct",
            rule_id="R-VOTE-1",
            field="options",
            key="vote_options_repeat",
        )
    if not voters:
        raise RuleError(
            "a vote needs at least one voter",
            rule_id="R-VOTE-2",
            field="voters",
            key="vote_no_voter",
        )
    voter_set = set(voters)
    offered = set(options)
    for voter, option in ballots.items():
        if voter not in voter_set:
            raise BallotError(
                f"{seat_text(voter)} is not a voter on this case "
                "(absent, recused or the secretary)",
                voter=voter,
                rule_id="R-VOTE-2",
                key="vote_not_a_voter",
                params={"voter": voter},
            )
        if option not in offered:
            raise BallotError(
                f"{seat_text(voter)} voted for {option!r}, which is not offered "
                f"(offered: {', '.join(options)})",
                voter=voter,
                key="vote_option_not_offered",
                params={
                    "voter": voter,
                    "option_key": option_term(option),
                    "offered_keys": [option_term(o) for o in options],
                },
            )
    missing = [v for v in voters if v not in ballots]
    if missing:
        raise BallotError(
            f"no ballot from {', '.join(map(seat_text, missing))}",
            voter=missing[0],
            key="vote_ballot_missing",
            params={"voters": ", ".join(map(str, missing))},
        )


def runoff_options(counts: Mapping[str, int], options: Sequence[str]) -> tuple[str, ...]:
    """Options for the next round when nothing was adopted (R-VOTE-3 Reading).

    The fewest top options that number at least two, with every option tied at
    the cut: 3-3-1 gives the two 3s, 3-2-2 gives all three. Kept in offered order.
    """
    levels = sorted({counts[o] for o in options}, reverse=True)
    chosen: set[str] = set()
    for level in levels:
        chosen.update(o for o in options if counts[o] == level)
        if len(chosen) >= 2:
            break
    return tuple(o for o in options if o in chosen)


def is_exact_split(counts: Mapping[str, int], voters: int) -> bool:
    """R-VOTE-3 Reading: the votes split half and half between exactly two options."""
    top = max(counts.values(), default=0)
    return 2 * top == voters > 0 and sum(1 for c in counts.values() if c == top) == 2


def tally(
    ballots: Mapping[SeatId, str],
    *,
    voters: Collection[SeatId],
    chair: SeatId | None,
    options: Sequence[str],
    tie_policy: str = TIE_CHAIR,
) -> Tally:
    """Count one round of an open vote.

    R-VOTE-2: adopted is the option with more than half of the voters (members
    present, minus the recused; never the secretary). R-VOTE-3: on an exact
    half/half split between two options the tie policy decides (the chair's
    option, or the one listed first, i.e. most favourable to the employee);
    any other result without a majority adopts nothing and names the runoff.
    R-VOTE-4: ``chair`` is whoever presides (``sitting.presiding_seat``), who
    holds the casting vote; under the chair policy an exact split with ``chair``
    None or not voting is refused (RuleError R-VOTE-4), never turned into a
    re-vote of the same two options.
    """
    check_seat_ids([*ballots, *voters, *([] if chair is None else [chair])])
    _validate(ballots, voters, options, tie_policy)
    counts = {option: 0 for option in options}
    for option in ballots.values():
        counts[option] += 1
    voter_count = len(voters)
    top = max(counts.values())
    leaders = [o for o in options if counts[o] == top]

    if 2 * top > voter_count:
        return Tally(adopted=leaders[0], counts=counts)

    if is_exact_split(counts, voter_count):
        if tie_policy == TIE_EMPLOYEE:
            return Tally(adopted=leaders[0], counts=counts)
        chair_option = None if chair is None else ballots.get(chair)
        if chair_option not in leaders:  # R-VOTE-4: nobody presides, so nobody casts
            raise RuleError(
                "the votes are split half and half and nobody presiding voted: "
                "name the member presiding over this case before counting",
                rule_id="R-VOTE-4",
                field="presiding",
                key="vote_tie_nobody_presiding",
            )
        return Tally(adopted=chair_option, counts=counts, casting_vote_used=True)

    return Tally(adopted=None, counts=counts, runoff=runoff_options(counts, options))
