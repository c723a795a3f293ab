"""The declaration of 依申请公开: what this system brings to the platform."""

from __future__ import annotations

from fazhi.core.acts.registry import Channel
from fazhi.core.ledger.files import Attachment
from fazhi.core.ledger.tracking import Record, within
from fazhi.core.publication.kinds import PublicationKind
from fazhi.core.system import DemoLoader, System
from fazhi.core.ui.nav import NavItem

from . import importing, policies
from .demo import load_demo
from .models import Consultation, DisclosureRequest
from .steps import REQUEST_STEPS

SYSTEM = System(
    label="disclosure",
    name="依申请公开",
    urls="fazhi.systems.disclosure.urls",
    api_urls="fazhi.systems.disclosure.api.urls",
    steps=[REQUEST_STEPS],
    nav=[
        NavItem("政务公开", "依申请公开", "disclosure:list", allowed=policies.can_use, order=40),
        NavItem(
            "政务公开", "信息公开年报数据", "disclosure:report", allowed=policies.can_use, order=41
        ),
    ],
    # A request asks for information; it does not decide on the act's legality.
    channels=[
        Channel(
            "disclosure", "依申请公开", DisclosureRequest, corrected=None, received_on="received_on"
        )
    ],
    # 主动公开 within 20 working days (政府信息公开条例 第二十六条).
    publication_kinds=[
        PublicationKind("disclosure", "政府信息公开", rule_id="disclosure.proactive", order=70)
    ],
    importers=[importing.IMPORTER],
    demo=DemoLoader(load_demo, order=400),
    records=[Record(Consultation, name=within("request"))],
    files=[
        Attachment(
            "disclosure.letter",
            "disclosure.DisclosureRequest",
            policies.visible_requests,
            field="letter",
            label="答复书",
        )
    ],
)
