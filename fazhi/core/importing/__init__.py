"""One .xlsx import framework for every system: a system declares an :class:`Importer` (its
columns with Chinese headers and types, the service each row goes through, who may use it) and
registers it from its ``AppConfig.ready``; core gives it a template, a bounded reader, per-cell
checks with Chinese errors naming row and column, an all-or-nothing run and an import page at
``/import/<name>/``.

This package imports no model when imported, so declarations can reference it freely; the run
lives in :mod:`fazhi.core.importing.run`.
"""

from .registry import get, importers, register, unregister
from .report import ImportResult, RowError
from .spec import NO, TYPES, YES, Column, Importer

__all__ = [
    "NO",
    "TYPES",
    "YES",
    "Column",
    "ImportResult",
    "Importer",
    "RowError",
    "get",
    "importers",
    "register",
    "unregister",
]
