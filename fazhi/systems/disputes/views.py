"""Pages of 行政复议与应诉: a list, registration and a detail page (clocks with their explanation,
the available steps as forms, history) for each kind of record, and the recommendations. Each
page asks the policies and calls the services; none changes a record itself."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.accounts.policies import require
from fazhi.core.deadlines import selectors as deadline_selectors
from fazhi.core.deadlines.services import calendar
from fazhi.core.ui.listing import Col, FilteredListView
from fazhi.core.workflow.engine import Refused
from fazhi.core.workflow.steps import errors_to_form

from . import policies, rules, selectors, services
from .filters import (
    LitigationFilterSet,
    RecommendationFilterSet,
    ReconsiderationFilterSet,
    RespondenceFilterSet,
)
from .forms import (
    FeedbackForm,
    LitigationRegisterForm,
    RecommendationForm,
    ReconsiderationRegisterForm,
    RespondenceRegisterForm,
)
from .models import Recommendation
from .steps import STEP_SETS
from .workflow import WORKFLOWS

TITLES = {
    "reconsideration": "行政复议案件",
    "respondence": "行政复议答复（被申请人）",
    "litigation": "行政应诉案件",
}
SKIP_FIELDS = {"id", "state", "act_type", "act_id", "created_at", "agency", "body", "case"}


def _link(obj: Any) -> str:
    return obj.get_absolute_url()


def _state(kind: str):
    return lambda obj: WORKFLOWS[kind].state_label(obj)


def _due(attr: str):
    return lambda obj: getattr(obj, attr) or ""


def _on_time(obj: Any) -> str:
    return {True: "按期", False: "逾期", None: ""}[obj.on_time]


class _KindList(FilteredListView):
    kind = ""
    template_name = "disputes/list.html"

    def scope(self, request: HttpRequest):
        return policies.visible(
            request.user, selectors.MODELS[self.kind].objects.select_related("agency")
        )

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "can_register": _register_choices(self.kind, request.user).exists(),
        }


class ReconsiderationListView(_KindList):
    kind, title, filterset_class, default_sort = (
        "reconsideration",
        TITLES["reconsideration"],
        ReconsiderationFilterSet,
        "-received_on",
    )
    columns = [
        Col("案号", "number", sort="number", link=_link),
        Col("申请人", "applicant_name"),
        Col("被申请人", "respondent_label"),
        Col("类别", "get_category_display"),
        Col("收到申请", "received_on", sort="received_on"),
        Col("状态", _state("reconsideration")),
        Col("审理期限", _due("decision_due")),
        Col("决定", "get_decision_type_display"),
        Col("决定日", "decided_on", sort="decided_on"),
        Col("按期", _on_time),
    ]


class RespondenceListView(_KindList):
    kind, title, filterset_class, default_sort = (
        "respondence",
        TITLES["respondence"],
        RespondenceFilterSet,
        "-copy_received_on",
    )
    columns = [
        Col("案号", "number", sort="number", link=_link),
        Col("被申请人", "agency.display_name"),
        Col("复议机关", "body_name"),
        Col("申请人", "applicant_name"),
        Col("收到副本", "copy_received_on", sort="copy_received_on"),
        Col("状态", _state("respondence")),
        Col("答复期限", _due("answer_due")),
        Col("答复日", "answered_on"),
        Col("按期", _on_time),
        Col("复议决定", "get_decision_type_display"),
    ]


class LitigationListView(_KindList):
    kind, title, filterset_class, default_sort = (
        "litigation",
        TITLES["litigation"],
        LitigationFilterSet,
        "-complaint_received_on",
    )
    columns = [
        Col("案号", "number", sort="number", link=_link),
        Col("被告", "agency.display_name"),
        Col("原告", "plaintiff_name"),
        Col("审级", "get_instance_display"),
        Col("收到起诉状副本", "complaint_received_on", sort="complaint_received_on"),
        Col("状态", _state("litigation")),
        Col("举证期限", _due("defence_due")),
        Col("按期举证", _on_time),
        Col("裁判结果", "get_outcome_display"),
        Col("败诉", lambda o: {True: "是", False: "否", None: ""}[o.lost]),
    ]


class RecommendationListView(FilteredListView):
    title, filterset_class, default_sort = (
        "司法建议、检察建议",
        RecommendationFilterSet,
        "-received_on",
    )
    template_name = "disputes/recommendations.html"
    columns = [
        Col("类别", "get_kind_display"),
        Col("制发机关", "issuer"),
        Col("文号", "number"),
        Col("被建议机关", "agency.display_name"),
        Col("收到日", "received_on", sort="received_on"),
        Col("回复期限", "feedback_due", sort="feedback_due"),
        Col("回复日", "feedback_on"),
        Col("建议内容", "content"),
    ]

    def scope(self, request: HttpRequest):
        return policies.visible(request.user, Recommendation.objects.select_related("agency"))

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        open_ = policies.visible(
            request.user, Recommendation.objects.filter(feedback_on__isnull=True)
        ).select_related("agency")
        mine = [r for r in open_ if policies.can_handle(request.user, r)]
        return {
            "form": RecommendationForm(agencies=policies.own_agencies(request.user)),
            "open": mine,
            "feedback_form": FeedbackForm(initial={"feedback_on": timezone.localdate()}),
        }


def _register_choices(kind: str, user: Any):
    return policies.body_offices(user) if kind == "reconsideration" else policies.own_agencies(user)


REGISTER = {
    "reconsideration": (ReconsiderationRegisterForm, "offices", services.register_reconsideration),
    "respondence": (RespondenceRegisterForm, "agencies", services.register_respondence),
    "litigation": (LitigationRegisterForm, "agencies", services.register_litigation),
}


@login_required
def register(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in REGISTER:
        raise Http404
    form_class, choices_kw, service = REGISTER[kind]
    choices = _register_choices(kind, request.user)
    require(choices.exists(), "只有复议应诉工作人员可以登记。")
    form = form_class(request.POST or None, user=request.user, **{choices_kw: choices})
    if request.method == "POST" and form.is_valid():
        try:
            obj = service(actor=request.user, **form.cleaned_data)
        except (ValidationError, Refused) as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"已登记 {obj.number}。")
            return redirect(obj.get_absolute_url())
    return render(
        request,
        "disputes/register.html",
        {"title": f"登记{TITLES[kind]}", "form": form},
        status=400 if form.errors else 200,
    )


def _fields(obj: Any) -> list[tuple[str, Any]]:
    """The record's filled-in fields as (label, display value); yes/no fields always shown."""
    out = []
    for f in obj._meta.concrete_fields:
        if f.name in SKIP_FIELDS or f.name.endswith("_id"):
            continue
        value = getattr(obj, f.name)
        if isinstance(value, bool):
            out.append((f.verbose_name, "是" if value else "否"))
            continue
        if value in (None, ""):
            continue
        out.append(
            (f.verbose_name, getattr(obj, f"get_{f.name}_display")() if f.choices else value)
        )
    return out


