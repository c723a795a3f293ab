"""The declaration of 行政复议与应诉: what this system brings to the platform."""

from __future__ import annotations

from django.db.models import Q

from fazhi.core.acts.registry import Channel
from fazhi.core.ledger.tracking import Record, within
from fazhi.core.publication.kinds import PublicationKind
from fazhi.core.system import DemoLoader, System
from fazhi.core.ui.nav import NavItem

from . import importing, policies
from .demo import load_demo
from .models import CourtHearing, Hearing, Recommendation
from .selectors import CORRECTING_DECISIONS, MODELS
from .steps import STEP_SETS

#: kind -> (label, what counts as corrected, date decided, date received, before a court)
_CHANNELS = {
    "reconsideration": (
        "行政复议",
        Q(decision_type__in=CORRECTING_DECISIONS),
        "decided_on",
        "received_on",
    ),
    "respondence": (
        "行政复议答复",
        Q(decision_type__in=CORRECTING_DECISIONS),
        "decided_on",
        "copy_received_on",
    ),
    "litigation": ("行政诉讼", Q(lost=True), "served_on", "complaint_received_on"),
}

_NAV = (
    ("reconsideration", "行政复议案件"),
    ("respondence", "行政复议答复"),
    ("litigation", "行政应诉"),
)

SYSTEM = System(
    label="disputes",
    name="行政复议与应诉",
    urls="fazhi.systems.disputes.urls",
    api_urls="fazhi.systems.disputes.api.urls",
    steps=list(STEP_SETS.values()),
    nav=[
        *(
            NavItem("复议应诉", label, f"disputes:{kind}", allowed=policies.can_use, order=60 + i)
            for i, (kind, label) in enumerate(_NAV)
        ),
        NavItem(
            "复议应诉",
            "司法建议、检察建议",
            "disputes:recommendations",
            allowed=policies.can_use,
            order=63,
        ),
    ],
    channels=[
        Channel(
            key,
            label,
            MODELS[key],
            corrected=corrected,
            decided_on=decided,
            received_on=received,
            court=key == "litigation",
        )
        for key, (label, corrected, decided, received) in _CHANNELS.items()
    ],
    publication_kinds=[PublicationKind("reconsideration", "行政复议决定", order=60)],
    importers=[importing.IMPORTER],
    demo=DemoLoader(load_demo, order=410),
    records=[
        Record(Hearing, name=within("case")),
        Record(CourtHearing, name=within("case")),
        Record(Recommendation),
    ],
)
