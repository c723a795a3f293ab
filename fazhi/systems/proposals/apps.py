"""人大代表建议、政协委员提案."""

from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "fazhi.systems.proposals"
    label = "proposals"
    verbose_name = "建议提案办理"

    def ready(self) -> None:
        """Declare the workflow and register the navigation and the demo loader."""
        from fazhi.core import importing as imports
        from fazhi.core.ui.nav import NavItem, register

        from . import importing, policies, workflow  # noqa: F401 - declares the workflow and its actions

        imports.register(importing.IMPORTER)

        register(
            NavItem(
                "建议提案", "建议提案办理", "proposals:list", allowed=policies.can_use, order=80
            )
        )
        try:
            from fazhi.core.demo.registry import register as register_demo
        except ImportError:  # pragma: no cover - the demo app is optional
            return
        from .demo import load_demo

        register_demo("proposals", load_demo, order=430)
