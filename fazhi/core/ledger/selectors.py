"""Reading the stored ledger: streaming verification and export."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
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


Row = tuple[Any, ...]


def _chunks(
    chunk: int = 5000, each: Callable[[list[Row]], None] | None = None
) -> Iterator[list[Row]]:
    """Every stored entry in sequence order as the rows of :data:`.models.ENTRY_FIELDS`, in
    lists of ``chunk``: a chunked cursor (server-side on PostgreSQL), so memory stays bounded
    however long the ledger, without the ORM's per-row machinery. ``each`` is shown every list
    before it is yielded (to gather something in the same pass)."""
    connection = connections[router.db_for_read(LedgerEntry)]
    sql, params = (
        LedgerEntry.objects.order_by("seq").values_list(*ENTRY_FIELDS).query.sql_with_params()
    )
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            if each is not None:
                each(rows)
            yield rows


def _rows(chunk: int = 5000) -> Iterator[tuple[kernel.Entry, Any]]:
    """Every stored entry in sequence order with its decoded payload, streamed."""
    loads = json.loads
    entry = kernel.Entry
    for rows in _chunks(chunk):
        for row in rows:
            yield entry(*row[:8]), loads(row[8])


def verify_database(
    marks: Iterable[int] = (), *, each_chunk: Callable[[list[Row]], None] | None = None
) -> kernel.VerifyResult:
    """Verify every stored entry: chain links, digests, payloads (the stored canonical text,
    hashed as it is, never parsed), sequence continuity; every problem is in ``problems``.
    ``marks`` asks for the root and head at those sizes, taken in the same pass (for
    comparison with signed checkpoints, see :mod:`.checkpoints`); ``each_chunk`` is shown
    every list of rows read (see :func:`_chunks`), e.g. to gather the record states the
    cross-check needs without a second scan."""
    integrate()
    return kernel.verify_rows(
        _chunks(20_000, each_chunk),
        algorithm(),
        marks=marks,  # ORDER BY seq: a gap is a removal, nothing to read ahead for
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
