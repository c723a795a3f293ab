"""One FilterSet for the request list of the UI and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from fazhi.core.accounts.policies import principal
from fazhi.core.orgs.models import Agency

from . import rules
from .models import DisclosureRequest
from .workflow import STATES


def visible_agencies(request: Any) -> QuerySet[Agency]:
    if request is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=principal(request.user).visible_agency_ids)


class RequestFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="编号、申请人或内容", method="search")
    agency = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, label="受理机关", empty_label="全部机关"
    )
    state = django_filters.ChoiceFilter(
        choices=list(STATES.items()), label="状态", empty_label="全部状态"
    )
    channel = django_filters.ChoiceFilter(
        choices=rules.CHANNEL_CHOICES, label="提交渠道", empty_label="全部渠道"
    )
    answer_type = django_filters.ChoiceFilter(
        choices=rules.ANSWER_TYPE_CHOICES, label="答复类型", empty_label="全部类型"
    )
    on_time = django_filters.BooleanFilter(label="按期答复")
    received_after = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label="收到日自"
    )
    received_before = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label="收到日至"
    )

    class Meta:
        model = DisclosureRequest
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__icontains=value)
            | Q(applicant_name__icontains=value)
            | Q(content__icontains=value)
        )
