"""Deadline and calendar serializers. The flag and time left are today's (live)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fazhi.core.accounts.models import User
from fazhi.kernel.timelimits import RULES

from .. import selectors, services
from ..models import CalendarDay, CalendarNotice, Deadline


class ClockSerializer(serializers.ModelSerializer):
    """A clock of a subject as a system's detail API shows it.

    ``omit`` leaves out fields a system's API does not show (``key`` where a subject has one
    clock per rule, ``restart`` where no clock restarts).
    """

    class Meta:
        model = Deadline
        fields = [
            "id",
            "rule_id",
            "key",
            "title",
            "trigger",
            "restart",
            "suspensions",
            "extended",
            "due",
            "provisional",
            "status",
            "closed_on",
            "on_time",
        ]

    def __init__(self, *args: Any, omit: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in omit:
            self.fields.pop(name)


class RemainingSerializer(serializers.Serializer):
    working_days = serializers.IntegerField(help_text="(today, due] 内的工作日数；逾期为负")
    calendar_days = serializers.IntegerField(help_text="届满日减今天的天数")
    overdue = serializers.BooleanField()


class DeadlineSerializer(serializers.ModelSerializer):
    subject_type = serializers.SerializerMethodField()
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    rule_title = serializers.SerializerMethodField()
    level = serializers.SerializerMethodField(
        help_text="今天的提示：normal / yellow（临期）/ red（逾期）"
    )
    remaining = serializers.SerializerMethodField()
    explain_url = serializers.SerializerMethodField()

    class Meta:
        model = Deadline
        fields = [
            "id",
            "subject_type",
            "subject_id",
            "subject_label",
            "agency",
            "agency_name",
            "rule_id",
            "rule_title",
            "title",
            "binds",
            "trigger",
            "restart",
            "suspensions",
            "suspended_since",
            "extended",
            "extension_length",
            "due",
            "provisional",
            "status",
            "level",
            "remaining",
            "assignee",
            "role",
            "closed_on",
            "on_time",
            "explain_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_subject_type(self, obj: Deadline) -> str:
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_id(obj.subject_type_id)
        return f"{ct.app_label}.{ct.model}"

    @extend_schema_field(serializers.CharField())
    def get_rule_title(self, obj: Deadline) -> str:
        rule = RULES.get(obj.rule_id)
        return rule.title if rule is not None else ""

    @extend_schema_field(serializers.ChoiceField(choices=Deadline.Level.choices))
    def get_level(self, obj: Deadline) -> str:
        return selectors.flag_of_row(obj).level

    @extend_schema_field(RemainingSerializer)
    def get_remaining(self, obj: Deadline) -> dict[str, object]:
        f = selectors.flag_of_row(obj)
        return {
            "working_days": f.working_days,
            "calendar_days": f.calendar_days,
            "overdue": f.overdue,
        }

    @extend_schema_field(serializers.CharField())
    def get_explain_url(self, obj: Deadline) -> str:
        from django.urls import reverse

        return reverse("deadlines:explain", args=[obj.pk])


class RuleSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    citation = serializers.CharField()
    quote = serializers.CharField()
    period = serializers.CharField(source="period_label")
    counting_basis = serializers.CharField()
    verified = serializers.BooleanField()


class DeadlineDetailSerializer(DeadlineSerializer):
    rule = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField(
        help_text="期限计算过程，每行一项事实（与“说明此日期”页面相同）"
    )

    class Meta(DeadlineSerializer.Meta):
        fields = [*DeadlineSerializer.Meta.fields, "rule", "explanation"]
        read_only_fields = fields

    @extend_schema_field(RuleSerializer(allow_null=True))
    def get_rule(self, obj: Deadline) -> dict[str, object] | None:
        rule = RULES.get(obj.rule_id)
        return RuleSerializer(rule).data if rule is not None else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_explanation(self, obj: Deadline) -> list[str]:
        return services.explain(obj)


class CalendarDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarDay
        fields = ["day", "is_workday", "name"]


class CalendarNoticeSerializer(serializers.ModelSerializer):
    days = CalendarDaySerializer(many=True, read_only=True)
    entered_by: serializers.StringRelatedField[User] = serializers.StringRelatedField()

    class Meta:
        model = CalendarNotice
        fields = [
            "id",
            "year",
            "title",
            "document_number",
            "published_on",
            "entered_by",
            "entered_at",
            "days",
        ]
