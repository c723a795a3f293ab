"""One FilterSet for the list of the UI and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from fazhi.core.accounts.policies import principal
from fazhi.core.orgs.models import Agency
from fazhi.core.ui.filters import MineFilter, OwnAgencyFilter, SearchFilter

from . import rules
from .models import Proposal
from .workflow import STATES


def visible_agencies(request: Any) -> QuerySet[Agency]:
    if request is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=principal(request.user).visible_agency_ids)


class ProposalFilterSet(django_filters.FilterSet):
    q = SearchFilter(
        fields=("number", "answer_number", "title", "author"),
        placeholder="编号、答复文号、案由或代表（委员）的任意部分",
    )
    mine = MineFilter(label="我登记的", path="created_by")
    ours = OwnAgencyFilter(label="我单位主办的", field="lead_unit")
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
