"""Every tracked record's current row checked against its latest sealed state (记录与存证核对).

The chain verification proves the ledger is whole; this proves the business tables still say
what the ledger says they said. Two streamed passes, so memory holds one small item per
tracked record, never a payload:

1. the ledger's ``record.saved``/``record.deleted`` entries in sequence order, read with a raw
   chunked cursor, only their subject and the state digest stored in the payload (extracted by
   the database): for each subject its latest digest and sequence number;
2. each tracked model's rows (the columns :mod:`.tracking` ledgers), streamed in chunks, each
   digested the way it was when sealed and compared with the ledger's.

A row whose digest differs is *changed* (its one entry is then re-read by sequence number to
name the fields that differ), a ledgered row now missing is *deleted*, a row the ledger never
saw (or saw deleted) is *inserted*. Every problem is reported, not the first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import connections, router
from django.db.models import Case, Value, When
from django.db.models.functions import Substr

from fazhi.kernel import ledger as kernel

from . import tracking
from .models import LedgerEntry
from .services import algorithm, integrate

_DIGEST_PREFIX = '{"digest":"'

Kind = Literal["changed", "deleted", "inserted"]
_CHUNK = 5000


@dataclass(frozen=True)
class FieldChange:
    field: str  # attname
    label: str  # the field's verbose name
    ledgered: Any
    current: Any


@dataclass
class Problem:
    """One record whose row disagrees with the ledger."""

    kind: Kind
    model: str  # app_label.model
    label: str  # the model's Chinese name
    name: str  # the record as a person names it (case number and party…)
    pk: str
    seq: int | None  # the latest record entry of the subject, if any
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def subject(self) -> str:
        return f"{self.model}:{self.pk}"

    @property
    def message(self) -> str:
        who = f"{self.label}“{self.name}”（{self.model}:{self.pk}）"
        if self.kind == "changed":
            diffs = "；".join(
                f"{c.label}存证为{_shown(c.ledgered)}，现为{_shown(c.current)}" for c in self.fields
            )
            return f"{who}在业务流程之外被改动（对照存证记录第{self.seq}号）：{diffs or '内容不一致'}。"
        if self.kind == "deleted":
            return f"{who}已被删除，删除未经业务流程（最后存证记录第{self.seq}号）。"
        if self.seq is not None:
            return f"{who}已于存证记录第{self.seq}号登记删除，现又出现在数据库中。"
        return f"{who}没有任何存证记录，系在业务流程之外写入。"


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "空"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return f"“{text if len(text) <= 80 else text[:80] + '…'}”"


def _latest() -> dict[str, tuple[int, str]]:
    """subject -> (seq, state digest; "" when deleted) of its latest record entry."""
    integrate()
    connection = connections[router.db_for_read(LedgerEntry)]
    # A state entry's body is canonical JSON with sorted keys, {"digest":"<64 hex>","state":…}:
    # the digest is the 64 characters after the 11 of '{"digest":"', cut out by the database.
    qs = (
        LedgerEntry.objects.filter(action__in=tuple(tracking.ACTIONS))
        .annotate(
            state_digest=Case(
                When(action=tracking.DELETED, then=Value("")),
                default=Substr("body", len(_DIGEST_PREFIX) + 1, 64),
            )
        )
        .order_by("seq")
        .values_list("seq", "subject", "state_digest")
    )
    sql, params = qs.query.sql_with_params()
    latest: dict[str, tuple[int, str]] = {}
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(_CHUNK):
            for seq, subject, digest in rows:
                latest[subject] = (seq, digest or "")
    return latest


def gather(latest: dict[str, tuple[int, str]]) -> Callable[[Sequence[Sequence[Any]]], None]:
    """What :func:`_latest` reads, taken instead from the rows of a pass over the whole ledger
    in sequence order (:func:`.selectors.verify_database`'s ``each_chunk``, rows of
    :data:`.models.ENTRY_FIELDS`): filled into ``latest``, so that ``fazhi ledger verify``
    reads the ledger once. The state digest is cut from the stored body as :func:`_latest`
    has the database cut it."""
    actions = frozenset(tracking.ACTIONS)
    deleted = tracking.DELETED
    start = len(_DIGEST_PREFIX)
    end = start + 64

    def take(rows: Sequence[Sequence[Any]]) -> None:
        for row in rows:
            if row[3] in actions:  # the action
                latest[row[1]] = (row[0], "" if row[3] == deleted else row[8][start:end])

    return take


def iter_problems(latest: dict[str, tuple[int, str]] | None = None) -> Iterator[Problem]:
    """Every tracked record that disagrees with the ledger, model by model. ``latest`` is
    what :func:`gather` collected during a pass over the ledger (read here when not given;
    consumed)."""
    if latest is None:
        latest = _latest()
    digest = tracking.row_digester(algorithm())
    specs = tracking.tracked()
    for spec in specs:
        r = tracking.reader(spec)
        prefix = f"{spec.key}:"
        for row in r.raw(_CHUNK):
            seen = latest.pop(prefix + str(row[0]), None)
            if seen is None:
                yield _problem(spec, "inserted", row[0], None, current=r.state(row))
                continue
            seq, sealed = seen
            if not sealed:
                yield _problem(spec, "inserted", row[0], seq, current=r.state(row))
            elif sealed != digest(row):
                problem = _problem(spec, "changed", row[0], seq, current=r.state(row))
                # no field differs: the digest moved with the schema (a column added since the
                # state was sealed) or the database (the same values read by another driver)
                if problem.fields:
                    yield problem
    by_key = {spec.key: spec for spec in specs}
    for subject, (seq, sealed) in latest.items():
        key, _, pk = subject.rpartition(":")
        gone = by_key.get(key)
        if gone is not None and sealed:
            yield _problem(gone, "deleted", pk, seq, current=None)


def problems(latest: dict[str, tuple[int, str]] | None = None) -> list[Problem]:
    """All of :func:`iter_problems`, in one list."""
    return list(iter_problems(latest))


def messages(latest: dict[str, tuple[int, str]] | None = None) -> list[str]:
    """One Chinese sentence per problem."""
    return [p.message for p in iter_problems(latest)]


def _sealed_state(seq: int | None) -> dict[str, Any] | None:
    """The state sealed in entry ``seq`` (the one payload re-read, by its key)."""
    if seq is None:
        return None
    entry = LedgerEntry.objects.filter(seq=seq).only("body").first()
    payload = entry.payload if entry is not None else None
    if not isinstance(payload, dict):
        return None
    state = payload.get("state")
    return state if isinstance(state, dict) else None


def _problem(
    spec: tracking.Record, kind: Kind, pk: Any, seq: int | None, *, current: dict | None
) -> Problem:
    sealed = _sealed_state(seq) if kind in ("changed", "deleted") else None
    if kind == "deleted" and sealed is None and seq is not None:
        # the subject's latest record entry names no state: look back for the last one that did
        sealed = _last_state(spec.subject(pk))
    changes: list[FieldChange] = []
    if kind == "changed" and current is not None:
        now = json.loads(kernel.canonical_json(current))
        old = sealed or {}
        for name in spec.fields():
            if old.get(name) != now.get(name):
                changes.append(
                    FieldChange(name, _verbose(spec, name), old.get(name), now.get(name))
                )
    return Problem(
        kind=kind,
        model=spec.key,
        label=spec.title,
        name=_name(spec, pk, current if current is not None else sealed),
        pk=str(pk),
        seq=seq,
        fields=changes,
    )


def _last_state(subject: str) -> dict[str, Any] | None:
    entry = (
        LedgerEntry.objects.filter(subject=subject, action=tracking.SAVED)
        .order_by("-seq")
        .only("body")
        .first()
    )
    payload = entry.payload if entry is not None else None
    return payload.get("state") if isinstance(payload, dict) else None


def _verbose(spec: tracking.Record, attname: str) -> str:
    for f in spec.model._meta.concrete_fields:
        if f.attname == attname:
            return str(f.verbose_name)
    return attname


def _name(spec: tracking.Record, pk: Any, state: dict[str, Any] | None) -> str:
    """The record's name for a person: from its row as it is now (or as last ledgered)."""
    obj = spec.model._base_manager.filter(pk=pk).first()
    if obj is None:
        obj = spec.model(**(state or {}))
        obj.pk = obj.pk or pk
    return spec.describe(obj)


def baseline(*, actor: Any = "baseline") -> dict[str, int]:
    """Ledger the current state of every tracked row the ledger has never seen: run once when
    tracking is first deployed on a database that already holds records (or a model is newly
    tracked), so that the check starts from the rows as they are then. Returns the number of
    rows ledgered per model. A row already ledgered is left alone (its changes stay reported)."""
    latest = _latest()
    done: dict[str, int] = {}
    for spec in tracking.tracked():
        prefix = f"{spec.key}:"
        pks = [
            pk
            for pk in spec.model._base_manager.order_by("pk")
            .values_list("pk", flat=True)
            .iterator()
            if prefix + str(pk) not in latest
        ]
        if pks:
            done[spec.key] = tracking.snapshot_many(pks, model=spec.model, actor=actor)
    return done
