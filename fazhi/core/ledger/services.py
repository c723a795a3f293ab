"""The only write path of the ledger.

``record`` queues a leaf in the caller's transaction: it commits or rolls back with the state
change it records, and takes no lock. After commit, :func:`integrate` (the sequencer) seals
queued leaves into the chain in a short transaction of its own that locks the head row — the
way Certificate Transparency logs integrate queued leaves in batches — so concurrent writers
neither fork the chain nor wait for one another's business transactions.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import storages
from django.db import IntegrityError, connections, models, router, transaction
from django.utils import timezone

from fazhi.kernel import ledger as kernel

from .models import LedgerEntry, LedgerHead, LedgerLeaf, StoredFile


def jsonable(value: Any) -> Any:
    """Step data as the ledger stores it: dates ISO, amounts as strings, rows as their keys."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


def algorithm() -> str:
    return getattr(settings, "FAZHI_LEDGER_ALGORITHM", kernel.DEFAULT_ALGORITHM)


def _actor_name(actor: Any) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    return getattr(actor, "username", None) or str(actor)


def _leaf_fields(
    subject: str, actor: str, action: str, payload: Mapping[str, Any], alg: str
) -> tuple[str, str, str]:
    """A leaf's time, body (the payload's canonical JSON, stored as digested) and payload
    digest; a field the seal would refuse is refused here, where it is written."""
    for name, value in (("subject", subject), ("actor", actor), ("action", action)):
        if not isinstance(value, str):
            raise kernel.LedgerError(f"{name} 必须是文本 / {name} must be a string")
    body = kernel.canonical_json(payload)
    now = timezone.localtime().isoformat(timespec="microseconds")
    return now, body.decode("utf-8"), kernel.digest(body, alg)


def record(subject: str, action: str, payload: Mapping[str, Any], *, actor: Any) -> LedgerLeaf:
    """Queue one entry in the caller's transaction; returns the leaf, whose ``id`` is the
    receipt (存证回执号). It commits or rolls back with the change it records and takes no
    lock: the sequencer seals it into the chain right after commit (:func:`integrate`)."""
    name = _actor_name(actor)
    now, body, pd = _leaf_fields(subject, name, action, payload, algorithm())
    leaf = LedgerLeaf.objects.create(
        subject=subject, actor=name, action=action, time=now, body=body, payload_digest=pd
    )
    integrate_after_commit(router.db_for_write(LedgerLeaf))
    return leaf


_LEAF_INSERT = ("subject", "actor", "action", "time", "body", "payload_digest")
_ROWS_PER_STATEMENT = 500  # 500 × 10 columns stays well under SQLite's bound-parameter limit


