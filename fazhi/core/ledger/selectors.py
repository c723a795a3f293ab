"""Reading the stored ledger: streaming verification and export."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fazhi.kernel import ledger as kernel

from .models import LedgerEntry, StoredFile
from .services import algorithm, blob_storage

_FIELDS = (
    "seq",
    "subject",
    "actor",
    "action",
    "time",
    "payload_digest",
    "prev_digest",
    "digest",
    "payload",
)


def _rows(chunk: int = 5000) -> Iterator[tuple[kernel.Entry, dict[str, Any]]]:
    qs = LedgerEntry.objects.order_by("seq").values_list(*_FIELDS)
    for row in qs.iterator(chunk_size=chunk):
        yield kernel.Entry(*row[:8]), row[8]


def verify_database() -> kernel.VerifyResult:
    """Verify every stored entry: chain links, digests, payloads, sequence continuity."""
    a, b = itertools.tee(_rows())
    return kernel.verify_entries(
        (e for e, _ in a), payloads=(p for _, p in b), algorithm=algorithm()
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
    storage = blob_storage()
    files: dict[str, Any] = {}
    for stored in StoredFile.objects.iterator():
        try:
            files[stored.digest] = storage.path(stored.storage_name)
        except NotImplementedError:  # remote storage: read the bytes
            with storage.open(stored.storage_name, "rb") as fh:
                files[stored.digest] = fh.read()
    return kernel.export_bundle(path, _rows(), files, algorithm=algorithm(), meta=meta or {})
