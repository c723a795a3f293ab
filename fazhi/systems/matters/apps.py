from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "fazhi.systems.matters"
    label = "matters"
    verbose_name = "执法事项与裁量基准"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fazhi.core import importing
        from fazhi.core.demo.registry import register as register_demo
        from fazhi.core.publication import kinds as publication
        from fazhi.core.ui.nav import NavItem, register

        from .demo import load_demo
        from .importers import BENCHMARKS, LENIENT, MATTERS
        from .policies import can_manage_any, can_open

        # 事前公示 has no statutory period of its own.
        publication.register("pre_enforcement", "行政执法事前公示", order=10)

        for importer in (MATTERS, BENCHMARKS, LENIENT):
            importing.register(importer)
        section = "行政执法"
        register(
            NavItem(section, "执法事项清单", "matters:matter_list", allowed=can_open, order=300)
        )
        register(
            NavItem(section, "裁量基准", "matters:benchmark_list", allowed=can_open, order=301)
        )
        register(NavItem(section, "四张清单", "matters:lenient_list", allowed=can_open, order=302))
        register(
            NavItem(section, "事前公示", "matters:publicity", allowed=can_manage_any, order=303)
        )
        # After the officers' loader: 事前公示 lists the certified officers.
        register_demo("matters", load_demo, order=120)
