"""Pages of 信访 and 12345: lists (filters, keyset pages, .xlsx export), registration, a matter
with its clocks, steps and history, the 处理意见书 download and the register import. Each page asks
the policies and calls the services; none changes a record itself."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.accounts.policies import require
from fazhi.core.deadlines import selectors as deadline_selectors
from fazhi.core.ledger.services import open_file
from fazhi.core.ui.excel import xlsx_response
from fazhi.core.ui.listing import Col, FilteredListView
from fazhi.core.workflow.engine import InvalidTransition, Refused

from . import importing, policies, rules, selectors, services
from .filters import PetitionFilterSet, TicketFilterSet
from .forms import (
    PETITION_STEP_FORMS,
    TICKET_STEP_FORMS,
    ImportForm,
    PetitionRegisterForm,
    TicketRegisterForm,
    step_form_name,
)
from .hotline import TICKET_WORKFLOW
from .models import HotlineTicket, Petition
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


def _errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _refused_to_form(form, exc: Refused) -> None:
    form.add_error(None, f"不能执行“{exc.transition.label}”：")
    for message in exc.messages:
        form.add_error(None, message)


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
            except ValidationError as exc:
                _errors_to_form(form, exc)
            except Refused as exc:
                status = 409
                _refused_to_form(form, exc)
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


def _step_form(forms_table: dict, name: str, data=None):
    cls = forms_table[step_form_name(name)]
    today = timezone.localdate()
    initial = {f: today for f, fld in cls.base_fields.items() if f.endswith("_on") and fld.required}
    return cls(data, initial=initial)


KINDS: dict[str, dict[str, Any]] = {
    "petition": {
        "workflow": PETITION_WORKFLOW,
        "forms": PETITION_STEP_FORMS,
        "get": policies.get_visible_petition,
        "steps": selectors.petition_steps,
        "perform": services.perform_petition_step,
        "template": "petitions/detail.html",
        "step_url": "petitions:step",
    },
    "ticket": {
        "workflow": TICKET_WORKFLOW,
        "forms": TICKET_STEP_FORMS,
        "get": policies.get_visible_ticket,
        "steps": selectors.ticket_steps,
        "perform": services.perform_ticket_step,
        "template": "petitions/ticket.html",
        "step_url": "petitions:ticket_step",
    },
}


def _context(request: HttpRequest, kind: str, obj: Any, bound: dict | None = None):
    k = KINDS[kind]
    bound = bound or {}
    cal = deadline_selectors.services.calendar()
    steps = []
    for t in k["steps"](obj, request.user):
        key = step_form_name(t.name)
        label = "回访" if key == "callback" else t.label
        steps.append((key, label, bound.get(key) or _step_form(k["forms"], key)))
    return {
        "obj": obj,
        "title": f"{k['workflow'].label} {obj.number}",
        "state": k["workflow"].state_label(obj),
        "clocks": [(d, deadline_selectors.flag(d, cal=cal)) for d in selectors.clocks(obj)],
        "steps": steps,
        "step_url": k["step_url"],
        "history": selectors.timeline(obj),
        "rules": rules,
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = policies.get_visible_petition(request.user, pk)
    ctx = _context(request, "petition", p)
    ctx["hearings"] = list(p.hearings.all())
    return render(request, "petitions/detail.html", ctx)


@login_required
def ticket(request: HttpRequest, pk: int) -> HttpResponse:
    t = policies.get_visible_ticket(request.user, pk)
    ctx = _context(request, "ticket", t)
    ctx["bounces"] = list(t.bounces.select_related("unit", "redispatched_to"))
    return render(request, "petitions/ticket.html", ctx)


def _step(request: HttpRequest, kind: str, pk: int, name: str) -> HttpResponse:
    k = KINDS[kind]
    obj = k["get"](request.user, pk)
    if name not in k["forms"]:
        raise Http404("没有该办理步骤。")
    form = _step_form(k["forms"], name, request.POST)
    status = 400
    if form.is_valid():
        try:
            obj = k["perform"](obj, name, actor=request.user, data=form.cleaned_data)
        except Refused as exc:
            status = 409
            _refused_to_form(form, exc)
        except InvalidTransition as exc:
            status = 409
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "已办理。")
            return redirect(obj.get_absolute_url())
    obj = k["get"](request.user, pk)
    ctx = _context(request, kind, obj, {name: form})
    if kind == "petition":
        ctx["hearings"] = list(obj.hearings.all())
    else:
        ctx["bounces"] = list(obj.bounces.select_related("unit", "redispatched_to"))
    return render(request, k["template"], ctx, status=status)


@login_required
@require_POST
def step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    return _step(request, "petition", pk, name)


@login_required
@require_POST
def ticket_step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    return _step(request, "ticket", pk, name)


@login_required
def opinion(request: HttpRequest, pk: int) -> FileResponse:
    p = policies.get_visible_petition(request.user, pk)
    if p.opinion_file is None:
        raise Http404("该事项尚未出具处理意见书。")
    return FileResponse(
        open_file(p.opinion_file),
        as_attachment=True,
        filename=p.opinion_file.name,
        content_type=services.DOCX,
    )


@login_required
def import_petitions(request: HttpRequest) -> HttpResponse:
    """导入既有的信访登记台账 (.xlsx): every row through the services; errors row by row."""
    require(policies.staff_agencies(request.user).exists(), "只有信访工作人员可以导入台账。")
    if request.GET.get("template"):
        return xlsx_response(
            "信访台账导入模板.xlsx", "信访台账", importing.HEADERS, [importing.EXAMPLE]
        )
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = importing.import_petitions(form.cleaned_data["file"], actor=request.user)
        if result.created:
            messages.success(request, f"已导入 {result.created} 件信访事项。")
    return render(
        request,
        "petitions/import.html",
        {"title": "导入信访台账", "form": form, "result": result, "headers": importing.HEADERS},
        status=400 if result is not None and not result.ok else 200,
    )


__all__ = ["Petition"]
