"""Numbers issued twice before the sequences existed, kept as they are.

Record numbers used to be made by counting rows, which issued a number again after a gap (a
deleted record, a number entered by hand, two kinds sharing one serial). Such a number is on
documents already served, so the migration that makes a number field unique renumbers nothing:
it keeps the first record of each duplicated number (lowest id) as the owner of the number and
flags the later ones, which the conditional unique constraint leaves out. New numbers come from
:mod:`fazhi.core.numbering.services` and are never flagged.

The migrations write no sequence rows: a sequence is created on its first allocation from the
highest number then in the records (``Series.highest``), which also continues numbers imported
after the migration, and keeps one parser of a series' numbers instead of a copy frozen in a
migration. The migrations import :func:`flag_duplicates`; keep its behaviour stable.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from django.db.models import Count

from fazhi.core.ledger import tracking


def flag_duplicates(
    model: Any, field: str, flag: str, scope: Sequence[str] = ("agency",), *, out: Any = None
) -> tuple[int, int]:
    """Flag every row but the first of each non-empty ``field`` value issued more than once
    within ``scope``; report and return (numbers issued twice or more, rows flagged)."""
    rows = model._default_manager
    groups = (
        rows.exclude(**{field: ""})
        .values(*scope, field)
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by(*scope, field)
    )
    numbers = flagged = 0
    for group in groups:
        pks = list(
            rows.filter(**{k: group[k] for k in (*scope, field)})
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        flagged += rows.filter(pk__in=pks[1:]).update(**{flag: True})
        # an UPDATE sends no signal: ledger the flagged rows' new state
        tracking.snapshot_many(rows.filter(pk__in=pks[1:]), actor="numbering.legacy")
        numbers += 1
    if numbers:
        (out or sys.stdout).write(
            f"\n  {model._meta.label}.{field}: {numbers} numbers issued more than once; "
            f"{flagged} later rows kept their number and were flagged {flag}.\n"
        )
    return numbers, flagged
