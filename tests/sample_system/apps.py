"""A small system declared inside the test suite, to show that a system is a declaration:
installed only by the test settings, it gets its step pages, step API, import page and
navigation entry from core with no change to core."""

from django.apps import AppConfig


class SampleSystemConfig(AppConfig):
    name = "tests.sample_system"
    label = "sample_system"
    verbose_name = "示例制度（测试）"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fazhi.core.system import register

        from .system import SYSTEM

        register(SYSTEM)
