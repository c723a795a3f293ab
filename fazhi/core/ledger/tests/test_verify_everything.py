"""``fazhi ledger verify`` as an assessor tries it: every kind of tampering the assessment
found unseen, made at once, each named in one run (行政处罚法 第四十七条: 全过程记录; GB/T
22239-2019 8.1.4.3 安全审计 c: audit records protected against deletion and modification).
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from fazhi.core.accounts.models import RoleAssignment, SecurityEvent
from fazhi.core.ledger import checkpoints
from fazhi.core.ledger.models import LedgerEntry
from fazhi.core.ledger.selectors import sealed
from fazhi.core.ledger.tests.test_crosscheck import (  # noqa: F401 - fixtures
    _column,
    _table,
    flow,
    records,
    world,
)
from fazhi.core.workflow.models import TransitionLog
from fazhi.kernel import ledger as kernel
from fazhi.systems.enforcement.models import Case

pytestmark = pytest.mark.django_db


def _verify() -> list[str]:
    with pytest.raises(CommandError) as err:
        call_command("ledger", "verify", stdout=io.StringIO(), stderr=io.StringIO())
    assert err.value.returncode == 1
    head, *lines = str(err.value).splitlines()
    assert f"共{len(lines)}个问题" in head
    return lines


def _sql(statement: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _reseal_from(seq: int, payload: dict) -> None:
    """Edit entry ``seq``'s payload and recompute every digest after it, as someone with
    database access but without the checkpoint key can."""
    prev = kernel.GENESIS
    for row in LedgerEntry.objects.order_by("seq"):
        body = payload if row.seq == seq else row.payload
        e = kernel.seal(row.seq, row.subject, row.actor, row.action, row.time, body, prev)
        _sql(
            "UPDATE ledger_ledgerentry SET body = %s, payload_digest = %s, prev_digest = %s,"
            " digest = %s WHERE seq = %s",
            kernel.canonical_json(body).decode("utf-8"),
            e.payload_digest,
            e.prev_digest,
            e.digest,
            row.seq,
        )
        prev = e.digest


def test_every_tampering_is_named_in_one_run(records, world, flow):  # noqa: F811
    decided, opened, petition, item, event = records
    out = io.StringIO()
    call_command("ledger", "checkpoint", stdout=out)  # last night's
    flow.opened(flow.source(party_name="海安某某五金店"))  # today's work
    call_command("ledger", "checkpoint", stdout=out)  # tonight's
    call_command("ledger", "verify", stdout=out)
    assert "ok " in out.getvalue()
    newest = checkpoints.latest()
    assert newest is not None
    size = newest.size

    # an edited business row: the decided case's fine
    Case.objects.filter(pk=decided.pk).update(decided_fine=Decimal("500.00"))
    # a case state reset with its history row deleted
    last = TransitionLog.objects.filter(subject_id=opened.pk).order_by("-pk").first()
    assert last is not None
    _sql(f"UPDATE {_table(Case)} SET state = %s WHERE id = %s", "registered", opened.pk)
    _sql("DELETE FROM workflow_transitionlog WHERE id = %s", last.pk)
    # a deleted security-audit row and an inserted role grant
    _sql(f"DELETE FROM {_table(SecurityEvent)} WHERE id = %s", event.pk)
    _sql(
        f"INSERT INTO {_table(RoleAssignment)} ({_column(RoleAssignment, 'user')}, "
        f"{_column(RoleAssignment, 'role')}, {_column(RoleAssignment, 'agency')}, "
        f"{_column(RoleAssignment, 'granted_at')}) VALUES (%s, %s, %s, %s)",
        world.outsider.pk,
        "agency_head",
        world.bureau.pk,
        timezone.now(),
    )
    # the whole chain re-sealed after an edit, then its last two entries deleted
    _reseal_from(3, {"note": "改写后的内容"})
    _sql("DELETE FROM ledger_ledgerentry WHERE seq > %s", size - 2)

    problems = "\n".join(_verify())
    assert decided.number in problems and "罚款" in problems and "500.00" in problems
    assert f"enforcement.case:{opened.pk}" in problems or opened.party_name in problems
    assert "状态" in problems
    assert "流程记录已被删除" in problems
    assert "安全审计记录" in problems and "已被删除" in problems
    assert "zhouchengguan" in problems and "没有任何存证记录" in problems
    assert "截断" in problems
    assert "第1个检查点" in problems and "重新封存" in problems  # the re-sealed span is named


def test_an_emptied_ledger_is_not_ok(records):  # noqa: F811
    call_command("ledger", "checkpoint", stdout=io.StringIO())
    count = sealed().count()
    _sql("DELETE FROM ledger_ledgerentry")
    problems = "\n".join(_verify())
    assert "清空" in problems and f"全部{count}条记录被删除" in problems


def test_rows_from_before_tracking_are_adopted_once_then_checked(records, world):  # noqa: F811
    """An upgraded database holds rows that an earlier version wrote without their state
    entry (here a role grant written as it wrote them): ``fazhi ledger adopt`` ledgers each such
    row once, under the actor ``adopt``; after that a change outside the services is reported
    again. (Run it once, right after the upgrade: it adopts whatever rows are there.)"""
    _sql(
        f"INSERT INTO {_table(RoleAssignment)} ({_column(RoleAssignment, 'user')}, "
        f"{_column(RoleAssignment, 'role')}, {_column(RoleAssignment, 'agency')}, "
        f"{_column(RoleAssignment, 'granted_at')}) VALUES (%s, %s, %s, %s)",
        world.outsider.pk,
        "officer",
        world.bureau.pk,
        timezone.now(),
    )
    assert any("没有任何存证记录" in p for p in _verify())
    out = io.StringIO()
    call_command("ledger", "adopt", stdout=out)
    assert "accounts.roleassignment: 1 条" in out.getvalue()
    call_command("ledger", "verify", stdout=io.StringIO())
    assert sealed().filter(actor="adopt").count() == 1
    again = io.StringIO()
    call_command("ledger", "adopt", stdout=again)
    assert "已为 0 条既有记录补记" in again.getvalue()
    RoleAssignment.objects.filter(user=world.outsider).update(role="agency_head")
    assert any("zhouchengguan" in p for p in _verify())
