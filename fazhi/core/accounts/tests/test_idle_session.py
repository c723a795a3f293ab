"""The idle session timeout (GB/T 22239-2019 8.1.4.1 d: 登录连接超时自动退出) holds while an
active session is written at most once per ``IDLE_TOUCH_SECONDS``, not on every page view."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _get(client) -> tuple[int, int]:
    """(status of the home page, session writes it made)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("ui:home"))
    writes = [
        q
        for q in captured.captured_queries
        if "django_session" in q["sql"] and "UPDATE" in q["sql"]
    ]
    return response.status_code, len(writes)


def test_activity_restarts_the_idle_clock_with_few_writes(client, settings):
    idle = timedelta(minutes=settings.FAZHI_SECURITY["IDLE_MINUTES"])
    touch = timedelta(seconds=settings.FAZHI_SECURITY["IDLE_TOUCH_SECONDS"])
    f.user("wu")
    with time_machine.travel(T0, tick=False) as traveller:
        r = client.post(reverse("accounts:login"), {"username": "wu", "password": f.PASSWORD})
        assert r.status_code == 302
        traveller.move_to(T0 + touch / 4)
        assert _get(client) == (200, 0)  # active moments after login: no write
        traveller.move_to(T0 + touch / 2)
        assert _get(client) == (200, 0)
        traveller.move_to(T0 + idle / 2)
        assert _get(client) == (200, 1)  # older than the interval: the clock restarts
        traveller.move_to(T0 + idle / 2 + touch / 2)
        assert _get(client) == (200, 0)
        # Past IDLE_MINUTES after login, but not after the last restart: still signed in.
        traveller.move_to(T0 + idle + touch)
        assert _get(client) == (200, 1)
        # Idle for IDLE_MINUTES (plus a minute) after that: the session is gone.
        traveller.move_to(T0 + idle + touch + idle + timedelta(minutes=1))
        response = client.get(reverse("ui:home"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
