"""The evaluation renderers' input: frozen dataclasses filled by the services.

Scores and percentages are already-formatted two-decimal strings ("4.75", "" for
none): the renderer never computes a score, and the digest of the document is
taken over exactly what is printed. Bands are ids (``CorpsABand``/``CorpsBBand``
values); labels come from the catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class KpiLineDoc:
    number: int
    title: str
    instructions: bool  # the mandatory KPI on executing instructions (Appendix 4)
    link: str
    unit: str
    plan: str
    due: str
    result: str
    actual: str = ""
    percent: str = ""
    score: str = ""


@dataclass(frozen=True)
class CorpsADoc:
    """One annual agreement and its evaluation (Appendices 1-3 and 6)."""

    uuid: str
    person_name: str
    position: str
    year: int
    category: int
    authorised_name: str
    authorised_position: str
    agreed_on: date | None
    evaluated_on: date | None
    kpis: tuple[KpiLineDoc, ...]
    final_score: str = ""
    band: str = ""
    review: str = ""
    additional_info: str = ""
    decision: str = ""  # R-EVA-5: fits / unfit, "" before the National Commission


@dataclass(frozen=True)
class ParameterDoc:
    key: str  # parameter id of domain.evaluation.FORMS
    score: str
    comment: str = ""


@dataclass(frozen=True)
class CorpsBDoc:
    """One quarterly evaluation sheet, either form (Appendix 1 to Appendix 2)."""

    uuid: str
    form: str  # leading / non_leading
    person_name: str
    position: str
    evaluator_name: str
    evaluator_position: str
    year: int
    quarter: int
    parameters: tuple[ParameterDoc, ...]
    penalty: str  # penalty id, "" for none
    final_score: str
    band: str
    evaluated_on: date | None
    calibrated_score: str = ""
    calibrated_band: str = ""


@dataclass(frozen=True)
class ProtocolMemberDoc:
    name: str
    position: str
    is_evaluator: bool
    is_personnel_officer: bool


@dataclass(frozen=True)
class ProtocolDoc:
    """A calibration session's protocol (R-CAL-3): members, votes by name, result."""

    uuid: str
    person_name: str
    position: str
    evaluator_name: str
    year: int
    quarter: int
    disputed_score: str
    disputed_band: str
    request_received: date
    held_on: date | None
    members: tuple[ProtocolMemberDoc, ...]
    # One tuple per round: (member name, score supported), in the members' order.
    rounds: tuple[tuple[tuple[str, str], ...], ...]
    adopted_score: str = ""
    adopted_band: str = ""
    signed_on: date | None = None
    upload_due: date | None = None
