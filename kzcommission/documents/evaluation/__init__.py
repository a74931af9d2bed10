"""Printed forms of Order 13: corps A agreement, sheet and review; corps B sheets; protocol."""

from kzcommission.documents.evaluation.corps_a import (
    AgreementRenderer,
    CorpsASheetRenderer,
    MaxScoreTableRenderer,
    ReviewRenderer,
)
from kzcommission.documents.evaluation.corps_b import CorpsBSheetRenderer
from kzcommission.documents.evaluation.data import (
    CorpsADoc,
    CorpsBDoc,
    KpiLineDoc,
    ParameterDoc,
    ProtocolDoc,
    ProtocolMemberDoc,
)
from kzcommission.documents.evaluation.protocol import ProtocolRenderer

__all__ = [
    "AgreementRenderer",
    "CorpsADoc",
    "CorpsASheetRenderer",
    "CorpsBDoc",
    "CorpsBSheetRenderer",
    "KpiLineDoc",
    "MaxScoreTableRenderer",
    "ParameterDoc",
    "ProtocolDoc",
    "ProtocolMemberDoc",
    "ProtocolRenderer",
    "ReviewRenderer",
]
