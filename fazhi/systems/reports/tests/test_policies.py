"""Who sees the 统计分析 entries: the organisation's drafting staff
(法制审核人员), its head and the supervisors work with reports; enforcement officers, the other
business staff and the three separated administrators do not. The navigation, the pages and the
API give the same answer for each role."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from fazhi.core.publication.tests.factories import Role, user
from fazhi.core.ui.nav import visible
from fazhi.systems.reports import services

REPORT_PAGES = ("reports:list", "reports:assessment", "reports:check")


def _nav_urls(u) -> set[str]:
    return {item.url_name for _, items in visible(u) for item, _ in items}


@pytest.fixture
def report(east, drafter):
    with time_machine.travel(date(2025, 1, 10), tick=False):
        return services.create_report(east.market, 2024, actor=drafter)


@pytest.mark.parametrize(
    ("role", "reports", "bulletin"),
    [
        (Role.LEGAL_REVIEWER, True, False),
        (Role.AGENCY_HEAD, True, False),
        (Role.SUPERVISOR, True, True),
        (Role.OFFICER, False, False),
        (Role.DISCLOSURE_STAFF, False, False),
        (Role.PETITION_STAFF, False, False),
        (Role.SYSTEM_ADMIN, False, False),
        (Role.SECURITY_ADMIN, False, False),
        (Role.AUDIT_ADMIN, False, False),
    ],
)
def test_navigation_pages_and_api_agree_per_role(client, east, report, role, reports, bulletin):
    agency = east.justice if role == Role.SUPERVISOR else east.market
    u = user(f"u_{role}", (role, agency))
    client.force_login(u)
    nav = _nav_urls(u)
    for name in REPORT_PAGES:
        assert (name in nav) is reports, name
        assert client.get(reverse(name)).status_code == (200 if reports else 403), name
    assert ("reports:bulletin" in nav) is bulletin
    assert client.get(reverse("reports:bulletin")).status_code == (200 if bulletin else 403)
    detail = client.get(reverse("reports:detail", args=[report.pk])).status_code
    assert detail == (200 if reports else 404)  # a report's existence is not revealed
    api = client.get("/api/reports/")
    assert api.status_code == (200 if reports else 403)
    if reports:
        assert [r["id"] for r in api.json()["results"]] == [report.pk]
    assert client.get(f"/api/reports/{report.pk}/composed/").status_code == (
        200 if reports else 403
    )


def test_an_officer_cannot_draft_even_for_their_own_agency(east):
    officer = user("officer", (Role.OFFICER, east.market))
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_report(east.market, 2024, actor=officer)


def test_a_reviewer_sees_only_their_own_agencys_reports_and_a_supervisor_all(
    client, east, report, sup
):
    other = user("transport_reviewer", (Role.LEGAL_REVIEWER, east.transport))
    client.force_login(other)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert client.get("/api/reports/").json()["results"] == []
    client.force_login(sup)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200
