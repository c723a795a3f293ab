"""A list page that every app declares rather than writes: filters (django-filter), sorting,
keyset pagination, HTMX partial refresh and .xlsx export of the filtered list.

A page of 50 rows × 11 columns drawn cell by cell through the template engine costs more than
the queries behind it, so each row is built here once, in Python, as escaped HTML (every value
through :func:`cell_text`, which escapes exactly as ``conditional_escape`` does; the URL of a
link too), and the template only loops over rows of ready strings (:class:`TableRow`). The filter form is drawn by
:mod:`.widgets` (the same HTML as Django's widget templates, without a template per option).
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.shortcuts import render
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.views import View

from .excel import xlsx_response
from .pagination import seek
from .widgets import use_fast_widgets

EXPORT_LIMIT = 100_000


@dataclass(frozen=True)
class Col:
    """One column: ``value`` is an attribute path (``get_*`` methods are called) or a callable of
    the row; ``sort`` a model field; ``link`` a callable giving the cell's URL."""

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
        if callable(obj) and not getattr(obj, "do_not_call_in_templates", False):
            # As ``{{ value }}`` did: a method at the end of the path is called (unless it
            # alters data), so a column prints the same as when the template drew it.
            if getattr(obj, "alters_data", False):
                return ""
            try:
                obj = obj()
            except TypeError:
                return ""
        return obj

    def cell(self, row: Any) -> str:
        """The ``<td>`` of this column for ``row`` as HTML: the value escaped, a link when the
        column has one (its URL escaped too)."""
        text = cell_text(self.get(row))
        if self.link is not None:
            href = self.link(row)
            if href:
                return f'<td><a href="{_escape(href)}">{text}</a></td>'
        return f"<td>{text}</td>"


