"""A page that is a navigation entry answers as the navigation does (visibility is decided in one
place). An address typed by hand is refused with 403 when the entry is hidden."""

from __future__ import annotations

import pytest

from fazhi.core.accounts.roles import Role
from fazhi.core.ui import nav
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    return f.agency("示范县市场监督管理局")


def signed_in(client, username, *grants):
    client.force_login(f.user(username, *grants))
    return client


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        (Role.OFFICER, "/enforcement/cases/", 200),
        (Role.OFFICER, "/disputes/", 403),  # 行政复议 is not an officer's page
        (Role.OFFICER, "/petitions/", 403),
        (Role.AUDIT_ADMIN, "/enforcement/cases/", 403),  # 三员: no business data
        (Role.SYSTEM_ADMIN, "/enforcement/cases/", 403),
        (Role.SECURITY_ADMIN, "/disclosure/", 403),
        (Role.LITIGATION_STAFF, "/disputes/", 200),
        (Role.LITIGATION_STAFF, "/enforcement/cases/", 403),
    ],
)
def test_a_hidden_entry_is_a_refused_page(client, market, role, path, status):
    c = signed_in(client, "u1", (role, market))
    assert c.get(path).status_code == status


def test_the_export_of_a_hidden_list_is_refused_too(client, market):
    c = signed_in(client, "u1", (Role.AUDIT_ADMIN, market))
    assert c.get("/enforcement/cases/", {"export": "xlsx"}).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get("/enforcement/cases/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_pages_that_are_not_entries_are_left_to_their_views():
    assert nav.page_allowed(object(), "enforcement:case_detail")


def test_a_link_to_another_systems_page_asks_the_same_gate(market):
    """A page that links to a record it does not own (a deadline's subject) asks whether the
    target opens for the user before drawing the link."""
    officer = f.user("u1", (Role.OFFICER, market))
    litigation = f.user("u2", (Role.LITIGATION_STAFF, market))
    assert nav.url_allowed(officer, "/enforcement/cases/?sort=due")
    assert not nav.url_allowed(officer, "/disputes/recommendations/")
    assert nav.url_allowed(litigation, "/disputes/recommendations/")
    assert nav.url_allowed(officer, "/enforcement/cases/1/")  # not an entry: its view decides
    assert not nav.url_allowed(officer, "/no/such/page/")


def test_a_refused_entry_names_its_own_reason(market):
    reviewer = f.user("u1", (Role.LEGAL_REVIEWER, market))
    assert (
        nav.page_refusal(reviewer, "enforcement:case_new") == "您不是行政执法人员，不能登记案源。"
    )
    assert nav.page_refusal(reviewer, "disputes:reconsideration") == nav.REFUSED
    assert nav.page_refusal(reviewer, "enforcement:case_list") is None
