"""The workflow service: one entry point locks the row, checks the policy and the
guards, applies the effect, writes the ledger entry and the history row and (re)schedules the
deadlines in one transaction; a refusal names each failed guard and its article and saves
nothing; notifications run only after commit.

The engine is exercised on a platform model (a Deadline row, its ``status`` as the state) so
that no system app is needed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from fazhi.core.deadlines import services as deadlines
from fazhi.core.deadlines.models import Deadline
from fazhi.core.ledger import selectors
from fazhi.core.ledger.selectors import sealed
from fazhi.core.workflow import engine
from fazhi.core.workflow.models import TransitionLog
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

CITATION = "《中华人民共和国政府信息公开条例》第三十三条"
notified: list[int] = []  # what the after-commit notification saw


def _needs_reason(ctx: engine.Context) -> bool:
    return bool(ctx.data.get("reason"))


def _relabel(ctx: engine.Context) -> None:
    ctx.obj.subject_label = "已由流程改写"


@pytest.fixture
def flow():
    reason = engine.Guard("reason", "中止须说明理由", CITATION, _needs_reason)
    wf = engine.Workflow(
        "enginetest",
        "引擎测试",
        model=Deadline,
        state_field="status",
        states={"open": "进行中", "suspended": "已中止", "met": "已完成"},
        initial="open",
        agency_of=lambda d: d.agency_id,
        transitions=[
            engine.Transition(
                "hold",
                "中止",
                ("open",),
                "suspended",
                guards=(reason,),
                effect=_relabel,
                timers=(engine.Timer("start", "disclosure.answer", key="engine"),),
                after_commit=lambda ctx: notified.append(ctx.obj.pk),
            ),
            engine.Transition(
                "close", "办结", ("open", "suspended"), "met", allowed=lambda u, o: u == "boss"
            ),
            engine.Transition(
                "broken",
                "坏的计时",
                ("open",),
                "met",
                timers=(engine.Timer("start", "no.such.rule"),),
            ),
        ],
    )
    notified.clear()
    yield wf
    engine.REGISTRY.pop("enginetest", None)


@pytest.fixture
def row():
    dept = f.agency("示范县市场监督管理局")
    return deadlines.start(
        dept, "penalty.decision", date(2026, 3, 2), agency_id=dept.pk, label="案"
    )


def _nothing_saved(row: Deadline) -> None:
    fresh = Deadline.objects.get(pk=row.pk)
    assert (fresh.status, fresh.subject_label) == ("open", "案")
    assert not sealed().filter(action__startswith="enginetest.").exists()
    assert not TransitionLog.objects.filter(workflow="enginetest").exists()
    assert not Deadline.objects.filter(key="engine").exists()


def test_a_refusal_names_the_guard_and_its_article_and_saves_nothing(flow, row):
    with pytest.raises(engine.Refused) as err:
        engine.perform(flow, row, "hold", actor="zhifa", data={})
    assert "中止须说明理由" in str(err.value) and CITATION in str(err.value)
    body = err.value.as_dict()
    assert body["guards"] == [{"code": "reason", "message": "中止须说明理由", "citation": CITATION}]
    _nothing_saved(row)
    assert notified == []


def test_a_transition_saves_state_effect_ledger_history_and_deadline_together(flow, row):
    with transaction.atomic():  # the caller's transaction: nothing is notified before it commits
        done = engine.perform(
            flow, row, "hold", actor="zhifa", data={"reason": "等待鉴定"}, on_date=date(2026, 3, 5)
        )
        assert notified == []
    assert notified == [row.pk]
    fresh = Deadline.objects.get(pk=row.pk)
    assert (
        (fresh.status, fresh.subject_label)
        == ("suspended", "已由流程改写")
        == (
            done.status,
            done.subject_label,
        )
    )
    entry = sealed().get(action="enginetest.hold")
    assert entry.subject == f"deadlines.deadline:{row.pk}" and entry.actor == "zhifa"
    assert entry.payload["from"] == "open" and entry.payload["to"] == "suspended"
    assert entry.payload["data"] == {"reason": "等待鉴定"}
    log = TransitionLog.objects.get(workflow="enginetest")
    assert log.ledger_leaf == entry.leaf and log.on_date == date(2026, 3, 5)
    started = Deadline.objects.get(key="engine")
    assert started.rule_id == "disclosure.answer" and started.trigger == date(2026, 3, 5)
    assert selectors.verify_database().ok


def test_a_failure_after_the_guards_rolls_back_everything(flow, row):
    """A timer on an unknown rule fails after the state, ledger and history were written: the
    transaction takes all of them back."""
    with pytest.raises(KeyError):
        engine.perform(flow, row, "broken", actor="zhifa")
    _nothing_saved(row)


def test_no_notification_when_the_callers_transaction_rolls_back(flow, row):
    with pytest.raises(RuntimeError), transaction.atomic():
        engine.perform(flow, row, "hold", actor="zhifa", data={"reason": "等待鉴定"})
        raise RuntimeError("the caller fails later")
    assert notified == []
    _nothing_saved(row)


def test_wrong_state_and_policy_are_refused_in_chinese(flow, row):
    with pytest.raises(PermissionDenied, match="无权执行“办结”"):
        engine.perform(flow, row, "close", actor="zhifa")
    engine.perform(flow, row, "close", actor="boss")
    with pytest.raises(engine.InvalidTransition, match="当前状态为“已完成”，不能执行“中止”"):
        engine.perform(flow, row, "hold", actor="zhifa", data={"reason": "x"})
    with pytest.raises(engine.InvalidTransition, match="没有名为 nothing 的步骤"):
        engine.perform(flow, row, "nothing", actor="zhifa")
