"""Records written in an importer's own format, so an exported file imports back unchanged."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from fazhi.core.ui.excel import workbook_bytes

from .spec import NO, YES, Importer


def _excel(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool):
        return YES if value else NO
    return value


def export_bytes(
    importer: Importer, records: Iterable[Any], values: Callable[[Any], dict[str, Any]]
) -> bytes:
    """An .xlsx of ``records`` with ``importer``'s headers; ``values(record)`` maps column keys."""
    keys = [c.key for c in importer.columns]

    def rows() -> Iterable[list[Any]]:
        for rec in records:
            v = values(rec)
            yield [_excel(v.get(k)) for k in keys]

    return workbook_bytes(importer.title, importer.headers, rows())
