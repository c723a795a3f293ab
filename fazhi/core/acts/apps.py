from django.apps import AppConfig


class ActsConfig(AppConfig):
    name = "fazhi.core.acts"
    label = "acts"
    verbose_name = "行政行为关联"

    def ready(self) -> None:
        """Register the 败诉分析 page in the navigation, for those its policy lets in."""
        from fazhi.core.ui.nav import NavItem, register

        from .policies import can_view_losses

        register(
            NavItem("复议应诉", "败诉分析", "acts:losses_index", allowed=can_view_losses, order=64)
        )
