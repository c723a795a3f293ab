"""The indicator registry: apps register figures; dashboards, bulletins and reports read them."""

from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.core.indicators"
    label = "indicators"
    verbose_name = "指标"

    def ready(self) -> None:
        """Register the platform's own figures, then import ``<app>.indicators`` of every
        installed app that has one (as the admin autodiscovers ``admin.py``)."""
        from django.utils.module_loading import autodiscover_modules

        from fazhi.core.accounts.policies import principal
        from fazhi.core.ui.nav import NavItem, register

        from .builtin import register_builtin

        register_builtin()
        autodiscover_modules("indicators")
        register(
            NavItem(
                "统计分析",
                "指标看板",
                "indicators:dashboard",
                allowed=lambda user: bool(principal(user).visible_agency_ids),
                order=10,
            )
        )
