"""Reads of confidential results (R-CAL-4): votes, tallies and scorecards.

Each read checks "results.view" first, so a viewer account sees the sittings and
cases but not how anyone voted or scored. Screens that show results call these.
"""

from __future__ import annotations

from kzcommission.services import scorecards as _scorecards
from kzcommission.services import voting as _voting
from kzcommission.services.unit import read


@read("results.view")
def scorecards(case_id: int) -> dict[int, _scorecards.ScorecardView]:
    return _scorecards.scorecards_of(case_id)


@read("results.view")
def rounds(case_id: int) -> list[_voting.RoundView]:
    return _voting.rounds_of(case_id)


@read("results.view")
def tally(round_id: int) -> _voting.RoundView:
    return _voting.live_tally(round_id)
