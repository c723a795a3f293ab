"""The REST API: a full case through one POST endpoint per step, the same guards (409 with the
article), bad input 400 naming the field, no access to another agency's cases."""

from __future__ import annotations

from datetime import date as D

import pytest
import time_machine
from rest_framework.test import APIClient

from fazhi.systems.enforcement import rules
from fazhi.systems.enforcement.archive import export_case, verify_archive
from fazhi.systems.enforcement.models import Case

from .conftest import counts, uscc


def client_for(user) -> APIClient:
    c = APIClient()
    c.force_authenticate(user)
    return c


def post(client, path, data, status=200):
    r = client.post(path, data, format="json")
    assert r.status_code == status, r.content.decode()
    return r.json()


@pytest.fixture
def api(world):
    return {
        k: client_for(getattr(world, k))
        for k in ("officer", "head", "reviewer", "supervisor", "outsider")
    }


def test_full_case_through_the_api(world, api, tmp_path):
    officer, head, reviewer = api["officer"], api["head"], api["reviewer"]
    case = post(
        officer,
        "/api/enforcement/cases/",
        {
            "agency": world.bureau.pk,
            "source_kind": "complaint",
            "source_summary": "群众举报",
            "registered_on": "2025-03-03",
            "party_kind": "organisation",
            "party_name": "海安某某贸易有限公司",
            "party_uscc": uscc("91320685MA1X2Y3W4"),
            "matter": world.matter.pk,
            "violation_date": "2025-02-20",
        },
        status=201,
    )
    pk = case["id"]
    base = f"/api/enforcement/cases/{pk}"
    assert case["state"] == "source" and {"name": "open_case", "label": "立案"} not in case["steps"]
    opened = post(
        head,
        f"{base}/open_case/",
        {
            "matter": world.matter.pk,
            "officers": [s.pk for s in world.officers],
            "opened_on": "2025-03-04",
            "violation_date": "2025-02-20",
            "circumstances": ["first_violation"],
        },
    )
    # the 案源 check (met at 立案) and the 90-day decision clock it starts
    assert opened["state"] == "investigating"
    assert [d["rule"] for d in opened["deadlines"]] == [
        "penalty.lead_check",
        "penalty.decision.scjg",
    ]
    post(
        officer,
        f"{base}/add_evidence/",
        {"kind": "record", "title": "现场笔录", "collected_on": "2025-03-05", "id_shown": True},
    )
    post(officer, f"{base}/conclude_investigation/", {"on": "2025-03-10"})
    post(
        officer,
        f"{base}/serve_notice/",
        {
            "types": ["fine"],
            "fine": "2000",
            "facts": "销售掺假产品",
            "reasons": "违反产品质量法",
            "basis_text": "产品质量法第五十条",
            "served_on": "2025-03-11",
        },
    )
    post(
        officer, f"{base}/record_statement/", {"received_on": "2025-03-12", "waive_statement": True}
    )
    decided = post(
        head,
        f"{base}/decide_case/",
        {
            "outcome": "penalty",
            "types": ["fine"],
            "fine": "2000",
            "reasons": "事实清楚",
            "decided_on": "2025-03-19",
        },
    )
    assert (
        decided["state"] == "decided"
        and decided["tier"] == "lenient"
        and decided["benchmark_version_id"]
    )
    post(officer, f"{base}/generate_document/", {"kind": "decision"})
    post(officer, f"{base}/serve_decision/", {"served_on": "2025-03-20", "mode": "direct"})
    with time_machine.travel(D(2025, 3, 24), tick=False):
        published = post(officer, f"{base}/publish_decision/", {"on": "2025-03-24"})
    assert published["publication_on_time"] is True
    post(officer, f"{base}/record_payment/", {"amount": "2000", "paid_on": "2025-03-28"})
    post(head, f"{base}/close_case/", {"closed_on": "2025-03-31", "reason": "已缴清"})
    archived = post(officer, f"{base}/archive_case/", {"archived_on": "2025-04-01"})
    assert archived["state"] == "archived"
    history = [h["action"] for h in archived["history"]]
    assert history[0] == "penalty.register_source" and history[-1] == "penalty.archive_case"
    result = export_case(Case.objects.get(pk=pk), tmp_path / "archive", actor=world.head)
    assert verify_archive(result.path) == []
    assert reviewer.get(f"{base}/").status_code == 200


