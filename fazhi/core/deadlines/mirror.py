"""Due dates mirrored onto the records they belong to.

Lists, filters, sorting, exports and figures read a record's due date, its provisional flag and
its on-time result from the record's own columns (``DisclosureRequest.answer_due``,
``Petition.resolution_due``, …): those columns are indexed, sort a list of a million rows and
feed one aggregate per figure, which a join to :class:`~.models.Deadline` on every page would
not. The :class:`~.models.Deadline` row stays the truth; the columns are a declared mirror of it.

An app declares each mirror once, next to the timers that start the clock::

    mirror(DisclosureRequest, rules.RULE_ANSWER, due_field="answer_due",
           provisional_field="answer_due_provisional", on_time_field="on_time")

and core keeps it equal to the deadline on every write, so no app copies dates itself:

* :func:`refresh` — called by every write of :mod:`.services` (and so by ``perform()``'s
  timers): the mirrors of the written deadline's rule are rewritten for that one record, and the
  in-memory record passed in is updated too, so a caller that saves it later keeps the truth.
* :func:`refresh_staged` — called by the calendar recompute (:mod:`.recompute`) in the same
  transaction: one ``UPDATE … FROM`` join per mirror over the records whose deadlines the
  recompute staged as changed (no per-row Python; a correlated update on other databases).
* :func:`refresh_all` — the ``fazhi deadlines recompute`` command: every mirrored record
  rewritten from its deadlines (repairs copies written before mirrors existed).

A record mirrors the *latest* (highest id) deadline among the declared rules and key — the clock
now running, or the one that last ran (a cancelled simplified-procedure clock gives way to the
ordinary one started after it). ``every=True`` makes the on-time column the conjunction of all
closed clocks (None while none closed), for a record whose several notices must all be on time.
A record with no matching deadline keeps its columns as they are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, Exists, OuterRef, Subquery, When
from django.db.models.expressions import RawSQL

from .models import Deadline


@dataclass(frozen=True)
class Mirror:
    """Columns of ``model`` that copy its latest deadline of ``rules`` (and ``key``; None: any)."""

    model: type[models.Model]
    rules: tuple[str, ...]
    key: str | None = ""
    due_field: str | None = None
    provisional_field: str | None = None
    on_time_field: str | None = None
    every: bool = False

    def matches(self, model: type[models.Model], rule_id: str, key: str) -> bool:
        return (
            self.model._meta.concrete_model is model._meta.concrete_model
            and rule_id in self.rules
            and (self.key is None or self.key == key)
        )

    def deadlines(self) -> models.QuerySet[Deadline]:
        """This mirror's deadlines of every record of ``model``."""
        qs = Deadline.objects.filter(
            subject_type=ContentType.objects.get_for_model(self.model), rule_id__in=self.rules
        )
        return qs if self.key is None else qs.filter(key=self.key)

    def date_fields(self) -> dict[str, str]:
        """Mirrored column → Deadline column, for the columns a recompute can change."""
        pairs = {self.due_field: "due", self.provisional_field: "provisional"}
        return {k: v for k, v in pairs.items() if k}

    def column(self, field: str) -> str:
        """The database column of ``field``, a mirrored (concrete) field of ``model``."""
        f = self.model._meta.get_field(field)
        # a reverse relation or a many-to-many field has no column to copy into
        assert isinstance(f, models.Field) and f.column is not None
        return f.column


REGISTRY: list[Mirror] = []


def mirror(
    model: type[models.Model],
    rules: str | Iterable[str],
    key: str | None = "",
    *,
    due_field: str | None = None,
    provisional_field: str | None = None,
    on_time_field: str | None = None,
    every: bool = False,
) -> Mirror:
    """Declare that ``model``'s columns copy its deadline of ``rules`` (idempotent)."""
    m = Mirror(
        model,
        (rules,) if isinstance(rules, str) else tuple(rules),
        key,
        due_field,
        provisional_field,
        on_time_field,
        every,
    )
    for name in (due_field, provisional_field, on_time_field):
        if name is not None:
            model._meta.get_field(name)  # a typo fails at start-up, not on the first notice
    if m not in REGISTRY:
        REGISTRY.append(m)
    return m


