"""信访 and 12345 热线工单."""

from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "fazhi.systems.petitions"
    label = "petitions"
    verbose_name = "信访与12345热线"

    def ready(self) -> None:
        """Declare the workflows, register the channels, the importer, navigation and the demo
        loader."""
        from fazhi.core import importing as imports
        from fazhi.core.acts.registry import Channel, register_channel
        from fazhi.core.ui.nav import NavItem, register

        from . import hotline, importing, policies, workflow  # noqa: F401 - declares the workflows
        from .models import HotlineTicket, Petition

        imports.register(importing.IMPORTER)

        # Petitions and tickets do not decide on an act's legality: corrected=None.
        # The date a matter arrived is the period of repeat complaints.
        register_channel(
            Channel("petition", "信访", Petition, corrected=None, received_on="received_on")
        )
        register_channel(
            Channel(
                "hotline", "12345热线", HotlineTicket, corrected=None, received_on="received_on"
            )
        )
        register(
            NavItem("信访与热线", "信访事项", "petitions:list", allowed=policies.can_use, order=70)
        )
        register(
            NavItem(
                "信访与热线", "12345工单", "petitions:tickets", allowed=policies.can_use, order=71
            )
        )
        try:
            from fazhi.core.demo.registry import register as register_demo
        except ImportError:  # pragma: no cover - the demo app is optional
            return
        from .demo import load_demo

        register_demo("petitions", load_demo, order=420)
