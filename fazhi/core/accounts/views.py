"""Login, logout, password change, and the pages of the three administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.ui.listing import Col, FilteredListView

from . import services
from .audit import Describer, SecurityEventFilterSet, actor_display
from .forms import LoginForm, PasswordChangeForm, RoleGrantForm
from .http import AuthenticatedRequest
from .models import RoleAssignment, SecurityEvent, User
from .policies import can_manage_security, can_view_audit_trail, require


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def password_change(request: AuthenticatedRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_password(request.user, form.cleaned_data["new_password"])
        update_session_auth_hash(request, request.user)
        messages.success(request, "密码已修改。")
        return redirect("ui:home")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "title": "修改密码", "expired": request.GET.get("expired")},
    )


class AuditTrailView(FilteredListView):
    """安全审计记录: readable by the audit administrator only (三员分立), filtered by who acted,
    what happened, when and to which account; the export carries the same filters."""

    title = "安全审计记录"
    export_name = "安全审计记录"
    filterset_class = SecurityEventFilterSet
    default_sort = "-time"

    @property
    def columns(self) -> list[Col]:  # type: ignore[override]
        return [
            Col("时间", "time", sort="time"),
            Col("事件", "get_kind_display", sort="kind"),
            Col("涉及账号", "username", sort="username"),
            Col("操作人", actor_display),
            Col("IP 地址", "ip"),
            Col("详情", Describer()),
            Col("存证回执号", "ledger_leaf"),
        ]

    def scope(self, request):
        require(can_view_audit_trail(request.user), "只有安全审计员可以查看安全审计记录。")
        return SecurityEvent.objects.all()


@login_required
def security_admin(request: AuthenticatedRequest) -> HttpResponse:
    """Accounts, locks and role grants, for the security administrator."""
    require(can_manage_security(request.user), "只有安全保密管理员可以管理角色与锁定。")
    form = RoleGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_role(
                form.cleaned_data["user"],
                form.cleaned_data["role"],
                form.cleaned_data["agency"],
                actor=request.user,
            )
            messages.success(request, "已授予角色。")
            return redirect("accounts:security")
        except ValidationError as exc:
            form.add_error("role", exc)
    now = timezone.now()
    return render(
        request,
        "accounts/security.html",
        {
            "title": "角色与账号安全",
            "form": form,
            "locked": User.objects.filter(locked_until__gt=now).order_by("username"),
            "grants": RoleAssignment.objects.select_related("user", "agency").order_by(
                "-granted_at"
            )[:100],
        },
    )


@login_required
@require_POST
def unlock(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(User, pk=pk)
    services.unlock_account(target, actor=request.user)
    messages.success(request, f"已解锁 {target.username}。")
    return redirect("accounts:security")


@login_required
@require_POST
def revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(RoleAssignment, pk=pk)
    services.revoke_role(grant, actor=request.user)
    messages.success(request, "已撤销角色。")
    return redirect("accounts:security")
