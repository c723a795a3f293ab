"""Record archives: one record's ledger entries and files, proven against a signed checkpoint.

A record is any model instance whose ledger subject is ``"<app_label.model>:<pk>"`` (as
:meth:`fazhi.core.workflow.engine.Workflow.subject` writes it). Its archive holds the entries of
that subject and of its sub-records, found generically: every reverse foreign-key or one-to-one
relation whose rows are deleted with their parent (``on_delete=CASCADE``) is a part of the
record (a case's evidence, documents, hearings, transfers…), recursively. Nothing else: no
entry of another record, no file another record's entries reference, no security-audit entry.

Each entry comes with an RFC 9162 inclusion proof against a checkpoint (its size and root), so
``fazhi ledger verify ARCHIVE`` accepts the archive with nothing of the rest of the ledger
(:mod:`fazhi.kernel.ledger.record`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db import models

from fazhi.kernel import ledger as kernel
from fazhi.kernel.ledger import checkpoint as kernel_checkpoint

from . import checkpoints
from .models import ENTRY_FIELDS, LedgerEntry, StoredFile
from .services import blob_storage, integrate

_BATCH = 500  # subjects per IN (...) query, well under SQLite's variable limit


class RecordError(kernel.LedgerError):
    """The record named cannot be archived (unknown model or row); ``args[0]`` is Chinese."""


def subject_of(obj: models.Model) -> str:
    """The ledger subject of a row: ``"<app_label.model>:<pk>"``."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def resolve(subject: str) -> models.Model:
    """The row a subject names, e.g. ``"enforcement.case:12"``."""
    label, sep, pk = subject.partition(":")
    if not sep or not pk:
        raise RecordError(f"记录标识应为“应用.模型:主键”，收到“{subject}”")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as exc:
        raise RecordError(f"没有名为“{label}”的模型") from exc
    try:
        return model._default_manager.get(pk=pk)
    except (ObjectDoesNotExist, ValueError) as exc:
        raise RecordError(f"找不到记录“{subject}”") from exc


def _children(model: type[models.Model]) -> Iterator[models.ForeignObjectRel]:
    """The reverse relations whose rows are parts of ``model``'s rows (deleted with them)."""
    for rel in model._meta.related_objects:
        if rel.many_to_many or not (rel.one_to_many or rel.one_to_one):
            continue
        if rel.on_delete is models.CASCADE:
            yield rel


def record_subjects(obj: models.Model) -> list[str]:
    """The record's own subject and those of its sub-records, recursively (sorted)."""
    subjects = {subject_of(obj)}
    frontier: list[tuple[type[models.Model], list[Any]]] = [(type(obj), [obj.pk])]
    seen: set[tuple[str, Any]] = {(obj._meta.label_lower, obj.pk)}
    while frontier:
        model, pks = frontier.pop()
        for rel in _children(model):
            child = rel.related_model
            field = rel.field
            found: list[Any] = []
            for start in range(0, len(pks), _BATCH):
                lookup = {f"{field.name}__in": pks[start : start + _BATCH]}
                for pk in child._default_manager.filter(**lookup).values_list("pk", flat=True):
                    key = (child._meta.label_lower, pk)
                    if key not in seen:
                        seen.add(key)
                        found.append(pk)
                        subjects.add(f"{child._meta.label_lower}:{pk}")
            if found:
                frontier.append((child, found))
    return sorted(subjects)


def record_entries(subjects: Iterable[str], upto: int) -> list[tuple[kernel.Entry, dict[str, Any]]]:
    """The entries of ``subjects`` with seq ``<= upto``, in sequence order (subject is indexed)."""
    subjects = list(subjects)
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(subjects), _BATCH):
        rows.extend(
            LedgerEntry.objects.filter(subject__in=subjects[start : start + _BATCH], seq__lte=upto)
            .order_by("seq")
            .values_list(*ENTRY_FIELDS)
        )
    rows.sort(key=lambda row: row[0])
    return [
        (kernel.Entry(*row[:8]), json.loads(row[8]) if isinstance(row[8], str) else row[8])
        for row in rows
    ]


def ledger_digests(upto: int) -> Iterator[str]:
    """The digests of entries ``1..upto`` in order, streamed (only this column is read)."""
    query = (
        LedgerEntry.objects.filter(seq__lte=upto).order_by("seq").values_list("digest", flat=True)
    )
    return query.iterator(chunk_size=10_000)


def stored_files(digests: Iterable[str]) -> dict[str, str | bytes]:
    """Where to read each stored file named by ``digests`` (a path, or its bytes when the
    storage has no local path)."""
    storage = blob_storage()
    files: dict[str, str | bytes] = {}
    wanted = sorted(set(digests))
    for start in range(0, len(wanted), _BATCH):
        for stored in StoredFile.objects.filter(pk__in=wanted[start : start + _BATCH]):
            try:
                files[stored.digest] = storage.path(stored.storage_name)
            except NotImplementedError:  # remote storage: read the bytes
                with storage.open(stored.storage_name, "rb") as fh:
                    files[stored.digest] = fh.read()
    return files


def export_record(
    obj: models.Model,
    path: str | Path,
    checkpoint: kernel_checkpoint.Checkpoint,
    *,
    meta: dict[str, Any] | None = None,
) -> kernel.RecordExport:
    """Write the record archive of ``obj`` at ``path`` (a directory or ``.zip``; must not
    exist), proven against ``checkpoint``: entries after ``checkpoint.size`` cannot be proven
    and are left out, so pass a checkpoint issued after the record's last entry."""
    integrate()
    subjects = record_subjects(obj)
    entries = record_entries(subjects, checkpoint.size)
    referenced = {ref for _, payload in entries for ref in kernel.file_references(payload)}
    return kernel.export_record_bundle(
        path,
        entries,
        ledger_digests(checkpoint.size),
        checkpoint,
        stored_files(referenced),
        record=subject_of(obj),
        subjects=subjects,
        meta=meta or {"record": subject_of(obj)},
    )


def last_seq(subjects: Iterable[str]) -> int:
    """The sequence number of the newest entry of ``subjects`` (0 when there is none)."""
    integrate()
    subjects = list(subjects)
    newest = 0
    for start in range(0, len(subjects), _BATCH):
        found = LedgerEntry.objects.filter(subject__in=subjects[start : start + _BATCH]).aggregate(
            newest=models.Max("seq")
        )["newest"]
        newest = max(newest, found or 0)
    return newest


def checkpoint_for(obj: models.Model) -> kernel_checkpoint.Checkpoint:
    """A checkpoint that covers every entry of ``obj``'s record, to export it against."""
    integrate()
    return current_checkpoint(covering=last_seq(record_subjects(obj)))


def current_checkpoint(covering: int = 0) -> kernel_checkpoint.Checkpoint:
    """A filed, signed checkpoint covering at least entries ``1..covering``: the latest one
    when it does, else one issued now (:func:`checkpoints.covering`). Raises
    ImproperlyConfigured (Chinese) when no checkpoint key is configured."""
    integrate()
    if checkpoints.key() is None:
        raise ImproperlyConfigured(checkpoints.NO_KEY)
    return checkpoints.covering(covering)
