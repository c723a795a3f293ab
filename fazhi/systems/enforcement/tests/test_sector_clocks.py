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

from .conftest import _matter, counts, uscc

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
    # The 立案审批表 states the case's own period and its basis.
    text = _filing_text(police, world)
    assert "自立案之日起三十日内作出处理决定（《中华人民共和国治安管理处罚法》" in text
    assert "届满日2025年4月3日" in text
    # 治安: only 鉴定 is not counted; a 检测 named as the ground is refused, 鉴定 accepted.
    before = counts()
    with pytest.raises(Refused) as info:
        services.suspend_decision_period(
            police,
            actor=world.officer,
            reason="送检",
            ground="检测、检验、检疫、鉴定",
            on=D(2025, 3, 10),
        )
    assert any("治安管理处罚法" in m and "鉴定" in m for m in info.value.messages)
    assert counts() == before and _clock(police).status == "open"
    services.suspend_decision_period(
        police, actor=world.officer, reason="伤情鉴定", ground="鉴定", on=D(2025, 3, 10)
    )
    services.resume_decision_period(police, actor=world.officer, on=D(2025, 3, 12))
    assert _clock(police).due == D(2025, 4, 7)  # 4-3 + 3 days = 4-6 (清明) → 4-7
    services.extend_decision_period(police, actor=world.head, reason="案情重大", on=D(2025, 3, 20))
    assert _clock(police).due == D(2025, 5, 6)  # 4-6 + 30 = 5-6
    assert "九十日内作出处理决定（《中华人民共和国行政处罚法》第六十条）" in _filing_text(
        city, world
    )


def _filing_text(case, world) -> str:
    from docx import Document

    from fazhi.core.ledger.services import open_file
    from fazhi.systems.enforcement.documents import generate_document

    doc = generate_document(case, "filing_approval", actor=world.officer)
    with open_file(doc.file) as fh:
        return "\n".join(p.text for p in Document(fh).paragraphs)


def test_existing_clocks_move_to_their_sector_rule_without_moving_a_date(flow, world):
    """The migration: a 市场监管 case's old ``penalty.decision`` clock (with its +30 days under
    第六十四条) becomes ``penalty.decision.scjg`` with the same due date; another sector's
    unextended clock stays on 第六十条."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("fazhi.systems.enforcement.migrations.0012_sector_decision_clocks")
    samr = flow.opened()
    services.extend_decision_period(samr, actor=world.head, reason="案情复杂", on=D(2025, 3, 20))
    city = _person_case(flow, world, _sector_matter(world, "城市管理", "330217099000"))
    old = _clock(samr)
    due = old.due
    Deadline.objects.filter(pk=old.pk).update(rule_id=rules.RULE_DECISION)  # as stored before
    migration.move(apps, None)
    old.refresh_from_db()
    assert old.rule_id == rules.RULE_DECISION_SCJG and old.extended
    assert get_rule(old.rule_id).extension is not None and old.due == due
    assert _clock(city).rule_id == rules.RULE_DECISION


def test_extension_page_states_and_enforces_the_sector_allowance_article_60(world, flow):
    """Through the case page: the form tells the head the sector's allowance; a 市场监管 request
    of 45 days is refused with its article and saves nothing; 20 of the 30 days are granted."""
    from .test_views import login

    case = flow.opened()
    head = login(world.head)
    page = head.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "最多延长30日（自然日），须经市场监督管理部门负责人批准" in page
    url = f"/enforcement/cases/{case.pk}/step/extend_decision_period/"
    before = counts()
    r = head.post(url, {"reason": "案情复杂", "days": "45", "on": "2025-03-20"})
    assert r.status_code == 409 and "第六十四条" in r.content.decode()
    assert counts() == before and not _clock(case).extended
    r = head.post(url, {"reason": "案情复杂", "days": "20", "on": "2025-03-20"})
    assert r.status_code in (200, 302)
    assert _clock(case).due == D(2025, 6, 23)  # 6-2 + 20 = 6-22, a Sunday → 6-23


def test_a_source_takes_its_agency_sector_article_60(world):
    """A 案源 without a matter yet is of its agency's sector: a 城市管理 bureau registers a lead
    and no 市场监管 案源核查 clock (第十八条) starts; the 市场监管 bureau's lead gets it."""
    m = _matter(world.other, "330217097000", "占道经营")
    m.field = "城市管理"
    m.save(update_fields=["field"])
    lead = dict(
        party_kind="organisation",
        party_name="海安某某餐饮有限公司",
        party_uscc=uscc("91320685MA1X2Y3W4"),
        registered_on=D(2025, 3, 3),
        source_summary="群众举报占道经营",
        violation_date=D(2025, 2, 20),
    )
    city = services.register_source(agency=world.other, actor=world.outsider, **lead)
    assert city.matter_id is None and _rules_of(city) == set()
    task = Task.objects.get(subject_id=city.pk, status="open")  # 待立案审批, on no clock
    assert task.title == "待立案审批" and task.deadline_id is None
    samr = services.register_source(agency=world.bureau, actor=world.officer, **lead)
    assert _rules_of(samr) == {rules.RULE_LEAD_CHECK}
