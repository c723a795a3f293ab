"""人大代表建议、政协委员提案."""

from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "fazhi.systems.proposals"
    label = "proposals"
    verbose_name = "建议提案办理"

    def ready(self) -> None:
        """Register the system's declaration (:mod:`.system`)."""
        from fazhi.core.system import register

        from .system import SYSTEM

        register(SYSTEM)
