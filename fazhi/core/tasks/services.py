"""Tasks kept from the workflows' declarations, the record's 主办/协办, and notifications.

A workflow declares in which states a record waits for whom (:class:`~fazhi.core.workflow.
engine.Waiting`); after every ``perform()`` :func:`sync` closes the tasks the new state no longer
waits for and opens the ones it does, in the same transaction, gives each statutory clock to the
person whose step it times, and (after commit) notifies the people a task reaches. No system
writes a task itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.deadlines.models import Deadline
from fazhi.core.workflow.engine import REGISTRY, Waiting, Workflow
from fazhi.core.workflow.steps import url_of

from . import notify, policies
from .models import NO_DUE, Assignment, Task

RUNNING = (Deadline.Status.OPEN, Deadline.Status.SUSPENDED)


def _ct(model: Any) -> ContentType:
    return ContentType.objects.get_for_model(model)


def record_url(obj: Any) -> str:
    return url_of(obj)


# -- 主办 / 协办 -----------------------------------------------------------------------------


def assignment_of(obj: Any) -> Assignment | None:
    return Assignment.objects.filter(subject_type=_ct(type(obj)), subject_id=obj.pk).first()


def lead_of(obj: Any) -> Any:
    """The record's 主办 (a user), or None while nobody is named."""
    a = assignment_of(obj)
    return a.lead if a is not None else None


def assign(
    obj: Any,
    *,
    lead: Any,
    assistant: Any = None,
    actor: Any,
    agency_id: int,
    resync: bool = True,
) -> Assignment:
    """Name (or change) the record's 主办 and 协办; the record's open tasks and running clocks
    that were the former 主办's follow to the new one. Ledgered (the assignment is a tracked
    record) in the caller's transaction."""
    if lead is None:
        raise ValidationError({"lead": "请指定主办人员。"})
    if assistant is not None and assistant.pk == lead.pk:
        raise ValidationError({"assistant": "协办人员不能与主办人员为同一人。"})
    with transaction.atomic():
        a, _ = Assignment.objects.select_for_update().get_or_create(
            subject_type=_ct(type(obj)),
            subject_id=obj.pk,
            defaults={"agency_id": agency_id, "lead": lead},
        )
        former = a.lead_id
        a.lead, a.assistant = lead, assistant
        a.assigned_by = actor if getattr(actor, "pk", None) else None
        a.save()
        _mirror_lead(obj, lead)
        if former and former != lead.pk:
            Task.objects.filter(
                subject_type=a.subject_type,
                subject_id=a.subject_id,
                status=Task.Status.OPEN,
                assignee_id=former,
            ).update(assignee=lead)
            Deadline.objects.filter(
                subject_type=a.subject_type,
                subject_id=a.subject_id,
                status__in=RUNNING,
                assignee_id=former,
            ).update(assignee=lead)
            text = f"{getattr(actor, 'display_name', '') or actor}将“{str(obj)[:80]}”改派给您主办。"
            notify.after_commit([lead.pk], text, record_url(obj))
        if resync:
            for wf in workflows_of(type(obj)):
                sync(wf, obj)
    return a


def _mirror_lead(obj: Any, lead: Any) -> None:
    """A record that shows its 主办 in a column of its own (``Workflow.lead_field``) gets the
    new one there too, by a tracked save (so the ledger holds it, as every write of the record)."""
    for wf in workflows_of(type(obj)):
        field = wf.lead_field
        if field and getattr(obj, f"{field}_id", None) != lead.pk:
            row = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
            setattr(row, field, lead)
            row.save(update_fields=[field])
            setattr(obj, field, lead)


def handling_roles(wf: Workflow) -> set[str]:
    """The roles whose holders may be a record's 主办/协办: those of its person-named tasks."""
    return {w.role for w in wf.waiting if w.person is not None}


def candidates(wf: Workflow, agency_id: int) -> Any:
    """The users 改派 may name at ``agency_id``, by name."""
    User = get_user_model()
    return (
        User.objects.filter(
            role_assignments__role__in=handling_roles(wf),
            role_assignments__agency_id=agency_id,
            is_active=True,
        )
        .distinct()
        .order_by("display_name", "username")
    )


def reassign(obj: Any, *, actor: Any, lead: Any, assistant: Any = None) -> Assignment:
    """改派: the agency head of the record's agency names another 主办/协办 among the holders
    of the handling roles there."""
    wf = next(iter(workflows_of(type(obj))), None)
    if wf is None:
        raise PermissionDenied("该记录没有办理流程，不能改派。")
    agency_id = wf.agency_of(obj)
    if not policies.can_reassign(actor, agency_id):
        raise PermissionDenied("只有承办机关负责人可以改派承办人员。")
    allowed = set(candidates(wf, agency_id).values_list("pk", flat=True))
    for name, person in (("lead", lead), ("assistant", assistant)):
        if person is not None and person.pk not in allowed:
            raise ValidationError({name: f"{person}不是本机关承办该事项的人员，不能指定。"})
    return assign(obj, lead=lead, assistant=assistant, actor=actor, agency_id=agency_id)


