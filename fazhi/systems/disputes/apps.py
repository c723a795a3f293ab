"""行政复议与行政应诉."""

from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.systems.disputes"
    label = "disputes"
    verbose_name = "行政复议与应诉"

    def ready(self) -> None:
        """Register the system's declaration (:mod:`.system`)."""
        from fazhi.core.system import register

        from .system import SYSTEM

        register(SYSTEM)
