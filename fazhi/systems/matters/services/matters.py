"""Writes of 执法主体 records, matters, legal bases and matter-list revisions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from fazhi.core.ledger.services import jsonable, record
from fazhi.core.orgs.models import Agency, Unit
from fazhi.core.workflow.engine import register_action

from ..models import EnforcementSubject, LegalBasis, Matter, MatterListRevision

SUBJECT_SAVED = register_action("matters.subject.saved", "执法主体·登记")
MATTER_SAVED = register_action("matters.matter.saved", "执法事项·登记")
BASES_SAVED = register_action("matters.bases.saved", "执法事项·法律依据")
REVISION_RECORDED = register_action("matters.revision.recorded", "事项清单·新版本")

SUBJECT_FIELDS = (
    "nature",
    "basis",
    "duties",
    "address",
    "phone",
    "complaint_phone",
    "procedure",
    "remedies",
)
MATTER_FIELDS = (
    "name",
    "kind",
    "field",
    "unit",
    "fine_min",
    "fine_max",
    "in_review_catalogue",
    "review_catalogue_reason",
    "criminal_threshold_amount",
    "criminal_threshold_note",
    "life_health_finance",
    "active",
)


def subject_of(obj: Any) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


@transaction.atomic
def save_subject(agency: Agency, *, actor: Any, **values: Any) -> EnforcementSubject:
    """Create or update the agency's 执法主体 record (the 主体/职责/程序/救济 of 事前公示)."""
    unknown = set(values) - set(SUBJECT_FIELDS)
    if unknown:
        raise ValidationError({k: "不是执法主体信息的字段。" for k in unknown})
    if "nature" in values and values["nature"] not in EnforcementSubject.Nature.values:
        raise ValidationError({"nature": "主体性质无效。"})
    profile, created = EnforcementSubject.objects.update_or_create(agency=agency, defaults=values)
    record(
        subject_of(profile),
        SUBJECT_SAVED,
        {"agency": agency.pk, "created": created, **{k: jsonable(v) for k, v in values.items()}},
        actor=actor,
    )
    return profile


