"""The declaration of 建议提案办理: what this system brings to the platform."""

from __future__ import annotations

from fazhi.core.ledger.tracking import Record, within
from fazhi.core.system import DemoLoader, System
from fazhi.core.ui.nav import NavItem

from . import importing, policies
from .demo import load_demo
from .models import CoOpinion
from .steps import PROPOSAL_STEPS

SYSTEM = System(
    label="proposals",
    name="建议提案办理",
    urls="fazhi.systems.proposals.urls",
    api_urls="fazhi.systems.proposals.api.urls",
    steps=[PROPOSAL_STEPS],
    nav=[NavItem("建议提案", "建议提案办理", "proposals:list", allowed=policies.can_use, order=80)],
    importers=[importing.IMPORTER],
    demo=DemoLoader(load_demo, order=430),
    records=[Record(CoOpinion, name=within("proposal"))],
)
