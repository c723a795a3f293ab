"""Pages of the act links: every matter about one act, and the 败诉 analysis by 执法事项."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fazhi.core.accounts.policies import can_view_business, principal, require
from fazhi.core.indicators.registry import Period, PeriodError, scope_for
from fazhi.core.orgs.models import Agency
from fazhi.core.ui.excel import xlsx_response

from . import policies, selectors
from .indicators import act_url
from .registry import act_kinds
from .search import find_acts


@login_required
def pick(request: HttpRequest) -> HttpResponse:
    """The act picker's suggestions: acts whose number or party contains ``q`` (or the value of
    the field named ``name``), among those the user may see. An HTML fragment for htmx; JSON
    for a client that asks for it (``Accept: application/json``)."""
    name = request.GET.get("name", "")
    text = request.GET.get("q") or (request.GET.get(name, "") if name else "")
    text = text.strip()[:100]
    found = find_acts(request.user, text) if len(text) >= 2 else []
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {"results": [{"ref": f.ref, "kind": f.kind, "label": f.label} for f in found]}
        )
    field = request.GET.get("field", "")
    return render(request, "acts/_pick.html", {"found": found, "text": text, "field": field})


def _act(user, ct_id: int, pk: int):
    """The act if the user may see its agency; 404 otherwise (existence not revealed)."""
    try:
        ct = ContentType.objects.get_for_id(ct_id)
        act = ct.get_object_for_this_type(pk=pk)
    except Exception:  # noqa: BLE001 - unknown type or DoesNotExist of whichever model
        raise Http404("没有找到该行政行为。") from None
    agency_id = getattr(act, "agency_id", None)
    if agency_id is None or not can_view_business(user, agency_id):
        raise Http404("没有找到该行政行为。")
    return act


@login_required
def act_matters(request: HttpRequest, ct_id: int, pk: int) -> HttpResponse:
    """Every 复议, 诉讼, 信访… matter about one act, across all channels."""
    act = _act(request.user, ct_id, pk)
    get_url = getattr(act, "get_absolute_url", None)
    return render(
        request,
        "acts/matters.html",
        {
            "title": f"涉及“{act}”的全部事项",
            "act": act,
            "act_url": get_url() if callable(get_url) else "",
            "rows": selectors.matter_rows(act),
        },
    )


@login_required
def losses_index(request: HttpRequest) -> HttpResponse:
    """The navigation's 败诉分析: the analysis of the first kind of act that has 执法事项."""
    require(
        policies.can_view_losses(request.user), "败诉分析仅供法治监督人员和复议应诉工作人员查看。"
    )
    k = next((x for x in act_kinds() if x.matter_field), None)
    if k is None:
        raise Http404("没有可分析的行政行为类型。")
    return redirect(reverse("acts:losses", args=[k.key]))


@login_required
def losses(request: HttpRequest, kind: str) -> HttpResponse:
    """败诉分析: per 执法事项, the acts decided in court in the period and those lost, with the acts
    of one matter listed below (``?matter=``)."""
    require(
        policies.can_view_losses(request.user), "败诉分析仅供法治监督人员和复议应诉工作人员查看。"
    )
    k = next((x for x in act_kinds() if x.key == kind and x.matter_field), None)
    if k is None:
        raise Http404("没有该类行政行为。")
    visible = principal(request.user).visible_agency_ids
    agencies = list(Agency.objects.filter(pk__in=sorted(visible)))
    if not agencies:
        raise Http404("您没有可查看的机关。")
    chosen = next((a for a in agencies if str(a.pk) == request.GET.get("agency")), None)
    chosen = chosen or next((a for a in agencies if a.kind == Agency.Kind.GOVERNMENT), agencies[0])
    try:
        period = Period.parse(request.GET.get("period") or str(timezone.localdate().year))
    except PeriodError as exc:
        raise Http404(str(exc)) from None
    ids = scope_for(chosen, visible)
    table = selectors.losses_by_matter(k, ids, period.start, period.end)
    headers = ["执法事项", "法院作出裁判的案件", "败诉", "败诉率"]
    rows = [(m, n, lost, f"{lost * 100 / n:.1f}%" if n else "—") for m, n, lost in table]
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"{chosen.display_name}{period.label}败诉分析.xlsx",
            "败诉分析",
            headers,
            [(str(m or "（未定执法事项）"), n, lost, r) for m, n, lost, r in rows],
        )
    acts = None
    if "matter" in request.GET:
        raw = request.GET.get("matter")
        matter_id = int(raw) if raw and raw.isdigit() else None
        acts = [
            (a, act_url(a))
            for a in selectors.acts_of_matter(k, ids, period.start, period.end, matter_id)
        ]
    return render(
        request,
        "acts/losses.html",
        {
            "title": f"败诉分析（{k.label}，按执法事项）",
            "kind": k,
            "agency": chosen,
            "agencies": agencies,
            "period": period,
            "headers": headers,
            "rows": rows,
            "acts": acts,
        },
    )
