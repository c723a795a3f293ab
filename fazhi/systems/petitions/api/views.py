"""``/api/petitions/``: petitions and 12345 tickets — list and detail, registration, one POST per
step. Same policies, forms and services as the pages; a refusal comes back as 409 with its
article (fazhi.core.workflow.api.exception_handler), and nothing is saved."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.ui.api import form_serializer

from .. import policies, selectors, services
from ..filters import PetitionFilterSet, TicketFilterSet
from ..forms import (
    PETITION_STEP_FORMS,
    TICKET_STEP_FORMS,
    PetitionRegisterForm,
    TicketRegisterForm,
)
from ..hotline import TICKET_WORKFLOW
from ..workflow import PETITION_WORKFLOW
from .serializers import (
    PETITION_STEP_SERIALIZERS,
    TICKET_STEP_SERIALIZERS,
    PetitionDetailSerializer,
    PetitionSerializer,
    TicketDetailSerializer,
    TicketSerializer,
)


def _form_errors(form) -> ValidationError:
    return ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})


def _plain(data: Any) -> dict[str, Any]:
    items = data.items() if hasattr(data, "items") else []
    return {k: ("" if v is None else v) for k, v in items}


class PetitionListAPIView(generics.ListCreateAPIView):
    """Petitions the user may read; POST registers one (登记信访事项)."""

    serializer_class = PetitionSerializer
    filterset_class = PetitionFilterSet

    def get_queryset(self):
        return selectors.visible_petitions(self.request.user).order_by("-pk")

    @extend_schema(
        summary="登记信访事项",
        tags=["petitions"],
        request=form_serializer(PetitionRegisterForm, "PetitionRegister"),
        responses=PetitionDetailSerializer,
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = PetitionRegisterForm(
            _plain(request.data), agencies=policies.staff_agencies(request.user), user=request.user
        )
        if not form.is_valid():
            raise _form_errors(form)
        p = services.register_petition(actor=request.user, **form.cleaned_data)
        body = PetitionDetailSerializer(p, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class PetitionDetailAPIView(generics.RetrieveAPIView):
    serializer_class = PetitionDetailSerializer

    def get_object(self):
        return policies.get_visible_petition(self.request.user, self.kwargs["pk"])


class TicketListAPIView(generics.ListCreateAPIView):
    """12345 tickets the user may read; POST registers one (and dispatches it if a unit is given)."""

    serializer_class = TicketSerializer
    filterset_class = TicketFilterSet

    def get_queryset(self):
        return selectors.visible_tickets(self.request.user).order_by("-pk")

    @extend_schema(
        summary="登记12345工单",
        tags=["petitions"],
        request=form_serializer(TicketRegisterForm, "TicketRegister"),
        responses=TicketDetailSerializer,
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = TicketRegisterForm(
            _plain(request.data), agencies=policies.staff_agencies(request.user), user=request.user
        )
        if not form.is_valid():
            raise _form_errors(form)
        data = dict(form.cleaned_data)
        if not data.get("unit"):
            data.pop("dispatched_on", None)
        t = services.register_ticket(actor=request.user, **data)
        body = TicketDetailSerializer(t, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class TicketDetailAPIView(generics.RetrieveAPIView):
    serializer_class = TicketDetailSerializer

    def get_object(self):
        return policies.get_visible_ticket(self.request.user, self.kwargs["pk"])


class _StepAPIView(APIView):
    step: str = ""
    get_obj: Any = None
    forms_table: dict = {}
    perform: Any = None
    detail: Any = None

    def post(self, request: Request, pk: int) -> Response:
        obj = type(self).get_obj(request.user, pk)
        form = self.forms_table[self.step](_plain(request.data))
        if not form.is_valid():
            raise _form_errors(form)
        obj = type(self).perform(obj, self.step, actor=request.user, data=form.cleaned_data)
        return Response(type(self).detail(obj, context={"request": request}).data)


def _step_view(kind: str, step: str) -> type[APIView]:
    if kind == "petition":
        label = PETITION_WORKFLOW.transitions[step].label
        attrs = {
            "get_obj": staticmethod(policies.get_visible_petition),
            "forms_table": PETITION_STEP_FORMS,
            "perform": staticmethod(services.perform_petition_step),
            "detail": PetitionDetailSerializer,
        }
        body = PETITION_STEP_SERIALIZERS[step]
        responses = PetitionDetailSerializer
    else:
        label = "回访" if step == "callback" else TICKET_WORKFLOW.transitions[step].label
        attrs = {
            "get_obj": staticmethod(policies.get_visible_ticket),
            "forms_table": TICKET_STEP_FORMS,
            "perform": staticmethod(services.perform_ticket_step),
            "detail": TicketDetailSerializer,
        }
        body = TICKET_STEP_SERIALIZERS[step]
        responses = TicketDetailSerializer
    decorated = extend_schema(
        summary=label, tags=["petitions"], request=body, responses={200: responses}
    )(_StepAPIView.post)
    name = f"{kind.title()}{''.join(p.title() for p in step.split('_'))}StepAPIView"
    return type(name, (_StepAPIView,), {"step": step, "post": decorated, **attrs})


PETITION_STEP_VIEWS = {s: _step_view("petition", s) for s in PETITION_STEP_FORMS}
TICKET_STEP_VIEWS = {s: _step_view("ticket", s) for s in TICKET_STEP_FORMS}
