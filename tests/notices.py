"""The State Council's 2027 holiday notice as a supervisor types it on the calendar page, and a
helper that enters it there (every open deadline is recomputed, and the records mirroring them).

The notice is made up but realistic (chinesecalendar stops at 2026). 2027-02-05 is 除夕 (a
Friday); the weekend days worked instead are a Sunday and a Saturday. Before it is entered, a
period ending in February 2027 is provisional and counted on the statutory holidays alone
(全国年节及纪念日放假办法), on which 2027-02-11 is a working day; the notice closes
02-05..02-13 and makes Sunday 02-14 a working day, so a period that ended on 02-11 now ends on
02-14 (natural-day periods roll over the closed days, 民事诉讼法 第八十五条: 「期间届满的最后一日是
法定休假日的，以法定休假日后的第一日为期间届满的日期。」; working-day periods skip them).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

NOTICE_2027 = {
    "year": "2027",
    "title": "国务院办公厅关于2027年部分节假日安排的通知",
    "document_number": "国办发明电〔2026〕9号",
    "published_on": "2026-11-12",
    "holidays": "\n".join(
        [
            "元旦 2027-01-01..2027-01-03",
            "春节 2027-02-05..2027-02-13",
            "清明节 2027-04-03..2027-04-05",
            "劳动节 2027-05-01..2027-05-05",
            "端午节 2027-06-09",
            "中秋节 2027-09-15",
            "国庆节 2027-10-01..2027-10-07",
        ]
    ),
    "workdays": "2027-02-14, 2027-02-20\n2027-05-08\n2027-09-26\n2027-10-09",
}


def enter_notice(client: Any, supervisor: Any, notice: dict[str, str] = NOTICE_2027) -> Any:
    """Sign ``supervisor`` in on ``client`` and enter ``notice`` on the calendar page."""
    from fazhi.core.deadlines.models import CalendarNotice

    supervisor.password_changed_at = timezone.now()  # the expiry policy counts from "now"
    supervisor.save(update_fields=["password_changed_at"])
    client.force_login(supervisor)
    response = client.post(reverse("deadlines:calendar"), notice, follow=True)
    assert response.status_code == 200
    assert CalendarNotice.objects.filter(year=int(notice["year"])).exists()
    return response
