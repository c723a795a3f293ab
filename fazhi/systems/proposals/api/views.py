"""``/api/proposals/``: the list and detail, registration and one POST per step. Same policies,
forms and services as the pages; a refusal comes back as 409 with its reasons."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import policies, selectors, services
from ..filters import ProposalFilterSet
from ..forms import STEP_FORMS, STEP_LABELS, RegisterForm
from ..models import Proposal
from ..views import step_form
from .serializers import (
    STEP_SERIALIZERS,
    ProposalDetailSerializer,
    ProposalSerializer,
    RegisterSerializer,
)


def _form_errors(form) -> ValidationError:
    return ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})


def _plain(data: Any) -> Any:
    """Request data as a form expects it (a QueryDict as is; JSON lists kept for multi-selects)."""
    if hasattr(data, "getlist"):
        return data
    from django.utils.datastructures import MultiValueDict

    out: MultiValueDict[str, Any] = MultiValueDict()
    for k, v in data.items() if hasattr(data, "items") else []:
        out.setlist(
            k,
            [("" if i is None else i) for i in v]
            if isinstance(v, list)
            else ["" if v is None else v],
        )
    return out


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
            _plain(request.data), agencies=policies.registering_agencies(request.user)
        )
        if not form.is_valid():
            raise _form_errors(form)
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


class StepAPIView(APIView):
    step: str = ""

    def post(self, request: Request, pk: int) -> Response:
        p = policies.get_visible(request.user, pk)
        form = step_form(p, self.step, request.user, _plain(request.data))
        if not form.is_valid():
            raise _form_errors(form)
        p = services.perform_step(p, self.step, actor=request.user, data=form.cleaned_data)
        return Response(ProposalDetailSerializer(p, context={"request": request}).data)


def _step_view(step: str) -> type[StepAPIView]:
    decorated = extend_schema(
        summary=STEP_LABELS[step],
        tags=["proposals"],
        request=STEP_SERIALIZERS[step],
        responses={200: ProposalDetailSerializer},
    )(StepAPIView.post)
    return type(
        f"Proposal{step.title().replace('_', '')}StepAPIView",
        (StepAPIView,),
        {"step": step, "post": decorated},
    )


STEP_VIEWS = {step: _step_view(step) for step in STEP_FORMS}
