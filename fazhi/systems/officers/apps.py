from django.apps import AppConfig


class OfficersConfig(AppConfig):
    name = "fazhi.systems.officers"
    label = "officers"
    verbose_name = "行政执法人员"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the system's declaration (:mod:`.system`)."""
        from fazhi.core.system import register

        from .system import SYSTEM

        register(SYSTEM)
