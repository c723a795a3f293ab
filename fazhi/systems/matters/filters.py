"""FilterSets of the matters pages and the API (one per model)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from fazhi.core.orgs.models import Agency

from . import policies
from .models import BenchmarkVersion, LenientList, LenientListItem, Matter


def _agencies(request) -> QuerySet[Agency]:
    if request is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=policies.visible_agency_ids(request.user)).order_by(
        "order", "name"
    )


class MatterFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称或编码", method="search")
    agency = django_filters.ModelChoiceFilter(label="实施机关", queryset=_agencies)
    kind = django_filters.ChoiceFilter(label="事项类型", choices=Matter.Kind.choices)
    field = django_filters.CharFilter(label="执法领域", field_name="field")
    in_review_catalogue = django_filters.BooleanFilter(label="法制审核目录")
    active = django_filters.BooleanFilter(label="有效")

    class Meta:
        model = Matter
        fields = ["q", "agency", "kind", "field", "in_review_catalogue", "active"]

    def search(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(Q(name__contains=value) | Q(code__startswith=value))


class BenchmarkVersionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="事项", method="search")
    agency = django_filters.ModelChoiceFilter(
        label="实施机关", field_name="benchmark__matter__agency", queryset=_agencies
    )
    published = django_filters.BooleanFilter(label="已公布")

    class Meta:
        model = BenchmarkVersion
        fields = ["q", "agency", "published"]

    def search(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(
            Q(benchmark__matter__name__contains=value)
            | Q(benchmark__matter__code__startswith=value)
        )


class LenientItemFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="违法行为", field_name="description", lookup_expr="contains"
    )
    agency = django_filters.ModelChoiceFilter(
        label="机关", field_name="lenient_list__agency", queryset=_agencies
    )
    kind = django_filters.ChoiceFilter(
        label="清单类别", field_name="lenient_list__kind", choices=LenientList.Kind.choices
    )

    class Meta:
        model = LenientListItem
        fields = ["q", "agency", "kind"]
