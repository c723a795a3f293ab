"""Applying the rules at decision time: the recommended tier and range, the amount check, and
the four-list matches. These read only; the case app records what it applied.

How a tier is chosen from the recorded circumstances (codes of :data:`rules.CIRCUMSTANCES` or of
the benchmark's own tiers):

1. 第三十条、第三十二条 — any mandatory lenient circumstance (``MANDATORY_LENIENT``): the tier is
   减轻 when the benchmark's 减轻 tier names a circumstance present, else 从轻; never 一般 or
   从重 (``mandatory_lenient=True``).
2. Otherwise each circumstance leans lenient or severe: by the tier that lists it in this
   benchmark version, else by its catalogue effect. More lenient than severe → 从轻 (减轻 when
   the 减轻 tier's circumstances are present); more severe → 从重; a tie or none → 一般.
3. A 不予处罚 combination (第三十条、第三十一条、第三十三条) is reported in ``no_penalty``
   ("mandatory" or "discretionary") with its article in ``reasons``; a mandatory one is
   recommended as tier ``no_penalty`` with a fine of 0, never a 从轻 band.
Without a benchmark in force the statutory range is returned as 一般 (or, when mandatory, 从轻
up to :func:`~fazhi.systems.matters.rules.lenient_ceiling` of the statutory range).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fazhi.core.orgs.models import Agency
from fazhi.kernel.formatting import money

from ..models import BenchmarkTier, LenientList, Matter
from ..rules import (
    CIRCUMSTANCES,
    DEPARTURE_RULE,
    EDUCATION_REQUIRED,
    LENIENT,
    LENIENT_SHARE_RULE,
    MANDATORY_LENIENT,
    NO_PENALTY_RULES,
    PUBLICATION_RULE,
    SEVERE,
    label_of,
    lenient_ceiling,
    mandatory_lenient_citations,
)
from ..selectors import benchmark_version, fine_range, lenient_lists

Tier = BenchmarkTier.Tier


@dataclass(frozen=True)
class Recommendation:
    """What the platform recommends at decision time; the decision records ``benchmark_version_id``."""

    tier: str
    tier_label: str
    min_amount: Decimal | None
    max_amount: Decimal | None
    benchmark_version_id: int | None
    reasons: list[str] = field(default_factory=list)
    mandatory_lenient: bool = False
    no_penalty: str = ""  # "" | "mandatory" (应当不予) | "discretionary" (可以不予)
    statutory_min: Decimal | None = None
    statutory_max: Decimal | None = None


def _range(lo: Decimal | None, hi: Decimal | None) -> str:
    return f"{money(lo)}—{money(hi)}元"


def _no_penalty(codes: set[str]) -> tuple[str, list[str]]:
    found = [r for r in NO_PENALTY_RULES if r.codes <= codes]
    if not found:
        return "", []
    mandatory = any(r.mandatory for r in found)
    lines = [f"{r.citation}：「{r.quote}」" for r in found]
    lines.append(EDUCATION_REQUIRED)
    return ("mandatory" if mandatory else "discretionary"), lines


def recommend(matter: Matter, circumstances: Iterable[str], on: date) -> Recommendation:
    """The tier and amount range recommended for ``matter`` given ``circumstances`` on ``on``."""
    codes = {c for c in circumstances if c}
    low, high = fine_range(matter, on)
    reasons: list[str] = []
    mandatory = sorted(codes & MANDATORY_LENIENT)
    if mandatory:
        reasons.append(
            "存在应当从轻或者减轻处罚的情形："
            + "、".join(label_of(c) for c in mandatory)
            + f"（{mandatory_lenient_citations(mandatory)}）"
        )
    no_penalty, np_lines = _no_penalty(codes)
    reasons.extend(np_lines)

    version = benchmark_version(matter, on)
    if no_penalty == "mandatory":
        # 第三十条、第三十一条、第三十三条: 「不予行政处罚」 — no tier, no fine band at all.
        reasons.append("依法应当不予行政处罚，不推荐任何处罚阶次和罚款幅度")
        return Recommendation(
            "no_penalty",
            "不予处罚",
            Decimal(0),
            Decimal(0),
            version.pk if version else None,
            reasons,
            bool(mandatory),
            no_penalty,
            low,
            high,
        )
    if version is None:
        tier = Tier.LENIENT if mandatory else Tier.ORDINARY
        top = lenient_ceiling(low, high) if mandatory else high
        reasons.append(
            f"“{matter.name}”在{on}没有施行中的裁量基准，推荐法定幅度{_range(low, top)}"
            + (f"（{LENIENT_SHARE_RULE}）" if mandatory else "")
        )
        return Recommendation(
            tier, Tier(tier).label, low, top, None, reasons, bool(mandatory), no_penalty, low, high
        )

    tiers = {t.tier: t for t in version.tiers.all()}
    listed = {c: t.tier for t in tiers.values() for c in t.codes}

    def leaning(code: str) -> str:
        tier = listed.get(code)
        if tier in (Tier.LENIENT, Tier.MITIGATED):
            return LENIENT
        if tier == Tier.SEVERE:
            return SEVERE
        if tier == Tier.ORDINARY:
            return ""
        known = CIRCUMSTANCES.get(code)
        return known.effect if known and known.effect in (LENIENT, SEVERE) else ""

    lenient = sorted(c for c in codes if leaning(c) == LENIENT)
    severe = sorted(c for c in codes if leaning(c) == SEVERE)
    mitigating = Tier.MITIGATED in tiers and bool(codes & set(tiers[Tier.MITIGATED].codes))
    if mandatory:
        chosen = Tier.MITIGATED if mitigating else Tier.LENIENT
        if severe:
            reasons.append(
                "虽有从重情节（"
                + "、".join(label_of(c) for c in severe)
                + "），依法不得适用一般或从重阶次"
            )
    elif len(lenient) > len(severe):
        chosen = Tier.MITIGATED if mitigating else Tier.LENIENT
        reasons.append("从轻情节多于从重情节：" + "、".join(label_of(c) for c in lenient))
    elif len(severe) > len(lenient):
        chosen = Tier.SEVERE
        reasons.append("从重情节多于从轻情节：" + "、".join(label_of(c) for c in severe))
    else:
        chosen = Tier.ORDINARY
        if lenient or severe:
            reasons.append("从轻与从重情节相当，适用一般阶次")

    tier = tiers.get(chosen)
    if tier is None and chosen == Tier.MITIGATED:
        chosen, tier = Tier.LENIENT, tiers.get(Tier.LENIENT)
    if tier is None and not mandatory:
        tier = tiers.get(Tier.ORDINARY)
    if tier is None:
        top = lenient_ceiling(low, high) if mandatory else high
        reasons.append(
            f"裁量基准{version.label}未设“{Tier(chosen).label}”阶次，推荐法定幅度{_range(low, top)}"
            + (f"（{LENIENT_SHARE_RULE}）" if mandatory else "")
        )
        return Recommendation(
            chosen,
            Tier(chosen).label,
            low,
            top,
            version.pk,
            reasons,
            bool(mandatory),
            no_penalty,
            low,
            high,
        )
    reasons.append(
        f"适用“{matter.name}”裁量基准{version.label}（{version.effective_from}施行）"
        f"“{tier.get_tier_display()}”阶次：{_range(tier.min_amount, tier.max_amount)}"
    )
    if not version.published:
        reasons.append(f"注意：该版本裁量基准尚未向社会公布（{PUBLICATION_RULE}）")
    return Recommendation(
        tier.tier,
        tier.get_tier_display(),
        tier.min_amount,
        tier.max_amount,
        version.pk,
        reasons,
        bool(mandatory),
        no_penalty,
        low,
        high,
    )


def check_amount(recommendation: Recommendation, amount: Decimal | int | str) -> tuple[bool, str]:
    """Is the proposed fine inside the recommendation? Outside, the case needs a written reason
    and is flagged for the legal reviewer (27号 五（十二））."""
    amount = Decimal(str(amount))
    r = recommendation
    if r.no_penalty == "mandatory" and amount > 0:
        return False, "依法应当不予行政处罚，不得处以罚款（见推荐理由所列条款）"
    if r.no_penalty and amount == 0:
        return True, "符合不予行政处罚的情形（见推荐理由所列条款），不处罚款"
    if r.statutory_max is not None and amount > r.statutory_max:
        return False, (
            f"拟罚款{money(amount)}元超出法定罚款上限{money(r.statutory_max)}元，不得作出"
        )
    if r.min_amount is None and r.max_amount is None:
        return True, "本事项无推荐罚款幅度"
    lo = r.min_amount if r.min_amount is not None else Decimal(0)
    hi = r.max_amount
    if amount >= lo and (hi is None or amount <= hi):
        return (
            True,
            f"拟罚款{money(amount)}元在推荐的“{r.tier_label}”幅度{_range(r.min_amount, r.max_amount)}内",
        )
    return False, (
        f"拟罚款{money(amount)}元不在推荐的“{r.tier_label}”幅度{_range(r.min_amount, r.max_amount)}内："
        f"须书面说明理由，并提交法制审核人员审查（{DEPARTURE_RULE}）"
    )


@dataclass(frozen=True)
class LenientMatch:
    """One four-list item whose conditions are all present."""

    list_kind: str
    item_id: int
    version: str
    label: str
    list_id: int = 0
    measure: str = ""


def match_lenient(
    agency: Agency | int, matter: Matter | None, circumstances: Iterable[str], on: date
) -> list[LenientMatch]:
    """Items of the agency's four lists in force on ``on`` that apply to ``matter`` (or to every
    matter) and whose conditions are all among ``circumstances`` — e.g. 首违不罚 (行政处罚法
    第三十三条第一款: 初次违法、危害后果轻微、及时改正)."""
    codes = {c for c in circumstances if c}
    matter_id = getattr(matter, "pk", None)
    matches: list[LenientMatch] = []
    for lst in lenient_lists(agency, on):
        for item in lst.items.all():
            if item.matter_id is not None and item.matter_id != matter_id:
                continue
            needed = set(item.codes)
            if needed and needed <= codes:
                matches.append(
                    LenientMatch(
                        list_kind=lst.kind,
                        item_id=item.pk,
                        version=lst.version,
                        label=f"{LenientList.Kind(lst.kind).label}（{lst.version}）：{item.description}"
                        f"（{item.conditions_display}）",
                        list_id=lst.pk,
                        measure=item.measure,
                    )
                )
    return matches
