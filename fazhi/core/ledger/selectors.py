"""Reading the stored ledger: streaming verification and export."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.db import connections, models, router

from fazhi.kernel import ledger as kernel

from .models import ENTRY_FIELDS, LedgerEntry, StoredFile
from .services import algorithm, blob_storage, integrate


def sealed() -> models.QuerySet[LedgerEntry]:
    """The sealed entries, after sealing whatever is queued: what a reader of the ledger
    (a page, an export, a test) must look at, so that a write is found as soon as it commits."""
    integrate()
    return LedgerEntry.objects.all()


def entry_for(receipt: int | None) -> LedgerEntry | None:
    """The sealed entry of a receipt (存证回执号) that a history row or event keeps."""
    if receipt is None:
        return None
    return sealed().filter(leaf=receipt).first()


def _rows(chunk: int = 5000, *, decode: bool = True) -> Iterator[tuple[kernel.Entry, Any]]:
    """Every stored entry in sequence order with its payload, streamed: a chunked cursor
    (server-side on PostgreSQL) read ``chunk`` rows at a time, so memory stays bounded however
    long the ledger, without the ORM's per-row machinery. With ``decode=False`` the payload is
    the stored canonical text, which is what its digest covers: verification hashes it as it
    is and never parses it."""
    connection = connections[router.db_for_read(LedgerEntry)]
    sql, params = (
        LedgerEntry.objects.order_by("seq").values_list(*ENTRY_FIELDS).query.sql_with_params()
    )
    loads = json.loads
    entry = kernel.Entry
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            if decode:
                for row in rows:
                    yield entry(*row[:8]), loads(row[8])
            else:
                for row in rows:
                    yield entry(*row[:8]), row[8]


def verify_database(marks: Iterable[int] = ()) -> kernel.VerifyResult:
    """Verify every stored entry: chain links, digests, payloads, sequence continuity; every
    problem is in ``problems``. ``marks`` asks for the root and head at those sizes, taken in
    the same pass (for comparison with signed checkpoints, see :mod:`.checkpoints`)."""
    integrate()
    a, b = itertools.tee(_rows(decode=False))
    return kernel.verify_entries(
        (e for e, _ in a),
        payloads=(p for _, p in b),
        algorithm=algorithm(),
        marks=marks,
        ordered=True,  # ORDER BY seq: a gap is a removal, nothing to read ahead for
    )


def verify_files() -> list[tuple[StoredFile, str]]:
    """Stored files whose content no longer matches their digest (or that are missing)."""
    bad: list[tuple[StoredFile, str]] = []
    storage = blob_storage()
    for stored in StoredFile.objects.order_by("digest").iterator():
        if not storage.exists(stored.storage_name):
            bad.append((stored, "文件缺失"))
            continue
        with storage.open(stored.storage_name, "rb") as fh:
            if kernel.file_digest(fh, stored.algorithm) != stored.digest:
                bad.append((stored, "文件内容与摘要不符（已被改动）"))
    return bad


def export_database(path: str | Path, *, meta: dict[str, Any] | None = None) -> kernel.VerifyResult:
    """Write a bundle that ``fazhi ledger verify PATH`` accepts."""
    integrate()
    storage = blob_storage()
    files: dict[str, Any] = {}
    for stored in StoredFile.objects.iterator():
        try:
            files[stored.digest] = storage.path(stored.storage_name)
        except NotImplementedError:  # remote storage: read the bytes
            with storage.open(stored.storage_name, "rb") as fh:
                files[stored.digest] = fh.read()
    return kernel.export_bundle(path, _rows(), files, algorithm=algorithm(), meta=meta or {})
