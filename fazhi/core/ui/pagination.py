"""Pagination that stays fast on a million rows: keyset ("seek") pagination, never OFFSET."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import F, Q, QuerySet
from django.db.models.fields.tuple_lookups import (
    Tuple,
    TupleGreaterThan,
    TupleLessThan,
)
from rest_framework.pagination import CursorPagination


class SeekPagination(CursorPagination):
    """DRF's cursor pagination: ``?cursor=`` opaque tokens, ordered by the view's ``ordering``."""

    page_size: int = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering: str | list[str] | tuple[str, ...] = "-pk"


def _encode(values: list[Any]) -> str:
    # dates as ISO strings, amounts (Decimal) as their exact text: the database compares both
    raw = json.dumps(
        [
            v.isoformat()
            if isinstance(v, date | datetime)
            else str(v)
            if isinstance(v, Decimal)
            else v
            for v in values
        ]
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(token: str) -> list[Any] | None:
    try:
        padded = token + "=" * (-len(token) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, json.JSONDecodeError):
        return None
    return values if isinstance(values, list) else None


@dataclass
class SeekPage:
    rows: list[Any]
    next_cursor: str | None
    has_previous: bool
    approx_total: int | None
    total_capped: bool


def seek(
    qs: QuerySet,
    *,
    key: str,
    descending: bool,
    cursor: str | None,
    size: int = 50,
    count_cap: int = 10_000,
) -> SeekPage:
    """One page of ``qs`` ordered by ``key`` then primary key, starting after ``cursor``.

    The total is counted only up to ``count_cap`` rows (a bounded scan), so that a page over a
    million rows costs an index seek, not a full count; it is counted on the first page and
    carried in the cursor to the next ones (it is shown as approximate; a cursor from elsewhere
    is recounted). ``count_cap=0``: no count at all.
    """
    order = [f"-{key}", "-pk"] if descending else [key, "pk"]
    page_qs = qs.order_by(*order)
    values = _decode(cursor) if cursor else None
    carried = None
    if values and len(values) in (2, 4):
        field = qs.model._meta.pk if key == "pk" else qs.model._meta.get_field(key)
        try:
            last = field.to_python(values[0]) if values[0] is not None else None
            last_pk = qs.model._meta.pk.to_python(values[1])
        except (ValidationError, TypeError, ValueError):  # a tampered cursor: start over
            values = None
        else:
            page_qs = page_qs.filter(after(qs, key, field, descending, last, last_pk))
            if len(values) == 4 and isinstance(values[2], int) and isinstance(values[3], bool):
                carried = (values[2], values[3])
    else:
        values = None
    rows = list(page_qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if count_cap <= 0:
        total, capped = 0, False
    elif carried is not None and 0 <= carried[0] <= count_cap:
        total, capped = carried
    else:
        counted = qs.order_by()[: count_cap + 1].count()
        total, capped = min(counted, count_cap), counted > count_cap
    next_cursor = None
    if more and rows:
        tail = rows[-1]
        next_cursor = _encode([_attr(tail, key), tail.pk, total, capped])
    return SeekPage(rows, next_cursor, bool(values), total, capped)


def after(qs: QuerySet, key: str, field: Any, descending: bool, last: Any, last_pk: Any) -> Q:
    """The rows that come after ``(last, last_pk)`` in the order ``(key, pk)``.

    On a database with row values (PostgreSQL) this is the row-value comparison
    ``(key, pk) < (last, last_pk)``, which the planner turns into one range over the composite
    ``(…, key, id)`` index. SQLite (Django reports no row-value support there) gets
    ``key <= last AND (key < last OR pk < last_pk)``: its leading range ``key <= last`` is the
    same index seek (SQLite does not seek on ``a < x OR (a = x AND pk < y)``).

    NULL keys sort where the database puts them (PostgreSQL: after every value in ascending
    order, SQLite: before), so a cursor on a NULL key, or a page that ends just before the
    NULLs, still continues correctly.
    """
    pk_after = Q(pk__lt=last_pk) if descending else Q(pk__gt=last_pk)
    if key == "pk":
        return pk_after
    connection = connections[qs.db]
    # Do NULL keys come after the non-NULL ones in this direction?
    nulls_after = connection.features.nulls_order_largest != descending
    if last is None:
        same = Q(**{f"{key}__isnull": True}) & pk_after
        return same if nulls_after else same | Q(**{f"{key}__isnull": False})
    if connection.features.supports_tuple_lookups:
        lookup = TupleLessThan if descending else TupleGreaterThan
        cond = Q(lookup(Tuple(F(key), F("pk")), (last, last_pk)))
    elif descending:
        cond = Q(**{f"{key}__lte": last}) & (Q(**{f"{key}__lt": last}) | pk_after)
    else:
        cond = Q(**{f"{key}__gte": last}) & (Q(**{f"{key}__gt": last}) | pk_after)
    if nulls_after and field.null:
        cond |= Q(**{f"{key}__isnull": True})
    return cond


def _attr(obj: Any, key: str) -> Any:
    """The sort value of a row: ``key`` is a concrete field of the model (its column value)."""
    if key == "pk":
        return obj.pk
    return getattr(obj, obj._meta.get_field(key).attname)
