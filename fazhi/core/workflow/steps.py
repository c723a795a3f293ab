"""Steps: what a person does on a record, declared once, drawn by core as pages and endpoints.

A system declares, for each kind of record that moves through a workflow, a :class:`StepSet`:
its steps (label, form, service verb, who does it) and how the record is found and shown. Core
turns the declaration into

- the step panel on the record page (only the steps the user may take now, and a line saying
  what comes next and who does it) — :meth:`StepSet.panel`;
- the HTML step view, with one mapping of validation errors and refusals to the form —
  :func:`fazhi.core.workflow.views.step_view`;
- one DRF endpoint per step with its OpenAPI description — :mod:`fazhi.core.workflow.api_views`.

A step's form fields are its service's keyword arguments: the service is called as
``service(target, actor=user, **kwargs)`` where ``kwargs`` is the form's cleaned data (or what
``Step.arguments`` makes of it) and ``target`` the record (or what ``Step.target`` picks, e.g.
the statement a 复核 answers). Guards are checked by the service's ``perform``, never here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string

from .engine import InvalidTransition, Refused, Workflow
from .stepper import Stage, stages

Arguments = Callable[[dict[str, Any], Mapping[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Step:
    """One thing a person does on a record: a form and the service verb it feeds."""

    name: str  # the URL segment: /<record>/<pk>/step/<name>/ and /api/…/<pk>/<name>/
    label: str  # Chinese, e.g. "送达行政处罚告知书"
    form: type[forms.Form]
    service: Callable[..., Any]
    #: The workflow transitions this step leads to; it is offered when one of them is available
    #: to the user from the record's state. Default: the transition named like the step.
    transitions: tuple[str, ...] | None = None
    #: Who does it (Chinese, e.g. "法制审核人员"), for the "what comes next" line.
    by: str = ""
    #: (cleaned data, uploaded files) -> the service's keyword arguments. Default: cleaned data.
    arguments: Arguments | None = None
    #: The object the service acts on, when it is not the record: the name of the form field
    #: that chooses it (e.g. the statement a 复核 answers; the field is not passed on as a
    #: keyword argument), or (record, cleaned data) -> object.
    target: str | Callable[[Any, dict[str, Any]], Any] | None = None
    #: For a step that is no transition (e.g. generating a document): whether it is offered.
    offered: Callable[[Any, Any], bool] | None = None

    @classmethod
    def of(
        cls,
        workflow: Workflow,
        name: str,
        form: type[forms.Form],
        service: Callable[..., Any],
        **kwargs: Any,
    ) -> Step:
        """The step that performs transition ``name`` of ``workflow``, under its label."""
        return cls(name, workflow.transitions[name].label, form, service, **kwargs)

    @property
    def leads_to(self) -> tuple[str, ...]:
        return (self.name,) if self.transitions is None else self.transitions

    def leads_to_transition(self, workflow: Workflow) -> bool:
        return any(t in workflow.transitions for t in self.leads_to)

    def call(self, obj: Any, actor: Any, data: dict[str, Any], files: Mapping[str, Any]) -> Any:
        kwargs = self.arguments(data, files) if self.arguments else dict(data)
        if isinstance(self.target, str):
            target = kwargs.pop(self.target)
        elif self.target is not None:
            target = self.target(obj, data)
        else:
            target = obj
        return self.service(target, actor=actor, **kwargs)


def uploaded(files: Mapping[str, Any], name: str = "file", *, content_type: bool = True) -> dict:
    """An uploaded file as the keyword arguments services take (``file`` bytes, ``file_name``,
    and ``content_type`` when asked); nothing when no file was sent."""
    upload = files.get(name)
    if upload is None:
        return {}
    out = {"file": upload.read(), "file_name": upload.name}
    if content_type and getattr(upload, "content_type", None):
        out["content_type"] = upload.content_type
    return out


@dataclass(frozen=True)
class Panel:
    """What the record page shows of its steps."""

    steps: list[tuple[Step, forms.Form]]
    next_line: str  # e.g. "下一步：法制审核（法制审核人员）"
    url_name: str
    pk: Any
    #: Where the record stands in its procedure (:mod:`fazhi.core.workflow.stepper`).
    stages: list[Stage] = field(default_factory=list)
    #: (template, data) pairs other apps add below the steps (e.g. the record's 主办 and tasks).
    extras: list[tuple[str, Any]] = field(default_factory=list)

    def __iter__(self):  # templates may loop over the panel itself
        return iter(self.steps)

    def __bool__(self) -> bool:
        return bool(self.steps) or bool(self.next_line)


def today_for_dates(form_class: type[forms.Form], *, required_only: bool = True) -> dict:
    """Initial values: today for the form's date fields (``*_on`` or ``on``)."""
    today = timezone.localdate()
    return {
        name: today
        for name, f in form_class.base_fields.items()
        if isinstance(f, forms.DateField)
        and (name.endswith("_on") or name == "on")
        and (f.required or not required_only)
    }


