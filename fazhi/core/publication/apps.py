"""The publication door: everything shown to the public passes redaction and is timed."""

from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "fazhi.core.publication"
    label = "publication"
    verbose_name = "政务公开"

    def ready(self) -> None:
        from fazhi.core.ui.nav import NavItem, register

        from .policies import can_view_any_publications

        register(
            NavItem(
                "政务公开", "公开事项", "portal:manage", allowed=can_view_any_publications, order=50
            )
        )
