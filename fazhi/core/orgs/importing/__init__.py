"""Excel import of agencies, units and staff, on the platform's import framework.

One entry point, :func:`import_workbook`, serves the upload page, the platform's import pages of
``orgs.agencies``, ``orgs.units`` and ``orgs.staff``, and ``fazhi import``: it reads the file,
checks every row against the column rules, the identifier standards and the database, and then
either writes everything in one transaction or writes nothing and returns the report of every bad
row and column. Templates come from :func:`template_bytes`.
"""

from __future__ import annotations

import io
from functools import partial
from pathlib import Path
from typing import BinaryIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from fazhi.core.importing import ImportResult, RowError
from fazhi.core.importing import template as core_template
from fazhi.core.importing.run import start
from fazhi.core.ledger import services as ledger
from fazhi.kernel import ledger as kernel_ledger

from .. import policies
from . import agencies, staff, units
from .spec import SHEETS

__all__ = [
    "KINDS",
    "ImportResult",
    "RowError",
    "SHEETS",
    "import_workbook",
    "template_bytes",
    "template_filename",
]

KINDS = tuple(SHEETS)


def template_filename(kind: str) -> str:
    return SHEETS[kind].template_filename


def template_bytes(kind: str) -> bytes:
    """The template of ``kind`` as .xlsx bytes."""
    return core_template.template_bytes(SHEETS[kind])


def import_workbook(
    kind: str, source: bytes | BinaryIO | Path | str, *, actor, dry_run: bool = False
) -> ImportResult:
    """Import one file of ``kind`` (``agencies``, ``units`` or ``staff``): all rows or none.

    ``actor`` is the importing user, or a string naming a command-line operator (who may not
    grant roles). The returned result lists every error; nothing is written unless there are
    none and ``dry_run`` is false.
    """
    if kind not in SHEETS:
        raise ValueError(f"unknown import kind {kind!r}; expected one of {', '.join(KINDS)}")
    sheet = SHEETS[kind]
    if not isinstance(actor, str) and not policies.can_import(actor, kind):
        raise PermissionDenied(
            f"您不能批量导入{sheet.label}：机关、内设机构由系统管理员导入（三员分立）。"
        )
    result, data, read = start(sheet, source, dry_run=dry_run)
    if read is None:
        return result
    rows = read
    may_grant = not isinstance(actor, str) and policies.can_import_roles(actor)
    if kind == "agencies":
        agency_plans, errors = agencies.validate(rows)
        write = partial(agencies.write, agency_plans)
    elif kind == "units":
        unit_plans, errors = units.validate(rows)
        write = partial(units.write, unit_plans)
    else:
        staff_plans, errors = staff.validate(rows, may_grant_roles=may_grant)
        write = partial(staff.write, staff_plans, actor=actor)
    result.errors = sorted(
        errors,
        key=lambda e: (
            e.row or 0,
            sheet.headers.index(e.column) if e.column in sheet.headers else 0,
        ),
    )
    if result.errors or dry_run or not rows:
        return result
    try:
        with transaction.atomic():
            result.created, ids = write()
            entry = ledger.record(
                f"orgs:import:{kind}",
                f"orgs.import.{kind}",
                {
                    "file_digest": kernel_ledger.file_digest(io.BytesIO(data), ledger.algorithm()),
                    "rows": result.rows,
                    "created": result.created,
                    "ids": ids,
                },
                actor=actor,
            )
            result.ledger_leaf = entry.id
    except (IntegrityError, ValidationError, PermissionDenied) as exc:
        # Typically another user created the same records between the checks and the write:
        # nothing of this file was kept; importing again names the conflict by row.
        result.created = {}
        result.errors = [RowError(None, "", f"导入时出错，整个文件未导入，请重新导入：{exc}")]
    return result
