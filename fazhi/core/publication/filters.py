"""One FilterSet per audience: the public portal and the staff list share the search and filters."""

from __future__ import annotations

import django_filters
from django import forms

from fazhi.core.accounts.policies import principal
from fazhi.core.orgs.models import Agency

from . import kinds, selectors
from .models import PublishedItem


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def _visible_agencies(request):
    if request is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=principal(request.user).visible_agency_ids)


class PublishedItemFilterSet(django_filters.FilterSet):
    """The portal's search: words over title and text, and kind, agency and year."""

    q = django_filters.CharFilter(
        label="关键词",
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "标题或正文中的词"}),
    )
    kind = django_filters.ChoiceFilter(label="类别", choices=kinds.choices, empty_label="全部类别")
    agency = django_filters.ModelChoiceFilter(
        label="公开机关", queryset=Agency.objects.filter(active=True), empty_label="全部机关"
    )
    year = YearFilter(
        label="年度",
        method="filter_year",
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": "如 2025", "style": "width:7em"}),
    )

    class Meta:
        model = PublishedItem
        fields = ["q", "kind", "agency", "year"]

    def filter_q(self, qs, name, value):
        return selectors.search(qs, value)

    def filter_year(self, qs, name, value):
        return selectors.in_year(qs, int(value)) if value is not None else qs


class StaffPublishedItemFilterSet(PublishedItemFilterSet):
    """The staff list adds status and timing; the agency choice is limited to what the user sees."""

    agency = django_filters.ModelChoiceFilter(
        label="公开机关",
        queryset=lambda request: _visible_agencies(request),
        empty_label="全部机关",
    )
    status = django_filters.ChoiceFilter(
        label="状态", choices=PublishedItem.Status.choices, empty_label="全部"
    )
    on_time = django_filters.ChoiceFilter(
        label="按期公开",
        choices=[("true", "按期"), ("false", "逾期"), ("none", "无法定期限")],
        method="filter_on_time",
        empty_label="全部",
    )

    class Meta:
        model = PublishedItem
        fields = ["q", "kind", "agency", "year", "status", "on_time"]

    def filter_on_time(self, qs, name, value):
        mapping = {
            "true": {"on_time": True},
            "false": {"on_time": False},
            "none": {"on_time__isnull": True},
        }
        return qs.filter(**mapping[value]) if value in mapping else qs