def _insert(
    alias: str, model: type[models.Model], columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> list[int]:
    """Multi-row ``INSERT … VALUES (…), (…)`` of plain values, ``_ROWS_PER_STATEMENT`` rows a
    statement, without the ORM's per-object work (bulk loads write tens of thousands of rows);
    returns the new primary keys, in order, when the model's key is generated."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) VALUES "
    one = f"({', '.join(['%s'] * len(columns))})"
    generated = model._meta.pk.attname not in columns
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _ROWS_PER_STATEMENT):
            part = rows[start : start + _ROWS_PER_STATEMENT]
            sql = head + ", ".join([one] * len(part))
            params = [value for row in part for value in row]
            if generated:
                key = model._meta.pk.column or model._meta.pk.attname
                cursor.execute(sql + f" RETURNING {quote(key)}", params)
                ids.extend(row[0] for row in cursor.fetchall())
            else:
                cursor.execute(sql, params)
    return ids


def record_many(
    items: Iterable[tuple[str, str, Mapping[str, Any]]], *, actor: Any, batch: int = 5000
) -> list[int]:
    """Queue many entries at once in the caller's transaction; returns their receipts in the
    order of ``items`` (e.g. for ``TransitionLog.ledger_leaf``). For bulk loads (imports, demo
    data, benchmarks): multi-row inserts, ``batch`` leaves at a time; they are sealed, in this
    order, after commit like any other leaf."""
    name = _actor_name(actor)
    alg = algorithm()
    alias = router.db_for_write(LedgerLeaf)
    receipts: list[int] = []
    pending: list[tuple[Any, ...]] = []
    with transaction.atomic(using=alias):
        for subject, action, payload in items:
            now, body, pd = _leaf_fields(subject, name, action, payload, alg)
            pending.append((subject, name, action, now, body, pd))
            if len(pending) >= batch:
                receipts += _insert(alias, LedgerLeaf, _LEAF_INSERT, pending)
                pending.clear()
        if pending:
            receipts += _insert(alias, LedgerLeaf, _LEAF_INSERT, pending)
    integrate_after_commit(alias)
    return receipts


def integrate_after_commit(alias: str) -> None:
    """Have :func:`integrate` run once when the current transaction commits."""
    connection = connections[alias]
    if connection.in_atomic_block and any(
        hook[1] is _integrate_hook for hook in connection.run_on_commit
    ):
        return
    transaction.on_commit(_integrate_hook, using=alias, robust=True)


def _integrate_hook() -> None:
    integrate(queued=True)


_LEAF_COLUMNS = ("id", "subject", "actor", "action", "time", "body", "payload_digest")
_ENTRY_INSERT = (
    "seq",
    "subject",
    "actor",
    "action",
    "time",
    "body",
    "payload_digest",
    "prev_digest",
    "digest",
    "leaf",
)


def integrate(*, using: str | None = None, batch: int = 2000, queued: bool = False) -> int:
    """Seal queued leaves into the chain, oldest receipt first; returns how many were sealed.

    The sequencer's short transaction locks the head row, appends up to ``batch`` entries and
    moves the head. A writer that finds the head locked leaves (``skip_locked``): whoever holds
    it looks for queued leaves again after it commits, and a leaf committed before that other
    writer's attempt is visible to that look — so no committed leaf is left behind, and no
    business transaction ever waits for another's guards or effects. Safe to call at any time
    (the nightly job and ``ledger verify`` call it to seal leaves of a process that died
    between commit and its hook). ``queued=True`` (the writer's own hook, which knows it
    queued a leaf) skips the first look."""
    alias = using or router.db_for_write(LedgerEntry)
    if not queued and not LedgerLeaf.objects.using(alias).exists():
        return 0  # the usual case for a reader: nothing queued, no lock taken
    sealed = 0
    connection = connections[alias]
    outermost = not connection.in_atomic_block
    while True:
        with transaction.atomic(using=alias):
            if outermost and connection.vendor == "postgresql":
                # The leaves were committed durably by their own transactions; this one only
                # moves them into the chain, atomically. Lost in a crash, it is done again by
                # the next sequencer (the leaves are still queued), and no checkpoint can have
                # attested it (checkpoints.issue commits synchronously before signing), so it
                # need not wait for its own WAL flush: half the fsyncs of a ledgered write.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            head = _lock_head(alias)
            if head is None:  # another sequencer holds the head; it will look again
                return sealed
            count = _seal_batch(alias, head, batch)
        sealed += count
        if count < batch and not LedgerLeaf.objects.using(alias).exists():
            return sealed


def _lock_head(alias: str) -> LedgerHead | None:
    heads = LedgerHead.objects.using(alias).select_for_update(skip_locked=True)
    head = heads.filter(pk=1).first()
    if head is not None:
        return head
    if LedgerHead.objects.using(alias).filter(pk=1).exists():
        return None  # locked by another sequencer
    last = LedgerEntry.objects.using(alias).order_by("-seq").only("seq", "digest").first()
    try:
        with transaction.atomic(using=alias):
            LedgerHead.objects.using(alias).create(
                pk=1,
                seq=last.seq if last else 0,
                digest=last.digest if last else kernel.GENESIS,
            )
    except IntegrityError:
        pass  # created concurrently
    return heads.filter(pk=1).first()


def _take_leaves(alias: str, batch: int) -> list[tuple[Any, ...]]:
    """Remove up to ``batch`` queued leaves, oldest receipt first, and return them: one
    ``DELETE … RETURNING`` (PostgreSQL, SQLite ≥ 3.35) instead of a read and a delete."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    table = quote(LedgerLeaf._meta.db_table)
    columns = ", ".join(quote(c) for c in _LEAF_COLUMNS)
    sql = (
        f"DELETE FROM {table} WHERE {quote('id')} IN "
        f"(SELECT {quote('id')} FROM {table} ORDER BY {quote('id')} LIMIT %s) "
        f"RETURNING {columns}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [batch])
        rows = cursor.fetchall()
    rows.sort(key=lambda row: row[0])  # RETURNING promises no order
    return rows


def _seal_batch(alias: str, head: LedgerHead, batch: int) -> int:
    leaves = _take_leaves(alias, batch)
    if not leaves:
        return 0
    alg = algorithm()
    seq, prev = head.seq, head.digest
    rows: list[tuple[Any, ...]] = []
    for leaf_id, subject, actor, action, time, body, pd in leaves:
        seq += 1
        digest = kernel.entry_digest(seq, subject, actor, action, time, pd, prev, alg)
        rows.append((seq, subject, actor, action, time, body, pd, prev, digest, leaf_id))
        prev = digest
    _insert(alias, LedgerEntry, _ENTRY_INSERT, rows)
    LedgerHead.objects.using(alias).filter(pk=1).update(seq=seq, digest=prev)
    return len(leaves)


def _jsonable(payload: Mapping[str, Any]) -> dict[str, Any]:
    """What the database stores must be exactly what was digested: round-trip through JSON."""
    return json.loads(kernel.canonical_json(payload))


def blob_storage():
    return storages["blobs"]


def store_file(
    source: BinaryIO | bytes,
    *,
    name: str,
    content_type: str = "",
    actor: Any = None,
    subject: str = "",
) -> StoredFile:
    """Keep a file by its content digest (idempotent) and ledger its arrival."""
    data = source if isinstance(source, bytes) else source.read()
    digest = kernel.file_digest(io.BytesIO(data), algorithm())
    stored = StoredFile.objects.filter(pk=digest).first()
    if stored is None:
        stored = StoredFile(
            digest=digest,
            algorithm=algorithm(),
            size=len(data),
            name=name[:255],
            content_type=content_type,
        )
        storage = blob_storage()
        if not storage.exists(stored.storage_name):
            storage.save(stored.storage_name, ContentFile(data))
        stored.save()
        record(
            subject or f"file:{digest}",
            "file.stored",
            {"file_digest": digest, "name": name, "size": len(data)},
            actor=actor,
        )
    return stored


def open_file(stored: StoredFile) -> File:
    return blob_storage().open(stored.storage_name, "rb")
