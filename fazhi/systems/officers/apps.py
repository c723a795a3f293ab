from django.apps import AppConfig


class OfficersConfig(AppConfig):
    name = "fazhi.systems.officers"
    label = "officers"
    verbose_name = "行政执法人员"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fazhi.core import importing
        from fazhi.core.deadlines.tasks import register as register_todo
        from fazhi.core.demo.registry import register as register_demo
        from fazhi.core.ui.nav import NavItem, register

        from .demo import load_demo
        from .importers import CERTIFICATES, TRAINING
        from .policies import can_open_expiring, can_open_officers
        from .todo import SECTION

        importing.register(CERTIFICATES)
        importing.register(TRAINING)
        section = "行政执法"
        register(
            NavItem(
                section,
                "执法证件",
                "officers:certificate_list",
                allowed=can_open_officers,
                order=310,
            )
        )
        register(
            NavItem(
                section,
                "培训学时",
                "officers:training_summary",
                allowed=can_open_officers,
                order=311,
            )
        )
        register(
            NavItem(
                section,
                "即将到期的执法证",
                "officers:expiring",
                allowed=can_open_expiring,
                order=312,
            )
        )
        register_demo("officers", load_demo, order=110)
        register_todo(SECTION)
