"""Demo loaders: each system app adds its own demo data to the demo county.

An app registers a loader from its ``AppConfig.ready``::

    from fazhi.core.demo.registry import register
    register("penalty", load_penalty_demo, order=200)

``fazhi demo load`` builds the county (divisions, agencies, units, staff, logins) and then calls
every loader in ``order`` (then name) with the :class:`~fazhi.core.demo.generator.DemoCounty`.
A loader must be idempotent (get-or-create on natural keys) and deterministic (draw randomness
only from ``county.rng(name)``), so that loading twice changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

if TYPE_CHECKING:
    from .generator import DemoCounty

LoaderFn = Callable[["DemoCounty"], Any]


@dataclass(frozen=True)
class Loader:
    name: str
    load: LoaderFn
    order: int = 100


@dataclass(frozen=True)
class LoaderRun:
    name: str
    result: Any
    seconds: float


_LOADERS: dict[str, Loader] = {}


def register(name: str, loader: LoaderFn, order: int = 100) -> None:
    """Add (or replace, by name) a loader that runs after the organisations are in place."""
    _LOADERS[name] = Loader(name, loader, order)


def unregister(name: str) -> None:
    _LOADERS.pop(name, None)


def loaders() -> list[Loader]:
    return sorted(_LOADERS.values(), key=lambda item: (item.order, item.name))


Progress = Callable[[str, "LoaderRun | None"], None]


def run_loaders(
    county: DemoCounty, *, only: set[str] | None = None, progress: Progress | None = None
) -> list[LoaderRun]:
    """Call the registered loaders in order, each in its own transaction; returns each loader's
    name, result and running time (so a slow loader is easy to find). ``progress(name, None)``
    is called as a loader starts and ``progress(name, run)`` when it has finished."""
    runs = []
    for loader in loaders():
        if only is not None and loader.name not in only:
            continue
        if progress is not None:
            progress(loader.name, None)
        started = time.perf_counter()
        with transaction.atomic():
            result = loader.load(county)
        run = LoaderRun(loader.name, result, time.perf_counter() - started)
        runs.append(run)
        if progress is not None:
            progress(loader.name, run)
    return runs
