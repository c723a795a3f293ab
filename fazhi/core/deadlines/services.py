"""The only write path for deadlines. Every date comes from the kernel engine.

Workflows call :func:`apply_timer` from inside their transition's transaction; apps that need a
clock outside a transition call :func:`start` / :func:`stop` / … directly, inside their own
service's transaction. Every write also rewrites the columns the subject's app declared as a
mirror of that clock (:mod:`.mirror`), so no app copies a date itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.ledger.services import record
from fazhi.kernel.timelimits import TimeLimitError, compute_due, get_rule
from fazhi.kernel.timelimits.engine import extension_units

from . import mirror
from .models import CalendarDay, CalendarNotice, Deadline
from .official import calendar, calendar_changed
from .recompute import recompute_open


def _compute(d: Deadline):
    closed = [
        (date.fromisoformat(first), date.fromisoformat(last)) for first, last in d.suspensions
    ]
    return compute_due(
        d.rule_id,
        d.trigger,
        suspensions=closed,
        restart=d.restart,
        extended=extension_arg(d.extended, d.extension_length),
        calendar=calendar(),
    )


def extension_arg(extended: bool, length: int | None) -> bool | int:
    """What the kernel takes: False, True (the rule's whole extension) or a partial length."""
    return length if extended and length else bool(extended)


def _refresh(d: Deadline) -> None:
    due = _compute(d)
    d.due, d.provisional = due.due, due.provisional


def explain(d: Deadline) -> list[str]:
    """The kernel's trace for this deadline, line by line (the "explain this date" view)."""
    return _compute(d).trace.lines()


def _subject_filter(subject: Any) -> dict[str, Any]:
    return {
        "subject_type": ContentType.objects.get_for_model(type(subject)),
        "subject_id": subject.pk,
    }


def find(subject: Any, rule_id: str, key: str = "", *, running: bool = True) -> Deadline | None:
    qs = Deadline.objects.filter(**_subject_filter(subject), rule_id=rule_id, key=key)
    if running:
        qs = qs.filter(status__in=[Deadline.Status.OPEN, Deadline.Status.SUSPENDED])
    return qs.order_by("-id").first()


def start(
    subject: Any,
    rule_id: str,
    trigger: date,
    *,
    agency_id: int,
    key: str = "",
    title: str | None = None,
    assignee: Any = None,
    role: str = "",
    label: str | None = None,
) -> Deadline:
    """Start a clock (idempotent: a running clock of the same rule and key is returned as is)."""
    existing = find(subject, rule_id, key)
    if existing is not None:
        return existing
    rule = get_rule(rule_id)
    d = Deadline(
        **_subject_filter(subject),
        subject_label=(label or str(subject))[:200],
        agency_id=agency_id,
        rule_id=rule_id,
        key=key,
        title=(title or rule.title)[:200],
        binds=rule.binds,
        trigger=trigger,
        assignee=assignee if getattr(assignee, "pk", None) else None,
        role=role,
    )
    _refresh(d)
    d.save()
    mirror.refresh(subject, rule_id, key)
    return d


def stop(subject: Any, rule_id: str, on: date, key: str = "") -> Deadline | None:
    """The act the clock was waiting for was done on ``on``."""
    d = find(subject, rule_id, key)
    if d is None:
        return None
    if d.status == Deadline.Status.SUSPENDED:
        resume(subject, rule_id, on, key)
        d.refresh_from_db()
    d.status, d.closed_on, d.on_time = Deadline.Status.MET, on, on <= d.due
    d.level = Deadline.Level.NORMAL
    d.save(update_fields=["status", "closed_on", "on_time", "level"])
    mirror.refresh(subject, rule_id, key)
    return d


def cancel(subject: Any, rule_id: str, on: date, key: str = "") -> Deadline | None:
    """The clock no longer runs (the procedure ended another way)."""
    d = find(subject, rule_id, key)
    if d is None:
        return None
    d.status, d.closed_on = Deadline.Status.CANCELLED, on
    d.save(update_fields=["status", "closed_on"])
    mirror.refresh(subject, rule_id, key)
    return d


def suspend(subject: Any, rule_id: str, on: date, key: str = "") -> Deadline | None:
    """From ``on`` (inclusive) the days are not counted, until :func:`resume`."""
    d = find(subject, rule_id, key)
    if d is None or d.status == Deadline.Status.SUSPENDED:
        return d
    d.status, d.suspended_since = Deadline.Status.SUSPENDED, on
    d.save(update_fields=["status", "suspended_since"])
    return d


def resume(subject: Any, rule_id: str, on: date, key: str = "") -> Deadline | None:
    """Counting resumes the day after ``on``: the suspension covers ``suspended_since..on``."""
    d = find(subject, rule_id, key)
    if d is None or d.status != Deadline.Status.SUSPENDED:
        return d
    assert d.suspended_since is not None  # suspend() sets it with the status
    d.suspensions = [*d.suspensions, [d.suspended_since.isoformat(), on.isoformat()]]
    d.status, d.suspended_since = Deadline.Status.OPEN, None
    _refresh(d)
    d.save(update_fields=["suspensions", "status", "suspended_since", "due", "provisional"])
    mirror.refresh(subject, rule_id, key)
    return d


def restart(subject: Any, rule_id: str, on: date, key: str = "") -> Deadline | None:
    """The period counts afresh from ``on`` (e.g. 政府信息公开条例 第三十条, 补正 received)."""
    d = find(subject, rule_id, key)
    if d is None:
        return None
    d.restart, d.suspensions, d.status, d.suspended_since = on, [], Deadline.Status.OPEN, None
    _refresh(d)
    d.save(
        update_fields=["restart", "suspensions", "status", "suspended_since", "due", "provisional"]
    )
    mirror.refresh(subject, rule_id, key)
    return d


def extend(subject: Any, rule_id: str, key: str = "", length: int | None = None) -> Deadline | None:
    """Apply the rule's extension (approval is the calling workflow's guard): all of it, or
    ``length`` units of it (e.g. 10 of the 20 working days 政府信息公开条例 第三十三条第二款
    allows). A length the rule does not allow is refused with a Chinese ``ValidationError``
    citing the rule, and nothing is saved."""
    d = find(subject, rule_id, key)
    if d is None:
        return None
    try:
        extension_units(get_rule(rule_id), length if length else True)
    except TimeLimitError as exc:
        raise ValidationError({"length": str(exc).split(" / ")[0]}) from None
    d.extended = True
    d.extension_length = length or None
    _refresh(d)
    d.save(update_fields=["extended", "extension_length", "due", "provisional"])
    mirror.refresh(subject, rule_id, key)
    return d


def apply_timer(workflow: Any, ctx: Any, timer: Any) -> Deadline | None:
    """Carry out one :class:`~fazhi.core.workflow.engine.Timer` of a transition (a timer whose
    ``rule`` is a callable gets this record's rule id from it; None: no clock, nothing done)."""
    rule = timer.rule(ctx) if callable(timer.rule) else timer.rule
    if not rule:
        return None
    on = timer.on(ctx) if timer.on is not None else ctx.on_date
    if on is None:
        return None
    subject = ctx.obj
    if timer.op == "start":
        return start(
            subject,
            rule,
            on,
            agency_id=workflow.agency_of(subject),
            key=timer.key,
            title=timer.title,
            assignee=timer.assignee(ctx) if timer.assignee else ctx.actor,
            role=getattr(timer, "role", ""),
            label=workflow.subject_label(subject),
        )
    ops = {"stop": stop, "suspend": suspend, "resume": resume, "restart": restart, "cancel": cancel}
    if timer.op == "extend":
        length = timer.length(ctx) if getattr(timer, "length", None) else None
        return extend(subject, rule, timer.key, length=length)
    return ops[timer.op](subject, rule, on, timer.key)


def deadlines_of(subject: Any) -> list[Deadline]:
    return list(Deadline.objects.filter(**_subject_filter(subject)).order_by("id"))


@transaction.atomic
def enter_notice(
    year: int,
    *,
    title: str,
    holidays: list[tuple[date, str]],
    workdays: list[date],
    document_number: str = "",
    published_on: date | None = None,
    actor: Any,
) -> tuple[CalendarNotice, int]:
    """Record a year's State Council holiday notice and recompute every open deadline.

    Returns the notice and how many deadlines changed. The change is ledgered.
    """
    notice, _ = CalendarNotice.objects.update_or_create(
        year=year,
        defaults={
            "title": title,
            "document_number": document_number,
            "published_on": published_on,
            "entered_by": actor if getattr(actor, "pk", None) else None,
        },
    )
    notice.days.all().delete()
    CalendarDay.objects.filter(day__year=year).delete()
    CalendarDay.objects.bulk_create(
        [CalendarDay(notice=notice, day=d, is_workday=False, name=n) for d, n in holidays]
        + [CalendarDay(notice=notice, day=d, is_workday=True, name="调休上班") for d in workdays]
    )
    calendar_changed()
    # Again after commit: another process may have rebuilt its calendar from the old rows
    # between the first bump and the commit.
    transaction.on_commit(calendar_changed)
    changed = recompute_open(calendar())
    record(
        f"calendar:{year}",
        "calendar.notice_entered",
        {
            "year": year,
            "title": title,
            "document_number": document_number,
            "holidays": [d.isoformat() for d, _ in holidays],
            "workdays": [d.isoformat() for d in workdays],
            "recomputed": changed,
        },
        actor=actor,
    )
    return notice, changed
