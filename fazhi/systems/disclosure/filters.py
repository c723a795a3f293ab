"""One FilterSet for the request list of the UI and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from fazhi.core.accounts.policies import principal
from fazhi.core.orgs.models import Agency
from fazhi.core.ui.filters import MineFilter, OwnAgencyFilter, SearchFilter

from . import rules
from .models import DisclosureRequest
from .workflow import STATES


def visible_agencies(request: Any) -> QuerySet[Agency]:
    if request is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=principal(request.user).visible_agency_ids)


class RequestFilterSet(django_filters.FilterSet):
    q = SearchFilter(
        fields=(
            "number",
            "letter_number",
            "applicant_name",
            "applicant_id_number",
            "content",
        ),
        placeholder="申请编号、答复书文号、申请人、身份证明号码或内容的任意部分",
    )
    mine = MineFilter(label="我承办的", path="handler")
    ours = OwnAgencyFilter(label="我机关的", field="agency")
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
