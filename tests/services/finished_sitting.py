"""The demo sitting played to its end through the services, as a secretary would.

Every voting member attends; each case gets what the law asks of it (scorecards
under Order 880, a recording reference under Decree 490) and a vote shaped to
exercise the rules: unanimity, a split, an exact tie broken by the chair's
casting vote (R-VOTE-3), a 4-4-1 re-vote (R-VOTE-3 Reading), recusal (R-SIT-6),
unexcused and excused absences (R-SIT-3/4/5), a restricted case (R-DEC-5) and
the grade vote (R-DEC-3). ``EXPECTED`` gives, per case number, what the review
must show: the counts of each round and the decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from kzcommission.services.installation.demo import create_demo
from kzcommission.services.preparation import commissions
from kzcommission.services.sitting import cases, recordings, scorecards, sittings, voting


@dataclass(frozen=True)
class Expected:
    rounds: tuple[dict[str, int], ...]  # decision rounds, then grade rounds
    decision: str | None
    casting: bool = False
    recused: int = 0


# Votes per case number: a list of rounds, each a list of options in seat order
# (chair first); "r" recuses that seat. Absent cases have no rounds.
PLAN: dict[int, tuple[tuple[str, ...], ...]] = {
    1: (("fits",) * 9, ("grade:2",) * 9),
    # R-DEC-3: her grade 3 and the grade 2 she applied for (R-ELIG-4), counted per grade.
    2: (
        ("fits",) * 5 + ("unfit",) * 4,
        ("grade:2",) * 5 + ("grade:3",) + ("no_grade",) * 3,
    ),
    3: (  # 4-4: the chair's side wins; then his grade 2 is confirmed
        ("fits",) * 4 + ("r",) + ("recertify",) * 4,
        ("grade:2",) * 4 + ("r",) + ("grade:2",) * 4,
    ),
    4: (
        ("fits",) * 4 + ("recertify",) * 4 + ("unfit",),  # 4-4-1: no majority
        ("recertify",) * 5 + ("fits",) * 4,
    ),
    6: (("fits",) * 9, ("grade:3",) * 9),
    8: (("fits_promote",) * 9,),
    9: (("fits",) * 6 + ("unfit_demote",) * 3,),
    10: (("unfit_transfer",) * 9,),
    12: (("unfit_demote",) * 7 + ("unfit_dismiss",) * 2,),
}
ABSENT = {5: "absent_unexcused", 7: "absent_excused", 11: "absent_unexcused"}

EXPECTED: dict[int, Expected] = {
    1: Expected(({"fits": 9, "recertify": 0, "unfit": 0}, {"grade:2": 9, "no_grade": 0}), "fits"),
    2: Expected(
        ({"fits": 5, "recertify": 0, "unfit": 4}, {"grade:2": 5, "grade:3": 1, "no_grade": 3}),
        "fits",
    ),
    3: Expected(
        ({"fits": 4, "recertify": 4, "unfit": 0}, {"grade:2": 8, "no_grade": 0}),
        "fits",
        casting=True,
        recused=1,
    ),
    4: Expected(
        ({"fits": 4, "recertify": 4, "unfit": 1}, {"fits": 4, "recertify": 5}), "recertify"
    ),
    5: Expected((), "unfit"),  # R-SIT-4
    6: Expected(({"fits": 9, "unfit": 0}, {"grade:3": 9, "no_grade": 0}), "fits"),
    7: Expected((), None),  # R-SIT-3: postponed
    8: Expected(
        (
            {
                "fits_promote": 9,
                "fits": 0,
                "unfit_demote": 0,
                "unfit_transfer": 0,
                "unfit_dismiss": 0,
            },
        ),
        "fits_promote",
    ),
    9: Expected(
        (
            {
                "fits_promote": 0,
                "fits": 6,
                "unfit_demote": 3,
                "unfit_transfer": 0,
                "unfit_dismiss": 0,
            },
        ),
        "fits",
    ),
    10: Expected(
        (
            {
                "fits_promote": 0,
                "fits": 0,
                "unfit_demote": 0,
                "unfit_transfer": 9,
                "unfit_dismiss": 0,
            },
        ),
        "unfit_transfer",
    ),
    11: Expected((), None),  # R-SIT-5: a first unexcused absence moves the case
    12: Expected(
        ({"unfit_demote": 7, "unfit_transfer": 0, "unfit_dismiss": 2},), "unfit_demote"
    ),  # R-DEC-5
}


def vote_case(case_id: int, seats: list[int], rounds: tuple[tuple[str, ...], ...]) -> None:
    """Record the rounds of one case; a grade round follows a positive decision."""
    for votes in rounds:
        for seat, vote in zip(seats, votes, strict=True):
            if vote == "r":
                cases.recuse(case_id, seat, "Close relative of the certified person")
        subject = "grade" if votes[0].startswith("grade:") or votes[0] == "no_grade" else "decision"
        round_id = voting.open_round(case_id, subject).id
        for seat, vote in zip(seats, votes, strict=True):
            if vote != "r":
                voting.cast_ballot(round_id, seat, vote)
        voting.close_round(round_id)


def finish_demo(*, scorecards_for: bool = True, recordings_for: bool = True) -> int:
    """Create the demo and run its sitting to the end; returns the sitting id."""
    sitting_id = create_demo()
    sitting = sittings.get_sitting(sitting_id)
    commission = commissions.get_commission(sitting.commission_id)
    seats = [s.id for s in commission.voting_seats]
    sittings.set_status(sitting_id, "open")
    for seat in seats:
        sittings.mark_attendance(sitting_id, seat, "present")
    for case in cases.list_cases(sitting_id):
        number = case.order + 1
        if number in ABSENT:
            _, outcome = cases.set_appearance(case.id, ABSENT[number], reason="Did not come")
            if outcome is not None and outcome.proposed_decision is not None:
                cases.decide_by_rule(case.id)
            continue
        cases.set_appearance(case.id, "present")
        if case.kind == "extraordinary" and recordings_for:
            recordings.set_recording(
                case.id, media=f"Recorder CAM-1, card 3, file {number:02d}", starts_at=60.0
            )
        plan = PLAN[number]
        if case.kind != "extraordinary" and scorecards_for:
            for seat, vote in zip(seats, plan[0], strict=True):
                if vote != "r":
                    scorecards.save_scorecard(case.id, seat, score="good", decision=vote)
        vote_case(case.id, seats, plan)
    return sitting_id


def finish_on_paper() -> int:
    """The demo finished and finalized as decided on its sitting's day (17.09.2024): the
    votes are cast now, but the follow-up counts its deadlines from the decision."""
    from datetime import datetime

    from kzcommission.services.sitting import finalize
    from kzcommission.store import models

    sitting_id = finish_demo()
    held_on = sittings.get_sitting(sitting_id).held_on
    noon = datetime(held_on.year, held_on.month, held_on.day, 12, 0)
    models.Case.update(decided_at=noon).where(models.Case.decided_at.is_null(False)).execute()
    finalize.finalize_sitting(sitting_id, backup=False)
    return sitting_id
