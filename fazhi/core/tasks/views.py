"""待我处理 (the user's queue), 消息 (notices), 改派 (reassign) and the record page's panel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.accounts.policies import require
from fazhi.core.deadlines.selectors import thresholds, warning_working_days

from . import policies, selectors, services
from .models import Notification, Task

PAGE_SIZE = 50
LEVELS = {"red": "逾期", "yellow": "临期"}


def _flag(task: Task, th: Any) -> tuple[str, str]:
    if task.due == services.NO_DUE:
        return "", "无法定期限"
    if task.due < th.today:
        return "red", f"逾期 {(th.today - task.due).days} 天"
    if task.due <= th.yellow_until:
        return "yellow", f"剩余 {(task.due - th.today).days} 天"
    return "", f"剩余 {(task.due - th.today).days} 天"


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """待我处理: every task waiting for the user, by its clock (soonest first)."""
    user = request.user
    require(policies.has_queue(user), "管理员账号没有业务待办。")
    th = thresholds()
    title = request.GET.get("title", "")[:64]
    level = request.GET.get("level", "")
    level = level if level in LEVELS else ""
    page = selectors.page(
        user, size=PAGE_SIZE, cursor=request.GET.get("cursor"), title=title, level=level, th=th
    )
    counts = selectors.counts(user, th)
    query = "&".join(f"{k}={v}" for k, v in (("title", title), ("level", level)) if v)
    return render(
        request,
        "tasks/queue.html",
        {
            "title": "待我处理",
            "rows": [(t, *_flag(t, th)) for t in page.rows],
            "page": page,
            "counts": counts,
            "kind": title,
            "level": level,
            "levels": LEVELS,
            "query": query,
            "warning_days": warning_working_days(),
            "no_due": services.NO_DUE,
        },
    )


def home_block(request: HttpRequest) -> dict[str, Any] | None:
    """The 工作台's counts: 逾期, 临期 and 待我处理 by kind, each a link to its list."""
    user = request.user
    if not policies.has_queue(user):
        return None
    th = thresholds()
    return {
        "counts": selectors.counts(user, th),
        "unread": selectors.unread(user),
        "url": reverse("tasks:queue"),
        "warning_days": warning_working_days(),
    }


def record_panel(request: HttpRequest, obj: Any, step_set: Any) -> tuple[str, Any] | None:
    """Under a record's steps: its 主办/协办, its open tasks and, for the head, 改派."""
    wf = step_set.workflow
    if not wf.waiting:
        return None
    agency_id = wf.agency_of(obj)
    assignment = services.assignment_of(obj)
    open_tasks = list(selectors.of_record(obj).filter(status=Task.Status.OPEN))
    can_reassign = policies.can_reassign(request.user, agency_id)
    candidates = list(services.candidates(wf, agency_id)) if can_reassign else []
    return (
        "tasks/_record.html",
        {
            "assignment": assignment,
            "tasks": open_tasks,
            "candidates": candidates,
            "ct": ContentType.objects.get_for_model(type(obj)).pk,
            "pk": obj.pk,
            "no_due": services.NO_DUE,
        },
    )


@login_required
@require_POST
def reassign(request: HttpRequest, ct: int, pk: int) -> HttpResponse:
    """改派: the head names another 主办 (and 协办) among the holders of the handling role."""
    try:
        model = ContentType.objects.get_for_id(ct).model_class()
        obj = model._default_manager.get(pk=pk) if model is not None else None
    except Exception:  # noqa: BLE001 - an unknown type or record is a 404, never a 500
        obj = None
    if obj is None:
        raise Http404("没有找到该记录。")
    User = get_user_model()

    def person(name: str) -> Any:
        raw = request.POST.get(name, "")
        return User.objects.filter(pk=int(raw)).first() if raw.isdigit() else None

    lead, assistant = person("lead"), person("assistant")
    url = services.record_url(obj) or reverse("tasks:queue")
    try:
        services.reassign(obj, actor=request.user, lead=lead, assistant=assistant)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect(url)
    messages.success(
        request, f"已改派：主办 {lead}" + (f"，协办 {assistant}" if assistant else "") + "。"
    )
    return redirect(url)


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """消息: the user's notices, newest first; opening the page marks them read."""
    user: Any = request.user
    rows = list(Notification.objects.filter(user=user)[:200])
    if request.method == "POST":
        Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
        return redirect("tasks:notifications")
    return render(
        request,
        "tasks/notifications.html",
        {"title": "消息", "rows": rows, "unread": sum(1 for n in rows if n.read_at is None)},
    )
