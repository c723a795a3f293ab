"""Who the demo's 行政处罚 cases are about, and for what: parties' names and the agency's penalty
matters, shared by the history and the open cases."""

from __future__ import annotations

import random

from fazhi.core.demo import names
from fazhi.systems.matters.models import Matter

SHOPS = (
    "宏达",
    "鑫源",
    "永盛",
    "华联",
    "金穗",
    "恒丰",
    "顺发",
    "万家",
    "福满",
    "康宁",
    "利民",
    "安泰",
    "新旺",
    "友谊",
    "百信",
    "丰泽",
    "嘉禾",
    "同福",
    "汇通",
    "长青",
)
TRADES = (
    "商贸",
    "食品",
    "超市",
    "餐饮管理",
    "建材",
    "五金",
    "农资",
    "化工",
    "电器",
    "药房",
    "粮油",
    "服装",
)


def company_name(rng: random.Random, place: str) -> str:
    return f"{place}{rng.choice(SHOPS)}{rng.choice(TRADES)}有限公司"


def person_name(rng: random.Random) -> str:
    return names.person_name(rng, female=rng.random() < 0.4)


def penalty_matters(agency) -> list:
    """The agency's active penalty matters that have a legal basis to cite."""
    return list(
        Matter.objects.filter(
            agency=agency, kind="penalty", active=True, bases__isnull=False
        ).distinct()
    )
