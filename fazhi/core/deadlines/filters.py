"""One FilterSet for the deadline lists of the UI and the API.

Every filter lands on an indexed column (agency, status, rule, due) or narrows an index range; the
level filter is translated into a range of due dates for today (see ``selectors.thresholds``),
so that it is both live and fast.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from fazhi.core.accounts.policies import principal
from fazhi.core.orgs.models import Agency
from fazhi.kernel.timelimits import RULES

from . import selectors
from .models import Deadline


def visible_agencies(request: Any) -> QuerySet[Agency]:
    """The agencies offered in the agency filter: those the user sees."""
    if request is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=principal(request.user).visible_agency_ids)


def rule_choices() -> list[tuple[str, str]]:
    """Every rule of the catalogue, labelled "title（citation）" (never its code), by id."""
    return [(rid, f"{RULES[rid].title}（{RULES[rid].short_citation}）") for rid in sorted(RULES)]


#: Systems by the prefix of their rule ids (``disclosure.answer`` → 依申请公开).
SYSTEMS = {
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "licence": "行政许可",
    "reconsideration": "行政复议",
    "litigation": "行政应诉",
    "disclosure": "政府信息公开",
    "petition": "信访",
    "proposal": "建议提案",
    "decision": "重大行政决策",
    "normdoc": "规范性文件",
    "inspection": "双随机抽查",
    "enterprise": "企业信息公示",
    "report": "年度报告",
}


def system_choices() -> list[tuple[str, str]]:
    """The systems that have rules in the catalogue (others are labelled by their prefix)."""
    prefixes = sorted({rid.split(".", 1)[0] for rid in RULES})
    return [(p, SYSTEMS.get(p, p)) for p in prefixes]


class DeadlineFilterSet(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, label="承办机关", empty_label="全部机关"
    )
    status = django_filters.ChoiceFilter(
        choices=Deadline.Status.choices, label="状态", empty_label="全部状态"
    )
    level = django_filters.ChoiceFilter(
        choices=Deadline.Level.choices, label="提示", method="filter_level", empty_label="全部"
    )
    system = django_filters.ChoiceFilter(
        choices=system_choices, label="制度", method="filter_system", empty_label="全部制度"
    )
    rule_id = django_filters.ChoiceFilter(
        choices=rule_choices, label="期限规则", empty_label="全部规则"
    )
    due_after = django_filters.DateFilter(field_name="due", lookup_expr="gte", label="届满日自")
    due_before = django_filters.DateFilter(field_name="due", lookup_expr="lte", label="届满日至")

    class Meta:
        model = Deadline
        fields: list[str] = []

    def filter_system(
        self, queryset: QuerySet[Deadline], name: str, value: str
    ) -> QuerySet[Deadline]:
        """The rules of one system, as an ``IN`` list on the indexed ``rule_id``."""
        if not value:
            return queryset
        return queryset.filter(rule_id__in=[r for r in sorted(RULES) if r.split(".")[0] == value])

    def filter_level(
        self, queryset: QuerySet[Deadline], name: str, value: str
    ) -> QuerySet[Deadline]:
        if not value:
            return queryset
        return selectors.by_level(queryset, value, selectors.thresholds())


class RiskFilterSet(DeadlineFilterSet):
    """The supervisor's risk list: only yellow and red are offered, status is always open."""

    level = django_filters.ChoiceFilter(
        choices=[(Deadline.Level.RED, "逾期"), (Deadline.Level.YELLOW, "临期")],
        label="提示",
        method="filter_level",
        empty_label="临期与逾期",
    )
    status = None
