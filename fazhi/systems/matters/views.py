"""Pages of the matters app: matter lists, benchmarks and the four lists (with Excel import and
export), a matter's detail with a recommendation trial, and the 事前公示 page."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.accounts.policies import require
from fazhi.core.importing.views import import_view
from fazhi.core.orgs.models import Agency
from fazhi.core.ui.excel import XLSX
from fazhi.core.ui.listing import Col, FilteredListView

from . import importers, policies, selectors, services
from .filters import BenchmarkVersionFilterSet, LenientItemFilterSet, MatterFilterSet
from .forms import SubjectForm, TrialForm
from .models import BenchmarkTier, BenchmarkVersion, EnforcementSubject, Matter
from .rules import PUBLICATION_RULE


def matter_url(m: Matter) -> str:
    return reverse("matters:matter_detail", args=[m.pk])


def _yes(value: bool) -> str:
    return "是" if value else ""


def _list_context(request: HttpRequest, kind: str) -> dict:
    visible = Agency.objects.filter(pk__in=policies.visible_agency_ids(request.user)).order_by(
        "order", "name"
    )
    return {
        "kind": kind,
        "manages": policies.manageable_agencies(request.user).exists(),
        "export_agencies": visible,
    }


class MatterListView(FilteredListView):
    title = "行政执法事项清单"
    filterset_class = MatterFilterSet
    columns = [
        Col("事项编码", "code", sort="code", link=matter_url),
        Col("事项名称", "name", sort="name"),
        Col("事项类型", "get_kind_display", sort="kind"),
        Col("执法领域", "field", sort="field"),
        Col("实施机关", "agency.display_name"),
        Col("承办机构", "unit.name"),
        Col("法定罚款幅度", "fine_range_display"),
        Col("法制审核目录", lambda m: _yes(m.in_review_catalogue)),
        Col("涉嫌犯罪移送标准（元）", "criminal_threshold_amount"),
        Col("有效", lambda m: _yes(m.active)),
    ]
    default_sort = "code"
    template_name = "matters/matter_list.html"

    def scope(self, request) -> QuerySet[Matter]:
        return policies.matters_scope(request.user)

    def extra_context(self, request) -> dict:
        return _list_context(request, "matters")


def version_url(v: BenchmarkVersion) -> str:
    return reverse("matters:matter_detail", args=[v.benchmark.matter_id]) + f"#v{v.pk}"


class BenchmarkVersionListView(FilteredListView):
    title = "行政裁量权基准"
    filterset_class = BenchmarkVersionFilterSet
    columns = [
        Col("事项编码", "benchmark.matter.code"),
        Col("事项名称", "benchmark.matter.name", link=version_url),
        Col("实施机关", "benchmark.matter.agency.display_name"),
        Col("版本", "label", sort="label"),
        Col("施行日期", "effective_from", sort="effective_from"),
        Col("失效日期", "effective_to"),
        Col("已公布", lambda v: _yes(v.published)),
        Col("公布日期", "published_on", sort="published_on"),
        Col("公布文号", "document_number"),
    ]
    default_sort = "-effective_from"
    template_name = "matters/matter_list.html"

    def scope(self, request) -> QuerySet[BenchmarkVersion]:
        return policies.benchmark_versions_scope(request.user)

    def extra_context(self, request) -> dict:
        return {**_list_context(request, "benchmarks"), "rule": PUBLICATION_RULE}


class LenientItemListView(FilteredListView):
    title = "包容审慎“四张清单”"
    filterset_class = LenientItemFilterSet
    columns = [
        Col("清单", "lenient_list.get_kind_display"),
        Col("版本", "lenient_list.version"),
        Col("施行日期", "lenient_list.effective_from"),
        Col("机关", "lenient_list.agency.display_name"),
        Col("事项", lambda i: i.matter.name if i.matter else "本机关所有事项"),
        Col("违法行为", "description"),
        Col("适用条件（须全部具备）", "conditions_display"),
        Col("处理措施", "measure"),
    ]
    default_sort = "pk"
    template_name = "matters/matter_list.html"

    def scope(self, request) -> QuerySet:
        return policies.lenient_items_scope(request.user)

    def extra_context(self, request) -> dict:
        return _list_context(request, "lenient")


def _visible_matter(request: HttpRequest, pk: int) -> Matter:
    matter = get_object_or_404(Matter.objects.select_related("agency", "unit"), pk=pk)
    if not policies.can_view(request.user, matter.agency_id):
        raise Http404("没有找到该事项。")
    return matter


@login_required
def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The matter, its basis versions, benchmark versions and four-list items, and a trial of
    what the platform recommends for chosen circumstances (the same services the case app calls)."""
    matter = _visible_matter(request, pk)
    versions = (
        BenchmarkVersion.objects.filter(benchmark__matter=matter)
        .prefetch_related("tiers")
        .order_by("-effective_from")
    )
    for v in versions:
        v.sorted_tiers = sorted(v.tiers.all(), key=lambda t: BenchmarkTier.ORDER.get(t.tier, 9))
    trial = TrialForm(request.GET or None)
    outcome = None
    if request.GET and trial.is_valid():
        d = trial.cleaned_data
        rec = services.recommend(matter, d["circumstances"], d["on"])
        try:
            basis = selectors.basis_for(matter, d["violation_date"] or d["on"], d["on"])
        except selectors.NoBasis as exc:
            basis = str(exc)
        outcome = {
            "recommendation": rec,
            "check": services.check_amount(rec, d["amount"]) if d["amount"] is not None else None,
            "lenient": services.match_lenient(
                matter.agency_id, matter, d["circumstances"], d["on"]
            ),
            "basis": basis,
        }
    return render(
        request,
        "matters/matter_detail.html",
        {
            "title": f"{matter.code} {matter.name}",
            "matter": matter,
            "bases": matter.bases.all(),
            "versions": versions,
            "items": matter.lenient_items.select_related("lenient_list"),
            "trial": trial,
            "outcome": outcome,
            "manages": policies.can_manage(request.user, matter.agency_id),
            "rule": PUBLICATION_RULE,
        },
    )


