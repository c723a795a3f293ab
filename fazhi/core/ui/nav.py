"""Navigation by system. Apps register their entries in ``AppConfig.ready``; what a user sees is
decided by the entry's policy function, never by the template."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    section: str  # Chinese section heading, e.g. "行政执法"
    label: str
    url_name: str
    allowed: Callable[[object], bool] = field(default=lambda user: True)
    order: int = 100


_ITEMS: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _ITEMS[item.url_name] = item


def visible(user) -> list[tuple[str, list[tuple[NavItem, str]]]]:
    """Sections with the items this user may open, in order, each with its resolved URL."""
    sections: dict[str, list[tuple[NavItem, str]]] = {}
    for item in sorted(_ITEMS.values(), key=lambda i: (i.order, i.label)):
        if not item.allowed(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        sections.setdefault(item.section, []).append((item, url))
    return list(sections.items())
