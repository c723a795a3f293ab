"""Set-based writes over many deadlines: recomputing when the calendar changes, and the daily
flag scan.

Both must stay fast on a million running deadlines, so neither loops over model instances:

* :func:`recompute_open` reads the inputs of every running deadline in primary-key chunks as
  plain tuples, computes each distinct (rule, trigger, restart, extended, suspensions) once
  with the kernel's batch engine (many deadlines share them: a day's cases under one rule),
  stages only the rows whose date or provisional flag changed in a temporary table, and
  applies them with one ``UPDATE … FROM`` join (SQLite ≥ 3.33 and PostgreSQL; a correlated
  update elsewhere).
* :func:`update_levels` turns "at most N working days left" into a due-date range
  (``selectors.thresholds``) and sets the flag with three ``UPDATE`` statements.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Q

from fazhi.kernel.calendar import WorkCalendar
from fazhi.kernel.timelimits import DeadlineInput, TimeLimitError, compute_due, compute_many

from .models import Deadline

log = logging.getLogger(__name__)

RUNNING = (Deadline.Status.OPEN, Deadline.Status.SUSPENDED)
STAGE_TABLE = "fazhi_deadline_recompute"

_Key = tuple[str, Any, Any, Any, Any]


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _suspensions(raw: Any) -> tuple[tuple[date, date], ...]:
    """The stored ``[[first, last], …]`` (JSON text or already decoded) as date pairs."""
    items = json.loads(raw) if isinstance(raw, str | bytes) else (raw or [])
    return tuple((date.fromisoformat(a), date.fromisoformat(b)) for a, b in items)


def _key(row: tuple[Any, ...]) -> _Key:
    _, rule_id, trigger, restart, extended, suspensions, _, _ = row
    if not isinstance(suspensions, str | bytes | type(None)):
        suspensions = json.dumps(suspensions)
    return (rule_id, trigger, restart, bool(extended), suspensions or "[]")


def _input(key: _Key) -> DeadlineInput:
    rule_id, trigger, restart, extended, suspensions = key
    return DeadlineInput(
        rule=rule_id,
        trigger=_as_date(trigger),
        suspensions=_suspensions(suspensions),
        restart=_as_date(restart),
        extended=extended,
    )


def _compute(keys: list[_Key], cal: WorkCalendar) -> list[tuple[date, bool] | None]:
    """(due, provisional) for each key; None for one the engine refuses (logged, left as is)."""
    inputs = [_input(k) for k in keys]
    try:
        return list(compute_many(inputs, calendar=cal))
    except (KeyError, TimeLimitError, ValueError, OverflowError):
        pass  # one bad row stops a batch: redo it row by row and skip only the bad ones
    out: list[tuple[date, bool] | None] = []
    for item in inputs:
        try:
            due = compute_due(
                item.rule,
                item.trigger,
                suspensions=item.suspensions,
                restart=item.restart,
                extended=item.extended,
                calendar=cal,
            )
            out.append((due.due, due.provisional))
        except (KeyError, TimeLimitError, ValueError, OverflowError) as exc:
            log.warning("deadline input %r cannot be recomputed: %s", item, exc)
            out.append(None)
    return out


class _Stage:
    """A temporary table of (id, new due, new flag, old due, old flag) rows on one connection."""

    def __init__(self, alias: str) -> None:
        self.conn = connections[alias]
        self.vendor = self.conn.vendor
        self.q = self.conn.ops.quote_name
        self.rows = 0

    def _types(self) -> tuple[str, str, str]:
        if self.vendor == "postgresql":
            return "bigint", "date", "boolean"
        return "integer", "date", "bool"

    def create(self, cursor: Any) -> None:
        pk, day, flag = self._types()
        cursor.execute(f"DROP TABLE IF EXISTS {STAGE_TABLE}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGE_TABLE} (id {pk} PRIMARY KEY, due {day} NOT NULL, "
            f"provisional {flag} NOT NULL, old_due {day} NOT NULL, old_provisional {flag} NOT NULL)"
        )

    def add(self, cursor: Any, rows: list[tuple[int, date, bool, date, bool]]) -> None:
        if not rows:
            return
        self.rows += len(rows)
        if self.vendor == "postgresql" and hasattr(cursor.cursor, "copy"):
            columns = "id, due, provisional, old_due, old_provisional"
            with cursor.cursor.copy(f"COPY {STAGE_TABLE} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        if self.vendor == "sqlite":
            rows = [(i, d.isoformat(), p, od.isoformat(), op) for i, d, p, od, op in rows]
        cursor.executemany(f"INSERT INTO {STAGE_TABLE} VALUES (%s, %s, %s, %s, %s)", rows)

    def apply(self, cursor: Any) -> int:
        """Write the staged rows whose stored values are still those read (a row changed by
        someone else in the meantime keeps that change)."""
        if not self.rows:
            return 0
        table, q = Deadline._meta.db_table, self.q
        same = (
            f"{q(table)}.{q('id')} = t.id AND {q(table)}.{q('due')} = t.old_due "
            f"AND {q(table)}.{q('provisional')} = t.old_provisional"
        )
        if self.vendor == "postgresql" or (
            self.vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 33, 0)
        ):
            cursor.execute(
                f"UPDATE {q(table)} SET {q('due')} = t.due, {q('provisional')} = t.provisional "
                f"FROM {STAGE_TABLE} AS t WHERE {same}"
            )
        else:
            cursor.execute(
                f"UPDATE {q(table)} SET "
                f"{q('due')} = (SELECT t.due FROM {STAGE_TABLE} AS t WHERE t.id = {q(table)}.{q('id')}), "
                f"{q('provisional')} = (SELECT t.provisional FROM {STAGE_TABLE} AS t "
                f"WHERE t.id = {q(table)}.{q('id')}) "
                f"WHERE EXISTS (SELECT 1 FROM {STAGE_TABLE} AS t WHERE {same})"
            )
        return cursor.rowcount

    def drop(self, cursor: Any) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGE_TABLE}")


def _chunks(cursor: Any, alias: str, batch: int) -> Iterable[list[tuple[Any, ...]]]:
    """Running deadlines' inputs and stored results, in primary-key order, ``batch`` at a time."""
    q = connections[alias].ops.quote_name
    columns = ", ".join(
        q(c)
        for c in (
            "id",
            "rule_id",
            "trigger",
            "restart",
            "extended",
            "suspensions",
            "due",
            "provisional",
        )
    )
    sql = (
        f"SELECT {columns} FROM {q(Deadline._meta.db_table)} "
        f"WHERE {q('status')} IN (%s, %s) AND {q('id')} > %s ORDER BY {q('id')} LIMIT %s"
    )
    last = 0
    while True:
        cursor.execute(sql, [*RUNNING, last, batch])
        rows = cursor.fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]
        if len(rows) < batch:
            return


