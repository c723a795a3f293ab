"""Set-based writes over many deadlines: recomputing when the calendar changes, and the daily
flag scan.

Both must stay fast on a million running deadlines, so neither loops over model instances:

* :func:`recompute_open` reads the inputs of every running deadline in primary-key chunks as
  plain tuples, computes each distinct (rule, trigger, restart, extended, suspensions) once
  with the kernel's batch engine (many deadlines share them: a day's cases under one rule),
  stages only the rows whose date or provisional flag changed in a temporary table, and
  applies them with one ``UPDATE … FROM`` join (SQLite ≥ 3.33 and PostgreSQL; a correlated
  update elsewhere). The records that mirror a changed deadline's date (:mod:`.mirror`) are
  rewritten in the same transaction, one ``UPDATE`` per declared mirror over the staged ids.
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
from operator import itemgetter
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Q

from fazhi.core.ledger.services import record
from fazhi.kernel.calendar import WorkCalendar
from fazhi.kernel.timelimits import DeadlineInput, TimeLimitError, compute_due, compute_many

from . import mirror, selectors
from .models import AGENCY, Deadline
from .official import calendar

log = logging.getLogger(__name__)

RUNNING = (Deadline.Status.OPEN, Deadline.Status.SUSPENDED)
STAGE_TABLE = "fazhi_deadline_recompute"

_Key = tuple[Any, ...]  # (rule_id, trigger, restart, extended, suspensions) as read
_Result = tuple[date, str, bool]  # (due, due.isoformat(), provisional)

#: SQLite's page cache while recomputing (KiB, negative per the PRAGMA): the UPDATE rewrites
#: index entries all over the ``due`` indexes, and a 2 MB cache makes that I/O-bound.
SQLITE_CACHE_KIB = 262_144


def _to_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _as_date(value: Any) -> date | None:
    return None if value is None else _to_date(value)


def _suspensions(raw: Any) -> tuple[tuple[date, date], ...]:
    """The stored ``[[first, last], …]`` (JSON text or already decoded) as date pairs."""
    items = json.loads(raw) if isinstance(raw, str | bytes) else (raw or [])
    return tuple((date.fromisoformat(a), date.fromisoformat(b)) for a, b in items)


def _hashable_key(row: tuple[Any, ...]) -> _Key:
    """The key of a row whose JSON column came back decoded (a list): re-encode it."""
    return (*row[1:5], json.dumps(row[5]))


def _extended(value: Any) -> bool | int:
    """The extension column as read: 0 none, -1 the rule's whole extension, n > 0 n units."""
    value = int(value or 0)
    return True if value < 0 else value if value > 0 else False


def _input(key: _Key) -> DeadlineInput:
    rule_id, trigger, restart, extended, suspensions = key
    return DeadlineInput(
        rule=rule_id,
        trigger=_to_date(trigger),
        suspensions=_suspensions(suspensions),
        restart=_as_date(restart),
        extended=_extended(extended),
    )


def _compute(keys: list[_Key], cal: WorkCalendar) -> list[_Result | None]:
    """(due, iso, provisional) for each key; None for one the engine refuses (logged, left)."""
    inputs = [_input(k) for k in keys]
    try:
        return [(due, due.isoformat(), prov) for due, prov in compute_many(inputs, calendar=cal)]
    except (KeyError, TimeLimitError, ValueError, OverflowError):
        pass  # one bad row stops a batch: redo it row by row and skip only the bad ones
    out: list[_Result | None] = []
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
            out.append((due.due, due.due.isoformat(), due.provisional))
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

    def add(self, cursor: Any, rows: list[tuple[int, Any, bool, Any, bool]]) -> None:
        """Stage rows; dates are ``date`` objects, or ISO strings on SQLite."""
        if not rows:
            return
        self.rows += len(rows)
        if self.vendor == "postgresql" and hasattr(cursor.cursor, "copy"):
            columns = "id, due, provisional, old_due, old_provisional"
            with cursor.cursor.copy(f"COPY {STAGE_TABLE} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        cursor.executemany(f"INSERT INTO {STAGE_TABLE} VALUES (%s, %s, %s, %s, %s)", rows)

    def apply(self, cursor: Any) -> int:
        """Write the staged rows whose stored values are still those read (a row changed by
        someone else in the meantime keeps that change).

        Two statements: rows whose date moved rewrite ``due`` (and so every index holding it);
        rows whose date is the same and only lost or gained the provisional flag — most rows
        after a notice — rewrite that flag alone, which touches no index.
        """
        if not self.rows:
            return 0
        table, q = self.q(Deadline._meta.db_table), self.q
        same = (
            f"{table}.{q('id')} = t.id AND {table}.{q('due')} = t.old_due "
            f"AND {table}.{q('provisional')} = t.old_provisional"
        )
        count = 0
        for moved, assign in (
            ("t.due <> t.old_due", f"{q('due')} = t.due, {q('provisional')} = t.provisional"),
            ("t.due = t.old_due", f"{q('provisional')} = t.provisional"),
        ):
            if self.vendor == "postgresql" or (
                self.vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 33, 0)
            ):
                cursor.execute(
                    f"UPDATE {table} SET {assign} FROM {STAGE_TABLE} AS t WHERE {same} AND {moved}"
                )
            else:
                fields = assign.replace(
                    "t.due",
                    f"(SELECT t.due FROM {STAGE_TABLE} AS t WHERE t.id = {table}.{q('id')})",
                )
                fields = fields.replace(
                    "t.provisional",
                    f"(SELECT t.provisional FROM {STAGE_TABLE} AS t WHERE t.id = {table}.{q('id')})",
                )
                cursor.execute(
                    f"UPDATE {table} SET {fields} "
                    f"WHERE EXISTS (SELECT 1 FROM {STAGE_TABLE} AS t WHERE {same} AND {moved})"
                )
            count += cursor.rowcount
        return count

    def drop(self, cursor: Any) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGE_TABLE}")


