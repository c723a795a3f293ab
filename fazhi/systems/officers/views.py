"""Personnel pages: certificates (with expiry flags), the supervisor's 待办 of certificates to
renew, training hours against the 60-学时 rule, and the forms that call the services."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, CharField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fazhi.core.accounts.policies import require
from fazhi.core.importing.views import import_view
from fazhi.core.ui.excel import XLSX
from fazhi.core.ui.listing import Col, FilteredListView
from fazhi.core.workflow.engine import InvalidTransition, Refused
from fazhi.core.workflow.steps import errors_to_form

from . import importers, policies, selectors, services
from .filters import CertificateFilterSet, TrainingRecordFilterSet, TrainingSummaryFilterSet
from .forms import (
    CertificateIssueForm,
    TrainingForm,
)
from .models import Certificate
from .rules import ANNUAL_TRAINING_HOURS, expiry_notice
from .steps import CERTIFICATE_STEPS, visible_certificate


def certificate_url(c: Certificate) -> str:
    return reverse("officers:certificate_detail", args=[c.pk])


def _days_left(c: Certificate) -> str:
    days = (c.expires_on - timezone.localdate()).days
    return f"已过期{-days}天" if days < 0 else f"{days}天"


CERTIFICATE_COLUMNS = [
    Col("持证人", "staff.name"),
    Col("机关", "staff.agency.display_name"),
    Col("证件类别", "get_kind_display", sort="kind"),
    Col("证件编号", "number", sort="number", link=certificate_url),
    Col("执法领域", "fields_display"),
    Col("发证日期", "issued_on", sort="issued_on"),
    Col("有效期至", "expires_on", sort="expires_on"),
    Col("状态", "state_label", sort="status"),
]


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


class CertificateListView(FilteredListView):
    title = "执法证件"
    filterset_class = CertificateFilterSet
    columns = CERTIFICATE_COLUMNS
    default_sort = "expires_on"
    template_name = "officers/certificate_list.html"

    def scope(self, request) -> QuerySet[Certificate]:
        return policies.certificates_scope(request.user)

    def extra_context(self, request) -> dict:
        return {
            "manages": policies.can_manage_any_certificates(request.user),
            "sees_expiring": policies.can_open_expiring(request.user),
            "rule": expiry_notice(),
        }


class ExpiringCertificateListView(FilteredListView):
    """The supervisor's 待办: valid certificates within the renewal window, and lapsed ones."""

    title = "即将到期的执法证"
    filterset_class = CertificateFilterSet
    columns = [*CERTIFICATE_COLUMNS[:7], Col("剩余", _days_left)]
    default_sort = "expires_on"
    template_name = "officers/certificate_list.html"

    def scope(self, request) -> QuerySet[Certificate]:
        require(policies.can_open_expiring(request.user), policies.EXPIRING_REFUSED)
        limit = timezone.localdate() + timedelta(days=int(expiry_notice().value))
        return policies.certificates_scope(request.user).filter(
            status__in=selectors.TO_RENEW, expires_on__lte=limit
        )

    def extra_context(self, request) -> dict:
        return {
            "manages": policies.can_manage_any_certificates(request.user),
            "rule": expiry_notice(),
            "todo": True,
        }


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


class TrainingSummaryView(FilteredListView):
    title = f"培训学时（每人每年不少于{ANNUAL_TRAINING_HOURS.value}学时）"
    filterset_class = TrainingSummaryFilterSet
    columns = [
        Col("姓名", "name", sort="name"),
        Col("机关", "agency.display_name"),
        Col("内设机构", "unit.name"),
        Col("年度业务和法律学时", "counted_hours"),
        Col(
            "是否达标",
            lambda s: "达标" if s.counted_hours >= ANNUAL_TRAINING_HOURS.value else "未达标",
        ),
    ]
    default_sort = "name"
    template_name = "officers/training_summary.html"

    def scope(self, request) -> QuerySet:
        qs = selectors.training_summary(policies.visible_agency_ids(request.user), _year(request))
        return qs.annotate(
            row_class=Case(
                When(counted_hours__lt=ANNUAL_TRAINING_HOURS.value, then=Value("red")),
                default=Value(""),
                output_field=CharField(),
            )
        )

    def extra_context(self, request) -> dict:
        return {
            "year": _year(request),
            "rule": ANNUAL_TRAINING_HOURS,
            "records_training": policies.can_record_any_training(request.user),
        }


