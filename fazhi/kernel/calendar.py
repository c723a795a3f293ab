"""The official working-day calendar (工作日历) that statutory periods are counted on.

Which days are working days is fixed year by year by the State Council's holiday notice
(国务院办公厅关于某年部分节假日安排的通知): it names the days off, including weekdays bridged
into a long holiday (放假调休), and the weekend days worked instead (调休上班). So the calendar
cannot be computed from "Monday to Friday minus statutory holidays"; it is a per-year table.

Sources, in order of precedence for a day:

1. overrides ``{day: is_workday}`` — a notice entered later (from
   ``data/calendar_overrides.toml`` or an administrator), or a one-day correction;
2. for a year whose notice was entered in full (``official_years``): weekends off, weekdays on;
3. for the years chinesecalendar knows (2004–2026 in version 1.11): its table of the notices;
4. otherwise (years past the horizon, and before 2004): weekends plus the statutory holidays of
   全国年节及纪念日放假办法 第二条 (2024 revision) with 第六条 补假. Such a day is
   *provisional*: the notice that will fix it is not out yet, so any date computed through it
   is flagged.

For speed the calendar keeps a dense per-day table over the years in use (a ``bytearray`` of
is-working-day, a prefix count of working days, the ordinals of the working days and a prefix
count of provisional days), so adding N working days or counting working days between two
dates is a couple of list look-ups instead of a loop over days.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from chinese_calendar import constants as _cc
from lunar_python import Lunar, Solar

DATA_DIR = Path(__file__).resolve().parent / "data"
OVERRIDES_PATH = DATA_DIR / "calendar_overrides.toml"

#: Years covered by the packaged chinesecalendar data (the notices it transcribes).
BASE_FIRST_YEAR: int = min(_cc.holidays).year
BASE_LAST_YEAR: int = max(_cc.holidays).year

MIN_YEAR = 1
MAX_YEAR = 9999
#: The main day table grows over the years in use up to this span; farther dates get a
#: small side table of their own (at most SIDE_TABLES are kept).
MAX_TABLE_YEARS = 200
SIDE_TABLES = 8

MAKEUP_WORKDAY = "调休上班"
BRIDGE_DAY_OFF = "放假调休"
WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

_BASE_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class CalendarFileError(ValueError):
    """A calendar overrides file that cannot be read; the message is Chinese and English."""


def statutory_holidays(year: int) -> dict[date, str]:
    """Return the days off that the law itself fixes for ``year``, with their Chinese names.

    This is the fallback for years without an official notice. 全国年节及纪念日放假办法
    第二条 (2024 revision, in force 2025-01-01): 元旦 1 day (1月1日); 春节 4 days (农历除夕、
    正月初一至初三); 清明节 1 day (农历清明当日); 劳动节 2 days (5月1日、2日); 端午节 1 day
    (农历端午当日); 中秋节 1 day (农历中秋当日); 国庆节 3 days (10月1日至3日). 第六条:
    「全体公民放假的假日，如果适逢周六、周日，应当在工作日补假。」 — here: the next weekday
    that is not itself a holiday. The 调休 a notice adds (第七条) cannot be predicted.
    """
    days: dict[date, str] = {}

    def add(day: date, name: str) -> None:
        if day.year != year:  # lunar dates far from the present may spill over a year end
            return
        days[day] = f"{days[day]}、{name}" if day in days and name not in days[day] else name

    add(date(year, 1, 1), "元旦")
    try:
        first = Lunar.fromYmd(year, 1, 1).getSolar()
        new_year = date(first.getYear(), first.getMonth(), first.getDay())
        for offset in range(-1, 3):  # 除夕 (the eve, whatever the month's length) to 初三
            add(new_year + timedelta(days=offset), "春节")
        qm = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
        add(date(qm.getYear(), qm.getMonth(), qm.getDay()), "清明节")
        for month, day, name in ((5, 5, "端午节"), (8, 15, "中秋节")):
            s = Lunar.fromYmd(year, month, day).getSolar()
            add(date(s.getYear(), s.getMonth(), s.getDay()), name)
    except Exception:  # noqa: BLE001 - lunar_python cannot place this year: keep solar holidays
        pass
    add(date(year, 5, 1), "劳动节")
    add(date(year, 5, 2), "劳动节")
    for day in (1, 2, 3):
        add(date(year, 10, day), "国庆节")

    substitutes: dict[date, str] = {}
    for holiday in sorted(days):
        if holiday.weekday() < 5:
            continue
        candidate = holiday + timedelta(days=1)
        while candidate.weekday() >= 5 or candidate in days or candidate in substitutes:
            candidate += timedelta(days=1)
        if candidate.year == year:
            substitutes[candidate] = f"{days[holiday].split('、')[0]}（补假）"
    days.update(substitutes)
    return days


class DayTable:
    """A dense snapshot of the calendar over whole years ``first_year``–``last_year``.

    Index ``i`` is the day with ordinal ``lo + i``. ``work[i]`` is 1 on a working day;
    ``cum[i]`` counts working days in ``[lo, lo + i)``; ``wd`` lists working-day ordinals in
    order (so the working day of rank ``r`` is ``wd[r]``); ``pcum[i]`` counts provisional
    days in ``[lo, lo + i)``; ``dates[i]`` is the ``date`` itself. Immutable once built.
    """

    __slots__ = ("cum", "dates", "first_year", "hi", "last_year", "lo", "pcum", "wd", "work")

    def __init__(
        self, first_year: int, last_year: int, work: bytearray, provisional: bytearray
    ) -> None:
        self.first_year = first_year
        self.last_year = last_year
        self.lo = date(first_year, 1, 1).toordinal()
        self.hi = date(last_year, 12, 31).toordinal()  # inclusive
        self.work = work
        self.cum = [0, *accumulate(work)]
        self.wd = [self.lo + i for i, w in enumerate(work) if w]
        self.pcum = [0, *accumulate(provisional)]
        self.dates = [date.fromordinal(o) for o in range(self.lo, self.hi + 1)]


class WorkCalendar:
    """The official working-day calendar; see the module docstring for the sources."""

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        official_years: Iterable[int] = (),
        *,
        names: Mapping[date, str] | None = None,
    ) -> None:
        """Build a calendar.

        ``overrides`` maps a day to whether it is a working day (from a State Council notice
        entered after the chinesecalendar release); ``official_years`` are the years whose
        notice has been entered in full this way (they stop being provisional, and days the
        overrides do not list are weekends off, weekdays on); ``names`` optionally gives the
        Chinese name of an overridden day (e.g. "春节").
        """
        self._overrides: dict[date, bool] = dict(overrides or {})
        self._official: frozenset[int] = frozenset(int(y) for y in official_years)
        self._names: dict[date, str] = dict(names or {})
        horizon = BASE_LAST_YEAR
        while horizon + 1 in self._official:
            horizon += 1
        #: The last year of the unbroken run of years with an official notice.
        self.horizon: int = horizon
        self._lock = threading.Lock()
        self._years: dict[int, tuple[bytes, bool]] = {}
        self._fallback_cache: dict[int, dict[date, str]] = {}
        self._table: DayTable | None = None
        self._side: list[DayTable] = []

    # -- construction --------------------------------------------------------------------

    @classmethod
    def default(cls) -> WorkCalendar:
        """The packaged calendar: chinesecalendar plus ``data/calendar_overrides.toml``."""
        global _DEFAULT
        if _DEFAULT is None:
            _DEFAULT = cls.from_file(OVERRIDES_PATH)
        return _DEFAULT

    @classmethod
    def from_file(cls, path: str | Path) -> WorkCalendar:
        """Read an overrides file (format documented in ``data/calendar_overrides.toml``)."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise CalendarFileError(
                f"无法读取日历文件 {path}：{exc} / cannot read calendar file {path}: {exc}"
            ) from exc
        overrides: dict[date, bool] = {}
        names: dict[date, str] = {}
        official: set[int] = set()
        try:
            for notice in data.get("notice", []):
                year = int(notice["year"])
                official.add(year)
                for item in notice.get("holiday", []):
                    first, last = item["from"], item.get("to", item["from"])
                    day = first
                    while day <= last:
                        _check_year(day, year)
                        overrides[day] = False
                        if item.get("name"):
                            names[day] = str(item["name"])
                        day += timedelta(days=1)
                for item in notice.get("workday", []):
                    day = item["date"]
                    _check_year(day, year)
                    overrides[day] = True
                    names[day] = MAKEUP_WORKDAY
            for item in data.get("override", []):
                day = item["date"]
                if not isinstance(day, date):
                    raise TypeError(f"date {day!r}")
                overrides[day] = bool(item["workday"])
                if item.get("name"):
                    names[day] = str(item["name"])
        except (KeyError, TypeError, ValueError) as exc:
            raise CalendarFileError(
                f"日历文件 {path} 格式错误：{exc} / malformed calendar file {path}: {exc}"
            ) from exc
        return cls(overrides, official, names=names)

    def with_notice(
        self,
        year: int,
        holidays: Iterable[date],
        workdays: Iterable[date],
        *,
        names: Mapping[date, str] | None = None,
    ) -> WorkCalendar:
        """Return a new calendar in which ``year``'s State Council notice is official.

        The listed ``holidays`` are days off, the listed ``workdays`` (调休 weekend days) are
        working days, and every other day of that year is a working day from Monday to
        Friday. Earlier overrides for that year are replaced; other years are kept.
        """
        holidays, workdays = list(holidays), list(workdays)
        for day in (*holidays, *workdays):
            if day.year != year:
                raise ValueError(
                    f"通知年份为 {year}，但列出了 {day.isoformat()} / "
                    f"notice for {year} lists {day.isoformat()}"
                )
        overrides = {d: v for d, v in self._overrides.items() if d.year != year}
        kept_names = {d: n for d, n in self._names.items() if d.year != year}
        overrides.update(dict.fromkeys(holidays, False))
        overrides.update(dict.fromkeys(workdays, True))
        kept_names.update({d: n for d, n in (names or {}).items() if d.year == year})
        return WorkCalendar(overrides, self._official | {year}, names=kept_names)

    # -- queries -------------------------------------------------------------------------

    def is_workday(self, d: date) -> bool:
        """Whether ``d`` is a working day (调休 weekend working days included)."""
        o = d.toordinal()
        t = self.table(o, o)
        return bool(t.work[o - t.lo])

    def is_provisional(self, d: date) -> bool:
        """Whether ``d``'s status is a forecast: its year has no official notice yet."""
        return not self._is_official_year(d.year)

    def holiday_name(self, d: date) -> str | None:
        """The Chinese name of a holiday or a 调休 working day, or None for an ordinary day.

        Plain weekends return None; a weekend day inside a holiday block returns the holiday.
        """
        if d in self._names:
            return self._names[d]
        statutory = self._statutory(d.year).get(d)
        if d in self._overrides:
            if self._overrides[d]:
                return MAKEUP_WORKDAY if d.weekday() >= 5 else None
            return statutory or BRIDGE_DAY_OFF
        if d.year in self._official:
            return None
        if BASE_FIRST_YEAR <= d.year <= BASE_LAST_YEAR:
            if d in _cc.workdays:
                return MAKEUP_WORKDAY
            if d in _cc.holidays:
                english = _cc.holidays[d]
                return _BASE_NAMES_ZH.get(getattr(english, "value", english), str(english))
            return None
        return statutory

    def day_reason(self, d: date) -> str:
        """A short Chinese reason a day is off, for explanations (e.g. "春节", "周末")."""
        name = self.holiday_name(d)
        if name and name != MAKEUP_WORKDAY:
            return name
        return "周末" if d.weekday() >= 5 else "非工作日"

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (``d`` itself not counted), ``n`` ≥ 1."""
        if n < 1:
            raise ValueError("n 必须为正整数 / n must be positive")
        o = d.toordinal()
        t = self.table(o, o + 2 * n + 40)
        rank = t.cum[o - t.lo + 1] + n - 1
        while rank >= len(t.wd):
            wider = self.table(o, t.hi + 400)
            if wider.hi <= t.hi:
                raise OverflowError("日期超出可计算范围 / date out of range")
            t = wider
            rank = t.cum[o - t.lo + 1] + n - 1
        return t.dates[t.wd[rank] - t.lo]

    def next_working_day(self, d: date, *, inclusive: bool = True) -> date:
        """The first working day on or after ``d`` (strictly after when not ``inclusive``)."""
        o = d.toordinal() + (0 if inclusive else 1)
        t = self.table(o, o + 40)
        return t.dates[t.wd[t.cum[o - t.lo]] - t.lo]

    def previous_working_day(self, d: date, *, inclusive: bool = True) -> date:
        """The last working day on or before ``d`` (strictly before when not ``inclusive``)."""
        o = d.toordinal() - (0 if inclusive else 1)
        t = self.table(o - 40, o)
        return t.dates[t.wd[t.cum[o - t.lo + 1] - 1] - t.lo]

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``; negative (−count in ``(end, start]``) if reversed."""
        a, b = start.toordinal(), end.toordinal()
        t = self.table(min(a, b), max(a, b))
        return t.cum[b - t.lo + 1] - t.cum[a - t.lo + 1]

    def provisional_days(self, start: date, end: date) -> int:
        """How many days in ``[start, end]`` (either order) lie in a provisional year."""
        a, b = sorted((start.toordinal(), end.toordinal()))
        t = self.table(a, b)
        return t.pcum[b - t.lo + 1] - t.pcum[a - t.lo]

    # -- the dense table -----------------------------------------------------------------

    def table(self, first_ordinal: int, last_ordinal: int) -> DayTable:
        """A :class:`DayTable` covering both ordinals plus a year's margin after the last.

        Low-level access for the time-limit engine; the returned table never changes, a
        wider one replaces it when needed (so readers in other threads are never disturbed).
        """
        t = self._table
        if t is not None and t.lo <= first_ordinal and last_ordinal + 365 <= t.hi:
            return t
        try:
            y0 = date.fromordinal(max(first_ordinal, 1)).year
            y1 = date.fromordinal(min(last_ordinal, date.max.toordinal())).year
        except (ValueError, OverflowError) as exc:
            raise OverflowError("日期超出可计算范围 / date out of range") from exc
        with self._lock:
            t = self._table
            first = max(MIN_YEAR, min(y0, BASE_FIRST_YEAR, t.first_year if t else y0))
            last = min(MAX_YEAR, max(y1 + 1, BASE_LAST_YEAR + 1, t.last_year if t else y1))
            if t is not None and t.first_year <= first and last <= t.last_year:
                return t
            if last - first > MAX_TABLE_YEARS:
                # A date far from the years in use: serve it from a small side table rather
                # than widening the main one over centuries.
                return self._side_table(max(MIN_YEAR, y0), min(MAX_YEAR, y1 + 1))
            t = self._build(first, last)
            self._table = t
            return t

    def _side_table(self, first: int, last: int) -> DayTable:
        """A table for a far-off range, kept in a small cache (caller holds the lock)."""
        for side in self._side:
            if side.first_year <= first and last <= side.last_year:
                return side
        side = self._build(first, last)
        self._side = [side, *self._side[: SIDE_TABLES - 1]]
        return side

    def _build(self, first: int, last: int) -> DayTable:
        work = bytearray()
        provisional = bytearray()
        for year in range(first, last + 1):
            mask, is_provisional = self._year(year)
            work += mask
            provisional += (b"\x01" if is_provisional else b"\x00") * len(mask)
        return DayTable(first, last, work, provisional)

    def _is_official_year(self, year: int) -> bool:
        return year in self._official or BASE_FIRST_YEAR <= year <= BASE_LAST_YEAR

    def _statutory(self, year: int) -> dict[date, str]:
        cached = self._fallback_cache.get(year)
        if cached is None:
            cached = self._fallback_cache[year] = statutory_holidays(year)
        return cached

    def _year(self, year: int) -> tuple[bytes, bool]:
        """The is-working-day mask of one year and whether the year is provisional."""
        cached = self._years.get(year)
        if cached is not None:
            return cached
        first = date(year, 1, 1)
        n = (date(year + 1, 1, 1) - first).days if year < MAX_YEAR else 365
        # 国务院关于职工工作时间的规定 第七条: Saturday and Sunday are the weekly rest days.
        mask = bytearray(1 if (first.weekday() + i) % 7 < 5 else 0 for i in range(n))
        provisional = not self._is_official_year(year)
        if year in self._official:
            pass  # the notice's days are all in the overrides
        elif BASE_FIRST_YEAR <= year <= BASE_LAST_YEAR:
            for table, value in ((_cc.holidays, 0), (_cc.workdays, 1)):
                for day in table:
                    if day.year == year:
                        mask[(day - first).days] = value
        else:
            for day in self._statutory(year):
                mask[(day - first).days] = 0
        for day, is_workday in self._overrides.items():
            if day.year == year:
                mask[(day - first).days] = 1 if is_workday else 0
        result = (bytes(mask), provisional)
        self._years[year] = result
        return result


def _check_year(day: Any, year: int) -> None:
    if not isinstance(day, date) or day.year != year:
        raise ValueError(f"{day!r} 不属于 {year} 年 / {day!r} is not in {year}")


_DEFAULT: WorkCalendar | None = None
