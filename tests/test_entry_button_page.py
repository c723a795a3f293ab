"""One policy for the navigation entry, the button and the page: a role is shown an entry or a
button exactly when the page behind it opens for that role, and a role refused by typing the
address reads why, in Chinese. The cases the workplace issue named: 登记案源 and 当场处罚 (only
officers open cases), 登记学时 and 批量导入 of training hours (the 司法局 and the agency head),
即将到期的执法证 (the 司法局 and the agency head), and the 法治考核 export link."""

from __future__ import annotations

import pytest

from fazhi.core.accounts.roles import Role
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    market = f.agency("示范县市场监督管理局")
    justice = f.agency("示范县司法局", kind="justice", supervisor=True)
    return {"market": market, "justice": justice}


def signed_in(client, role, agency):
    client.force_login(f.user(f"u_{role}", (role, agency), staff_agency=agency))
    return client


def nav(client) -> set[str]:
    return {item.label for _, items in client.get("/").context["nav_sections"] for item, _ in items}


ROLES = [
    (Role.OFFICER, "market"),
    (Role.LEGAL_REVIEWER, "market"),
    (Role.AGENCY_HEAD, "market"),
    (Role.SUPERVISOR, "justice"),
    (Role.DISCLOSURE_STAFF, "market"),
    (Role.PETITION_STAFF, "market"),
    (Role.LITIGATION_STAFF, "market"),
]


@pytest.mark.parametrize(("role", "where"), ROLES)
def test_opening_a_case_is_shown_to_officers_only(client, agencies, role, where):
    c = signed_in(client, role, agencies[where])
    officer = role == Role.OFFICER
    shown = nav(c)
    for label, path, refusal in (
        ("登记案源", "/enforcement/cases/new/", "您不是行政执法人员，不能登记案源。"),
        ("当场处罚", "/enforcement/summary/new/", "您不是行政执法人员，不能当场作出处罚决定。"),
    ):
        assert (label in shown) is officer, (role, label)
        response = c.get(path)
        assert response.status_code == (200 if officer else 403), (role, path)
        if not officer:
            assert refusal in response.content.decode()


@pytest.mark.parametrize(("role", "where"), ROLES)
def test_training_and_expiring_buttons_follow_their_pages(client, agencies, role, where):
    c = signed_in(client, role, agencies[where])
    records = role in (Role.AGENCY_HEAD, Role.SUPERVISOR)  # 司法局 or the agency's own head
    expiring = role in (Role.AGENCY_HEAD, Role.SUPERVISOR)

    for page in ("/officers/training/", "/officers/training/records/"):
        body = c.get(page).content.decode()
        assert ("登记学时" in body) is records, (role, page)
        assert ("/officers/import/training/" in body) is records, (role, page)
    assert c.get("/officers/training/new/").status_code == (200 if records else 403)
    assert c.get("/officers/import/training/").status_code == (200 if records else 403)

    body = c.get("/officers/certificates/").content.decode()
    assert ('href="/officers/certificates/expiring/"' in body) is expiring, role
    assert ("即将到期的执法证" in nav(c)) is expiring, role
    response = c.get("/officers/certificates/expiring/")
    assert response.status_code == (200 if expiring else 403)
    if not expiring:
        assert (
            "即将到期的执法证由法治监督机构（司法局）和机关负责人查看。"
            in response.content.decode()
        )


def test_a_department_page_names_its_government_without_a_link_it_cannot_open(client, agencies):
    c = signed_in(client, Role.OFFICER, agencies["market"])
    body = c.get(f"/orgs/agencies/{agencies['market'].pk}/").content.decode()
    government = agencies["market"].government
    assert government.name in body
    assert f'href="/orgs/agencies/{government.pk}/"' not in body
    assert c.get(f"/orgs/agencies/{government.pk}/").status_code == 404
    # the 司法局 supervisor opens the government's page, so its page links to it
    s = signed_in(client, Role.SUPERVISOR, agencies["justice"])
    body = s.get(f"/orgs/agencies/{agencies['justice'].pk}/").content.decode()
    assert f'href="/orgs/agencies/{government.pk}/"' in body
    assert s.get(f"/orgs/agencies/{government.pk}/").status_code == 200


def test_the_assessment_export_link_downloads_the_scores(client, agencies):
    c = signed_in(client, Role.SUPERVISOR, agencies["justice"])
    response = c.get("/reports/assessment/")  # no query: the link must still be well formed
    assert response.status_code == 200
    link = response.context["export_url"]
    assert link.startswith("/reports/assessment/?") and "export=xlsx" in link
    download = c.get(link)
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert "attachment" in download["Content-Disposition"]
