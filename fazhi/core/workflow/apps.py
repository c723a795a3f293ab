from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "fazhi.core.workflow"
    label = "workflow"
    verbose_name = "流程"

    def ready(self) -> None:
        from fazhi.core.ledger import verification

        from . import integrity

        verification.register_source("流程记录", integrity.history_problems)
