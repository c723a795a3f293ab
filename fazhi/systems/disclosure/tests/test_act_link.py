"""A disclosure request may point at the act it is about: it is then one of the
matters about that act — on the act's page and in the repeat-complaint figure — like a 复议, a
lawsuit or a petition."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from fazhi.core.acts.registry import channels, matters_about
from fazhi.core.indicators import registry
from fazhi.core.indicators.registry import Period
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(department, staff):
    """A 行政处罚案件 of the same department (the staff also handle its cases)."""
    from fazhi.systems.enforcement import services as enforcement
    from fazhi.systems.matters.models import Matter

    officer = factories.user("zhifa", ("officer", department))
    matter = Matter.objects.create(
        agency=department,
        code="330217001000",
        name="非法占用土地",
        kind="penalty",
        field="自然资源",
    )
    return enforcement.register_source(
        agency=department,
        actor=officer,
        party_kind="organisation",
        party_name="甲公司",
        party_uscc=factories.uscc(),
        source_summary="卫片执法发现",
        matter=matter,
        registered_on=date(2025, 3, 1),
    )


def test_disclosure_is_a_channel_that_does_not_decide_on_legality():
    by_key = {c.key: c for c in channels()}
    assert by_key["disclosure"].label == "依申请公开"
    assert by_key["disclosure"].corrected is None


def test_a_request_about_no_act_needs_no_description(make_request):
    req = make_request()
    assert (req.act_id, req.act_description) == (None, "")
    assert type(req)._meta.get_field("act_description").blank
    from fazhi.systems.petitions.models import Petition

    assert not Petition._meta.get_field("act_description").blank  # other channels unchanged


def test_a_linked_request_is_a_matter_about_the_case_and_on_its_page(
    client, staff, make_request, case
):
    req = make_request(act=case)
    assert req.act == case and req.act_description == str(case)
    assert req.act_agency_id == case.agency_id
    assert list(matters_about(case)["disclosure"]) == [req]
    client.force_login(staff)
    ct = ContentType.objects.get_for_model(type(case))
    page = client.get(reverse("acts:matters", args=[ct.pk, case.pk]))
    assert [(r.channel.key, r.matter) for r in page.context["rows"]] == [("disclosure", req)]
    assert req.number in page.content.decode()
    detail = client.get(reverse("disclosure:detail", args=[req.pk])).content.decode()
    assert reverse("acts:matters", args=[ct.pk, case.pk]) in detail


def test_a_request_and_a_petition_about_one_case_are_a_repeat_complaint(
    department, staff, make_request, case
):
    from fazhi.systems.petitions import services as petitions

    make_request(act=case, received=date(2025, 9, 25))
    ids = frozenset({department.pk})
    code = "acts.penalty_case_repeat_complaints"
    assert registry.compute(code, ids, Period.year(2025)).value == 0  # one matter only
    office = factories.agency("示范县信访局")
    clerk = factories.user("xinfang", ("petition_staff", office))
    petitions.register_petition(
        agency=office,
        actor=clerk,
        channel="letter",
        petitioner_name="李四",
        content="对甲公司处罚不服",
        received_on=date(2025, 10, 9),
        act=case,
    )
    assert registry.compute(code, ids, Period.year(2025)).value == 1
    assert list(registry.get(code).records(ids, Period.year(2025))) == [case]
    # the period counts when the matters arrived, in every channel
    make_request(act=case, received=date(2026, 3, 2))
    assert registry.compute(code, ids, Period.year(2026)).value == 0


def test_staff_link_a_request_through_the_form_and_the_api(client, staff, department, case):
    client.force_login(staff)
    ref = f"enforcement.case:{case.pk}"
    base = {
        "agency": department.pk,
        "applicant_kind": "person",
        "applicant_name": "王五",
        "content": "甲公司行政处罚决定书",
        "delivery_form": "paper",
        "channel": "in_person",
        "submitted_on": "2025-09-25",
    }
    page = client.post(reverse("disclosure:register"), {**base, "act": ref})
    assert page.status_code == 302
    api = client.post("/api/disclosure/requests/", {**base, "act": ref}, format="json")
    assert api.status_code == 201, api.content
    assert api.json()["act_id"] == case.pk
    assert matters_about(case)["disclosure"].count() == 2
    bad = client.post(reverse("disclosure:register"), {**base, "act": "第12号处罚决定"})
    assert "格式：应用.模型:编号" in bad.content.decode()


def test_a_case_of_an_agency_the_staff_cannot_see_reads_as_not_found(
    client, outsider, other_department, case
):
    client.force_login(outsider)
    page = client.post(
        reverse("disclosure:register"),
        {
            "agency": other_department.pk,
            "applicant_kind": "person",
            "applicant_name": "王五",
            "content": "甲公司行政处罚决定书",
            "delivery_form": "paper",
            "channel": "in_person",
            "submitted_on": "2025-09-25",
            "act": f"enforcement.case:{case.pk}",
        },
    )
    assert page.status_code == 400
    assert f"找不到关联记录“enforcement.case:{case.pk}”" in page.content.decode()


# The act picker (issue 15): the clerk finds the act by what they know of it.

_BASE = {
    "applicant_kind": "person",
    "applicant_name": "王五",
    "content": "甲公司行政处罚决定书",
    "delivery_form": "paper",
    "channel": "in_person",
    "submitted_on": "2025-09-25",
}


def _numbered(case):
    from fazhi.systems.enforcement.models import Case

    Case.objects.filter(pk=case.pk).update(
        number="示范县自然资源罚立〔2025〕435号", decision_number="示范县自然资源罚决〔2025〕77号"
    )
    case.refresh_from_db()
    return case


def test_the_picker_suggests_acts_by_part_of_a_number_or_party(client, staff, outsider, case):
    _numbered(case)
    client.force_login(staff)
    url = reverse("acts:pick")
    for typed in ("435", "甲公", "罚决〔2025〕77", case.party_uscc[-6:]):
        body = client.get(url, {"q": typed, "field": "id_act"}).content.decode()
        assert f'data-ref="enforcement.case:{case.pk}"' in body, typed
        assert "行政处罚案件：示范县自然资源罚立〔2025〕435号 甲公司" in body
    # The field's own value is read when htmx sends it under the field's name.
    body = client.get(url, {"name": "act", "act": "435"}).content.decode()
    assert f'data-ref="enforcement.case:{case.pk}"' in body
    assert "没有找到" in client.get(url, {"q": "乙公司"}).content.decode()
    as_json = client.get(url, {"q": "435"}, HTTP_ACCEPT="application/json").json()
    assert as_json["results"] == [
        {
            "ref": f"enforcement.case:{case.pk}",
            "kind": "行政处罚案件",
            "label": "示范县自然资源罚立〔2025〕435号 甲公司",
        }
    ]
    # Another agency's staff find nothing (whether the case exists is not revealed).
    client.force_login(outsider)
    assert client.get(url, {"q": "435"}, HTTP_ACCEPT="application/json").json() == {"results": []}


def test_the_form_shows_the_picker_and_takes_a_whole_number_without_javascript(
    client, staff, department, case
):
    _numbered(case)
    client.force_login(staff)
    form = client.get(reverse("disclosure:register")).content.decode()
    assert 'hx-get="/acts/pick/"' in form and 'id="id_act_suggestions"' in form
    data = {**_BASE, "agency": department.pk}
    for typed in ("示范县自然资源罚立〔2025〕435号", " 示范县自然资源罚决〔2025〕77号 "):
        assert (
            client.post(reverse("disclosure:register"), {**data, "act": typed}).status_code == 302
        )
    assert matters_about(case)["disclosure"].count() == 2
    # Part of a number is not a reference: the form says which acts it may mean.
    partial = client.post(reverse("disclosure:register"), {**data, "act": "435"})
    assert partial.status_code == 400
    page = partial.content.decode()
    assert "找不到编号为“435”的行政行为记录" in page
    assert "您是否要找：行政处罚案件 示范县自然资源罚立〔2025〕435号 甲公司" in page
    assert matters_about(case)["disclosure"].count() == 2
