"""FilterSets for the lists of the UI and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from fazhi.core.accounts.policies import principal
from fazhi.core.orgs.models import Agency
from fazhi.core.ui.filters import MineFilter, OwnAgencyFilter, SearchFilter

from . import rules
from .models import LitigationCase, Recommendation, ReconsiderationCase, Respondence
from .workflow import CASE_STATES, LITIGATION_STATES, RESPONDENCE_STATES


def visible_agencies(request: Any) -> QuerySet[Agency]:
    if request is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=principal(request.user).visible_agency_ids)


CATEGORY = list(rules.CATEGORIES.items())


class ReconsiderationFilterSet(django_filters.FilterSet):
    q = SearchFilter(
        fields=("number", "applicant_name", "respondent_name", "act_description"),
        placeholder="案号、申请人、被申请人或所涉行政行为的任意部分",
    )
    ours = OwnAgencyFilter(label="我机关的", field="agency")
    state = django_filters.ChoiceFilter(
        choices=list(CASE_STATES.items()), label="状态", empty_label="全部"
    )
    category = django_filters.ChoiceFilter(choices=CATEGORY, label="类别", empty_label="全部")
    respondent = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, label="被申请人", empty_label="全部"
    )
    decision_type = django_filters.ChoiceFilter(
        choices=[(k, v.label) for k, v in rules.RECONSIDERATION_DECISIONS.items()],
        label="决定",
        empty_label="全部",
    )
    received_after = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label="收到自"
    )
    received_before = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label="收到至"
    )

    class Meta:
        model = ReconsiderationCase
        fields: list[str] = []


class RespondenceFilterSet(django_filters.FilterSet):
    q = SearchFilter(
        fields=("number", "applicant_name", "body_name", "act_description"),
        placeholder="案号、申请人、复议机关或所涉行政行为的任意部分",
    )
    ours = OwnAgencyFilter(label="我机关的", field="agency")
    agency = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, label="被申请人", empty_label="全部"
    )
    state = django_filters.ChoiceFilter(
        choices=list(RESPONDENCE_STATES.items()), label="状态", empty_label="全部"
    )
    category = django_filters.ChoiceFilter(choices=CATEGORY, label="类别", empty_label="全部")
    on_time = django_filters.BooleanFilter(label="按期答复")

    class Meta:
        model = Respondence
        fields: list[str] = []


class LitigationFilterSet(django_filters.FilterSet):
    q = SearchFilter(
        fields=("number", "plaintiff_name", "court", "act_description"),
        placeholder="案号、原告、法院或所涉行政行为的任意部分",
    )
    ours = OwnAgencyFilter(label="我机关的", field="agency")
    agency = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, label="被告", empty_label="全部"
    )
    state = django_filters.ChoiceFilter(
        choices=list(LITIGATION_STATES.items()), label="状态", empty_label="全部"
    )
    category = django_filters.ChoiceFilter(choices=CATEGORY, label="类别", empty_label="全部")
    lost = django_filters.BooleanFilter(label="败诉")
    outcome = django_filters.ChoiceFilter(
        choices=[(k, v.label) for k, v in rules.LITIGATION_OUTCOMES.items()],
        label="裁判结果",
        empty_label="全部",
    )

    class Meta:
        model = LitigationCase
        fields: list[str] = []


class RecommendationFilterSet(django_filters.FilterSet):
    q = SearchFilter(fields=("number", "issuer"), placeholder="文号或发出机关的任意部分")
    mine = MineFilter(label="我登记的", path="created_by")
    agency = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, label="被建议机关", empty_label="全部"
    )
    kind = django_filters.ChoiceFilter(
        choices=list(rules.RECOMMENDATION_KINDS.items()), label="类别", empty_label="全部"
    )
    answered = django_filters.BooleanFilter(
        field_name="feedback_on", lookup_expr="isnull", exclude=True, label="已回复"
    )

    class Meta:
        model = Recommendation
        fields: list[str] = []
