"""A small declarative state-machine layer.

An app declares a :class:`Workflow` (states, transitions, guards with their citation, the time
limits a transition starts, stops, suspends, resumes, restarts or extends) and changes state only
through :func:`perform`, which in one transaction locks the row, checks the policy and the
guards, applies the effect, writes the ledger entry and the history row, and (re)schedules the
deadlines; notifications go out after commit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from fazhi.core.ledger import tracking
from fazhi.core.ledger.services import record
from fazhi.kernel.values import as_date, as_decimal, as_int, as_text

from .models import TransitionLog


@dataclass
class Context:
    """What guards, effects and timers see."""

    obj: Any
    actor: Any
    data: dict[str, Any]
    on_date: date
    transition: Transition
    workflow: Workflow

    # -- reading the step's data (a form's cleaned values, or the API's JSON) -----------------

    def day(self, key: str) -> date | None:
        """The step's date ``key`` (a ``date`` or an ISO string); None if not given."""
        return as_date(self.data.get(key))

    def text(self, key: str) -> str:
        """The step's text ``key``, stripped; "" if not given."""
        return as_text(self.data.get(key))

    def decimal(self, key: str) -> Decimal | None:
        """The step's amount ``key``; None if not given."""
        return as_decimal(self.data.get(key))

    def integer(self, key: str) -> int | None:
        """The step's whole number ``key``; None if not given."""
        return as_int(self.data.get(key))


def step_date(key: str) -> Callable[[Context], date]:
    """For a timer's ``on``: the step's own date ``key``, else the step's date."""
    return lambda ctx: ctx.day(key) or ctx.on_date


@dataclass(frozen=True)
class Guard:
    """A condition that must hold; ``check`` returns True when satisfied."""

    code: str
    message: str  # Chinese: what is not allowed and why
    citation: str  # e.g. 《中华人民共和国行政处罚法》第六十二条
    check: Callable[[Context], bool]

    def describe(self) -> str:
        return f"{self.message}（依据：{self.citation}）" if self.citation else self.message


TimerOp = Literal["start", "stop", "suspend", "resume", "restart", "extend", "cancel"]


@dataclass(frozen=True)
class Timer:
    """A time-limit operation on the subject's deadline of ``rule`` (and ``key``).

    ``rule`` is a catalogue rule id, or a callable(ctx) returning the rule id for this record
    (e.g. the period of the case's sector, where one law leaves the period to sector rules), or
    None when no clock applies to it: the timer then does nothing.
    """

    op: TimerOp
    rule: str | Callable[[Context], str | None]
    key: str = ""
    on: Callable[[Context], date | None] | None = None  # trigger/stop date; default ctx.on_date
    title: str | None = None
    assignee: Callable[[Context], Any] | None = None
    when: Callable[[Context], bool] | None = None  # apply only when true
    #: On "start": the role whose holders at the deadline's agency see it on 我的待办 (e.g. the
    #: lead unit's staff when nobody there is named yet).
    role: str = ""
    #: On "extend": how many units of the rule's extension (None: all of it).
    length: Callable[[Context], int | None] | None = None


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: tuple[str, ...]
    target: str | None  # None: the state does not change (an action within a state)
    guards: tuple[Guard, ...] = ()
    timers: tuple[Timer, ...] = ()
    allowed: Callable[[Any, Any], bool] | None = None  # policy(user, obj)
    effect: Callable[[Context], None] | None = None
    after_commit: Callable[[Context], None] | None = None


@dataclass(frozen=True)
class Waiting:
    """A state in which the record waits for a person: the task in their 待办.

    While the record is in ``state``, one task titled ``title`` (e.g. "待立案审批") waits for
    ``role`` at the record's agency: for ``person(record)`` when that returns a user (e.g. the
    record's 主办), else for every holder of the role there (the role's queue). ``rule`` names
    the clock that times the step: the task's due date is that deadline's, and the deadline is
    given to the task's person (a clock belongs to whoever's step it times).
    """

    state: str
    title: str
    role: str
    #: A rule id, or a callable(record) returning the record's rule id ("" or None: no clock),
    #: as a :class:`Timer`'s ``rule`` may be.
    rule: str | Callable[[Any], str | None] = ""
    key: str = ""
    person: Callable[[Any], Any] | None = None
    #: Whether the task is open for this record (e.g. only when a 法制审核 is required).
    when: Callable[[Any], bool] | None = None

    @property
    def kind(self) -> str:
        # A per-record rule is named by its function, so the kind stays stable across processes.
        rule = self.rule if isinstance(self.rule, str) else self.rule.__name__
        return f"{self.state}:{self.role}:{rule}:{self.key}"

    def rule_for(self, obj: Any) -> str:
        """The rule id of the clock that times this step for ``obj`` ("" when none)."""
        return (self.rule if isinstance(self.rule, str) else self.rule(obj)) or ""


