"""信访 and 12345 热线工单."""

from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "fazhi.systems.petitions"
    label = "petitions"
    verbose_name = "信访与12345热线"

    def ready(self) -> None:
        """Register the system's declaration (:mod:`.system`)."""
        from fazhi.core.system import register

        from .system import SYSTEM

        register(SYSTEM)
