from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "fazhi.systems.matters"
    label = "matters"
    verbose_name = "执法事项与裁量基准"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the system's declaration (:mod:`.system`)."""
        from fazhi.core.system import register

        from .system import SYSTEM

        register(SYSTEM)
