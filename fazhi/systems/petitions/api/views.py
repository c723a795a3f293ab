"""``/api/petitions/``: petitions and 12345 tickets — list and detail, registration (the step
endpoints are drawn by core from :mod:`..steps`). Same policies, forms and services as the pages; a refusal comes back as 409 with its
article (fazhi.core.workflow.api.exception_handler), and nothing is saved."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.workflow.api_views import form_data, form_errors, form_serializer

from .. import policies, selectors, services
from ..filters import PetitionFilterSet, TicketFilterSet
from ..forms import (
    PetitionRegisterForm,
    TicketRegisterForm,
)
from .serializers import (
    PetitionDetailSerializer,
    PetitionSerializer,
    TicketDetailSerializer,
    TicketSerializer,
)


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
            form_data(request.data),
            agencies=policies.staff_agencies(request.user),
            user=request.user,
        )
        if not form.is_valid():
            raise form_errors(form)
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
            form_data(request.data),
            agencies=policies.staff_agencies(request.user),
            user=request.user,
        )
        if not form.is_valid():
            raise form_errors(form)
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
