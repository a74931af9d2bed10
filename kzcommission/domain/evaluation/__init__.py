"""Performance evaluation of administrative civil servants (Order 13): pure rules.

Corps "A" (KPI scores, final score, eligibility, National Commission options),
corps "B" (quarterly sheet, penalty caps, annual score, deadlines), calibration
sessions, editions. Scores are ``Decimal`` with two decimals, rounded by the one
rule of ``rounding.py``; floats are refused.
"""

from kzcommission.domain.evaluation.calibration import (
    CalibrationDeadlines,
    PanelError,
    PanelMember,
    calibration_deadlines,
    calibration_result,
    check_calibration_panel,
    is_due_for_disposal,
    protocol_upload_due,
    retention_until,
)
from kzcommission.domain.evaluation.corps_a import (
    NATIONAL_COMMISSION_OPTIONS,
    CorpsABand,
    Kpi,
    corps_a_band,
    corps_a_eligible,
    corps_a_final,
    corps_a_sheet,
    validate_national_commission_decision,
)
from kzcommission.domain.evaluation.corps_b import (
    FORMS,
    LEADING,
    LIGHT_PENALTIES,
    NON_LEADING,
    PENALTY_PARAMETER,
    CorpsBBand,
    corps_b_annual,
    corps_b_annual_deadline,
    corps_b_band,
    corps_b_eligible,
    corps_b_quarter_deadline,
    corps_b_sheet,
    needs_additional_evaluators,
    parameter5_cap,
)
from kzcommission.domain.evaluation.editions import (
    EDITIONS,
    ORDER_13_2025,
    Edition,
    Part,
    chapters_in_force,
    edition_for,
    is_part_in_force,
)
from kzcommission.domain.evaluation.eligibility import Eligibility
from kzcommission.domain.evaluation.kpi import (
    APPENDIX_4,
    APPENDIX_5,
    kpi_score_bounds,
    percent_band,
    validate_kpi_score,
)
from kzcommission.domain.evaluation.rounding import round2
from kzcommission.domain.evaluation.values import Number

__all__ = [
    "APPENDIX_4",
    "APPENDIX_5",
    "EDITIONS",
    "FORMS",
    "LEADING",
    "LIGHT_PENALTIES",
    "NATIONAL_COMMISSION_OPTIONS",
    "NON_LEADING",
    "ORDER_13_2025",
    "PENALTY_PARAMETER",
    "CalibrationDeadlines",
    "CorpsABand",
    "CorpsBBand",
    "Edition",
    "Eligibility",
    "Kpi",
    "Number",
    "PanelError",
    "PanelMember",
    "Part",
    "calibration_deadlines",
    "calibration_result",
    "chapters_in_force",
    "check_calibration_panel",
    "corps_a_band",
    "corps_a_eligible",
    "corps_a_final",
    "corps_a_sheet",
    "corps_b_annual",
    "corps_b_annual_deadline",
    "corps_b_band",
    "corps_b_eligible",
    "corps_b_quarter_deadline",
    "corps_b_sheet",
    "edition_for",
    "is_due_for_disposal",
    "is_part_in_force",
    "kpi_score_bounds",
    "needs_additional_evaluators",
    "parameter5_cap",
    "percent_band",
    "protocol_upload_due",
    "retention_until",
    "round2",
    "validate_kpi_score",
    "validate_national_commission_decision",
]
