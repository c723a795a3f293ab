"""Filters every list declares rather than writes: the 搜索 box and the 我承办的 / 我机关的 boxes.

A filterset names the fields its search box matches::

    q = SearchFilter(fields=("number", "decision_number", "party_name", "party_uscc"))
    mine = MineFilter(label="我承办的", path="officers__user")
    ours = OwnAgencyFilter(field="agency")

The search matches any part of any named field, case-insensitively (``icontains``); on
PostgreSQL the big tables carry a pg_trgm GIN index on those columns, so that ``LIKE '%435%'``
is an index scan instead of a scan of a million rows (see each app's migration). On SQLite the
search reads the table once for the matching keys (see :func:`search`). The same filterset
serves the HTML list, its .xlsx export and the API.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_filters
from django import forms
from django.db import connections
from django.db.models import Q, QuerySet

from fazhi.core.accounts.policies import principal

#: A search shorter than this is ignored (one character matches nearly everything and defeats
#: the trigram index, which needs three).
MIN_SEARCH = 1
MAX_SEARCH = 100
#: On SQLite, up to this many matching keys are read first (see :func:`search`).
SQLITE_KEYS = 10_000


class SearchFilter(django_filters.CharFilter):
    """One box matching any part of any of ``fields`` (case-insensitive)."""

    def __init__(
        self,
        *,
        fields: Sequence[str],
        label: str = "搜索",
        placeholder: str = "",
        **kwargs: Any,
    ) -> None:
        self.search_fields = tuple(fields)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"type": "search", "placeholder": placeholder, "maxlength": MAX_SEARCH}
            ),
        )
        kwargs.setdefault("max_length", MAX_SEARCH)
        super().__init__(label=label, **kwargs)

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        return search(qs, value, self.search_fields)


def search(qs: QuerySet, value: Any, fields: Sequence[str]) -> QuerySet:
    """The rows of ``qs`` where any of ``fields`` contains ``value`` (ignoring case and the
    spaces around it); ``qs`` unchanged for an empty search."""
    text = str(value or "").strip()
    if len(text) < MIN_SEARCH or not fields:
        return qs
    cond = Q()
    for field in fields:
        cond |= Q(**{f"{field}__icontains": text})
    matched = qs.filter(cond)
    if connections[qs.db].vendor != "sqlite":
        return matched  # PostgreSQL: the trigram indexes answer the condition
    # SQLite has no index for a substring: rather than walk the list's sort index and read every
    # row it points to (random reads over the whole table when few rows match), read the matching
    # keys once, and page over them by primary key; past SQLITE_KEYS matches, the walk finds a
    # page of them soon enough.
    keys = list(matched.order_by().values_list("pk", flat=True)[: SQLITE_KEYS + 1])
    if len(keys) <= SQLITE_KEYS:
        return qs.filter(pk__in=keys)
    return matched


class MineFilter(django_filters.BooleanFilter):
    """我承办的: the rows where the signed-in user is among the people ``path`` reaches (e.g.
    ``officers__user``, ``handler``). Written as ``pk IN (…)`` so that a to-many path never
    repeats a row and the list keeps its keyset order."""

    def __init__(self, *, path: str, label: str = "我承办的", **kwargs: Any) -> None:
        self.path = path
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(label=label, **kwargs)

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if not value:
            return qs
        request = getattr(self.parent, "request", None)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return qs.none()
        if "__" not in self.path:
            return qs.filter(**{self.path: user})
        ids = qs.model._default_manager.filter(**{self.path: user}).values("pk")
        return qs.filter(pk__in=ids)


class OwnAgencyFilter(django_filters.BooleanFilter):
    """我机关的: the rows of the agencies where the user holds a business role (not those a
    supervisor merely sees)."""

    def __init__(self, *, field: str = "agency", label: str = "我机关的", **kwargs: Any) -> None:
        self.agency_field = field
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(label=label, **kwargs)

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if not value:
            return qs
        request = getattr(self.parent, "request", None)
        user = getattr(request, "user", None)
        if user is None:
            return qs.none()
        own = sorted(principal(user).own_agency_ids)
        return qs.filter(**{f"{self.agency_field}__in": own})
