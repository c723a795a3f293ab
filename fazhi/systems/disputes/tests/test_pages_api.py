"""Pages and ``/api/disputes/``: the same steps and guards; refusals with their article (409)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.systems.disputes import services
from fazhi.systems.disputes.models import LitigationCase, ReconsiderationCase
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_register_a_reconsideration_on_the_page_and_see_its_clocks(
    client, office_staff, justice, department
):
    client.login(username=office_staff.username, password=PASSWORD)
    response = client.post(
        reverse("disputes:register", args=["reconsideration"]),
        {
            "office": justice.pk,
            "applicant_kind": "person",
            "applicant_name": "钱七",
            "respondent": department.pk,
            "category": "penalty",
            "act_description": "示市监罚〔2025〕12号",
            "known_on": "2025-09-01",
            "rights_notified": "on",
            "received_on": "2025-09-25",
            "procedure": "ordinary",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = ReconsiderationCase.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "行政复议申请受理审查" in page and "2025年10月9日" in page and 'id="step-accept"' in page
    refused = client.post(
        reverse("disputes:reconsideration_step", args=[case.pk, "extend"]),
        {"extension_days": "10"},
    )
    assert refused.status_code == 409  # not yet accepted: the step is not open in this state
    client.post(
        reverse("disputes:reconsideration_step", args=[case.pk, "accept"]),
        {"accepted_on": "2025-10-09"},
    )
    refused = client.post(
        reverse("disputes:reconsideration_step", args=[case.pk, "extend"]),
        {"extension_days": "40", "approver": "副局长", "notified_on": "2025-12-01"},
    )
    assert refused.status_code == 409 and "第六十二条" in refused.content.decode()


def test_closing_a_suit_without_appearance_is_409_through_the_api(
    department, dept_staff, make_suit
):
    suit = make_suit()
    api = APIClient()
    api.force_authenticate(dept_staff)
    ok = api.post(
        reverse("api-disputes-litigation-submit_defence", args=[suit.pk]),
        {"submitted_on": "2025-10-09", "evidence": "证据12份"},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["on_time"] is True
    api.post(
        reverse("api-disputes-litigation-record_judgment", args=[suit.pk]),
        {"document_kind": "judgment", "outcome": "dismiss_claim", "served_on": "2025-11-03"},
        format="json",
    )
    refused = api.post(
        reverse("api-disputes-litigation-close", args=[suit.pk]),
        {"closed_on": "2025-11-20"},
        format="json",
    )
    assert refused.status_code == 409
    body = refused.json()
    assert [g["code"] for g in body["guards"]] == ["head_recorded"]
    assert "第三条第三款" in body["guards"][0]["citation"]


def test_register_a_suit_through_the_api_links_the_act(department, dept_staff):
    api = APIClient()
    api.force_authenticate(dept_staff)
    created = api.post(
        reverse("api-disputes-litigation-list"),
        {
            "agency": department.pk,
            "court": "示范县人民法院",
            "number": "（2025）浙1225行初30号",
            "plaintiff_name": "吴一",
            "complaint_received_on": "2025-09-20",
            "category": "penalty",
            "act_description": "罚款决定",
            "act": f"orgs.agency:{department.pk}",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["defence_due"] == "2025-10-09"
    suit = LitigationCase.objects.get()
    assert suit.act == department


def test_other_agencies_do_not_see_the_suit(make_suit, justice):
    from tests import factories

    suit = make_suit()
    stranger = factories.user("other", ("litigation_staff", factories.agency("示范县教育局")))
    api = APIClient()
    api.force_authenticate(stranger)
    assert api.get(reverse("api-disputes-litigation", args=[suit.pk])).status_code == 404


def test_supervisor_reads_every_list(client, make_suit, justice):
    from tests import factories

    make_suit()
    supervisor = factories.user("sfj", ("supervisor", justice))
    client.login(username=supervisor.username, password=PASSWORD)
    assert "（2025）浙1225行初12号" in client.get(reverse("disputes:litigation")).content.decode()
    assert client.get(reverse("disputes:litigation") + "?export=xlsx").status_code == 200


def test_publishing_a_decision_masks_the_applicant_article_79(make_case, office_staff):
    pytest.importorskip("fazhi.kernel.redact")
    case = services.accept_reconsideration(
        make_case(applicant_name="钱七七"), actor=office_staff, accepted_on=date(2025, 10, 9)
    )
    case = services.decide_reconsideration(
        case,
        actor=office_staff,
        decision_type="revoke",
        decided_on=date(2025, 11, 20),
        approval="县政府负责人同意",
        decision_summary="钱七七的申请理由成立，撤销原处罚决定",
    )
    item = services.publish_decision(case, actor=office_staff)
    assert "钱七七" not in item.body and item.kind == "reconsideration"


def test_detail_pages_of_every_kind_show_clocks_and_steps(
    client, make_case, make_suit, office_staff, dept_staff, department
):
    case = services.accept_reconsideration(
        make_case(), actor=office_staff, accepted_on=date(2025, 10, 9)
    )
    case = services.send_copy(case, actor=office_staff, sent_on=date(2025, 10, 10))
    resp = case.respondences.get()
    client.login(username=office_staff.username, password=PASSWORD)
    page = client.get(case.get_absolute_url()).content.decode()
    # The case page lists each respondent's answer with the state of its own workflow.
    assert f"{department.name}</a>：答复期，答复期限 2025年10月23日" in page
    client.logout()
    suit = make_suit()
    services.receive_recommendation(
        agency=department,
        actor=dept_staff,
        kind="judicial",
        issuer="示范县人民法院",
        received_on=date(2025, 10, 10),
        content="规范送达",
        feedback_due=date(2025, 12, 10),
        case=suit,
    )
    client.login(username=dept_staff.username, password=PASSWORD)
    page = client.get(resp.get_absolute_url()).content.decode()
    assert "被申请人提出书面答复并提交证据" in page and 'id="step-submit_answer"' in page
    # 10 working days from Fri 10-10: Sat 10-11 调休(1), 10-13..17(2-6), 10-20..23(7-10)
    assert "2025年10月23日" in page
    page = client.get(suit.get_absolute_url()).content.decode()
    assert (
        "被告提交证据、依据并提出答辩状" in page
        and 'id="step-submit_defence"' in page
        and "司法建议" in page
    )
    assert client.get(reverse("disputes:recommendations")).status_code == 200
    assert client.get(reverse("disputes:respondence")).status_code == 200
