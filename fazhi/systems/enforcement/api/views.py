"""The case API: list and detail, one POST endpoint per step, the same forms, services and
guards as the HTML pages. A refusal comes back 409 with each guard and its article (the
project's exception handler); bad input 400 naming the field; no permission 403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.deadlines import services as deadlines
from fazhi.core.ui.pagination import SeekPagination
from fazhi.core.workflow.engine import ACTION_TYPES

from .. import forms, selectors, services
from ..filters import CaseFilterSet
from ..steps import STEPS, Step, available_steps
from ..views import _own_agencies, _party
from .serializers import CaseSerializer, DocumentSerializer, EvidenceSerializer, serializer_for


class CasePagination(SeekPagination):
    ordering = "-id"


def _case(request: Request, pk: int):
    case = selectors.case_for(request.user, pk)
    if case is None:
        raise Http404("没有找到该案件。")
    return case


def _form_data(request: Request) -> Any:
    return request.data


def _bad(form) -> Response:
    return Response(
        {k: [str(e) for e in v] for k, v in form.errors.items()}, status=status.HTTP_400_BAD_REQUEST
    )


def case_detail_data(case, user) -> dict[str, Any]:
    data = CaseSerializer(case).data
    data["steps"] = [{"name": s.name, "label": s.label} for s in available_steps(case, user)]
    data["deadlines"] = [
        {
            "rule": d.rule_id,
            "key": d.key,
            "title": d.title,
            "trigger": d.trigger,
            "due": d.due,
            "status": d.status,
            "closed_on": d.closed_on,
            "on_time": d.on_time,
        }
        for d in deadlines.deadlines_of(case)
    ]
    data["history"] = [
        {
            "action": h.action,
            "label": ACTION_TYPES.get(h.action, h.action),
            "from": h.from_state,
            "to": h.to_state,
            "on_date": h.on_date,
            "ledger_seq": h.ledger_seq,
        }
        for h in selectors.case_history(case)
    ]
    data["documents"] = DocumentSerializer(case.documents.select_related("file"), many=True).data
    data["evidence"] = EvidenceSerializer(case.evidence.all(), many=True).data
    return data


class CaseListView(generics.ListAPIView):
    """行政处罚案件 (filters: agency, state, procedure, outcome, dates); POST registers a 案源."""

    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    pagination_class = CasePagination

    def get_queryset(self):
        return selectors.visible(self.request.user)

    @extend_schema(
        request=serializer_for(forms.RegisterSourceForm, "register_source"),
        responses={201: CaseSerializer},
    )
    def post(self, request: Request) -> Response:
        agencies = _own_agencies(request.user)
        if not agencies.exists():
            raise PermissionDenied("您不是行政执法人员，不能登记案源。")
        form = forms.RegisterSourceForm(_form_data(request), agencies=agencies)
        if not form.is_valid():
            return _bad(form)
        d = form.cleaned_data
        case = services.register_source(
            agency=d["agency"],
            actor=request.user,
            registered_on=d["registered_on"],
            source_kind=d["source_kind"],
            source_summary=d["source_summary"],
            matter=d["matter"],
            violation_date=d["violation_date"],
            discovered_on=d["discovered_on"],
            facts=d["facts"],
            amount_involved=d["amount_involved"],
            **_party(d),
        )
        return Response(case_detail_data(case, request.user), status=status.HTTP_201_CREATED)


class CaseDetailView(APIView):
    """One case with its state, the steps the user may take, deadlines, history and documents."""

    @extend_schema(responses={200: CaseSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(case_detail_data(_case(request, pk), request.user))


class SummaryView(APIView):
    """当场作出行政处罚决定 (简易程序, 行政处罚法 第五十一条)."""

    @extend_schema(
        request=serializer_for(forms.SummaryForm, "summary_penalty"),
        responses={201: CaseSerializer},
    )
    def post(self, request: Request) -> Response:
        agencies = _own_agencies(request.user)
        if not agencies.exists():
            raise PermissionDenied("您不是行政执法人员，不能当场作出处罚决定。")
        form = forms.SummaryForm(_form_data(request), agencies=agencies)
        if not form.is_valid():
            return _bad(form)
        d = form.cleaned_data
        case = services.summary_penalty(
            agency=d["agency"],
            actor=request.user,
            officers=d["officers"],
            matter=d["matter"],
            types=d["types"],
            fine=d["fine"],
            decided_on=d["decided_on"],
            reasons=d["reasons"],
            facts=d["facts"],
            violation_date=d["violation_date"],
            officer_exception_basis=d["officer_exception_basis"],
            **_party(d),
        )
        return Response(case_detail_data(case, request.user), status=status.HTTP_201_CREATED)


def step_view(step: Step) -> type[APIView]:
    """One POST endpoint for ``step``: validate with the step's form, call its service."""

    class StepView(APIView):
        @extend_schema(
            request=serializer_for(step.form, step.name),
            responses={200: CaseSerializer},
            summary=step.label,
            operation_id=f"enforcement_case_{step.name}",
        )
        def post(self, request: Request, pk: int) -> Response:
            case = _case(request, pk)
            if step not in available_steps(case, request.user):
                raise PermissionDenied(f"您无权执行“{step.label}”，或者案件当前状态不允许。")
            form = step.form(_form_data(request), request.FILES, case=case)
            if not form.is_valid():
                return _bad(form)
            step.call(case, request.user, form.cleaned_data, request.FILES)
            case.refresh_from_db()
            return Response(case_detail_data(case, request.user))

    StepView.__name__ = StepView.__qualname__ = f"{step.name.title().replace('_', '')}View"
    StepView.__doc__ = step.label
    return StepView


STEP_VIEWS = {s.name: step_view(s) for s in STEPS}