@dataclass
class StepSet:
    """The steps of one kind of record, and how core finds and shows that record."""

    key: str  # e.g. "proposals.proposal"
    workflow: Workflow
    steps: Sequence[Step]
    #: (user, pk) -> the record, or Http404 when the user may not see it.
    get: Callable[[Any, Any], Any]
    #: (request, record, *, bound=forms by step name, status=) -> the record page; a callable or
    #: its dotted path (resolved on first use, so the app's views may import this step set).
    render: Callable[..., Any] | str
    #: (record) -> the record page's URL (where a successful step returns).
    detail_url: Callable[[Any], str]
    #: The page URL name of the step view inside the app's namespace, e.g. "proposals:step".
    url_name: str
    #: Page path under the app's URL prefix, with ``<int:pk>`` and ``<str:name>``.
    page_path: str = "<int:pk>/step/<str:name>/"
    #: API path (relative to the app's API prefix) with ``{step}``, and its URL name pattern.
    api_path: str = "<int:pk>/{step}/"
    api_name: str = ""
    api_tag: str = ""
    #: The serializer of the record returned by each step endpoint (or its dotted path).
    serializer: Any = None
    #: (record, user, step name) -> extra keyword arguments of the step's form.
    form_kwargs: Callable[[Any, Any, str], dict[str, Any]] | None = None
    #: Whether the forms start with today in their (required) date fields.
    initial_today: Callable[[type[forms.Form]], dict[str, Any]] = field(default=today_for_dates)
    #: Whether a step not available now answers 403 before its form is read (otherwise the
    #: workflow says why: a state that does not allow it is a 409 with the state named).
    strict: bool = False
    #: operationId prefix of the step endpoints (default: the key with "_" for ".").
    operation_prefix: str = ""

    def __post_init__(self) -> None:
        self.by_name = {s.name: s for s in self.steps}
        if len(self.by_name) != len(self.steps):
            raise ValueError(f"{self.key}: two steps share a name")
        for s in self.steps:
            unknown = [t for t in s.leads_to if t not in self.workflow.transitions]
            if unknown:
                raise ValueError(f"{self.key}.{s.name}: unknown transitions {unknown}")
        REGISTRY[self.key] = self

    def render_page(self, request: Any, obj: Any, **kwargs: Any) -> Any:
        render = self.render
        if isinstance(render, str):
            render = self.render = import_string(render)
        return render(request, obj, **kwargs)

    def serializer_class(self) -> Any:
        if isinstance(self.serializer, str):
            self.serializer = import_string(self.serializer)
        return self.serializer

    def names(self, obj: Any, user: Any) -> list[str]:
        """The names of the steps the user may take now (the API's ``steps`` field)."""
        return [s.name for s in self.available(obj, user)]

    # -- what may be done now -------------------------------------------------------------
    def available(self, obj: Any, user: Any) -> list[Step]:
        """Steps the user's policy allows from the record's state (guards are checked when the
        step is performed)."""
        names = {t.name for t in self.workflow.available(obj, user)}
        return [
            s
            for s in self.steps
            if (names & set(s.leads_to)) or (s.offered is not None and s.offered(obj, user))
        ]

    def refuse_unavailable(self, step: Step, obj: Any, user: Any) -> bool:
        """Whether to refuse ``step`` before reading its form: a step that is no transition and
        is not offered, or any unavailable step of a strict step set."""
        if step.offered is not None and not step.leads_to_transition(self.workflow):
            return not step.offered(obj, user)
        return self.strict and step not in self.available(obj, user)

    def next_line(self, obj: Any) -> str:
        """What comes next from the record's state and who does it, whoever is looking."""
        state = getattr(obj, self.workflow.state_field)
        open_names = {n for n, t in self.workflow.transitions.items() if state in t.source}
        parts: list[str] = []
        for s in self.steps:
            if s.offered is None and open_names & set(s.leads_to):
                text = f"{s.label}（{s.by}）" if s.by else s.label
                if text not in parts:
                    parts.append(text)
        if not parts:
            return "办理已完结，没有待办步骤。" if not open_names else ""
        return "下一步：" + "；或".join(parts)

    def form(self, obj: Any, user: Any, name: str, data=None, files=None) -> forms.Form:
        step = self.by_name[name]
        kwargs = self.form_kwargs(obj, user, name) if self.form_kwargs else {}
        kwargs.setdefault("initial", self.initial_today(step.form))
        return step.form(data, files, **kwargs)

    def panel(self, request: Any, obj: Any, bound: Mapping[str, forms.Form] | None = None) -> Panel:
        bound = bound or {}
        steps = [
            (s, bound.get(s.name) or self.form(obj, request.user, s.name))
            for s in self.available(obj, request.user)
        ]
        extras = [e for hook in PANEL_EXTRAS if (e := hook(request, obj, self)) is not None]
        return Panel(
            steps, self.next_line(obj), self.url_name, obj.pk, stages(self.workflow, obj), extras
        )

    # -- doing it ---------------------------------------------------------------------------
    def perform(self, obj: Any, user: Any, name: str, form: forms.Form, files) -> Any:
        """Call the step's service with the form's data (the form must be valid)."""
        return self.by_name[name].call(obj, user, form.cleaned_data, files or {})


