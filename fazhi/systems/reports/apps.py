"""法治报告: annual report composer, quarterly bulletins and assessment frameworks."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.systems.reports"
    label = "reports"
    verbose_name = "法治报告"

    def ready(self) -> None:
        """Declare the report workflow and register the navigation entries."""
        from fazhi.core.publication import kinds as publication
        from fazhi.core.ui.nav import NavItem, register

        from . import policies, workflow  # noqa: F401 - declares the workflow and its actions

        # 每年4月1日之前 (法治政府建设与责任落实督察工作规定 第二十四条).
        publication.register(
            "annual_report", "法治政府建设年度报告", rule_id="report.annual_publication", order=90
        )
        register(
            NavItem(
                "统计分析",
                "法治政府建设年度报告",
                "reports:list",
                allowed=policies.can_use,
                order=30,
            )
        )
        register(
            NavItem(
                "统计分析",
                "季度通报",
                "reports:bulletin",
                allowed=policies.can_use_bulletins,
                order=31,
            )
        )
        register(
            NavItem(
                "统计分析", "法治考核", "reports:assessment", allowed=policies.can_use, order=32
            )
        )
        register(
            NavItem("统计分析", "年度报告检查", "reports:check", allowed=policies.can_use, order=33)
        )