def recompute_open(cal: WorkCalendar, *, batch: int = 20_000) -> int:
    """Recompute every running deadline on ``cal``; write only the rows whose date or flag
    changed, and return how many did.

    Runs in one transaction (the caller's, if any), so the new calendar and the dates computed
    on it commit together.
    """
    alias = router.db_for_write(Deadline)
    memo: dict[_Key, tuple[date, bool] | None] = {}
    stage = _Stage(alias)
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        stage.create(cursor)
        for rows in _chunks(cursor, alias, batch):
            keys = [_key(r) for r in rows]
            missing = list(dict.fromkeys(k for k in keys if k not in memo))
            if missing:
                memo.update(zip(missing, _compute(missing, cal), strict=True))
            changed = []
            for row, key in zip(rows, keys, strict=True):
                result = memo[key]
                if result is None:
                    continue
                old_due, old_provisional = _as_date(row[6]), bool(row[7])
                if result[0] != old_due or result[1] != old_provisional:
                    changed.append((row[0], result[0], result[1], old_due, old_provisional))
            stage.add(cursor, changed)
        count = stage.apply(cursor)
        stage.drop(cursor)
    return count


@dataclass(frozen=True)
class LevelScan:
    """What one scan did: rows set to each level, and how many open deadlines are now flagged."""

    today: date
    yellow_until: date
    set_red: int
    set_yellow: int
    set_normal: int
    red: int
    yellow: int

    @property
    def changed(self) -> int:
        return self.set_red + self.set_yellow + self.set_normal


def update_levels(today: date, *, cal: WorkCalendar | None = None) -> LevelScan:
    """Set ``level`` of every running deadline as of ``today`` (idempotent: a second run on
    the same day changes nothing). Only open deadlines are flagged; a suspended one is not
    counting and is set back to normal."""
    from . import selectors

    th = selectors.thresholds(today, cal)
    running = Deadline.objects.filter(status__in=RUNNING)
    is_open = Q(status=Deadline.Status.OPEN)
    red_q = is_open & Q(due__lt=th.today)
    yellow_q = is_open & Q(due__gte=th.today, due__lte=th.yellow_until)
    with transaction.atomic():
        set_red = (
            running.filter(red_q).exclude(level=Deadline.Level.RED).update(level=Deadline.Level.RED)
        )
        set_yellow = (
            running.filter(yellow_q)
            .exclude(level=Deadline.Level.YELLOW)
            .update(level=Deadline.Level.YELLOW)
        )
        set_normal = (
            running.filter(Q(status=Deadline.Status.SUSPENDED) | Q(due__gt=th.yellow_until))
            .exclude(level=Deadline.Level.NORMAL)
            .update(level=Deadline.Level.NORMAL)
        )
    return LevelScan(
        today=th.today,
        yellow_until=th.yellow_until,
        set_red=set_red,
        set_yellow=set_yellow,
        set_normal=set_normal,
        red=running.filter(red_q).count(),
        yellow=running.filter(yellow_q).count(),
    )


def recompute_all(*, actor: Any = None) -> int:
    """Recompute every running deadline on the current official calendar and ledger it
    (the ``fazhi deadlines recompute`` command; entering a notice does this by itself)."""
    from fazhi.core.ledger.services import record

    from . import services

    with transaction.atomic():
        changed = recompute_open(services.calendar())
        record("deadlines", "deadlines.recomputed", {"changed": changed}, actor=actor)
    return changed
