"""Where a record stands in its procedure: the workflow's main path drawn as done, current and
upcoming states, for the record page (``ui/_steps.html``).

A state of the path before the current one is *done* when the record passed through it and
*skipped* when it did not (e.g. no 听证 was requested), as its history tells (states before the
first the record was in are left out: a 当场处罚 starts at 执行中); a record whose
current state is off the path (中止, 退回, 不予受理 …) shows that state after the last path state
it left from, and, when the state ends the procedure, nothing after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.contenttypes.models import ContentType

from .engine import Workflow
from .models import TransitionLog

Status = Literal["done", "skipped", "current", "off", "upcoming"]

STATUS_LABELS: dict[str, str] = {
    "done": "已完成",
    "skipped": "未经过",
    "current": "当前",
    "off": "当前",
    "upcoming": "待办",
}


@dataclass(frozen=True)
class Stage:
    state: str
    label: str
    status: Status

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def visited_states(obj: Any) -> set[str]:
    """The states the record has been in, from its transition history (one query)."""
    rows = TransitionLog.objects.filter(
        subject_type=ContentType.objects.get_for_model(type(obj)), subject_id=obj.pk
    ).values_list("from_state", "to_state")
    return {s for pair in rows for s in pair if s}


def stages(workflow: Workflow, obj: Any, visited: Iterable[str] | None = None) -> list[Stage]:
    """The stepper of ``obj``: its workflow's path with each state's status.

    ``visited`` is the states the record has been in (read from its history when not given); a
    record with no history (written before its workflow was) counts every earlier state as done.
    """
    state = getattr(obj, workflow.state_field)
    path = list(workflow.path)
    seen = set(visited_states(obj) if visited is None else visited)
    seen.add(state)

    def before(upto: int) -> list[Stage]:
        drawn = [
            Stage(s, workflow.states[s], "done" if s in seen or len(seen) == 1 else "skipped")
            for s in path[:upto]
        ]
        # A record that joined the path late (a 当场处罚 is decided at once) does not list the
        # states before its first as skipped: they were never its procedure.
        while drawn and drawn[0].status == "skipped":
            drawn.pop(0)
        return drawn

    def after(start: int) -> list[Stage]:
        return [Stage(s, workflow.states[s], "upcoming") for s in path[start:]]

    if state in path:
        i = path.index(state)
        return [*before(i), Stage(state, workflow.states[state], "current"), *after(i + 1)]

    # Off the path: after the furthest path state with a transition into this state (and
    # visited, when the history says so), else at the start.
    sources = {s for t in workflow.transitions.values() if t.target == state for s in t.source}
    left_from = [i for i, s in enumerate(path) if s in sources and (s in seen or len(seen) == 1)]
    at = max(left_from) + 1 if left_from else 0
    here = Stage(state, workflow.states.get(state, state), "current" if at == 0 else "off")
    terminal = not any(state in t.source and t.target for t in workflow.transitions.values())
    return [*before(at), here, *([] if terminal else after(at))]
