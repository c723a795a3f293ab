"""``/api/disclosure/``: the request list and detail, registration and the annual-report
figures (the step endpoints are drawn by core from :mod:`..steps`). Same policies, forms and services as the pages; a refusal comes back as
409 with its article (fazhi.core.workflow.api.exception_handler)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.accounts.policies import principal
from fazhi.core.indicators.registry import scope_for
from fazhi.core.orgs.models import Agency
from fazhi.core.workflow.api_views import form_data, form_errors

from .. import policies, report, selectors, services
from ..filters import RequestFilterSet
from ..forms import RegisterForm
from ..models import DisclosureRequest
from .serializers import (
    RegisterSerializer,
    RequestDetailSerializer,
    RequestSerializer,
)


class RequestListAPIView(generics.ListCreateAPIView):
    """Requests the user may read; POST registers a new one (登记申请)."""

    serializer_class = RequestSerializer
    filterset_class = RequestFilterSet

    def get_queryset(self) -> QuerySet[DisclosureRequest]:
        return selectors.visible(self.request.user).order_by("-pk")

    @extend_schema(summary="政府信息公开申请列表", tags=["disclosure"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="登记申请（第三十一条确定收到申请之日）",
        tags=["disclosure"],
        request=RegisterSerializer,
        responses=RequestDetailSerializer,
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = RegisterForm(
            form_data(request.data),
            agencies=policies.registering_agencies(request.user),
            user=request.user,
        )
        if not form.is_valid():
            raise form_errors(form)
        req = services.register_request(
            actor=request.user, handler=request.user, **form.cleaned_data
        )
        body = RequestDetailSerializer(req, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class RequestDetailAPIView(generics.RetrieveAPIView):
    serializer_class = RequestDetailSerializer

    def get_object(self) -> DisclosureRequest:
        return policies.get_visible_request(self.request.user, self.kwargs["pk"])

    @extend_schema(summary="申请详情（含期限、征求意见、可办理步骤）", tags=["disclosure"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class AnnualReportAPIView(APIView):
    """年度报告 sections 三 and 四 for ``?agency=<id>&year=<yyyy>``."""

    @extend_schema(
        summary="政府信息公开工作年度报告数据",
        tags=["disclosure"],
        parameters=[
            OpenApiParameter("agency", int, required=True),
            OpenApiParameter("year", int, required=True),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request) -> Response:
        visible = principal(request.user).visible_agency_ids
        try:
            agency = Agency.objects.get(pk=int(request.query_params.get("agency", 0)))
            year = int(request.query_params["year"])
        except (Agency.DoesNotExist, KeyError, ValueError):
            raise ValidationError(
                {"agency": "请指定可查看的机关（agency）和年度（year）。"}
            ) from None
        if agency.pk not in visible:
            raise Http404("没有找到该机关。")
        figures = report.annual_figures(scope_for(agency, visible), year)
        return Response(
            {
                "agency": agency.pk,
                "year": year,
                "consistent": figures.consistent,
                "rows": [
                    {"code": r.code, "label": r.label, "cells": r.cells} for r in figures.rows()
                ],
                "answered": figures.answered,
                "answered_on_time": figures.answered_on_time,
                "disputes": figures.disputes,
            }
        )
