from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fazhi.core.accounts"
    label = "accounts"
    verbose_name = "人员与权限"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (login/logout/failure → audit trail)
