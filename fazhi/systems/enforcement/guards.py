"""The guards of the 行政处罚 workflow: each a statutory condition with its article and a Chinese
message, checked by :func:`fazhi.core.workflow.engine.perform` before anything is saved.

A :class:`CaseGuard` may also say *why* it failed in this very case (``detail``): the services
put that sentence in place of the general message when they report the refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fazhi.core.workflow.engine import Context, Guard
from fazhi.kernel.values import as_date as day

from . import rules
from .rules import XZCF


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


def matter_of(ctx: Context):
    from fazhi.systems.matters.models import Matter

    matter_id = ctx.data.get("matter") or ctx.obj.matter_id
    return Matter.objects.filter(pk=matter_id).first() if matter_id else None


def officers_of(ctx: Context) -> list:
    from fazhi.core.accounts.models import StaffMember

    ids = ctx.data.get("officers")
    if ids is None:
        return list(ctx.obj.officers.all())
    return list(StaffMember.objects.filter(pk__in=ids))


def is_penalty(ctx: Context) -> bool:
    return ctx.data.get("outcome", "penalty") == "penalty"


def decided_types(ctx: Context) -> set[str]:
    return set(ctx.data.get("types") or ())


def decided_fine(ctx: Context) -> Decimal | None:
    return ctx.decimal("fine")


# -- 第四十二条: officers ---------------------------------------------------------------------


def _officers_result(ctx: Context):
    from fazhi.systems.officers import selectors as officer_selectors

    matter = matter_of(ctx)
    field = getattr(matter, "field", None) or None
    staff = officers_of(ctx)
    exception = data_or_obj(ctx, "officer_exception_basis")
    if exception:
        failed = [officer_selectors.certificate_check(s, ctx.on_date, field) for s in staff]
        bad = [c for c in failed if not c.ok]
        if not staff:
            return False, "未指定执法人员"
        return (not bad), "；".join(c.reason for c in bad)
    check = officer_selectors.officers_check(staff, ctx.on_date, field)
    return check.ok, check.reason


OFFICERS = guard(
    "officers_qualified",
    "行政处罚应当由具有行政执法资格的执法人员实施，执法人员不得少于两人，且须持有有效的行政执法证件",
    f"{XZCF}第四十二条",
    lambda ctx: _officers_result(ctx)[0],
    detail=lambda ctx: _officers_result(ctx)[1] or None,
)


# -- 第三十六条: limitation; 第三十条: minors ---------------------------------------------------


def _limitation_ok(ctx: Context) -> bool:
    if not is_penalty(ctx):
        return True
    ended = day(data_or_obj(ctx, "violation_end_date")) or day(data_or_obj(ctx, "violation_date"))
    found = day(data_or_obj(ctx, "discovered_on")) or ctx.on_date
    if ended is None:
        return False
    grave = bool(data_or_obj(ctx, "harms_life_health_finance"))
    return rules.within_limitation(ended, found, grave=grave)


def _limitation_detail(ctx: Context) -> str | None:
    ended = day(data_or_obj(ctx, "violation_end_date")) or day(data_or_obj(ctx, "violation_date"))
    if ended is None:
        return "未填写违法行为发生日，无法判断是否超过追责时效"
    grave = bool(data_or_obj(ctx, "harms_life_health_finance"))
    years = rules.limitation_years(grave).value
    found = day(data_or_obj(ctx, "discovered_on")) or ctx.on_date
    return (
        f"违法行为{'终了' if data_or_obj(ctx, 'violation_end_date') else '发生'}于{ended:%Y年%m月%d日}，"
        f"至{found:%Y年%m月%d日}发现已超过{years}年，不再给予行政处罚"
    )


LIMITATION = guard(
    "limitation",
    "违法行为在二年内未被发现的（涉及公民生命健康安全、金融安全且有危害后果的为五年），不再给予行政处罚",
    f"{XZCF}第三十六条",
    _limitation_ok,
    detail=_limitation_detail,
)


def age_at_act(ctx: Context) -> int | None:
    if (data_or_obj(ctx, "party_kind")) != "person":
        return None
    birth = day(data_or_obj(ctx, "party_birth_date"))
    act = day(data_or_obj(ctx, "violation_date"))
    if birth is None or act is None:
        return None
    return rules.age_on(birth, act)


def _not_under_14(ctx: Context) -> bool:
    age = age_at_act(ctx)
    return age is None or age >= rules.AGE_NO_PENALTY.value or not is_penalty(ctx)


MINOR_OPEN = guard(
    "minor_under_14_open",
    "当事人实施违法行为时不满十四周岁，依法不予行政处罚，应当不予立案并责令监护人加以管教",
    rules.AGE_NO_PENALTY.citation,
    _not_under_14,
    detail=lambda ctx: (
        f"当事人实施违法行为时{age_at_act(ctx)}周岁，不满十四周岁，依法不予行政处罚，"
        "应当不予立案并责令监护人加以管教"
    ),
)
MINOR_NO_PENALTY = guard(
    "minor_under_14",
    "当事人实施违法行为时不满十四周岁，不予行政处罚，只能作出不予行政处罚决定",
    rules.AGE_NO_PENALTY.citation,
    _not_under_14,
    detail=lambda ctx: f"当事人实施违法行为时{age_at_act(ctx)}周岁，不满十四周岁，不予行政处罚",
)


def _lenient_tier(ctx: Context) -> bool:
    return ctx.data.get("tier") in rules.LENIENT_TIERS


def _minor_lenient(ctx: Context) -> bool:
    age = age_at_act(ctx)
    if age is None or not is_penalty(ctx):
        return True
    if not rules.AGE_NO_PENALTY.value <= age < rules.AGE_LENIENT.value:
        return True
    return _lenient_tier(ctx)


MINOR_LENIENT = guard(
    "minor_lenient",
    "当事人实施违法行为时已满十四周岁不满十八周岁，应当从轻或者减轻行政处罚",
    rules.AGE_LENIENT.citation,
    _minor_lenient,
    detail=lambda ctx: (
        f"当事人实施违法行为时{age_at_act(ctx)}周岁，应当从轻或者减轻行政处罚，"
        f"所选裁量阶次为“{ctx.data.get('tier_label') or ctx.data.get('tier') or '未选择'}”"
    ),
)
MANDATORY_LENIENT = guard(
    "mandatory_lenient",
    "案件具有应当从轻或者减轻行政处罚的情节，决定须适用从轻或者减轻",
    f"{XZCF}第三十二条",
    lambda ctx: not is_penalty(ctx) or not ctx.data.get("mandatory_lenient") or _lenient_tier(ctx),
)


# -- 第二十九条: one fine for one act -----------------------------------------------------------


def _other_fines(ctx: Context):
    from .models import Case

    obj = ctx.obj
    act = day(data_or_obj(ctx, "violation_date"))
    matter = ctx.data.get("matter") or obj.matter_id
    key = obj.party_key or obj.compute_party_key()
    return (
        Case.objects.filter(
            party_key=key,
            matter_id=matter,
            violation_date=act,
            outcome="penalty",
            decided_fine__gt=0,
        )
        .exclude(pk=obj.pk)
        .exclude(state__in=["draft"])
    )


def _one_fine(ctx: Context) -> bool:
    fine = decided_fine(ctx)
    if not is_penalty(ctx) or not fine or "fine" not in decided_types(ctx):
        return True
    return not _other_fines(ctx).exists()


def _one_fine_detail(ctx: Context) -> str:
    other = _other_fines(ctx).first()
    label = other.decision_number or other.number if other else ""
    return f"当事人的同一违法行为已由{label or '其他案件'}给予罚款，不得再次罚款"


ONE_FINE = guard(
    "one_fine_per_act",
    "对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚",
    f"{XZCF}第二十九条",
    _one_fine,
    detail=_one_fine_detail,
)


# -- 第五十一条: summary procedure --------------------------------------------------------------


def _summary_detail(ctx: Context) -> str:
    kind = data_or_obj(ctx, "party_kind")
    limit = rules.SUMMARY_FINE_LIMIT[kind].value
    who = "公民" if kind == "person" else "法人或者其他组织"
    fine = decided_fine(ctx)
    types = decided_types(ctx) - rules.SUMMARY_TYPES.value
    if types:
        return "当场处罚只能给予警告或者罚款"
    return f"对{who}当场处以罚款不得超过{limit:,.0f}元，本次为{fine:,.2f}元"


SUMMARY_LIMITS = guard(
    "summary_limits",
    "适用简易程序当场处罚，只能对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告",
    rules.SUMMARY_FINE_LIMIT["person"].citation,
    lambda ctx: rules.summary_allowed(
        data_or_obj(ctx, "party_kind"), decided_types(ctx), decided_fine(ctx)
    ),
    detail=_summary_detail,
)
