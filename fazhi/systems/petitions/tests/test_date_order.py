"""The order of the dates of 信访 matters and 12345 tickets (issue 15): a step dated before the
step it follows is refused naming both dates, with nothing saved."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.ledger.selectors import sealed
from fazhi.core.workflow.engine import Refused
from fazhi.systems.petitions import rules, services

pytestmark = pytest.mark.django_db


def _saved(obj):
    obj.refresh_from_db()
    return obj.state, sealed().count()


def _accepted(make_petition, clerk, dept_clerk, department):
    p = make_petition(received=date(2025, 9, 16))
    p = services.route(
        p,
        actor=clerk,
        route=rules.TRANSFER,
        handler_agency=department,
        routed_on=date(2025, 9, 18),
    )
    return services.accept(p, actor=dept_clerk, accepted_on=date(2025, 9, 22))


def test_opinion_before_acceptance_is_refused_article_34(
    make_petition, clerk, dept_clerk, department
):
    p = _accepted(make_petition, clerk, dept_clerk, department)
    before = _saved(p)
    with pytest.raises(Refused) as exc:
        services.decide(
            p,
            actor=dept_clerk,
            opinion="维持",
            legal_basis="《行政处罚法》",
            opinion_on=date(2025, 9, 19),
        )
    text = str(exc.value)
    assert "处理意见日（2025年9月19日）不能早于受理日（2025年9月22日）" in text
    assert "第三十四条" in text
    assert _saved(p) == before and p.opinion_on is None


def test_acceptance_before_delivery_is_refused_article_34(
    make_petition, clerk, dept_clerk, department
):
    p = make_petition(received=date(2025, 9, 16))
    p = services.route(
        p, actor=clerk, route=rules.TRANSFER, handler_agency=department, routed_on=date(2025, 9, 18)
    )
    before = _saved(p)
    with pytest.raises(Refused) as exc:
        services.accept(p, actor=dept_clerk, accepted_on=date(2025, 9, 17))
    assert "受理日（2025年9月17日）不能早于收到信访事项之日（2025年9月18日）" in str(exc.value)
    assert _saved(p) == before and p.accepted_on is None


def test_review_request_before_the_answer_was_served_is_refused_article_35(
    make_petition, clerk, dept_clerk, department, government, gov_clerk
):
    p = _accepted(make_petition, clerk, dept_clerk, department)
    p = services.decide(
        p,
        actor=dept_clerk,
        opinion="维持",
        legal_basis="《行政处罚法》",
        opinion_on=date(2025, 10, 9),
        served_on=date(2025, 10, 10),
    )
    before = _saved(p)
    with pytest.raises(Refused) as exc:
        services.request_review(p, actor=gov_clerk, body=government, requested_on=date(2025, 10, 8))
    assert "收到复查请求日（2025年10月8日）不能早于信访人收到书面答复日（2025年10月10日）" in str(
        exc.value
    )
    assert _saved(p) == before


def test_ticket_callback_before_the_reply_is_refused(make_ticket, dept_clerk, clerk):
    t = make_ticket(received=date(2025, 9, 30))
    t = services.sign(t, actor=dept_clerk, signed_on=date(2025, 10, 9))
    t = services.reply(t, actor=dept_clerk, replied_on=date(2025, 10, 14), reply="已处理")
    before = _saved(t)
    with pytest.raises(Refused) as exc:
        services.callback(t, actor=clerk, callback_on=date(2025, 10, 13), satisfaction="satisfied")
    assert "回访日（2025年10月13日）不能早于办结回复日（2025年10月14日）。" in str(exc.value)
    assert _saved(t) == before and t.callback_on is None
