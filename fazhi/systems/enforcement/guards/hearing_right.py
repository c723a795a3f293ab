"""第六十三条: the party's right to a hearing, on all six grounds of its first paragraph.

The 告知书 must state the right whenever a ground applies (an officer may grant it where none
does, never withhold it where one does), and a decision whose penalty meets a ground cannot be
made on a notice that did not state it.
"""

from __future__ import annotations

from fazhi.core.workflow.engine import Context

from .. import rules
from ..rules import XZCF
from .common import decided_fine, decided_types, guard, is_penalty, money


def _sector(ctx: Context) -> str:
    matter = getattr(ctx.obj, "matter", None) if ctx.obj.matter_id else None
    return getattr(matter, "field", "") or ""


def statutory_grounds(ctx: Context) -> list[str]:
    """The grounds of 第六十三条第一款 that the step's penalty meets (the officer's grant apart)."""
    granted = "granted" in (ctx.data.get("hearing_grounds") or ())
    return rules.hearing_grounds(
        ctx.obj.party_kind,
        decided_types(ctx),
        decided_fine(ctx),
        money(ctx.data.get("confiscation")),
        sector=_sector(ctx),
        other_basis="" if granted else str(ctx.data.get("hearing_basis") or ""),
    )


def _grounds_detail(ctx: Context, what: str) -> str:
    grounds = statutory_grounds(ctx)
    items = "；".join(rules.HEARING_GROUNDS[g].quote for g in grounds)
    return (
        f"{what}属于第六十三条第一款{rules.hearing_grounds_text(grounds)}规定的情形（{items}），"
        + (
            "应当告知当事人有要求听证的权利，不得取消"
            if what.startswith("拟")
            else "但告知书未告知当事人有要求听证的权利，应当重新告知"
        )
    )


HEARING_RIGHT_STATED = guard(
    "hearing_right_stated",
    "拟作出的行政处罚属于第六十三条第一款规定的情形，告知书应当告知当事人有要求听证的权利",
    f"{XZCF}第六十三条第一款",
    lambda ctx: bool(ctx.data.get("hearing_right")) or not statutory_grounds(ctx),
    detail=lambda ctx: _grounds_detail(ctx, "拟作出的行政处罚"),
)
HEARING_RIGHT_GIVEN = guard(
    "hearing_right_given",
    "决定的行政处罚属于第六十三条第一款规定的情形，未告知当事人有要求听证的权利，不得作出决定",
    f"{XZCF}第六十三条第一款",
    lambda ctx: not is_penalty(ctx) or ctx.obj.hearing_right or not statutory_grounds(ctx),
    detail=lambda ctx: _grounds_detail(ctx, "决定的行政处罚"),
)
