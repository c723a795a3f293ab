"""The limits of the penalty itself, shared by the ordinary and the summary procedure: who may
impose it (第四十二条), until when (第三十六条), on whom (第三十条, 第三十二条), how often
(第二十九条) and, on the spot, how much (第五十一条)."""

from __future__ import annotations

from decimal import Decimal

from fazhi.core.accounts.models import StaffMember
from fazhi.core.workflow.engine import Context
from fazhi.systems.matters.models import Matter
from fazhi.systems.matters.rules import (
    LENIENT_SHARE_RULE,
    NO_PENALTY_RULES,
    NoPenaltyRule,
    label_of,
    lenient_ceiling,
)
from fazhi.systems.officers import selectors as officer_selectors

from .. import rules
from ..models import Case
from ..rules import XZCF
from .common import data_or_obj, day, decided_fine, decided_types, guard, is_penalty, money


def matter_of(ctx: Context):
    matter_id = ctx.data.get("matter") or ctx.obj.matter_id
    return Matter.objects.filter(pk=matter_id).first() if matter_id else None


def officers_of(ctx: Context) -> list:
    ids = ctx.data.get("officers")
    if ids is None:
        return list(ctx.obj.officers.all())
    return list(StaffMember.objects.filter(pk__in=ids))


# -- 第四十二条: officers ---------------------------------------------------------------------


def _officers_result(ctx: Context):
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


def _statutory_limits(ctx: Context) -> tuple[Decimal | None, Decimal | None]:
    basis = ctx.data.get("basis") or {}
    low, high = money(basis.get("fine_min")), money(basis.get("fine_max"))
    if low is None and high is None:
        matter = matter_of(ctx)
        low, high = getattr(matter, "fine_min", None), getattr(matter, "fine_max", None)
    return low, high


def _within_lenient_limits(ctx: Context) -> bool:
    """Without a 裁量基准 the tier's name proves nothing: 从轻 must stay in the lighter part of
    the statutory range (:func:`lenient_ceiling`), 减轻 below its minimum."""
    fine = decided_fine(ctx)
    if ctx.data.get("benchmark_version_id") is not None or "fine" not in decided_types(ctx):
        return True
    if not fine:
        return True
    low, high = _statutory_limits(ctx)
    if ctx.data.get("tier") == "mitigated":
        return low is None or fine < low
    ceiling = lenient_ceiling(low, high)
    return ceiling is None or fine <= ceiling


def _mandatory_lenient_ok(ctx: Context) -> bool:
    if not is_penalty(ctx) or not ctx.data.get("mandatory_lenient"):
        return True
    return _lenient_tier(ctx) and _within_lenient_limits(ctx)


def _mandatory_lenient_detail(ctx: Context) -> str | None:
    if not _lenient_tier(ctx):
        return None
    low, high = _statutory_limits(ctx)
    fine = decided_fine(ctx)
    return (
        f"本事项没有施行中的裁量基准，案件具有应当从轻或者减轻行政处罚的情节：从轻的，罚款不得超过"
        f"法定幅度{low if low is not None else '—'}元至{high if high is not None else '—'}元的"
        f"中间值{lenient_ceiling(low, high)}元，减轻的应当低于法定最低额；决定罚款{fine}元"
        f"（{LENIENT_SHARE_RULE}）"
    )


MANDATORY_LENIENT = guard(
    "mandatory_lenient",
    "案件具有应当从轻或者减轻行政处罚的情节，决定须适用从轻或者减轻",
    f"{XZCF}第三十二条",
    _mandatory_lenient_ok,
    detail=_mandatory_lenient_detail,
)


# -- 第三十条、第三十一条、第三十三条: 不予行政处罚 -------------------------------------------------


def _recorded_codes(ctx: Context) -> set[str]:
    return {c for c in (data_or_obj(ctx, "circumstances") or ()) if c}


def no_penalty_rules(ctx: Context, *, mandatory: bool) -> list[NoPenaltyRule]:
    """The 不予处罚 rules the recorded circumstances meet (应当 or 可以).

    第三十三条第二款 yields where 「法律、行政法规另有规定的，从其规定」: the decision names that
    provision in ``no_fault_exception``.
    """
    codes = _recorded_codes(ctx)
    found = [r for r in NO_PENALTY_RULES if r.mandatory == mandatory and r.codes <= codes]
    if mandatory and ctx.data.get("no_fault_exception"):
        found = [r for r in found if r.codes != {"no_fault"}]
    return found


def _no_penalty_detail(ctx: Context) -> str:
    lines = [
        f"{'、'.join(label_of(c) for c in sorted(r.codes))}：{r.citation}「{r.quote}」"
        for r in no_penalty_rules(ctx, mandatory=True)
    ]
    return (
        "案件记录的情节依法应当不予行政处罚，只能作出不予行政处罚决定（"
        + "；".join(lines)
        + "）；无主观过错而法律、行政法规另有规定的，请填写其依据"
    )


NO_PENALTY_MANDATORY = guard(
    "no_penalty_mandatory",
    "案件记录的情节依法应当不予行政处罚，不得作出给予行政处罚的决定",
    f"{XZCF}第三十一条、第三十三条",
    lambda ctx: not is_penalty(ctx) or not no_penalty_rules(ctx, mandatory=True),
    detail=_no_penalty_detail,
)


def _discretionary_no_penalty(ctx: Context) -> bool:
    """首违不罚 (第三十三条第一款后段) or an item of the agency's 不予处罚清单 applies."""
    listed = any(
        (m or {}).get("list_kind") == "no_penalty" for m in ctx.data.get("lenient_items") or ()
    )
    return listed or bool(no_penalty_rules(ctx, mandatory=False))


NO_PENALTY_REASON = guard(
    "no_penalty_reason",
    "案件符合可以不予行政处罚的情形（初次违法且危害后果轻微并及时改正，或者列入不予处罚清单），"
    "仍予处罚的，应当书面说明理由，并提请法制审核关注",
    f"{XZCF}第三十三条第一款",
    lambda ctx: (
        not is_penalty(ctx)
        or not _discretionary_no_penalty(ctx)
        or bool(str(ctx.data.get("no_penalty_reason") or "").strip())
    ),
)


# -- 第二十九条: one fine for one act -----------------------------------------------------------


def _other_fines(ctx: Context):
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
