"""The matters demo loader: realistic market-regulation rules, published through the door,
idempotent on a second run."""

from __future__ import annotations

import random
from datetime import date
from types import SimpleNamespace

import pytest
import time_machine

from fazhi.core.orgs.models import Division
from fazhi.core.publication.models import PublishedItem
from fazhi.systems.matters import selectors, services
from fazhi.systems.matters.demo import load_demo
from fazhi.systems.matters.models import BenchmarkVersion, LenientList, Matter
from tests import factories


@pytest.fixture
def county(db):
    market = factories.agency("示范县市场监督管理局")
    market.enforcement_subject = True
    market.save()
    eco = factories.agency("示范县生态环境局")
    eco.enforcement_subject = True
    eco.save()
    return SimpleNamespace(
        agencies={"market": market, "eco": eco, "government": market.government},
        logins=[],
        county=Division.objects.get(code="339001"),
        rng=lambda name: random.Random(name),
    )


@pytest.mark.django_db
def test_matters_demo(county):
    with time_machine.travel(date(2025, 6, 2), tick=False):
        first = load_demo(county)
        again = load_demo(county)
    assert first == {"matters": 12, "benchmarks": 7, "lists": 6, "published": 1}
    assert again["benchmarks"] == again["lists"] == again["published"] == 0
    assert Matter.objects.count() == 12
    market = county.agencies["market"]
    assert PublishedItem.objects.filter(agency=market, kind="pre_enforcement").count() == 1
    assert (
        BenchmarkVersion.objects.filter(benchmark__matter__agency=market, published=True).count()
        == 5
    )
    assert set(LenientList.objects.filter(agency=market).values_list("kind", flat=True)) == {
        "no_penalty",
        "lighter",
        "mitigated",
        "no_coercion",
    }
    licence = Matter.objects.get(agency=market, name__startswith="对未取得食品生产经营许可")
    # 第三十七条 on the demo data: an act in September 2015 is judged under the lighter 2009 law.
    assert selectors.basis_for(licence, date(2015, 9, 1), date(2015, 11, 1)).article == "第八十四条"
    notice = Matter.objects.get(agency=market, name__contains="营业执照置于")
    first_time = ["first_violation", "minor_harm", "corrected"]
    assert services.match_lenient(market, notice, first_time, date(2025, 6, 2))