REGISTRY: dict[str, StepSet] = {}
#: ``hook(request, record, step_set)`` -> (template, data) or None, drawn under a record's steps
#: by every record page (the tasks app shows the 主办/协办, the open tasks and 改派 this way).
PANEL_EXTRAS: list[Callable[[Any, Any, StepSet], tuple[str, Any] | None]] = []


def url_of(obj: Any) -> str:
    """The record page of ``obj``: its step set's ``detail_url``, else ``get_absolute_url``, else
    "" (a row of 待办 links to its record whatever system declared it)."""
    concrete = type(obj)._meta.concrete_model
    for step_set in REGISTRY.values():
        if step_set.workflow.model._meta.concrete_model is concrete:
            return step_set.detail_url(obj)
    get_url = getattr(obj, "get_absolute_url", None)
    return get_url() if callable(get_url) else ""


def errors_to_form(form: forms.Form, exc: Exception) -> int:
    """Put a refusal, an invalid transition or a validation error on the form, where the person
    who submitted it reads it; return the HTTP status to answer with (409 or 400)."""
    if isinstance(exc, Refused):
        form.add_error(None, f"不能执行“{exc.transition.label}”：")
        for message in exc.messages:
            form.add_error(None, message)
        return 409
    if isinstance(exc, InvalidTransition):
        form.add_error(None, str(exc))
        return 409
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return 400
    raise exc