def _chunks(cursor: Any, alias: str, batch: int) -> Iterable[list[tuple[Any, ...]]]:
    """Running deadlines' inputs and stored results, in primary-key order, ``batch`` at a time.

    On SQLite the date and flag columns are read as their stored text and integers (no
    per-value conversion to ``date``): a key only needs to be hashable, and a date is parsed
    once per distinct key, not once per row.
    """
    conn = connections[alias]
    q = conn.ops.quote_name
    columns = [
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
    ]
    # One integer for the extension, so that the key keeps its shape: 0 none, -1 all, n partial.
    columns[4] = (
        f"CASE WHEN {q('extended')} AND {q('extension_length')} IS NOT NULL "
        f"THEN {q('extension_length')} WHEN {q('extended')} THEN -1 ELSE 0 END"
    )
    if conn.vendor == "sqlite":
        for i in (2, 3, 6):
            columns[i] = f"CAST({columns[i]} AS TEXT)"
        for i in (4, 7):
            columns[i] = f"CAST({columns[i]} AS INTEGER)"
    sql = (
        f"SELECT {', '.join(columns)} FROM {q(Deadline._meta.db_table)} "
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


#: Called as ``hook(stage_table, connection)`` after a recompute staged changed deadlines, in
#: its transaction: copies of a deadline's date elsewhere (the tasks' ``due``) follow it.
AFTER_STAGED: list[Any] = []


def recompute_open(cal: WorkCalendar, *, batch: int = 20_000) -> int:
    """Recompute every running deadline on ``cal``; write only the rows whose date or flag
    changed, and return how many did.

    Runs in one transaction (the caller's, if any), so the new calendar and the dates computed
    on it commit together.
    """
    alias = router.db_for_write(Deadline)
    memo: dict[_Key, _Result | None] = {}
    stage = _Stage(alias)
    sqlite = connections[alias].vendor == "sqlite"
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        if sqlite:
            cursor.execute("PRAGMA cache_size")
            saved_cache = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        try:
            stage.create(cursor)
            for rows in _chunks(cursor, alias, batch):
                key_of = _hashable_key if isinstance(rows[0][5], list) else itemgetter(slice(1, 6))
                keys = [key_of(r) for r in rows]
                missing = [k for k in dict.fromkeys(keys) if k not in memo]
                if missing:
                    memo.update(zip(missing, _compute(missing, cal), strict=True))
                text = isinstance(rows[0][6], str)
                changed = []
                for row, key in zip(rows, keys, strict=True):
                    result = memo[key]
                    if result is None:
                        continue
                    due, iso, provisional = result
                    old_due, old_provisional = row[6], bool(row[7])
                    new_due = iso if text else due
                    if new_due != old_due or provisional != old_provisional:
                        changed.append((row[0], new_due, provisional, old_due, old_provisional))
                stage.add(cursor, changed)
            count = stage.apply(cursor)
            if stage.rows:
                mirror.refresh_staged(STAGE_TABLE, connections[alias])
                for hook in AFTER_STAGED:
                    hook(STAGE_TABLE, connections[alias])
            stage.drop(cursor)
        finally:
            if sqlite:
                cursor.execute(f"PRAGMA cache_size = {int(saved_cache)}")
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
    the same day changes nothing). Only the agency's own open deadlines are flagged; a
    suspended one is not counting, and a party's or court's window is never the agency's delay:
    both are set back to normal."""
    th = selectors.thresholds(today, cal)
    running = Deadline.objects.filter(status__in=RUNNING)
    is_open = Q(status=Deadline.Status.OPEN, binds=AGENCY)
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
            running.filter(
                Q(status=Deadline.Status.SUSPENDED) | Q(due__gt=th.yellow_until) | ~Q(binds=AGENCY)
            )
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
    """Recompute every running deadline on the current official calendar, rewrite every
    record's mirrored due date and on-time result from its deadlines, and ledger it (the
    ``fazhi deadlines recompute`` command; entering a notice recomputes by itself)."""
    with transaction.atomic():
        changed = recompute_open(calendar())
        mirrored = mirror.refresh_all()
        record(
            "deadlines",
            "deadlines.recomputed",
            {"changed": changed, "mirrored": mirrored},
            actor=actor,
        )
    return changed
