"""The publication door: the only write path of :class:`PublishedItem`.

``publish`` masks personal information with the kernel redactor before anything is stored,
times the publication against its statutory deadline on the official calendar, and ledgers the
digest of exactly what the public sees — in one transaction. ``withdraw`` takes an item off with
a public reason, timed against its own deadline (行政处罚法 第四十八条), and is ledgered too.
Refusals are Chinese :class:`ValidationError`\\ s naming the field; nothing is saved on refusal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.deadlines.services import calendar
from fazhi.core.ledger import services as ledger
from fazhi.core.ledger import tracking
from fazhi.core.orgs.models import Agency
from fazhi.core.workflow.engine import register_action
from fazhi.kernel import ledger as kernel_ledger
from fazhi.kernel.redact import redact, redact_fields
from fazhi.kernel.timelimits import compute_due, get_rule

from . import kinds
from .models import PublishedItem

PUBLISHED = register_action("publication.published", "政务公开·公开")
WITHDRAWN = register_action("publication.withdrawn", "政务公开·撤回")
IMPORTED = register_action("publication.imported", "政务公开·历史公开记录导入")

#: The statutory publication deadline of each kind, when the caller names none, and the deadline
#: of a withdrawal, are the kernel rules its system registered with the kind (:mod:`.kinds`).


def _finding(field: str, f: Any) -> dict[str, Any]:
    """What was masked, where and why — never the masked value itself."""
    return {
        "field": field,
        "kind": getattr(f, "kind", ""),
        "rule": getattr(f, "rule", ""),
        "ground": getattr(f, "ground", ""),
        "start": getattr(f, "start", None),
        "end": getattr(f, "end", None),
        "replacement": getattr(f, "replacement", ""),
    }


def _redact_text(
    field: str, text: str, *, names: Sequence[str], addresses: Sequence[str], keep: Sequence[str]
) -> tuple[str, list[dict[str, Any]]]:
    if not text:
        return text, []
    result = redact(text, names=tuple(names), addresses=tuple(addresses), keep=tuple(keep))
    return result.text, [_finding(field, f) for f in result.findings]


def _redact_public_fields(
    fields: Mapping[str, Any],
    *,
    names: Sequence[str],
    addresses: Sequence[str],
    name_fields: Sequence[str],
    address_fields: Sequence[str],
    keep: Sequence[str],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Mask the structured fields: name and address fields whole (the kernel's field rules),
    every other text field scanned like the body, with the caller's names and addresses and
    those of the name/address fields."""
    clean, field_findings = redact_fields(
        dict(fields),
        name_fields=tuple(name_fields),
        address_fields=tuple(address_fields),
        text_fields=(),
        keep=tuple(keep),
    )
    findings = [_finding(str(name), f) for name, f in field_findings]
    for key, value in list(clean.items()):
        if isinstance(value, str) and key not in name_fields and key not in address_fields:
            clean[key], extra = _redact_text(
                str(key), value, names=names, addresses=addresses, keep=keep
            )
            findings.extend(extra)
    return clean, findings


