"""The official working-day calendar: State Council notices, the statutory fallback, overrides.

Expected days are the 2025 and 2026 国务院办公厅 holiday notices, checked day by day against
chinese_calendar (the packaged transcription of those notices).
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from fazhi.kernel.calendar import (
    BASE_LAST_YEAR,
    MAKEUP_WORKDAY,
    CalendarFileError,
    WorkCalendar,
    statutory_holidays,
)


def days(first: str, last: str) -> list[date]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return [a + timedelta(days=i) for i in range((b - a).days + 1)]


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


# (days off, weekend days worked) per block of the 2025 and 2026 notices.
NOTICE_BLOCKS = [
    # 2025 (国办发明电〔2024〕12号): 春节 1/28–2/4, 1/26 (Sun) and 2/8 (Sat) worked
    (days("2025-01-28", "2025-02-04"), ["2025-01-26", "2025-02-08"]),
    # 2025 劳动节 5/1–5/5, 4/27 (Sun) worked
    (days("2025-05-01", "2025-05-05"), ["2025-04-27"]),
    # 2025 国庆节、中秋节 10/1–10/8, 9/28 (Sun) and 10/11 (Sat) worked
    (days("2025-10-01", "2025-10-08"), ["2025-09-28", "2025-10-11"]),
    # 2026 元旦 1/1–1/3, 1/4 (Sun) worked
    (days("2026-01-01", "2026-01-03"), ["2026-01-04"]),
    # 2026 春节 2/15–2/23, 2/14 (Sat) and 2/28 (Sat) worked
    (days("2026-02-15", "2026-02-23"), ["2026-02-14", "2026-02-28"]),
    # 2026 劳动节 5/1–5/5, 5/9 (Sat) worked
    (days("2026-05-01", "2026-05-05"), ["2026-05-09"]),
    # 2026 国庆节 10/1–10/7, 9/20 (Sun) and 10/10 (Sat) worked
    (days("2026-10-01", "2026-10-07"), ["2026-09-20", "2026-10-10"]),
]


@pytest.mark.parametrize(("off", "worked"), NOTICE_BLOCKS)
def test_notice_blocks_are_days_off_and_makeup_weekends_are_working_days(
    cal: WorkCalendar, off: list[date], worked: list[str]
) -> None:
    for d in off:
        assert not cal.is_workday(d), d
        assert not chinese_calendar.is_workday(d), d  # the package agrees with the notice
    for text in worked:
        d = date.fromisoformat(text)
        assert d.weekday() >= 5
        assert cal.is_workday(d), d
        assert cal.holiday_name(d) == MAKEUP_WORKDAY


def test_every_day_of_the_packaged_years_matches_chinese_calendar(cal: WorkCalendar) -> None:
    d = date(2004, 1, 1)
    while d.year <= BASE_LAST_YEAR:
        assert cal.is_workday(d) == chinese_calendar.is_workday(d), d
        d += timedelta(days=1)


def test_holiday_names_in_chinese(cal: WorkCalendar) -> None:
    assert cal.holiday_name(date(2025, 1, 29)) == "春节"
    assert cal.holiday_name(date(2025, 10, 6)) == "中秋节"
    assert cal.holiday_name(date(2026, 10, 1)) == "国庆节"
    assert cal.holiday_name(date(2026, 4, 6)) == "清明节"
    assert cal.holiday_name(date(2025, 3, 12)) is None  # an ordinary Wednesday
    assert cal.holiday_name(date(2025, 3, 15)) is None  # an ordinary Saturday
    assert cal.day_reason(date(2025, 3, 15)) == "周末"


def test_horizon_and_provisional_years(cal: WorkCalendar) -> None:
    assert cal.horizon == 2026
    assert not cal.is_provisional(date(2026, 12, 31))
    assert cal.is_provisional(date(2027, 1, 1))
    assert cal.is_provisional(date(2003, 6, 1))  # before chinesecalendar's first year


def test_statutory_fallback_for_2027() -> None:
    """全国年节及纪念日放假办法 第二条 (2024) and 第六条 补假, for a year with no notice yet."""
    off = statutory_holidays(2027)
    expected = {
        date(2027, 1, 1): "元旦",
        # 除夕 2/5 (Fri), 初一–初三 2/6–2/8; 初一 and 初二 fall on Sat/Sun → 补假 2/9, 2/10
        **dict.fromkeys(days("2027-02-05", "2027-02-08"), "春节"),
        date(2027, 4, 5): "清明节",
        # 5/1 Sat, 5/2 Sun → 补假 Mon 5/3 and Tue 5/4
        date(2027, 5, 1): "劳动节",
        date(2027, 5, 2): "劳动节",
        date(2027, 6, 9): "端午节",  # 农历五月初五
        date(2027, 9, 15): "中秋节",  # 农历八月十五
        **dict.fromkeys(days("2027-10-01", "2027-10-03"), "国庆节"),
    }
    for d, name in expected.items():
        assert off[d] == name, d
    for d in ("2027-02-09", "2027-02-10", "2027-05-03", "2027-05-04", "2027-10-04", "2027-10-05"):
        assert off[date.fromisoformat(d)].endswith("（补假）"), d
    assert date(2027, 10, 6) not in off


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_days_are_off_in_the_official_notice(cal: WorkCalendar, year: int) -> None:
    """The law's own days (第二条, 第六条) are a subset of what each notice gave off."""
    for d in statutory_holidays(year):
        assert not cal.is_workday(d), d


