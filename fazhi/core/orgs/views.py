"""Organisation pages: agencies, units, and the Excel import of agencies, units and staff.
(Staff pages live with the accounts: ``fazhi.core.accounts.staff_views``.)"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from fazhi.core.accounts import roles
from fazhi.core.accounts.models import RoleAssignment, StaffMember
from fazhi.core.accounts.policies import require
from fazhi.core.ui.excel import XLSX
from fazhi.core.ui.listing import Col, FilteredListView

from . import policies
from .filters import AgencyFilterSet, UnitFilterSet
from .forms import ImportForm
from .importing import SHEETS, import_workbook, template_bytes, template_filename
from .models import Agency, Unit

DENIED = "您没有查看组织机构的权限（安全审计员不查看业务数据）。"


def _yes(value: bool) -> str:
    return "是" if value else ""


def agency_url(agency: Agency) -> str:
    return reverse("orgs:agency_detail", args=[agency.pk])


class AgencyListView(FilteredListView):
    title = "机关"
    filterset_class = AgencyFilterSet
    default_sort = "order"
    export_name = "机关名录"
    columns = [
        Col("机关名称", "name", sort="name", link=agency_url),
        Col("简称", "short_name"),
        Col("类别", "get_kind_display", sort="kind"),
        Col("统一社会信用代码", "uscc", sort="uscc"),
        Col("所属人民政府", "government.name"),
        Col("行政区划", "division.name"),
        Col("法治监督机构", lambda a: _yes(a.is_supervisor)),
        Col("行政执法主体", lambda a: _yes(a.enforcement_subject)),
        Col("排序", "order", sort="order"),
    ]

    def scope(self, request) -> QuerySet[Agency]:
        require(policies.can_view_orgs(request.user), DENIED)
        return policies.visible_agencies(request.user)


class UnitListView(FilteredListView):
    title = "内设机构"
    filterset_class = UnitFilterSet
    default_sort = "name"
    columns = [
        Col("机构名称", "name", sort="name"),
        Col("所属机关", "agency.name", link=lambda u: agency_url(u.agency)),
        Col("类别", "get_kind_display", sort="kind"),
        Col("上级机构", "parent.name"),
        Col("在岗人数", "staff_count"),
    ]

    def scope(self, request) -> QuerySet[Unit]:
        require(policies.can_view_orgs(request.user), DENIED)
        return policies.visible_units(request.user).annotate(
            staff_count=Count("staff", filter=Q(staff__active=True))
        )


@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One agency: its units (as a tree), staff count, who holds which role, and, for a
    government, its departments. An agency the user may not see is answered as not found."""
    require(policies.can_view_orgs(request.user), DENIED)
    agency = get_object_or_404(policies.visible_agencies(request.user), pk=pk)
    # Creation order: the order of the imported file or of the demo's table of organisation.
    active = Count("staff", filter=Q(staff__active=True))
    units = list(agency.units.annotate(staff_count=active).order_by("pk"))
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    tree: list[tuple[int, Unit]] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in children.get(parent, []):
            tree.append((depth, unit))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    staff = StaffMember.objects.filter(agency=agency)
    grants = (
        RoleAssignment.objects.filter(agency=agency)
        .select_related("user", "user__staff")
        .order_by("role", "user__username")
    )
    by_role: dict[str, list] = {}
    for grant in grants:
        by_role.setdefault(roles.label(grant.role), []).append(grant.user)
    departments = (
        policies.visible_agencies(request.user).filter(government=agency).order_by("order", "name")
    )
    return render(
        request,
        "orgs/agency_detail.html",
        {
            "title": agency.name,
            "agency": agency,
            "tree": tree,
            "staff_active": staff.filter(active=True).count(),
            "staff_total": staff.count(),
            "roles": sorted(by_role.items()),
            "departments": departments,
            # the government's page is linked only for those who may open it (a department's
            # officer reads the name, not a 404)
            "government_visible": agency.government_id is not None
            and policies.can_view_agency(request.user, agency.government_id),
            "manages": policies.manages_all_orgs(request.user),
        },
    )


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload an .xlsx file: every row is checked; all rows are imported or none."""
    require(policies.can_import(request.user), "只有系统管理员或安全保密管理员可以批量导入。")
    kinds = [k for k in SHEETS if policies.can_import(request.user, k)]
    form = ImportForm(request.POST or None, request.FILES or None, kinds=kinds)
    result = None
    if request.method == "POST" and form.is_valid():
        result = import_workbook(
            form.cleaned_data["kind"],
            form.cleaned_data["file"],
            actor=request.user,
            dry_run=form.cleaned_data["dry_run"],
        )
    return render(
        request,
        "orgs/import.html",
        {
            "title": "批量导入",
            "form": form,
            "result": result,
            "sheets": [SHEETS[k] for k in kinds],
            "may_grant_roles": policies.can_import_roles(request.user),
        },
        status=400 if result is not None and not result.ok else 200,
    )


@login_required
@require_GET
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in SHEETS:
        raise Http404("没有这种导入模板。")
    require(policies.can_import(request.user, kind), "您不能下载此导入模板。")
    response = HttpResponse(template_bytes(kind), content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(template_filename(kind))}"
    )
    return response
