"""Signed checkpoints let `fazhi ledger verify` detect what the hash chain alone cannot: a cut
tail, an emptied ledger, a chain re-sealed after an edit (行政处罚法 第四十七条: the record of
the whole process must be provably complete and untouched), and it reports every problem."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fazhi.core.ledger import checkpoints, services
from fazhi.core.ledger.models import LedgerEntry
from fazhi.kernel import ledger as kernel
from fazhi.kernel.ledger.checkpoint import signature_ok
from fazhi.settings.base import ledger_key_from_env

pytestmark = pytest.mark.django_db(transaction=True)


def _fill(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        services.record(f"case:{i}", "test.step", {"i": i, "说明": "立案"}, actor="zhifa")


def _checkpoint() -> str:
    out = io.StringIO()
    call_command("ledger", "checkpoint", stdout=out)
    return out.getvalue()


def _verify_fails() -> list[str]:
    """Run the command; it must exit 1 and list its problems, one per line."""
    with pytest.raises(CommandError) as err:
        call_command("ledger", "verify", stdout=io.StringIO(), stderr=io.StringIO())
    assert err.value.returncode == 1
    head, *lines = str(err.value).splitlines()
    assert f"共{len(lines)}个问题" in head
    return lines


def _sql(statement: str, *params: Any) -> None:
    with connection.cursor() as cur:
        cur.execute(statement, params)


_PAYLOAD = "body"  # the column that holds the payload's canonical text


def _reseal_after_editing(seq: int, payload: dict) -> None:
    """What a database administrator without the key can do: edit a payload, then recompute
    every digest from there on, so the chain is self-consistent again."""
    prev = kernel.GENESIS
    for row in LedgerEntry.objects.order_by("seq"):
        body = payload if row.seq == seq else row.payload
        e = kernel.seal(row.seq, row.subject, row.actor, row.action, row.time, body, prev)
        _sql(
            f"UPDATE ledger_ledgerentry SET {_PAYLOAD} = %s, payload_digest = %s,"
            " prev_digest = %s, digest = %s WHERE seq = %s",
            kernel.canonical_json(body).decode("utf-8"),
            e.payload_digest,
            e.prev_digest,
            e.digest,
            row.seq,
        )
        prev = e.digest


def test_an_untouched_ledger_with_checkpoints_verifies():
    _fill(4)
    assert "已签发检查点：记载4条记录" in _checkpoint()
    _fill(3, start=4)
    _checkpoint()
    _fill(2, start=7)  # entries after the newest checkpoint are normal
    out = io.StringIO()
    call_command("ledger", "verify", stdout=out)
    first, second = out.getvalue().splitlines()
    assert first.startswith("ok 9 entries, root ")
    assert "与2个签名检查点一致" in second and "记载7条记录" in second


def test_checkpoints_are_filed_one_per_file_chained_and_signed():
    _fill(2)
    first = checkpoints.issue()
    _fill(1, start=2)
    second = checkpoints.issue()
    names = sorted(p.name for p in checkpoints.directory().glob("*.json"))
    assert len(names) == 2 and names[0].startswith("000000000002-")
    assert checkpoints.series() == [first, second] and checkpoints.latest() == second
    assert second.previous == first.digest() and first.previous == kernel.GENESIS
    key = checkpoints.key()
    assert key is not None and signature_ok(second, key)
    assert second.size == 3 and second.head == LedgerEntry.objects.get(seq=3).digest
    assert checkpoints.covering(3) == second  # the latest covers it: nothing new is issued
    _fill(1, start=3)
    third = checkpoints.covering(4)
    assert third.size == 4 and third.previous == second.digest()
    assert (checkpoints.directory() / names[0]).stat().st_mode & 0o222 == 0  # filed read-only


def test_deleted_tail_entries_are_reported_as_truncation():
    _fill(8)
    _checkpoint()
    _sql("DELETE FROM ledger_ledgerentry WHERE seq > 5")
    (problem,) = _verify_fails()
    assert problem.startswith("账本被截断：数据库中的记录止于第5条")
    assert "记载当时已有8条记录" in problem and "第6至第8条记录被删除" in problem


def test_an_emptied_ledger_is_not_ok_0_entries():
    _fill(5)
    _checkpoint()
    _sql("DELETE FROM ledger_ledgerentry")
    (problem,) = _verify_fails()
    assert problem.startswith("账本已被清空") and "全部5条记录被删除" in problem


def test_a_chain_resealed_after_an_edited_payload_is_caught_by_the_signed_root():
    _fill(4)
    _checkpoint()
    _fill(4, start=4)
    _checkpoint()
    _reseal_after_editing(6, {"i": 5, "说明": "不予立案"})
    (problem,) = _verify_fails()
    # the first checkpoint still matches, so the edit lies in entries 5..8
    assert problem.startswith("第2个检查点（000000000008-")
    assert "第5至第8条记录中有记录被改动" in problem and "重新封存" in problem


def test_a_removed_checkpoint_file_is_reported():
    for i in range(3):
        _fill(2, start=2 * i)
        _checkpoint()
    middle = sorted(checkpoints.directory().glob("*.json"))[1]
    middle.unlink()
    (problem,) = _verify_fails()
    assert "与前一个检查点不相连" in problem


def test_two_independent_problems_are_both_reported():
    _fill(8)
    _checkpoint()
    _sql("UPDATE ledger_ledgerentry SET actor = 'someone-else' WHERE seq = 2")
    _sql("DELETE FROM ledger_ledgerentry WHERE seq > 7")
    problems = _verify_fails()
    assert len(problems) == 2
    assert problems[0] == "第2条记录的内容与其摘要不符：该记录被篡改"
    assert problems[1].startswith("账本被截断") and problems[1].endswith("：第8条记录被删除")


def test_a_removed_middle_entry_is_one_problem_not_also_a_resealing():
    _fill(6)
    _checkpoint()
    _sql("DELETE FROM ledger_ledgerentry WHERE seq = 3")
    assert _verify_fails() == ["第3条记录缺失（其位置上出现的是第4条）：记录被删除"]


def test_no_checkpoint_is_signed_over_a_tampered_ledger():
    _fill(3)
    _sql("UPDATE ledger_ledgerentry SET action = 'x' WHERE seq = 2")
    with pytest.raises(CommandError) as err:
        call_command("ledger", "checkpoint")
    assert "未签发检查点" in str(err.value) and "第2条记录" in str(err.value)
    assert checkpoints.latest() is None


def test_without_a_key_checkpointing_refuses_and_production_verify_fails(settings):
    _fill(1)
    settings.FAZHI_LEDGER_KEY = ""
    with pytest.raises(CommandError) as err:
        call_command("ledger", "checkpoint")
    assert "未配置存证账本检查点密钥" in str(err.value)
    out, notices = io.StringIO(), io.StringIO()
    call_command("ledger", "verify", stdout=out, stderr=notices)  # development: a notice only
    assert out.getvalue().startswith("ok 1 entries") and "未配置检查点密钥" in notices.getvalue()
    settings.FAZHI_LEDGER_KEY_REQUIRED = True
    (problem,) = _verify_fails()
    assert problem.startswith("未配置存证账本检查点密钥")
    settings.FAZHI_LEDGER_KEY = settings.TEST_LEDGER_KEY  # the public key is no key at all
    with pytest.raises(ImproperlyConfigured, match="公开的测试密钥"):
        checkpoints.issue()


def test_a_checkpoint_signed_with_another_key_is_reported(settings):
    _fill(2)
    _checkpoint()
    settings.FAZHI_LEDGER_KEY = "ab" * 32
    (problem,) = _verify_fails()
    assert "签名无效" in problem


def test_the_key_comes_from_the_environment_or_a_file(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("FAZHI_LEDGER_KEY", raising=False)
    monkeypatch.delenv("FAZHI_LEDGER_KEY_FILE", raising=False)
    assert ledger_key_from_env() == ""
    monkeypatch.setenv("FAZHI_LEDGER_KEY", "cd" * 32)
    assert ledger_key_from_env() == "cd" * 32
    secret = tmp_path / "ledger.key"
    secret.write_text("ef" * 32 + "\n")
    monkeypatch.setenv("FAZHI_LEDGER_KEY_FILE", str(secret))
    with pytest.raises(ImproperlyConfigured, match="只能设置其一"):
        ledger_key_from_env()
    monkeypatch.delenv("FAZHI_LEDGER_KEY")
    assert ledger_key_from_env() == "ef" * 32
    monkeypatch.setenv("FAZHI_LEDGER_KEY_FILE", str(tmp_path / "absent"))
    with pytest.raises(ImproperlyConfigured, match="无法读取"):
        ledger_key_from_env()
