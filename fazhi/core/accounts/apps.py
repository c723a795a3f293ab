from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class AccountsConfig(AppConfig):
    name = "fazhi.core.accounts"
    label = "accounts"
    verbose_name = "人员与权限"

    def ready(self) -> None:
        from fazhi.core.ledger import tracking
        from fazhi.core.ui.nav import NavItem, register

        from . import policies, signals  # noqa: F401  (signals: login/logout/failure → audit)
        from .models import RoleAssignment, SecurityEvent

        # Role grants and the security audit trail are facts the ledger checks row by row.
        tracking.track(
            RoleAssignment,
            name=lambda g: f"{g.user.username} · {g.get_role_display()} · {g.agency.display_name}",
        )
        tracking.track(
            SecurityEvent,
            name=lambda e: f"{e.get_kind_display()} {e.username}（{str(e.time)[:16]}）",
        )

        # Each system declares the roles it acts with in its roles.py.
        autodiscover_modules("roles")

        # 三员分立: each administrator reaches its own page from the navigation, and only its own.
        section = "系统安全"
        register(
            NavItem(
                section,
                "角色与账号安全",
                "accounts:security",
                allowed=policies.can_manage_security,
                order=950,
            )
        )
        register(
            NavItem(
                section,
                "安全审计记录",
                "accounts:audit",
                allowed=policies.can_view_audit_trail,
                order=951,
            )
        )
