"""The calendar page: a supervisor enters the State Council's holiday notice for a year and every
open deadline that depends on that year is recomputed and stops being provisional.

Working-day periods count only working days (政府信息公开条例 第三十三条第二款: 「应当自收到申请之日
起20个工作日内予以答复」); which days are working days is fixed by the yearly notice
(全国年节及纪念日放假办法 第七条 调休), so until it is published a date in that year is provisional.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.deadlines import services
from fazhi.core.deadlines.models import CalendarDay, CalendarNotice, Deadline
from fazhi.core.ledger.selectors import sealed
from fazhi.kernel.timelimits import compute_due
from tests.notices import NOTICE_2027

from .conftest import at

URL = reverse("deadlines:calendar")


def post(client, **changes):
    return client.post(URL, {**NOTICE_2027, **changes}, follow=True)


@pytest.mark.django_db
def test_entering_the_2027_notice_moves_open_deadlines_and_clears_provisional(
    county, supervisor, login, start
):
    """Must-show: an application received 2026-12-20 with the answer period extended to 40
    working days (第三十三条第二款) ends in the 2027 Spring Festival window. Before the notice it
    is provisional (statutory holidays only: 2027-02-11/12 are working days); the notice closes
    02-11/12 and makes Sunday 02-14 and Saturday 02-20 working days, so the 40th working day
    moves from 2027-02-19 to 2027-02-20 and the date is no longer provisional."""
    crossing = start("disclosure.answer", date(2026, 12, 20))
    services.extend(county.department, "disclosure.answer", crossing.key)
    crossing.refresh_from_db()
    short = start("disclosure.answer", date(2026, 12, 20))  # ends 2027-01-18 either way
    before_2027 = start("disclosure.answer", date(2026, 11, 20))  # ends in December 2026
    finished = start("disclosure.answer", date(2026, 12, 21))
    Deadline.objects.filter(pk=finished.pk).update(status=Deadline.Status.MET)

    assert (crossing.due, crossing.provisional) == (date(2027, 2, 19), True)
    assert (short.due, short.provisional) == (date(2027, 1, 18), True)
    assert before_2027.provisional is False

    with at(date(2026, 11, 20)):
        response = post(login(supervisor))

    assert response.status_code == 200
    assert "2 项期限的届满日或暂定标记发生变化" in response.content.decode()
    crossing.refresh_from_db()
    short.refresh_from_db()
    unchanged = Deadline.objects.get(pk=before_2027.pk)
    done = Deadline.objects.get(pk=finished.pk)
    assert (crossing.due, crossing.provisional) == (date(2027, 2, 20), False)
    assert (short.due, short.provisional) == (date(2027, 1, 18), False)
    assert (unchanged.due, unchanged.provisional) == (before_2027.due, False)
    assert (done.due, done.provisional) == (finished.due, True), "finished deadlines are history"
    # The stored date is the engine's on the new official calendar.
    assert (
        crossing.due
        == compute_due(
            "disclosure.answer", date(2026, 12, 20), extended=True, calendar=services.calendar()
        ).due
    )
    notice = CalendarNotice.objects.get(year=2027)
    assert (notice.document_number, notice.entered_by) == ("国办发明电〔2026〕9号", supervisor)
    assert CalendarDay.objects.filter(notice=notice, is_workday=True).count() == 5
    assert services.calendar().horizon == 2027
    entry = sealed().get(action="calendar.notice_entered")
    assert (entry.subject, entry.payload["recomputed"]) == ("calendar:2027", 2)


@pytest.mark.django_db
def test_a_non_supervisor_gets_403_and_nothing_is_saved(officer, login):
    client = login(officer)
    assert client.get(URL).status_code == 403
    assert client.post(URL, NOTICE_2027).status_code == 403
    assert not CalendarNotice.objects.exists()


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def _errors_of(response, field: str) -> list[str]:
    form = response.context["form"]
    return [str(e) for e in form.errors.get(field, [])]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"holidays": "春节 2027-02-13..2027-02-05"},
            "holidays",
            "结束日期 2027-02-05 早于开始日期 2027-02-13",
        ),
        ({"holidays": "元旦 2026-12-31..2027-01-02"}, "holidays", "日期 2026-12-31 不在 2027 年内"),
        (
            {"holidays": "春节 2027-02-05..2027-02-13\n补班 2027-02-10"},
            "holidays",
            "第2行“补班”与第1行“春节”的日期重叠（2027-02-10）",
        ),
        ({"holidays": "春节 2027-02-30"}, "holidays", "“2027-02-30”不是有效日期"),
        ({"holidays": "2027-02-05..2027-02-13"}, "holidays", "第1行缺少节日名称"),
        ({"holidays": "春节二月五日至十三日"}, "holidays", "第1行“春节二月五日至十三日”格式不正确"),
        ({"holidays": ""}, "holidays", "请至少填写一个放假节日"),
        (
            {"workdays": "2027-02-17"},
            "workdays",
            "2027-02-17（星期三） 本来就是工作日：调休上班日应为星期六或星期日",
        ),
        ({"workdays": "2026-12-26"}, "workdays", "调休上班日 2026-12-26 不在 2027 年内"),
        ({"workdays": "2027-02-06"}, "workdays", "已列为放假日（春节），不能同时为调休上班日"),
        ({"year": "1999"}, "year", "年度不能早于 2000 年"),
        ({"published_on": "2028-01-05"}, "published_on", "晚于 2027 年"),
    ],
)
def test_bad_input_shows_the_error_beside_the_field_and_saves_nothing(
    supervisor, login, start, changes, field, message
):
    open_deadline = start("disclosure.answer", date(2026, 12, 20))
    response = post(login(supervisor), **changes)
    assert response.status_code == 200
    errors = _errors_of(response, field)
    assert any(message in e for e in errors), errors
    html = response.content.decode()
    assert message.split("“")[0] in html and 'class="field has-error"' in html
    assert not CalendarNotice.objects.exists() and not CalendarDay.objects.exists()
    assert Deadline.objects.get(pk=open_deadline.pk).provisional is True
    assert not sealed().filter(action="calendar.notice_entered").exists()


@pytest.mark.django_db
def test_page_shows_horizon_notices_and_the_month_view(supervisor, login):
    client = login(supervisor)
    post(client)
    html = client.get(URL, {"year": 2027}).content.decode()
    assert "当前已公布至 2027 年" in html
    assert "国办发明电〔2026〕9号" in html
    # 2027-02-14 is a 调休 working day (a Sunday), 2027-02-08 a day off.
    assert 'class="workday" title="2027-02-14 调休上班"' in html
    assert 'class="holiday" title="2027-02-08 春节"' in html
    # The form comes back filled with the entered notice, in the format it was typed in.
    form = client.get(URL, {"year": 2027}).context["form"]
    assert "春节 2027-02-05..2027-02-13" in form.initial["holidays"]
    assert form.initial["workdays"].split() == [
        "2027-02-14",
        "2027-02-20",
        "2027-05-08",
        "2027-09-26",
        "2027-10-09",
    ]


@pytest.mark.django_db
def test_a_year_without_a_notice_is_shown_as_provisional(supervisor, login):
    html = login(supervisor).get(URL, {"year": 2028}).content.decode()
    assert "2028 年的放假安排尚未公布" in html
    # 全国年节及纪念日放假办法 第二条: 元旦 1 January is a statutory holiday.
    assert 'class="holiday" title="2028-01-01 元旦"' in html
