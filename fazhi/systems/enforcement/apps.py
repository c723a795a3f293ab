"""行政处罚 cases (普通程序 and 简易程序), from 案源 to 归档."""

from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.systems.enforcement"
    label = "enforcement"
    verbose_name = "行政处罚"

    def ready(self) -> None:
        """Declare the workflows (their action types) and the navigation entries."""
        from fazhi.core.acts.registry import ActKind, register_act_kind
        from fazhi.core.demo.registry import register as register_demo
        from fazhi.core.publication import kinds as publication
        from fazhi.core.ui.nav import NavItem, register

        from . import policies, workflow  # noqa: F401 - registers the workflows' action types
        from .documents import DOCUMENT_GENERATED  # noqa: F401
        from .models import Case

        # 行政执法公示 of decisions (三项制度), each timed by a kernel rule: 行政处罚/行政许可决定
        # 7 个工作日 and 其他执法决定 20 个工作日 (国办发〔2018〕118号 二（六）); 抽查结果 20 个工作日
        # (a configurable default, its source unverified). A penalty is withdrawn within 3 working
        # days of its change (行政处罚法 第四十八条).
        publication.register(
            "penalty",
            "行政处罚决定",
            rule_id="penalty.publication",
            withdrawal_rule_id="penalty.withdrawal",
            order=20,
        )
        publication.register("licence", "行政许可决定", rule_id="licence.publication", order=30)
        publication.register(
            "other_enforcement",
            "其他执法决定",
            rule_id="enforcement.decision_publication",
            order=40,
        )
        publication.register(
            "inspection", "双随机抽查结果", rule_id="inspection.publication", order=50
        )

        # 复议, 诉讼, 信访… about a case count in 纠错率, 败诉率 by 执法事项 and repeat complaints.
        register_act_kind(ActKind("penalty_case", "行政处罚案件", Case, matter_field="matter"))

        register(
            NavItem(
                "行政执法",
                "行政处罚案件",
                "enforcement:case_list",
                allowed=policies.can_use,
                order=20,
            )
        )
        register(
            NavItem(
                "行政执法", "登记案源", "enforcement:case_new", allowed=policies.can_use, order=21
            )
        )
        register(
            NavItem(
                "行政执法",
                "当场处罚",
                "enforcement:summary_new",
                allowed=policies.can_use,
                order=22,
            )
        )
        register(
            NavItem(
                "行政执法", "行政处罚统计", "enforcement:stats", allowed=policies.can_use, order=23
            )
        )
        # After ``officers`` (certificates) and ``matters`` (matters, benchmarks, four lists).
        register_demo("enforcement", _load_demo, order=200)


def _load_demo(county):
    from .demo import load_demo

    return load_demo(county)
