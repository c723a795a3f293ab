"""Queries over published items: search, the portal's filters, an item's publications."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from .models import PublishedItem


def search(qs: QuerySet[PublishedItem], q: str) -> QuerySet[PublishedItem]:
    """Every whitespace-separated term must occur in the title, text, fields or agency name."""
    for term in (q or "").split()[:8]:
        qs = qs.filter(search_text__contains=term.casefold())
    return qs


def in_year(qs: QuerySet[PublishedItem], year: int) -> QuerySet[PublishedItem]:
    """Items published in ``year`` (local time), as a range so the index on published_at serves."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(datetime(year, 1, 1).date(), time.min), tz)
    end = timezone.make_aware(datetime.combine(datetime(year + 1, 1, 1).date(), time.min), tz)
    return qs.filter(published_at__gte=start, published_at__lt=end)


def publications_of(source: Any) -> QuerySet[PublishedItem]:
    """The items a system record was published as (newest first)."""
    ct = ContentType.objects.get_for_model(type(source))
    return PublishedItem.objects.filter(source_type=ct, source_id=source.pk).order_by(
        "-published_at", "-id"
    )
