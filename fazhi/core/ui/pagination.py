"""Pagination that stays fast on a million rows: keyset ("seek") pagination, never OFFSET."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet
from rest_framework.pagination import CursorPagination


class SeekPagination(CursorPagination):
    """DRF's cursor pagination: ``?cursor=`` opaque tokens, ordered by the view's ``ordering``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-pk"


def _encode(values: list[Any]) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, date | datetime) else v for v in values])
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
    million rows costs an index seek, not a full count.
    """
    order = [f"-{key}", "-pk"] if descending else [key, "pk"]
    page_qs = qs.order_by(*order)
    values = _decode(cursor) if cursor else None
    if values and len(values) == 2:
        last, last_pk = values
        field = qs.model._meta.pk if key == "pk" else qs.model._meta.get_field(key)
        last = field.to_python(last) if last is not None else None
        # (key, pk) past the cursor, written so that the leading range uses the index:
        # SQLite does not turn `a > x OR (a = x AND pk > y)` into a seek.
        if descending:
            cond = Q(**{f"{key}__lte": last}) & (Q(**{f"{key}__lt": last}) | Q(pk__lt=last_pk))
        else:
            cond = Q(**{f"{key}__gte": last}) & (Q(**{f"{key}__gt": last}) | Q(pk__gt=last_pk))
        page_qs = page_qs.filter(cond)
    rows = list(page_qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = None
    if more and rows:
        tail = rows[-1]
        next_cursor = _encode([_attr(tail, key), tail.pk])
    capped = qs.order_by()[: count_cap + 1].count()
    return SeekPage(rows, next_cursor, bool(values), min(capped, count_cap), capped > count_cap)


def _attr(obj: Any, key: str) -> Any:
    """The sort value of a row: ``key`` is a concrete field of the model (its column value)."""
    if key == "pk":
        return obj.pk
    return getattr(obj, obj._meta.get_field(key).attname)
