"""依申请公开 (requests for government information)."""

from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.systems.disclosure"
    label = "disclosure"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        """Register the navigation entries, the importer, the workflow, the act-link channel and
        the demo loader."""
        from fazhi.core import importing as imports
        from fazhi.core.acts.registry import Channel, register_channel
        from fazhi.core.ui.nav import NavItem, register

        from . import importing, policies, workflow  # noqa: F401 - declares the workflow
        from .models import DisclosureRequest

        imports.register(importing.IMPORTER)

        # A request asks for information; it does not decide on the act's legality.
        register_channel(
            Channel(
                "disclosure",
                "依申请公开",
                DisclosureRequest,
                corrected=None,
                received_on="received_on",
            )
        )

        register(
            NavItem("政务公开", "依申请公开", "disclosure:list", allowed=policies.can_use, order=40)
        )
        register(
            NavItem(
                "政务公开",
                "信息公开年报数据",
                "disclosure:report",
                allowed=policies.can_use,
                order=41,
            )
        )
        try:
            from fazhi.core.demo.registry import register as register_demo
        except ImportError:  # pragma: no cover - the demo app is optional
            return
        from .demo import load_demo

        register_demo("disclosure", load_demo, order=400)
