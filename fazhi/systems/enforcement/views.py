"""HTML pages: the case list (filters, .xlsx export), the case page with the steps the user may
take, the forms that open a 案源 or record an on-the-spot penalty, and document downloads.

Views decide nothing: every write goes through :mod:`.services` (a case's steps are declared in
:mod:`.steps` and performed by core's step view), every permission question to :mod:`.policies`.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core.accounts.policies import principal, require
from fazhi.core.ui.listing import Col, FilteredListView, detail_link
from fazhi.core.workflow.engine import InvalidTransition, Refused
from fazhi.core.workflow.steps import errors_to_form

from . import forms, policies, selectors, services
from .filters import CaseFilterSet
from .steps import CASE_STEPS

_CASE_PAGE = detail_link("enforcement:case_detail")


class CaseListView(FilteredListView):
    title = "行政处罚案件"
    export_name = "行政处罚案件"
    filterset_class = CaseFilterSet
    default_sort = "-registered_on"
    columns = [
        Col("案号", lambda c: c.number or c.source_number, link=_CASE_PAGE),
        Col("当事人", "party_name"),
        Col("执法机关", "agency.display_name"),
        Col("执法事项", lambda c: c.matter.name if c.matter_id else ""),
        Col("程序", "get_procedure_display"),
        Col("状态", "state_label"),
        Col("登记日", "registered_on", sort="registered_on"),
        Col("立案日", "opened_on", sort="opened_on"),
        Col("决定期限", lambda c: c.decision_due or ""),
        Col("决定日", "decided_on", sort="decided_on"),
        Col("处理结果", "get_outcome_display"),
        Col("罚没款（元）", "fine_due"),
    ]

    def scope(self, request):
        return selectors.list_rows(request.user)


def _deadlines(case) -> list[tuple[Any, list[str]]]:
    from fazhi.core.deadlines import services as deadlines

    out = []
    for d in deadlines.deadlines_of(case):
        try:
            lines = deadlines.explain(d)
        except Exception:  # noqa: BLE001 - an explanation must not break the page
            lines = []
        out.append((d, lines))
    return out


def _detail_context(request: HttpRequest, case, bound: dict | None = None) -> dict[str, Any]:
    try:
        recommendation = (
            services.recommend_for(case) if case.matter_id and not case.decided_on else None
        )
    except Exception:  # noqa: BLE001 - advice only
        recommendation = None
    fine_left, surcharge_left = selectors.outstanding(case, timezone.localdate())
    return {
        "title": case.label,
        "case": case,
        "panel": CASE_STEPS.panel(request, case, bound),
        "deadlines": _deadlines(case),
        "history": selectors.case_history(case),
        "documents": selectors.document_versions(case),
        "evidence": case.evidence.select_related("file"),
        "hearings": case.hearings.select_related("chair", "record_file"),
        "statements": case.statements.select_related("file"),
        "reviews": case.reviews.select_related("reviewer"),
        "discussions": case.discussions.all(),
        "transfers": case.transfers.all(),
        "payments": case.payments.all(),
        "remedies": case.remedies.all(),
        "officers": case.officers.all(),
        "recommendation": recommendation,
        "fine_left": fine_left,
        "surcharge_left": surcharge_left,
        "can_export": case.state in ("closed", "archived"),
    }


def case_response(
    request: HttpRequest, case, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    """The case page; ``bound`` holds a submitted step form to show with its errors."""
    context = _detail_context(request, case, bound)
    return render(request, "enforcement/case_detail.html", context, status=status)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return case_response(request, selectors.case_or_404(request.user, pk))


def registering_agencies(user, refused: str) -> Any:
    """The agencies the user opens cases in; refused unless the 登记案源/当场处罚 entries are
    theirs (the same policy as the navigation: ``policies.can_register_any``)."""
    require(policies.can_register_any(user), refused)
    return policies.registering_agencies(user)


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    """案源登记."""
    agencies = registering_agencies(request.user, policies.REGISTER_REFUSED)
    form = forms.RegisterSourceForm(request.POST or None, agencies=agencies)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            case = services.register_source(actor=request.user, **form.cleaned_data)
        except (Refused, InvalidTransition, ValidationError) as exc:
            status = errors_to_form(form, exc)
        else:
            messages.success(request, f"已登记案源：{case.source_number}")
            return redirect("enforcement:case_detail", pk=case.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request, "enforcement/form.html", {"title": "登记案源", "form": form}, status=status
    )


@login_required
def summary_new(request: HttpRequest) -> HttpResponse:
    """当场作出行政处罚决定 (简易程序)."""
    agencies = registering_agencies(request.user, policies.SUMMARY_REFUSED)
    form = forms.SummaryForm(request.POST or None, agencies=agencies)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            case = services.summary_penalty(actor=request.user, **form.cleaned_data)
        except (Refused, InvalidTransition, ValidationError) as exc:
            status = errors_to_form(form, exc)
        else:
            messages.success(request, f"已当场作出行政处罚决定：{case.decision_number}")
            return redirect("enforcement:case_detail", pk=case.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "enforcement/form.html",
        {"title": "当场作出行政处罚决定", "form": form},
        status=status,
    )


@login_required
def document_download(request: HttpRequest, pk: int, doc: int) -> HttpResponseBase:
    """A 文书 as a download (the address earlier pages linked to; core's ``/files/`` serves the
    same file)."""
    from fazhi.core.ledger.files import file_response

    case = selectors.case_or_404(request.user, pk)
    document = case.documents.select_related("file").filter(pk=doc).first()
    if document is None:
        raise Http404("没有找到该文书。")
    return file_response(request, document.file, inline=False, name=document.file_name)


@login_required
def archive_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The closed case's archive as a zip that ``fazhi ledger verify case-N-archive.zip`` accepts."""
    from .archive import export_case

    case = selectors.case_or_404(request.user, pk)
    if case.state not in ("closed", "archived"):
        raise Http404("只有已结案的案件可以导出案卷。")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / f"case-{case.pk}"
        export_case(case, root, actor=request.user)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(root.parent))
    response = HttpResponse(buf.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="case-{case.pk}-archive.zip"'
    return response


@login_required
def stats(request: HttpRequest) -> HttpResponse:
    """Cases by matter, state and outcome, and the app's registered figures, for one period."""
    from fazhi.core.indicators.registry import Period, PeriodError, all_indicators, compute

    from .indicators import breakdown

    if not policies.can_use(request.user):
        raise PermissionDenied("您无权查看行政处罚统计。")
    try:
        period = Period.parse(request.GET.get("period") or str(timezone.localdate().year))
    except PeriodError as exc:
        messages.error(request, str(exc))
        period = Period.year(timezone.localdate().year)
    ids = frozenset(principal(request.user).visible_agency_ids)
    figures = [
        (ind, compute(ind.code, ids, period))
        for ind in all_indicators()
        if ind.code.startswith("enforcement.")
    ]
    return render(
        request,
        "enforcement/stats.html",
        {
            "title": f"行政处罚统计（{period.label}）",
            "period": period,
            "figures": figures,
            "breakdown": breakdown(ids, period),
        },
    )
