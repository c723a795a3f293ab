"""FilterSets shared by the organisation pages and the API (one per model, as in NetBox)."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet

from fazhi.core.accounts import roles
from fazhi.core.accounts.models import RoleAssignment, StaffMember

from . import policies
from .models import Agency, Division, Unit


def _agencies(request) -> QuerySet[Agency]:
    if request is None:
        return Agency.objects.none()
    return policies.visible_agencies(request.user).order_by("order", "name")


def _governments(request) -> QuerySet[Agency]:
    return _agencies(request).filter(kind__in=[Agency.Kind.GOVERNMENT, Agency.Kind.TOWNSHIP])


def _units(request) -> QuerySet[Unit]:
    if request is None:
        return Unit.objects.none()
    return policies.visible_units(request.user).order_by("agency__order", "agency__name", "name")


class DivisionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称或代码", method="search")
    level = django_filters.ChoiceFilter(label="层级", choices=Division.Level.choices)
    parent = django_filters.CharFilter(label="上级区划代码", field_name="parent__code")

    class Meta:
        model = Division
        fields = ["q", "level", "parent"]

    def search(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(Q(name__contains=value) | Q(code__startswith=value))


class AgencyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="机关名称", method="search")
    kind = django_filters.ChoiceFilter(label="类别", choices=Agency.Kind.choices)
    government = django_filters.ModelChoiceFilter(label="所属人民政府", queryset=_governments)
    active = django_filters.BooleanFilter(label="有效")

    class Meta:
        model = Agency
        fields = ["q", "kind", "government", "active"]

    def search(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(Q(name__contains=value) | Q(short_name__contains=value) | Q(uscc=value))


class UnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="机构名称", field_name="name", lookup_expr="contains")
    agency = django_filters.ModelChoiceFilter(label="所属机关", queryset=_agencies)
    kind = django_filters.ChoiceFilter(label="类别", choices=Unit.Kind.choices)

    class Meta:
        model = Unit
        fields = ["q", "agency", "kind"]


class StaffFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(label="姓名", lookup_expr="contains")
    agency = django_filters.ModelChoiceFilter(label="所属机关", queryset=_agencies)
    unit = django_filters.ModelChoiceFilter(label="内设机构", queryset=_units)
    role = django_filters.ChoiceFilter(label="角色", choices=roles.choices, method="with_role")
    active = django_filters.BooleanFilter(label="在岗")

    class Meta:
        model = StaffMember
        fields = ["name", "agency", "unit", "role", "active"]

    def with_role(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        """Staff whose login holds ``value`` (in any agency: an officer is an officer)."""
        held = RoleAssignment.objects.filter(user_id=OuterRef("user_id"), role=value)
        return qs.filter(Exists(held))
