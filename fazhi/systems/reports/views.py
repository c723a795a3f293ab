"""Pages: annual reports (list, compose/edit, workflow steps, .docx/PDF), quarterly bulletins,
assessments and the report checker. Every permission question goes to :mod:`policies`."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.accounts.policies import can_view_business, principal
from fazhi.core.indicators.registry import Period, PeriodError
from fazhi.core.ui.excel import XLSX
from fazhi.core.workflow.engine import InvalidTransition, Refused, perform

from . import assessment, bulletin, documents, policies, rules, selectors, services
from .checker import ReportReadError, check_report
from .composer import compose_report, figures_by_area
from .forms import CheckUploadForm, CreateReportForm, DraftForm, LayoutForm
from .pdf import PdfUnavailable
from .recipients import default_recipients
from .workflow import REPORT_WORKFLOW


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _need_use(request: HttpRequest) -> None:
    if not policies.can_use(request.user):
        raise PermissionDenied("您无权查看法治报告。")


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    _need_use(request)
    form = CreateReportForm(request.POST or None, agencies=policies.drafting_agencies(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_report(
                form.cleaned_data["agency"], form.cleaned_data["year"], actor=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("reports:detail", pk=report.pk)
    reports = policies.visible_reports(request.user)
    return render(
        request,
        "reports/list.html",
        {
            "title": "法治政府建设年度报告",
            "reports": reports,
            "form": form,
            "states": REPORT_WORKFLOW.states,
        },
    )


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = policies.get_visible_report(request.user, pk)
    composed = compose_report(report)  # the document's figures do not depend on the reader
    headings = {p.key: p.heading for p in composed.parts}
    current = report.current
    draft = DraftForm(initial=current.parts if current else {}, headings=headings)
    layout = LayoutForm(
        initial={
            "title": report.title,
            "part_order": ",".join(report.part_order),
            **{f"h_{k}": v for k, v in report.headings.items()},
        }
    )
    return render(
        request,
        "reports/detail.html",
        {
            "title": report.title,
            "report": report,
            "composed": composed,
            "areas": figures_by_area(composed.figures),
            "draft": draft,
            "layout": layout,
            "can_edit": policies.can_edit(request.user, report),
            "steps": selectors.available_steps(report, request.user),
            "proposed": default_recipients(report.agency),
            "history": selectors.steps(report),
            "revisions": selectors.revisions(report),
            "state": selectors.state_label(report),
        },
    )


@login_required
@require_POST
def report_save(request: HttpRequest, pk: int) -> HttpResponse:
    report = policies.get_visible_report(request.user, pk)
    form = DraftForm(request.POST, headings=rules.DEFAULT_HEADINGS)
    if form.is_valid():
        parts = {k: form.cleaned_data[k] for k in rules.PART_KEYS}
        try:
            rev = services.save_draft(
                report, parts, actor=request.user, note=form.cleaned_data["note"]
            )
            messages.success(request, f"已保存为第{rev.number}版。")
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    return redirect("reports:detail", pk=pk)


@login_required
@require_POST
def report_layout(request: HttpRequest, pk: int) -> HttpResponse:
    report = policies.get_visible_report(request.user, pk)
    form = LayoutForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("reports:detail", pk=pk)
    try:
        services.set_layout(
            report,
            part_order=form.cleaned_data["part_order"],
            headings=form.headings(),
            title=form.cleaned_data["title"],
            actor=request.user,
        )
        messages.success(request, "报告结构已更新。")
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    return redirect("reports:detail", pk=pk)


@login_required
@require_POST
def report_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    report = policies.get_visible_report(request.user, pk)
    data = {"opinion": request.POST.get("opinion", "")}
    for key in ("main_recipients", "copy_recipients"):  # the 报送 step's recipients
        if key in request.POST:
            data[key] = request.POST[key]
    try:
        perform(
            REPORT_WORKFLOW,
            report,
            step,
            actor=request.user,
            data=data,
            comment=request.POST.get("comment", ""),
        )
        messages.success(request, "已完成：" + REPORT_WORKFLOW.transitions[step].label)
    except Refused as exc:
        messages.error(request, exc.as_dict()["detail"])
    except (InvalidTransition, PermissionDenied, ValidationError) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    return redirect("reports:detail", pk=pk)


def _file(f: documents.File) -> HttpResponse:
    return documents.as_response(f)


@login_required
def report_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = policies.get_visible_report(request.user, pk)
    base = request.build_absolute_uri("/")
    return _file(documents.report_file(report, "docx", base_url=base))


@login_required
def report_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = policies.get_visible_report(request.user, pk)
    base = request.build_absolute_uri("/")
    try:
        return _file(documents.report_file(report, "pdf", base_url=base))
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("reports:detail", pk=pk)


@login_required
def bulletin_view(request: HttpRequest) -> HttpResponse:
    if not policies.can_use_bulletins(request.user):
        raise PermissionDenied("季度通报仅供法治督察单位的法治监督人员查看。")
    bodies = policies.supervising_bodies(request.user)
    today = timezone.localdate()
    code = request.GET.get("period") or Period.quarter(today.year, (today.month - 1) // 3 + 1).code
    context = {"title": "季度通报", "bodies": bodies, "period_code": code, "bulletin": None}
    body = bodies.filter(pk=request.GET.get("body") or 0).first() or bodies.first()
    if body is not None:
        try:
            year, quarter = bulletin.period_of(code)
        except PeriodError as exc:
            messages.error(request, str(exc))
            return render(request, "reports/bulletin.html", context)
        b = bulletin.build_bulletin(body, year, quarter)
        context.update(bulletin=b, body=body)
        fmt = request.GET.get("format")
        if fmt in documents.FORMATS:
            try:
                return _file(documents.bulletin_file(b, fmt))
            except PdfUnavailable as exc:
                messages.error(request, str(exc))
    return render(request, "reports/bulletin.html", context)


@login_required
def assessment_view(request: HttpRequest) -> HttpResponse:
    _need_use(request)
    agencies = policies.visible_agencies(request.user)
    context = {
        "title": "法治考核",
        "agencies": agencies,
        "frameworks": assessment.available_frameworks(),
        "result": None,
    }
    context["framework_name"] = request.GET.get("framework") or "assessment_county"
    try:
        framework = assessment.load_framework(context["framework_name"])
        period = Period.parse(request.GET.get("period") or str(timezone.localdate().year - 1))
    except (assessment.FrameworkError, PeriodError) as exc:
        messages.error(request, str(exc))
        return render(request, "reports/assessment.html", context)
    agency = agencies.filter(pk=request.GET.get("agency") or 0).first() or agencies.first()
    context.update(framework=framework, period=period, agency=agency)
    if agency is not None:
        if not can_view_business(request.user, agency.pk):
            raise Http404
        manual = {k[2:]: v for k, v in request.GET.items() if k.startswith("m_") and v}
        try:
            result = assessment.score(
                framework,
                agency,
                period,
                manual=manual,
                visible=principal(request.user).visible_agency_ids,
            )
        except (assessment.FrameworkError, ArithmeticError) as exc:
            messages.error(request, str(exc))
            return render(request, "reports/assessment.html", context)
        if request.GET.get("export") == "xlsx":
            return _download(
                assessment.assessment_xlsx(result),
                f"{agency.name}{period.label}考核评分.xlsx",
                XLSX,
            )
        query = request.GET.copy()
        query["export"] = "xlsx"
        context.update(result=result, export_url=f"{request.path}?{query.urlencode()}")
    return render(request, "reports/assessment.html", context)


@login_required
def check_view(request: HttpRequest) -> HttpResponse:
    """Check an uploaded report with the checker: parts, figures, inconsistencies, dates."""
    _need_use(request)
    form = CheckUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = check_report(upload.read(), filename=upload.name)
        except (ReportReadError, ValueError) as exc:
            form.add_error("file", str(exc))
    return render(
        request, "reports/check.html", {"title": "年度报告检查", "form": form, "result": result}
    )
