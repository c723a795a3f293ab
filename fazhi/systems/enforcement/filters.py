"""Filters of the case list, shared by the HTML list and the API."""

from __future__ import annotations

import django_filters
from django import forms

from fazhi.core.accounts.policies import principal
from fazhi.core.orgs.models import Agency
from fazhi.core.ui.filters import MineFilter, OwnAgencyFilter, SearchFilter
from fazhi.core.ui.forms import DateInput

from .models import Case, Outcome, Procedure
from .states import STATES


def _agencies(request):
    if request is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=principal(request.user).visible_agency_ids)


#: What the 搜索 box matches (any part, ignoring case): 案号, 案源编号, 决定书文号, the party's
#: name, 统一社会信用代码 and 公民身份号码. On PostgreSQL each has a trigram index (migration 0008).
SEARCH_FIELDS = (
    "number",
    "source_number",
    "decision_number",
    "party_name",
    "party_uscc",
    "party_id_number",
)


class CaseFilterSet(django_filters.FilterSet):
    """Only indexed columns, so that a filtered page stays fast on a million cases."""

    q = SearchFilter(
        fields=SEARCH_FIELDS,
        placeholder="案号、决定书文号、当事人、统一社会信用代码或身份证号的任意部分",
    )
    mine = MineFilter(label="我承办的", path="officers__user")
    ours = OwnAgencyFilter(label="我机关的", field="agency")
    agency = django_filters.ModelChoiceFilter(label="执法机关", queryset=_agencies)
    state = django_filters.ChoiceFilter(
        label="状态", choices=[(k, v) for k, v in STATES.items() if k != "draft"]
    )
    procedure = django_filters.ChoiceFilter(label="程序", choices=Procedure.choices)
    outcome = django_filters.ChoiceFilter(label="处理结果", choices=Outcome.choices)
    registered_from = django_filters.DateFilter(
        label="登记日起", field_name="registered_on", lookup_expr="gte", widget=DateInput
    )
    registered_to = django_filters.DateFilter(
        label="登记日止", field_name="registered_on", lookup_expr="lte", widget=DateInput
    )
    late = django_filters.BooleanFilter(
        label="超过九十日作出决定",
        field_name="decision_on_time",
        method="filter_late",
        widget=forms.CheckboxInput,
    )

    flagged = django_filters.BooleanFilter(
        label="偏离裁量基准（提请法制审核关注）",
        field_name="flagged_for_review",
        method="filter_flagged",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Case
        fields = ["agency", "state", "procedure", "outcome"]

    def filter_late(self, qs, name, value):
        return qs.filter(decision_on_time=False) if value else qs

    def filter_flagged(self, qs, name, value):
        return qs.filter(flagged_for_review=True) if value else qs
