"""The declaration of 法治报告: what this system brings to the platform."""

from __future__ import annotations

from fazhi.core.ledger.tracking import Record, within
from fazhi.core.publication.kinds import PublicationKind
from fazhi.core.system import System
from fazhi.core.ui.nav import NavItem

from . import policies, workflow  # noqa: F401 - declares the report workflow and its actions
from .models import ReportRevision

SECTION = "统计分析"

SYSTEM = System(
    label="reports",
    name="法治报告",
    urls="fazhi.systems.reports.urls",
    api_urls="fazhi.systems.reports.api.urls",
    nav=[
        NavItem(
            SECTION, "法治政府建设年度报告", "reports:list", allowed=policies.can_use, order=30
        ),
        NavItem(
            SECTION, "季度通报", "reports:bulletin", allowed=policies.can_use_bulletins, order=31
        ),
        NavItem(SECTION, "法治考核", "reports:assessment", allowed=policies.can_use, order=32),
        NavItem(SECTION, "年度报告检查", "reports:check", allowed=policies.can_use, order=33),
    ],
    # 每年4月1日之前 (法治政府建设与责任落实督察工作规定 第二十四条).
    publication_kinds=[
        PublicationKind(
            "annual_report", "法治政府建设年度报告", rule_id="report.annual_publication", order=90
        )
    ],
    records=[Record(ReportRevision, name=within("report"))],
)