def test_refusal_is_409_with_guard_and_article_and_saves_nothing(flow, world, api):
    case = flow.examined()
    before = counts()
    r = api["head"].post(
        f"/api/enforcement/cases/{case.pk}/decide_case/",
        {
            "outcome": "penalty",
            "types": ["fine"],
            "fine": "5000",
            "reasons": "事实清楚",
            "decided_on": "2025-03-25",
        },
        format="json",
    )
    assert r.status_code == 409
    body = r.json()
    assert body["code"] == "transition_refused" and "第六十二条" in body["detail"]
    assert any(
        g["code"] == "notice_served" and "第六十二条" in g["citation"] for g in body["guards"]
    )
    assert counts() == before
    case.refresh_from_db()
    assert case.state == "examining"


def test_summary_201_yuan_for_a_person_is_409_article_51(world, api):
    from fazhi.systems.matters.models import LegalBasis

    LegalBasis.objects.filter(matter=world.matter).update(fine_min=50)
    payload = {
        "agency": world.bureau.pk,
        "matter": world.matter.pk,
        "officers": [s.pk for s in world.officers],
        "party_kind": "person",
        "party_name": "吴某",
        "types": ["fine"],
        "fine": "201",
        "decided_on": "2025-03-04",
        "violation_date": "2025-03-04",
        "facts": "当场发现",
        "reasons": "当场查获",
        "id_shown": True,
        "notified": True,
        "statement_waived": True,
    }
    r = api["officer"].post("/api/enforcement/summary/", payload, format="json")
    assert r.status_code == 409 and "第五十一条" in r.json()["detail"]
    assert not Case.objects.exists()
    payload["fine"] = "200"
    assert (
        api["officer"].post("/api/enforcement/summary/", payload, format="json").status_code == 201
    )


def test_bad_input_is_400_naming_the_field(flow, world, api):
    case = flow.opened()
    r = api["officer"].post(
        f"/api/enforcement/cases/{case.pk}/add_evidence/", {"kind": "nonsense"}, format="json"
    )
    assert r.status_code == 400 and "kind" in r.json() and "title" in r.json()


def test_policies_in_the_api(flow, world, api):
    case = flow.notified()
    # An officer may not take the head's step; another agency's officer does not see the case.
    r = api["officer"].post(
        f"/api/enforcement/cases/{case.pk}/decide_case/",
        {
            "outcome": "penalty",
            "types": ["fine"],
            "fine": "5000",
            "reasons": "x",
            "decided_on": "2025-03-25",
        },
        format="json",
    )
    assert r.status_code == 403
    assert api["outsider"].get(f"/api/enforcement/cases/{case.pk}/").status_code == 404
    assert api["outsider"].get("/api/enforcement/cases/").json()["results"] == []
    listed = api["supervisor"].get("/api/enforcement/cases/?state=notified").json()["results"]
    assert [c["id"] for c in listed] == [case.pk]


def test_review_checklist_through_the_api(flow, world, api):
    case = flow.notified()
    post(
        api["officer"],
        f"/api/enforcement/cases/{case.pk}/submit_legal_review/",
        {"submitted_on": "2025-03-19"},
    )
    data = {"result": "passed", "completed_on": "2025-03-20"}
    data.update({f"ok_{code}": True for code, _ in rules.REVIEW_CHECKLIST if code != "crime"})
    r = api["reviewer"].post(
        f"/api/enforcement/cases/{case.pk}/complete_legal_review/", data, format="json"
    )
    assert r.status_code == 409 and "118号" in r.json()["detail"]
    data["ok_crime"] = True
    assert (
        post(api["reviewer"], f"/api/enforcement/cases/{case.pk}/complete_legal_review/", data)[
            "state"
        ]
        == "ready"
    )
