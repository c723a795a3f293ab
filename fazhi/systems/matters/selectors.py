"""Queries over matter lists, legal bases, benchmarks and the four lists.

Public API (the case app codes against these names):

- ``basis_for(matter, violation_date, decision_date) -> LegalBasis`` — 行政处罚法 第三十七条
  从旧兼从轻: the primary basis in force when the act occurred, unless the basis in force at
  decision time is lighter (lower ``fine_max``; equal maximum and lower ``fine_min``) or the act is
  no longer listed (the basis was repealed with no successor). The returned instance carries
  ``new_law_applied``, ``no_longer_punishable`` and ``explanation`` (Chinese, cites 第三十七条).
  Raises :class:`NoBasis` when no basis was in force on the day of the act.
- ``fine_range(matter, on) -> (fine_min, fine_max)`` — the statutory range on ``on``: from the
  primary basis in force, else the matter's own range.
- ``benchmark_version(matter, on) -> BenchmarkVersion | None`` — the version applied on ``on``.
- ``lenient_lists(agency, on) -> list[LenientList]`` — the lists in force, one per kind.
- ``criminal_threshold_check(matter, amount) -> ThresholdCheck`` — 两法衔接: whether the amount
  reaches the matter's configured transfer threshold (the case app raises the transfer task).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery

from fazhi.core.orgs.models import Agency
from fazhi.kernel.formatting import money, zh_date

from .models import Benchmark, BenchmarkVersion, LegalBasis, LenientList, Matter
from .rules import APPLICABLE_LAW


class NoBasis(LookupError):
    """No legal basis in force on the day of the act: the act cannot be penalised under it."""


def in_force(qs: QuerySet, on: date) -> QuerySet:
    return qs.filter(effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )


def primary_basis(matter: Matter, on: date) -> LegalBasis | None:
    """The primary basis in force on ``on`` (the latest to take effect when versions overlap)."""
    qs = in_force(LegalBasis.objects.filter(matter=matter, role=LegalBasis.Role.PRIMARY), on)
    return qs.order_by("-effective_from", "-id").first()


def _lighter(new: LegalBasis, old: LegalBasis) -> bool | None:
    """Is ``new`` lighter than ``old``? None when the fine ranges cannot be compared."""
    if new.fine_max is None or old.fine_max is None:
        return None
    if new.fine_max != old.fine_max:
        return new.fine_max < old.fine_max
    return (new.fine_min or Decimal(0)) < (old.fine_min or Decimal(0))


def basis_for(matter: Matter, violation_date: date, decision_date: date) -> LegalBasis:
    """The basis to apply under 第三十七条 从旧兼从轻 (see the module docstring)."""
    then = primary_basis(matter, violation_date)
    if then is None:
        raise NoBasis(
            f"{zh_date(violation_date)}（违法行为发生时）没有施行中的“{matter.name}”处罚依据，"
            f"不能依据本事项给予行政处罚（{APPLICABLE_LAW}）"
        )
    now = primary_basis(matter, decision_date)
    if now is None:
        then.no_longer_punishable = True
        then.explanation = (
            f"违法行为发生时适用{then.citation}；作出决定时该规定已于"
            f"{zh_date(then.effective_to) if then.effective_to else '此前'}失效且无新的规定，"
            f"新的规定不认为是违法，不予行政处罚（{APPLICABLE_LAW}）"
        )
        return then
    if now.pk == then.pk:
        then.explanation = f"违法行为发生时与作出决定时均适用{then.citation}"
        return then
    lighter = _lighter(now, then)
    if lighter:
        now.new_law_applied = True
        now.explanation = (
            f"违法行为发生时适用{then.citation}（罚款上限{money(then.fine_max)}元），作出决定时新的规定"
            f"{now.citation}处罚较轻（罚款上限{money(now.fine_max)}元），适用新的规定（{APPLICABLE_LAW}）"
        )
        return now
    if lighter is None:
        then.explanation = (
            f"违法行为发生时适用{then.citation}；新的规定{now.citation}与之无法按罚款幅度比较轻重，"
            f"按违法行为发生时的规定适用，请法制审核人员确认（{APPLICABLE_LAW}）"
        )
    else:
        then.explanation = (
            f"违法行为发生时适用{then.citation}；新的规定{now.citation}并不更轻，适用违法行为发生时的规定"
            f"（{APPLICABLE_LAW}）"
        )
    return then


def fine_range(matter: Matter, on: date) -> tuple[Decimal | None, Decimal | None]:
    """The statutory fine range of ``matter`` on ``on``."""
    basis = primary_basis(matter, on)
    if basis is not None and (basis.fine_min is not None or basis.fine_max is not None):
        return basis.fine_min, basis.fine_max
    return matter.fine_min, matter.fine_max


def benchmark_version(matter: Matter, on: date) -> BenchmarkVersion | None:
    """The benchmark version applied on ``on``: the latest to take effect and not ended."""
    qs = in_force(BenchmarkVersion.objects.filter(benchmark__matter=matter), on)
    return qs.prefetch_related("tiers").order_by("-effective_from", "-id").first()


def lenient_lists(
    agency: Agency | int, on: date, kinds: Iterable[str] | None = None
) -> list[LenientList]:
    """The four lists in force on ``on``: for each kind the latest version to take effect."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    qs = in_force(LenientList.objects.filter(agency_id=agency_id), on)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    chosen: dict[str, LenientList] = {}
    for lst in qs.prefetch_related("items").order_by("kind", "-effective_from", "-id"):
        chosen.setdefault(lst.kind, lst)
    return list(chosen.values())


@dataclass(frozen=True)
class ThresholdCheck:
    reached: bool
    message: str


def criminal_threshold_check(matter: Matter, amount: Decimal | None) -> ThresholdCheck:
    """两法衔接: does ``amount`` (违法所得、货值金额 or the like, per the note) reach the threshold?"""
    threshold = matter.criminal_threshold_amount
    if threshold is None:
        return ThresholdCheck(False, f"“{matter.name}”未设置涉嫌犯罪移送标准")
    note = f"（{matter.criminal_threshold_note}）" if matter.criminal_threshold_note else ""
    if amount is not None and amount >= threshold:
        return ThresholdCheck(
            True,
            f"涉案金额{money(amount)}元达到“{matter.name}”的涉嫌犯罪移送标准{money(threshold)}元{note}，"
            "应当移送司法机关",
        )
    return ThresholdCheck(False, f"涉案金额未达到涉嫌犯罪移送标准{money(threshold)}元{note}")


# --- scopes for pages ----------------------------------------------------------------------


def benchmarks_in(agency_ids: Iterable[int]) -> QuerySet[Benchmark]:
    return Benchmark.objects.filter(matter__agency_id__in=list(agency_ids)).select_related(
        "matter", "matter__agency"
    )


def published_benchmarks(agency_ids: Iterable[int], on: date) -> QuerySet[Benchmark]:
    """Benchmarks whose version in force on ``on`` had been published by then (第三十四条)."""
    current = (
        in_force(BenchmarkVersion.objects.filter(benchmark=OuterRef("pk")), on)
        .order_by("-effective_from", "-id")
        .values("pk")[:1]
    )
    published = BenchmarkVersion.objects.filter(published=True, published_on__lte=on).values("pk")
    return (
        benchmarks_in(agency_ids)
        .annotate(current_version=Subquery(current))
        .filter(current_version__in=published)
    )
