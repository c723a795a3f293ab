"""行政复议与行政应诉."""

from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.systems.disputes"
    label = "disputes"
    verbose_name = "行政复议与应诉"

    def ready(self) -> None:
        """Declare the workflows and register the importer, the navigation and the demo loader."""
        from django.db.models import Q

        from fazhi.core import importing as imports
        from fazhi.core.acts.registry import Channel, register_channel
        from fazhi.core.ui.nav import NavItem, register

        from . import importing, policies, workflow  # noqa: F401 - declares the workflows
        from .selectors import CORRECTING_DECISIONS, MODELS

        imports.register(importing.IMPORTER)

        labels = {
            "reconsideration": "行政复议",
            "respondence": "行政复议答复",
            "litigation": "行政诉讼",
        }
        corrected = {
            "reconsideration": Q(decision_type__in=CORRECTING_DECISIONS),
            "respondence": Q(decision_type__in=CORRECTING_DECISIONS),
            "litigation": Q(lost=True),
        }
        dates = {
            "reconsideration": ("decided_on", "received_on"),
            "respondence": ("decided_on", "copy_received_on"),
            "litigation": ("served_on", "complaint_received_on"),
        }
        for key, model in MODELS.items():
            decided, received = dates[key]
            register_channel(
                Channel(
                    key,
                    labels[key],
                    model,
                    corrected=corrected[key],
                    decided_on=decided,
                    received_on=received,
                    court=key == "litigation",
                )
            )

        for order, (kind, label) in enumerate(
            (
                ("reconsideration", "行政复议案件"),
                ("respondence", "行政复议答复"),
                ("litigation", "行政应诉"),
            )
        ):
            register(
                NavItem(
                    "复议应诉",
                    label,
                    f"disputes:{kind}",
                    allowed=policies.can_use,
                    order=60 + order,
                )
            )
        register(
            NavItem(
                "复议应诉",
                "司法建议、检察建议",
                "disputes:recommendations",
                allowed=policies.can_use,
                order=63,
            )
        )
        try:
            from fazhi.core.demo.registry import register as register_demo
        except ImportError:  # pragma: no cover - the demo app is optional
            return
        from .demo import load_demo

        register_demo("disputes", load_demo, order=410)
