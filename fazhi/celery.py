"""Celery, for deployments that outgrow one machine (FAZHI_BROKER_URL set to Redis or RabbitMQ).

Without a broker nothing here is needed: cron runs ``fazhi deadlines scan``, ``fazhi officers
expire``, ``fazhi ledger verify`` and ``fazhi ledger checkpoint`` (deploy/crontab).
With one, ``celery -A fazhi beat`` schedules the same jobs and ``celery -A fazhi worker`` runs
them. The tasks call the same management commands cron calls, so there is one implementation.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings.prod")

app = Celery("fazhi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_schedule = {
    "deadlines-scan": {
        "task": "fazhi.celery.run_command",
        "schedule": crontab(minute=5, hour="*"),
        "args": ["deadlines", "scan"],
    },
    "tasks-notify": {  # after the scan: tasks turned 临期 or 逾期 notify their people once
        "task": "fazhi.celery.run_command",
        "schedule": crontab(minute=15, hour="*"),
        "args": ["tasks", "notify"],
    },
    "officers-expire": {
        "task": "fazhi.celery.run_command",
        "schedule": crontab(minute=10, hour=0),
        "args": ["officers", "expire"],
    },
    "ledger-verify": {
        "task": "fazhi.celery.run_command",
        "schedule": crontab(minute=30, hour=2),
        "args": ["ledger", "verify"],
    },
    "ledger-checkpoint": {  # after the verification: a checkpoint signs only a sound ledger
        "task": "fazhi.celery.run_command",
        "schedule": crontab(minute=45, hour=2),
        "args": ["ledger", "checkpoint"],
    },
}

ALLOWED_COMMANDS = {
    ("deadlines", "scan"),
    ("deadlines", "recompute"),
    ("tasks", "notify"),
    ("officers", "expire"),
    ("ledger", "verify"),
    ("ledger", "checkpoint"),
}


@app.task(name="fazhi.celery.run_command")
def run_command(*words: str) -> str:
    """Run one of the scheduled management commands (and nothing else)."""
    if tuple(words) not in ALLOWED_COMMANDS:
        raise ValueError(f"not a scheduled command: {words}")
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(*words, stdout=out)
    return out.getvalue()
