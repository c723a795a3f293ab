"""One FilterSet for the list of the UI and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from fazhi.core.accounts.policies import principal
from fazhi.core.orgs.models import Agency

from . import rules
from .models import Proposal
from .workflow import STATES


def visible_agencies(request: Any) -> QuerySet[Agency]:
    if request is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=principal(request.user).visible_agency_ids)


class ProposalFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="编号、案由或代表（委员）", method="search")
    kind = django_filters.ChoiceFilter(
        choices=rules.KIND_CHOICES, label="类别", empty_label="全部类别"
    )
    year = django_filters.NumberFilter(label="年度")
    lead_unit = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, label="主办单位", empty_label="全部单位"
    )
    state = django_filters.ChoiceFilter(
        choices=list(STATES.items()), label="状态", empty_label="全部状态"
    )
    result = django_filters.ChoiceFilter(
        choices=rules.RESULT_CHOICES, label="办理结果", empty_label="全部结果"
    )
    satisfaction = django_filters.ChoiceFilter(
        choices=rules.SATISFACTION_CHOICES, label="代表（委员）意见", empty_label="全部"
    )

    class Meta:
        model = Proposal
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__icontains=value) | Q(title__icontains=value) | Q(author__icontains=value)
        )
