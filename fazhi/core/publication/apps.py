"""The publication door: everything shown to the public passes redaction and is timed."""

from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "fazhi.core.publication"
    label = "publication"
    verbose_name = "政务公开"

    def ready(self) -> None:
        from fazhi.core.ledger import tracking
        from fazhi.core.ui.nav import NavItem, register

        from .models import PublishedItem
        from .policies import can_view_any_publications

        # What was shown to the public is checked row by row against its ledgered state;
        # the search text is a derived index of title and body.
        tracking.track(PublishedItem, exclude=("search_text",), name=lambda p: p.title)

        register(
            NavItem(
                "政务公开", "公开事项", "portal:manage", allowed=can_view_any_publications, order=50
            )
        )
