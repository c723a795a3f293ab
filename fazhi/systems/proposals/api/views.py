"""``/api/proposals/``: the list and detail and registration. The step endpoints (one POST per
step, same forms and services as the pages) are drawn by core from :mod:`..steps`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.workflow.api_views import form_data, form_errors

from .. import policies, selectors, services
from ..filters import ProposalFilterSet
from ..forms import RegisterForm
from ..models import Proposal
from .serializers import (
    ProposalDetailSerializer,
    ProposalSerializer,
    RegisterSerializer,
)


class ProposalListAPIView(generics.ListCreateAPIView):
    """Items the user may read; POST registers a new one."""

    serializer_class = ProposalSerializer
    filterset_class = ProposalFilterSet

    def get_queryset(self) -> QuerySet[Proposal]:
        return selectors.visible(self.request.user).prefetch_related("co_units").order_by("-pk")

    @extend_schema(summary="建议、提案列表", tags=["proposals"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="登记建议、提案",
        tags=["proposals"],
        request=RegisterSerializer,
        responses=ProposalDetailSerializer,
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = RegisterForm(
            form_data(request.data), agencies=policies.registering_agencies(request.user)
        )
        if not form.is_valid():
            raise form_errors(form)
        p = services.register_proposal(actor=request.user, **form.cleaned_data)
        body = ProposalDetailSerializer(p, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class ProposalDetailAPIView(generics.RetrieveAPIView):
    serializer_class = ProposalDetailSerializer

    def get_object(self) -> Proposal:
        return policies.get_visible(self.request.user, self.kwargs["pk"])

    @extend_schema(summary="建议、提案详情（含期限、协办意见、可办理步骤）", tags=["proposals"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
