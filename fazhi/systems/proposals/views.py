"""Pages of 建议提案办理: the list (with .xlsx export), registration, an item with its clock,
steps and history. Each page asks the policies and calls the services; the Excel import is the
platform's import page, drawn from the importer declared in ``importing.py``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.core.accounts.policies import require
from fazhi.core.deadlines import selectors as deadline_selectors
from fazhi.core.ui.listing import Col, FilteredListView
from fazhi.core.workflow.steps import errors_to_form

from . import policies, rules, selectors, services
from .filters import ProposalFilterSet
from .forms import RegisterForm
from .models import Proposal
from .steps import PROPOSAL_STEPS
from .workflow import PROPOSAL_WORKFLOW, missing_opinions


def detail_url(p: Proposal) -> str:
    return reverse("proposals:detail", args=[p.pk])


class ProposalListView(FilteredListView):
    """建议、提案: every item of the governments the user sees, or that its units handle."""

    title = "建议提案办理"
    filterset_class = ProposalFilterSet
    default_sort = "-received_on"
    template_name = "proposals/list.html"
    columns = [
        Col("类别", lambda p: rules.KIND_SHORT.get(p.kind, "")),
        Col("编号", "number", sort="number", link=detail_url),
        Col("届次会议", "session"),
        Col("代表（委员）", "author"),
        Col("案由", "title"),
        Col("主办单位", lambda p: p.lead_unit.display_name if p.lead_unit else ""),
        Col("状态", lambda p: PROPOSAL_WORKFLOW.state_label(p)),
        Col("收到日", "received_on", sort="received_on"),
        Col("答复期限", "answer_due", sort="answer_due"),
        Col("答复日", "answered_on", sort="answered_on"),
        Col("办理结果", "get_result_display"),
        Col("代表（委员）意见", "get_satisfaction_display"),
        Col("按期", lambda p: {True: "按期", False: "逾期", None: ""}[p.on_time]),
    ]

    def scope(self, request: HttpRequest):
        return selectors.visible(request.user)

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_register": policies.registering_agencies(request.user).exists()}


@login_required
def register(request: HttpRequest) -> HttpResponse:
    """登记建议、提案."""
    agencies = policies.registering_agencies(request.user)
    require(agencies.exists(), "只有政府办的建议提案办理人员可以登记。")
    form = RegisterForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            p = services.register_proposal(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"已登记{rules.KINDS[p.kind]} {p.number}。")
            return redirect(detail_url(p))
    return render(
        request,
        "proposals/register.html",
        {"title": "登记建议、提案", "form": form},
        status=400 if form.errors else 200,
    )


def detail_response(
    request: HttpRequest, p: Proposal, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    """The item's page; ``bound`` holds a submitted step form to show with its errors."""
    cal = deadline_selectors.calendar()
    context = {
        "title": f"{rules.KINDS[p.kind]} {p.number}",
        "p": p,
        "state": PROPOSAL_WORKFLOW.state_label(p),
        "co_units": list(p.co_units.all()),
        "opinions": list(p.opinions.select_related("unit")),
        "missing": missing_opinions(p) if p.state in ("assigned", "rehandling") else [],
        "clocks": [(d, deadline_selectors.flag(d, cal=cal)) for d in selectors.clocks(p)],
        "panel": PROPOSAL_STEPS.panel(request, p, bound),
        "history": selectors.timeline(p),
    }
    return render(request, "proposals/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_response(request, policies.get_visible(request.user, pk))
