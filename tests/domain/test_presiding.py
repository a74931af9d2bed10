"""R-VOTE-4 Reading: who presides is a fact of each case and round, table by table."""

from __future__ import annotations

import pytest

from kzcommission.domain.errors import RuleError
from kzcommission.domain.recount import RoundRecord, recount_case
from kzcommission.domain.rulesets import ORDER_880
from kzcommission.domain.sitting import case_voters, check_naming, presiding_seat
from kzcommission.domain.voting import TIE_CHAIR, TIE_EMPLOYEE, tally
from tests.domain.test_recount import record

CHAIR, SECRETARY = 100, 99  # seat ids are ints (issue 20): member mN is seat N
PRESENT = (CHAIR, 1, 2, 3, 4, 5, 6, 7, 8)


@pytest.mark.parametrize(
    ("why", "present", "recused", "named", "presides"),
    [
        ("the chair votes: he presides", PRESENT, (), None, CHAIR),
        ("the chair votes: a naming does not displace him", PRESENT, (), 3, CHAIR),
        ("the chair recused, m3 named", PRESENT, (CHAIR,), 3, 3),
        ("the chair absent, m5 named", PRESENT[1:], (), 5, 5),
        ("the chair recused, nobody named", PRESENT, (CHAIR,), None, None),
        ("the chair absent, nobody named", PRESENT[1:], (), None, None),
    ],
)
def test_who_presides_over_a_case(why, present, recused, named, presides):
    """R-VOTE-4: the chair when he votes on the case, else the member named for it."""
    voters = case_voters(present, set(recused))
    assert presiding_seat(CHAIR, voters, named) == presides, why


@pytest.mark.parametrize(
    ("why", "present", "recused", "named"),
    [
        ("the named member is recused on this case", PRESENT, (CHAIR, 3), 3),
        ("the named member is absent", PRESENT[:-1], (CHAIR,), 8),
        ("the secretary never votes", PRESENT, (CHAIR,), SECRETARY),
    ],
)
def test_the_member_named_must_vote_on_the_case(why, present, recused, named):
    """R-VOTE-4: the presiding member is himself a voter on the case."""
    with pytest.raises(RuleError) as err:
        presiding_seat(CHAIR, case_voters(present, set(recused)), named)
    assert err.value.rule_id == "R-VOTE-4", why


def split(voters, first="fits", second="unfit"):
    half = len(voters) // 2
    return {v: (first if i < half else second) for i, v in enumerate(voters)}


@pytest.mark.parametrize(
    ("why", "voters", "chair", "adopted"),
    [
        ("4-4, the chair presides and voted fits", PRESENT[:8], CHAIR, "fits"),
        ("4-4, m5 presides and voted unfit", PRESENT[1:], 5, "unfit"),
        ("3-3, m1 presides and voted fits", PRESENT[1:7], 1, "fits"),
    ],
)
def test_an_exact_split_goes_to_whoever_presides(why, voters, chair, adopted):
    """R-VOTE-3, R-VOTE-4: the casting vote is the presiding member's."""
    t = tally(split(voters), voters=voters, chair=chair, options=("fits", "unfit"))
    assert (t.adopted, t.casting_vote_used, t.runoff) == (adopted, True, ()), why


@pytest.mark.parametrize(
    ("why", "chair"),
    [("nobody presides", None), ("the presiding member is not voting", CHAIR)],
)
def test_an_exact_split_with_nobody_presiding_is_refused(why, chair):
    """R-VOTE-4 Reading: not counted, and never a re-vote of the same two options."""
    voters = PRESENT[1:]
    with pytest.raises(RuleError) as err:
        tally(split(voters), voters=voters, chair=chair, options=("fits", "unfit", "recertify"))
    assert err.value.rule_id == "R-VOTE-4", why


