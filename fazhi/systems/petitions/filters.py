"""FilterSets for the petition and ticket lists of the UI and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from fazhi.core.accounts.policies import principal
from fazhi.core.orgs.models import Agency
from fazhi.core.ui.filters import MineFilter, OwnAgencyFilter, SearchFilter

from . import hotline, rules, workflow
from .models import HotlineTicket, Petition


def visible_agencies(request: Any) -> QuerySet[Agency]:
    if request is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=principal(request.user).visible_agency_ids)


class PetitionFilterSet(django_filters.FilterSet):
    q = SearchFilter(
        fields=(
            "number",
            "opinion_number",
            "petitioner_name",
            "petitioner_id_number",
            "content",
        ),
        placeholder="信访件编号、意见书文号、信访人、身份证明号码或内容的任意部分",
    )
    mine = MineFilter(label="我登记的", path="created_by")
    ours = OwnAgencyFilter(label="我机关的", field="agency")
    agency = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, label="登记机关", empty_label="全部机关"
    )
    handler_agency = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, label="承办机关", empty_label="全部机关"
    )
    state = django_filters.ChoiceFilter(
        choices=list(workflow.STATES.items()), label="状态", empty_label="全部状态"
    )
    channel = django_filters.ChoiceFilter(
        choices=rules.CHANNEL_CHOICES, label="信访形式", empty_label="全部形式"
    )
    handled_on_time = django_filters.BooleanFilter(label="按期办结")
    received_after = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label="收到日自"
    )
    received_before = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label="收到日至"
    )

    class Meta:
        model = Petition
        fields: list[str] = []


class TicketFilterSet(django_filters.FilterSet):
    q = SearchFilter(
        fields=("number", "caller_name", "caller_contact", "content"),
        placeholder="工单编号、来电人、联系电话或内容的任意部分",
    )
    mine = MineFilter(label="我登记的", path="created_by")
    ours = OwnAgencyFilter(label="我单位承办的", field="unit")
    unit = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, label="承办单位", empty_label="全部单位"
    )
    state = django_filters.ChoiceFilter(
        choices=list(hotline.STATES.items()), label="状态", empty_label="全部状态"
    )
    category = django_filters.ChoiceFilter(
        choices=rules.CATEGORY_CHOICES, label="诉求类型", empty_label="全部类型"
    )
    satisfaction = django_filters.ChoiceFilter(
        choices=rules.SATISFACTION_CHOICES, label="满意度", empty_label="全部"
    )
    received_after = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label="来电日自"
    )
    received_before = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label="来电日至"
    )

    class Meta:
        model = HotlineTicket
        fields: list[str] = []