def _escape(value: Any) -> str:
    """``conditional_escape`` without its lazy-string wrapper (called for every cell)."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value), quote=True)


def cell_text(value: Any) -> str:
    """A value as the template would print it (localized, dates in local time), escaped.

    Unlike ``{{ v }}`` it never calls a callable, and ``None`` prints as nothing.
    """
    if value is None or isinstance(value, str):
        return _escape(value or "")
    if type(value) is datetime.date:
        return _date_text(value, translation.get_language())
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return _escape(localize(value))


@lru_cache(maxsize=8192)
def _date_text(value: datetime.date, language: str | None) -> str:
    """Dates recur on every page (three date columns, 50 rows): formatted once per language."""
    return _escape(localize(value))


def detail_link(url_name: str) -> Callable[[Any], str]:
    """A ``link`` for a column: the row's page ``url_name`` (one ``pk`` argument), reversed once
    per script prefix (and URL configuration) instead of once per row."""
    sentinel = 987654321987

    @lru_cache(maxsize=8)
    def pattern(prefix: str, urlconf: str | None) -> tuple[str, str]:
        url = reverse(url_name, args=[sentinel], urlconf=urlconf)
        head, _, tail = url.partition(str(sentinel))
        return head, tail

    def link(row: Any) -> str:
        head, tail = pattern(get_script_prefix(), get_urlconf())
        return f"{head}{row.pk}{tail}"

    link.do_not_call_in_templates = True  # type: ignore[attr-defined]
    return link


class TableRow:
    """One row of a page, drawn: ``css`` its class and ``html`` its ``<td>`` cells, escaped.

    It still unpacks as ``(row, cells)`` with cells ``(column, value, link)``, computed only when
    asked (tests and apps read a page's rows that way; the template reads ``css`` and ``html``).
    """

    __slots__ = ("columns", "css", "html", "obj")

    def __init__(self, obj: Any, columns: list[Col]) -> None:
        self.obj, self.columns = obj, columns
        self.html = mark_safe("".join([c.cell(obj) for c in columns]))  # noqa: S308 - escaped
        # After the cells: a column may set the row's class (deadlines colour today's flag).
        self.css = _escape(getattr(obj, "row_class", "") or "")

    def __iter__(self):
        yield self.obj
        yield [(c, c.get(self.obj), c.link(self.obj) if c.link else None) for c in self.columns]


def table_rows(columns: list[Col], rows: list[Any]) -> list[TableRow]:
    """The page's rows, each drawn once."""
    return [TableRow(row, columns) for row in rows]


def table_head(
    columns: list[Col], sort: str, query_nosort: str
) -> list[tuple[str, str | None, str]]:
    """Header cells ``(label, sort link or None, arrow)`` for the template."""
    joiner = "&" if query_nosort else ""
    out: list[tuple[str, str | None, str]] = []
    for c in columns:
        if not c.sort:
            out.append((c.label, None, ""))
            continue
        arrow = " ▲" if sort == c.sort else " ▼" if sort == f"-{c.sort}" else ""
        flip = "-" if sort == c.sort else ""
        out.append((c.label, f"?{query_nosort}{joiner}sort={flip}{c.sort}", arrow))
    return out


class FilteredListView(LoginRequiredMixin, View):
    title: str = ""
    filterset_class: Any = None
    columns: list[Col] = []
    default_sort: str = "-pk"
    page_size: int = 50
    #: The page sizes a user may choose (``?size=``).
    size_choices: tuple[int, ...] = (20, 50, 100)
    #: Rows counted at most (the total past it shows as "超过 N 条"; pages are numbered up to it).
    count_cap: int = 10_000
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
            use_fast_widgets(filterset.form)
            qs = filterset.qs if filterset.is_bound and filterset.is_valid() else qs
        sortable = {c.sort for c in self.columns if c.sort}
        sort = request.GET.get("sort") or self.default_sort
        key = sort.lstrip("-")
        if key not in sortable and key != "pk":
            sort, key = self.default_sort, self.default_sort.lstrip("-")
        descending = sort.startswith("-")
        if request.GET.get("export") == "xlsx":
            return self.export(qs.order_by(sort, "pk")[:EXPORT_LIMIT])
        size = _choice(request.GET.get("size"), self.size_choices, self.page_size)
        page = seek(
            qs,
            key=key,
            descending=descending,
            cursor=request.GET.get("cursor"),
            before=request.GET.get("before"),
            last=request.GET.get("last") == "1",
            page=_number(request.GET.get("page")),
            size=size,
            count_cap=self.count_cap,
        )
        query = request.GET.copy()
        for position in POSITION:
            query.pop(position, None)
        query_nosort = _without(query, "sort")
        context = {
            "title": self.title,
            "filter": filterset,
            "columns": self.columns,
            "head": table_head(self.columns, sort, query_nosort),
            "rows": table_rows(self.columns, page.rows),
            "page": page,
            "sort": sort,
            "query": query.urlencode(),
            "query_nosort": query_nosort,
            "pager": pager(page, query, self.size_choices),
            **self.extra_context(request),
        }
        template = "ui/_table.html" if request.headers.get("HX-Request") else self.template_name
        return render(request, template, context)

    def export(self, qs: QuerySet):
        name = self.export_name or self.title
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        headers = [c.label for c in self.columns]
        # Raw values: the workbook keeps numbers, amounts and dates typed (.excel.excel_value).
        rows = ([c.get(r) for c in self.columns] for r in qs.iterator(chunk_size=2000))
        return xlsx_response(f"{name}-{stamp}.xlsx", name, headers, rows)


POSITION = ("cursor", "before", "last", "page")


def _number(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


def _choice(value: str | None, choices: tuple[int, ...], default: int) -> int:
    number = _number(value)
    return number if number in choices else default


@dataclass(frozen=True)
class PagerLink:
    label: str
    href: str | None  # None: the current page, or a gap (…)
    current: bool = False


@dataclass(frozen=True)
class Pager:
    """The links under a list: previous/next, numbered pages around the current one, the first
    and last page, and the page sizes."""

    previous: str | None
    following: str | None
    first: str | None
    last: str | None
    numbers: list[PagerLink]
    sizes: list[PagerLink]


def pager(page: Any, query: Any, size_choices: tuple[int, ...], window: int = 2) -> Pager:
    """Links for ``page`` (a :class:`~.pagination.SeekPage`) keeping the filters in ``query``."""
    base = query.copy()

    def href(**params: Any) -> str:
        q = base.copy()
        for name, value in params.items():
            q[name] = str(value)
        text = q.urlencode()
        return f"?{text}" if text else "?"

    def link(position: tuple[str, Any] | None) -> str | None:
        if position is None:
            return None
        kind, value = position
        if kind == "page":
            return href(page=value) if value > 1 else href()
        return href(**{kind: value})

    numbers: list[PagerLink] = []
    number = page.number
    reachable = page.numbered_pages if page.approx_total else 1
    last_number = page.last_number
    if reachable > 1 or (number and number > 1):
        around = set(range(1, reachable + 1)) & set(
            range((number or 1) - window, (number or 1) + window + 1)
        )
        shown = sorted({1, *around} | ({last_number} if last_number else set()))
        prev_n = 0
        for n in shown:
            if n - prev_n > 1:
                numbers.append(PagerLink("…", None))
            numbers.append(
                PagerLink(str(n), None if n == number else link(("page", n)), n == number)
            )
            prev_n = n
        if number and number > reachable and number not in shown:
            numbers.append(PagerLink("…", None))
            numbers.append(PagerLink(str(number), None, True))
        elif page.total_capped:
            numbers.append(PagerLink("…", None))  # more pages than were counted
    at_first = number == 1 or not page.has_previous
    sizes = [
        PagerLink(str(n), None if n == page.size else href(size=n), n == page.size)
        for n in size_choices
    ]
    return Pager(
        previous=link(page.previous),
        following=link(page.following),
        first=None if at_first else href(),
        last=None if page.is_last else href(last=1),
        numbers=numbers,
        sizes=sizes,
    )


def _without(query, key: str) -> str:
    q = query.copy()
    q.pop(key, None)
    return q.urlencode()
