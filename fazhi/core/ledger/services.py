"""The only write path of the ledger.

``record`` appends an entry in the caller's transaction: the ledger entry commits or rolls back
with the state change it records. Entries are serialised by locking the head row, so two
concurrent transitions cannot fork the chain.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import storages
from django.db import connections, models, router, transaction
from django.utils import timezone

from fazhi.kernel import ledger as kernel

from .models import LedgerEntry, StoredFile


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


def record(subject: str, action: str, payload: Mapping[str, Any], *, actor: Any) -> LedgerEntry:
    """Append one entry sealed to the previous one; returns the stored row."""
    with transaction.atomic():
        head = (
            LedgerEntry.objects.select_for_update().order_by("-seq").only("seq", "digest").first()
        )
        seq = head.seq + 1 if head else 1
        prev = head.digest if head else kernel.GENESIS
        now = timezone.localtime().isoformat(timespec="microseconds")
        clean = _jsonable(payload)
        entry = kernel.seal(seq, subject, _actor_name(actor), action, now, clean, prev, algorithm())
        return LedgerEntry.objects.create(
            seq=entry.seq,
            subject=entry.subject,
            actor=entry.actor,
            action=entry.action,
            time=entry.time,
            payload=clean,
            payload_digest=entry.payload_digest,
            prev_digest=entry.prev_digest,
            digest=entry.digest,
        )


_COLUMNS = (
    "seq",
    "subject",
    "actor",
    "action",
    "time",
    "payload",
    "payload_digest",
    "prev_digest",
    "digest",
)


def record_many(
    items: Iterable[tuple[str, str, Mapping[str, Any]]], *, actor: Any, batch: int = 5000
) -> range:
    """Append many entries at once, sealed in order, in the caller's transaction; returns the
    sequence numbers written, in the order of ``items`` (e.g. for ``TransitionLog.ledger_seq``). For bulk loads (imports, demo data, benchmarks): one head lookup, then one
    ``executemany`` insert per ``batch`` instead of two ORM queries per entry. The chain is
    exactly what as many :func:`record` calls would have written (same seal, same time rule)."""
    name = _actor_name(actor)
    alg = algorithm()
    connection = connections[router.db_for_write(LedgerEntry)]
    prep_payload = LedgerEntry._meta.get_field("payload").get_db_prep_save
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(LedgerEntry._meta.db_table)} "
        f"({', '.join(quote(c) for c in _COLUMNS)}) VALUES ({', '.join(['%s'] * len(_COLUMNS))})"
    )
    with transaction.atomic(using=connection.alias):
        head = (
            LedgerEntry.objects.select_for_update().order_by("-seq").only("seq", "digest").first()
        )
        seq = first = head.seq if head else 0
        prev = head.digest if head else kernel.GENESIS
        rows: list[tuple[Any, ...]] = []
        with connection.cursor() as cursor:
            for subject, action, payload in items:
                seq += 1
                now = timezone.localtime().isoformat(timespec="microseconds")
                clean = _jsonable(payload)
                e = kernel.seal(seq, subject, name, action, now, clean, prev, alg)
                prev = e.digest
                rows.append(
                    (
                        e.seq,
                        e.subject,
                        e.actor,
                        e.action,
                        e.time,
                        prep_payload(clean, connection),
                        e.payload_digest,
                        e.prev_digest,
                        e.digest,
                    )
                )
                if len(rows) >= batch:
                    cursor.executemany(sql, rows)
                    rows = []
            if rows:
                cursor.executemany(sql, rows)
    return range(first + 1, seq + 1)


def _jsonable(payload: Mapping[str, Any]) -> dict[str, Any]:
    """What the database stores must be exactly what was digested: round-trip through JSON."""
    import json

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
