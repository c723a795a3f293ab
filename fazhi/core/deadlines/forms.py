"""The form a supervisor fills in from the State Council's yearly holiday notice.

The notice (国务院办公厅关于某年部分节假日安排的通知) lists, holiday by holiday, the days off
and the weekend days worked instead (调休上班, 全国年节及纪念日放假办法 第七条). The form takes
them as text, one holiday per line, and explains every mistake beside the field, naming the
line; nothing is saved until everything is right.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django import forms

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

FIRST_YEAR, LAST_YEAR = 2000, 2100

_DATE = r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?"
_RANGE_SEP = r"\s*(?:\.\.|至|到|~|～|—|–|－)\s*"
_HOLIDAY_LINE = re.compile(rf"^(?P<name>.*?)\s*(?P<a>{_DATE})(?:{_RANGE_SEP}(?P<b>{_DATE}))?\s*$")
_DATE_RE = re.compile(_DATE)
_DATE_TOKEN = re.compile(rf"{_DATE}|[^\s,，、;；]+")


def _to_date(text: str) -> date | None:
    m = _DATE_RE.fullmatch(text.strip())
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _fmt(d: date) -> str:
    return f"{d.isoformat()}（{WEEKDAYS[d.weekday()]}）"


class CalendarNoticeForm(forms.Form):
    """One year's notice. ``cleaned_data`` gives ``holidays`` as ``[(day, name)]`` (every day
    of every range) and ``workdays`` as ``[day]``, ready for ``services.enter_notice``."""

    year = forms.IntegerField(
        label="年度",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "required": "请填写年度。",
            "invalid": "年度应为四位数字，例如 2027。",
            "min_value": f"年度不能早于 {FIRST_YEAR} 年。",
            "max_value": f"年度不能晚于 {LAST_YEAR} 年。",
        },
    )
    title = forms.CharField(
        label="通知标题",
        max_length=200,
        error_messages={
            "required": "请填写通知标题，例如“国务院办公厅关于2027年部分节假日安排的通知”。"
        },
    )
    document_number = forms.CharField(
        label="文号", max_length=64, required=False, help_text="例如：国办发明电〔2026〕7号"
    )
    published_on = forms.DateField(
        label="发布日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "发布日期格式应为 YYYY-MM-DD，例如 2026-11-12。"},
    )
    holidays = forms.CharField(
        label="放假安排",
        widget=forms.Textarea(
            attrs={
                "rows": 8,
                "placeholder": "元旦 2027-01-01..2027-01-03\n春节 2027-02-05..2027-02-13",
            }
        ),
        help_text="每行一个节日：名称、开始日期..结束日期（单日可只写一个日期），包括放假期间的周六、周日。",
        error_messages={"required": "请至少填写一个放假节日。"},
    )
    workdays = forms.CharField(
        label="调休上班日期",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "2027-02-14\n2027-02-20"}),
        help_text="通知中“某月某日（周六/周日）上班”的日期，每行或以逗号分隔一个日期。",
    )

    def _year(self) -> int | None:
        return self.cleaned_data.get("year")

    def clean_holidays(self) -> list[tuple[date, str]]:
        text: str = self.cleaned_data["holidays"]
        year = self._year()
        errors: list[str] = []
        seen: dict[date, tuple[int, str]] = {}
        days: list[tuple[date, str]] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line:
                continue
            m = _HOLIDAY_LINE.match(line)
            if m is None:
                errors.append(
                    f"第{number}行“{line}”格式不正确：应为“名称 开始日期..结束日期”，"
                    "例如“春节 2027-02-05..2027-02-13”。"
                )
                continue
            name = m.group("name").strip(" ：:，,")
            if not name:
                errors.append(f"第{number}行缺少节日名称，例如“春节 {m.group('a')}”。")
                continue
            if len(name) > 32:
                errors.append(f"第{number}行节日名称过长（最多32个字）。")
                continue
            first = _to_date(m.group("a"))
            last = _to_date(m.group("b")) if m.group("b") else first
            bad = [t for t, d in ((m.group("a"), first), (m.group("b"), last)) if t and d is None]
            if bad:
                errors.append(f"第{number}行“{bad[0]}”不是有效日期。")
                continue
            assert first is not None and last is not None
            if last < first:
                errors.append(
                    f"第{number}行结束日期 {last.isoformat()} 早于开始日期 {first.isoformat()}。"
                )
                continue
            if year is not None and (first.year != year or last.year != year):
                outside = first if first.year != year else last
                errors.append(f"第{number}行日期 {outside.isoformat()} 不在 {year} 年内。")
                continue
            day = first
            while day <= last:
                if day in seen:
                    other, other_name = seen[day]
                    errors.append(
                        f"第{number}行“{name}”与第{other}行“{other_name}”的日期重叠"
                        f"（{day.isoformat()}）。"
                    )
                    break
                seen[day] = (number, name)
                days.append((day, name))
                day += timedelta(days=1)
        if errors:
            raise forms.ValidationError(errors)
        if not days:
            raise forms.ValidationError("请至少填写一个放假节日。")
        return days

    def clean_workdays(self) -> list[date]:
        text: str = self.cleaned_data.get("workdays") or ""
        year = self._year()
        errors: list[str] = []
        days: list[date] = []
        for token in _DATE_TOKEN.finditer(text):
            item = token.group(0).strip()
            d = _to_date(item)
            if d is None:
                errors.append(f"“{item}”不是有效日期，格式应为 YYYY-MM-DD。")
                continue
            if year is not None and d.year != year:
                errors.append(f"调休上班日 {d.isoformat()} 不在 {year} 年内。")
                continue
            # 国务院关于职工工作时间的规定 第七条: Saturday and Sunday are the weekly rest days,
            # so a day the notice asks people to work (调休上班) is always a weekend day.
            if d.weekday() < 5:
                errors.append(f"{_fmt(d)} 本来就是工作日：调休上班日应为星期六或星期日。")
                continue
            if d not in days:
                days.append(d)
        if errors:
            raise forms.ValidationError(errors)
        return sorted(days)

    def clean_published_on(self) -> date | None:
        published = self.cleaned_data.get("published_on")
        year = self._year()
        if published is not None and year is not None and published.year > year:
            raise forms.ValidationError(
                f"发布日期 {published.isoformat()} 晚于 {year} 年：通知应在该年度开始前或当年发布。"
            )
        return published

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        holidays = data.get("holidays") or []
        workdays = data.get("workdays") or []
        off = dict(holidays)
        clash = [d for d in workdays if d in off]
        if clash:
            d = clash[0]
            self.add_error(
                "workdays", f"{_fmt(d)} 已列为放假日（{off[d]}），不能同时为调休上班日。"
            )
        return data
