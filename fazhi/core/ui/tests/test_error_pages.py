"""The error pages a user meets in production (DEBUG off): Chinese, inside the site's layout, with
the reason the code raised when it is Chinese and a way back; JSON under /api/."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings

from fazhi.core.accounts.roles import Role
from fazhi.core.ui import errors
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production")]


@pytest.fixture
def production():
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        yield


@pytest.fixture
def market():
    return f.agency("示范县市场监督管理局")


@pytest.fixture
def officer(client, market):
    client.force_login(f.user("officer", (Role.OFFICER, market), staff_agency=market))
    return client


def page(response) -> str:
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="zh-CN">' in body and "法治政府建设平台" in body  # the site's layout
    assert "返回工作台" in body and "返回上一页" in body
    return body


def test_a_refusal_shows_the_reason_the_page_raised(officer):
    # 发放证件 belongs to the 司法局: the view's reason reaches the officer.
    response = officer.get("/officers/certificates/new/")
    assert response.status_code == 403
    body = page(response)
    assert "无权访问" in body and "只有法治监督机构（司法局）可以发放执法证件。" in body
    assert "Forbidden" not in body
    assert 'aria-label="系统导航"' in body  # the navigation stays: the user can go elsewhere


def test_a_hidden_entry_typed_by_hand_says_why(officer):
    body = page(officer.get("/disputes/"))
    assert "您的角色不能打开此页面。" in body


def test_an_entry_with_its_own_refusal_says_it(client, market):
    client.force_login(f.user("reviewer", (Role.LEGAL_REVIEWER, market)))
    response = client.get("/enforcement/cases/new/")
    assert response.status_code == 403
    assert "您不是行政执法人员，不能登记案源。" in page(response)


def test_a_missing_record_shows_the_chinese_reason(officer):
    response = officer.get("/officers/export/nothing/")
    assert response.status_code == 404
    body = page(response)
    assert "页面不存在" in body and "没有这种导出。" in body


def test_an_english_reason_gives_way_to_a_chinese_sentence(officer):
    # get_object_or_404 raises "No Certificate matches the given query."; an unknown address
    # raises the resolver's dictionary: neither is for the user.
    for path in ("/officers/certificates/999999/", "/no/such/page/"):
        response = officer.get(path)
        assert response.status_code == 404
        body = page(response)
        assert errors.DEFAULT_REASONS[404] in body
        assert "matches the given query" not in body and "Not Found" not in body


def test_the_back_link_is_the_previous_page_of_this_site_only(officer):
    body = page(officer.get("/no/such/page/", HTTP_REFERER="http://testserver/officers/training/"))
    assert 'href="http://testserver/officers/training/"' in body
    body = page(officer.get("/no/such/page/", HTTP_REFERER="http://evil.example/"))
    assert "evil.example" not in body and "history.back()" in body


def test_a_failed_csrf_check_is_explained(market):
    client = Client(enforce_csrf_checks=True)
    client.force_login(f.user("officer", (Role.OFFICER, market)))
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    body = page(response)
    assert errors.CSRF_REASON in body and "CSRF verification failed" not in body


def test_a_server_error_is_a_chinese_page_without_the_database(monkeypatch):
    from fazhi.core.ui import views

    def broken(user):
        raise RuntimeError("database is gone")

    monkeypatch.setattr(views, "principal", broken)
    client = Client(raise_request_exception=False)
    client.force_login(f.user("head", (Role.AGENCY_HEAD, f.agency("示范县市场监督管理局"))))
    response = client.get("/")
    assert response.status_code == 500
    body = page(response)
    assert "服务器内部错误" in body and errors.DEFAULT_REASONS[500] in body
    assert "database is gone" not in body and "Traceback" not in body


def test_the_500_page_makes_no_query(django_assert_num_queries):
    request = RequestFactory().get("/enforcement/cases/")
    with django_assert_num_queries(0):
        response = errors.server_error(request)
    assert response.status_code == 500 and "服务器内部错误" in response.content.decode()


def test_the_500_page_survives_a_broken_template(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("template")

    monkeypatch.setattr(errors.loader, "render_to_string", broken)
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "服务器内部错误" in response.content.decode()


def test_the_api_answers_json_in_chinese(officer, market):
    # An unknown API address: JSON, not the HTML page.
    response = officer.get("/api/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json() == {"detail": errors.DEFAULT_REASONS[404]}
    # A record that is not there: DRF's handler, Django's English replaced by a Chinese default.
    for language in ("zh-CN", "en-US,en;q=0.9"):  # a client asking for English too
        response = officer.get("/api/officers/certificates/999999/", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 404
        detail = response.json()["detail"]
        assert errors.is_chinese(detail) and "matches" not in detail, language
    # A refusal raised in Chinese keeps its reason.
    reviewer = Client()
    reviewer.force_login(f.user("reviewer", (Role.LEGAL_REVIEWER, market)))
    response = reviewer.post("/api/enforcement/cases/", {}, content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {"detail": "您不是行政执法人员，不能登记案源。"}


def test_the_api_server_error_is_json(monkeypatch):
    response = errors.server_error(RequestFactory().get("/api/enforcement/cases/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
