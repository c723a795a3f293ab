"""The importers systems declare, by name: each is served at ``/import/<name>/``."""

from __future__ import annotations

from .spec import Importer

_IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    """Register ``importer`` (from an ``AppConfig.ready``); registering the same one again is
    harmless, another importer under a taken name is an error."""
    existing = _IMPORTERS.get(importer.name)
    if existing is not None and existing is not importer:
        raise ValueError(f"an importer named {importer.name!r} is already registered")
    _IMPORTERS[importer.name] = importer
    return importer


def get(name: str) -> Importer | None:
    return _IMPORTERS.get(name)


def importers() -> list[Importer]:
    return list(_IMPORTERS.values())


def unregister(name: str) -> None:
    """Remove an importer (tests that declare their own)."""
    _IMPORTERS.pop(name, None)
