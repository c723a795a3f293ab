"""Pagination that stays fast on a million rows.

A list page is reached four ways, each bounded however large the table:

* ``?page=N`` — numbered pages while the rows before them are within the counted range
  (``count_cap``): ``OFFSET`` over the indexed order, so at most ``count_cap`` index entries are
  skipped (a page number past it is clamped);
* ``?cursor=`` — the page after a row (keyset: one index range read, at any depth);
* ``?before=`` — the page before a row (the same seek in the reverse order);
* ``?last=1`` — the last page: the first page of the reverse order.

The total is counted only up to ``count_cap`` rows; past it the list shows "超过 N 条", the pages
it counted, the last page and previous/next by keyset."""

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
    #: The page's number when known (numbered pages, and pages reached from one by keyset).
    number: int | None = None
    size: int = 50
    #: The page before this one: ``("page", n)``, ``("before", token)`` or ``None``.
    previous: tuple[str, Any] | None = None
    #: The page after this one: ``("page", n)``, ``("cursor", token)`` or ``None``.
    following: tuple[str, Any] | None = None
    is_last: bool = False

    @property
    def last_number(self) -> int | None:
        """The number of the last page when the total is known exactly."""
        if self.total_capped or self.approx_total is None:
            return None
        return max(1, -(-self.approx_total // self.size))

    @property
    def numbered_pages(self) -> int:
        """How many pages can be reached by number (those within the counted rows)."""
        return max(1, -(-(self.approx_total or 0) // self.size))


def _count(qs: QuerySet, count_cap: int) -> tuple[int, bool]:
    if count_cap <= 0:
        return 0, False
    counted = qs.order_by()[: count_cap + 1].count()
    return min(counted, count_cap), counted > count_cap


def _token(row: Any, key: str, total: int, capped: bool, number: int | None) -> str:
    return _encode([_attr(row, key), row.pk, total, capped, number])


def _read(qs: QuerySet, key: str, token: str | None) -> tuple[Any, Any, Any] | None:
    """``(last, last_pk, extra)`` of a token, ``None`` if absent or tampered."""
    values = _decode(token) if token else None
    if not values or len(values) not in (2, 4, 5):
        return None
    field = qs.model._meta.pk if key == "pk" else qs.model._meta.get_field(key)
    try:
        last = field.to_python(values[0]) if values[0] is not None else None
        last_pk = qs.model._meta.pk.to_python(values[1])
    except (ValidationError, TypeError, ValueError):  # a tampered cursor: start over
        return None
    return last, last_pk, values[2:]


def _carried(extra: list[Any], count_cap: int) -> tuple[tuple[int, bool] | None, int | None]:
    total = None
    if (
        len(extra) >= 2
        and isinstance(extra[0], int)
        and isinstance(extra[1], bool)
        and 0 <= extra[0] <= count_cap
    ):
        total = (extra[0], extra[1])
    number = extra[2] if len(extra) >= 3 and isinstance(extra[2], int) and extra[2] > 0 else None
    return total, number


def seek(
    qs: QuerySet,
    *,
    key: str,
    descending: bool,
    cursor: str | None,
    size: int = 50,
    count_cap: int = 10_000,
    before: str | None = None,
    last: bool = False,
    page: int | None = None,
) -> SeekPage:
    """One page of ``qs`` ordered by ``key`` then primary key: after ``cursor``, before
    ``before``, the ``last`` page, numbered ``page``, else the first.

    The total is counted only up to ``count_cap`` rows (a bounded scan), so that a page over a
    million rows costs an index seek, not a full count; a keyset token carries it to the next
    pages (it is shown as approximate; a token from elsewhere is recounted). ``count_cap=0``: no
    count at all (and no numbered pages).
    """
    order = [f"-{key}", "-pk"] if descending else [key, "pk"]
    reverse = [key, "pk"] if descending else [f"-{key}", "-pk"]
    field = qs.model._meta.pk if key == "pk" else qs.model._meta.get_field(key)
    for token, backwards in ((cursor, False), (before, True)):
        read = _read(qs, key, token)
        if read is None:
            continue
        anchor, anchor_pk, extra = read
        carried, number = _carried(list(extra), count_cap)
        total, capped = carried if carried is not None else _count(qs, count_cap)
        if backwards:
            cond = after(qs, key, field, not descending, anchor, anchor_pk)
            got = list(qs.order_by(*reverse).filter(cond)[: size + 1])
            more_before = len(got) > size
            rows = got[:size][::-1]
            number = number - 1 if number and number > 1 else None
            return _page(rows, key, size, total, capped, number, more_before, True)
        cond = after(qs, key, field, descending, anchor, anchor_pk)
        got = list(qs.order_by(*order).filter(cond)[: size + 1])
        number = number + 1 if number else None
        return _page(got[:size], key, size, total, capped, number, True, len(got) > size)
    if not last and (page or 1) == 1:
        # The first page: when it holds every row, they are the total (no count, which on a
        # search without an index — SQLite — would scan the table a second time).
        got = list(qs.order_by(*order)[: size + 1])
        if len(got) <= size:
            total, capped = (len(got), False) if count_cap > 0 else (0, False)
            return _page(got, key, size, total, capped, 1, False, False)
        total, capped = _count(qs, count_cap)
        return _page(got[:size], key, size, total, capped, 1, False, True)
    total, capped = _count(qs, count_cap)
    if last:
        if not capped:
            page = max(1, -(-total // size))
        else:
            got = list(qs.order_by(*reverse)[: size + 1])
            rows = got[:size][::-1]
            return _page(rows, key, size, total, capped, None, len(got) > size, False)
    number = 1
    if page and page > 1 and count_cap > 0:
        # Only the counted rows are numbered: OFFSET never skips more than count_cap entries.
        number = min(page, max(1, -(-total // size)))
    rows_qs = qs.order_by(*order)
    offset = (number - 1) * size
    got = list(rows_qs[offset : offset + size + 1])
    return _page(got[:size], key, size, total, capped, number, number > 1, len(got) > size)


def _page(
    rows: list[Any],
    key: str,
    size: int,
    total: int,
    capped: bool,
    number: int | None,
    has_previous: bool,
    has_next: bool,
) -> SeekPage:
    previous: tuple[str, Any] | None = None
    following: tuple[str, Any] | None = None
    if has_previous and rows:
        if number is not None and number > 1 and (number - 2) * size < total:
            previous = ("page", number - 1)
        else:
            previous = ("before", _token(rows[0], key, total, capped, number))
    if has_next and rows:
        if number is not None and number * size < total:
            following = ("page", number + 1)
        else:
            following = ("cursor", _token(rows[-1], key, total, capped, number))
    return SeekPage(
        rows=rows,
        next_cursor=(_token(rows[-1], key, total, capped, number) if has_next and rows else None),
        has_previous=has_previous,
        approx_total=total,
        total_capped=capped,
        number=number,
        size=size,
        previous=previous,
        following=following,
        is_last=not has_next,
    )


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
