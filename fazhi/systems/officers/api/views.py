"""``/api/officers/``: the certificate register and training records (same policies and
FilterSets as the pages), the certificate changes through the services, and the checks the case
app and others call (第四十二条, 第五十八条第二款)."""

from __future__ import annotations

from dataclasses import asdict

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.accounts.models import StaffMember
from fazhi.core.accounts.policies import require

from .. import policies, selectors, services
from ..filters import CertificateFilterSet, TrainingRecordFilterSet
from ..models import Certificate, TrainingRecord
from .serializers import (
    CertCheckSerializer,
    CertificateSerializer,
    CheckSerializer,
    IssueSerializer,
    TrainingRecordSerializer,
)

NOT_MANAGER = "只有法治监督机构（司法局）可以变更该机关人员的执法证件。"


def _staff(request: Request, pk: int) -> StaffMember:
    staff = get_object_or_404(StaffMember.objects.select_related("agency"), pk=pk)
    require(policies.can_view(request.user, staff.agency_id), "您无权查看该人员。")
    return staff


class CertificateViewSet(viewsets.ReadOnlyModelViewSet):
    """执法证件: list, detail with history; issue, suspend, reinstate, revoke and renew."""

    serializer_class = CertificateSerializer
    filterset_class = CertificateFilterSet

    def get_queryset(self) -> QuerySet[Certificate]:
        return policies.certificates_scope(self.request.user).prefetch_related("events")

    def _respond(self, cert: Certificate, code: int = status.HTTP_200_OK) -> Response:
        cert = self.get_queryset().get(pk=cert.pk)
        return Response(CertificateSerializer(cert).data, status=code)

    @extend_schema(request=IssueSerializer, responses=CertificateSerializer)
    def create(self, request: Request) -> Response:
        data = IssueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        staff = _staff(request, d.pop("staff"))
        require(policies.can_manage_certificates(request.user, staff.agency_id), NOT_MANAGER)
        return self._respond(
            services.issue_certificate(staff, actor=request.user, **d), status.HTTP_201_CREATED
        )


class TrainingRecordViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = TrainingRecordSerializer
    filterset_class = TrainingRecordFilterSet

    def get_queryset(self) -> QuerySet[TrainingRecord]:
        return policies.training_scope(self.request.user)

    def create(self, request: Request) -> Response:
        data = TrainingRecordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        staff = _staff(request, d.pop("staff").pk)
        require(
            policies.can_record_training(request.user, staff.agency_id),
            "您无权登记该人员的培训学时。",
        )
        rec = services.record_training(staff, actor=request.user, **d)
        return Response(TrainingRecordSerializer(rec).data, status=status.HTTP_201_CREATED)


@extend_schema(request=CheckSerializer, responses=CertCheckSerializer)
@api_view(["POST"])
def officers_check(request: Request) -> Response:
    """第四十二条: at least two officers, each with a valid 执法证 in ``field`` on ``on``."""
    data = CheckSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    d = data.validated_data
    staff = [_staff(request, pk) for pk in d["staff"]]
    check = selectors.officers_check(staff, d["on"], d["field"] or None)
    return Response(asdict(check))


@extend_schema(request=CheckSerializer, responses=CertCheckSerializer)
@api_view(["POST"])
def reviewer_check(request: Request) -> Response:
    """第五十八条第二款: 法律职业资格 of the first staff member listed."""
    data = CheckSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    d = data.validated_data
    require(bool(d["staff"]), "请指定审核人员。")
    check = selectors.is_qualified_reviewer(_staff(request, d["staff"][0]), d["on"])
    return Response(asdict(check))
