"""报送 records its recipients: 主送 and 抄送 proposed from the organisation hierarchy by the
routing of 第二十三条第二款, editable at the step, stored on the report, ledgered with the
transition, shown on the page and laid out in the .docx per GB/T 9704 (主送 under the title,
抄送 in the 版记 at the end)."""

from __future__ import annotations

import io
from datetime import date

import docx as python_docx
import pytest
import time_machine
from django.urls import reverse

from fazhi.core.ledger.selectors import sealed
from fazhi.core.orgs.models import Agency, Division
from fazhi.core.publication.tests.factories import agency, county
from fazhi.core.workflow.engine import Refused, history, perform
from fazhi.core.workflow.models import TransitionLog
from fazhi.systems.reports import services
from fazhi.systems.reports.composer import compose_report
from fazhi.systems.reports.docx import report_docx
from fazhi.systems.reports.recipients import default_recipients
from fazhi.systems.reports.workflow import REPORT_WORKFLOW as WF


@pytest.fixture
def report(east, drafter):
    with time_machine.travel(date(2025, 1, 10), tick=False):
        return services.create_report(east.market, 2024, actor=drafter)


def _to_approved(report, drafter, reviewer, head):
    services.save_draft(report, {"measures": "全面推进依法行政。"}, actor=drafter)
    perform(WF, report, "send_review", actor=drafter, on_date=date(2025, 2, 1))
    perform(WF, report, "pass_unit_review", actor=reviewer, on_date=date(2025, 2, 3))
    perform(
        WF,
        report,
        "pass_secrecy_review",
        actor=reviewer,
        on_date=date(2025, 2, 5),
        data={"opinion": "不涉及党和国家秘密。"},
    )
    perform(WF, report, "approve", actor=head, on_date=date(2025, 2, 10))


def test_a_department_reports_to_its_party_committee_and_government_copying_the_supervisor(east):
    """第二十三条第二款: 县级以上地方各级政府部门应当向本级党委和政府……报告……同时抄送本级督察单位."""
    r = default_recipients(east.market)
    assert r.main == "中共东城县委员会、东城县人民政府"
    assert r.copy == "东城县司法局"
    # the 司法局's own report does not copy itself
    assert default_recipients(east.justice).copy == ""
    # where the 依法治县办 exists, it is the 督察单位
    agency(
        "中共东城县委全面依法治县委员会办公室",
        east.division,
        kind=Agency.Kind.OFFICE,
        government=east.government,
        is_supervisor=True,
    )
    assert default_recipients(east.market).copy == "中共东城县委全面依法治县委员会办公室"
    assert default_recipients(east.justice).copy == "中共东城县委全面依法治县委员会办公室"


def test_a_government_reports_to_the_upper_party_committee_and_government(east):
    """第二十三条第二款: 省级以下地方各级党委和政府应当向上一级党委和政府报告……同时抄送上一级督察单位;
    at the top of the platform's hierarchy: 向同级党委、人大常委会报告."""
    town = Division.objects.create(
        code="330101100", name="城关镇", level=Division.Level.TOWNSHIP, parent=east.division
    )
    township = agency("城关镇人民政府", town, kind=Agency.Kind.TOWNSHIP, government=east.government)
    r = default_recipients(township)
    assert (r.main, r.copy) == ("中共东城县委员会、东城县人民政府", "东城县司法局")
    top = default_recipients(east.government)
    assert top.main == "中共东城县委员会、东城县人民代表大会常务委员会"
    assert top.copy == "东城县司法局"
    # a county government whose city is on the platform reports to the city
    city_div = Division.objects.create(code="330100", name="东城市", level=Division.Level.CITY)
    city = county("330102", "西城县")  # reused helper: the city government is a plain agency
    city_gov = agency("东城市人民政府", city_div, kind=Agency.Kind.GOVERNMENT)
    agency(
        "东城市司法局", city_div, kind=Agency.Kind.JUSTICE, government=city_gov, is_supervisor=True
    )
    Agency.objects.filter(pk=city.government.pk).update(government=city_gov)
    city.government.refresh_from_db()
    r = default_recipients(city.government)
    assert (r.main, r.copy) == ("中共东城市委员会、东城市人民政府", "东城市司法局")


