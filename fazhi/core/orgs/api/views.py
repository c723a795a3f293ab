"""``/api/orgs/``: read-only, filtered by the same policy and FilterSets as the pages."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from rest_framework import viewsets

from fazhi.core.accounts.models import RoleAssignment, StaffMember
from fazhi.core.accounts.policies import require

from .. import policies
from ..filters import AgencyFilterSet, DivisionFilterSet, StaffFilterSet, UnitFilterSet
from ..models import Agency, Division, Unit
from .serializers import AgencySerializer, DivisionSerializer, StaffSerializer, UnitSerializer

DENIED = "您没有查看组织机构的权限。"


class _OrgViewSet(viewsets.ReadOnlyModelViewSet):
    def check_permissions(self, request) -> None:
        super().check_permissions(request)
        require(policies.can_view_orgs(request.user), DENIED)


class DivisionViewSet(_OrgViewSet):
    """行政区划 (GB/T 2260; 乡级 GB/T 10114)."""

    serializer_class = DivisionSerializer
    filterset_class = DivisionFilterSet

    def get_queryset(self) -> QuerySet[Division]:
        return policies.visible_divisions(self.request.user)


class AgencyViewSet(_OrgViewSet):
    """机关: those the caller may see (own, supervised, or all for the administrators)."""

    serializer_class = AgencySerializer
    filterset_class = AgencyFilterSet

    def get_queryset(self) -> QuerySet[Agency]:
        return policies.visible_agencies(self.request.user)


class UnitViewSet(_OrgViewSet):
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet

    def get_queryset(self) -> QuerySet[Unit]:
        return policies.visible_units(self.request.user)


class StaffViewSet(_OrgViewSet):
    serializer_class = StaffSerializer
    filterset_class = StaffFilterSet

    def get_queryset(self) -> QuerySet[StaffMember]:
        grants = Prefetch(
            "user__role_assignments",
            queryset=RoleAssignment.objects.only("role", "agency_id", "user_id"),
        )
        return policies.visible_staff(self.request.user).prefetch_related(grants)