@login_required
@require_POST
def benchmark_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """向社会公布 a benchmark version (第三十四条) through the publication door."""
    version = get_object_or_404(BenchmarkVersion.objects.select_related("benchmark__matter"), pk=pk)
    matter = version.benchmark.matter
    require(
        policies.can_manage(request.user, matter.agency_id),
        "只有本机关法制审核人员或负责人可以公布裁量基准。",
    )
    try:
        services.publish_benchmark_version(
            version,
            on=timezone.localdate(),
            document_number=request.POST.get("document_number", ""),
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"裁量基准{version.label}已向社会公布。")
    return redirect(matter_url(matter) + f"#v{version.pk}")


def _chosen_agency(request: HttpRequest) -> tuple[QuerySet[Agency], Agency | None]:
    agencies = policies.manageable_agencies(request.user)
    chosen = request.POST.get("agency") or request.GET.get("agency")
    agency = (
        agencies.filter(pk=chosen).first() if chosen and str(chosen).isdigit() else agencies.first()
    )
    return agencies, agency


@login_required
def publicity(request: HttpRequest) -> HttpResponse:
    """事前公示 (第三十九条): edit the 执法主体 record, preview and publish."""
    agencies, agency = _chosen_agency(request)
    require(agency is not None, "只有本机关法制审核人员或负责人可以办理事前公示。")
    profile = EnforcementSubject.objects.filter(agency=agency).first()
    form = SubjectForm(request.POST or None, instance=profile)
    if request.method == "POST" and request.POST.get("action") == "save" and form.is_valid():
        services.save_subject(agency, actor=request.user, **form.cleaned_data)
        messages.success(request, "执法主体信息已保存。")
        return redirect(reverse("matters:publicity") + f"?agency={agency.pk}")
    if request.method == "POST" and request.POST.get("action") == "publish":
        try:
            item = services.publish_pre_enforcement(agency, actor=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"已公示：{item.title}。")
            return redirect(reverse("matters:publicity") + f"?agency={agency.pk}")
    try:
        preview, _ = services.pre_enforcement_text(agency, timezone.localdate())
    except ValidationError as exc:
        preview = "；".join(exc.messages)
    return render(
        request,
        "matters/publicity.html",
        {
            "title": "行政执法事前公示",
            "agencies": agencies,
            "agency": agency,
            "form": form,
            "preview": preview,
        },
    )


#: kind → (label, builder) of each file the matters app exports in its import format.
EXPORTS = {
    "matters": ("执法事项清单", importers.matter_list_xlsx),
    "benchmarks": ("裁量基准", importers.benchmarks_xlsx),
    "lenient": ("四张清单", importers.lenient_lists_xlsx),
}


def import_page(request: HttpRequest, kind: str) -> HttpResponse:
    """The platform's import page of ``matters.<kind>`` (matters, benchmarks or lenient)."""
    return import_view(request, importer=f"matters.{kind}")


@login_required
def export(request: HttpRequest, kind: str) -> HttpResponse:
    """The agency's rules (``?agency=``) in the import format (round trip)."""
    agency_id = request.GET.get("agency", "")
    if kind not in EXPORTS or not agency_id.isdigit():
        raise Http404("没有这种导出。")
    agency_id = int(agency_id)
    if not policies.can_view(request.user, agency_id):
        raise Http404("没有找到该机关。")
    agency = get_object_or_404(Agency, pk=agency_id)
    label, build = EXPORTS[kind]
    filename = f"{agency.display_name}{label}-{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(build(agency), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