def _values(m: Mirror, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    latest = rows[0]
    values: dict[str, Any] = {f: latest[col] for f, col in m.date_fields().items()}
    if m.on_time_field:
        if m.every:
            closed = [r["on_time"] for r in rows if r["status"] == Deadline.Status.MET]
            values[m.on_time_field] = all(closed) if closed else None
        else:
            values[m.on_time_field] = latest["on_time"]
    return values


def refresh(subject: Any, rule_id: str, key: str = "") -> None:
    """Rewrite ``subject``'s mirrors of ``rule_id``/``key`` from its deadlines, in the database
    and on ``subject`` itself."""
    for m in REGISTRY:
        if not m.matches(type(subject), rule_id, key):
            continue
        rows = list(
            m.deadlines()
            .filter(subject_id=subject.pk)
            .order_by("-id")
            .values("due", "provisional", "on_time", "status")
        )
        if not rows:
            continue
        values = _values(m, rows)
        type(subject)._default_manager.filter(pk=subject.pk).update(**values)
        for field, value in values.items():
            setattr(subject, field, value)


def _latest(m: Mirror, column: str) -> Subquery:
    return Subquery(
        m.deadlines().filter(subject_id=OuterRef("pk")).order_by("-id").values(column)[:1]
    )


def _assignments(m: Mirror, *, on_time: bool) -> dict[str, Any]:
    values: dict[str, Any] = {f: _latest(m, col) for f, col in m.date_fields().items()}
    if on_time and m.on_time_field:
        if m.every:
            closed = m.deadlines().filter(subject_id=OuterRef("pk"), status=Deadline.Status.MET)
            values[m.on_time_field] = Case(
                When(Exists(closed), then=~Exists(closed.filter(on_time=False))),
                default=None,
                output_field=models.BooleanField(null=True),
            )
        else:
            values[m.on_time_field] = _latest(m, "on_time")
    return values


def _update_from(connection: Any) -> bool:
    """Whether the database takes ``UPDATE … FROM`` (PostgreSQL, SQLite ≥ 3.33)."""
    return connection.vendor == "postgresql" or (
        connection.vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 33, 0)
    )


def refresh_staged(stage_table: str, connection: Any) -> int:
    """After a recompute: rewrite the due date and flag of every record whose deadline the
    recompute staged (``stage_table`` holds the changed deadlines' ids), from the deadline
    rows as now stored. One ``UPDATE … FROM`` join per mirror (each record written once, from
    its latest matching deadline); returns the number of records written."""
    q = connection.ops.quote_name
    deadline = q(Deadline._meta.db_table)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # a temporary table has no statistics otherwise
            cursor.execute(f"ANALYZE {stage_table}")
    count = 0
    for m in REGISTRY:
        fields = m.date_fields()
        if not fields:
            continue
        ct = ContentType.objects.get_for_model(m.model)
        marks = ", ".join(["%s"] * len(m.rules))
        match = f"{{a}}.{q('subject_type_id')} = %s AND {{a}}.{q('rule_id')} IN ({marks})"
        params: list[Any] = [ct.pk, *m.rules]
        if m.key is not None:
            match += f" AND {{a}}.{q('key')} = %s"
            params.append(m.key)
        if not _update_from(connection):
            values = _assignments(m, on_time=False)
            ids = RawSQL(
                f"SELECT d.{q('subject_id')} FROM {stage_table} AS t "
                f"JOIN {deadline} AS d ON d.{q('id')} = t.id WHERE {match.format(a='d')}",
                params,
            )
            count += m.model._default_manager.filter(pk__in=ids).update(**values)
            continue
        table = q(m.model._meta.db_table)
        pk = q(m.model._meta.pk.column)
        assign = ", ".join(f"{q(m.column(f))} = d.{q(col)}" for f, col in fields.items())
        newer = (
            f"SELECT 1 FROM {deadline} AS n WHERE {match.format(a='n')} "
            f"AND n.{q('subject_id')} = d.{q('subject_id')} AND n.{q('id')} > d.{q('id')}"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {assign} FROM {stage_table} AS t, {deadline} AS d "
                f"WHERE d.{q('id')} = t.id AND {table}.{pk} = d.{q('subject_id')} "
                f"AND {match.format(a='d')} AND NOT EXISTS ({newer})",
                params + params,
            )
            count += cursor.rowcount
    return count


def refresh_all() -> int:
    """Rewrite every mirrored record from its deadlines; returns the number of records written."""
    count = 0
    for m in REGISTRY:
        values = _assignments(m, on_time=True)
        if values:
            ids = m.deadlines().values("subject_id")
            count += m.model._default_manager.filter(pk__in=ids).update(**values)
    return count
