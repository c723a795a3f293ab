"""What every guard of the 行政处罚 workflows is made of: :class:`CaseGuard`, a statutory
condition with its article and a Chinese message, and the readers of a step's data.

A :class:`CaseGuard` may also say *why* it failed in this very case (``detail``): the services
put that sentence in place of the general message when they report the refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fazhi.core.workflow.engine import Context, Guard
from fazhi.kernel.values import as_date as day  # noqa: F401 - the guards read step dates with it
from fazhi.kernel.values import as_decimal as money  # noqa: F401 - and amounts with this


@dataclass(frozen=True)
class CaseGuard(Guard):
    """A guard that can explain its failure with the facts of the case."""

    detail: Callable[[Context], str | None] | None = None


def guard(
    code: str,
    message: str,
    citation: str,
    check: Callable[[Context], bool],
    detail: Callable[[Context], str | None] | None = None,
) -> CaseGuard:
    return CaseGuard(code=code, message=message, citation=citation, check=check, detail=detail)


# -- reading the step's data -------------------------------------------------------------------


def data_or_obj(ctx: Context, key: str, attr: str | None = None) -> Any:
    """A value the step supplies, else the one the case already holds."""
    if key in ctx.data and ctx.data[key] not in (None, ""):
        return ctx.data[key]
    return getattr(ctx.obj, attr or key, None)


def is_penalty(ctx: Context) -> bool:
    return ctx.data.get("outcome", "penalty") == "penalty"


def decided_types(ctx: Context) -> set[str]:
    return set(ctx.data.get("types") or ())


def decided_fine(ctx: Context) -> Decimal | None:
    return ctx.decimal("fine")
