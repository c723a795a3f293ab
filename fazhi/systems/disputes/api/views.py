"""``/api/disputes/``: lists, detail, registration and one POST per step for 行政复议 cases, the
respondent's answers and 行政应诉 cases. Same policies, forms and services as the pages; a
refusal comes back as 409 with its article (fazhi.core.workflow.api.exception_handler)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import policies, selectors, services
from ..filters import LitigationFilterSet, ReconsiderationFilterSet, RespondenceFilterSet
from ..forms import STEP_FORMS
from ..models import Recommendation
from ..views import REGISTER, _register_choices
from ..workflow import WORKFLOWS
from .serializers import (
    REGISTER_SERIALIZERS,
    SERIALIZERS,
    STEP_SERIALIZERS,
    RecommendationSerializer,
)

FILTERS = {
    "reconsideration": ReconsiderationFilterSet,
    "respondence": RespondenceFilterSet,
    "litigation": LitigationFilterSet,
}


def _plain(data: Any) -> dict[str, Any]:
    return {
        k: ("" if v is None else v) for k, v in (data.items() if hasattr(data, "items") else [])
    }


def _form_errors(form) -> ValidationError:
    return ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})


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
                _plain(request.data),
                user=request.user,
                **{choices_kw: _register_choices(kind, request.user)},
            )
            if not form.is_valid():
                raise _form_errors(form)
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


def _step_view(kind: str, step: str) -> type[APIView]:
    class View(APIView):
        @extend_schema(
            summary=WORKFLOWS[kind].transitions[step].label,
            tags=["disputes"],
            request=STEP_SERIALIZERS[kind][step],
            responses={200: SERIALIZERS[kind]},
        )
        def post(self, request: Request, pk: int) -> Response:
            obj = policies.get_visible(request.user, selectors.MODELS[kind], pk)
            form = STEP_FORMS[kind][step](_plain(request.data))
            if not form.is_valid():
                raise _form_errors(form)
            obj = services.perform_step(kind, obj, step, actor=request.user, data=form.cleaned_data)
            return Response(SERIALIZERS[kind](obj, context={"request": request}).data)

    View.__name__ = f"{kind.title()}{step.title().replace('_', '')}APIView"
    return View


LIST_VIEWS = {kind: _list_view(kind) for kind in SERIALIZERS}
DETAIL_VIEWS = {kind: _detail_view(kind) for kind in SERIALIZERS}
STEP_VIEWS = {
    (kind, step): _step_view(kind, step) for kind, steps in STEP_FORMS.items() for step in steps
}


class RecommendationListAPIView(generics.ListAPIView):
    serializer_class = RecommendationSerializer

    def get_queryset(self):
        return policies.visible(self.request.user, Recommendation.objects.all()).order_by("-pk")

    @extend_schema(summary="司法建议、检察建议", tags=["disputes"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
