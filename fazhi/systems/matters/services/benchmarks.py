"""Writes of discretion benchmarks (行政裁量权基准) and the four lists (四张清单).

Both are rules as data, versioned by effective date. A published version is frozen: saving it
again with the same content is a no-op (so an exported file imports back), with different
content it is refused — a change is a new version, because decisions record the version applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.ledger import tracking
from fazhi.core.ledger.services import jsonable, record
from fazhi.core.orgs.models import Agency
from fazhi.core.workflow.engine import register_action
from fazhi.kernel.formatting import money

from ..models import (
    Benchmark,
    BenchmarkTier,
    BenchmarkVersion,
    LenientList,
    LenientListItem,
    Matter,
)
from ..rules import CIRCUMSTANCES, MITIGATION_RULE, PUBLICATION_RULE, RANGE_RULE
from ..selectors import fine_range
from .matters import subject_of

BENCHMARK_SAVED = register_action("matters.benchmark.saved", "裁量基准·登记版本")
BENCHMARK_PUBLISHED = register_action("matters.benchmark.published", "裁量基准·向社会公布")
LIST_SAVED = register_action("matters.lenient_list.saved", "四张清单·登记版本")

TIER_FIELDS = ("tier", "severity", "circumstances", "min_amount", "max_amount", "standard")
ITEM_FIELDS = ("matter", "description", "conditions", "legal_basis", "measure")


def _normalise_circumstances(
    raw: Iterable[Any], where: str, errors: list[str]
) -> list[dict[str, str]]:
    """Accept codes or {code, label} dicts; a code unknown to the catalogue needs its label."""
    out: list[dict[str, str]] = []
    for item in raw or []:
        code, label = (
            (item.get("code", ""), item.get("label", ""))
            if isinstance(item, Mapping)
            else (str(item), "")
        )
        code, label = code.strip(), label.strip()
        if not code:
            errors.append(f"{where}：情形代码不能为空。")
            continue
        known = CIRCUMSTANCES.get(code)
        if known is None and not label:
            errors.append(f"{where}：情形代码“{code}”不是平台预置情形，请同时填写其说明。")
            continue
        out.append({"code": code, "label": label or known.label})
    return out


def _validate_tiers(
    matter: Matter, tiers: Sequence[Mapping[str, Any]], on: date
) -> tuple[list[dict[str, Any]], list[str]]:
    errors: list[str] = []
    low, high = fine_range(matter, on)
    clean: list[dict[str, Any]] = []
    seen: set[str] = set()
    if not tiers:
        errors.append("裁量基准至少应有一个裁量阶次。")
    for t in tiers:
        tier = t.get("tier")
        if tier not in BenchmarkTier.Tier.values:
            errors.append(f"裁量阶次“{tier}”无效，应为：{'、'.join(BenchmarkTier.Tier.labels)}。")
            continue
        label = BenchmarkTier.Tier(tier).label
        if tier in seen:
            errors.append(f"同一版本中“{label}”阶次重复。")
            continue
        seen.add(tier)
        severity = t.get("severity") or ""
        if severity and severity not in BenchmarkTier.Severity.values:
            errors.append(f"{label}：违法情节“{severity}”无效。")
        mn, mx = t.get("min_amount"), t.get("max_amount")
        if mn is not None and mx is not None and mn > mx:
            errors.append(f"{label}：罚款下限{money(mn)}元高于上限{money(mx)}元。")
        if tier == BenchmarkTier.Tier.MITIGATED:
            if low is not None and mx is not None and mx >= low:
                errors.append(
                    f"{label}：减轻处罚应低于法定最低罚款{money(low)}元（{MITIGATION_RULE}）。"
                )
            if not t.get("circumstances"):
                errors.append(f"{label}：减轻处罚须明确具体情节（{MITIGATION_RULE}）。")
        else:
            if low is not None and mn is not None and mn < low:
                errors.append(
                    f"{label}：罚款下限{money(mn)}元低于法定最低{money(low)}元（{RANGE_RULE}）。"
                )
            if high is not None and mx is not None and mx > high:
                errors.append(
                    f"{label}：罚款上限{money(mx)}元超出法定最高{money(high)}元（{RANGE_RULE}）。"
                )
        circumstances = _normalise_circumstances(t.get("circumstances") or [], label, errors)
        clean.append(
            {
                "tier": tier,
                "severity": severity,
                "circumstances": circumstances,
                "min_amount": mn,
                "max_amount": mx,
                "standard": (t.get("standard") or "").strip(),
            }
        )
    return clean, errors


def _tier_snapshot(tiers: Iterable[Any]) -> list[tuple]:
    def get(t: Any, k: str) -> Any:
        return t.get(k) if isinstance(t, Mapping) else getattr(t, k)

    return sorted(
        (
            get(t, "tier"),
            get(t, "severity") or "",
            [c["code"] for c in get(t, "circumstances")],
            get(t, "min_amount"),
            get(t, "max_amount"),
            get(t, "standard") or "",
        )
        for t in tiers
    )


@transaction.atomic
def save_benchmark_version(
    matter: Matter,
    *,
    label: str,
    effective_from: date,
    tiers: Sequence[Mapping[str, Any]],
    effective_to: date | None = None,
    violation: str = "",
    basis_text: str = "",
    published_on: date | None = None,
    document_number: str = "",
    actor: Any,
) -> BenchmarkVersion:
    """Create (or, while unpublished, replace) the benchmark version ``label`` of ``matter``.

    Tiers stay inside the statutory range in force on ``effective_from`` (27号 三（六）); a
    减轻 tier lies below the statutory minimum and names its circumstances. ``published_on`` and
    ``document_number`` record a publication made before the platform (e.g. by 政府文件); a
    publication made now goes through :func:`publish_benchmark_version`.
    """
    label = (label or "").strip()
    clean, errors = _validate_tiers(matter, tiers, effective_from)
    if not label:
        errors.append("请填写版本。")
    if effective_to is not None and effective_to < effective_from:
        errors.append("失效日期不能早于施行日期。")
    if errors:
        raise ValidationError({"tiers": errors})
    benchmark, _ = Benchmark.objects.get_or_create(
        matter=matter, defaults={"violation": violation or matter.name, "basis_text": basis_text}
    )
    if (violation and violation != benchmark.violation) or (
        basis_text and basis_text != benchmark.basis_text
    ):
        benchmark.violation = violation or benchmark.violation
        benchmark.basis_text = basis_text or benchmark.basis_text
        benchmark.save()
    version = BenchmarkVersion.objects.filter(benchmark=benchmark, label=label).first()
    if version is not None:
        same = (
            version.effective_from == effective_from
            and version.effective_to == effective_to
            and _tier_snapshot(version.tiers.all()) == _tier_snapshot(clean)
            and (published_on is None or published_on == version.published_on)
        )
        if same:
            return version
        if version.published:
            raise ValidationError(
                {
                    "label": f"“{matter.name}”裁量基准{label}已于{version.published_on}向社会公布，不能修改；请新增版本。"
                }
            )
        version.effective_from, version.effective_to = effective_from, effective_to
        version.save()
        version.tiers.all().delete()
    else:
        version = BenchmarkVersion.objects.create(
            benchmark=benchmark,
            label=label,
            effective_from=effective_from,
            effective_to=effective_to,
        )
    if published_on is not None:
        version.published, version.published_on = True, published_on
        version.document_number = document_number.strip()
        version.save(update_fields=["published", "published_on", "document_number"])
    tiers = BenchmarkTier.objects.bulk_create([BenchmarkTier(version=version, **t) for t in clean])
    tracking.snapshot_many(tiers, actor=actor)  # bulk_create sends no signal
    record(
        subject_of(version),
        BENCHMARK_SAVED,
        {
            "matter": matter.pk,
            "code": matter.code,
            "label": label,
            "effective_from": effective_from.isoformat(),
            "effective_to": effective_to.isoformat() if effective_to else None,
            "published_on": published_on.isoformat() if published_on else None,
            "document_number": document_number,
            "tiers": [{k: jsonable(v) for k, v in t.items()} for t in clean],
        },
        actor=actor,
    )
    return version


@transaction.atomic
def publish_benchmark_version(
    version: BenchmarkVersion, *, on: date, document_number: str = "", actor: Any
) -> BenchmarkVersion:
    """Mark the version 向社会公布 on ``on`` (行政处罚法 第三十四条) and put its text on the portal
    through the publication door."""
    from fazhi.core.publication.services import publish

    version = BenchmarkVersion.objects.select_for_update().get(pk=version.pk)
    if version.published:
        raise ValidationError({"published": f"该版本已于{version.published_on}公布。"})
    matter = version.benchmark.matter
    tiers = sorted(version.tiers.all(), key=lambda t: BenchmarkTier.ORDER.get(t.tier, 9))
    body = "\n".join(
        f"{t.get_tier_display()}：{t.range_display or '—'}；适用情形：{t.circumstances_display or '—'}"
        + (f"；{t.standard}" if t.standard else "")
        for t in tiers
    )
    publish(
        kind="other",
        title=f"{matter.name}行政处罚裁量基准（{version.label}）",
        body=f"违法行为：{version.benchmark.violation}\n法定依据：{version.benchmark.basis_text}\n"
        f"施行日期：{version.effective_from}\n{body}\n（{PUBLICATION_RULE}）",
        fields={"事项编码": matter.code, "版本": version.label, "文号": document_number},
        agency=matter.agency,
        source=version,
        rule_id="",
        actor=actor,
    )
    version.published, version.published_on = True, on
    version.document_number = document_number or version.document_number
    version.save(update_fields=["published", "published_on", "document_number"])
    record(
        subject_of(version),
        BENCHMARK_PUBLISHED,
        {
            "matter": matter.pk,
            "label": version.label,
            "published_on": on.isoformat(),
            "document_number": version.document_number,
        },
        actor=actor,
    )
    return version


def _validate_items(
    agency: Agency, items: Sequence[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], list[str]]:
    errors: list[str] = []
    clean: list[dict[str, Any]] = []
    for n, item in enumerate(items, start=1):
        where = f"第{n}项"
        description = (item.get("description") or "").strip()
        if not description:
            errors.append(f"{where}：请填写违法行为。")
        matter = item.get("matter")
        if matter is not None and matter.agency_id != agency.pk:
            errors.append(f"{where}：事项“{matter.name}”不属于{agency.name}。")
        conditions = _normalise_circumstances(item.get("conditions") or [], where, errors)
        if not conditions:
            errors.append(f"{where}：请填写适用条件（如初次违法、危害后果轻微、及时改正）。")
        clean.append(
            {
                "matter": matter,
                "description": description,
                "conditions": conditions,
                "legal_basis": (item.get("legal_basis") or "").strip(),
                "measure": (item.get("measure") or "").strip(),
            }
        )
    return clean, errors


def _item_snapshot(items: Iterable[Any]) -> list[tuple]:
    def get(i: Any, k: str) -> Any:
        return i.get(k) if isinstance(i, Mapping) else getattr(i, k)

    return [
        (
            getattr(get(i, "matter"), "pk", None),
            get(i, "description"),
            [c["code"] for c in get(i, "conditions")],
            get(i, "legal_basis") or "",
            get(i, "measure") or "",
        )
        for i in items
    ]


@transaction.atomic
def save_lenient_list(
    agency: Agency,
    *,
    kind: str,
    version: str,
    title: str,
    effective_from: date,
    items: Sequence[Mapping[str, Any]],
    effective_to: date | None = None,
    document_number: str = "",
    published_on: date | None = None,
    actor: Any,
) -> LenientList:
    """Create (or, while unpublished, replace) one version of one of the four lists."""
    version = (version or "").strip()
    clean, errors = _validate_items(agency, items)
    if kind not in LenientList.Kind.values:
        errors.append(f"清单类别无效，应为：{'、'.join(LenientList.Kind.labels)}。")
    if not version:
        errors.append("请填写版本。")
    if effective_to is not None and effective_to < effective_from:
        errors.append("失效日期不能早于施行日期。")
    if errors:
        raise ValidationError({"items": errors})
    lst = LenientList.objects.filter(agency=agency, kind=kind, version=version).first()
    header = {
        "title": (title or LenientList.Kind(kind).label).strip(),
        "effective_from": effective_from,
        "effective_to": effective_to,
        "document_number": document_number.strip(),
        "published_on": published_on,
    }
    if lst is not None:
        same = all(getattr(lst, k) == v for k, v in header.items()) and _item_snapshot(
            lst.items.select_related("matter")
        ) == _item_snapshot(clean)
        if same:
            return lst
        if lst.published_on is not None:
            raise ValidationError(
                {
                    "version": f"{lst.title}（{version}）已于{lst.published_on}公布，不能修改；请新增版本。"
                }
            )
        for k, v in header.items():
            setattr(lst, k, v)
        lst.save()
        lst.items.all().delete()
    else:
        lst = LenientList.objects.create(agency=agency, kind=kind, version=version, **header)
    items = LenientListItem.objects.bulk_create(
        [LenientListItem(lenient_list=lst, order=n, **i) for n, i in enumerate(clean, start=1)]
    )
    tracking.snapshot_many(items, actor=actor)  # bulk_create sends no signal
    record(
        subject_of(lst),
        LIST_SAVED,
        {
            "agency": agency.pk,
            "kind": kind,
            "version": version,
            **{k: jsonable(v) for k, v in header.items()},
            "items": [{k: jsonable(v) for k, v in i.items()} for i in clean],
        },
        actor=actor,
    )
    return lst
