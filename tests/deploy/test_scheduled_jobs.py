"""Scheduled jobs (docs/deployment.md): cron by default, Celery beat when a broker is configured,
and both run the same management commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _cron_commands() -> set[tuple[str, ...]]:
    text = (ROOT / "deploy" / "crontab").read_text(encoding="utf-8")
    return {tuple(m.split()) for m in re.findall(r"\.venv/bin/fazhi ([a-z ]+?) *>>", text)}


def test_cron_and_celery_beat_schedule_the_same_commands():
    from fazhi.celery import ALLOWED_COMMANDS, app

    beat = {tuple(job["args"]) for job in app.conf.beat_schedule.values()}
    assert (
        _cron_commands()
        == beat
        == {
            ("deadlines", "scan"),
            ("tasks", "notify"),
            ("officers", "expire"),
            ("ledger", "verify"),
            ("ledger", "checkpoint"),
        }
    )
    assert beat <= ALLOWED_COMMANDS


@pytest.mark.django_db
def test_the_task_runs_the_management_command_and_nothing_else():
    from fazhi.celery import run_command

    assert "当前逾期 0 项" in run_command("deadlines", "scan")
    assert "0 件标为已过期" in run_command("officers", "expire")
    assert run_command("ledger", "verify").startswith("ok 0 entries")
    with pytest.raises(ValueError):
        run_command("flush", "--noinput")
