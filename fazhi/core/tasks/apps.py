from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "fazhi.core.tasks"
    label = "tasks"
    verbose_name = "待办"

    def ready(self) -> None:
        from fazhi.core.deadlines import recompute
        from fazhi.core.deadlines import tasks as todo
        from fazhi.core.ledger import tracking
        from fazhi.core.ui import home
        from fazhi.core.ui.nav import NavItem, register
        from fazhi.core.workflow import engine, steps

        from . import models, policies, services, todo_section, views

        engine.AFTER_PERFORM.append(services.after_perform)
        recompute.AFTER_STAGED.append(services.refresh_staged_dues)
        steps.PANEL_EXTRAS.append(views.record_panel)
        tracking.track(
            models.Assignment,
            exclude=("assigned_at",),
            name=lambda a: (
                f"承办人员（{a.subject_type.app_label}.{a.subject_type.model}:{a.subject_id}）"
            ),
        )
        home.register(home.HomeBlock("tasks", "tasks/_home.html", views.home_block, order=10))
        register(NavItem("期限管理", "待我处理", "tasks:queue", policies.has_queue, order=9))
        register(
            NavItem("期限管理", "消息", "tasks:notifications", policies.is_authenticated, order=14)
        )
        todo.register(todo_section.SECTION)
