"""Date guards (issue 15): a step's date may not come before a date already on the record, nor
lie in the future; the refusal names both dates in Chinese and keeps every other failing guard
of the step, in declared order."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from fazhi.core.workflow.dates import (
    cn_date,
    not_after_today,
    not_before,
    on_record,
    step_day,
)
from fazhi.core.workflow.engine import Context, Guard, Refused, Transition

TODAY = datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
XZCF61 = "《中华人民共和国行政处罚法》第六十一条"

SERVED = not_before(
    "served_after_decision",
    step_day("served_on"),
    on_record("decided_on"),
    later_label="送达日",
    earlier_label="决定日",
    citation=XZCF61,
)
FUTURE = not_after_today("not_future", step_day(), label="送达日", what="已经完成的送达")
MODE = Guard("mode", "请选择送达方式", "", lambda ctx: bool(ctx.data.get("mode")))


def _ctx(*guards, on: date, decided: date | None, **data) -> Context:
    t = Transition("serve", "送达", ("decided",), "served", guards=guards)
    return Context(
        obj=SimpleNamespace(decided_on=decided),
        actor=None,
        data=data,
        on_date=on,
        transition=t,
        workflow=None,  # type: ignore[arg-type]
    )


def _check(ctx: Context) -> list[Guard]:
    """What perform() does: the failing guards (a date guard raises the refusal itself)."""
    failed = [g for g in ctx.transition.guards if not g.check(ctx)]
    if failed:
        raise Refused(ctx.transition, failed)
    return failed


def test_cn_date():
    assert cn_date(date(2026, 3, 1)) == "2026年3月1日"


def test_service_before_the_decision_names_both_dates_article_61():
    ctx = _ctx(SERVED, on=date(2026, 3, 1), decided=date(2026, 3, 5))
    with pytest.raises(Refused) as exc:
        _check(ctx)
    assert exc.value.messages == [
        f"送达日（2026年3月1日）不能早于决定日（2026年3月5日）（依据：{XZCF61}）"
    ]
    assert exc.value.as_dict()["guards"][0]["code"] == "served_after_decision"


def test_the_same_day_and_unknown_dates_pass():
    assert _check(_ctx(SERVED, on=date(2026, 3, 5), decided=date(2026, 3, 5))) == []
    assert _check(_ctx(SERVED, on=date(2026, 3, 1), decided=None)) == []


def test_the_steps_own_date_key_wins_over_its_on_date():
    ctx = _ctx(SERVED, on=date(2026, 3, 9), decided=date(2026, 3, 5), served_on="2026-03-02")
    with pytest.raises(Refused, match="送达日（2026年3月2日）"):
        _check(ctx)


def test_other_failing_guards_are_still_reported_in_order():
    for guards in ((MODE, SERVED), (SERVED, MODE)):
        ctx = _ctx(*guards, on=date(2026, 3, 1), decided=date(2026, 3, 5))
        with pytest.raises(Refused) as exc:
            _check(ctx)
        assert [g.code for g in exc.value.failed] == [g.code for g in guards]


@time_machine.travel(TODAY, tick=False)
def test_a_future_date_is_refused_without_a_citation():
    ctx = _ctx(FUTURE, on=date(2026, 3, 11), decided=None)
    with pytest.raises(Refused) as exc:
        _check(ctx)
    assert str(exc.value) == (
        "送达日（2026年3月11日）不能晚于今天（2026年3月10日），登记的是已经完成的送达。"
    )
    assert _check(_ctx(FUTURE, on=date(2026, 3, 10), decided=None)) == []