def _response(
    request: HttpRequest, kind: str, obj: Any, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    """The record's page; ``bound`` holds a submitted step form to show with its errors."""
    context = {
        "title": f"{TITLES[kind]} {obj.number}",
        "kind": kind,
        "obj": obj,
        "state": WORKFLOWS[kind].state_label(obj),
        "fields": _fields(obj),
        "act": obj.act if obj.act_id else None,
        "clocks": [(d, deadline_selectors.flag(d, cal=calendar())) for d in selectors.clocks(obj)],
        "panel": STEP_SETS[kind].panel(request, obj, bound),
        "history": selectors.timeline(obj),
        "hearings": list(obj.hearings.all()) if hasattr(obj, "hearings") else [],
        "respondences": [
            (r, WORKFLOWS["respondence"].state_label(r)) for r in obj.respondences.all()
        ]
        if kind == "reconsideration"
        else [],
        "can_publish": kind == "reconsideration"
        and obj.state == "decided"
        and not obj.published_item_id
        and policies.can_handle(request.user, obj),
        "recommendations": list(obj.recommendations.all()) if kind == "litigation" else [],
    }
    return render(request, "disputes/detail.html", context, status=status)


def reconsideration_response(request: HttpRequest, obj: Any, **kwargs: Any) -> HttpResponse:
    return _response(request, "reconsideration", obj, **kwargs)


def respondence_response(request: HttpRequest, obj: Any, **kwargs: Any) -> HttpResponse:
    return _response(request, "respondence", obj, **kwargs)


def litigation_response(request: HttpRequest, obj: Any, **kwargs: Any) -> HttpResponse:
    return _response(request, "litigation", obj, **kwargs)


@login_required
def detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in selectors.MODELS:
        raise Http404
    return _response(request, kind, policies.get_visible(request.user, selectors.MODELS[kind], pk))


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    obj = policies.get_visible(request.user, selectors.MODELS["reconsideration"], pk)
    try:
        item = services.publish_decision(obj, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(
            request,
            f"行政复议决定书已去标识化后公开（公开事项 {item.pk}，{rules.PUBLICATION.citation}）。",
        )
    return redirect(obj.get_absolute_url())


@login_required
@require_POST
def recommendation_new(request: HttpRequest) -> HttpResponse:
    form = RecommendationForm(request.POST, agencies=policies.own_agencies(request.user))
    if form.is_valid():
        try:
            services.receive_recommendation(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已登记。")
    else:
        messages.error(
            request,
            "；".join(
                f"{form.fields[k].label}：{v[0]}"
                for k, v in form.errors.items()
                if k in form.fields
            ),
        )
    return redirect("disputes:recommendations")


@login_required
@require_POST
def recommendation_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    rec = policies.get_visible(request.user, Recommendation, pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.record_feedback(rec, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已登记书面回复。")
    return redirect("disputes:recommendations")
