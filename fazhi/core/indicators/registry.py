"""The indicator registry.

Each app declares its figures in an ``indicators.py`` module (autodiscovered by
:class:`~fazhi.core.indicators.apps.IndicatorsConfig`): a code, a Chinese name and unit, the area
it is reported under, how it is computed over a set of agencies and a period, and the query
behind it so that every figure can be opened onto the records it counts. Dashboards, bulletins,
assessments and the annual report read figures only from here.

A figure is always computed over a *set* of agency ids: a department is the set of itself, a
government the set of every agency beneath it (:func:`scope_for`). Computing over the set is
what aggregates; :func:`combine` reproduces the same total from per-agency values (sums add,
ratios are recomputed from the summed numerators and denominators, never averaged).
"""

from __future__ import annotations

import calendar as _calendar
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, QuerySet

from fazhi.kernel.formatting import zh_date

logger = logging.getLogger(__name__)

Number = Decimal | int

QUARTER_NAMES = ("一", "二", "三", "四")


class PeriodError(ValueError):
    """A period that cannot be read; the message is Chinese."""


@dataclass(frozen=True)
class Period:
    """A reporting period: ``start`` and ``end`` are both inclusive dates."""

    start: date
    end: date
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(f"期间的结束日（{self.end}）早于开始日（{self.start}）。")
        if not self.label:
            object.__setattr__(self, "label", self._default_label())

    # -- reading --------------------------------------------------------------------------

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), f"{year}年")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise PeriodError(f"季度应为 1 至 4，收到 {quarter}。")
        first = 3 * (quarter - 1) + 1
        last = first + 2
        end = date(year, last, _calendar.monthrange(year, last)[1])
        return cls(date(year, first, 1), end, f"{year}年第{QUARTER_NAMES[quarter - 1]}季度")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise PeriodError(f"月份应为 1 至 12，收到 {month}。")
        end = date(year, month, _calendar.monthrange(year, month)[1])
        return cls(date(year, month, 1), end, f"{year}年{month}月")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2025`` (a year), ``2025Q3`` (a quarter), ``2025-03`` (a month) or
        ``2025-01-01..2025-06-30`` (any span of days)."""
        raw = (text or "").strip().upper()
        try:
            if m := re.fullmatch(r"(\d{4})", raw):
                return cls.year(int(m[1]))
            if m := re.fullmatch(r"(\d{4})-?Q([1-4])", raw):
                return cls.quarter(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"(\d{4})-(\d{1,2})", raw):
                return cls.month(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", raw):
                return cls(date.fromisoformat(m[1]), date.fromisoformat(m[2]))
        except PeriodError as exc:
            raise PeriodError(f"无法识别的期间“{text}”：{exc}") from exc
        except ValueError as exc:
            raise PeriodError(f"期间“{text}”中的日期无效。") from exc
        raise PeriodError(
            f"无法识别的期间“{text}”：应为年度（如 2025）、季度（如 2025Q3）、"
            "月份（如 2025-03）或起止日期（如 2025-01-01..2025-06-30）。"
        )

    # -- shape and neighbours -------------------------------------------------------------

    @property
    def kind(self) -> Literal["year", "quarter", "month", "days"]:
        """Which calendar unit the period is, so that its neighbours keep the same unit."""
        s, e = self.start, self.end
        if s.day != 1 or e != _last_of_month(e):
            return "days"
        months = (e.year - s.year) * 12 + e.month - s.month + 1
        if months == 12 and s.month == 1:
            return "year"
        if months == 3 and s.month in (1, 4, 7, 10):
            return "quarter"
        if months == 1:
            return "month"
        return "days"

    @property
    def code(self) -> str:
        """The text :meth:`parse` reads back to this period (used in URLs)."""
        kind = self.kind
        if kind == "year":
            return f"{self.start.year}"
        if kind == "quarter":
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        if kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def previous(self) -> Period:
        """The period of the same length just before this one (环比)."""
        kind = self.kind
        if kind == "year":
            return Period.year(self.start.year - 1)
        if kind == "quarter":
            q = (self.start.month - 1) // 3 + 1
            return Period.quarter(self.start.year - (q == 1), 4 if q == 1 else q - 1)
        if kind == "month":
            before = self.start - timedelta(days=1)
            return Period.month(before.year, before.month)
        days = (self.end - self.start).days + 1
        return Period(self.start - timedelta(days=days), self.start - timedelta(days=1))

    def year_before(self) -> Period:
        """The same period one year earlier (同比)."""
        kind = self.kind
        year = self.start.year - 1
        if kind == "year":
            return Period.year(year)
        if kind == "quarter":
            return Period.quarter(year, (self.start.month - 1) // 3 + 1)
        if kind == "month":
            return Period.month(year, self.start.month)
        return Period(_shift_year(self.start, -1), _shift_year(self.end, -1))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def _default_label(self) -> str:
        kind = self.kind
        if kind == "year":
            return f"{self.start.year}年"
        if kind == "quarter":
            return f"{self.start.year}年第{QUARTER_NAMES[(self.start.month - 1) // 3]}季度"
        if kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        s, e = self.start, self.end
        return f"{zh_date(s)}至{zh_date(e)}"

    def __str__(self) -> str:
        return self.label


def _last_of_month(d: date) -> date:
    return d.replace(day=_calendar.monthrange(d.year, d.month)[1])


def _shift_year(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a common year
        return d.replace(year=d.year + years, day=28)


# -- values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """A computed figure. A ratio keeps its numerator and denominator so that it can be
    re-aggregated and explained ("42 / 45")."""

    value: Number | None
    numerator: Number | None = None
    denominator: Number | None = None
    unit: str = ""
    note: str = ""

    @classmethod
    def count(cls, n: Number, unit: str = "件", note: str = "") -> Value:
        return cls(n, unit=unit, note=note)

    @classmethod
    def ratio(
        cls,
        numerator: Number,
        denominator: Number,
        *,
        unit: str = "%",
        places: int = 1,
        note: str = "",
    ) -> Value:
        """``numerator / denominator`` as a percentage (or a plain ratio when ``unit`` is not
        "%"), rounded half up; no value when nothing was there to count."""
        if not denominator:
            return cls(None, numerator, denominator, unit, note or "本期无可计算的事项")
        scale = Decimal(100) if unit == "%" else Decimal(1)
        raw = Decimal(numerator) * scale / Decimal(denominator)
        value = raw.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return cls(value, numerator, denominator, unit, note)

    @property
    def display(self) -> str:
        """The number as a reader expects it: no trailing ``.0`` noise, "—" for no value."""
        if self.value is None:
            return "—"
        v = self.value
        if isinstance(v, Decimal) and v == v.to_integral_value():
            v = int(v)
        return f"{v:,}"


# -- indicators ---------------------------------------------------------------------------

Compute = Callable[[frozenset[int], Period], Value]
Records = Callable[[frozenset[int], Period], QuerySet]


@dataclass(frozen=True)
class Terms:
    """A figure computed as additive aggregate terms over rows shared with other figures.

    Figures whose ``Terms`` name the same ``base`` are fetched together: one ``aggregate()``
    for a set of agencies and any number of periods (:func:`compute_many`), or one
    ``GROUP BY`` agency (:func:`compute_by_agency`), instead of one query per figure and
    period. ``rows(agency_ids)`` gives the base rows (not yet limited to a period; every row
    belongs to one agency through ``agency_field`` and no join may repeat a row);
    ``terms(period)`` the named ``Count``/``Sum`` aggregates, which must add up across agencies;
    ``finish(values)`` turns the named results into the figure.
    """

    base: str
    rows: Callable[[frozenset[int]], QuerySet]
    terms: Callable[[Period], dict[str, Any]]
    finish: Callable[[dict[str, Any]], Value]
    agency_field: str = "agency_id"

    def compute(self, agency_ids: frozenset[int], period: Period) -> Value:
        return self.finish(self.rows(agency_ids).aggregate(**self.terms(period)))


@dataclass(frozen=True)
class Indicator:
    """One registered figure.

    ``compute(agency_ids, period)`` returns the figure over that set of agencies (or, with
    ``compute=None``, ``shared`` :class:`Terms` compute it, batched with figures over the same
    rows); ``records(agency_ids, period)`` returns the rows it counts (for a ratio: the
    denominator's rows), shown in the drill-down with ``record_columns`` (label, attribute path).
    """

    code: str
    name: str
    unit: str
    area: str
    compute: Compute | None
    records: Records
    record_columns: Sequence[tuple[str, str]] = ()
    description: str = ""
    citation: str = ""
    higher_is_better: bool | None = None
    aggregate: Literal["sum", "ratio"] = "sum"
    order: int = 100
    record_link: Callable[[Any], str] | None = field(default=None, compare=False)
    shared: Terms | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.compute is None and self.shared is not None:
            object.__setattr__(self, "compute", self.shared.compute)
        if not re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+", self.code):
            raise ValueError(
                f"指标代码“{self.code}”格式不正确：应为“应用.指标”的小写英文形式，如 deadlines.on_time_rate。"
                f" / indicator code {self.code!r} must look like 'app.name'"
            )
        if self.aggregate not in ("sum", "ratio"):
            raise ValueError(f"指标 {self.code} 的汇总方式应为 sum 或 ratio。")
        if not callable(self.compute) or not callable(self.records):
            raise ValueError(
                f"指标 {self.code} 须提供 compute 与 records（每个数字都要能查到记录）。"
            )


class DuplicateIndicator(ValueError):
    """Two apps registered the same code."""


class UnknownIndicator(KeyError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return f"没有代码为“{self.code}”的指标。"


_lock = threading.Lock()
_REGISTRY: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    """Add ``indicator``; a second, different indicator under the same code is refused."""
    with _lock:
        existing = _REGISTRY.get(indicator.code)
        if existing is not None and existing is not indicator:
            raise DuplicateIndicator(
                f"指标代码“{indicator.code}”已被注册（{existing.name}），不能重复注册。"
                f" / indicator code {indicator.code!r} is already registered"
            )
        _REGISTRY[indicator.code] = indicator
    return indicator


def unregister(code: str) -> None:
    with _lock:
        _REGISTRY.pop(code, None)


@contextmanager
def registered(*indicators: Indicator) -> Iterator[tuple[Indicator, ...]]:
    """Register ``indicators`` for the duration of a block (tests, previews), then remove them."""
    done: list[str] = []
    try:
        for ind in indicators:
            register(ind)
            done.append(ind.code)
        yield indicators
    finally:
        for code in done:
            unregister(code)


def get(code: str) -> Indicator:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise UnknownIndicator(code) from None


#: The report areas each app registers (:func:`register_area`), with their place on dashboards
#: and in reports (lower first).
_AREAS: dict[str, int] = {}


def register_area(name: str, order: int) -> str:
    """Declare a report area (e.g. ``"行政执法"``) and its place, and return its name. Several
    apps may declare one area with the same place; another place is a configuration error."""
    with _lock:
        known = _AREAS.setdefault(name, order)
    if known != order:
        raise ImproperlyConfigured(
            f"Report area {name!r} registered with two places: {known} and {order}."
        )
    return name


def forget_area(name: str) -> None:
    """Remove a registered area (for tests that register an area of their own)."""
    with _lock:
        _AREAS.pop(name, None)


def area_order() -> list[str]:
    """The areas in the order they are shown: the registered areas by their place, then the
    areas of indicators that name an unregistered one, in the order first registered."""
    names = sorted(_AREAS, key=lambda a: (_AREAS[a], a))
    for ind in _REGISTRY.values():
        if ind.area not in names:
            names.append(ind.area)
    return names


def all_indicators() -> list[Indicator]:
    """Every indicator, ordered by area (:func:`area_order`), then by its ``order`` and code."""
    areas = {a: n for n, a in enumerate(area_order())}
    return sorted(_REGISTRY.values(), key=lambda i: (areas[i.area], i.order, i.code))


def by_area(indicators: Iterable[Indicator] | None = None) -> list[tuple[str, list[Indicator]]]:
    groups: dict[str, list[Indicator]] = {}
    for ind in indicators if indicators is not None else all_indicators():
        groups.setdefault(ind.area, []).append(ind)
    return list(groups.items())


def compute(code: str, agency_ids: Iterable[int], period: Period) -> Value:
    """The figure ``code`` over ``agency_ids`` for ``period``, in the indicator's unit."""
    ind = get(code)
    assert ind.compute is not None  # __post_init__ sets it from ``shared`` or refuses
    value = ind.compute(frozenset(agency_ids), period)
    return value if value.unit else replace(value, unit=ind.unit)


def records(code: str, agency_ids: Iterable[int], period: Period) -> QuerySet:
    """The rows behind the figure (what the drill-down lists)."""
    return get(code).records(frozenset(agency_ids), period)


def combine(indicator: Indicator, values: Iterable[Value]) -> Value:
    """Aggregate per-agency values the way the indicator says: sums add; ratios are recomputed
    from the summed numerators and denominators (an average of rates would be wrong)."""
    values = list(values)
    if indicator.aggregate == "ratio":
        num = sum((v.numerator or 0) for v in values)
        den = sum((v.denominator or 0) for v in values)
        return Value.ratio(num, den, unit=indicator.unit)
    present = [v.value for v in values if v.value is not None]
    total = sum(present) if present else None
    return Value(total, unit=indicator.unit)


One = Callable[[Indicator, frozenset[int], Period], Value]
Key = tuple[str, Period]


def _one(indicator: Indicator, agency_ids: frozenset[int], period: Period) -> Value:
    return compute(indicator.code, agency_ids, period)


def _batches(
    indicators: Iterable[Indicator],
) -> tuple[list[Indicator], list[tuple[Terms, list[Indicator]]]]:
    """The indicators computed one by one, and those computed together: (the first member's
    terms, which give the shared rows; the members), one group per ``Terms.base``."""
    alone: list[Indicator] = []
    groups: dict[str, tuple[Terms, list[Indicator]]] = {}
    for ind in indicators:
        if ind.shared is None:
            alone.append(ind)
        else:
            groups.setdefault(ind.shared.base, (ind.shared, []))[1].append(ind)
    return alone, list(groups.values())


def _plan(
    members: Sequence[Indicator], periods: Sequence[Period]
) -> tuple[dict[str, Any], list[tuple[Indicator, Period, dict[str, str]]]]:
    """Every member's terms for every period under unique aliases: (aliases, how to read back)."""
    aliases: dict[str, Any] = {}
    plan = []
    for ind in members:
        for period in periods:
            names = {}
            for name, expr in ind.shared.terms(period).items():  # type: ignore[union-attr]
                alias = f"t{len(aliases)}"
                aliases[alias] = expr
                names[name] = alias
            plan.append((ind, period, names))
    return aliases, plan


def _finish(ind: Indicator, got: dict[str, Any], names: dict[str, str]) -> Value | None:
    """The figure from the batch's results; ``None`` when its ``finish`` fails (the caller then
    computes it on its own, where a failure is reported on that figure alone)."""
    try:
        value = ind.shared.finish({name: got[alias] for name, alias in names.items()})  # type: ignore[union-attr]
    except Exception:  # noqa: BLE001 - as in compute_many
        logger.exception("indicator %s failed to finish its batch", ind.code)
        return None
    return value if value.unit else replace(value, unit=ind.unit)


def compute_many(
    indicators: Iterable[Indicator],
    agency_ids: Iterable[int],
    periods: Sequence[Period],
    *,
    one: One = _one,
) -> dict[Key, Value]:
    """Every figure of ``indicators`` over the set ``agency_ids`` for every period, keyed by
    (code, period): the same values as :func:`compute`, with the figures that share rows
    (:class:`Terms`) fetched in one query per base. ``one`` computes a figure on its own (the
    dashboards pass one that isolates a failing figure); a batch whose query fails falls back
    to it figure by figure."""
    ids = frozenset(agency_ids)
    alone, groups = _batches(indicators)
    out: dict[Key, Value] = {}
    for shared, members in groups:
        aliases, plan = _plan(members, periods)
        try:
            got = shared.rows(ids).aggregate(**aliases)
        except Exception:  # noqa: BLE001 - one faulty term must not hide the others' figures
            logger.exception("indicator batch %s failed", shared.base)
            alone += members
            continue
        for ind, period, names in plan:
            out[(ind.code, period)] = _finish(ind, got, names) or one(ind, ids, period)
    for ind in alone:
        for period in periods:
            out[(ind.code, period)] = one(ind, ids, period)
    return out


def compute_by_agency(
    indicators: Iterable[Indicator],
    agency_ids: Iterable[int],
    periods: Sequence[Period],
    *,
    one: One = _one,
) -> dict[Key, dict[int, Value]]:
    """Every figure of ``indicators`` for each agency of ``agency_ids`` on its own (a bulletin's
    table), keyed by (code, period) then agency id: figures that share rows come from one
    ``GROUP BY`` agency query per base; an agency without rows gets what :func:`compute`
    gives it (counts 0, sums of nothing)."""
    ids = sorted(set(agency_ids))
    alone, groups = _batches(indicators)
    out: dict[Key, dict[int, Value]] = {}
    for shared, members in groups:
        aliases, plan = _plan(members, periods)
        empty = {a: (0 if isinstance(e, Count) else None) for a, e in aliases.items()}
        try:
            rows = (
                shared.rows(frozenset(ids))
                .values(shared.agency_field)
                .annotate(**aliases)
                .order_by()
            )
            got = {row.pop(shared.agency_field): row for row in rows}
        except Exception:  # noqa: BLE001 - as in compute_many
            logger.exception("indicator batch %s failed", shared.base)
            alone += members
            continue
        for ind, period, names in plan:
            out[(ind.code, period)] = {
                a: _finish(ind, got.get(a, empty), names) or one(ind, frozenset({a}), period)
                for a in ids
            }
    for ind in alone:
        for period in periods:
            out[(ind.code, period)] = {a: one(ind, frozenset({a}), period) for a in ids}
    return out


def breakdown(code: str, agency_ids: Iterable[int], period: Period) -> list[tuple[int, Value]]:
    """The figure agency by agency (one computation each): for a government's drill-down."""
    ind = get(code)
    return [(a, compute(ind.code, (a,), period)) for a in sorted(set(agency_ids))]


def read_path(row: Any, path: str) -> Any:
    """The value of a drill-down column: a dotted attribute path, calling methods on the way
    (``get_status_display``, ``__str__``); ``None`` when a link in the path is empty."""
    obj = row
    for part in path.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
        if callable(obj):
            obj = obj()
    return obj


def scope_for(agency: Any, visible: Iterable[int] | None = None) -> frozenset[int]:
    """The agency ids a figure "for ``agency``" covers: a department is itself; a government
    is every agency beneath it. With ``visible``, only the ids the reader may see."""
    from fazhi.core.orgs.models import Agency
    from fazhi.core.orgs.selectors import agencies_under_government

    if agency.kind in (Agency.Kind.GOVERNMENT, Agency.Kind.TOWNSHIP):
        ids = frozenset(agencies_under_government(agency))
    else:
        ids = frozenset({agency.pk})
    return ids if visible is None else ids & frozenset(visible)
