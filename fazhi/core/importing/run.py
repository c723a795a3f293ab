"""Running an import: all rows or none.

:func:`import_file` serves every :class:`Importer`: it refuses a user the importer does not
allow, reads the file (bounded), drops the template's example row left unchanged, and then
either calls the importer's own ``run`` or sends each row through its ``row_service`` inside one
transaction: every row is tried, every problem is kept with its row and column, and if any row
failed the transaction is rolled back, so nothing of the file is kept.

:func:`start` and :func:`commit` are the two halves an importer with its own ``run`` uses:
read the rows, validate them all into plans, then write every plan in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.ledger.services import record, store_file
from fazhi.core.ui.excel import XLSX
from fazhi.core.workflow.engine import InvalidTransition, Refused

from .checks import Checker
from .reader import FileRefused, Row, check_upload, clean, read_rows
from .report import ImportResult, RowError
from .spec import Importer

Source = bytes | IO[bytes] | Path | str  # IO[bytes]: a binary stream or a Django upload


def read_source(source: Source) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, Path | str):
        return Path(source).read_bytes()
    return source.read()


def example_values(importer: Importer) -> dict[str, str]:
    """The example row as the reader would see it (empty cells left out)."""
    values = zip((c.key for c in importer.columns), importer.example, strict=True)
    return {k: clean(v, verbatim=importer.verbatim) for k, v in values if clean(v)}


def drop_example(rows: list[Row], importer: Importer) -> tuple[list[Row], bool]:
    """The template's example row, left unchanged, is instruction, not data."""
    example = example_values(importer)
    kept = [r for r in rows if {k: v for k, v in r.values.items() if v} != example]
    return kept, len(kept) != len(rows)


def start(
    importer: Importer, source: Source, *, dry_run: bool
) -> tuple[ImportResult, bytes, list[Row] | None]:
    """The import's result, the file's bytes and its data rows (``None`` when the file cannot
    be read: ``result.errors`` then says why)."""
    result = ImportResult(
        kind=importer.kind, label=importer.label, dry_run=dry_run, unit=importer.unit
    )
    try:
        check_upload(getattr(source, "size", None))
        data = read_source(source)
        rows = read_rows(data, importer)
    except FileRefused as refused:
        result.errors = refused.errors
        return result, b"", None
    rows, result.skipped_example = drop_example(rows, importer)
    result.rows = len(rows)
    return result, data, rows


def import_file(
    importer: Importer,
    source: Source,
    *,
    actor: Any,
    dry_run: bool = False,
    filename: str = "",
    **options: Any,
) -> ImportResult:
    """Import ``source`` as ``actor``: every row or none (see the module's docstring)."""
    if not isinstance(actor, str) and not importer.may_import(actor):
        raise PermissionDenied(importer.refused or f"您不能导入{importer.label}。")
    filename = filename or getattr(source, "name", "") or importer.template_filename
    if importer.run is not None:
        return importer.run(source, actor=actor, dry_run=dry_run, filename=filename, **options)
    service = importer.row_service
    assert service is not None  # an importer declares exactly one of run and row_service
    result, _, rows = start(importer, source, dry_run=dry_run)
    if rows is None:
        return result
    check = Checker(importer, actor)
    service_errors: list[RowError] = []
    created = 0
    with transaction.atomic():
        for row in rows:
            before = len(check.errors)
            parsed = {c.key: check.value(row, c) for c in importer.columns}
            values = {k: v for k, v in parsed.items() if row[k]}  # empty cells left out
            if len(check.errors) > before:
                continue
            try:
                with transaction.atomic():
                    service(actor, **values)
            except (Refused, ValidationError, InvalidTransition, PermissionDenied) as exc:
                service_errors += row_errors(importer, row.number, exc)
            else:
                created += 1
        result.errors = sorted(
            check.errors + service_errors,
            key=lambda e: (e.row or 0, _order(importer).get(e.column, -1)),
        )
        if result.errors or dry_run:
            transaction.set_rollback(True)
    result.created = 0 if result.errors or dry_run else created
    return result


def _order(importer: Importer) -> dict[str, int]:
    return {c.header: i for i, c in enumerate(importer.columns)}


def row_errors(importer: Importer, number: int, exc: Exception) -> list[RowError]:
    """A service's refusal as errors of row ``number``: a ``ValidationError`` naming fields is
    reported against their columns, any other message against the row."""
    if isinstance(exc, Refused):
        return [RowError(number, "", m) for m in exc.messages]
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        headers = {c.key: c.header for c in importer.columns}
        return [
            RowError(number, headers.get(k, ""), "；".join(v)) for k, v in exc.message_dict.items()
        ]
    if isinstance(exc, ValidationError):
        return [RowError(number, "", "；".join(exc.messages))]
    return [RowError(number, "", str(exc) or "无权进行此操作。")]


class RowFailed(Exception):
    """A write refused by a service: undoes the whole file and names the row."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row, self.message = row, message


def messages_of(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "；".join(m for msgs in exc.message_dict.values() for m in msgs)
    return "；".join(exc.messages)


def commit(
    result: ImportResult,
    data: bytes,
    plans: Sequence[Any],
    write: Callable[[Any], str],
    *,
    filename: str,
    subject: str,
    action: str,
    actor: Any,
    extra: dict[str, Any] | None = None,
    finish: Callable[[str, dict[str, int]], None] | None = None,
) -> ImportResult:
    """Write every plan (each has ``.row``) in one transaction, or nothing.

    Nothing is written when ``result`` already has errors, on a dry run, or without plans.

    ``write(plan)`` calls the app's services and returns what it did in Chinese (e.g. "新发证件"),
    counted in ``result.created``. A service's ``ValidationError`` undoes the whole file and is
    reported against the plan's row. The file itself is kept by digest and the import ledgered;
    ``finish(file_digest, counts)`` runs last, in the same transaction (e.g. to record a version).
    """
    if result.errors or result.dry_run or not plans:
        return result
    counts: dict[str, int] = {}
    try:
        with transaction.atomic():
            for plan in plans:
                try:
                    outcome = write(plan)
                except ValidationError as exc:
                    raise RowFailed(plan.row, messages_of(exc)) from exc
                counts[outcome] = counts.get(outcome, 0) + 1
            stored = store_file(
                data, name=filename, content_type=XLSX, actor=actor, subject=subject
            )
            if finish is not None:
                finish(stored.digest, counts)
            entry = record(
                subject,
                action,
                {
                    "file_digest": stored.digest,
                    "rows": result.rows,
                    "outcome": counts,
                    **(extra or {}),
                },
                actor=actor,
            )
    except RowFailed as failed:
        result.errors = [RowError(failed.row, "", f"{failed.message}（整个文件未导入）")]
        return result
    result.created = counts
    result.ledger_leaf = entry.id
    return result
