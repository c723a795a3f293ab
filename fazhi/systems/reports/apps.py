"""法治报告: annual report composer, quarterly bulletins and assessment frameworks."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.systems.reports"
    label = "reports"
    verbose_name = "法治报告"

    def ready(self) -> None:
        """Register the system's declaration (:mod:`.system`)."""
        from fazhi.core.system import register

        from .system import SYSTEM

        register(SYSTEM)
