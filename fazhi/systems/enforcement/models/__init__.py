"""Models of the 行政处罚 case app, split by sub-domain."""

from .case import (
    Case,
    CaseDocument,
    Outcome,
    PartyKind,
    PenaltyType,
    Procedure,
    ServiceMode,
    SourceKind,
)
from .evidence import Evidence, Preservation, Recusal
from .execution import Deferral, Payment, Remedy
from .hearing import Hearing, Statement
from .review import CollectiveDiscussion, LegalReview
from .transfer import Transfer

__all__ = [
    "Case",
    "CaseDocument",
    "CollectiveDiscussion",
    "Deferral",
    "Evidence",
    "Hearing",
    "LegalReview",
    "Outcome",
    "PartyKind",
    "Payment",
    "PenaltyType",
    "Preservation",
    "Procedure",
    "Recusal",
    "Remedy",
    "ServiceMode",
    "SourceKind",
    "Statement",
    "Transfer",
]
