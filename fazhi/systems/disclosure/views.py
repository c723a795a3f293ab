"""Pages of 依申请公开: the list, registration, a request with its clocks, steps and history, the
answer letter and the annual-report figures. Each page asks the policies and calls the services;
none changes a request itself. The Excel import is the platform's page (``importing.py``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.accounts.policies import principal, require
from fazhi.core.deadlines import selectors as deadline_selectors
from fazhi.core.indicators.registry import scope_for
from fazhi.core.ledger.files import file_response
from fazhi.core.orgs.models import Agency
from fazhi.core.ui.excel import xlsx_response
from fazhi.core.ui.listing import Col, FilteredListView
from fazhi.core.workflow.engine import Refused
from fazhi.core.workflow.steps import errors_to_form

from . import policies, report, rules, selectors, services
from .filters import RequestFilterSet
from .forms import RegisterForm
from .models import DisclosureRequest
from .steps import REQUEST_STEPS
from .workflow import REQUEST_WORKFLOW


def detail_url(req: DisclosureRequest) -> str:
    return reverse("disclosure:detail", args=[req.pk])


def _due(req: DisclosureRequest) -> str:
    if req.answer_due is None:
        return ""
    return f"{req.answer_due:%Y-%m-%d}{'（暂定）' if req.answer_due_provisional else ''}"


class RequestListView(FilteredListView):
    """政府信息公开申请: every request of the agencies the user sees."""

    title = "依申请公开"
    filterset_class = RequestFilterSet
    default_sort = "-received_on"
    template_name = "disclosure/list.html"
    columns = [
        Col("申请编号", "number", sort="number", link=detail_url),
        Col("受理机关", "agency.display_name"),
        Col("申请人", "applicant_name"),
        Col("提交渠道", "get_channel_display"),
        Col("收到申请之日", "received_on", sort="received_on"),
        Col("状态", lambda r: REQUEST_WORKFLOW.state_label(r)),
        Col("答复期限", _due, sort="answer_due"),
        Col("答复日", "answered_on", sort="answered_on"),
        Col("答复类型", "get_answer_type_display"),
        Col("按期", lambda r: {True: "按期", False: "逾期", None: ""}[r.on_time]),
    ]

    def scope(self, request: HttpRequest):
        return selectors.visible(request.user)

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_register": policies.registering_agencies(request.user).exists()}


@login_required
def register(request: HttpRequest) -> HttpResponse:
    """登记申请."""
    agencies = policies.registering_agencies(request.user)
    require(agencies.exists(), "只有信息公开工作人员可以登记申请。")
    form = RegisterForm(request.POST or None, agencies=agencies, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            req = services.register_request(actor=request.user, handler=request.user, **data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"已登记申请 {req.number}，收到申请之日为 {req.received_on:%Y-%m-%d}，答复期限届满日 {_due(req)}。",
            )
            return redirect(detail_url(req))
    return render(
        request,
        "disclosure/register.html",
        {"title": "登记政府信息公开申请", "form": form},
        status=400 if form.errors else 200,
    )


def detail_response(
    request: HttpRequest,
    req: DisclosureRequest,
    *,
    bound: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    """The request's page; ``bound`` holds a submitted step form to show with its errors."""
    cal = deadline_selectors.calendar()
    context = {
        "title": f"政府信息公开申请 {req.number}",
        "req": req,
        "state": REQUEST_WORKFLOW.state_label(req),
        "channel": rules.CHANNELS[req.channel],
        "answer_rule": req.answer_rule,
        "clocks": [(d, deadline_selectors.flag(d, cal=cal)) for d in selectors.clocks(req)],
        "consultations": list(req.consultations.all()),
        "panel": REQUEST_STEPS.panel(request, req, bound),
        "history": selectors.timeline(req),
        "can_handle": policies.can_handle(request.user, req),
        "act_page": (
            reverse("acts:matters", args=[req.act_type_id, req.act_id]) if req.act_id else ""
        ),
    }
    return render(request, "disclosure/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_response(request, policies.get_visible_request(request.user, pk))


@login_required
def letter(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The answer letter (.docx) as stored."""
    req = policies.get_visible_request(request.user, pk)
    if req.letter is None:
        raise Http404("该申请尚未出具答复书。")
    return file_response(request, req.letter, inline=False)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    req = policies.get_visible_request(request.user, pk)
    try:
        item = services.publish_answer(req, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"答复已经去标识化处理后公开（公开事项 {item.pk}）。")
    return redirect(detail_url(req))


def _report_scope(request: HttpRequest) -> tuple[Agency | None, int, list[Agency]]:
    agencies = list(policies.report_agencies(request.user))
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year - 1)
    except ValueError:
        year = today.year - 1
    chosen = next((a for a in agencies if str(a.pk) == request.GET.get("agency")), None)
    if chosen is None and agencies:
        govs = [a for a in agencies if a.kind == Agency.Kind.GOVERNMENT]
        chosen = govs[0] if govs else agencies[0]
    return chosen, year, agencies


@login_required
def annual_report(request: HttpRequest) -> HttpResponse:
    """年度报告 section 三 and 四, computed from the records, for an agency (or a government and
    everything beneath it) and a year."""
    agency, year, agencies = _report_scope(request)
    require(agency is not None, "您没有可查看的机关。")
    ids = scope_for(agency, principal(request.user).visible_agency_ids)
    figures = report.annual_figures(ids, year)
    headers, rows = report.table(figures)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"{agency.display_name}{year}年政府信息公开申请情况.xlsx",
            "收到和处理申请情况",
            headers,
            rows,
        )
    return render(
        request,
        "disclosure/report.html",
        {
            "title": f"{year}年政府信息公开工作年度报告数据",
            "agency": agency,
            "agencies": agencies,
            "year": year,
            "years": list(range(timezone.localdate().year - 3, timezone.localdate().year + 1)),
            "figures": figures,
            "headers": headers,
            "rows": rows,
            "format": rules.REPORT_FORMAT,
            "dispute_columns": report.DISPUTE_COLUMNS,
            "dispute_rows": [
                ("行政复议", figures.disputes["reconsideration"]),
                ("行政诉讼·未经复议直接起诉", figures.disputes["litigation_direct"]),
                ("行政诉讼·复议后起诉", figures.disputes["litigation_after"]),
            ],
        },
    )
