"""Cross-channel figures over the act links: 纠错率, 败诉率 (by agency and by 执法事项), repeat
complaints — each counting acts (here 行政处罚案件) and opening onto them — and the page listing
every matter about one act, shown on the enforcement case's page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.core.indicators import registry
from fazhi.core.indicators.registry import Period
from tests import factories

from .test_acts import _reconsideration

pytestmark = pytest.mark.django_db
Y2025 = Period.year(2025)


@pytest.fixture
def world(db):
    from fazhi.systems.enforcement import services as enforcement
    from fazhi.systems.matters.models import Matter

    dept = factories.agency("示范县市场监督管理局")
    officer = factories.user("zhifa", ("officer", dept), ("litigation_staff", dept))

    def matter(code: str, name: str) -> Matter:
        return Matter.objects.create(
            agency=dept, code=code, name=name, kind="penalty", field="市场监管"
        )

    labels, food = matter("330217001000", "销售不合格产品"), matter("330217002000", "无证经营食品")

    def case(name: str, m: Matter):
        return enforcement.register_source(
            agency=dept,
            actor=officer,
            party_kind="organisation",
            party_name=name,
            party_uscc=factories.uscc(),
            source_summary="日常检查发现",
            matter=m,
            registered_on=date(2025, 3, 1),
        )

    cases = [case("甲公司", labels), case("乙公司", labels), case("丙公司", food)]
    return {"dept": dept, "officer": officer, "cases": cases, "matters": (labels, food)}


def _suit(world, act, number: str, *, lost: bool):
    from fazhi.systems.disputes import services

    suit = services.register_litigation(
        agency=world["dept"],
        actor=world["officer"],
        court="示范县人民法院",
        number=number,
        plaintiff_name=str(act.party_name),
        complaint_received_on=date(2025, 9, 25),
        act_description=f"{act}",
        category="penalty",
        act=act,
    )
    suit = services.submit_defence(
        suit, actor=world["officer"], submitted_on=date(2025, 10, 9), evidence="证据12份"
    )
    return services.record_judgment(
        suit,
        actor=world["officer"],
        document_kind="judgment",
        outcome="revoke" if lost else "dismiss_claim",
        served_on=date(2025, 12, 1),
        lost=lost,
        loss_reason="认定事实不清" if lost else "",
        responsible_unit="稽查科" if lost else "",
    )


@pytest.fixture
def linked(world):
    a, b, _ = world["cases"]
    _suit(world, a, "（2025）浙1225行初1号", lost=True)
    _suit(world, b, "（2025）浙1225行初2号", lost=False)
    recon = _reconsideration(world["dept"], act=a, act_description=str(a))  # 2nd matter on a
    return {"recon": recon}


def test_correction_and_loss_rates_count_acts_and_open_onto_them(world, linked):
    ids = frozenset({world["dept"].pk})
    a, b, c = world["cases"]
    for code in ("acts.penalty_case_correction_rate", "acts.penalty_case_loss_rate"):
        value = registry.compute(code, ids, Y2025)
        assert (value.numerator, value.denominator, value.value) == (1, 2, Decimal("50.0"))
        assert set(registry.get(code).records(ids, Y2025)) == {a, b}
    assert registry.compute("acts.penalty_case_loss_rate", ids, Period.year(2024)).denominator == 0
    other = factories.agency("示范县交通运输局")
    assert registry.compute("acts.penalty_case_loss_rate", {other.pk}, Y2025).denominator == 0


def test_repeat_complaints_are_acts_with_two_or_more_matters(world, linked):
    ids = frozenset({world["dept"].pk})
    repeat = registry.get("acts.penalty_case_repeat_complaints")
    assert registry.compute(repeat.code, ids, Y2025).value == 1
    assert list(repeat.records(ids, Y2025)) == [world["cases"][0]]


def test_losses_by_matter_with_drill_down(client, world, linked):
    client.force_login(world["officer"])
    url = reverse("acts:losses", args=["penalty_case"])
    page = client.get(url, {"agency": world["dept"].pk, "period": "2025"})
    labels, _ = world["matters"]
    assert page.context["rows"] == [(labels, 2, 1, "50.0%")]
    drill = client.get(url, {"agency": world["dept"].pk, "period": "2025", "matter": labels.pk})
    assert {a for a, _ in drill.context["acts"]} == set(world["cases"][:2])
    export = client.get(url, {"agency": world["dept"].pk, "period": "2025", "export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_act_page_and_the_case_page_list_every_matter_about_it(client, world, linked):
    from django.contrib.contenttypes.models import ContentType

    a = world["cases"][0]
    client.force_login(world["officer"])
    ct = ContentType.objects.get_for_model(type(a))
    page = client.get(reverse("acts:matters", args=[ct.pk, a.pk]))
    assert sorted(r.channel.key for r in page.context["rows"]) == ["litigation", "reconsideration"]
    assert "败诉" in page.content.decode()
    detail = client.get(reverse("enforcement:case_detail", args=[a.pk])).content.decode()
    assert 'id="act-matters"' in detail and "（2025）浙1225行初1号" in detail
    outsider = factories.user("waibu", ("officer", factories.agency("示范县林业局")))
    client.force_login(outsider)
    assert client.get(reverse("acts:matters", args=[ct.pk, a.pk])).status_code == 404


def test_the_loss_analysis_is_in_the_nav_of_supervisors_and_litigation_staff_only(client, world):
    """The nav entry opens the analysis of the 行政处罚案件; an officer without a litigation or
    supervision role sees no entry and is refused the page."""
    index = reverse("acts:losses_index")
    supervisor = factories.user(
        "jiandu", ("supervisor", factories.agency("示范县司法局", kind="justice", supervisor=True))
    )
    for user in (world["officer"], supervisor):
        client.force_login(user)
        home = client.get(reverse("deadlines:todo")).content.decode()
        assert f'href="{index}"' in home and "败诉分析" in home
        assert client.get(index).url == reverse("acts:losses", args=["penalty_case"])
    page = client.get(reverse("acts:losses", args=["penalty_case"]))
    assert page.status_code == 200 and world["dept"].name in page.content.decode()
    plain = factories.user("zhifa2", ("officer", world["dept"]))
    client.force_login(plain)
    assert f'href="{index}"' not in client.get(reverse("deadlines:todo")).content.decode()
    assert client.get(index).status_code == 403
    assert client.get(reverse("acts:losses", args=["penalty_case"])).status_code == 403
