"""The security audit trail as the audit administrator reads it: filters, and each event's
details in Chinese (a label per detail key, values formatted; never a stored dict as such).

The labels of the event types are :class:`SecurityEvent.Kind`'s; the detail keys are the keyword
arguments the services pass to :func:`.services.log_event`. A key without a label here is still
shown (as ``key：value``), so a new detail is never hidden from the auditor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.core.ui.forms import DateInput

from . import roles
from .models import SecurityEvent

#: Detail key → label, in the order they are shown.
DETAIL_LABELS: dict[str, str] = {
    "change": "变更",
    "role": "角色",
    "agency": "机关",
    "source": "来源",
    "attempts": "连续失败次数",
    "until": "锁定至",
    "unknown_user": "账号不存在",
    "path": "访问地址",
    "method": "请求方式",
    "reason": "原因",
}

CHANGES = {"created": "创建账号", "reset": "发放一次性密码"}
SOURCES = {"import": "批量导入", "demo": "演示数据", "admin": "管理员操作"}
SYSTEM_ACTORS = {"system:bootstrap": "系统初始化"}


def _time(value: Any) -> str:
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(parsed):
        parsed = timezone.localtime(parsed)
    return parsed.strftime("%Y-%m-%d %H:%M")


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == "":
        return "（无）"
    if isinstance(value, list | tuple):
        return "、".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{_plain(v)}" for k, v in value.items())
    return str(value)


class Describer:
    """Formats details; agency names are read once, on first need (one query per page)."""

    def __init__(self) -> None:
        self._agencies: dict[int, str] | None = None

    def agency(self, value: Any) -> str:
        if self._agencies is None:
            from fazhi.core.orgs.models import Agency

            self._agencies = dict(Agency.objects.values_list("pk", "name"))
        try:
            return self._agencies.get(int(value), f"机关（编号 {value}）")
        except (TypeError, ValueError):
            return _plain(value)

    def value(self, key: str, value: Any) -> str:
        formatters: dict[str, Callable[[Any], str]] = {
            "role": lambda v: roles.label(str(v)),
            "agency": self.agency,
            "change": lambda v: CHANGES.get(str(v), str(v)),
            "source": lambda v: SOURCES.get(str(v), str(v)),
            "until": _time,
            "attempts": lambda v: f"{v} 次",
        }
        if isinstance(value, bool) or key not in formatters:
            return _plain(value)
        return formatters[key](value)

    def __call__(self, event: SecurityEvent) -> str:
        detail = event.detail if isinstance(event.detail, dict) else {"": event.detail}
        keys = [k for k in DETAIL_LABELS if k in detail]
        keys += [k for k in detail if k not in DETAIL_LABELS]
        parts = []
        for key in keys:
            label = DETAIL_LABELS.get(key, key)
            parts.append(
                f"{label}：{self.value(key, detail[key])}" if label else _plain(detail[key])
            )
        return "；".join(parts)


def actor_display(event: SecurityEvent) -> str:
    return SYSTEM_ACTORS.get(event.actor, event.actor)


class SecurityEventFilterSet(django_filters.FilterSet):
    """Who, what, when and whom: the four questions an audit starts from."""

    user = django_filters.CharFilter(label="操作人", method="by_user")
    kind = django_filters.ChoiceFilter(
        label="事件", choices=SecurityEvent.Kind.choices, empty_label="全部"
    )
    since = django_filters.DateFilter(
        label="起始日期", field_name="time", lookup_expr="date__gte", widget=DateInput
    )
    until = django_filters.DateFilter(
        label="截止日期", field_name="time", lookup_expr="date__lte", widget=DateInput
    )
    target = django_filters.CharFilter(label="涉及账号", field_name="username")

    class Meta:
        model = SecurityEvent
        fields = ["user", "kind", "since", "until", "target"]

    def by_user(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        """The one who acted: the operator, or the account itself when it acted alone (a login,
        a logout, a failed attempt, its own password change)."""
        value = value.strip()
        value = next((code for code, name in SYSTEM_ACTORS.items() if name == value), value)
        return qs.filter(Q(actor=value) | Q(actor="", username=value))
