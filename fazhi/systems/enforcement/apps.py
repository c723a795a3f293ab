"""行政处罚 cases (普通程序 and 简易程序), from 案源 to 归档."""

from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.systems.enforcement"
    label = "enforcement"
    verbose_name = "行政处罚"

    def ready(self) -> None:
        """Register the system's declaration (:mod:`.system`); importing it declares the
        workflows and the documents (their action types)."""
        from fazhi.core.system import register

        from .system import SYSTEM

        register(SYSTEM)