def _validate_matter(agency: Agency, values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not str(values.get("name") or "").strip():
        errors["name"] = "请填写事项名称。"
    if values.get("kind") not in Matter.Kind.values:
        errors["kind"] = f"事项类型无效，应为：{'、'.join(Matter.Kind.labels)}。"
    if not str(values.get("field") or "").strip():
        errors["field"] = "请填写执法领域（与执法证件载明的领域一致）。"
    low, high = values.get("fine_min"), values.get("fine_max")
    if low is not None and high is not None and low > high:
        errors["fine_max"] = "罚款上限不能低于罚款下限。"
    unit = values.get("unit")
    if unit is not None and isinstance(unit, Unit) and unit.agency_id != agency.pk:
        errors["unit"] = f"“{unit.name}”不是{agency.name}的内设机构。"
    if (
        values.get("in_review_catalogue")
        and not str(values.get("review_catalogue_reason") or "").strip()
    ):
        errors["review_catalogue_reason"] = (
            "纳入重大执法决定法制审核目录的，请写明理由（国办发〔2018〕118号 四（十二））。"
        )
    return errors


@transaction.atomic
def save_matter(agency: Agency, *, code: str, actor: Any, **values: Any) -> Matter:
    """Create or update the matter ``code`` of ``agency``; ledgers what changed."""
    code = (code or "").strip()
    unknown = set(values) - set(MATTER_FIELDS)
    if unknown:
        raise ValidationError({k: "不是执法事项的字段。" for k in unknown})
    matter = Matter.objects.select_for_update().filter(agency=agency, code=code).first()
    merged = {f: getattr(matter, f) for f in MATTER_FIELDS} if matter else {"active": True}
    merged.update(values)
    errors = _validate_matter(agency, merged)
    if not code:
        errors["code"] = "请填写事项编码。"
    if errors:
        raise ValidationError(errors)
    changed = {k: v for k, v in merged.items() if matter is None or getattr(matter, k) != v}
    if matter is not None and not changed:
        return matter
    if matter is None:
        matter = Matter.objects.create(agency=agency, code=code, **merged)
    else:
        for k, v in changed.items():
            setattr(matter, k, v)
        matter.save()
    record(
        subject_of(matter),
        MATTER_SAVED,
        {
            "agency": agency.pk,
            "code": code,
            "changed": {k: jsonable(v) for k, v in changed.items()},
        },
        actor=actor,
    )
    return matter


def _validate_basis(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for key, label in (("instrument", "法律文件"), ("article", "条款"), ("quote", "条文内容")):
        if not str(values.get(key) or "").strip():
            errors[key] = f"请填写{label}。"
    start, end = values.get("effective_from"), values.get("effective_to")
    if start is None:
        errors["effective_from"] = "请填写施行日期。"
    elif end is not None and end < start:
        errors["effective_to"] = "失效日期不能早于施行日期。"
    low, high = values.get("fine_min"), values.get("fine_max")
    if low is not None and high is not None and low > high:
        errors["fine_max"] = "罚款上限不能低于罚款下限。"
    if values.get("role", LegalBasis.Role.PRIMARY) not in LegalBasis.Role.values:
        errors["role"] = "依据类别无效。"
    return errors


def _overlaps(bases: list[Mapping[str, Any]]) -> str | None:
    """Primary bases of one matter must not be in force on the same day (第三十七条 needs one)."""
    primary = sorted(
        (b for b in bases if b.get("role", LegalBasis.Role.PRIMARY) == LegalBasis.Role.PRIMARY),
        key=lambda b: b["effective_from"],
    )
    for a, b in zip(primary, primary[1:], strict=False):
        if a.get("effective_to") is None or a["effective_to"] >= b["effective_from"]:
            return (
                f"实施（处罚）依据的施行期间重叠：{a['instrument']}{a['article']}（{a['effective_from']}起）"
                f"与{b['instrument']}{b['article']}（{b['effective_from']}起）；前一版本应在后一版本施行前一日失效。"
            )
    return None


@transaction.atomic
def replace_bases(
    matter: Matter, bases: Iterable[Mapping[str, Any]], *, actor: Any
) -> list[LegalBasis]:
    """Set the matter's legal bases to exactly ``bases`` (each a dict of LegalBasis fields).

    Unchanged versions are kept (so references from decided cases stay valid); removed ones are
    deleted unless a case refers to them.
    """
    wanted = [dict(b) for b in bases]
    errors = [msg for b in wanted for msg in _validate_basis(b).values()]
    overlap = _overlaps(wanted)
    if overlap:
        errors.append(overlap)
    if errors:
        raise ValidationError({"bases": errors})
    key = ("role", "instrument", "article", "effective_from")
    existing = {tuple(getattr(b, k) for k in key): b for b in matter.bases.all()}
    kept: list[LegalBasis] = []
    for b in wanted:
        b.setdefault("role", LegalBasis.Role.PRIMARY)
        row = existing.pop(tuple(b[k] for k in key), None)
        if row is None:
            row = LegalBasis.objects.create(matter=matter, **b)
        elif any(getattr(row, k) != v for k, v in b.items()):
            for k, v in b.items():
                setattr(row, k, v)
            row.save()
        kept.append(row)
    try:
        for row in existing.values():
            row.delete()
    except ProtectedError as exc:
        raise ValidationError(
            {"bases": f"法律依据“{row.citation}”已被案件引用，不能删除；请填写其失效日期。"}
        ) from exc
    record(
        subject_of(matter),
        BASES_SAVED,
        {
            "bases": [{k: jsonable(v) for k, v in b.items()} for b in wanted],
            "removed": len(existing),
        },
        actor=actor,
    )
    return kept


@transaction.atomic
def add_basis(matter: Matter, *, actor: Any, **values: Any) -> LegalBasis:
    """Add a new version of the matter's basis; the open-ended previous primary version ends the
    day before the new one takes effect."""
    current = [
        {
            f: getattr(b, f)
            for f in (
                "role",
                "instrument",
                "article",
                "quote",
                "effective_from",
                "effective_to",
                "fine_min",
                "fine_max",
            )
        }
        for b in matter.bases.all()
    ]
    values.setdefault("role", LegalBasis.Role.PRIMARY)
    start = values.get("effective_from")
    if values["role"] == LegalBasis.Role.PRIMARY and start is not None:
        for b in current:
            if (
                b["role"] == LegalBasis.Role.PRIMARY
                and b["effective_from"] < start
                and (b["effective_to"] is None or b["effective_to"] >= start)
            ):
                b["effective_to"] = start - timedelta(days=1)
    rows = replace_bases(matter, [*current, values], actor=actor)
    return rows[-1]


@transaction.atomic
def record_revision(
    agency: Agency,
    *,
    effective_from: date,
    note: str = "",
    file_digest: str = "",
    counts: Mapping[str, int] | None = None,
    actor: Any,
) -> MatterListRevision:
    """A new version of the agency's matter list (after an import or an edit round)."""
    last = MatterListRevision.objects.filter(agency=agency).order_by("-number").first()
    rev = MatterListRevision.objects.create(
        agency=agency,
        number=(last.number + 1) if last else 1,
        effective_from=effective_from,
        note=note[:300],
        file_digest=file_digest,
        counts=dict(counts or {}),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    entry = record(
        subject_of(rev),
        REVISION_RECORDED,
        {
            "agency": agency.pk,
            "number": rev.number,
            "effective_from": effective_from.isoformat(),
            "file_digest": file_digest,
            "counts": rev.counts,
            "matters": list(
                Matter.objects.filter(agency=agency, active=True).values_list("code", flat=True)
            ),
        },
        actor=actor,
    )
    rev.ledger_leaf = entry.id
    rev.save(update_fields=["ledger_leaf"])
    return rev
