"""The figures of the 政府信息公开工作年度报告 (条例 第五十条) computed from the records, in the
rows of the national template (国办公开办函〔2021〕30号), and the indicators."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.indicators.registry import Period, compute
from fazhi.systems.disclosure import report, services
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2025(make_request, staff):
    """2024 carry-over, 2025 answers of several kinds, one late, one abandoned, one carried out."""
    carried = make_request(received=date(2024, 12, 20), applicant_name="甲")
    services.answer_request(
        carried,
        actor=staff,
        answer_type="disclosed",
        access_way="附件",
        answered_on=date(2025, 1, 8),
    )
    a = make_request(received=date(2025, 3, 3), applicant_name="乙")
    services.answer_request(
        a,
        actor=staff,
        answer_type="public_already",
        access_way="县政府网站",
        answered_on=date(2025, 3, 10),
    )
    b = make_request(
        received=date(2025, 5, 6), applicant_name="某某有限公司", applicant_kind="business"
    )
    services.answer_request(
        b,
        actor=staff,
        answer_type="partial",
        refusal_ground="third_party",
        access_way="汇总表",
        reason="含个人信息",
        answered_on=date(2025, 5, 20),
    )
    c = make_request(received=date(2025, 6, 2), applicant_name="丙")
    services.answer_request(
        c,
        actor=staff,
        answer_type="refused",
        refusal_ground="internal",
        reason="人事管理信息",
        answered_on=date(2025, 7, 30),  # late: due 2025-06-30
    )
    d = make_request(
        received=date(2025, 8, 4), applicant_name="某律师事务所", applicant_kind="legal_service"
    )
    d = services.request_correction(
        d,
        actor=staff,
        notice_on=date(2025, 8, 6),
        correction_items="年度",
        correction_due=date(2025, 8, 20),
    )
    services.abandon_request(d, actor=staff, closed_on=date(2025, 8, 25))
    make_request(received=date(2025, 12, 22), applicant_name="丁")  # carried into 2026
    make_request(received=date(2026, 1, 5), applicant_name="戊")  # not this year


def test_annual_figures_follow_the_template_article_50(year_2025, department):
    f = report.annual_figures({department.pk}, 2025)
    assert f.new.cells == {
        "person": 3,
        "business": 1,
        "research": 0,
        "public_welfare": 0,
        "legal_service": 1,
        "other_org": 0,
        "total": 5,
    }
    assert f.carried_in.cells["total"] == 1
    rows = {r.code: r.cells for r in f.results}
    assert rows["disclosed"]["person"] == 2  # the carried-over answer and 已主动公开
    assert rows["partial"]["business"] == 1
    assert rows["refused.internal"]["person"] == 1 and rows["refused"]["total"] == 1
    assert rows["other.no_correction"]["legal_service"] == 1 and rows["other"]["total"] == 1
    assert f.total.cells["total"] == 5
    assert f.carried_out.cells["total"] == 1
    # 「第一项加第二项之和，等于第三项加第四项之和」
    assert f.consistent
    assert (f.answered, f.answered_on_time) == (4, 3)


def test_indicators_count_the_same_records(year_2025, department):
    period = Period.year(2025)
    assert compute("disclosure.received", {department.pk}, period).value == 5
    rate = compute("disclosure.on_time_rate", {department.pk}, period)
    assert (rate.numerator, rate.denominator) == (3, 4)


def test_report_page_and_export(client, supervisor, year_2025, department):
    client.login(username=supervisor.username, password=PASSWORD)
    page = client.get(reverse("disclosure:report"), {"agency": department.pk, "year": 2025})
    assert page.status_code == 200
    html = page.content.decode()
    assert "本年新收政府信息公开申请数量" in html and "一致" in html
    export = client.get(
        reverse("disclosure:report"), {"agency": department.pk, "year": 2025, "export": "xlsx"}
    )
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