def _plain_fields(fields: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Flat public fields: dates and decimals become text; nested values are refused, because
    the redactor reads text and numbers only and nothing may reach the public unread."""
    out: dict[str, Any] = {}
    bad: list[str] = []
    for key, value in fields.items():
        if isinstance(value, date | Decimal):
            value = value.isoformat() if isinstance(value, date) else str(value)
        elif not (value is None or isinstance(value, str | int | float | bool)):
            bad.append(str(key))
        out[str(key)] = value
    return out, bad


def _search_text(*parts: Any) -> str:
    """One lower-cased string the portal searches (title, text, field values, agency)."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, Mapping):
            out.extend(f"{k} {v}" for k, v in part.items())
        elif part:
            out.append(str(part))
    return "\n".join(out).casefold()


def content_digest(
    *, kind: str, title: str, body: str, fields: Mapping[str, Any], agency_id: int
) -> str:
    """Digest (the ledger's algorithm, SM3 by default) of exactly what the public sees."""
    raw = kernel_ledger.canonical_json(
        {"kind": kind, "title": title, "body": body, "fields": dict(fields), "agency": agency_id}
    )
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return kernel_ledger.digest(data, ledger.algorithm())


def _deadline(rule_id: str, trigger: date, field: str):
    """The kernel's due date for ``rule_id`` from ``trigger``, on the official calendar."""
    try:
        get_rule(rule_id)
    except KeyError:
        raise ValidationError({field: f"未知的期限规则“{rule_id}”。"}) from None
    return compute_due(rule_id, trigger, calendar=calendar())


def _source_ref(source: Any) -> tuple[ContentType | None, int | None, str]:
    if source is None:
        return None, None, ""
    if getattr(source, "pk", None) is None:
        raise ValidationError({"source": "来源记录尚未保存，不能关联公开事项。"})
    ct = ContentType.objects.get_for_model(type(source))
    return ct, source.pk, f"{ct.app_label}.{ct.model}:{source.pk}"


def ledger_subject(item: PublishedItem) -> str:
    return f"publication.publisheditem:{item.pk}"


@transaction.atomic
def publish(
    *,
    kind: str,
    title: str,
    body: str,
    fields: Mapping[str, Any] | None = None,
    agency: Agency,
    source: Any = None,
    decided_on: date | None = None,
    rule_id: str | None = None,
    names: Iterable[str] = (),
    addresses: Iterable[str] = (),
    name_fields: Iterable[str] = (),
    address_fields: Iterable[str] = (),
    actor: Any,
) -> PublishedItem:
    """Publish one item through the door and return it.

    ``names``/``addresses`` are personal names and addresses known to the caller (e.g. the
    party to a penalty decision who is a natural person); the kernel also masks ID numbers,
    mobile numbers and the like by pattern. ``name_fields``/``address_fields`` name structured
    fields masked whole. The publishing agency's own name is never masked.

    ``rule_id`` is the publication deadline rule; ``None`` takes the kind's registered rule
    (:attr:`.kinds.PublicationKind.rule_id`), ``""`` means no statutory deadline. With a rule, ``decided_on``
    (the day the obligation arose) is required and ``on_time`` records whether today's
    publication met the due date.
    """
    item, payload = _prepare(
        Publication(
            kind=kind,
            title=title,
            body=body,
            fields=fields,
            agency=agency,
            source=source,
            decided_on=decided_on,
            rule_id=rule_id,
            names=tuple(names),
            addresses=tuple(addresses),
            name_fields=tuple(name_fields),
            address_fields=tuple(address_fields),
        ),
        published_on=None,
    )
    item.save()
    ledger.record(ledger_subject(item), PUBLISHED, payload, actor=actor)
    return item


@dataclass(frozen=True)
class Publication:
    """What a caller hands the door: the item before redaction and timing."""

    kind: str
    title: str
    body: str
    agency: Agency
    fields: Mapping[str, Any] | None = None
    source: Any = None
    decided_on: date | None = None
    rule_id: str | None = None
    names: Sequence[str] = ()
    addresses: Sequence[str] = ()
    name_fields: Sequence[str] = ()
    address_fields: Sequence[str] = ()
    #: For :func:`import_published` only: the day it was published elsewhere (required there).
    published_on: date | None = None


@transaction.atomic
def import_published(
    publications: Iterable[Publication], *, actor: Any, note: str = ""
) -> list[PublishedItem]:
    """The door's bulk path for publications made *before* the platform (a history import).

    Each item goes through the same redaction, digest and deadline computation as
    :func:`publish`, but carries the day it was actually published (``published_on``, never
    after today nor before its decision), so that historical decisions appear on the portal
    under their real dates and their timeliness is judged against those dates. The items are
    written in bulk; each is ledgered as ``publication.imported`` (not ``published``) with the
    day it was recorded and ``note``, so an import can never pass for a live publication.
    """
    prepared: list[tuple[PublishedItem, dict[str, Any]]] = []
    for pub in publications:
        if pub.published_on is None:
            raise ValidationError({"published_on": "导入历史公开记录须填写其实际公开日期。"})
        prepared.append(_prepare(pub, published_on=pub.published_on))
    items = PublishedItem.objects.bulk_create([item for item, _ in prepared], batch_size=500)
    recorded_on = timezone.localdate().isoformat()
    for item, payload in zip(items, (p for _, p in prepared), strict=True):
        ledger.record(
            ledger_subject(item),
            IMPORTED,
            {**payload, "recorded_on": recorded_on, "note": note or "历史公开记录导入"},
            actor=actor,
        )
    tracking.snapshot_many(items, actor=actor)  # bulk_create sends no signal
    return items


def _prepare(pub: Publication, *, published_on: date | None) -> tuple[PublishedItem, dict]:
    """Validate, redact, digest and time one item (unsaved) and its ledger payload.

    ``published_on`` is today for a live publication (``None``) or the historical day for an
    import. Refusals are :class:`ValidationError`\\ s naming the field.
    """
    kind, title, agency, decided_on = pub.kind, pub.title, pub.agency, pub.decided_on
    names, addresses = [n for n in pub.names if n], [a for a in pub.addresses if a]
    name_fields, address_fields = tuple(pub.name_fields), tuple(pub.address_fields)
    errors: dict[str, str] = {}
    registered = kinds.get(kind)
    if registered is None:
        errors["kind"] = f"未知的公开类别“{kind}”（没有已安装的制度登记此类别）。"
    if not (title or "").strip():
        errors["title"] = "请填写公开事项的标题。"
    elif len(title.strip()) > 300:
        errors["title"] = f"标题不能超过 300 个字符（现有 {len(title.strip())} 个）。"
    if agency is None or getattr(agency, "pk", None) is None:
        errors["agency"] = "请指定公开机关。"
    default_rule = registered.rule_id if registered is not None else ""
    effective_rule = default_rule if pub.rule_id is None else pub.rule_id
    now = timezone.now()
    today = timezone.localdate(now)
    if published_on is not None and published_on > today:
        errors["published_on"] = (
            f"公开日期（{published_on:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）。"
        )
    day = published_on or today
    if effective_rule and decided_on is None:
        errors["decided_on"] = (
            f"“{kinds.label(kind)}”有法定公开期限，请填写决定（形成）日期，期限自该日起算。"
        )
    if decided_on is not None and decided_on > day:
        errors["decided_on"] = (
            f"决定日期（{decided_on:%Y-%m-%d}）不能晚于公开日期（{day:%Y-%m-%d}）。"
        )
    given, bad = _plain_fields(pub.fields or {})
    if bad:
        errors["fields"] = f"公开字段的值须为文本或数字，以下字段不是：{'、'.join(bad)}。"
    if errors:
        raise ValidationError(errors)

    keep = [k for k in (agency.name, agency.short_name) if k]
    # A name or address given as a structured field is masked wherever else it occurs too.
    names += [v for k, v in given.items() if k in name_fields and isinstance(v, str) and v.strip()]
    addresses += [
        v for k, v in given.items() if k in address_fields and isinstance(v, str) and v.strip()
    ]
    clean_title, findings = _redact_text(
        "title", title.strip(), names=names, addresses=addresses, keep=keep
    )
    clean_body, body_findings = _redact_text(
        "body", pub.body or "", names=names, addresses=addresses, keep=keep
    )
    clean_fields, field_findings = _redact_public_fields(
        given,
        names=names,
        addresses=addresses,
        name_fields=name_fields,
        address_fields=address_fields,
        keep=keep,
    )
    findings += body_findings + field_findings

    due = provisional = on_time = None
    if effective_rule and decided_on is not None:  # validated above: a rule needs the date
        computed = _deadline(effective_rule, decided_on, "rule_id")
        due, provisional = computed.due, computed.provisional
        on_time = day <= due

    source_type, source_id, source_label = _source_ref(pub.source)
    digest = content_digest(
        kind=kind, title=clean_title, body=clean_body, fields=clean_fields, agency_id=agency.pk
    )
    # A historical publication is known by its day only: it is listed at the start of that day.
    published_at = (
        now
        if published_on is None
        else timezone.make_aware(datetime.combine(published_on, time.min))
    )
    item = PublishedItem(
        kind=kind,
        title=clean_title,
        body=clean_body,
        fields=clean_fields,
        agency=agency,
        source_type=source_type,
        source_id=source_id,
        decided_on=decided_on,
        rule_id=effective_rule,
        due=due,
        provisional=bool(provisional),
        published_at=published_at,
        published_on=day,
        on_time=on_time,
        findings=findings,
        digest=digest,
        search_text=_search_text(clean_title, clean_body, clean_fields, agency.name),
    )
    payload = {
        "kind": kind,
        "title": item.title,
        "agency": agency.pk,
        "source": source_label,
        "decided_on": decided_on.isoformat() if decided_on else None,
        "rule_id": effective_rule,
        "due": due.isoformat() if due else None,
        "published_on": day.isoformat(),
        "on_time": on_time,
        "content_digest": digest,
        "masked": [[f["field"], f["kind"], f["rule"]] for f in findings],
    }
    return item, payload


@transaction.atomic
def withdraw(
    item: PublishedItem,
    *,
    reason: str,
    on: date | None = None,
    rule_id: str | None = None,
    changed_on: date | None = None,
    names: Iterable[str] = (),
    actor: Any,
) -> PublishedItem:
    """Withdraw a published item, stating the reason publicly (行政处罚法 第四十八条:
    「行政机关应当在三日内撤回行政处罚决定信息并公开说明理由」).

    ``changed_on`` is the day the decision was changed, annulled, or confirmed illegal or void;
    the withdrawal deadline runs from it: ``rule_id``, by default the one registered with the
    item's kind (3 working days for a penalty), ``""`` for none. ``on`` is
    the day of withdrawal (today by default). ``names`` are personal names to mask in the
    reason, which is shown publicly. The item stays listed on the portal as 已撤回
    with the reason; its text is no longer shown.
    """
    today = timezone.localdate()
    on = on or today
    locked = PublishedItem.objects.select_for_update().get(pk=item.pk)
    if locked.status == PublishedItem.Status.WITHDRAWN:
        raise ValidationError(
            f"“{locked.title}”已于 {locked.withdrawn_on:%Y-%m-%d} 撤回，不能重复撤回。"
        )
    errors: dict[str, str] = {}
    if not (reason or "").strip():
        errors["reason"] = "撤回须公开说明理由（《中华人民共和国行政处罚法》第四十八条）。"
    if on > today:
        errors["on"] = f"撤回日期（{on:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）。"
    elif on < locked.published_on:
        errors["on"] = f"撤回日期（{on:%Y-%m-%d}）早于公开日期（{locked.published_on:%Y-%m-%d}）。"
    if changed_on is not None and changed_on > on:
        errors["changed_on"] = (
            f"原决定变更日期（{changed_on:%Y-%m-%d}）晚于撤回日期（{on:%Y-%m-%d}）。"
        )
    if errors:
        raise ValidationError(errors)

    keep = [k for k in (locked.agency.name, locked.agency.short_name) if k]
    clean_reason, reason_findings = _redact_text(
        "withdrawal_reason", reason.strip(), names=[n for n in names if n], addresses=(), keep=keep
    )
    if rule_id is None:
        registered = kinds.get(locked.kind)
        rule_id = registered.withdrawal_rule_id if registered is not None else ""
    due = on_time = None
    if rule_id and changed_on is not None:
        due = _deadline(rule_id, changed_on, "rule_id").due
        on_time = on <= due

    locked.status = PublishedItem.Status.WITHDRAWN
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_on = on
    locked.withdrawal_reason = clean_reason
    locked.withdrawal_rule_id = rule_id or ""
    locked.changed_on = changed_on
    locked.withdrawal_due = due
    locked.withdrawal_on_time = on_time
    locked.findings = [*locked.findings, *reason_findings]
    # A withdrawn text must not be found through the portal's search either.
    locked.search_text = _search_text(locked.title, clean_reason, locked.agency.name)
    locked.save()
    ledger.record(
        ledger_subject(locked),
        WITHDRAWN,
        {
            "reason": clean_reason,
            "withdrawn_on": on.isoformat(),
            "changed_on": changed_on.isoformat() if changed_on else None,
            "rule_id": rule_id or "",
            "due": due.isoformat() if due else None,
            "on_time": on_time,
            "content_digest": locked.digest,
        },
        actor=actor,
    )
    item.refresh_from_db()
    return locked
