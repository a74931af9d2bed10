"""The search of cases as the user types, over a consolidated campaign (issue 8).

Prefix ranges (``>= text`` and ``< text + U+FFFF``) on indexed columns, in the usual
capitalisations, so each keystroke is a few index range scans whatever the number of
cases (the indexes and their collation: store/steps/v0006_reports.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import SQL, Expression, NodeList

from kzcommission.services.unit import read
from kzcommission.store import models
from kzcommission.store.raw import is_postgres

K, S, P, C = models.Case, models.Sitting, models.Person, models.Commission


@dataclass(frozen=True)
class CaseHit:
    case_id: int
    person_name: str
    personnel_number: str
    unit: str
    sitting_id: int
    held_on: date
    commission: str
    kind: str
    status: str
    decision: str | None


def _c(field):
    """The field compared in code-point order (see store/steps/v0006_reports.py for the indexes)."""
    return NodeList((field, SQL('COLLATE "C"'))) if is_postgres() else field


def _prefix(field, text: str) -> Expression:
    """``field`` starts with ``text`` in one of its usual capitalisations: index ranges."""
    variants = dict.fromkeys((text, text.lower(), text.capitalize(), text.upper()))
    result: Expression | None = None
    for v in variants:
        cond = (_c(field) >= v) & (_c(field) < v + "\uffff")
        result = cond if result is None else (result | cond)
    return result


@read("reports.view")
def search_cases(text: str, limit: int = 50) -> list[CaseHit]:
    """Cases of persons whose surname (or number) starts with the first word typed, and
    whose given name starts with the second, as prefix ranges an index answers."""
    words = text.split()
    if not words:
        return []
    where = _prefix(P.surname, words[0]) | _prefix(P.personnel_number, words[0])
    if len(words) > 1:
        where = where & _prefix(P.given_name, words[1])
    # A subquery on persons, so that the planner starts from the person indexes
    # (a multi-index OR) instead of scanning every case and looking up its person.
    persons = P.select(P.id).where(where)
    query = (
        K.select(
            K.id,
            P.surname,
            P.given_name,
            P.patronymic,
            P.personnel_number,
            P.unit,
            S.id,
            S.held_on,
            C.name,
            K.kind,
            K.status,
            K.decision,
        )  # fmt: skip
        .join(P, on=(K.person == P.id))
        .switch(K)
        .join(S, on=(K.sitting == S.id))
        .join(C, on=(S.commission == C.id))
        .where(K.person.in_(persons))
        .order_by(P.surname, P.given_name, S.held_on.desc(), K.id)
        .limit(limit)
    )
    hits = []
    for row in query.tuples():
        cid, sur, given, patr, number, unit, sid, held_on, commission, kind, status, decision = row
        name = " ".join(x for x in (sur, given, patr) if x)
        hits.append(
            CaseHit(cid, name, number or "", unit, sid, held_on, commission, kind, status, decision)
        )
    return hits
