"""/api/indicators/: the registry, values for an organisation and period, and the records
behind a figure — under the same policy as the dashboard."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.orgs.models import Agency
from fazhi.core.ui.pagination import SeekPagination

from .. import policies, registry, selectors
from ..registry import Period, PeriodError
from .serializers import (
    IndicatorSerializer,
    RecordSerializer,
    ValuesResponseSerializer,
    period_dict,
    plain,
    value_dict,
)

AGENCY = OpenApiParameter("agency", int, description="机关编号（人民政府汇总其所属机关）")
PERIOD = OpenApiParameter(
    "period", str, description="期间：2025、2025Q3、2025-03 或 2025-01-01..2025-06-30"
)


def _scope(request: Request) -> tuple[Agency, frozenset[int], Period]:
    raw = request.query_params.get("agency")
    if not raw:
        raise ValidationError({"agency": ["请指定机关（agency）。"]})
    try:
        pk = int(raw)
    except ValueError:
        raise ValidationError({"agency": ["机关编号应为整数。"]}) from None
    agency = policies.visible_agencies(request.user).filter(pk=pk).first()
    if agency is None:
        raise PermissionDenied(policies.DENIED)
    try:
        period = Period.parse(request.query_params.get("period") or "")
    except PeriodError as exc:
        raise ValidationError({"period": [str(exc)]}) from None
    return agency, policies.agency_scope(request.user, agency), period


class IndicatorList(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=IndicatorSerializer(many=True), summary="已注册的指标")
    def get(self, request: Request) -> Response:
        return Response(IndicatorSerializer(registry.all_indicators(), many=True).data)


class IndicatorValues(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            AGENCY,
            PERIOD,
            OpenApiParameter("codes", str, description="只计算这些指标（逗号分隔）"),
        ],
        responses=ValuesResponseSerializer,
        summary="机关某期间的指标值",
    )
    def get(self, request: Request) -> Response:
        agency, ids, period = _scope(request)
        wanted = {c for c in request.query_params.get("codes", "").split(",") if c}
        indicators = registry.all_indicators()
        if wanted:
            unknown = wanted - {i.code for i in indicators}
            if unknown:
                raise ValidationError({"codes": [f"未注册的指标：{'、'.join(sorted(unknown))}"]})
            indicators = [i for i in indicators if i.code in wanted]
        values: list[dict[str, Any]] = []
        for ind in indicators:
            v = selectors.safe_compute(ind, ids, period)
            values.append(
                {
                    "code": ind.code,
                    "name": ind.name,
                    "unit": ind.unit,
                    "area": ind.area,
                    **value_dict(v),
                    "records_url": request.build_absolute_uri(
                        reverse("indicators-records", args=[ind.code])
                        + "?"
                        + urlencode({"agency": agency.pk, "period": period.code})
                    ),
                }
            )
        return Response(
            {
                "agency": {"id": agency.pk, "name": agency.name},
                "period": period_dict(period),
                "agency_ids": sorted(ids),
                "values": values,
            }
        )


class IndicatorRecords(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[AGENCY, PERIOD], responses=RecordSerializer(many=True), summary="指标统计的记录"
    )
    def get(self, request: Request, code: str) -> Response:
        try:
            ind = registry.get(code)
        except registry.UnknownIndicator as exc:
            raise NotFound(str(exc)) from None
        _, ids, period = _scope(request)
        qs = ind.records(ids, period)
        paginator = SeekPagination()
        paginator.ordering = f"-{qs.model._meta.pk.name}"
        page = paginator.paginate_queryset(qs, request, view=self) or []
        columns = ind.record_columns or [("记录", "__str__")]
        rows = [
            {
                "id": row.pk,
                "label": str(row),
                "values": {label: plain(registry.read_path(row, path)) for label, path in columns},
            }
            for row in page
        ]
        return paginator.get_paginated_response(rows)
