"""Persons and valid inputs shared by the evaluation service tests (Order 13)."""

from __future__ import annotations

from datetime import date

from kzcommission.services.evaluation.corps_a import KpiSpec
from kzcommission.services.preparation import persons

EVALUATED_ON = date(2026, 1, 15)


def person(surname: str, number: str, position: str = "Chief expert"):
    return persons.add_person(
        surname, "Test", personnel_number=number, position=position, appointed_on=date(2020, 1, 1)
    )


def five_kpis() -> list[KpiSpec]:
    return [
        KpiSpec("Executing instructions of the President", instructions=True, plan="100"),
        KpiSpec("Appeals of citizens considered in time", plan="100"),
        KpiSpec("Satisfaction with working conditions", plan="100"),
        KpiSpec("KPI set by the authorised body", plan="100"),
        KpiSpec("Digital services launched", unit="pcs", plan="8"),
    ]