def workflows_of(model: Any) -> list[Workflow]:
    concrete = model._meta.concrete_model
    return [
        wf for wf in REGISTRY.values() if wf.model._meta.concrete_model is concrete and wf.waiting
    ]


# -- tasks ----------------------------------------------------------------------------------


def after_perform(workflow: Workflow, obj: Any) -> None:
    """The engine's hook: keep the record's tasks after every transition."""
    if workflow.waiting:
        sync(workflow, obj)


def _wanted(workflow: Workflow, obj: Any) -> list[Waiting]:
    state = getattr(obj, workflow.state_field)
    return [w for w in workflow.waiting if w.state == state and (w.when is None or w.when(obj))]


def _running_deadline(ct: ContentType, obj: Any, w: Waiting) -> Deadline | None:
    rule = w.rule_for(obj)
    if not rule:
        return None
    return (
        Deadline.objects.filter(
            subject_type=ct, subject_id=obj.pk, rule_id=rule, key=w.key, status__in=RUNNING
        )
        .order_by("-id")
        .first()
    )


def sync(workflow: Workflow, obj: Any) -> list[Task]:
    """Make the record's open tasks of ``workflow`` those its state waits for; return the
    tasks opened now."""
    ct = _ct(workflow.model)
    wanted = _wanted(workflow, obj)
    kinds = {w.kind for w in wanted}
    current = {
        t.kind: t
        for t in Task.objects.filter(
            subject_type=ct, subject_id=obj.pk, workflow=workflow.name, status=Task.Status.OPEN
        )
    }
    now = timezone.now()
    finished = [t.pk for k, t in current.items() if k not in kinds]
    if finished:
        Task.objects.filter(pk__in=finished).update(status=Task.Status.DONE, closed_at=now)
    if not wanted:
        return []
    agency_id = workflow.agency_of(obj)
    label = str(workflow.subject_label(obj))[:200]
    url = record_url(obj)[:300]
    opened: list[Task] = []
    for w in wanted:
        person = w.person(obj) if w.person is not None else None
        person_id = getattr(person, "pk", None)
        deadline = _running_deadline(ct, obj, w)
        due = deadline.due if deadline is not None else NO_DUE
        task = current.get(w.kind)
        if task is None:
            task = Task.objects.create(
                subject_type=ct,
                subject_id=obj.pk,
                subject_label=label,
                url=url,
                agency_id=agency_id,
                workflow=workflow.name,
                kind=w.kind,
                title=w.title,
                role=w.role,
                assignee_id=person_id,
                deadline=deadline,
                due=due,
            )
            opened.append(task)
        else:
            changes = {
                "assignee_id": person_id,
                "deadline_id": getattr(deadline, "pk", None),
                "due": due,
                "subject_label": label,
                "url": url,
                "agency_id": agency_id,
            }
            if any(getattr(task, k) != v for k, v in changes.items()):
                if task.assignee_id != person_id:
                    opened.append(task)
                for k, v in changes.items():
                    setattr(task, k, v)
                task.save(update_fields=[k.removesuffix("_id") for k in changes])
        if deadline is not None and (deadline.assignee_id != person_id or deadline.role != w.role):
            # the clock belongs to the person whose step it times (or to the role's queue)
            Deadline.objects.filter(pk=deadline.pk).update(assignee_id=person_id, role=w.role)
    for task in opened:
        notify.task_arrived(task)
    return opened


def refresh_staged_dues(stage_table: str, connection: Any) -> int:
    """After a calendar recompute: the open tasks timed by a changed deadline take its new date
    (one correlated ``UPDATE``, in the recompute's transaction)."""
    q = connection.ops.quote_name
    task, deadline = q(Task._meta.db_table), q(Deadline._meta.db_table)
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {task} SET due = (SELECT d.due FROM {deadline} d WHERE d.id = {task}.deadline_id) "
            f"WHERE status = %s AND deadline_id IN (SELECT id FROM {stage_table})",
            [Task.Status.OPEN],
        )
        return cur.rowcount


def rebuild(models: Iterable[type] | None = None) -> int:
    """Open the tasks of every record from its state (records written before tasks existed, or
    by bulk loaders that do not go through ``perform()``); returns how many were opened."""
    n = 0
    for wf in list(REGISTRY.values()):
        if not wf.waiting or (models is not None and wf.model not in models):
            continue
        states = sorted({w.state for w in wf.waiting})
        qs = wf.model._default_manager.filter(**{f"{wf.state_field}__in": states}).order_by("pk")
        for obj in qs.iterator(chunk_size=500):
            with transaction.atomic():
                n += len(sync(wf, obj))
    return n
