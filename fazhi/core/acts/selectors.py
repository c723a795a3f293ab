"""Cross-channel queries over the act links: every matter about an act, the acts challenged,
corrected or lost in a period, and the acts complained about more than once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .registry import ActKind, Channel, channels, matters_about


@dataclass(frozen=True)
class MatterRow:
    """One matter about an act, as the act's page lists it."""

    channel: Channel
    matter: Any
    received_on: date | None
    decided_on: date | None
    corrected: bool | None  # None: the channel does not decide, or not decided yet

    @property
    def url(self) -> str:
        get = getattr(self.matter, "get_absolute_url", None)
        return get() if callable(get) else ""

    @property
    def outcome(self) -> str:
        if self.corrected is None:
            return ""
        if self.channel.court:
            return "败诉" if self.corrected else "未败诉"
        return "纠错" if self.corrected else "维持或驳回等"


def matter_rows(act: Any) -> list[MatterRow]:
    """Every matter in every channel about ``act``, oldest first."""
    rows: list[MatterRow] = []
    by_key = {c.key: c for c in channels()}
    for key, qs in matters_about(act).items():
        c = by_key[key]
        corrected_ids = (
            set(qs.filter(c.corrected).values_list("pk", flat=True)) if c.corrected else set()
        )
        for m in qs:
            decided = getattr(m, c.decided_on, None) if c.decided_on else None
            corrected = (m.pk in corrected_ids) if c.corrected is not None and decided else None
            received = getattr(m, c.received_on, None) if c.received_on else None
            rows.append(MatterRow(c, m, received, decided, corrected))
    return sorted(rows, key=lambda r: (r.received_on or date.min, r.channel.key, r.matter.pk))


def _linked(kind: ActKind, channel: Channel) -> QuerySet:
    ct = ContentType.objects.get_for_model(kind.model)
    return channel.model._default_manager.filter(act_type=ct, act_id__isnull=False)


def _in(qs: QuerySet, field: str, start: date, end: date) -> QuerySet:
    return qs.filter(**{f"{field}__gte": start, f"{field}__lte": end}) if field else qs


def _of_agencies(kind: ActKind, act_ids: Iterable[int], agency_ids: Iterable[int]) -> set[int]:
    """Those of ``act_ids`` whose act belongs to one of ``agency_ids``."""
    return set(
        kind.model._default_manager.filter(
            pk__in=list(act_ids), **{f"{kind.agency_field}_id__in": list(agency_ids)}
        ).values_list("pk", flat=True)
    )


def challenged(
    kind: ActKind, agency_ids: Iterable[int], start: date, end: date, *, court: bool = False
) -> tuple[set[int], set[int]]:
    """(acts with a matter decided in ``start..end``, those among them corrected), over the
    channels that decide on legality (only the court channels for ``court``)."""
    decided: set[int] = set()
    corrected: set[int] = set()
    for c in channels():
        if c.corrected is None or not c.decided_on or (court and not c.court):
            continue
        qs = _in(_linked(kind, c), c.decided_on, start, end).exclude(
            **{f"{c.decided_on}__isnull": True}
        )
        decided |= set(qs.values_list("act_id", flat=True))
        corrected |= set(qs.filter(c.corrected).values_list("act_id", flat=True))
    mine = _of_agencies(kind, decided, agency_ids)
    return mine, corrected & mine


def repeated(kind: ActKind, agency_ids: Iterable[int], start: date, end: date) -> set[int]:
    """Acts about which two or more matters (any channels) arrived in ``start..end``."""
    counts: Counter[int] = Counter()
    for c in channels():
        counts.update(
            _in(_linked(kind, c), c.received_on, start, end).values_list("act_id", flat=True)
        )
    return _of_agencies(kind, [a for a, n in counts.items() if n >= 2], agency_ids)


def losses_by_matter(
    kind: ActKind, agency_ids: Iterable[int], start: date, end: date
) -> list[tuple[Any, int, int]]:
    """(matter, acts decided in court, acts lost) per 执法事项, most losses first."""
    decided, lost = challenged(kind, agency_ids, start, end, court=True)
    field = kind.matter_field
    rows = kind.model._default_manager.filter(pk__in=decided).values_list("pk", f"{field}_id")
    per: dict[Any, list[int]] = {}
    for pk, matter_id in rows:
        per.setdefault(matter_id, []).append(pk)
    model = kind.model._meta.get_field(field).related_model
    assert model is not None  # the matter field is a foreign key
    matters = model._default_manager.in_bulk([m for m in per if m is not None])
    out = [
        (matters.get(m) if m is not None else None, len(pks), len(set(pks) & lost))
        for m, pks in per.items()
    ]
    return sorted(out, key=lambda r: (-r[2], -r[1], str(r[0])))


def acts_of_matter(
    kind: ActKind, agency_ids: Iterable[int], start: date, end: date, matter_id: int | None
) -> QuerySet:
    """The acts of one 执法事项 decided in court in the period (the drill-down of the table)."""
    decided, _ = challenged(kind, agency_ids, start, end, court=True)
    return kind.model._default_manager.filter(
        pk__in=decided, **{f"{kind.matter_field}_id": matter_id}
    )
