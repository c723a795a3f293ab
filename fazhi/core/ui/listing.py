"""A list page that every app declares rather than writes: filters (django-filter), sorting,
keyset pagination, HTMX partial refresh and .xlsx export of the filtered list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from .excel import xlsx_response
from .pagination import seek

EXPORT_LIMIT = 100_000


@dataclass(frozen=True)
class Col:
    """One column: ``name`` is an attribute path or a callable's label; ``sort`` a model field."""

    label: str
    value: Callable[[Any], Any] | str
    sort: str | None = None
    link: Callable[[Any], str] | None = None

    def get(self, row: Any) -> Any:
        if callable(self.value):
            return self.value(row)
        obj = row
        for part in self.value.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                return ""
            if callable(obj) and part.startswith("get_"):
                obj = obj()
        return obj


class FilteredListView(LoginRequiredMixin, View):
    title: str = ""
    filterset_class: Any = None
    columns: list[Col] = []
    default_sort: str = "-pk"
    page_size: int = 50
    template_name = "ui/list.html"
    export_name: str | None = None

    def scope(self, request) -> QuerySet:
        """The rows this user may see (the app's policy decides)."""
        raise NotImplementedError

    def extra_context(self, request) -> dict[str, Any]:
        return {}

    def get(self, request, *args, **kwargs):
        self.kwargs = kwargs
        qs = self.scope(request)
        filterset = (
            self.filterset_class(request.GET or None, queryset=qs, request=request)
            if self.filterset_class
            else None
        )
        if filterset is not None:
            qs = filterset.qs if filterset.is_bound and filterset.is_valid() else qs
        sortable = {c.sort for c in self.columns if c.sort}
        sort = request.GET.get("sort") or self.default_sort
        key = sort.lstrip("-")
        if key not in sortable and key != "pk":
            sort, key = self.default_sort, self.default_sort.lstrip("-")
        descending = sort.startswith("-")
        if request.GET.get("export") == "xlsx":
            return self.export(qs.order_by(sort, "pk")[:EXPORT_LIMIT])
        page = seek(
            qs,
            key=key,
            descending=descending,
            cursor=request.GET.get("cursor"),
            size=self.page_size,
        )
        query = request.GET.copy()
        query.pop("cursor", None)
        context = {
            "title": self.title,
            "filter": filterset,
            "columns": self.columns,
            "rows": [
                (row, [(c, c.get(row), c.link(row) if c.link else None) for c in self.columns])
                for row in page.rows
            ],
            "page": page,
            "sort": sort,
            "query": query.urlencode(),
            "query_nosort": _without(query, "sort"),
            **self.extra_context(request),
        }
        template = "ui/_table.html" if request.headers.get("HX-Request") else self.template_name
        return render(request, template, context)

    def export(self, qs: QuerySet):
        name = self.export_name or self.title
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        headers = [c.label for c in self.columns]
        rows = ([_plain(c.get(r)) for c in self.columns] for r in qs.iterator(chunk_size=2000))
        return xlsx_response(f"{name}-{stamp}.xlsx", name, headers, rows)


def _without(query, key: str) -> str:
    q = query.copy()
    q.pop(key, None)
    return q.urlencode()


def _plain(value: Any) -> Any:
    return (
        value
        if isinstance(value, int | float | str) or value is None or hasattr(value, "isoformat")
        else str(value)
    )