@pytest.mark.parametrize(
    ("why", "ballots", "policy", "adopted", "runoff"),
    [
        ("a majority needs nobody presiding", {1: "fits", 2: "fits", 3: "unfit"},
         TIE_CHAIR, "fits", ()),
        ("3-3-1 is no exact split: a re-vote", {**split(PRESENT[1:7]), 7: "recertify"},
         TIE_CHAIR, None, ("fits", "unfit")),
        ("a tie for the employee needs nobody presiding", split(PRESENT[1:]),
         TIE_EMPLOYEE, "fits", ()),
    ],
)  # fmt: skip
def test_only_an_exact_split_under_the_chair_policy_needs_him(
    why, ballots, policy, adopted, runoff
):
    """R-VOTE-3, R-VOTE-4: without a presiding member everything else counts as usual."""
    t = tally(
        ballots,
        voters=list(ballots),
        chair=None,
        options=("fits", "unfit", "recertify"),
        tie_policy=policy,
    )
    assert (t.adopted, t.runoff) == (adopted, runoff), why


def closed(ballots, adopted, casting, presiding):
    return RoundRecord("decision", 1, ("fits", "recertify", "unfit"), "closed", adopted, casting,
                       (), presiding, ballots)  # fmt: skip


def case(rounds, decision, rule, recused=(), named=None):
    return record(rounds, decision, rule, recused=frozenset(recused),
                  voting_seats=frozenset(PRESENT), chair=CHAIR, presiding=named)  # fmt: skip


TIE = split(PRESENT[1:])  # m1-m4 fits, m5-m8 unfit; the chair not voting


@pytest.mark.parametrize(
    ("why", "record", "problems"),
    [
        ("the chair recused, m5 presided and cast unfit",
         case([closed(TIE, "unfit", True, 5)], "unfit", "R-VOTE-3", (CHAIR,), 5), set()),
        ("a tie adopted with nobody presiding",
         case([closed(TIE, "unfit", True, None)], "unfit", "R-VOTE-3", (CHAIR,)),
         {("rounds[decision 1].ballots", "R-VOTE-4")}),
        ("a tie adopted with a presiding member who did not vote",
         case([closed(TIE, "unfit", True, CHAIR)], "unfit", "R-VOTE-3"),
         {("rounds[decision 1].presiding", "R-VOTE-4"),
          ("rounds[decision 1].ballots", "R-VOTE-4")}),
        ("the chair voted but another member is recorded presiding",
         case([closed({**TIE, CHAIR: "fits"}, "fits", False, 1)], "fits", "R-VOTE-2"),
         {("rounds[decision 1].presiding", "R-VOTE-4")}),
        ("the case names the chair himself in his own place",
         case([closed({**TIE, CHAIR: "fits"}, "fits", False, CHAIR)], "fits", "R-VOTE-2",
              named=CHAIR),
         {("presiding", "R-VOTE-4")}),
        ("the case names the secretary, who is not a member",
         case([closed(TIE, "unfit", True, 5)], "unfit", "R-VOTE-3", (CHAIR,), SECRETARY),
         {("presiding", "R-VOTE-4")}),
    ],
)  # fmt: skip
def test_the_recount_applies_who_presided_per_round(why, record, problems):
    """R-VOTE-4 in the exchange recount: a package contradicting it is refused."""
    found = {(p.field, p.rule_id) for p in recount_case(record, ORDER_880)}
    assert {f for f in found if f[1] == "R-VOTE-4"} == problems, why


@pytest.mark.parametrize(
    ("why", "voters", "named", "counted", "refused"),
    [
        ("a voter, the chair recused", PRESENT[1:], 3, False, False),
        ("nobody: the naming is taken back", PRESENT[1:], None, False, False),
        ("the chair himself", PRESENT[1:], CHAIR, False, True),
        ("the chair votes on the case", PRESENT, 3, False, True),
        ("not a voter on the case", PRESENT[1:5], 7, False, True),
        ("the case's votes are all counted", PRESENT[1:], 3, True, True),
        ("nobody, once counted", PRESENT[1:], None, True, True),
    ],
)
def test_whom_the_secretary_may_name(why, voters, named, counted, refused):
    """R-VOTE-4: a voter on the case, in the chair's place, before the count."""
    if refused:
        with pytest.raises(RuleError) as err:
            check_naming(CHAIR, voters, named, counted=counted)
        assert err.value.rule_id == "R-VOTE-4" and err.value.field == "presiding", why
    else:
        check_naming(CHAIR, voters, named, counted=counted)
