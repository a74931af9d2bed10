"""The ballots as a history tells them: its ``ballot.cast`` and ``ballot.retract`` entries
replayed in order. verify-db holds them against the ballots cast here; the exchange
import holds a package's history against the ballots it carries (issue 18)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from kzcommission.domain.seats import SeatId

# (case uuid, subject, round number, seat id as the recording desk numbered it)
BallotKey = tuple[str, str, int, SeatId]
# (case uuid, subject, round number)
RoundKey = tuple[str, str, int]


def replay_ballots(
    entries: Iterable[tuple[str, str, Any, int]],
) -> dict[BallotKey, tuple[str, int]]:
    """(action, case uuid, after, sequence) in history order -> each standing ballot's
    (option, sequence of the entry that cast it). ``after`` is the entry's JSON text or
    its dict; other actions, and entries too damaged to read, are passed over (the chain
    check reports a damaged entry)."""
    state: dict[BallotKey, tuple[str, int]] = {}
    last_subject: dict[tuple[str, int, SeatId], str] = {}
    for action, case_uuid, after, seq in entries:
        if action not in ("ballot.cast", "ballot.retract"):
            continue
        try:
            data = json.loads(after) if isinstance(after, str) else after
            number, seat = int(data["round"]), int(data["seat"])
        except (ValueError, KeyError, TypeError):
            continue
        if action == "ballot.cast":
            subject = str(data.get("subject", "decision"))
            state[(case_uuid, subject, number, seat)] = (str(data.get("option")), seq or 0)
            last_subject[(case_uuid, number, seat)] = subject
        else:
            # A retraction does not name the subject; it undoes the latest cast of that
            # round number and seat (only one round of a case is open at a time).
            subject = last_subject.get((case_uuid, number, seat), "decision")
            state.pop((case_uuid, subject, number, seat), None)
    return state


def options_per_round(ballots: dict[BallotKey, tuple[str, int]]) -> dict[RoundKey, Counter[str]]:
    """How many ballots of each option every round holds, from a replay."""
    rounds: dict[RoundKey, Counter[str]] = {}
    for (case_uuid, subject, number, _seat), (option, _seq) in ballots.items():
        rounds.setdefault((case_uuid, subject, number), Counter())[option] += 1
    return rounds
