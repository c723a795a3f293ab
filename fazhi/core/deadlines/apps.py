from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "fazhi.core.deadlines"
    label = "deadlines"
    verbose_name = "期限"

    def ready(self) -> None:
        from fazhi.core.ui.nav import NavItem, register

        from . import policies

        section = "期限管理"
        register(
            NavItem(section, "我的待办", "deadlines:todo", policies.can_use_deadlines, order=10)
        )
        register(NavItem(section, "风险期限", "deadlines:risk", policies.can_view_risk, order=11))
        register(
            NavItem(section, "全部期限", "deadlines:list", policies.can_use_deadlines, order=12)
        )
        register(
            NavItem(
                section, "放假安排", "deadlines:calendar", policies.can_manage_calendar, order=13
            )
        )
