"""依申请公开 (requests for government information)."""

from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.systems.disclosure"
    label = "disclosure"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        """Register the system's declaration (:mod:`.system`)."""
        from fazhi.core.system import register

        from .system import SYSTEM

        register(SYSTEM)
