"""The pages: registration, the detail with its steps, refusals shown with their article, the
to-do list showing the answer deadline with its explanation, the letter download, the list."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.deadlines.models import Deadline
from fazhi.systems.disclosure import rules
from fazhi.systems.disclosure.models import DisclosureRequest
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(client, staff):
    client.login(username=staff.username, password=PASSWORD)
    return client


def test_register_by_registered_post_fixes_the_receipt_date_article_31(browser, department):
    response = browser.post(
        reverse("disclosure:register"),
        {
            "agency": department.pk,
            "applicant_kind": "business",
            "applicant_name": "示范县某某建材有限公司",
            "applicant_contact": "0571-1234567",
            "content": "2025年砂石开采权出让方案",
            "delivery_form": "paper",
            "channel": "registered_post",
            "submitted_on": "2025-09-22",
            "signed_on": "2025-09-25",
        },
    )
    assert response.status_code == 302
    req = DisclosureRequest.objects.get()
    assert req.received_on == date(2025, 9, 25) and req.answer_due == date(2025, 10, 29)
    page = browser.get(response["Location"]).content.decode()
    assert "2025年10月29日" in page and "第三十一条第（二）项" in page


def test_register_without_the_signed_date_names_the_field(browser, department):
    response = browser.post(
        reverse("disclosure:register"),
        {
            "agency": department.pk,
            "applicant_kind": "person",
            "applicant_name": "李四",
            "content": "某文件",
            "delivery_form": "paper",
            "channel": "registered_post",
            "submitted_on": "2025-09-22",
        },
    )
    assert response.status_code == 400
    assert "签收日" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_todo_shows_the_answer_deadline_with_its_explanation(browser, make_request):
    """第三十三条第二款 on 我的待办: the clock is there, and its explanation gives the trace."""
    req = make_request(received=date(2026, 2, 2))
    todo = browser.get(reverse("deadlines:todo")).content.decode()
    d = Deadline.objects.get(subject_id=req.pk, rule_id=rules.RULE_ANSWER)
    assert "答复政府信息公开申请" in todo and "2026年3月6日" in todo
    assert reverse("deadlines:explain", args=[d.pk]) in todo
    explain = browser.get(reverse("deadlines:explain", args=[d.pk])).content.decode()
    assert "第三十三条第二款" in explain
    assert "2026-02-15 至 2026-02-23" in explain  # the Spring Festival skipped, in the trace
    assert req.get_absolute_url() in explain


def test_extension_without_approval_is_shown_refused_with_its_article(browser, make_request):
    req = make_request(received=date(2026, 2, 2))
    response = browser.post(
        reverse("disclosure:step", args=[req.pk, "extend"]),
        {"notified_on": "2026-03-02", "reason": "资料多"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "第三十三条第二款" in page and "负责人同意" in page
    req.refresh_from_db()
    assert not req.extended


def test_answer_step_produces_a_downloadable_letter(browser, make_request):
    req = make_request(received=date(2025, 9, 25))
    response = browser.post(
        reverse("disclosure:step", args=[req.pk, "answer"]),
        {
            "answer_type": "not_exist",
            "answered_on": "2025-10-20",
            "reason": "经检索档案室和业务科室，未制作该信息",
        },
    )
    assert response.status_code == 302
    page = browser.get(req.get_absolute_url()).content.decode()
    assert "信息不存在" in page and "第三十六条第（四）项" in page
    letter = browser.get(reverse("disclosure:letter", args=[req.pk]))
    assert letter.status_code == 200
    assert letter["Content-Type"].startswith("application/vnd.openxmlformats")
    assert letter["X-Content-Type-Options"] == "nosniff"


def test_the_letter_is_a_declared_file_of_the_request(browser, client, outsider, make_request):
    """Core serves the letter (type, size and digest on the page) to whoever sees the request."""
    req = make_request(received=date(2025, 9, 25))
    browser.post(
        reverse("disclosure:step", args=[req.pk, "answer"]),
        {"answer_type": "not_exist", "answered_on": "2025-10-20", "reason": "未制作该信息"},
    )
    req.refresh_from_db()
    page = browser.get(req.get_absolute_url()).content.decode()
    assert "Word 文档" in page and req.letter.digest in page and "校验信息" in page
    url = f"/files/disclosure.letter/{req.pk}/download/"
    got = browser.get(url)
    assert got.status_code == 200 and got["Content-Disposition"].startswith("attachment;")
    client.login(username=outsider.username, password=PASSWORD)
    assert client.get(url).status_code == 404


def test_outsiders_cannot_see_the_request(client, outsider, make_request):
    req = make_request(received=date(2025, 9, 25))
    client.login(username=outsider.username, password=PASSWORD)
    assert client.get(req.get_absolute_url()).status_code == 404
    assert (
        client.post(
            reverse("disclosure:step", args=[req.pk, "review"]), {"reviewed_on": "2025-09-26"}
        ).status_code
        == 404
    )


def test_supervisor_reads_the_list_but_has_no_steps(client, supervisor, make_request):
    req = make_request(received=date(2025, 9, 25))
    client.login(username=supervisor.username, password=PASSWORD)
    listing = client.get(reverse("disclosure:list")).content.decode()
    assert req.number in listing
    page = client.get(req.get_absolute_url()).content.decode()
    assert "step-answer" not in page
    assert (
        client.post(
            reverse("disclosure:step", args=[req.pk, "review"]), {"reviewed_on": "2025-09-26"}
        ).status_code
        == 403
    )


def test_list_exports_xlsx(browser, make_request):
    make_request(received=date(2025, 9, 25))
    response = browser.get(reverse("disclosure:list") + "?export=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


def test_the_browser_flow_through_the_pages(browser, department):
    """The steps of the browser test (tests/e2e), through the same forms: receipt by registered
    post (第三十一条), third-party consultation not counted (第三十三条第三款), answer letter."""
    response = browser.post(
        reverse("disclosure:register"),
        {
            "agency": department.pk,
            "applicant_kind": "person",
            "applicant_name": "赵六",
            "content": "开采许可",
            "delivery_form": "paper",
            "channel": "registered_post",
            "submitted_on": "2026-10-30",
            "signed_on": "2026-11-02",
        },
    )
    url = response["Location"]
    page = browser.get(url).content.decode()
    assert 'id="step-consult"' in page and 'id="register-form"' not in page
    assert "2026年11月30日" in page
    req = DisclosureRequest.objects.get()
    step = lambda name: reverse("disclosure:step", args=[req.pk, name])  # noqa: E731
    browser.post(
        step("consult"),
        {
            "kind": "third_party",
            "party": "某矿业公司",
            "sent_on": "2026-11-05",
            "delivered_on": "2026-11-06",
        },
    )
    assert "已中止计算" in browser.get(url).content.decode()
    browser.post(
        step("record_opinion"),
        {"opinion": "consent", "replied_on": "2026-11-13", "opinion_text": "同意"},
    )
    req.refresh_from_db()
    assert req.answer_due == date(2026, 12, 9)
    browser.post(
        step("answer"),
        {"answer_type": "disclosed", "answered_on": "2026-11-20", "access_way": "复印件12页"},
    )
    page = browser.get(url).content.decode()
    assert 'id="letter-link"' in page and "第三十六条第（二）项" in page


def test_a_partial_extension_from_the_page(browser, make_request):
    """The extension step's form takes the number of working days (第三十三条第二款: ≤ 20)."""
    req = make_request(received=date(2026, 2, 2))
    data = {"approver": "李四", "approved_on": "2026-03-02", "notified_on": "2026-03-03"}
    refused = browser.post(
        reverse("disclosure:step", args=[req.pk, "extend"]), {**data, "length": "30"}
    )
    assert refused.status_code == 409 and "第三十三条第二款" in refused.content.decode()
    done = browser.post(
        reverse("disclosure:step", args=[req.pk, "extend"]), {**data, "length": "10"}
    )
    assert done.status_code == 302
    req.refresh_from_db()
    assert req.answer_due == date(2026, 3, 20)


def test_the_list_finds_a_request_by_part_of_its_number_applicant_or_id_and_mine(
    client, staff, make_request
):
    """The 搜索 box matches any part of the 申请编号, the applicant's name or ID number; 我承办的
    keeps the requests the user handles (issue 15)."""
    mine = make_request(
        applicant_name="钱七", applicant_id_number="320685199001011234", handler=staff
    )
    other = make_request(applicant_name="孙八")
    client.force_login(staff)
    url = reverse("disclosure:list")

    def found(**params):
        body = client.get(url, params).content.decode()
        return {r for r in (mine, other) if f'/disclosure/{r.pk}/"' in body}

    assert found(q="钱") == {mine}
    assert found(q="19900101") == {mine}
    assert found(q=other.number[-3:]) >= {other}
    assert found(mine="on") == {mine}
    assert found(ours="on") == {mine, other}