class Refused(Exception):
    """A transition refused by one or more guards; nothing was saved."""

    def __init__(self, transition: Transition, failed: Sequence[Guard]) -> None:
        self.transition = transition
        self.failed = list(failed)
        super().__init__("；".join(g.describe() for g in self.failed))

    @property
    def messages(self) -> list[str]:
        return [g.describe() for g in self.failed]

    def as_dict(self) -> dict[str, Any]:
        return {
            "detail": f"不能执行“{self.transition.label}”：" + str(self),
            "code": "transition_refused",
            "guards": [
                {"code": g.code, "message": g.message, "citation": g.citation} for g in self.failed
            ],
        }


class InvalidTransition(Exception):
    """The transition does not exist or does not start from the current state."""


class Workflow:
    """States and transitions of one procedure, bound to one model."""

    def __init__(
        self,
        name: str,
        label: str,
        *,
        model: type[models.Model],
        states: Mapping[str, str],
        initial: str,
        transitions: Sequence[Transition],
        agency_of: Callable[[Any], int],
        subject_label: Callable[[Any], str] = str,
        state_field: str = "state",
        waiting: Sequence[Waiting] = (),
        path: Sequence[str] | None = None,
        lead_field: str = "",
    ) -> None:
        self.name, self.label, self.model = name, label, model
        self.states = dict(states)
        self.initial = initial
        #: The main path: the states a record passes through when nothing unusual happens, in
        #: order (the stepper on the record page draws it). Default: the states as declared.
        self.path: tuple[str, ...] = tuple(path) if path else tuple(self.states)
        if unknown_path := [s for s in self.path if s not in self.states]:
            raise ValueError(f"{name}: unknown states {unknown_path} in path")
        self.state_field = state_field
        self.agency_of = agency_of
        self.subject_label = subject_label
        self.transitions = {t.name: t for t in transitions}
        self.waiting = tuple(waiting)
        #: A user column of the record that shows its 主办 (e.g. 承办人): core's tasks app keeps
        #: it equal to the record's assignment, so a list filter or page never shows a former one.
        self.lead_field = lead_field
        if lead_field:
            model._meta.get_field(lead_field)  # a typo fails at start-up
        for w in self.waiting:
            if w.state not in self.states:
                raise ValueError(f"{name}: a task waits in unknown state {w.state}")
        for t in transitions:
            unknown = [s for s in (*t.source, t.target) if s is not None and s not in self.states]
            if unknown:
                raise ValueError(f"{name}.{t.name}: unknown states {unknown}")
            ACTION_TYPES[self.action(t)] = f"{label}·{t.label}"
        REGISTRY[name] = self
        # every workflow record's state is ledgered on each write (see ledger.tracking)
        tracking.track(model, name=subject_label)

    def action(self, t: Transition) -> str:
        return f"{self.name}.{t.name}"

    def subject(self, obj: Any) -> str:
        return f"{self.model._meta.label_lower}:{obj.pk}"

    def available(self, obj: Any, user: Any) -> list[Transition]:
        """Transitions from the current state that the user's policy allows (guards unchecked)."""
        state = getattr(obj, self.state_field)
        return [
            t
            for t in self.transitions.values()
            if state in t.source and (t.allowed is None or t.allowed(user, obj))
        ]

    def state_label(self, obj: Any) -> str:
        return self.states.get(getattr(obj, self.state_field), "")