def test_fallback_years_never_raise_and_are_provisional(cal: WorkCalendar) -> None:
    for d in (date(2027, 2, 8), date(2099, 10, 2), date(1990, 5, 1), date(9999, 12, 31)):
        assert not cal.is_workday(d) or d.weekday() < 5
        assert cal.is_provisional(d)
    assert not cal.is_workday(date(2027, 2, 9))  # 春节 补假
    assert cal.is_workday(date(2027, 10, 6))  # no 调休 can be predicted


def test_with_notice_makes_the_year_official() -> None:
    base = WorkCalendar()
    cal = base.with_notice(
        2027,
        holidays=days("2027-02-05", "2027-02-11"),
        workdays=[date(2027, 2, 13)],  # a Saturday worked
    )
    assert cal.horizon == 2027 and not cal.is_provisional(date(2027, 6, 1))
    assert base.horizon == 2026  # the original is unchanged
    assert not cal.is_workday(date(2027, 2, 11))
    assert cal.is_workday(date(2027, 2, 13))
    # Days the notice does not list are weekends off, weekdays on: the fallback's 清明 is gone.
    assert cal.is_workday(date(2027, 4, 5))
    assert not base.is_workday(date(2027, 4, 5))
    assert cal.holiday_name(date(2027, 2, 6)) == "春节"
    assert cal.holiday_name(date(2027, 2, 11)) == "放假调休"
    with pytest.raises(ValueError, match="2028-01-01"):
        base.with_notice(2027, holidays=[date(2028, 1, 1)], workdays=[])


def test_overrides_and_official_years_through_the_constructor() -> None:
    cal = WorkCalendar({date(2026, 3, 3): False, date(2027, 1, 2): True}, official_years=[2027])
    assert not cal.is_workday(date(2026, 3, 3))  # a one-day correction of a packaged year
    assert cal.is_workday(date(2027, 1, 2))  # a Saturday worked
    assert cal.is_workday(date(2027, 1, 1))  # the 2027 notice as entered lists no 元旦
    assert cal.horizon == 2027


def test_from_file_reads_notices_and_overrides(tmp_path) -> None:
    path = tmp_path / "overrides.toml"
    path.write_text(
        """
format = 1
[[notice]]
year = 2027
source = "测试"
[[notice.holiday]]
name = "元旦"
from = 2027-01-01
to = 2027-01-03
[[notice.workday]]
date = 2027-01-09
[[override]]
date = 2028-03-01
workday = false
name = "测试停工"
""",
        encoding="utf-8",
    )
    cal = WorkCalendar.from_file(path)
    assert cal.horizon == 2027
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.holiday_name(date(2027, 1, 1)) == "元旦"
    assert cal.is_workday(date(2027, 1, 9))
    assert not cal.is_workday(date(2028, 3, 1)) and cal.is_provisional(date(2028, 3, 1))
    assert cal.holiday_name(date(2028, 3, 1)) == "测试停工"


def test_packaged_overrides_file_loads() -> None:
    cal = WorkCalendar.default()
    assert cal is WorkCalendar.default()  # cached
    assert cal.horizon >= 2026


@pytest.mark.parametrize(
    "text",
    [
        "[[notice]]\nyear = 2027\n[[notice.holiday]]\nfrom = 2028-01-01\n",  # wrong year
        "[[override]]\ndate = '2027-01-01'\nworkday = true\n",  # a string, not a TOML date
        "[[override]]\ndate = 2027-01-01\n",  # no workday flag
        "not toml at all = = =",
    ],
)
def test_malformed_overrides_file_is_rejected_with_a_bilingual_message(tmp_path, text) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarFileError, match="日历文件.* / .*calendar file"):
        WorkCalendar.from_file(path)


def test_dense_table_queries(cal: WorkCalendar) -> None:
    # 2025-01-24 (Fri) + 3 working days: 1/26 (Sun, worked), 1/27, then 春节 until 2/4 → 2/5.
    assert cal.add_working_days(date(2025, 1, 24), 3) == date(2025, 2, 5)
    # (1/24, 2/10]: 1/26, 1/27, 2/5, 2/6, 2/7, 2/8 (Sat, worked), 2/10
    assert cal.working_days_between(date(2025, 1, 24), date(2025, 2, 10)) == 7
    assert cal.working_days_between(date(2025, 2, 10), date(2025, 1, 24)) == -7
    assert cal.next_working_day(date(2025, 10, 1)) == date(2025, 10, 9)
    assert cal.next_working_day(date(2025, 10, 9)) == date(2025, 10, 9)
    assert cal.next_working_day(date(2025, 10, 9), inclusive=False) == date(2025, 10, 10)
    assert cal.previous_working_day(date(2025, 10, 8)) == date(2025, 9, 30)
    assert cal.provisional_days(date(2026, 12, 30), date(2027, 1, 2)) == 2


def test_dense_table_agrees_with_stepping_day_by_day(cal: WorkCalendar) -> None:
    start = date(2025, 1, 1)
    for offset in range(0, 700, 7):
        d = start + timedelta(days=offset)
        stepped = sum(chinese_calendar.is_workday(d + timedelta(days=i)) for i in range(1, 31))
        assert cal.working_days_between(d, d + timedelta(days=30)) == stepped, d
