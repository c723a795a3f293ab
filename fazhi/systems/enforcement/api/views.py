"""The case API: list and detail, 案源登记 and 当场处罚; one POST endpoint per step comes from
the declared steps (:mod:`..steps`), with the same forms, services and guards as the HTML pages.
A refusal comes back 409 with each guard and its article (the project's exception handler); bad
input 400 naming the field; no permission 403."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.ui.pagination import SeekPagination
from fazhi.core.workflow.api_views import form_data, form_errors

from .. import forms, policies, selectors, services
from ..filters import CaseFilterSet
from ..views import registering_agencies
from .serializers import (
    CaseDetailSerializer,
    CaseSerializer,
    RegisterSourceSerializer,
    SummarySerializer,
)


class CasePagination(SeekPagination):
    ordering = "-id"


def _detail(request: Request, case, **kwargs) -> Response:
    return Response(CaseDetailSerializer(case, context={"request": request}).data, **kwargs)


class CaseListView(generics.ListAPIView):
    """行政处罚案件 (filters: agency, state, procedure, outcome, dates); POST registers a 案源."""

    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    pagination_class = CasePagination

    def get_queryset(self):
        return selectors.visible(self.request.user)

    @extend_schema(request=RegisterSourceSerializer, responses={201: CaseDetailSerializer})
    def post(self, request: Request) -> Response:
        agencies = registering_agencies(request.user, policies.REGISTER_REFUSED)
        form = forms.RegisterSourceForm(form_data(request.data), agencies=agencies)
        if not form.is_valid():
            raise form_errors(form)
        case = services.register_source(actor=request.user, **form.cleaned_data)
        return _detail(request, case, status=status.HTTP_201_CREATED)


class CaseDetailView(APIView):
    """One case with its state, the steps the user may take, deadlines, history and documents."""

    @extend_schema(responses={200: CaseDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return _detail(request, selectors.case_or_404(request.user, pk))


class SummaryView(APIView):
    """当场作出行政处罚决定 (简易程序, 行政处罚法 第五十一条)."""

    @extend_schema(request=SummarySerializer, responses={201: CaseDetailSerializer})
    def post(self, request: Request) -> Response:
        agencies = registering_agencies(request.user, policies.SUMMARY_REFUSED)
        form = forms.SummaryForm(form_data(request.data), agencies=agencies)
        if not form.is_valid():
            raise form_errors(form)
        case = services.summary_penalty(actor=request.user, **form.cleaned_data)
        return _detail(request, case, status=status.HTTP_201_CREATED)