REGISTRY: dict[str, Workflow] = {}
#: Called as ``hook(workflow, record)`` inside every :func:`perform`'s transaction, after the
#: timers (the tasks app keeps each record's waiting tasks this way; core's engine knows no app).
AFTER_PERFORM: list[Callable[[Workflow, Any], None]] = []
# action type -> Chinese label; the ledger refuses action types nobody registered.
ACTION_TYPES: dict[str, str] = {}


def register_action(code: str, label: str) -> str:
    """Register an action type written outside a transition (e.g. evidence added)."""
    ACTION_TYPES[code] = label
    return code


for _code, _label in tracking.ACTIONS.items():
    register_action(_code, _label)


def perform(
    workflow: Workflow,
    obj: Any,
    transition: str,
    *,
    actor: Any,
    data: Mapping[str, Any] | None = None,
    on_date: date | None = None,
    comment: str = "",
) -> Any:
    """Perform ``transition`` on ``obj``; returns the refreshed object.

    Raises :class:`InvalidTransition`, ``PermissionDenied`` or :class:`Refused`; in each case
    nothing is saved.
    """
    from fazhi.core.deadlines import services as deadlines

    t = workflow.transitions.get(transition)
    if t is None:
        raise InvalidTransition(f"“{workflow.label}”没有名为 {transition} 的步骤。")
    with transaction.atomic():
        locked = workflow.model._default_manager.select_for_update().get(pk=obj.pk)
        state = getattr(locked, workflow.state_field)
        if state not in t.source:
            raise InvalidTransition(
                f"当前状态为“{workflow.states.get(state, state)}”，不能执行“{t.label}”。"
            )
        if t.allowed is not None and not t.allowed(actor, locked):
            raise PermissionDenied(f"您无权执行“{t.label}”。")
        ctx = Context(
            obj=locked,
            actor=actor,
            data=dict(data or {}),
            on_date=on_date or timezone.localdate(),
            transition=t,
            workflow=workflow,
        )
        failed = [g for g in t.guards if not g.check(ctx)]
        if failed:
            raise Refused(t, failed)
        if t.effect is not None:
            t.effect(ctx)
        if t.target is not None:
            setattr(locked, workflow.state_field, t.target)
        locked.save()
        entry = record(
            workflow.subject(locked),
            workflow.action(t),
            {
                "from": state,
                "to": getattr(locked, workflow.state_field),
                "on_date": ctx.on_date.isoformat(),
                "comment": comment,
                "data": ctx.data,
            },
            actor=actor,
        )
        TransitionLog.objects.create(
            subject_type=ContentType.objects.get_for_model(workflow.model),
            subject_id=locked.pk,
            workflow=workflow.name,
            action=workflow.action(t),
            from_state=state,
            to_state=getattr(locked, workflow.state_field),
            actor=actor if getattr(actor, "pk", None) else None,
            on_date=ctx.on_date,
            comment=comment,
            data=entry.payload.get("data", {}),
            ledger_leaf=entry.id,
        )
        for timer in t.timers:
            if timer.when is None or timer.when(ctx):
                deadlines.apply_timer(workflow, ctx, timer)
        for hook in AFTER_PERFORM:
            hook(workflow, locked)
        if (after_commit := t.after_commit) is not None:
            transaction.on_commit(lambda: after_commit(ctx))
    return locked


def history(obj: Any) -> list[TransitionLog]:
    ct = ContentType.objects.get_for_model(type(obj))
    return list(
        TransitionLog.objects.filter(subject_type=ct, subject_id=obj.pk).select_related("actor")
    )


def labelled_history(obj: Any) -> list[TransitionLog]:
    """:func:`history` for pages: each row also carries ``action_label`` (the step's Chinese
    label), ``from_label`` and ``to_label`` (the states' labels) — codes never reach the UI."""
    rows = history(obj)
    for h in rows:
        wf = REGISTRY.get(h.workflow)
        states = wf.states if wf is not None else {}
        name = h.action.removeprefix(f"{h.workflow}.")
        t = wf.transitions.get(name) if wf is not None else None
        h.action_label = t.label if t is not None else ACTION_TYPES.get(h.action, h.action)
        h.from_label = states.get(h.from_state, h.from_state) or "—"
        h.to_label = states.get(h.to_state, h.to_state)
    return rows
