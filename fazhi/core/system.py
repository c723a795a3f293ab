"""A system (制度) is a declaration.

Each system app builds one :class:`System` in ``<app>/system.py`` and registers it from its
``AppConfig.ready`` with :func:`register`. The declaration names what the system brings — its
pages and API, the step sets of its records, navigation entries, 我的待办 sections, channels
and act kinds, the demo loader, the records the ledger tracks, the rows that hold files — and
core does the rest:

- ``fazhi/urls.py`` and ``fazhi/api_urls.py`` mount every declared system under its prefix
  (:func:`page_urlpatterns`, :func:`api_urlpatterns`), adding one page step view and one API
  endpoint per declared step;
- the navigation, 我的待办, the act registry and the demo registry receive the entries;
- the declared files are served from ``/files/`` with the record's visibility checked.

Adding a system needs no edit in core: a new app, its declaration, and a line in
``INSTALLED_APPS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.urls import URLPattern, URLResolver, include, path

from fazhi.core.acts.registry import register_act_kind, register_channel
from fazhi.core.deadlines.tasks import register as register_todo
from fazhi.core.demo.registry import register as register_demo
from fazhi.core.importing.registry import register as register_importer
from fazhi.core.importing.spec import Importer
from fazhi.core.ledger import files as stored_files
from fazhi.core.ledger import tracking
from fazhi.core.publication import kinds as publication_kinds
from fazhi.core.publication.kinds import PublicationKind
from fazhi.core.ui.nav import register as register_nav
from fazhi.core.workflow.api_views import api_urlpatterns as step_api_urlpatterns
from fazhi.core.workflow.steps import StepSet
from fazhi.core.workflow.views import step_view


@dataclass(frozen=True)
class DemoLoader:
    """The system's demo data: an idempotent loader run by ``fazhi demo load`` in ``order``."""

    load: Callable[[Any], Any]
    order: int = 100
    name: str = ""  # default: the system's label


@dataclass
class System:
    """What one system brings to the platform."""

    label: str  # the app label, e.g. "proposals"
    name: str  # Chinese, e.g. "建议提案办理"
    #: URL prefix of the pages and of the API (default: the label); "" mounts none.
    prefix: str | None = None
    urls: str = ""  # dotted module of the pages' urlpatterns (with ``app_name``)
    api_urls: str = ""  # dotted module of the API's urlpatterns
    steps: Sequence[StepSet] = ()
    nav: Sequence[Any] = ()  # fazhi.core.ui.nav.NavItem
    todo: Sequence[Any] = ()  # fazhi.core.deadlines.tasks.TodoSection
    channels: Sequence[Any] = ()  # fazhi.core.acts.registry.Channel
    act_kinds: Sequence[Any] = ()  # fazhi.core.acts.registry.ActKind
    #: What it publishes through the door, each with the kernel rule that times it.
    publication_kinds: Sequence[PublicationKind] = ()
    #: Its .xlsx importers: each gets the template, upload page and per-row errors from core.
    importers: Sequence[Importer] = ()
    demo: DemoLoader | None = None
    #: Records besides its workflow records (which are tracked by themselves) whose every state
    #: is ledgered and checked by ``fazhi ledger verify``: the sub-records holding facts a court
    #: relies on (parties, amounts, evidence, hearings, opinions…). See ``ledger.tracking``.
    records: Sequence[tracking.Record] = ()
    #: The rows that hold a stored file (evidence, 文书, letters…), each with the scope of rows a
    #: user may see: core serves, previews and lists their files (``ledger.files``).
    files: Sequence[stored_files.Attachment] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def url_prefix(self) -> str:
        return self.label if self.prefix is None else self.prefix


_SYSTEMS: dict[str, System] = {}


def register(system: System) -> System:
    """Register ``system`` and hand its entries to the registries that serve them."""
    _SYSTEMS[system.label] = system
    for item in system.nav:
        register_nav(item)
    for section in system.todo:
        register_todo(section)
    for channel in system.channels:
        register_channel(channel)
    for kind in system.act_kinds:
        register_act_kind(kind)
    for kind in system.publication_kinds:
        publication_kinds.register(
            kind.code,
            kind.label,
            rule_id=kind.rule_id,
            withdrawal_rule_id=kind.withdrawal_rule_id,
            order=kind.order,
        )
    for importer in system.importers:
        register_importer(importer)
    for spec in system.records:
        tracking.track_record(spec)
    for attachment in system.files:
        stored_files.register(attachment)
    if system.demo is not None:
        register_demo(system.demo.name or system.label, system.demo.load, order=system.demo.order)
    return system


def systems() -> list[System]:
    return list(_SYSTEMS.values())


def get(label: str) -> System:
    return _SYSTEMS[label]


def _page_patterns(system: System) -> list[URLPattern | URLResolver]:
    module = import_module(system.urls)
    generated = [
        path(
            s.page_path,
            step_view,
            {"steps": s.key},
            name=s.url_name.split(":", 1)[-1],
        )
        for s in system.steps
    ]
    return [*module.urlpatterns, *generated]


def page_urlpatterns() -> list[URLResolver]:
    """Each system's pages under ``<prefix>/``, in its namespace, with its step views."""
    out = []
    for system in _SYSTEMS.values():
        if not system.urls or not system.url_prefix:
            continue
        app_name = import_module(system.urls).app_name
        out.append(path(f"{system.url_prefix}/", include((_page_patterns(system), app_name))))
    return out


def api_urlpatterns() -> list[URLResolver]:
    """Each system's API under ``<prefix>/``, with one endpoint per declared step."""
    out = []
    for system in _SYSTEMS.values():
        if not system.url_prefix or not (system.api_urls or system.steps):
            continue
        patterns: list[Any] = []
        if system.api_urls:
            patterns.extend(import_module(system.api_urls).urlpatterns)
        for s in system.steps:
            if s.serializer is not None and s.api_name:
                patterns.extend(step_api_urlpatterns(s))
        out.append(path(f"{system.url_prefix}/", include(patterns)))
    return out
