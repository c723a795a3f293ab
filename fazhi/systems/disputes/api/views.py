"""``/api/disputes/``: lists, detail, registration for 行政复议 cases, the
respondent's answers and 行政应诉 cases (the step endpoints are drawn by core from :mod:`..steps`). Same policies, forms and services as the pages; a
refusal comes back as 409 with its article (fazhi.core.workflow.api.exception_handler)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.workflow.api_views import form_data, form_errors

from .. import policies, selectors
from ..filters import LitigationFilterSet, ReconsiderationFilterSet, RespondenceFilterSet
from ..models import Recommendation
from ..views import REGISTER, _register_choices
from ..workflow import WORKFLOWS
from .serializers import (
    REGISTER_SERIALIZERS,
    SERIALIZERS,
    RecommendationSerializer,
)

FILTERS = {
    "reconsideration": ReconsiderationFilterSet,
    "respondence": RespondenceFilterSet,
    "litigation": LitigationFilterSet,
}


def _list_view(kind: str) -> type[generics.ListCreateAPIView]:
    form_class, choices_kw, service = REGISTER[kind]

    class View(generics.ListCreateAPIView):
        serializer_class = SERIALIZERS[kind]
        filterset_class = FILTERS[kind]

        def get_queryset(self):
            return policies.visible(
                self.request.user, selectors.MODELS[kind].objects.all()
            ).order_by("-pk")

        @extend_schema(summary=f"{WORKFLOWS[kind].label}列表", tags=["disputes"])
        def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
            return super().get(request, *args, **kwargs)

        @extend_schema(
            summary=f"登记{WORKFLOWS[kind].label}",
            tags=["disputes"],
            request=REGISTER_SERIALIZERS[kind],
        )
        def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
            form = form_class(
                form_data(request.data),
                user=request.user,
                **{choices_kw: _register_choices(kind, request.user)},
            )
            if not form.is_valid():
                raise form_errors(form)
            obj = service(actor=request.user, **form.cleaned_data)
            return Response(
                SERIALIZERS[kind](obj, context={"request": request}).data,
                status=status.HTTP_201_CREATED,
            )

    View.__name__ = f"{kind.title()}ListAPIView"
    return View


def _detail_view(kind: str) -> type[generics.RetrieveAPIView]:
    class View(generics.RetrieveAPIView):
        serializer_class = SERIALIZERS[kind]

        def get_object(self):
            return policies.get_visible(
                self.request.user, selectors.MODELS[kind], self.kwargs["pk"]
            )

        @extend_schema(
            summary=f"{WORKFLOWS[kind].label}详情（含期限和可办理步骤）", tags=["disputes"]
        )
        def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
            return super().get(request, *args, **kwargs)

    View.__name__ = f"{kind.title()}DetailAPIView"
    return View


LIST_VIEWS = {kind: _list_view(kind) for kind in SERIALIZERS}
DETAIL_VIEWS = {kind: _detail_view(kind) for kind in SERIALIZERS}


class RecommendationListAPIView(generics.ListAPIView):
    serializer_class = RecommendationSerializer

    def get_queryset(self):
        return policies.visible(self.request.user, Recommendation.objects.all()).order_by("-pk")

    @extend_schema(summary="司法建议、检察建议", tags=["disputes"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
