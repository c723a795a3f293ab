"""The dashboard (every registered figure for an organisation and period) and the drill-down
(the records a figure counts, with .xlsx export)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.orgs.models import Agency
from fazhi.core.ui.listing import Col, FilteredListView

from . import policies, registry, selectors
from .registry import Indicator, Period, PeriodError

NO_AGENCY = "您没有可查看指标的机关。"


def _agency(request: HttpRequest, *, default: Agency | None) -> Agency:
    """The organisation asked for (``?agency=``), which the user must be able to see."""
    raw = request.GET.get("agency")
    if not raw:
        if default is None:
            raise PermissionDenied(NO_AGENCY)
        return default
    try:
        pk = int(raw)
    except ValueError:
        raise BadRequest("机关编号应为整数。") from None
    agency = policies.visible_agencies(request.user).filter(pk=pk).first()
    if agency is None:
        raise PermissionDenied(policies.DENIED)
    return agency


def resolve_period(text: str | None) -> Period:
    """The period asked for (``?period=``), or the current year."""
    return Period.parse(text) if text else selectors.default_period()


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    agencies = list(policies.visible_agencies(request.user))
    agency = _agency(request, default=agencies[0] if agencies else None)
    try:
        period = resolve_period(request.GET.get("period"))
    except PeriodError as exc:
        messages.error(request, str(exc))
        period = selectors.default_period()
    scope = policies.agency_scope(request.user, agency)
    context = {
        "title": "指标看板",
        "agencies": agencies,
        "agency": agency,
        "period": period,
        "previous": period.previous(),
        "year_before": period.year_before(),
        "scope_size": len(scope),
        "areas": selectors.figures(agency.pk, scope, period),
        "period_choices": selectors.period_choices(),
    }
    return render(request, "indicators/dashboard.html", context)


def _cell(path: str):
    """A column reader for ``path`` (dotted attributes; ``get_*`` methods are called); yes/no
    for booleans so that the table and the export read naturally."""

    def read(row: Any) -> Any:
        obj = registry.read_path(row, path)
        if obj is None:
            return ""
        if isinstance(obj, bool):
            return "是" if obj else "否"
        return obj

    return read


class IndicatorRecordsView(FilteredListView):
    """The records behind one figure: exactly the rows it counts, for the chosen organisation
    and period (a ratio lists its denominator's rows)."""

    template_name = "indicators/records.html"
    page_size = 50

    def get(self, request, *args, **kwargs):
        try:
            self.indicator: Indicator = registry.get(kwargs["code"])
        except registry.UnknownIndicator:
            raise Http404("没有该指标。") from None
        try:
            self.period = resolve_period(request.GET.get("period"))
        except PeriodError as exc:
            return render(
                request,
                "indicators/error.html",
                {"title": "期间有误", "message": str(exc)},
                status=400,
            )
        agencies = policies.visible_agencies(request.user)
        self.agency = _agency(request, default=agencies.first())
        self.agency_ids = policies.agency_scope(request.user, self.agency)
        ind = self.indicator
        self.title = f"{ind.name}（{self.agency.name} · {self.period.label}）"
        self.export_name = ind.name
        pk_name = self.scope(request).model._meta.pk.name
        self.default_sort = f"-{pk_name}"
        self.columns = [
            Col(label, _cell(path), link=ind.record_link if i == 0 else None)
            for i, (label, path) in enumerate(ind.record_columns or [("记录", "__str__")])
        ]
        return super().get(request, *args, **kwargs)

    def scope(self, request):
        return self.indicator.records(self.agency_ids, self.period)

    def extra_context(self, request) -> dict[str, Any]:
        value = selectors.safe_compute(self.indicator, self.agency_ids, self.period)
        agencies = {a.pk: a for a in Agency.objects.filter(pk__in=self.agency_ids)}
        breakdown = []
        if len(self.agency_ids) > 1:
            for a, v in registry.breakdown(self.indicator.code, self.agency_ids, self.period):
                agency = agencies.get(a)
                # A government's own row counts only its own records; its link would widen to
                # everything beneath it, so only departments link to their records here.
                own = agency is not None and registry.scope_for(agency) == {a}
                url = selectors.records_url(self.indicator.code, a, self.period) if own else ""
                breakdown.append((agency.name if agency else a, v, url))
        return {
            "indicator": self.indicator,
            "value": value,
            "agency": self.agency,
            "period": self.period,
            "breakdown": breakdown,
        }
