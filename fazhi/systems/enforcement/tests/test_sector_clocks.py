"""Each case runs on its own sector's clocks (行政处罚法 第六十条).

第六十条 gives ninety days from 立案 and nothing more: 「法律、法规、规章另有规定的，从其规定」. The
市场监管 rules (《市场监督管理行政处罚程序规定》第六十四条: +30 days with the head's approval,
hearing time not counted; 第十八条 案源核查; 第五十五条 法制审核) time 市场监管 cases only; a 公安 治安
case has 30 days (治安管理处罚法); any other sector gets 第六十条 as it stands.
"""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest

from fazhi.core.deadlines.models import Deadline
from fazhi.core.tasks.models import Task
from fazhi.core.workflow.engine import Refused
from fazhi.kernel.timelimits import get_rule
from fazhi.systems.enforcement import rules, services
from fazhi.systems.officers.models import Certificate

from .conftest import _matter, counts

pytestmark = pytest.mark.django_db


def _clock(case, prefix="penalty.decision"):
    return Deadline.objects.get(
        subject_id=case.pk, rule_id__startswith=prefix, status__in=("open", "suspended")
    )


def _rules_of(case):
    return set(Deadline.objects.filter(subject_id=case.pk).values_list("rule_id", flat=True))


def _sector_matter(world, field, code):
    """A penalty matter of ``field`` (the officers hold certificates for it)."""
    m = _matter(world.bureau, code, f"{field}违法行为")
    m.field = field
    m.save(update_fields=["field"])
    for cert in Certificate.objects.all():
        cert.fields = [*cert.fields, field]
        cert.save(update_fields=["fields"])
    return m


def _person_case(flow, world, matter):
    """刘某, fined 10,000 元 (a hearing right), opened 4 March 2025, notified 11 March."""
    case = flow.source(
        matter=matter,
        party_kind="person",
        party_name="刘某",
        party_id_number=world.id_number(D(1990, 1, 1), "201"),
    )
    return flow.opened(case)


def _hearing(case, world):
    """The party asks on 14 March; the hearing is held and recorded on 26 March."""
    services.request_hearing(case, actor=world.officer, requested_on=D(2025, 3, 14))
    services.schedule_hearing(
        case,
        actor=world.officer,
        scheduled_for=D(2025, 3, 26),
        chair=world.chair,
        notified_on=D(2025, 3, 14),
        location="本局听证室",
    )
    services.record_hearing(
        case, actor=world.chair_user, held_on=D(2025, 3, 26), record="听证笔录全文"
    )
    case.refresh_from_db()
    return case


def _refused_extension(case, world, **kw):
    before = (counts(), _clock(case).due, _clock(case).extended)
    with pytest.raises(Refused) as info:
        services.extend_decision_period(
            case, actor=world.head, reason="案情复杂", on=D(2025, 3, 27), **kw
        )
    assert (counts(), _clock(case).due, _clock(case).extended) == before  # nothing saved
    return info.value.messages


def test_decision_period_follows_the_agency_sector_article_60(flow, world):
    # -- 市场监管: 90 days, the hearing not counted, +30 with the 市场监管 head's approval ------
    samr = _person_case(flow, world, world.matter)
    clock = _clock(samr)
    rule = get_rule(clock.rule_id)
    assert clock.rule_id == rules.RULE_DECISION_SCJG
    assert "市场监督管理行政处罚程序规定" in rule.citation and "第六十四条" in rule.citation
    assert clock.due == samr.decision_due == D(2025, 6, 3)  # 6-2 (端午) rolled
    assert rules.RULE_LEAD_CHECK in _rules_of(samr)  # 第十八条 案源核查 ran from the source
    samr = flow.notified(flow.examined(samr), fine=Decimal("10000"))
    assert samr.hearing_right
    samr = _hearing(samr, world)
    # 14–26 March (13 days) not counted: 6-2 + 13 = 6-15, a Sunday → 6-16
    assert _clock(samr).due == samr.decision_due == D(2025, 6, 16)
    assert Task.objects.get(subject_id=samr.pk, status="open").due == D(2025, 6, 16)
    messages = _refused_extension(samr, world, days=45)
    assert any(
        "第六十四条" in m and "30日" in m and "市场监督管理部门负责人" in m for m in messages
    )
    services.extend_decision_period(samr, actor=world.head, reason="案情复杂", on=D(2025, 3, 27))
    assert _clock(samr).due == D(2025, 7, 15)  # 6-15 + 30 = 7-15
    services.submit_legal_review(samr, actor=world.officer, submitted_on=D(2025, 3, 27))
    assert _clock(samr, rules.RULE_LEGAL_REVIEW).rule_id == rules.RULE_LEGAL_REVIEW  # 第五十五条

    # -- another sector (城市管理): 第六十条 as it stands -----------------------------------------
    city = _person_case(flow, world, _sector_matter(world, "城市管理", "330217099000"))
    clock = _clock(city)
    assert clock.rule_id == rules.RULE_DECISION
    assert get_rule(clock.rule_id).citation == "《中华人民共和国行政处罚法》第六十条"
    assert clock.due == city.decision_due == D(2025, 6, 3)
    assert rules.RULE_LEAD_CHECK not in _rules_of(city)  # no 市场监管 案源 clock
    city = flow.notified(flow.examined(city), fine=Decimal("10000"))
    assert city.hearing_right
    city = _hearing(city, world)
    assert _clock(city).due == city.decision_due == D(2025, 6, 3)  # the hearing counts
    assert _clock(city).suspensions == []
    messages = _refused_extension(city, world)
    assert any("第六十条" in m and "没有延长期限的规定" in m for m in messages)
    before = counts()
    with pytest.raises(Refused) as info:
        services.suspend_decision_period(
            city, actor=world.officer, reason="检测、检验", on=D(2025, 3, 27)
        )
    assert any("第六十条" in m for m in info.value.messages) and counts() == before
    assert _clock(city).status == "open"
    services.submit_legal_review(city, actor=world.officer, submitted_on=D(2025, 3, 27))
    city.refresh_from_db()
    assert city.state == "in_review"
    assert rules.RULE_LEGAL_REVIEW not in _rules_of(city)  # its sector sets no review period
    assert Task.objects.get(subject_id=city.pk, status="open").title == "待法制审核"

    # -- 公安 治安: 30 days (治安管理处罚法), +30 with the higher 公安机关's approval ------------
    police = _person_case(flow, world, _sector_matter(world, "公安", "330217098000"))
    clock = _clock(police)
    rule = get_rule(clock.rule_id)
    assert clock.rule_id == rules.RULE_DECISION_ZHIAN
    assert "治安管理处罚法" in rule.citation and rule.length == 30
    assert clock.due == police.decision_due == D(2025, 4, 3)  # 3-4 + 30
    assert not rule.verified  # the 2012 text; the 2025 revision renumbers (to be checked)
    messages = _refused_extension(police, world, days=31)
    assert any("治安管理处罚法" in m and "上一级公安机关" in m for m in messages)
    services.extend_decision_period(police, actor=world.head, reason="案情重大", on=D(2025, 3, 20))
    assert _clock(police).due == D(2025, 5, 6)  # 4-3 + 30 = 5-3, 劳动节 to 5-5
