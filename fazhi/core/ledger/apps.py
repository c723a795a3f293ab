from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "fazhi.core.ledger"
    label = "ledger"
    verbose_name = "存证账本"