def test_submission_records_the_default_recipients_in_the_report_and_the_ledger(
    report, drafter, reviewer, head
):
    _to_approved(report, drafter, reviewer, head)
    perform(WF, report, "submit", actor=reviewer, on_date=date(2025, 2, 20))
    report.refresh_from_db()
    assert report.submitted_on == date(2025, 2, 20)
    assert report.main_recipients == "中共东城县委员会、东城县人民政府"
    assert report.copy_recipients == "东城县司法局"
    step = history(report)[-1]
    assert step.data["main_recipients"] == report.main_recipients
    assert step.data["copy_recipients"] == "东城县司法局"
    entry = sealed().get(leaf=step.ledger_leaf)
    assert entry.payload["data"]["main_recipients"] == report.main_recipients
    assert entry.payload["data"]["copy_recipients"] == "东城县司法局"


def test_recipients_given_at_the_step_override_the_default_and_an_empty_main_is_refused(
    report, drafter, reviewer, head
):
    _to_approved(report, drafter, reviewer, head)
    with pytest.raises(Refused) as exc:
        perform(WF, report, "submit", actor=reviewer, data={"main_recipients": " "})
    assert [g.code for g in exc.value.failed] == ["main_recipients"]
    assert "第二十三条第二款" in str(exc.value)
    assert not TransitionLog.objects.filter(to_state="submitted").exists()
    perform(
        WF,
        report,
        "submit",
        actor=reviewer,
        on_date=date(2025, 2, 20),
        data={
            "main_recipients": "中共东城县委员会、东城县人民政府、东城市市场监督管理局",
            "copy_recipients": "",
        },
    )
    report.refresh_from_db()
    assert report.main_recipients.endswith("东城市市场监督管理局")
    assert report.copy_recipients == ""


@time_machine.travel(date(2025, 2, 20), tick=False)
def test_the_page_offers_edits_and_shows_the_recipients(client, report, drafter, reviewer, head):
    _to_approved(report, drafter, reviewer, head)
    client.force_login(reviewer)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'name="main_recipients" value="中共东城县委员会、东城县人民政府"' in page
    r = client.post(
        reverse("reports:step", args=[report.pk, "submit"]),
        {"main_recipients": "东城县人民政府", "copy_recipients": "东城县司法局"},
        follow=True,
    )
    page = r.content.decode()
    assert "已完成：报送" in page and "报送情况" in page
    report.refresh_from_db()
    assert (report.main_recipients, report.copy_recipients) == ("东城县人民政府", "东城县司法局")


def test_the_docx_puts_the_main_recipients_under_the_title_and_the_copy_in_the_record_block(
    report, drafter, reviewer, head
):
    """GB/T 9704-2012 7.3.2: 主送机关 under the title, 居左顶格, ending with a full-width colon;
    7.4: 抄送 in the 版记, after the attachment (8), ending with a full stop."""
    _to_approved(report, drafter, reviewer, head)
    perform(WF, report, "submit", actor=reviewer, on_date=date(2025, 2, 20))
    report.refresh_from_db()
    doc = python_docx.Document(
        io.BytesIO(
            report_docx(
                compose_report(report),
                dated=report.submitted_on,
                main_recipients=report.main_recipients,
                copy_recipients=report.copy_recipients,
            )
        )
    )
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[0] == report.title
    assert texts[1] == "中共东城县委员会、东城县人民政府："
    main = next(p for p in doc.paragraphs if p.text == texts[1])
    assert not main.paragraph_format.first_line_indent  # 顶格
    assert texts[-2] == "抄送：东城县司法局。"
    assert texts[-1] == "东城县市场监督管理局办公室\t2025年2月20日印发"
    # without recipients (the plain composer call) neither element appears
    plain = python_docx.Document(io.BytesIO(report_docx(compose_report(report))))
    assert not any(p.text.startswith("抄送") for p in plain.paragraphs)
