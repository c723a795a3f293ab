"""The public portal (no login) and the staff pages of the publication door."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core.ledger.selectors import sealed
from fazhi.core.ui.listing import Col, FilteredListView
from fazhi.core.ui.pagination import seek
from fazhi.core.workflow.engine import ACTION_TYPES

from . import policies, services
from .filters import PublishedItemFilterSet, StaffPublishedItemFilterSet
from .forms import WithdrawalForm

PAGE_SIZE = 20


def index(request: HttpRequest) -> HttpResponse:
    """The portal's list: newest first, searchable, keyset-paged; withdrawn items stay listed."""
    filterset = PublishedItemFilterSet(
        request.GET or None, queryset=policies.public_items(), request=request
    )
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else policies.public_items()
    page = seek(
        qs, key="published_at", descending=True, cursor=request.GET.get("cursor"), size=PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {"title": "政务公开", "filter": filterset, "page": page, "query": query.urlencode()}
    template = (
        "publication/portal/_results.html"
        if request.headers.get("HX-Request")
        else "publication/portal/index.html"
    )
    return render(request, template, context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One item as the public sees it; a withdrawn item shows the withdrawal notice instead."""
    item = get_object_or_404(policies.public_items(), pk=pk)
    return render(request, "publication/portal/detail.html", {"title": item.title, "item": item})


class PublishedItemListView(FilteredListView):
    """Staff: an agency's publications with their timing (visible agencies only)."""

    title = "公开事项"
    filterset_class = StaffPublishedItemFilterSet
    default_sort = "-published_at"
    export_name = "公开事项"
    columns = [
        Col("标题", "title", link=lambda i: reverse("portal:manage_detail", args=[i.pk])),
        Col("类别", "get_kind_display", sort="kind"),
        Col("公开机关", "agency.display_name"),
        Col("决定日期", "decided_on"),
        Col("公开期限", "due"),
        Col("公开日期", "published_on", sort="published_at"),
        Col("按期公开", "on_time_label"),
        Col("状态", "get_status_display", sort="status"),
        Col("撤回期限", "withdrawal_due"),
        Col("去标识化处数", lambda i: len(i.findings)),
    ]

    def scope(self, request):
        return policies.staff_items(request.user)


def _detail(
    request: HttpRequest, item, form: WithdrawalForm | None, status: int = 200
) -> HttpResponse:
    trail = sealed().filter(subject=services.ledger_subject(item)).order_by("seq")
    context = {
        "title": item.title,
        "item": item,
        "trail": trail,
        "actions": ACTION_TYPES,
        "form": form,
    }
    return render(request, "publication/manage_detail.html", context, status=status)


@login_required
def manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff: timing, what was masked and why, the ledger trail, and the withdrawal form."""
    item = get_object_or_404(policies.staff_items(request.user), pk=pk)
    return _detail(
        request, item, WithdrawalForm() if policies.can_withdraw(request.user, item) else None
    )


@login_required
@require_POST
def manage_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw by hand; a refusal comes back beside the fields with the input kept."""
    item = get_object_or_404(policies.staff_items(request.user), pk=pk)
    if not policies.can_withdraw(request.user, item):
        raise PermissionDenied("您无权撤回该公开事项。")
    form = WithdrawalForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw(
                item,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["on"],
                changed_on=form.cleaned_data["changed_on"],
                actor=request.user,
            )
        except ValidationError as exc:
            errors = (
                exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
            )
            for field, messages_ in errors:
                for message in messages_:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, "已撤回，撤回理由已在政务公开页面公示。")
            return redirect("portal:manage_detail", pk=item.pk)
    return _detail(request, item, form, status=400)
