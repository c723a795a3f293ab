"""Pages of 信访 and 12345: lists (filters, keyset pages, .xlsx export), registration, a matter
with its clocks, steps and history and the 处理意见书 download. Each page asks the policies and
calls the services; none changes a record itself. The register import is the platform's page
(``importing.py``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from fazhi.core.accounts.policies import require
from fazhi.core.deadlines import selectors as deadline_selectors
from fazhi.core.ledger.files import file_response
from fazhi.core.ui.listing import Col, FilteredListView
from fazhi.core.workflow.engine import Refused
from fazhi.core.workflow.steps import StepSet, errors_to_form

from . import policies, rules, selectors, services
from .filters import PetitionFilterSet, TicketFilterSet
from .forms import (
    PetitionRegisterForm,
    TicketRegisterForm,
)
from .hotline import TICKET_WORKFLOW
from .models import HotlineTicket, Petition
from .steps import PETITION_STEPS, TICKET_STEPS
from .workflow import PETITION_WORKFLOW


def _yes(v: bool | None) -> str:
    return {True: "按期", False: "逾期", None: ""}[v]


class PetitionListView(FilteredListView):
    title = "信访事项"
    filterset_class = PetitionFilterSet
    default_sort = "-received_on"
    template_name = "petitions/list.html"
    columns = [
        Col("编号", "number", sort="number", link=lambda p: p.get_absolute_url()),
        Col("登记机关", "agency.display_name"),
        Col("信访人", "petitioner_name"),
        Col("信访形式", "get_channel_display"),
        Col("收到日", "received_on", sort="received_on"),
        Col("状态", lambda p: PETITION_WORKFLOW.state_label(p)),
        Col("承办机关", "handler_agency.display_name"),
        Col("办理期限", "resolution_due", sort="resolution_due"),
        Col("按期分类处理", lambda p: _yes(p.routed_on_time)),
        Col("按期办结", lambda p: _yes(p.handled_on_time)),
    ]

    def scope(self, request: HttpRequest):
        return selectors.visible_petitions(request.user)

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_register": policies.staff_agencies(request.user).exists(), "kind": "petition"}


class TicketListView(FilteredListView):
    title = "12345工单"
    filterset_class = TicketFilterSet
    default_sort = "-received_on"
    template_name = "petitions/list.html"
    columns = [
        Col("工单编号", "number", sort="number", link=lambda t: t.get_absolute_url()),
        Col("诉求类型", "get_category_display"),
        Col("来电人", "caller_name"),
        Col("来电日", "received_on", sort="received_on"),
        Col("承办单位", "unit.display_name"),
        Col("状态", lambda t: TICKET_WORKFLOW.state_label(t)),
        Col("退单次数", "bounce_count", sort="bounce_count"),
        Col("办理期限", "reply_due", sort="reply_due"),
        Col("按时签收", lambda t: _yes(t.signed_on_time)),
        Col("满意度", "get_satisfaction_display"),
    ]

    def scope(self, request: HttpRequest):
        return selectors.visible_tickets(request.user)

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_register": policies.staff_agencies(request.user).exists(), "kind": "ticket"}


def _register(request: HttpRequest, form_class, service, title: str) -> HttpResponse:
    agencies = policies.staff_agencies(request.user)
    require(agencies.exists(), "只有信访工作人员可以登记。")
    form = form_class(request.POST or None, agencies=agencies, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                obj = service(actor=request.user, **data)
            except (ValidationError, Refused) as exc:
                status = errors_to_form(form, exc)
            else:
                messages.success(request, f"已登记 {obj.number}。")
                return redirect(obj.get_absolute_url())
    return render(request, "petitions/register.html", {"title": title, "form": form}, status=status)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    return _register(request, PetitionRegisterForm, services.register_petition, "登记信访事项")


@login_required
def register_ticket(request: HttpRequest) -> HttpResponse:
    return _register(request, TicketRegisterForm, _register_ticket, "登记12345工单")


def _register_ticket(**data: Any) -> HotlineTicket:
    if not data.get("unit"):
        data.pop("dispatched_on", None)
    return services.register_ticket(**data)


def _context(request: HttpRequest, stepset: StepSet, obj: Any, bound: dict | None) -> dict:
    cal = deadline_selectors.calendar()
    return {
        "obj": obj,
        "title": f"{stepset.workflow.label} {obj.number}",
        "state": stepset.workflow.state_label(obj),
        "clocks": [(d, deadline_selectors.flag(d, cal=cal)) for d in selectors.clocks(obj)],
        "panel": stepset.panel(request, obj, bound),
        "history": selectors.timeline(obj),
        "rules": rules,
    }


def petition_response(
    request: HttpRequest, p: Petition, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    """The 信访事项's page; ``bound`` holds a submitted step form to show with its errors."""
    ctx = _context(request, PETITION_STEPS, p, bound)
    ctx["hearings"] = list(p.hearings.all())
    return render(request, "petitions/detail.html", ctx, status=status)


def ticket_response(
    request: HttpRequest, t: HotlineTicket, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    """The ticket's page; ``bound`` holds a submitted step form to show with its errors."""
    ctx = _context(request, TICKET_STEPS, t, bound)
    ctx["bounces"] = list(t.bounces.select_related("unit", "redispatched_to"))
    return render(request, "petitions/ticket.html", ctx, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return petition_response(request, policies.get_visible_petition(request.user, pk))


@login_required
def ticket(request: HttpRequest, pk: int) -> HttpResponse:
    return ticket_response(request, policies.get_visible_ticket(request.user, pk))


@login_required
def opinion(request: HttpRequest, pk: int) -> HttpResponseBase:
    p = policies.get_visible_petition(request.user, pk)
    if p.opinion_file is None:
        raise Http404("该事项尚未出具处理意见书。")
    return file_response(request, p.opinion_file, inline=False)


__all__ = ["Petition"]
