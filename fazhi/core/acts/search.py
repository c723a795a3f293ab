"""Finding an act by what a clerk knows of it: any part of its number or its party (the act
picker's suggestions), or its whole 案号 / 决定书文号 typed into the field (no JavaScript needed).

Each act kind declares what it is searched by (``ActKind.search_fields``, ``number_fields``);
this module names no system. Only acts of the agencies the user may see are found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet

from fazhi.core.accounts.policies import principal
from fazhi.core.ui.filters import search

from .registry import ActKind, act_kinds

LIMIT = 10


@dataclass(frozen=True)
class Found:
    kind: str  # the kind's label (行政处罚案件)
    label: str  # the act's own label (案号 当事人)
    ref: str  # what the act field takes: app_label.model:pk
    obj: Any


def reference(obj: Model) -> str:
    """The typed reference of a record, ``app_label.model:pk`` (e.g. ``enforcement.case:12``)."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def _visible(kind: ActKind, user: Any) -> QuerySet:
    qs = kind.model._default_manager.all()
    if kind.exclude is not None:
        qs = qs.exclude(kind.exclude)
    agencies = sorted(principal(user).visible_agency_ids)
    return qs.filter(**{f"{kind.agency_field}__in": agencies})


def find_acts(user: Any, text: str, limit: int = LIMIT) -> list[Found]:
    """Acts of every searchable kind whose declared fields contain ``text``, newest first."""
    text = (text or "").strip()
    if not text:
        return []
    out: list[Found] = []
    for kind in act_kinds():
        if not kind.search_fields:
            continue
        rows = search(_visible(kind, user), text, kind.search_fields).order_by("-pk")
        out += [Found(kind.label, str(r), reference(r), r) for r in rows[: limit - len(out)]]
        if len(out) >= limit:
            break
    return out


def by_number(user: Any, text: str) -> Any | None:
    """The one act whose 案号 (or another declared number) is ``text``, ignoring case and the
    spaces around it; ``None`` if none; a ``ValidationError`` naming them if several match."""
    text = (text or "").strip()
    if not text:
        return None
    hits: list[Any] = []
    for kind in act_kinds():
        if not kind.number_fields:
            continue
        cond = Q()
        for field in kind.number_fields:
            cond |= Q(**{f"{field}__iexact": text})
        hits += list(_visible(kind, user).filter(cond)[:5])
    if len(hits) > 1:
        names = "；".join(f"{h}（{reference(h)}）" for h in hits[:5])
        raise ValidationError(
            f"编号“{text}”对应多条记录：{names}。请从建议中选择或填写括号中的记录编号。"
        )
    return hits[0] if hits else None
