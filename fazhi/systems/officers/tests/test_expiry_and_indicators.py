"""Expiring certificates in the supervisor's 待办 (a management requirement of 60 days, not a
statute), and the workforce indicators: 持证率, training hours against the 纲要's 60 学时
(「确保每人每年接受不少于60学时的业务知识和法律法规培训」), the 5% reviewer ratio (118号 四（十一））."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from fazhi.core.indicators import registry
from fazhi.core.indicators.registry import Period
from fazhi.systems.officers import selectors, services

from .conftest import issue, make_staff

D = date
TODAY = D(2025, 6, 2)
MARCH = D(2025, 3, 1)


@pytest.fixture
def expiring(officers):
    soon = issue(officers.wang, "33000010", issued=D(2020, 7, 1), expires=D(2025, 7, 31))  # 59 days
    later = issue(
        make_staff(officers.wang.agency, "陈一"),
        "33000011",
        issued=D(2020, 8, 1),
        expires=D(2025, 8, 2),
    )
    lapsed = issue(
        make_staff(officers.wang.agency, "陈二"),
        "33000012",
        issued=D(2020, 1, 1),
        expires=D(2025, 6, 1),
    )
    return soon, later, lapsed


@pytest.mark.django_db
def test_expiring_window_is_sixty_days_by_default(org, expiring):
    soon, later, lapsed = expiring
    ids = set(selectors.expiring_certificates([org.market.pk], TODAY).values_list("pk", flat=True))
    assert soon.pk in ids and later.pk not in ids and lapsed.pk not in ids
    assert list(selectors.lapsed_certificates([org.market.pk], TODAY)) == [lapsed]


@pytest.mark.django_db
@override_settings(FAZHI_OFFICERS={"EXPIRY_NOTICE_DAYS": 90})
def test_expiry_window_is_a_setting(org, expiring):
    soon, later, _ = expiring
    ids = set(selectors.expiring_certificates([org.market.pk], TODAY).values_list("pk", flat=True))
    assert {soon.pk, later.pk} <= ids


@pytest.mark.django_db
def test_supervisor_sees_the_expiring_page_and_officers_do_not(client, org, expiring):
    soon, later, lapsed = expiring
    with time_machine.travel(TODAY, tick=False):
        client.force_login(org.supervisor)
        page = client.get(reverse("officers:expiring")).content.decode()
        assert "33000010" in page and "33000012" in page and "33000011" not in page
        assert "已过期1天" in page and "59天" in page
        client.force_login(org.officer_user)
        assert client.get(reverse("officers:expiring")).status_code == 403


@pytest.mark.django_db
def test_expiring_certificates_are_on_the_supervisors_todo_and_not_the_officers(
    client, org, expiring
):
    with time_machine.travel(TODAY, tick=False):
        client.force_login(org.supervisor)
        page = client.get(reverse("deadlines:todo")).content.decode()
        client.force_login(org.officer_user)
        officer_page = client.get(reverse("deadlines:todo")).content.decode()
    assert 'data-section="officers.certificates"' in page
    assert "执法证件到期提醒（2 项）" in page
    assert "33000010" in page and "剩余 59 天" in page
    assert "33000012" in page and "已过有效期 1 天" in page
    assert "33000011" not in page  # 61 days away: not yet
    assert page.index("33000012") < page.index("33000010")  # the lapsed one first
    assert reverse("officers:expiring") in page
    assert 'data-section="officers.certificates"' not in officer_page


@pytest.mark.django_db
def test_certificate_list_flags_rows_and_hides_other_agencies(client, org, expiring, officers):
    other = issue(make_staff(org.eco, "外局"), "44000001", fields=["生态环境"])
    with time_machine.travel(TODAY, tick=False):
        client.force_login(org.head)
        page = client.get(reverse("officers:certificate_list")).content.decode()
    assert "33000010" in page and other.number not in page
    assert 'class="yellow"' in page and 'class="red"' in page


def _train(staff, hours, *, category="professional_law", day=MARCH, title="专题培训"):
    services.record_training(
        staff, category=category, title=title, date=day, hours=Decimal(hours), actor="测试"
    )


@pytest.mark.django_db
def test_workforce_indicators(org, officers):
    # Officers: zhifa (the fixture's officer login, no certificate), 张三, 李四 (certified),
    # 王五 (officer role, no certificate).
    _train(officers.zhang, 40)
    _train(officers.zhang, 30, title="执法技能实训", category="skills")
    _train(officers.li, 50)
    _train(officers.li, 16, category="politics", title="政治理论学习")  # not counted (纲要)
    _train(officers.wang, 20, day=D(2024, 12, 30))  # previous year
    reviewer = make_staff(org.market, "法制员", role=None)
    services.register_reviewer(reviewer, first_reviewed_on=D(2022, 1, 1), actor="测试")
    issue(make_staff(org.market, "将到期"), "33000020", issued=D(2020, 1, 1), expires=D(2025, 7, 1))
    period = Period.year(2025)
    ids = [org.market.pk]
    with time_machine.travel(TODAY, tick=False):
        rate = registry.compute("officers.certified_rate", ids, period)
        avg = registry.compute("officers.training_hours_avg", ids, period)
        under = registry.compute("officers.under_60_hours", ids, period)
        expiring = registry.compute("officers.expiring_certificates", ids, period)
        ratio = registry.compute("officers.reviewer_ratio", ids, period)
        under_names = set(
            registry.records("officers.under_60_hours", ids, period).values_list("name", flat=True)
        )
    # 5 officers (将到期 holds a certificate but no role): 3 certified on period end (today).
    assert (rate.numerator, rate.denominator, rate.value) == (3, 5, Decimal("60.0"))
    # 40 + 30 + 50 counted hours this year (politics and last year's excluded) over 5 officers.
    assert (avg.numerator, avg.denominator) == (Decimal("120"), 5) and avg.value == Decimal("24.0")
    assert under.value == 4 and under_names == {"zhifa", "李四", "王五", "将到期"}  # 张三 has 70
    assert expiring.value == 1
    assert (ratio.numerator, ratio.denominator) == (1, 5)
