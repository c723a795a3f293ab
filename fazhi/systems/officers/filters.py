"""FilterSets of the personnel pages and the API (one per model)."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.core.accounts.models import StaffMember
from fazhi.core.orgs.models import Agency

from . import policies
from .models import Certificate, TrainingRecord
from .rules import ANNUAL_TRAINING_HOURS, expiry_notice_days
from .selectors import TO_RENEW


def _agencies(request) -> QuerySet[Agency]:
    if request is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=policies.visible_agency_ids(request.user)).order_by(
        "order", "name"
    )


class CertificateFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="姓名或证号", method="search")
    agency = django_filters.ModelChoiceFilter(
        label="机关", field_name="staff__agency", queryset=_agencies
    )
    kind = django_filters.ChoiceFilter(label="证件类别", choices=Certificate.Kind.choices)
    status = django_filters.ChoiceFilter(
        label="状态",
        choices=[c for c in Certificate.Status.choices if c[0] != Certificate.Status.NEW],
    )
    expiring = django_filters.BooleanFilter(label="即将到期或已过期", method="filter_expiring")
    field = django_filters.CharFilter(label="执法领域", method="filter_field")

    class Meta:
        model = Certificate
        fields = ["q", "agency", "kind", "status", "expiring", "field"]

    def search(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(Q(staff__name__contains=value) | Q(number__contains=value))

    def filter_expiring(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        limit = timezone.localdate() + timedelta(days=expiry_notice_days())
        cond = Q(status__in=TO_RENEW, expires_on__lte=limit)
        return qs.filter(cond) if value else qs.exclude(cond)

    def filter_field(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        # JSON list membership portable across SQLite and PostgreSQL: checked in Python on the
        # (small) certificate register of the visible agencies.
        if not value:
            return qs
        ids = [pk for pk, fields in qs.values_list("pk", "fields") if value in (fields or [])]
        return qs.filter(pk__in=ids)


class TrainingSummaryFilterSet(django_filters.FilterSet):
    """On enforcement staff annotated with ``counted_hours`` for the chosen year."""

    q = django_filters.CharFilter(label="姓名", field_name="name", lookup_expr="contains")
    agency = django_filters.ModelChoiceFilter(label="机关", queryset=_agencies)
    year = django_filters.NumberFilter(label="年度", method="keep")  # applied by the view's scope
    below = django_filters.BooleanFilter(
        label=f"不足{ANNUAL_TRAINING_HOURS.value}学时", method="filter_below"
    )

    class Meta:
        model = StaffMember
        fields = ["q", "agency", "year", "below"]

    def keep(self, qs: QuerySet, name: str, value) -> QuerySet:
        return qs

    def filter_below(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        cond = Q(counted_hours__lt=ANNUAL_TRAINING_HOURS.value)
        return qs.filter(cond) if value else qs.exclude(cond)


class TrainingRecordFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="姓名或培训名称", method="search")
    agency = django_filters.ModelChoiceFilter(
        label="机关", field_name="staff__agency", queryset=_agencies
    )
    year = django_filters.NumberFilter(label="年度")
    category = django_filters.ChoiceFilter(label="类别", choices=TrainingRecord.Category.choices)

    class Meta:
        model = TrainingRecord
        fields = ["q", "agency", "year", "category"]

    def search(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(Q(staff__name__contains=value) | Q(title__contains=value))
