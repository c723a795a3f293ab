"""Fixtures: a market-regulation bureau with its legal reviewer, a penalty matter whose basis
changed over time, a benchmark with four tiers, and the four lists — all through the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from fazhi.core.accounts.roles import Role
from fazhi.systems.matters import services
from tests import factories

D = date
ACTOR = "测试"


@pytest.fixture
def org(db):
    market = factories.agency("示范县市场监督管理局")
    market.enforcement_subject = True
    market.save()
    eco = factories.agency("示范县生态环境局")
    reviewer = factories.user("fazhi", (Role.LEGAL_REVIEWER, market), staff_agency=market)
    officer = factories.user("zhifa", (Role.OFFICER, market), staff_agency=market)
    outsider = factories.user("waiju", (Role.LEGAL_REVIEWER, eco), staff_agency=eco)
    return SimpleNamespace(
        market=market, eco=eco, reviewer=reviewer, officer=officer, outsider=outsider
    )


def basis(instrument, article, start, end, lo, hi, quote="条文"):
    return {
        "instrument": instrument,
        "article": article,
        "quote": quote,
        "effective_from": start,
        "effective_to": end,
        "fine_min": None if lo is None else Decimal(lo),
        "fine_max": None if hi is None else Decimal(hi),
    }


@pytest.fixture
def matter(org):
    """A food-licence penalty: 2000–50000 under the 2009 law, 50000–100000 from 2015-10-01."""
    m = services.save_matter(
        org.market,
        code="SJ001",
        name="对未取得食品生产经营许可从事食品生产经营活动的行政处罚",
        kind="penalty",
        field="市场监管",
        fine_min=Decimal(50000),
        fine_max=Decimal(100000),
        actor=ACTOR,
    )
    services.replace_bases(
        m,
        [
            basis(
                "中华人民共和国食品安全法（2009年）",
                "第八十四条",
                D(2009, 6, 1),
                D(2015, 9, 30),
                2000,
                50000,
            ),
            basis(
                "中华人民共和国食品安全法",
                "第一百二十二条第一款",
                D(2015, 10, 1),
                None,
                50000,
                100000,
            ),
        ],
        actor=ACTOR,
    )
    return m


TIERS = [
    {
        "tier": "lenient",
        "circumstances": ["cooperative", "first_violation"],
        "min_amount": Decimal(50000),
        "max_amount": Decimal(65000),
    },
    {
        "tier": "ordinary",
        "circumstances": [],
        "min_amount": Decimal(65000),
        "max_amount": Decimal(85000),
    },
    {
        "tier": "severe",
        "circumstances": ["repeat", "serious_harm"],
        "min_amount": Decimal(85000),
        "max_amount": Decimal(100000),
    },
    {
        "tier": "mitigated",
        "circumstances": ["eliminated_harm", "confessed"],
        "min_amount": Decimal(10000),
        "max_amount": Decimal(45000),
    },
]


@pytest.fixture
def benchmark(matter):
    return services.save_benchmark_version(
        matter,
        label="2024版",
        effective_from=D(2024, 1, 1),
        tiers=TIERS,
        violation="未取得许可从事食品经营",
        published_on=D(2023, 12, 28),
        document_number="示市监〔2023〕17号",
        actor=ACTOR,
    )


@pytest.fixture
def lists(org, matter):
    other = services.save_matter(
        org.market,
        code="SJ002",
        name="对未将营业执照置于醒目位置的行政处罚",
        kind="penalty",
        field="市场监管",
        fine_max=Decimal(30000),
        actor=ACTOR,
    )
    first = ["first_violation", "minor_harm", "corrected"]
    services.save_lenient_list(
        org.market,
        kind="no_penalty",
        version="2024版",
        title="不予处罚清单",
        effective_from=D(2024, 1, 1),
        items=[
            {
                "matter": other,
                "description": "未亮照",
                "conditions": first,
                "measure": "责令改正，并进行教育",
            },
            {
                "matter": None,
                "description": "违法行为轻微并及时改正，没有造成危害后果的",
                "conditions": ["minor_violation", "corrected", "no_harm"],
            },
        ],
        actor=ACTOR,
    )
    return SimpleNamespace(other=other)
