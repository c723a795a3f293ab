"""Staff pages (人员): the list with filters and export, one person's page, and the system
administrator's one-time password for an account that has none or forgot it.

Who sees whom is decided by :mod:`fazhi.core.orgs.policies`; 公民身份号码 are masked for everyone
but the system administrator, who keeps the staff register.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core.orgs import policies as org_policies
from fazhi.core.orgs.filters import StaffFilterSet
from fazhi.core.ui.listing import Col, FilteredListView

from . import provisioning, roles
from .http import AuthenticatedRequest
from .models import RoleAssignment, StaffMember
from .policies import require
from .services import password_expired

DENIED = "您没有查看人员信息的权限（安全审计员不查看业务数据）。"


def _fresh_password(request: AuthenticatedRequest) -> HttpResponse | None:
    """Pages under /accounts/ are outside the expiry middleware; staff pages hold business
    data, so an expired password is sent to the change form here too."""
    if password_expired(request.user):
        return redirect(reverse("accounts:password_change") + "?expired=1")
    return None


def _roles_of(staff: StaffMember) -> str:
    if staff.user is None:
        return ""
    return "、".join(sorted({roles.label(g.role) for g in staff.user.role_assignments.all()}))


def staff_url(staff: StaffMember) -> str:
    return reverse("accounts:staff_detail", args=[staff.pk])


def _scope(user) -> QuerySet[StaffMember]:
    grants = Prefetch(
        "user__role_assignments", queryset=RoleAssignment.objects.only("role", "user_id")
    )
    return org_policies.visible_staff(user).prefetch_related(grants)


class StaffListView(FilteredListView):
    title = "人员"
    filterset_class = StaffFilterSet
    default_sort = "name"
    export_name = "人员名录"

    def get(self, request, *args, **kwargs):
        return _fresh_password(request) or super().get(request, *args, **kwargs)

    @property
    def columns(self) -> list[Col]:  # type: ignore[override]
        user = self.request.user
        return [
            Col("姓名", "name", sort="name", link=staff_url),
            Col("公民身份号码", lambda s: org_policies.shown_id_number(user, s.id_number)),
            Col("所属机关", "agency.name"),
            Col("内设机构", "unit.name"),
            Col("职务", "position", sort="position"),
            Col("登录账号", "user.username"),
            Col("角色", _roles_of),
            Col("在岗", lambda s: "是" if s.active else "否"),
        ]

    def scope(self, request) -> QuerySet[StaffMember]:
        require(org_policies.can_view_orgs(request.user), DENIED)
        return _scope(request.user)


def _render_detail(
    request: HttpRequest, staff: StaffMember, one_time_password: str = ""
) -> HttpResponse:
    grants = []
    if staff.user_id is not None:
        grants = list(
            RoleAssignment.objects.filter(user_id=staff.user_id)
            .select_related("agency")
            .order_by("role")
        )
    return render(
        request,
        "accounts/staff_detail.html",
        {
            "title": staff.name,
            "staff": staff,
            "id_number": org_policies.shown_id_number(request.user, staff.id_number),
            "grants": grants,
            "may_reset": staff.user is not None and org_policies.manages_all_orgs(request.user),
            "one_time_password": one_time_password,
        },
    )


@login_required
def staff_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if (response := _fresh_password(request)) is not None:
        return response
    require(org_policies.can_view_orgs(request.user), DENIED)
    return _render_detail(request, get_object_or_404(_scope(request.user), pk=pk))


@login_required
@require_POST
def staff_reset_password(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Issue a one-time password. It is shown once, in this response, and stored only as a hash
    (no redirect: a session or message would keep it in clear)."""
    if (response := _fresh_password(request)) is not None:
        return response
    require(org_policies.manages_all_orgs(request.user), "只有系统管理员可以发放一次性密码。")
    staff = get_object_or_404(_scope(request.user), pk=pk)
    if staff.user is None:
        messages.error(request, "该人员没有登录账号。")
        return redirect("accounts:staff_detail", pk=pk)
    try:
        password = provisioning.reset_password(staff.user, actor=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("accounts:staff_detail", pk=pk)
    return _render_detail(request, staff, password)
