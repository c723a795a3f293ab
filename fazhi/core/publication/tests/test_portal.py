"""The public portal (no login), the staff pages and the API of the publication door."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.publication import services
from fazhi.core.publication.models import PublishedItem

from .test_services import ID_NUMBER, PERSON, at, publish_penalty


def publish(agency, actor, title, body="正文", kind=PublishedItem.Kind.OTHER, **kw):
    return services.publish(kind=kind, title=title, body=body, agency=agency, actor=actor, **kw)


@pytest.mark.django_db
def test_anonymous_visitor_searches_and_filters_the_portal(client, east, west, officer):
    with at(2024, 6, 3):
        old = publish(east.market, officer, "2024年双随机抽查计划", body="抽查食品经营者")
    with at(2025, 10, 10):
        penalty, _ = publish_penalty(east, officer)
        road = publish(
            west.transport,
            officer,
            "道路运输行政许可公示",
            body="准予道路货物运输经营许可",
            kind=PublishedItem.Kind.LICENCE,
            rule_id="",
        )

    response = client.get(reverse("portal:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.index(road.title) < html.index(penalty.title) < html.index(old.title)
    )  # newest first
    assert ID_NUMBER not in html and PERSON not in html

    def titles(**params):
        r = client.get(reverse("portal:index"), params)
        assert r.status_code == 200
        return {i.title for i in r.context["page"].rows}

    assert titles(q="保质期") == {penalty.title}  # a word of the body
    assert titles(q="道路 许可") == {road.title}  # every word must occur
    assert titles(q=PERSON) == set()  # masked text is not searchable
    assert titles(kind=PublishedItem.Kind.LICENCE) == {road.title}
    assert titles(agency=west.transport.pk) == {road.title}
    assert titles(year=2024) == {old.title}


@pytest.mark.django_db
def test_portal_pages_with_keyset_pagination(client, east, officer):
    with at(2025, 3, 3):
        for n in range(25):
            publish(east.market, officer, f"公告第{n:02d}号")
    first = client.get(reverse("portal:index"))
    page = first.context["page"]
    assert len(page.rows) == 20 and page.next_cursor
    second = client.get(reverse("portal:index"), {"cursor": page.next_cursor})
    rows = second.context["page"].rows
    assert len(rows) == 5
    assert {i.pk for i in page.rows}.isdisjoint({i.pk for i in rows})


@pytest.mark.django_db
def test_withdrawn_item_shows_its_reason_instead_of_the_text(client, east, officer):
    with at(2025, 9, 30):
        item, _ = publish_penalty(east, officer)
    with at(2025, 10, 9):
        services.withdraw(
            item, reason="原处罚决定已被复议机关撤销。", changed_on=date(2025, 9, 30), actor=officer
        )

    listing = client.get(reverse("portal:index")).content.decode()
    assert "已撤回" in listing and "原处罚决定已被复议机关撤销。" in listing

    page = client.get(reverse("portal:detail", args=[item.pk])).content.decode()
    assert "撤回公告" in page and "原处罚决定已被复议机关撤销。" in page
    assert "销售超过保质期的食品" not in page  # the withdrawn text is no longer shown
    assert client.get(reverse("portal:index"), {"q": "保质期"}).context["page"].rows == []

    api = client.get(reverse("publication-item", args=[item.pk])).json()
    assert api["status"] == "withdrawn" and api["body"] is None and api["fields"] is None
    assert api["withdrawal_reason"] == "原处罚决定已被复议机关撤销。"


@pytest.mark.django_db
def test_portal_detail_shows_redacted_text_and_fields(client, east, officer):
    with at(2025, 10, 10):
        item, company_code = publish_penalty(east, officer)
    page = client.get(reverse("portal:detail", args=[item.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "销售超过保质期的食品" in html and company_code in html
    assert PERSON not in html and ID_NUMBER not in html
    assert "2025年10月10日" in html
    assert client.get(reverse("portal:detail", args=[item.pk + 999])).status_code == 404


@pytest.mark.django_db
def test_public_api_needs_no_login_and_hides_timing(client, east, officer):
    with at(2025, 10, 10):
        item, _ = publish_penalty(east, officer)
    data = client.get(reverse("publication-items"), {"q": "保质期"}).json()
    assert [r["id"] for r in data["results"]] == [item.pk]
    assert "on_time" not in data["results"][0] and "findings" not in data["results"][0]
    assert client.get(reverse("publication-staff-items")).status_code in (401, 403)


@pytest.mark.django_db
def test_staff_endpoint_is_scoped_to_visible_agencies(
    client, east, west, officer, east_supervisor, west_officer
):
    with at(2025, 10, 10):
        item, _ = publish_penalty(east, officer)
    client.force_login(east_supervisor)
    rows = client.get(reverse("publication-staff-items")).json()["results"]
    assert [r["id"] for r in rows] == [item.pk]
    assert rows[0]["on_time"] is True and rows[0]["due"] == "2025-10-16"
    assert rows[0]["findings"] and all(f["ground"] for f in rows[0]["findings"])

    client.force_login(west_officer)
    assert client.get(reverse("publication-staff-items")).json()["results"] == []
    assert client.get(reverse("publication-staff-item", args=[item.pk])).status_code == 404


@pytest.mark.django_db
def test_staff_list_shows_timing_for_visible_agencies_only(
    client, east, west, officer, west_officer
):
    with at(2025, 10, 17):
        late, _ = publish_penalty(east, officer)
    client.force_login(officer)
    response = client.get(reverse("portal:manage"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.pk for r, _ in rows] == [late.pk]
    assert "逾期" in response.content.decode()
    assert client.get(reverse("portal:manage"), {"export": "xlsx"})["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )

    client.force_login(west_officer)
    assert client.get(reverse("portal:manage")).context["rows"] == []
    assert client.get(reverse("portal:manage_detail", args=[late.pk])).status_code == 404


@pytest.mark.django_db
def test_staff_withdrawal_form_keeps_input_on_refusal(client, east, officer, east_supervisor):
    with at(2025, 10, 10):
        item, _ = publish_penalty(east, officer)
        client.force_login(officer)
        url = reverse("portal:manage_withdraw", args=[item.pk])
        refused = client.post(url, {"reason": "", "changed_on": "2025-10-09"})
        assert refused.status_code == 400
        assert "第四十八条" in refused.content.decode()
        assert 'value="2025-10-09"' in refused.content.decode()
        item.refresh_from_db()
        assert item.status == PublishedItem.Status.PUBLISHED

        client.force_login(east_supervisor)  # may see, but not withdraw
        assert client.post(url, {"reason": "越权"}).status_code == 403

        client.force_login(officer)
        done = client.post(url, {"reason": "原决定已被撤销。", "changed_on": "2025-10-09"})
        assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == PublishedItem.Status.WITHDRAWN
    # 行政处罚法 第四十八条, 3 working days after Thu 9 Oct: Fri 10, Sat 11 (调休上班), Mon 13.
    assert item.withdrawal_due == date(2025, 10, 13)
    assert item.withdrawal_on_time is True


@pytest.mark.django_db
def test_nav_entry_is_for_staff_only(client, east, officer):
    from fazhi.core.ui.nav import visible

    labels = lambda u: [i.label for _, items in visible(u) for i, _ in items]  # noqa: E731
    assert "公开事项" in labels(officer)
    from .factories import user

    assert "公开事项" not in labels(user("nobody"))
