"""The order of a request's dates (issue 15): an answer, a 补正 or an extension dated before the
request came in is refused naming both dates, with nothing saved."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.ledger.selectors import sealed
from fazhi.core.workflow.engine import Refused
from fazhi.systems.disclosure import services

pytestmark = pytest.mark.django_db


def _saved(req):
    req.refresh_from_db()
    return req.state, sealed().count()


def test_answer_before_the_request_came_in_is_refused_article_33(make_request, staff):
    req = make_request(received=date(2025, 9, 25))
    before = _saved(req)
    with pytest.raises(Refused) as exc:
        services.answer_request(
            req,
            actor=staff,
            answer_type="public_already",
            answered_on=date(2025, 9, 20),
        )
    text = str(exc.value)
    assert "答复日（2025年9月20日）不能早于收到申请之日（2025年9月25日）" in text
    assert "第三十三条" in text
    # the other failing guard of the step is still reported (no way of access given)
    assert "方式、途径" in text
    assert _saved(req) == before and req.answered_on is None and req.letter is None


def test_correction_notice_before_receipt_is_refused_article_30(make_request, staff):
    req = make_request(received=date(2025, 9, 25))
    before = _saved(req)
    with pytest.raises(Refused) as exc:
        services.request_correction(
            req,
            actor=staff,
            notice_on=date(2025, 9, 24),
            correction_items="请说明所需信息的年份",
            correction_due=date(2025, 10, 10),
        )
    assert "补正告知日（2025年9月24日）不能早于收到申请之日（2025年9月25日）" in str(exc.value)
    assert _saved(req) == before and req.correction_notice_on is None


def test_extension_notified_before_approval_is_refused_article_33(make_request, staff):
    req = make_request(received=date(2025, 9, 25))
    before = _saved(req)
    with pytest.raises(Refused) as exc:
        services.extend_answer_period(
            req,
            actor=staff,
            approver="李主任",
            approved_on=date(2025, 10, 15),
            notified_on=date(2025, 10, 14),
        )
    assert "告知申请人日（2025年10月14日）不能早于批准延长日（2025年10月15日）" in str(exc.value)
    assert _saved(req) == before and not req.extended


def test_withdrawal_before_receipt_is_refused(make_request, staff):
    req = make_request(received=date(2025, 9, 25))
    before = _saved(req)
    with pytest.raises(Refused) as exc:
        services.withdraw_request(req, actor=staff, closed_on=date(2025, 9, 1))
    assert "终止日（2025年9月1日）不能早于收到申请之日（2025年9月25日）。" in str(exc.value)
    assert _saved(req) == before
