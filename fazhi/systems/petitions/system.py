"""The declaration of 信访 and 12345 热线: what this system brings to the platform."""

from __future__ import annotations

from fazhi.core.acts.registry import Channel
from fazhi.core.ledger.files import Attachment
from fazhi.core.ledger.tracking import Record, within
from fazhi.core.system import DemoLoader, System
from fazhi.core.ui.nav import NavItem

from . import importing, policies
from .demo import load_demo
from .models import HotlineTicket, Petition, PetitionHearing, TicketBounce
from .steps import PETITION_STEPS, TICKET_STEPS

SYSTEM = System(
    label="petitions",
    name="信访与12345热线",
    urls="fazhi.systems.petitions.urls",
    api_urls="fazhi.systems.petitions.api.urls",
    steps=[PETITION_STEPS, TICKET_STEPS],
    nav=[
        NavItem("信访与热线", "信访事项", "petitions:list", allowed=policies.can_use, order=70),
        NavItem("信访与热线", "12345工单", "petitions:tickets", allowed=policies.can_use, order=71),
    ],
    # Petitions and tickets do not decide on an act's legality: corrected=None. The date a
    # matter arrived is the period of repeat complaints.
    channels=[
        Channel("petition", "信访", Petition, corrected=None, received_on="received_on"),
        Channel("hotline", "12345热线", HotlineTicket, corrected=None, received_on="received_on"),
    ],
    importers=[importing.IMPORTER],
    demo=DemoLoader(load_demo, order=420),
    records=[
        Record(PetitionHearing, name=within("petition")),
        Record(TicketBounce, name=within("ticket")),
    ],
    files=[
        Attachment(
            "petitions.opinion",
            "petitions.Petition",
            policies.visible_petitions,
            field="opinion_file",
            label="信访处理意见书",
        )
    ],
)