class TrainingRecordListView(FilteredListView):
    title = "培训记录"
    filterset_class = TrainingRecordFilterSet
    columns = [
        Col("姓名", "staff.name"),
        Col("机关", "staff.agency.display_name"),
        Col("培训日期", "date", sort="date"),
        Col("类别", "get_category_display", sort="category"),
        Col("培训名称", "title"),
        Col("学时", "hours", sort="hours"),
        Col("主办单位", "provider"),
    ]
    default_sort = "-date"
    template_name = "officers/training_records.html"

    def scope(self, request) -> QuerySet:
        return policies.training_scope(request.user)

    def extra_context(self, request) -> dict:
        return {"records_training": policies.can_record_any_training(request.user)}


def certificate_response(
    request: HttpRequest, cert: Certificate, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    """The certificate page with its history and the steps the user may take (a refused or
    invalid step shown on its bound form)."""
    context = {
        "title": f"执法证件 {cert.number}",
        "cert": cert,
        "events": cert.events.order_by("on", "id"),
        "history": selectors.certificate_history(cert),
        "check": selectors.certificate_check(cert.staff, timezone.localdate(), kind=cert.kind),
        "panel": CERTIFICATE_STEPS.panel(request, cert, bound),
    }
    return render(request, "officers/certificate_detail.html", context, status=status)


@login_required
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return certificate_response(request, visible_certificate(request.user, pk))


@login_required
def certificate_issue(request: HttpRequest) -> HttpResponse:
    require(
        policies.can_manage_any_certificates(request.user),
        "只有法治监督机构（司法局）可以发放执法证件。",
    )
    agency_ids = policies.supervised_ids(request.user)
    form = CertificateIssueForm(request.POST or None, agency_ids=agency_ids)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            cert = services.issue_certificate(
                d["staff"],
                kind=d["kind"],
                number=d["number"],
                fields=form.cleaned_areas(),
                issued_on=d["issued_on"],
                expires_on=d["expires_on"],
                issuer=d["issuer"],
                actor=request.user,
            )
        except (Refused, InvalidTransition, ValidationError) as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"已发放证件 {cert.number}。")
            return redirect(certificate_url(cert))
    return render(
        request,
        "officers/form.html",
        {"title": "发放执法证件", "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def training_add(request: HttpRequest) -> HttpResponse:
    require(
        policies.can_record_any_training(request.user),
        "只有司法局或本机关负责人可以登记培训学时。",
    )
    agency_ids = policies.training_agency_ids(request.user)
    form = TrainingForm(request.POST or None, agency_ids=agency_ids)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        staff = d.pop("staff")
        try:
            services.record_training(staff, actor=request.user, **d)
        except (Refused, InvalidTransition, ValidationError) as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"已登记{staff.name}的培训学时。")
            return redirect("officers:training_records")
    return render(
        request,
        "officers/form.html",
        {"title": "登记培训学时", "form": form},
        status=400 if form.errors else 200,
    )


def import_page(request: HttpRequest, kind: str) -> HttpResponse:
    """The platform's import page of ``officers.<kind>`` (certificates or training)."""
    return import_view(request, importer=f"officers.{kind}")


@login_required
def export(request: HttpRequest, kind: str) -> HttpResponse:
    """The register in the import format (round trip)."""
    stamp = timezone.localdate().strftime("%Y%m%d")
    if kind == "certificates":
        return _xlsx(
            importers.certificates_xlsx(policies.certificates_scope(request.user)),
            f"执法证件-{stamp}.xlsx",
        )
    if kind == "training":
        return _xlsx(
            importers.training_xlsx(policies.training_scope(request.user)), f"培训记录-{stamp}.xlsx"
        )
    raise Http404("没有这种导出。")
