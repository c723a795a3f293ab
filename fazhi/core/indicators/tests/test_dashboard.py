"""The dashboard, the drill-down and the API read only the registry, under the visibility policy."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from fazhi.core.accounts.models import StaffMember
from fazhi.core.indicators import registry
from fazhi.core.indicators.registry import Indicator, Period, Value
from fazhi.core.orgs.models import Agency

SH = ZoneInfo("Asia/Shanghai")
Y2025 = Period.parse("2025")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 2, 2, 9, tzinfo=SH), tick=False):
        yield


@pytest.fixture
def deadlines(east, west, make_deadline):
    """East market: 2 of 3 met on time in 2025; east transport: 1 of 2; plus rows that must not
    count (another year, still open, another county)."""
    rows = {
        "market_ok": [
            make_deadline(east.market, due=date(2025, 3, d), closed_on=date(2025, 3, d))
            for d in (3, 4)
        ],
        "market_late": [
            make_deadline(east.market, due=date(2025, 5, 6), closed_on=date(2025, 5, 9))
        ],
        "transport_ok": [
            make_deadline(east.transport, due=date(2025, 8, 1), closed_on=date(2025, 7, 30))
        ],
        "transport_late": [
            make_deadline(east.transport, due=date(2025, 8, 1), closed_on=date(2025, 8, 4))
        ],
        "market_2024": [
            make_deadline(east.market, due=date(2024, 6, 3), closed_on=date(2024, 6, 3))
        ],
        "market_open": [make_deadline(east.market, due=date(2025, 12, 1))],
        "west": [make_deadline(west.market, due=date(2025, 3, 3), closed_on=date(2025, 3, 3))],
    }
    return rows


def things_indicator() -> Indicator:
    """A test-only indicator: the active agencies in scope whose name ends in 局."""

    def rows(ids, period):
        return Agency.objects.filter(pk__in=ids, name__endswith="局")

    return Indicator(
        code="testonly.bureaus",
        name="测试用：局的数量",
        unit="个",
        area="测试专区",
        compute=lambda ids, p: Value.count(rows(ids, p).count(), "个"),
        records=rows,
        record_columns=[("机关", "name")],
    )


@pytest.mark.django_db
def test_a_registered_indicator_appears_on_the_dashboard_and_in_the_api(
    client, east, east_supervisor
):
    client.force_login(east_supervisor)
    with registry.registered(things_indicator()):
        page = client.get(
            reverse("indicators:dashboard"), {"agency": east.government.pk, "period": "2025"}
        )
        assert page.status_code == 200
        areas = dict(page.context["areas"])
        [card] = areas["测试专区"]
        assert card.value.value == 3  # 市场监督管理局, 交通运输局, 司法局
        assert "测试用：局的数量" in page.content.decode()

        listed = client.get(reverse("indicators-list")).json()
        assert {"code": "testonly.bureaus", "area": "测试专区"}.items() <= next(
            i for i in listed if i["code"] == "testonly.bureaus"
        ).items()
        values = client.get(
            reverse("indicators-values"), {"agency": east.government.pk, "period": "2025"}
        ).json()
        mine = next(v for v in values["values"] if v["code"] == "testonly.bureaus")
        assert mine["value"] == 3 and mine["unit"] == "个"

        drill = client.get(card.url)
        assert sorted(r.name for r, _ in drill.context["rows"]) == sorted(
            [east.market.name, east.transport.name, east.justice.name]
        )
    # Unregistered after the block: gone from the dashboard and the API.
    page = client.get(reverse("indicators:dashboard"), {"agency": east.government.pk})
    assert "测试专区" not in dict(page.context["areas"])
    assert "testonly.bureaus" not in {
        i["code"] for i in client.get(reverse("indicators-list")).json()
    }
    assert client.get(reverse("indicators:records", args=["testonly.bureaus"])).status_code == 404


@pytest.mark.django_db
def test_drill_down_lists_exactly_the_records_counted(client, east, east_supervisor, deadlines):
    client.force_login(east_supervisor)
    ids = frozenset({east.market.pk})
    value = registry.compute("deadlines.met_on_time", ids, Y2025)
    assert value.value == 2

    url = reverse("indicators:records", args=["deadlines.met_on_time"])
    page = client.get(url, {"agency": east.market.pk, "period": "2025"})
    assert page.status_code == 200
    assert {r.pk for r, _ in page.context["rows"]} == {d.pk for d in deadlines["market_ok"]}
    assert page.context["value"].value == value.value

    rate = client.get(
        reverse("indicators:records", args=["deadlines.on_time_rate"]),
        {"agency": east.market.pk, "period": "2025"},
    )
    expected = {d.pk for d in deadlines["market_ok"] + deadlines["market_late"]}
    assert {r.pk for r, _ in rate.context["rows"]} == expected  # a ratio lists its denominator
    assert rate.context["value"].value == Decimal("66.7")

    export = client.get(url, {"agency": east.market.pk, "period": "2025", "export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_a_government_aggregates_its_agencies(east, deadlines):
    county = registry.scope_for(east.government)
    assert county == {east.government.pk, east.market.pk, east.transport.pk, east.justice.pk}

    count = registry.compute("deadlines.met_on_time", county, Y2025)
    market = registry.compute("deadlines.met_on_time", {east.market.pk}, Y2025)
    transport = registry.compute("deadlines.met_on_time", {east.transport.pk}, Y2025)
    assert market.value is not None and transport.value is not None
    assert count.value == market.value + transport.value == 3

    rate = registry.compute("deadlines.on_time_rate", county, Y2025)
    # 3 on time of 5 met: 60 %, not the mean of 66.7 % and 50 %.
    assert (rate.numerator, rate.denominator, rate.value) == (3, 5, Decimal("60.0"))
    parts = [v for _, v in registry.breakdown("deadlines.on_time_rate", county, Y2025)]
    assert registry.combine(registry.get("deadlines.on_time_rate"), parts) == rate


@pytest.mark.django_db
def test_dashboard_compares_with_the_previous_period(client, east, east_supervisor, deadlines):
    client.force_login(east_supervisor)
    page = client.get(reverse("indicators:dashboard"), {"agency": east.market.pk, "period": "2025"})
    card = next(
        f
        for f in dict(page.context["areas"])["期限管理"]
        if f.indicator.code == "deadlines.met_on_time"
    )
    assert (card.value.value, card.previous.value) == (2, 1)
    assert card.change.text == "+1 件" and card.change.tone == "green"
    assert card.url.endswith(f"?agency={east.market.pk}&period=2025")


@pytest.mark.django_db
def test_overdue_open_counts_what_was_running_late_at_period_end(east, make_deadline):
    running = make_deadline(east.market, due=date(2025, 11, 3))  # still open
    closed_late_after = make_deadline(
        east.market, due=date(2025, 12, 1), closed_on=date(2026, 1, 5)
    )
    make_deadline(
        east.market, due=date(2025, 12, 1), closed_on=date(2025, 12, 30)
    )  # closed in time
    make_deadline(east.market, due=date(2026, 3, 1))  # not yet due
    rows = registry.records("deadlines.overdue_open", {east.market.pk}, Y2025)
    assert {d.pk for d in rows} == {running.pk, closed_late_after.pk}
    # For a period still running, "period end" is today (2 Feb 2026 here).
    q1 = registry.compute("deadlines.overdue_open", {east.market.pk}, Period.parse("2026Q1"))
    assert q1.value == 1 and "2026-02-02" in q1.note


@pytest.mark.django_db
def test_staff_count(east):
    StaffMember.objects.create(agency=east.market, name="王五", id_number="11010519491231002X")
    StaffMember.objects.create(
        agency=east.market, name="赵六", id_number="110105194912310037", active=False
    )
    assert registry.compute("accounts.staff_count", {east.market.pk}, Y2025).value == 1


@pytest.mark.django_db
def test_another_countys_agency_is_refused(client, east, west, west_officer, deadlines):
    client.force_login(west_officer)
    params = {"agency": east.market.pk, "period": "2025"}
    assert client.get(reverse("indicators:dashboard"), params).status_code == 403
    assert (
        client.get(
            reverse("indicators:records", args=["deadlines.met_on_time"]), params
        ).status_code
        == 403
    )
    assert client.get(reverse("indicators-values"), params).status_code == 403
    assert (
        client.get(
            reverse("indicators-records", args=["deadlines.met_on_time"]), params
        ).status_code
        == 403
    )

    own = client.get(reverse("indicators:dashboard"))
    assert [a.pk for a in own.context["agencies"]] == [west.market.pk]


@pytest.mark.django_db
def test_a_department_user_sees_only_their_department_within_the_government(
    client, east, market_officer, deadlines
):
    client.force_login(market_officer)
    assert (
        client.get(reverse("indicators:dashboard"), {"agency": east.government.pk}).status_code
        == 403
    )
    values = client.get(
        reverse("indicators-values"), {"agency": east.market.pk, "period": "2025"}
    ).json()
    assert values["agency_ids"] == [east.market.pk]
    met = next(v for v in values["values"] if v["code"] == "deadlines.met_on_time")
    assert met["value"] == 2


@pytest.mark.django_db
def test_api_records_are_paged_and_match_the_figure(client, east, east_supervisor, deadlines):
    client.force_login(east_supervisor)
    url = reverse("indicators-records", args=["deadlines.on_time_rate"])
    data = client.get(url, {"agency": east.government.pk, "period": "2025", "page_size": 3}).json()
    seen = [r["id"] for r in data["results"]]
    assert len(seen) == 3 and data["next"]
    seen += [r["id"] for r in client.get(data["next"]).json()["results"]]
    assert len(seen) == 5 == len(set(seen))
    assert data["results"][0]["values"]["按期完成"] in (True, False)


@pytest.mark.django_db
def test_bad_period_is_a_clear_error(client, east, east_supervisor):
    client.force_login(east_supervisor)
    r = client.get(reverse("indicators-values"), {"agency": east.market.pk, "period": "2025Q9"})
    assert r.status_code == 400 and "期间" in r.json()["period"][0]
    page = client.get(
        reverse("indicators:records", args=["deadlines.met_on_time"]), {"period": "明年"}
    )
    assert page.status_code == 400 and "无法识别的期间" in page.content.decode()


@pytest.mark.django_db
def test_publication_on_time_rate_counts_items_with_a_deadline(east, market_officer):
    from fazhi.core.publication import services
    from fazhi.core.publication.models import PublishedItem

    def penalty(title, published_day):
        with time_machine.travel(datetime(2025, 10, published_day, 10, tzinfo=SH), tick=False):
            return services.publish(
                kind=PublishedItem.Kind.PENALTY,
                title=title,
                body="处罚决定",
                agency=east.market,
                decided_on=date(2025, 9, 30),
                actor=market_officer,
            )

    on_time = penalty("按期公开的决定", 10)  # due 16 Oct 2025 (7 WD across 国庆)
    late = penalty("逾期公开的决定", 17)
    with time_machine.travel(datetime(2025, 10, 17, 10, tzinfo=SH), tick=False):
        services.publish(
            kind=PublishedItem.Kind.PRE_ENFORCEMENT,
            title="事前公示",
            body="",
            agency=east.market,
            actor=market_officer,
        )
    ids = registry.scope_for(east.government)
    rate = registry.compute("publication.on_time_rate", ids, Y2025)
    assert (rate.numerator, rate.denominator, rate.value) == (1, 2, Decimal("50.0"))
    assert {i.pk for i in registry.records("publication.on_time_rate", ids, Y2025)} == {
        on_time.pk,
        late.pk,
    }
    assert registry.compute("publication.published", ids, Y2025).value == 3
