"""The official work calendar: chinesecalendar plus every State Council notice entered on the
calendar page, cached per process and rebuilt when another process bumps the version.

Its own module so that reading it (selectors, the recompute) does not import the write path
(:mod:`.services`), which itself recomputes on a new notice.
"""

from __future__ import annotations

from django.core.cache import cache

from fazhi.kernel.calendar import WorkCalendar

from .models import CalendarDay, CalendarNotice

_CAL_KEY = "fazhi:calendar:version"
_calendar: tuple[int, WorkCalendar] | None = None


def calendar() -> WorkCalendar:
    """The official calendar: chinesecalendar plus every notice entered on the calendar page."""
    global _calendar
    version = cache.get(_CAL_KEY, 0)
    if _calendar is None or _calendar[0] != version:
        days = list(CalendarDay.objects.all())
        overrides = {d.day: d.is_workday for d in days}
        names = {d.day: d.name for d in days if d.name}
        years = list(CalendarNotice.objects.values_list("year", flat=True))
        _calendar = (version, WorkCalendar(overrides=overrides, official_years=years, names=names))
    return _calendar[1]


def calendar_changed() -> None:
    global _calendar
    _calendar = None
    try:
        cache.incr(_CAL_KEY)
    except ValueError:
        cache.set(_CAL_KEY, 1, None)
